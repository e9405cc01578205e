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
  path: string;
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
  path: string;
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
  model: { name: string };
  from: string;
  select: string[];
  where: PathConstraint[];
  /** Outer-joined paths. */
  joins: string[];
  orderBy: SortOrder[];
  constraintLogic?: string;
  /** Display names of paths (`<pathDescription pathString description/>`), by path. */
  pathDescriptions?: Record<string, string>;
  name?: string;
  title?: string;
  description?: string;
}
