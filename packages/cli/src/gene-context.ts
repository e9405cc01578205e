// `bio gene-context`: gene symbols or ids → MyGene.info (which gene, which species) → IDR images
// annotated with the gene (search engine, key "Gene Symbol") → the gene's pathways from the
// species' InterMine mine. One row per gene × image; a gene without images, pathways or a mine
// is still a row, and its `note` says what is missing.
import type { Idr } from '@bio/idr';
import type { InterMine } from '@bio/intermine';
import type { Hit, MyGene } from '@bio/mygene';
import type { CommandContext } from './context.js';
import { FLYMINE_URL, HUMANMINE_URL } from './mines.js';
import { describeError } from './errors.js';
import { readTerms, type TermSource } from './input.js';
import type { Row } from './output.js';
import { chunks, ordered } from './stream.js';

/**
 * The mines `gene-context` reads pathways from, by NCBI taxonomy id.
 *
 * @example
 * ```ts
 * MINES[7227].baseUrl; // 'https://www.flymine.org/flymine'
 * ```
 */
export const MINES: Readonly<Record<number, { name: string; baseUrl: string; env: string; option: 'humanmine' | 'flymine' }>> = {
  9606: { name: 'HumanMine', baseUrl: HUMANMINE_URL, env: 'HUMANMINE_URL', option: 'humanmine' },
  7227: { name: 'FlyMine', baseUrl: FLYMINE_URL, env: 'FLYMINE_URL', option: 'flymine' },
};

/** The columns of `bio gene-context`, in order. */
export const GENE_CONTEXT_COLUMNS = [
  'gene',
  'status',
  'symbol',
  'mygene_id',
  'taxid',
  'pathways',
  'mine',
  'image_id',
  'image_name',
  'study',
  'image_link',
  'note',
] as const;

/**
 * What {@link geneContext} needs: the three clients (a mine per taxonomy id) and the limits.
 *
 * @example
 * ```ts
 * const deps: GeneContextDeps = { mygene, idr, mine: (taxid) => (taxid === 7227 ? flymine : undefined), idrLink: (id) => `…${id}` };
 * ```
 */
export interface GeneContextDeps {
  mygene: MyGene;
  idr: Idr;
  /** The mine of a species, or `undefined` when there is none. */
  mine(taxid: number): InterMine | undefined;
  /** Why a species' mine is not asked (a note for the row), or `undefined` to ask it. */
  skipMine?: ((taxid: number) => string | undefined) | undefined;
  /** The web link of an image. */
  idrLink(id: number): string;
  scopes: readonly string[];
  species: readonly string[];
  /** Images per gene at most. */
  maxImages: number;
}

/** A one-line reason, without the `error: ` prefix and newline describeError adds. */
function reason(error: unknown): string {
  return describeError(error, false)
    .replace(/^error: /, '')
    .trimEnd();
}

async function pathwaysOf(mine: InterMine, symbol: string, taxid: number): Promise<string[]> {
  const query = mine
    .query('Gene')
    .select(['Gene.symbol', 'Gene.pathways.identifier', 'Gene.pathways.name'])
    .where('Gene.symbol', '=', symbol)
    .where('Gene.organism.taxonId', '=', String(taxid));
  const out: string[] = [];
  for await (const [, id, name] of mine.rows(query)) out.push(`${name} (${id})`);
  return [...new Set(out)];
}

async function rowsForGene(deps: GeneContextDeps, term: string, hits: readonly Hit[]): Promise<Row[]> {
  if (hits.length === 0) {
    return [{ gene: term, status: 'missing', note: `MyGene.info: no gene matches ${term} in ${deps.species.join(', ')}` }];
  }
  // Several hits (a symbol in two species): the first, MyGene's best match, and say so.
  const hit = hits[0] as Hit;
  const status = hits.length === 1 ? 'found' : `ambiguous (${hits.length})`;
  const symbol = String(hit.symbol ?? term);
  const taxid = Number(hit.taxid);
  const notes: string[] = [];
  if (hits.length > 1) notes.push(`MyGene.info has ${hits.length} genes for ${term}; the first (${hit._id}) is shown`);
  const skipped = deps.skipMine?.(taxid);
  const mine = skipped === undefined ? deps.mine(taxid) : undefined;
  const mineInfo = MINES[taxid];
  const [images, pathways] = await Promise.all([
    deps.idr
      .search({ key: 'Gene Symbol', value: symbol }, { max: deps.maxImages })
      .toArray()
      .catch((error: unknown) => {
        notes.push(`IDR search failed: ${reason(error)}`);
        return undefined;
      }),
    mine
      ? pathwaysOf(mine, symbol, taxid).catch((error: unknown) => {
          notes.push(`${mineInfo?.name ?? 'InterMine'} failed: ${reason(error)}`);
          return undefined;
        })
      : Promise.resolve(undefined),
  ]);
  if (skipped !== undefined) notes.push(skipped);
  else if (!mine) notes.push(`no InterMine mine for taxon ${taxid} (HumanMine: 9606, FlyMine: 7227)`);
  else if (pathways?.length === 0) notes.push(`no pathways in ${mineInfo?.name ?? 'the mine'}`);
  if (images?.length === 0) notes.push('no images in IDR');
  const base: Row = {
    gene: term,
    status,
    symbol,
    mygene_id: hit._id,
    taxid,
    pathways: pathways ?? [],
    mine: mine?.baseUrl ?? '',
  };
  if (!images || images.length === 0) return [{ ...base, note: notes.join('; ') }];
  return images.map((image) => ({
    ...base,
    image_id: image.id,
    image_name: image.name,
    study: image.screen_name ?? image.project_name ?? '',
    image_link: deps.idrLink(image.id),
    note: notes.join('; '),
  }));
}

/**
 * Stream the gene-context rows of the terms of `source`: MyGene in batches of 1000, then the
 * images and pathways of up to 4 genes at once, rows in input order.
 *
 * @example
 * ```ts
 * for await (const row of geneContext(ctx, { file: 'genes.txt' }, deps)) console.log(row);
 * ```
 */
export async function* geneContext(ctx: CommandContext, source: TermSource | readonly string[], deps: GeneContextDeps): AsyncGenerator<Row> {
  const terms = Array.isArray(source)
    ? (async function* () {
        yield* source as readonly string[];
      })()
    : readTerms(ctx.io, source as TermSource);
  const mapped = ordered(chunks(terms, 1000), 2, (batch) =>
    deps.mygene.queryMany(batch, {
      scopes: deps.scopes,
      species: deps.species as never,
      fields: ['symbol', 'name', 'taxid', 'entrezgene'],
    }),
  );
  const genes = (async function* () {
    for await (const [batch, result] of mapped) for (const term of batch) yield { term, hits: result.byQuery.get(term) ?? [] };
  })();
  for await (const [, rows] of ordered(genes, 4, (g) => rowsForGene(deps, g.term, g.hits))) yield* rows;
}
