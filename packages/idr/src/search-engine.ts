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
import { type Exchange, isObject, jsonOf, unexpectedShape } from './internal/json.js';

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
  /** The value to compare with (sent as `value`), e.g. `CDC20`; must not be empty. */
  value: string;
  /** Default `equals`. */
  operator?: SearchOperator | undefined;
  /** Default `image`. */
  resource?: SearchResource | undefined;
  /** Default: the server's (case-insensitive). */
  caseSensitive?: boolean | undefined;
  /**
   * Restrict to one study by name, ignoring case (e.g. `idr0021`). `search` and `searchCount` send it
   * as `study`, which the search engine looks up among project names only (a screen study such as
   * `idr0002` finds nothing) and answers with the first page only. `searchContainers` posts it as a
   * container name filter (`submitquery/containers/`), which matches screen and project names alike;
   * there it needs `resource: 'image'`.
   */
  study?: string | undefined;
  /** Restrict to one data source. */
  dataSource?: string | undefined;
}

/** A key/value pair of a hit. @example `hit.key_values.find((kv) => kv.name === 'Gene Symbol')?.value` */
export interface SearchKeyValue {
  /** The map-annotation key, e.g. `Gene Symbol`. */
  name: string;
  /** The value, as annotated. */
  value: string;
  /** The pair's 0-based position in its map annotation. */
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
  /** The OMERO id of the object found (of the searched `resource`: an image id for image searches). */
  id: number;
  /** The object's name. */
  name?: string;
  /** The object's description; null or absent when none. */
  description?: string | null;
  /** Every map-annotation pair indexed for the object (not only the matching one). */
  key_values: SearchKeyValue[];
  /** The owner's experimenter id. */
  owner_id?: number;
  /** The group's id. */
  group_id?: number;
  /** The data source the hit comes from (the search engine can index several OMERO servers). */
  data_source?: string;
  /** Images in a project: the project's id; null otherwise. */
  project_id?: ProjectId | null;
  /** Images in a project: the project's name (the study, e.g. `idr0021-…/experimentA`); null otherwise. */
  project_name?: string | null;
  /** Images in a dataset: the dataset's id; null otherwise. */
  dataset_id?: DatasetId | null;
  /** Images in a dataset: the dataset's name; null otherwise. */
  dataset_name?: string | null;
  /** Images in a screen: the screen's id; null otherwise. */
  screen_id?: ScreenId | null;
  /** Images in a screen: the screen's name (the study, e.g. `idr0002-…/screenA`); null otherwise. */
  screen_name?: string | null;
  /** Images in a plate: the plate's id; null otherwise. */
  plate_id?: PlateId | null;
  /** Images in a plate: the plate's name; null otherwise. */
  plate_name?: string | null;
  /** Images in a plate: the well's id; null otherwise. */
  well_id?: WellId | null;
  /** Images in a plate: the WellSample's (field's) id; null otherwise. */
  wellsample_id?: number | null;
}

/** A hit of an image search, with its id typed. @example `hit.id as ImageId` */
export interface ImageSearchHit extends SearchHit {
  /** The image's id. */
  id: ImageId;
}

