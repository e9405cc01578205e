// One cell of a result row: its own module, so query.ts and results.ts need not import each other.

/**
 * One cell of a result row (`format=json`): a string, number, boolean or null.
 *
 * @example
 * ```ts
 * const row: Cell[] = ['eve', 1540];
 * ```
 */
export type Cell = string | number | boolean | null;
