// GET /query and POST /query.
import type { MapIdsOptions, QueryManyOptions, QueryOptions } from './options.js';
import type { Duplicate, Gene, Hit, QueryManyResult, QueryResponse } from './types.js';
import { batchedEntries, type TermResult } from './internal/batching.js';
import { requestOptions } from './internal/call-options.js';
import type { Context } from './internal/context.js';
import { queryManyParams, queryParams, toSearchParams } from './internal/params.js';
import { expectRecord, formatError } from './internal/response.js';
import { checkString, fail } from './internal/validate.js';

export async function runQuery(ctx: Context, q: unknown, o: QueryOptions = {}): Promise<QueryResponse> {
  const text = checkString('q', q);
  const params = queryParams(o, ctx.email);
  const body = expectRecord(
    await ctx.http.get('query', { searchParams: { q: text, ...toSearchParams(params) }, ...requestOptions(o) }).json<unknown>(),
    'GET query',
  );
  // With facets and an empty page (size=0, or from past the matches) the server leaves `hits` out.
  if (body.hits === undefined) return { ...body, hits: [] } as unknown as QueryResponse;
  if (!Array.isArray(body.hits)) throw formatError('GET query', 'hits to be a list', body.hits);
  return body as unknown as QueryResponse;
}

function termBatches(ctx: Context, terms: unknown, o: QueryManyOptions): AsyncGenerator<TermResult[]> {
  const params = queryManyParams(o, ctx.email);
  return batchedEntries(ctx, terms, { endpoint: 'query', params, inputName: 'terms' }, o);
}

export async function runQueryMany(ctx: Context, terms: unknown, o: QueryManyOptions = {}): Promise<QueryManyResult> {
  const hits: Hit[] = [];
  const missing: string[] = [];
  const byQuery = new Map<string, Hit[]>();
  const counts = new Map<string, number>();
  for await (const results of termBatches(ctx, terms, o)) {
    for (const { term, entries } of results) {
      const found = entries.filter((e) => e.notfound !== true) as unknown as Hit[];
      if (found.length === 0) missing.push(term);
      for (const hit of found) {
        hits.push(hit);
        counts.set(hit.query, (counts.get(hit.query) ?? 0) + 1);
      }
      if (!byQuery.has(term)) byQuery.set(term, found);
    }
  }
  const duplicates: Duplicate[] = [];
  for (const [query, count] of counts) if (count > 1) duplicates.push({ query, count });
  return { hits, missing, duplicates, byQuery };
}

function score(hit: Hit): number {
  return typeof hit._score === 'number' ? hit._score : Number.NEGATIVE_INFINITY;
}

export async function runMapIds(ctx: Context, terms: unknown, o: MapIdsOptions = {}): Promise<Map<string, Hit<Gene> | null>> {
  const pick = o.pick ?? 'first';
  if (pick !== 'first' && pick !== 'best') fail('pick', `expected 'first' or 'best', got ${JSON.stringify(pick)}`);
  const { pick: _pick, ...rest } = o;
  const out = new Map<string, Hit | null>();
  for await (const results of termBatches(ctx, terms, rest)) {
    for (const { term, entries } of results) {
      if (out.has(term)) continue;
      const found = entries.filter((e) => e.notfound !== true) as unknown as Hit[];
      let chosen: Hit | null = found[0] ?? null;
      if (pick === 'best') for (const hit of found) if (chosen && score(hit) > score(chosen)) chosen = hit;
      out.set(term, chosen);
    }
  }
  return out;
}
