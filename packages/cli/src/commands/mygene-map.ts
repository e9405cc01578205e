import type { Hit, Species } from '@bio/mygene';
import type { CommandContext } from '../context.js';
import { readTerms, type TermSource } from '../input.js';
import type { Row } from '../output.js';
import { progressReporter } from '../progress.js';
import { chunks, ordered } from '../stream.js';
import { mygeneClient } from '../clients.js';
import { collectGarbage } from '../internal/gc.js';

/** Batches between full garbage collections (see internal/gc.ts). */
const GC_EVERY = 50;

/** Terms per request: MyGene's maximum, and the client's default batch size. */
export const MAP_BATCH = 1000;

/**
 * Options of {@link mapTerms}.
 *
 * @example
 * ```ts
 * const options: MapOptions = { fields: ['symbol'], scopes: ['symbol'], concurrency: 2 };
 * ```
 */
export interface MapOptions {
  fields: readonly string[];
  /** `undefined`: the server's default fields (`fields` names the columns). */
  requestFields?: readonly string[] | undefined;
  scopes?: readonly string[] | undefined;
  species?: Species | undefined;
  concurrency?: number | undefined;
  baseUrl?: string | undefined;
}

/** The value at a dotted path of a hit (`genomic_pos.chr`), lists walked. */
function pick(value: unknown, path: readonly string[]): unknown {
  if (path.length === 0 || value === undefined || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => pick(v, path));
  if (typeof value !== 'object') return undefined;
  return pick((value as Record<string, unknown>)[path[0] as string], path.slice(1));
}

/**
 * One row per input term: `status` is `found` (one hit), `missing` or `ambiguous` (several hits:
 * each column then lists every hit's value, in the server's order), `hits` the count.
 *
 * @example
 * ```ts
 * termRow('tp53', hits, ['symbol']); // { query: 'tp53', status: 'ambiguous', hits: 2, _id: ['7157', '24842'], symbol: ['TP53', 'Tp53'] }
 * ```
 */
export function termRow(term: string, hits: readonly Hit[], fields: readonly string[]): Row {
  const status = hits.length === 0 ? 'missing' : hits.length === 1 ? 'found' : 'ambiguous';
  const row: Row = { query: term, status, hits: hits.length };
  for (const column of ['_id', ...fields]) {
    const path = column.split('.');
    const values = hits.map((h) => pick(h, path));
    row[column] = hits.length === 1 ? values[0] : hits.length === 0 ? null : values;
  }
  return row;
}

/** Count the terms of a file (for the bar's total and ETA), reading it once more, in constant memory. */
async function countTerms(ctx: CommandContext, source: TermSource): Promise<number> {
  let n = 0;
  for await (const _ of readTerms(ctx.io, source)) n++;
  return n;
}

/**
 * `bio mygene map`: stream the terms in batches of {@link MAP_BATCH}, at most `concurrency + 1`
 * batches read ahead, and write one row per term in input order as each batch answers.
 * Returns the counts per status (for the summary line).
 *
 * @example
 * ```ts
 * await mapTerms(ctx, { file: 'ids.txt' }, { fields: ['symbol'], scopes: ['symbol'] });
 * ```
 */
export async function mapTerms(ctx: CommandContext, source: TermSource, o: MapOptions): Promise<{ found: number; missing: number; ambiguous: number }> {
  const client = mygeneClient(ctx, o.concurrency, o.baseUrl);
  const counts = { found: 0, missing: 0, ambiguous: 0 };
  const wantsBar = ctx.io.stderr.isTTY && !ctx.options.quiet && source.file !== undefined && source.file !== '-';
  const total = wantsBar ? await countTerms(ctx, source) : undefined;
  const progress = progressReporter(ctx.io, { label: 'mygene map', unit: 'terms', quiet: ctx.options.quiet });
  const out = ctx.writer(['query', 'status', 'hits', '_id', ...o.fields]);
  const query = (batch: string[]) => client.queryMany(batch, { fields: o.requestFields, scopes: o.scopes, species: o.species, batchSize: MAP_BATCH });
  let done = 0;
  let requests = 0;
  try {
    for await (const [batch, result] of ordered(chunks(readTerms(ctx.io, source), MAP_BATCH), (o.concurrency ?? 1) + 1, query)) {
      for (const term of batch) {
        const row = termRow(term, result.byQuery.get(term) ?? [], o.fields);
        counts[row.status as keyof typeof counts]++;
        out.row(row);
      }
      done += batch.length;
      requests++;
      if (requests % GC_EVERY === 0) collectGarbage();
      progress.update({ done, total, requests, totalRequests: total === undefined ? undefined : Math.ceil(total / MAP_BATCH) });
      await ctx.drained();
    }
  } finally {
    progress.finish();
  }
  out.end();
  return counts;
}
