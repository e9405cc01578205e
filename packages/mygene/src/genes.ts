// GET /gene/{id} and POST /gene.
import { isNotFoundError, path } from '@bio/core-http';
import type { GeneOptions, GenesOptions } from './options.js';
import type { Gene, GenesResult, Hit, NotFound } from './types.js';
import { batchedEntries, type TermResult } from './internal/batching.js';
import { requestOptions } from './internal/call-options.js';
import { type Context, isRecord } from './internal/context.js';
import { expectRecord } from './internal/response.js';
import { cacheKeyPrefix, geneParams, toSearchParams } from './internal/params.js';
import { checkTerm } from './internal/validate.js';
import { MultipleGenesError } from './errors.js';

/**
 * True for the `{query, notfound: true}` entries of batch answers.
 *
 * @example
 * ```ts
 * for await (const entry of mg.genesStream(ids)) if (!isNotFound(entry)) console.log(entry.symbol);
 * ```
 */
export function isNotFound(entry: unknown): entry is NotFound {
  return isRecord(entry) && entry.notfound === true;
}

export async function getGene(ctx: Context, id: unknown, o: GeneOptions = {}): Promise<Gene | null> {
  const geneId = checkTerm('id', id, 0);
  const params = geneParams(o, ctx.email);
  const key = ctx.cache ? cacheKeyPrefix('gene/{id}', params) + geneId : undefined;
  if (ctx.cache && key) {
    const cached = await ctx.cache.get(key);
    if (isRecord(cached)) return cached as Gene;
  }
  let doc: Gene;
  try {
    const body = await ctx.http.get(path`gene/${geneId}`, { searchParams: toSearchParams(params), ...requestOptions(o) }).json<unknown>();
    // An id matching several documents (an Ensembl gene or a retired Entrez id shared by several
    // genes) is answered with the list of them, not one object (ESResultFormatter.transform with
    // `one`): none is picked, the error carries them all.
    if (Array.isArray(body) && body.length > 1)
      throw new MultipleGenesError(
        geneId,
        body.map((d) => expectRecord(d, 'GET gene/{id}') as Gene),
      );
    doc = expectRecord(Array.isArray(body) && body.length === 1 ? body[0] : body, 'GET gene/{id}') as Gene;
  } catch (e) {
    // MyGene answers an unknown id with a JSON error body; a 404 page without one is a wrong
    // route (a bad baseUrl) and stays an error.
    if (isNotFoundError(e) && isRecord(e.body)) return null;
    throw e;
  }
  if (ctx.cache && key) await ctx.cache.set(key, doc);
  return doc;
}

function geneBatches(ctx: Context, ids: unknown, o: GenesOptions): AsyncGenerator<TermResult[]> {
  const params = geneParams(o, ctx.email);
  return batchedEntries(ctx, ids, { endpoint: 'gene', params, inputName: 'ids' }, o);
}

export async function* streamGenes(ctx: Context, ids: unknown, o: GenesOptions = {}): AsyncGenerator<Hit | NotFound> {
  for await (const results of geneBatches(ctx, ids, o)) {
    for (const { entries } of results) for (const entry of entries) yield entry as unknown as Hit | NotFound;
  }
}

export async function getGenes(ctx: Context, ids: unknown, o: GenesOptions = {}): Promise<GenesResult> {
  const hits: Hit[] = [];
  const missing: string[] = [];
  for await (const results of geneBatches(ctx, ids, o)) {
    for (const { entries } of results) {
      for (const entry of entries) {
        if (isNotFound(entry)) missing.push(entry.query);
        else hits.push(entry as unknown as Hit);
      }
    }
  }
  return { hits, missing };
}