/** A study container matched by a search with `return_containers=true`. @example `c.type === 'screen' ? c.id : …` */
export interface SearchContainer {
  /** The screen's or project's id (of the kind `type` says). */
  id: number;
  /** The container's name, e.g. `idr0002-heriche-condensation/screenA`. */
  name: string;
  /** Whether `id` is a screen or a project id. */
  type: 'project' | 'screen';
  /** The container's description, when the server sends it. */
  description?: string | null;
  /** The container's own map-annotation pairs (study information), as `key`/`value`. */
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

const ROUTE = 'searchengine/api/v1/resources/';

export const OPERATORS = new Set<string>(['equals', 'not_equals', 'contains', 'not_contains', 'in', 'not_in']);

function params(q: SearchQuery): Record<string, QueryValue> {
  if (!isObject(q) || typeof q.key !== 'string' || q.key.length === 0) throw new ValidationError({ message: 'search needs a non-empty key', field: 'key' });
  if (typeof q.value !== 'string' || q.value.length === 0) throw new ValidationError({ message: 'search needs a non-empty value', field: 'value' });
  if (q.operator !== undefined && !OPERATORS.has(q.operator)) throw new ValidationError({ message: `unknown operator "${q.operator}"`, field: 'operator' });
  // The server tests the raw string (`if case_sensitive:`): "false" would turn case sensitivity on.
  const caseSensitive = q.caseSensitive === true ? true : undefined;
  return { key: q.key, value: q.value, operator: q.operator ?? 'equals', case_sensitive: caseSensitive, study: q.study, data_source: q.dataSource };
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

export function readPage(body: unknown, at: Exchange): SearchPage {
  if (!isObject(body)) throw unexpectedShape('a search-engine result object', at, body);
  const results = body.results;
  // Zero hits: the server sends a bare list instead of {results, size, bookmark, …}.
  if (Array.isArray(results)) return { hits: results as SearchHit[], size: results.length, totalPages: results.length === 0 ? 0 : 1, bookmark: undefined };
  if (results === undefined && typeof body.Error === 'string') return { hits: [], size: 0, totalPages: 0, bookmark: undefined };
  if (!isObject(results)) throw unexpectedShape('a search-engine result ({"results": {...}})', at, body);
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
  // With a study the server drops the bookmark (query_handler.py simple_search): every page would be the first.
  const firstPageOnly = Boolean(query.study);
  return paged<SearchHit>(
    withProgress(({ max, signal }) => {
      let pagesRead = 0;
      return cursorPages<SearchHit, string>(
        async ({ cursor, signal: pageSignal }) => {
          const searchParams = { ...base, bookmark: cursor };
          const request = withCall({ searchParams }, { signal: pageSignal, timeout: options.timeout });
          const { body, at } = await jsonOf(ctx.http.get(route, request), 'GET', ctx.http.url(route, searchParams));
          const page = readPage(body, at);
          pagesRead++;
          const more =
            !firstPageOnly &&
            page.hits.length > 0 &&
            page.bookmark !== undefined &&
            page.bookmark !== null &&
            page.totalPages !== undefined &&
            pagesRead < page.totalPages;
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
  const { body, at } = await jsonOf(ctx.http.get(route, withCall({ searchParams }, options)), 'GET', ctx.http.url(route, searchParams));
  const page = readPage(body, at);
  return page.size ?? page.hits.length;
}

/**
 * The studies (screens and projects) with their matching image counts.
 *
 * - Without `study`: GET `{resource}/search/?…&return_containers=true`.
 * - With `study`: POST `submitquery/containers/` with the key/value filter and a `"resource": "container"`
 *   filter on `name` (urls.py submit_query_return_containers → utils.py adjust_query_for_container
 *   turns it into project and screen name filters). The GET route cannot take `study` here: query_handler.py
 *   simple_search hands the bare query_details to search_resource_annotation_return_containers_only and
 *   determine_search_results_ fails reading `query_.get("query_details")` (HTTP 500).
 */
export async function searchContainers(ctx: IdrContext, query: SearchQuery, options?: CallOptions): Promise<SearchContainer[]> {
  const resource = resourceOf(query);
  const base = params(query);
  const study = isObject(query) && query.study ? query.study : undefined;
  let body: unknown;
  let at: Exchange;
  if (study !== undefined) {
    // query_handler.py get_image_non_image_query merges the id conditions of a project/screen key filter
    // with the container's into one "should" group: the key filter would no longer restrict anything.
    if (resource !== 'image')
      throw new ValidationError({
        message: 'searchContainers with "study" needs resource "image": the search engine drops other resources\' filters',
        field: 'resource',
      });
    const route = `${ROUTE}submitquery/containers/`;
    const searchParams = { data_source: query.dataSource };
    const json = {
      resource: 'image',
      query_details: {
        and_filters: [
          { name: query.key, value: query.value, operator: base.operator, resource: 'image' },
          { name: 'name', value: study, operator: 'equals', resource: 'container' },
        ],
        or_filters: [],
        case_sensitive: query.caseSensitive === true,
      },
    };
    // A read-only POST: retried like a GET.
    ({ body, at } = await jsonOf(ctx.http.post(route, withCall({ json, searchParams, idempotent: true }, options)), 'POST', ctx.http.url(route, searchParams)));
  } else {
    const route = path`searchengine/api/v1/resources/${resource}/search/`;
    const searchParams = { ...base, return_containers: true };
    ({ body, at } = await jsonOf(ctx.http.get(route, withCall({ searchParams }, options)), 'GET', ctx.http.url(route, searchParams)));
  }
  if (!isObject(body)) throw unexpectedShape('a search-engine result object', at, body);
  const results = body.results;
  if (Array.isArray(results)) return results as SearchContainer[];
  // search_resource_annotation_return_containers_only skips a data source that answered only {"Error": …}
  // ("returns no results" among them): with none left the body is {}.
  if (results === undefined && (Object.keys(body).length === 0 || typeof body.Error === 'string')) return [];
  if (isObject(results) && Array.isArray(results.results)) return results.results as SearchContainer[];
  throw unexpectedShape('a containers result ({"results": {"results": [...]}})', at, body);
}
