// The search engine's query language (`POST submitquery/`): key/value filters joined by AND and
// OR, each with its operator, case sensitivity for the whole query; hits paged by `bookmark`,
// `total()` from the first page (no second identical request). Export jobs (`async_submitquery/`,
// `check_query_job/`, `return_query_results/`) are polled with core-http's `poll()`.
import { type CallOptions, createHttpError, cursorPages, type Paged, paged, poll, ValidationError } from '@bio/core-http';
import { callOf, withCall } from './internal/call.js';
import type { IdrContext } from './internal/context.js';
import { formatError, isObject, jsonOf, unexpectedShape } from './internal/json.js';
import { withProgress } from './internal/progress.js';
import { callSignal } from './internal/signal.js';
import { OPERATORS, readPage, type SearchHit, type SearchOperator, type SearchOptions } from './search-engine.js';
import { type Download, filenameFromContentDisposition } from './webclient.js';

/** One key/value condition. @example `{ key: 'Organism', value: 'Homo sapiens' }` */
export interface SearchFilter {
  /** The map-annotation key (sent as `name`), e.g. `Organism`; must not be empty. */
  key: string;
  /** The value to compare with; must not be empty. */
  value: string;
  /** Default `equals`. */
  operator?: SearchOperator | undefined;
}

/**
 * A query: every `and` filter holds, and in each `or` group at least one does.
 *
 * @example
 * ```ts
 * const q: SearchQueryLanguage = {
 *   and: [{ key: 'Organism', value: 'Homo sapiens' }, { key: 'Pathology', value: 'Normal tissue, NOS', operator: 'not_equals' }],
 *   or: [[{ key: 'Organism Part', value: 'Breast' }, { key: 'Organism Part', value: 'Prostate' }]],
 * };
 * ```
 */
export interface SearchQueryLanguage {
  /** Filters that must all hold (`and_filters`). */
  and?: readonly SearchFilter[] | undefined;
  /** Groups of filters, each group non-empty, of which at least one filter must hold (`or_filters`). */
  or?: readonly (readonly SearchFilter[])[] | undefined;
  /** Default: the server's (case-insensitive). */
  caseSensitive?: boolean | undefined;
}

interface WireFilter {
  name: string;
  value: string;
  operator: SearchOperator;
  resource: 'image';
}

function wireFilter(f: SearchFilter, field: string): WireFilter {
  if (!isObject(f as unknown) || typeof f.key !== 'string' || f.key.length === 0)
    throw new ValidationError({ message: `${field}: a filter needs a non-empty key`, field });
  if (typeof f.value !== 'string' || f.value.length === 0) throw new ValidationError({ message: `${field}: a filter needs a non-empty value`, field });
  if (f.operator !== undefined && !OPERATORS.has(f.operator)) throw new ValidationError({ message: `${field}: unknown operator "${f.operator}"`, field });
  return { name: f.key, value: f.value, operator: f.operator ?? 'equals', resource: 'image' };
}

/** The JSON body's `query_details`, checked before any request. */
export function queryDetails(input: SearchQueryLanguage): Record<string, unknown> {
  if (!isObject(input)) throw new ValidationError({ message: 'query needs and/or filters', field: 'query' });
  const q = input as SearchQueryLanguage;
  const and = (q.and ?? []).map((f, i) => wireFilter(f, `and[${i}]`));
  const or = (q.or ?? []).map((g, i) => {
    if (!Array.isArray(g) || g.length === 0) throw new ValidationError({ message: `or[${i}] must be a non-empty list of filters`, field: `or[${i}]` });
    return g.map((f, j) => wireFilter(f, `or[${i}][${j}]`));
  });
  if (and.length === 0 && or.length === 0) throw new ValidationError({ message: 'query needs at least one filter', field: 'query' });
  const details: Record<string, unknown> = { and_filters: and, or_filters: or };
  if (q.caseSensitive !== undefined) details.case_sensitive = q.caseSensitive;
  return details;
}

const ROUTE = 'searchengine/api/v1/resources/';

