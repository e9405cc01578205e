import { type HttpClient, ValidationError } from '@bio/core-http';

/**
 * Options of `mine.search()`.
 *
 * @example
 * ```ts
 * await mine.search('eve', { facets: { Category: 'Gene', 'organism.shortName': 'D. melanogaster' }, size: 10 });
 * ```
 */
export interface SearchOptions {
  /** Facet filters: `{ Category: 'Gene' }` is sent as `facet_Category=Gene`. */
  facets?: Record<string, string>;
  /** Hits per page. Server default 100. */
  size?: number;
  /** First hit (0-based). */
  start?: number;
  /** Only search inside this list. */
  list?: string;
  /** Leave out facet counts (faster). */
  noFacets?: boolean;
  signal?: AbortSignal;
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
  id: number;
  type: string;
  relevance: number;
  fields: Record<string, unknown>;
}

/**
 * The result of a keyword search.
 *
 * @example
 * ```ts
 * const { totalHits, results, facets } = await mine.search('eve');
 * facets.Category; // { Gene: 30, Protein: 12 }
 * ```
 */
export interface SearchResult {
  totalHits: number;
  results: SearchHit[];
  /** Facet name → value → count. */
  facets: Record<string, Record<string, number>>;
}

/** `GET /search`. */
export async function runSearch(http: HttpClient, q: string, options: SearchOptions = {}): Promise<SearchResult> {
  if (typeof q !== 'string') throw new ValidationError({ message: 'the search term must be a string', field: 'q' });
  for (const [key, value] of [
    ['size', options.size],
    ['start', options.start],
  ] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) throw new ValidationError({ message: `${key} must be a non-negative integer`, field: key });
  }
  const params: Record<string, string | number | boolean | undefined> = { q, size: options.size, start: options.start, list: options.list, nofacets: options.noFacets };
  for (const [name, value] of Object.entries(options.facets ?? {})) {
    if (!name) throw new ValidationError({ message: 'facet names must be non-empty', field: 'facets' });
    params[`facet_${name}`] = value;
  }
  const body = await http.get('search', { searchParams: params, idempotent: true, ...(options.signal ? { signal: options.signal } : {}) }).json<Partial<SearchResult>>();
  return { totalHits: Number(body.totalHits ?? 0), results: body.results ?? [], facets: body.facets ?? {} };
}
