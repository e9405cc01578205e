import { abortErrorFrom } from './internal/abort-reason.js';
import { sleep as sleepUntil } from './internal/sleep.js';

/**
 * Wait `ms` milliseconds, or reject with an `AbortError` (a `TimeoutError` for
 * `AbortSignal.timeout()`) as soon as `signal` fires. A zero wait sets no timer.
 *
 * @example
 * ```ts
 * await sleep(1000, { signal: AbortSignal.timeout(5000) });
 * ```
 */
export async function sleep(ms: number, options: { signal?: AbortSignal | undefined } = {}): Promise<void> {
  const { signal } = options;
  try {
    await sleepUntil(ms, signal === undefined ? [] : [signal]);
  } catch (error) {
    if (signal?.aborted) throw abortErrorFrom(signal);
    throw error;
  }
}
