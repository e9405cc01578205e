/**
 * A lazily fetched list: iterate it with `for await`, or collect it with `toArray()`.
 * Nothing is requested until iteration starts; every iteration starts from the first page.
 *
 * @example
 * ```ts
 * for await (const screen of idr.screens()) console.log(screen.Name);
 * const first10 = await idr.screens().toArray({ max: 10 });
 * ```
 */
export interface PagedList<T> extends AsyncIterable<T> {
  /** Collect the items (at most `max`, if given) into an array. */
  toArray(options?: { max?: number }): Promise<T[]>;
}

/**
 * Options of every list.
 *
 * @example
 * ```ts
 * idr.wells({ plate: 8958 }, { max: 50, signal: AbortSignal.timeout(10_000) });
 * ```
 */
export interface ListOptions {
  /** Stop after this many items (fewer requests when small). Default: all. */
  max?: number;
  /** Cancels the iteration and its in-flight request. */
  signal?: AbortSignal;
  /**
   * Items per request. Default: `/api/v0` lists ask for the server's own default first, then
   * page with the server's `meta.maxLimit`; `webclient/api` lists use the client's `webclientPageSize`.
   * Sent as given: the server clamps it to its `maxLimit` (`/api/v0`) or refuses a non-integer
   * with a plain-text 400 (`webclient/api`).
   */
  pageSize?: number;
}
