// The IDR search engine (`/searchengine/api/v1/resources/{resource}/search/`): key/value search
// over map annotations, paged with `bookmark` (the last hit's sort value). Traps handled here:
// zero hits come back as a bare list (`"results": []`), and errors are HTTP 200 `{"Error": …}`.
import { type CallOptions, cursorPages, type Paged, paged, path, type QueryValue, ValidationError } from '@bio/core-http';
import type { DatasetId, ImageId, PlateId, ProjectId, ScreenId, WellId } from './ids.js';
import { withCall } from './internal/call.js';
import type { IdrContext } from './internal/context.js';
import { withProgress } from './internal/progress.js';
import { callSignal } from './internal/signal.js';
import type { IdrListOptions } from './list-options.js';
import { isObject, unexpectedShape } from './internal/json.js';

/** What the search engine indexes. @example `'image'` */
export type SearchResource = 'image' | 'project' | 'screen' | 'well' | 'plate';
/** How `value` is compared. @example `'contains'` */
export type SearchOperator = 'equals' | 'not_equals' | 'contains' | 'not_contains' | 'in' | 'not_in';

/**
 * A key/value query.
 *
 * @example
 * ```ts
 * { key: 'Gene Symbol', value: 'CDC20', operator: 'equals', resource: 'image' }
 * ```
 */
export interface SearchQuery {
  /** Map-annotation key, e.g. `Gene Symbol`, `Organism`, `Phenotype`. */
  key: string;
  value: string;
  /** Default `equals`. */
  operator?: SearchOperator | undefined;
  /** Default `image`. */
  resource?: SearchResource | undefined;
  /** Default: the server's (case-insensitive). */
  caseSensitive?: boolean | undefined;
  /** Restrict to one study (its name or accession, e.g. `idr0002`). The server returns only the first page for study-restricted searches. */
  study?: string | undefined;
  /** Restrict to one data source. */
  dataSource?: string | undefined;
}

/** A key/value pair of a hit. @example `hit.key_values.find((kv) => kv.name === 'Gene Symbol')?.value` */
export interface SearchKeyValue {
  name: string;
  value: string;
  index?: number;
}

/**
 * One hit (an Elasticsearch document). Container fields are present for images.
 *
 * @example
 * ```ts
 * for await (const hit of idr.search({ key: 'Gene Symbol', value: 'CDC20' })) console.log(hit.id, hit.screen_name, hit.plate_id);
 * ```
 */
export interface SearchHit {
  id: number;
  name?: string;
  description?: string | null;
  key_values: SearchKeyValue[];
  owner_id?: number;
  group_id?: number;
  data_source?: string;
  project_id?: ProjectId | null;
  project_name?: string | null;
  dataset_id?: DatasetId | null;
  dataset_name?: string | null;
  screen_id?: ScreenId | null;
  screen_name?: string | null;
  plate_id?: PlateId | null;
  plate_name?: string | null;
  well_id?: WellId | null;
  wellsample_id?: number | null;
}

/** A hit of an image search, with its id typed. @example `hit.id as ImageId` */
export interface ImageSearchHit extends SearchHit {
  id: ImageId;
}

/** A study container matched by a search with `return_containers=true`. @example `c.type === 'screen' ? c.id : …` */
export interface SearchContainer {
  id: number;
  name: string;
  type: 'project' | 'screen';
  description?: string | null;
  key_values?: { key: string; value: string }[];
  /** Matching images in the container. */
  'image count': number;
}

/**
 * Options of {@link Idr.search}: an {@link IdrListOptions} (with `onProgress`). `pageSize` is not accepted: the search
 * engine fixes its page size (1000 on IDR) and has no parameter to change it.
 *
 * @example
 * ```ts
 * idr.search({ key: 'Gene Symbol', value: 'CDC20' }, { max: 100, timeout: 60_000 });
 * ```
 */
export type SearchOptions = Omit<IdrListOptions, 'pageSize'>;

export const OPERATORS = new Set<string>(['equals', 'not_equals', 'contains', 'not_contains', 'in', 'not_in']);

function params(q: SearchQuery): Record<string, QueryValue> {
  if (!isObject(q) || typeof q.key !== 'string' || q.key.length === 0) throw new ValidationError({ message: 'search needs a non-empty key', field: 'key' });
  if (typeof q.value !== 'string' || q.value.length === 0) throw new ValidationError({ message: 'search needs a non-empty value', field: 'value' });
  if (q.operator !== undefined && !OPERATORS.has(q.operator)) throw new ValidationError({ message: `unknown operator "${q.operator}"`, field: 'operator' });
  return { key: q.key, value: q.value, operator: q.operator ?? 'equals', case_sensitive: q.caseSensitive, study: q.study, data_source: q.dataSource };
}

