// The plain data shapes of a PathQuery, shared by the builder (query.ts) and the codec (query-codec.ts).
import type { PathConstraint } from './constraints.js';

/**
 * Sort direction.
 *
 * @example
 * ```ts
 * q.orderBy('length', 'desc');
 * ```
 */
export type SortDirection = 'asc' | 'desc';

/**
 * One sort key.
 *
 * @example
 * ```ts
 * q.sortOrder; // [{ path: 'Gene.symbol', direction: 'asc' }]
 * ```
 */
export interface SortOrder {
  /** The absolute path sorted on, e.g. `Gene.symbol`. */
  path: string;
  /** `'asc'` or `'desc'`. */
  direction: SortDirection;
}

/**
 * A join style for a reference or collection (`INNER` is the default, `OUTER` keeps rows without a match).
 *
 * @example
 * ```ts
 * q.outerJoin('pathways').joins; // [{ path: 'Gene.pathways', style: 'OUTER' }]
 * ```
 */
export interface Join {
  /** The absolute path of the reference or collection, e.g. `Gene.pathways`. */
  path: string;
  /** `'OUTER'` keeps rows without a match; `'INNER'` (the default) drops them. */
  style: 'INNER' | 'OUTER';
}

/**
 * The JSON form of a query (what {@link Query.toJSON} writes and {@link Query.fromJSON} reads).
 * `fromJSON` also reads the template shape of `GET /templates?format=json`.
 *
 * @example
 * ```ts
 * const json: QueryJSON = { model: { name: 'genomic' }, from: 'Gene', select: ['Gene.symbol'], where: [], joins: [], orderBy: [] };
 * ```
 */
export interface QueryJSON {
  /** The data model the query is written against, e.g. `{ name: 'genomic' }`. */
  model: { name: string };
  /** The root class, e.g. `Gene`. */
  from: string;
  /** The output columns, as absolute paths, in order. */
  select: string[];
  /** The constraints, in the order they were added. */
  where: PathConstraint[];
  /** Outer-joined paths. */
  joins: string[];
  /** The sort keys, most significant first; empty for the server's default order. */
  orderBy: SortOrder[];
  /** How the constraint codes combine, e.g. `A and (B or C)`; absent means all ANDed. */
  constraintLogic?: string;
  /** Display names of paths (`<pathDescription pathString description/>`), by path. */
  pathDescriptions?: Record<string, string>;
  /** The template's or saved query's name, when it has one. */
  name?: string;
  /** The template's title, when it has one. */
  title?: string;
  /** The template's description, when it has one. */
  description?: string;
}