/** POST `submitquery/` following the `bookmark` until every page is read. */
export function query(ctx: IdrContext, q: SearchQueryLanguage, options: SearchOptions = {}): Paged<SearchHit> {
  const details = queryDetails(q);
  const route = `${ROUTE}submitquery/`;
  return paged<SearchHit>(
    withProgress(({ max, signal }) => {
      let pagesRead = 0;
      return cursorPages<SearchHit, unknown>(
        async ({ cursor, signal: pageSignal }) => {
          const json = cursor === undefined ? { query_details: details } : { query_details: details, bookmark: [cursor] };
          // A read-only POST: retried like a GET.
          const request = withCall({ json, idempotent: true }, { signal: pageSignal, timeout: options.timeout });
          const { body, at } = await jsonOf(ctx.http.post(route, request), 'POST', ctx.http.url(route));
          const page = readPage(body, at);
          pagesRead++;
          const more =
            page.hits.length > 0 && page.bookmark !== undefined && page.bookmark !== null && page.totalPages !== undefined && pagesRead < page.totalPages;
          const result = { items: page.hits, total: page.size };
          return more ? { ...result, next: page.bookmark } : result;
        },
        { max, signal },
      );
    }, options.onProgress),
    { ...options, signal: callSignal(ctx, options) },
  );
}

/**
 * Options of {@link Idr.exportQuery}: the polling of the job (core-http's `poll()` options) and
 * {@link CallOptions}.
 *
 * @example
 * ```ts
 * await idr.exportQuery(q, { interval: 2000, backoff: 1.5, deadline: 600_000 });
 * ```
 */
export interface ExportQueryOptions extends CallOptions {
  /** First wait between two checks of the job, ms. Default 2000. */
  interval?: number | undefined;
  /** Each wait is the previous one times this. Default 1.5. */
  backoff?: number | undefined;
  /** Longest wait between checks, ms. Default 30 000. */
  maxInterval?: number | undefined;
  /** Give up (TimeoutError) after this many ms. Default: none. */
  deadline?: number | undefined;
}

/**
 * Run a query as an export job (`async_submitquery/`), wait for it (`check_query_job/`, polled with
 * `poll()`), then stream its CSV (`return_query_results/?file_type=csv`). A job that ends in
 * FAILURE is a ServerError; one that found nothing is a NotFoundError.
 */
export async function exportQuery(
  ctx: IdrContext,
  q: SearchQueryLanguage,
  options: ExportQueryOptions = {},
): Promise<Download & { queryId: string; total: number | undefined }> {
  const details = queryDetails(q);
  const call = callOf(options);
  const { body: submitted, at: submitAt } = await jsonOf(
    ctx.http.post(`${ROUTE}async_submitquery/`, withCall({ json: { query_details: details } }, call)),
    'POST',
    ctx.http.url(`${ROUTE}async_submitquery/`),
  );
  if (!isObject(submitted) || typeof submitted.query_id !== 'string') throw unexpectedShape('{"query_id": "…"}', submitAt, submitted);
  const queryId = submitted.query_id;
  const statusUrl = ctx.http.url(`${ROUTE}check_query_job/`, { query_id: queryId });
  const result = await poll<Record<string, unknown>>(
    async ({ signal }) => {
      const { body, at } = await jsonOf(
        ctx.http.get(`${ROUTE}check_query_job/`, withCall({ searchParams: { query_id: queryId } }, { signal, timeout: options.timeout })),
        'GET',
        statusUrl,
      );
      if (!isObject(body) || typeof body.status !== 'string') throw unexpectedShape('{"status": "…"}', at, body);
      if (body.status === 'FAILURE' || body.status === 'REVOKED')
        throw createHttpError({ status: 500, method: 'GET', url: statusUrl, service: 'idr', serviceMessage: `export job ${queryId}: ${body.status}` });
      if (body.status !== 'SUCCESS') return { done: false };
      if (typeof body.Result === 'string')
        throw createHttpError({ status: 404, method: 'GET', url: statusUrl, service: 'idr', serviceMessage: `export job ${queryId}: ${body.Result}` });
      if (!isObject(body.Result)) throw unexpectedShape('{"status": "SUCCESS", "Result": {...}}', at, body);
      return { done: true, value: body.Result };
    },
    {
      interval: options.interval ?? 2000,
      backoff: options.backoff ?? 1.5,
      maxInterval: options.maxInterval,
      deadline: options.deadline,
      signal: callSignal(ctx, options),
      what: `search-engine export job ${queryId}`,
    },
  );
  const route = `${ROUTE}return_query_results/`;
  const searchParams = { query_id: queryId, file_type: 'csv' };
  const response = await ctx.http.get(route, withCall({ searchParams }, call));
  if (!response.body) throw formatError({ method: 'GET', url: ctx.http.url(route, searchParams), status: response.status }, 'empty file');
  const length = response.headers.get('content-length');
  return {
    queryId,
    total: typeof result.total_results === 'number' ? result.total_results : undefined,
    filename: filenameFromContentDisposition(response.headers.get('content-disposition')) ?? `${queryId}.csv`,
    contentType: response.headers.get('content-type') ?? undefined,
    size: length === null || !/^\d+$/.test(length) ? undefined : Number(length),
    stream: response.body,
  };
}
