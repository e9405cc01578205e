import { type HttpClient, type ListOptions, offsetPages, type Paged, paged, ResponseFormatError, ValidationError } from '@bio/core-http';
import { callOpt } from './internal/request-options.js';

/**
 * Options of `mine.search()`.
 *
 * @example
 * ```ts
 * await mine.search('eve', { facets: { Category: 'Gene', 'organism.shortName': 'D. melanogaster' }, max: 10 }).toArray();
 * ```
 */
export interface SearchOptions extends ListOptions {
  /** Facet filters: `{ Category: 'Gene' }` is sent as `facet_Category=Gene`. */
  facets?: Record<string, string> | undefined;
  /** First hit (0-based). Default 0. */
  start?: number | undefined;
  /** Only search inside this list. */
  list?: string | undefined;
  /** Leave out facet counts (faster). */
  noFacets?: boolean | undefined;
}

/**
 * One keyword-search hit.
 *
 * @example
 * ```ts
 * const hit: SearchHit = { id: 1016298, type: 'Gene', relevance: 0.93, fields: { symbol: 'eve' } };
 * ```
 */
export interface SearchHit {
  /** The object's InterMine id. */
  id: number;
  /** The object's class, e.g. `Gene`. */
  type: string;
  /** The search engine's relevance score (higher is better). */
  relevance: number;
  /** The object's key fields, by name (e.g. `{ symbol: 'eve' }`). */
  fields: Record<string, unknown>;
}

/**
 * Facet name → value → count, e.g. `{ Category: { Gene: 30, Protein: 12 } }`.
 *
 * @example
 * ```ts
 * const facets: SearchFacets = await mine.search('eve').facets();
 * ```
 */
export type SearchFacets = Record<string, Record<string, number>>;

/**
 * The hits of a keyword search (a {@link Paged}: `total()` is the server's `totalHits`), and the
 * facet counts of the search.
 *
 * @example
 * ```ts
 * const hits = mine.search('eve', { facets: { Category: 'Gene' }, max: 10 });
 * for await (const hit of hits) console.log(hit.type, hit.fields.symbol);
 * (await hits.facets()).Category; // { Gene: 30 }
 * ```
 */
export interface SearchResults extends Paged<SearchHit> {
  /**
   * The facet counts sent with the first page (fetched now if no iteration did yet).
   *
   * @example
   * ```ts
   * const { Category } = await mine.search('eve').facets(); // { Gene: 30, Protein: 12 }
   * ```
   */
  facets(): Promise<SearchFacets>;
}

interface SearchBody {
  totalHits?: unknown;
  results?: unknown;
  facets?: SearchFacets;
}

/** Server default page size of `/search`. */
const SEARCH_PAGE = 100;

/** `GET /search`, paged with `start`/`size`. */
export function runSearch(http: HttpClient, q: string, options: SearchOptions = {}): SearchResults {
  if (typeof q !== 'string') throw new ValidationError({ message: 'the search term must be a string', field: 'q' });
  if (options.start !== undefined && (!Number.isInteger(options.start) || options.start < 0))
    throw new ValidationError({ message: 'start must be a non-negative integer', field: 'start' });
  const params: Record<string, string | number | boolean | undefined> = { q, list: options.list, nofacets: options.noFacets };
  for (const [name, value] of Object.entries(options.facets ?? {})) {
    if (!name) throw new ValidationError({ message: 'facet names must be non-empty', field: 'facets' });
    params[`facet_${name}`] = value;
  }
  let facets: SearchFacets | undefined;
  const url = http.url('search');
  const hits = paged<SearchHit>(
    ({ max, signal }) =>
      offsetPages(
        async ({ offset, limit }) => {
          const body = await http
            .get('search', {
              searchParams: { ...params, start: offset === 0 ? undefined : offset, size: limit },
              ...callOpt({ signal, timeout: options.timeout }),
            })
            .json<SearchBody>();
          if (!Array.isArray(body.results) || typeof body.totalHits !== 'number') {
            throw new ResponseFormatError({
              message: `GET ${url}: the response has no "results" array or numeric "totalHits"`,
              service: 'intermine',
              method: 'GET',
              url,
              body,
            });
          }
          facets ??= body.facets ?? {};
          return { items: body.results as SearchHit[], total: body.totalHits };
        },
        { pageSize: options.pageSize ?? SEARCH_PAGE, start: options.start, max, signal },
      ),
    options,
  );
  return {
    ...hits,
    [Symbol.asyncIterator]: () => hits[Symbol.asyncIterator](),
    async facets() {
      if (facets === undefined) await hits.total();
      return facets ?? {};
    },
  };
}
