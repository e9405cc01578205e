// A counting semaphore. p-limit would be core-http's only runtime dependency besides ky, for
// about twenty lines, so it is written here (see STYLE.md).

/**
 * Runs tasks with at most `concurrency` of them pending at once; the others wait in order.
 *
 * @example
 * ```ts
 * const limit = limitConcurrency(4);
 * const thumbnails = await Promise.all(ids.map((id) => limit(() => idr.thumbnail(id))));
 * ```
 */
export interface ConcurrencyLimit {
  /** Run `task` when a slot is free; resolves or rejects as the task does. */
  <T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running now. */
  readonly activeCount: number;
  /** Tasks waiting for a slot. */
  readonly pendingCount: number;
}

/**
 * Make a {@link ConcurrencyLimit}. Throws a `TypeError` unless `concurrency` is an integer ≥ 1.
 *
 * @example
 * ```ts
 * const limit = limitConcurrency(2);
 * await Promise.all([1, 2, 3].map((n) => limit(async () => n * 2)));
 * ```
 */
export function limitConcurrency(concurrency: number): ConcurrencyLimit {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new TypeError(`concurrency must be an integer ≥ 1, got ${concurrency}`);
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  const limit = async <T>(task: () => Promise<T>): Promise<T> => {
    if (active < concurrency) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      release();
    }
  };
  Object.defineProperties(limit, {
    activeCount: { get: () => active },
    pendingCount: { get: () => waiting.length },
  });
  return limit as ConcurrencyLimit;
}
