// Fake-clock helpers the packages' test suites share (not published).
import { expect, vi } from 'vitest';

/**
 * The outcome of `work`, run on a fake clock (the fetch is injected and never answers, so only
 * ky's timeout timer can end it): checks that it settles exactly at `ms`, not a millisecond sooner.
 */
export async function settlesAt(ms: number, work: () => Promise<unknown>): Promise<unknown> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  try {
    let settled = false;
    const outcome = work()
      .catch((e: unknown) => e)
      .finally(() => {
        settled = true;
      });
    await vi.advanceTimersByTimeAsync(ms - 1);
    expect(settled, `settled before ${ms} ms`).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(settled, `still pending at ${ms} ms`).toBe(true);
    return await outcome;
  } finally {
    vi.useRealTimers();
  }
}
