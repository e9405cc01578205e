// The live re-recording scenarios of @bio/mygene: one per fixture file (same name), each making
// exactly the calls of the contract tests behind that fixture. Fixtures only a fault (or an older
// server) can produce are listed in `unrecordable` instead and stay hand-written
// (scripts/write-fixtures.mjs). See docs/fixtures.md, "Re-recording".
import { isBadRequestError } from '@bio/core-http';
import { MyGene } from '../src/index.js';

/** A scenario: the calls behind one fixture, made with the given (recording) fetch. */
export type Scenario = (fetch: typeof globalThis.fetch) => Promise<unknown>;

/**
 * Await a call the fixture records as a failure (e.g. a 400): resolve with the expected error, and
 * throw when the call succeeds or fails differently (so a changed service is not recorded silently).
 */
async function expectFailure(call: Promise<unknown>, what: string, isExpected: (error: unknown) => boolean): Promise<unknown> {
  let result: unknown;
  try {
    result = await call;
  } catch (error) {
    if (isExpected(error)) return error;
    throw error;
  }
  throw new Error(`${what}: expected the service to refuse the request, but it answered ${JSON.stringify(result).slice(0, 200)}`);
}

/** The 1001 taxids of `query-over-limit` (one over the server's maximum of 1000 list entries). */
const OVER_LIMIT_SPECIES = Array.from({ length: 1001 }, (_, i) => 100000 + i);

/**
 * The recordable scenarios against `baseUrl` (the live service is `https://mygene.info/v3`), by
 * fixture name. Each builds `new MyGene({ baseUrl, fetch, retry: 0 })` so a transient failure is
 * not recorded as several exchanges, and makes the calls whose exchanges the fixture holds, in order.
 *
 * @example
 * ```ts
 * import { recordScenarios } from '@bio/core-http/testing';
 * await recordScenarios({ dir: 'packages/mygene/fixtures', scenarios: scenarios('https://mygene.info/v3'), only: ['gene-1017'] });
 * ```
 */
export function scenarios(baseUrl: string): Record<string, Scenario> {
  const client = (fetch: typeof globalThis.fetch, email?: string) => new MyGene({ baseUrl, fetch, retry: 0, ...(email === undefined ? {} : { email }) });
  return {
    'gene-1017': async (fetch) => {
      const mg = client(fetch);
      await mg.gene('1017', { fields: ['symbol', 'name'] });
      await mg.gene('1017', { fields: 'symbol,taxid,entrezgene,alias,genomic_pos,refseq.rna' });
    },
    'gene-404': async (fetch) => {
      const gene = await client(fetch).gene('0');
      if (gene !== null) throw new Error('gene-404: expected the unknown id 0 to answer 404');
    },
    'gene-dotfield': (fetch) => client(fetch).gene('1017', { fields: ['refseq.rna', 'genomic_pos.chr'], dotfield: true }),
    'genes-batch': async (fetch) => {
      const mg = client(fetch);
      await mg.genes(['1017', '695', 'xyz'], { fields: ['symbol', 'name', 'refseq.rna'] });
      await mg.genes(['1017', '7157'], { fields: ['symbol', 'taxid'] });
      // The contract test's cached re-run sends only the id it has not seen yet.
      await mg.genes(['695'], { fields: ['symbol', 'taxid'] });
      await mg.genes(['1017'], { fields: ['refseq.rna', 'genomic_pos.chr'], dotfield: true });
    },
    metadata: async (fetch) => {
      const mg = client(fetch);
      await mg.metadata();
      await mg.fields({ search: 'refseq' });
      await mg.fields({ prefix: 'genomic_pos' });
      await mg.fields({ search: 'symbol' });
    },
    'query-cdk2': async (fetch) => {
      const mg = client(fetch);
      await mg.query('symbol:cdk2');
      await mg.query('symbol:cdk2', { species: ['human', 'mouse'], size: 1, from: 1, fields: ['symbol', 'taxid'], entrezonly: true });
      await client(fetch, 'me@example.org').query('entrezgene:1017', {
        fields: ['symbol', 'alias'],
        alwaysList: ['symbol'],
        params: { jmespath: 'alias|[0]' },
      });
    },
    'query-cdk2-human': async (fetch) => {
      await client(fetch).query('symbol:cdk2', { species: 'human' });
    },
    'query-errors': async (fetch) => {
      const mg = client(fetch);
      await mg.query('cdk2', { fields: 'symbol', facets: 'taxid', facetSize: 1000, size: 1000, from: 9000, sort: 'taxid', species: 'human' });
      await expectFailure(mg.query('symbol:(cdk2'), 'query-errors', isBadRequestError);
    },
    'query-facets': async (fetch) => {
      const mg = client(fetch);
      await mg.query('cdk2', { size: 0, facets: 'taxid', facetSize: 3 });
      await mg.query('cdk2', { size: 1, facets: ['taxid', 'type_of_gene'], speciesFacetFilter: 'human' });
    },
    'query-over-limit': (fetch) => expectFailure(client(fetch).query('cdk2', { species: OVER_LIMIT_SPECIES }), 'query-over-limit', isBadRequestError),
    querymany: async (fetch) => {
      const mg = client(fetch);
      await mg.queryMany(['1017', 'tp53', 'dummy'], { scopes: ['entrezgene', 'symbol'], species: ['human', 'rat'] });
      await mg.queryMany(['tp53', 'cdk2', 'CDK 2'], { scopes: 'symbol', species: ['human', 'rat'], fields: ['symbol', 'taxid'] });
    },
    'querymany-flags': (fetch) =>
      client(fetch).mapIds(['ENSG00000123374', 'ENSG00000141510'], { scopes: 'ensembl.gene', fields: 'symbol,entrezgene', entrezonly: true }),
    scroll: async (fetch) => {
      // Every page to the end marker. Live, "brain" scrolls through many pages of 1000 hits: trim
      // the recorded pages to a few hits each before committing (docs/fixtures.md, "Review").
      for await (const _hit of client(fetch).fetchAll('brain')) {
        // read every page
      }
    },
  };
}

/**
 * Fixtures that cannot be re-recorded from the live service, with the reason. They stay
 * hand-written in scripts/write-fixtures.mjs.
 *
 * @example
 * ```ts
 * unrecordable['querymany-503']; // 'a 503 with Retry-After then a 200: …'
 * ```
 */
export const unrecordable: Readonly<Record<string, string>> = {
  'querymany-503': 'a 503 with Retry-After followed by a 200 for the same POST: only an overloaded server produces it, and recording uses retry: 0',
  'proxy-html':
    'HTML pages from proxies (an nginx 502 Bad Gateway, a filtering proxy answering 200 text/html): produced by a faulty network path, not by MyGene.info',
  'scroll-stale': 'needs the server-side scroll context to expire (more than a minute idle between pages) and the restarted scroll to page differently',
  'scroll-legacy-end':
    'the end marker "No results to return" of an older biothings release; the live server answers "No more results to return." (recorded by the scroll fixture)',
};