function resourceOf(q: SearchQuery): SearchResource {
  const r = q.resource ?? 'image';
  if (!['image', 'project', 'screen', 'well', 'plate'].includes(r)) throw new ValidationError({ message: `unknown resource "${r}"`, field: 'resource' });
  return r;
}

export interface SearchPage {
  hits: SearchHit[];
  size: number | undefined;
  totalPages: number | undefined;
  bookmark: unknown;
}

export function readPage(body: unknown, url: string): SearchPage {
  if (!isObject(body)) throw unexpectedShape('a search-engine result object', url, body);
  const results = body.results;
  // Zero hits: the server sends a bare list instead of {results, size, bookmark, …}.
  if (Array.isArray(results)) return { hits: results as SearchHit[], size: results.length, totalPages: results.length === 0 ? 0 : 1, bookmark: undefined };
  if (results === undefined && typeof body.Error === 'string') return { hits: [], size: 0, totalPages: 0, bookmark: undefined };
  if (!isObject(results)) throw unexpectedShape('a search-engine result ({"results": {...}})', url, body);
  const inner = results.results;
  const hits = Array.isArray(inner) ? (inner as SearchHit[]) : [];
  const bookmark = Array.isArray(results.bookmark) ? results.bookmark[results.bookmark.length - 1] : results.bookmark;
  return {
    hits,
    size: typeof results.size === 'number' ? results.size : undefined,
    totalPages: typeof results.total_pages === 'number' ? results.total_pages : undefined,
    bookmark,
  };
}

/** GET `{resource}/search/` following the `bookmark` until every page is read; `total()` is the engine's `size`. */
export function search(ctx: IdrContext, query: SearchQuery, options: SearchOptions = {}): Paged<SearchHit> {
  const base = params(query);
  const route = path`searchengine/api/v1/resources/${resourceOf(query)}/search/`;
  return paged<SearchHit>(
    withProgress(({ max, signal }) => {
      let pagesRead = 0;
      return cursorPages<SearchHit, string>(
        async ({ cursor, signal: pageSignal }) => {
          const searchParams = { ...base, bookmark: cursor };
          const body = await ctx.http.get(route, withCall({ searchParams }, { signal: pageSignal, timeout: options.timeout })).json<unknown>();
          const page = readPage(body, ctx.http.url(route, searchParams));
          pagesRead++;
          const more =
            page.hits.length > 0 && page.bookmark !== undefined && page.bookmark !== null && page.totalPages !== undefined && pagesRead < page.totalPages;
          const result = { items: page.hits, total: page.size };
          return more ? { ...result, next: String(page.bookmark) } : result;
        },
        { max, signal },
      );
    }, options.onProgress),
    { ...options, signal: callSignal(ctx, options) },
  );
}

/** The total number of hits (`size` of the first page; 0 for no hits). */
export async function searchCount(ctx: IdrContext, query: SearchQuery, options?: CallOptions): Promise<number> {
  const route = path`searchengine/api/v1/resources/${resourceOf(query)}/search/`;
  const searchParams = params(query);
  const body = await ctx.http.get(route, withCall({ searchParams }, options)).json<unknown>();
  const page = readPage(body, ctx.http.url(route, searchParams));
  return page.size ?? page.hits.length;
}

/** GET `{resource}/search/?…&return_containers=true` → the studies (screens and projects) with their matching image counts. */
export async function searchContainers(ctx: IdrContext, query: SearchQuery, options?: CallOptions): Promise<SearchContainer[]> {
  const route = path`searchengine/api/v1/resources/${resourceOf(query)}/search/`;
  const searchParams = { ...params(query), return_containers: true };
  const body = await ctx.http.get(route, withCall({ searchParams }, options)).json<unknown>();
  const url = ctx.http.url(route, searchParams);
  if (!isObject(body)) throw unexpectedShape('a search-engine result object', url, body);
  const results = body.results;
  if (Array.isArray(results)) return results as SearchContainer[];
  if (results === undefined && typeof body.Error === 'string') return [];
  if (isObject(results) && Array.isArray(results.results)) return results.results as SearchContainer[];
  throw unexpectedShape('a containers result ({"results": {"results": [...]}})', url, body);
}
