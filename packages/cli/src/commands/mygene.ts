import { NotFoundError } from '@bio/core-http';
import { type Species, toRows } from '@bio/mygene';
import type { Command } from 'commander';
import { mygeneClient as client } from '../clients.js';
import type { CommandContext } from '../context.js';
import { count, list, positive, stdinTerms } from '../input.js';
import { progressReporter } from '../progress.js';

/** What MyGene.info returns for a query hit when no `fields` are sent. */
const DEFAULT_HIT_FIELDS = ['symbol', 'name', 'taxid', 'entrezgene'];

function species(value: string | undefined): Species | undefined {
  if (value === undefined) return undefined;
  const items = list(value) ?? [];
  return (items.length === 1 ? items[0] : items) as Species;
}

/**
 * Register `bio mygene gene|query|map`.
 *
 * @example
 * ```ts
 * registerMygene(program, () => context);
 * ```
 */
export function registerMygene(program: Command, context: () => CommandContext): void {
  const mygene = program.command('mygene').description('MyGene.info: gene annotation and id mapping');

  mygene
    .command('gene')
    .description('one gene by Entrez or Ensembl id')
    .argument('<id>')
    .option('--fields <fields>', 'comma-separated fields, or "all"', 'symbol,name')
    .action(async (id: string, opts: { fields: string }) => {
      const ctx = context();
      const fields = opts.fields === 'all' ? undefined : list(opts.fields);
      const gene = await client(ctx).gene(id, { fields });
      if (gene === null) throw new NotFoundError({ status: 404, service: 'mygene', message: `no gene with id ${id}` });
      if (ctx.format === 'json') ctx.io.stdout.write(`${JSON.stringify(gene, null, 2)}\n`);
      else ctx.print(toRows([gene], fields ? { columns: fields } : {}));
    });

  mygene
    .command('query')
    .description('full-text or fielded query (Lucene syntax)')
    .argument('<q>')
    .option('--species <species>', 'human, mouse, …, taxonomy ids or all (comma-separated)')
    .option('--fields <fields>', 'comma-separated fields (default: symbol,name,taxid,entrezgene)')
    .option('--size <n>', 'hits to return (0-1000)', count)
    .option('--facets <fields>', 'count hits per value of these fields, e.g. taxid')
    .option('--facet-size <n>', 'buckets per facet', positive)
    .action(async (q: string, opts: { species?: string; fields?: string; size?: number; facets?: string; facetSize?: number }) => {
      const ctx = context();
      const requested = list(opts.fields);
      const fields = requested ?? DEFAULT_HIT_FIELDS;
      const sp = species(opts.species);
      const facets = list(opts.facets);
      const res = await client(ctx).query(q, { fields: requested, species: sp, size: opts.size, facets, facetSize: opts.facetSize });
      const hits = res.hits ?? [];
      if (facets && hits.length === 0) {
        const rows = Object.entries(res.facets ?? {}).flatMap(([facet, f]) => (f.terms ?? []).map((t) => ({ facet, term: t.term, count: t.count })));
        ctx.print(rows, ['facet', 'term', 'count']);
      } else {
        ctx.print(toRows(hits, { columns: ['_id', ...fields] }), ['_id', ...fields]);
      }
      ctx.note(`${hits.length} of ${res.total} hits`);
    });

  mygene
    .command('map')
    .description('map identifiers read from stdin (one per line) to genes')
    .option('--scopes <scopes>', 'fields the terms are matched against, e.g. symbol,alias')
    .option('--fields <fields>', 'comma-separated fields to return (default: symbol,name,taxid,entrezgene)')
    .option('--species <species>', 'human, mouse, …, taxonomy ids or all')
    .option('--concurrency <n>', 'batches in flight (1-8)', positive)
    .action(async (opts: { scopes?: string; fields?: string; species?: string; concurrency?: number }) => {
      const ctx = context();
      const requested = list(opts.fields);
      const fields = requested ?? DEFAULT_HIT_FIELDS;
      const scopes = list(opts.scopes);
      const sp = species(opts.species);
      if (ctx.io.stdin.isTTY) ctx.note('reading terms from stdin, one per line (end with Ctrl-D; or pipe a file: bio mygene map … < ids.txt)');
      const progress = progressReporter(ctx.io, 'mygene map');
      try {
        // --concurrency is the client's option now: it bounds the batches of every call it makes.
        const result = await client(ctx, opts.concurrency).queryMany(stdinTerms(ctx.io), {
          fields: requested,
          scopes,
          species: sp,
          onProgress: (p) => progress.update(p),
        });
        const columns = ['query', '_id', ...fields];
        ctx.print(toRows(result.hits, { columns }), columns);
        progress.stop();
        ctx.note(
          `${result.hits.length} hits; ${result.missing.length} missing${result.missing.length ? `: ${result.missing.slice(0, 10).join(', ')}${result.missing.length > 10 ? ', …' : ''}` : ''}; ${result.duplicates.length} with several hits${
            result.duplicates.length
              ? `: ${result.duplicates
                  .slice(0, 10)
                  .map((d) => `${d.query} (${d.count})`)
                  .join(', ')}`
              : ''
          }`,
        );
      } finally {
        progress.stop();
      }
    });
}
