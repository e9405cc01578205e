import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collect, isAbortError, isValidationError, offsetPages, paginateOffset } from '@bio/core-http';

const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The fake API's delays run on a fake clock that jumps to the next timer whenever nothing else can
// run: pages finish in the order of their delays, every time, and no test waits for real.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  vi.setTimerTickMode('nextTimerAsync');
});
afterEach(() => {
  vi.useRealTimers();
});

interface Call {
  offset: number;
  limit: number;
  signal?: AbortSignal;
}

/**
 * A fake offset API over `data` that answers after `delay(call)` ms (so later pages can finish
 * first), serves at most `cap` items per page, and records what was in flight.
 */
function slowApi(data: number[], o: { cap?: number; withTotal?: boolean; delay?: (c: Call) => number; fail?: (c: Call) => Error | undefined } = {}) {
  const calls: Call[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetchPage = async (p: Call) => {
    calls.push(p);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      await tick(o.delay?.(p) ?? 1);
      p.signal?.throwIfAborted();
      const failure = o.fail?.(p);
      if (failure) throw failure;
      const items = data.slice(p.offset, p.offset + Math.min(p.limit, o.cap ?? Number.POSITIVE_INFINITY));
      return o.withTotal === false ? { items } : { items, total: data.length };
    } finally {
      inFlight--;
    }
  };
  return { calls, fetchPage, maxInFlight: () => maxInFlight };
}

describe('offsetPages with concurrency', () => {
  it('yields every item once, in order, when later pages answer first', async () => {
    const api = slowApi(range(0, 95), { delay: (c) => (c.offset === 0 ? 1 : 40 - c.offset / 5) });
    expect(await collect(paginateOffset(api.fetchPage, { pageSize: 10, concurrency: 4 }))).toEqual(range(0, 95));
    expect(api.calls.map((c) => c.offset)).toEqual(range(0, 10).map((i) => i * 10));
    expect(api.maxInFlight()).toBe(4);
  });

  it('asks for the first page alone, then overlaps the rest', async () => {
    const log: string[] = [];
    const api = slowApi(range(0, 50), { delay: () => 5 });
    const fetchPage = async (c: Call) => {
      log.push(`start ${c.offset}`);
      const page = await api.fetchPage(c);
      log.push(`end ${c.offset}`);
      return page;
    };
    await collect(paginateOffset(fetchPage, { pageSize: 10, concurrency: 4 }));
    expect(log.slice(0, 6)).toEqual(['start 0', 'end 0', 'start 10', 'start 20', 'start 30', 'start 40']);
  });

  it('stays one page at a time without a total', async () => {
    const api = slowApi(range(0, 25), { withTotal: false });
    expect(await collect(paginateOffset(api.fetchPage, { pageSize: 10, concurrency: 4 }))).toEqual(range(0, 25));
    expect(api.maxInFlight()).toBe(1);
    expect(api.calls).toHaveLength(3);
  });

  it('asks only for what max still needs', async () => {
    const api = slowApi(range(0, 1000));
    expect(await collect(paginateOffset(api.fetchPage, { pageSize: 10, start: 5, max: 33, concurrency: 3 }))).toEqual(range(5, 38));
    expect(api.calls.map((c) => [c.offset, c.limit])).toEqual([
      [5, 10],
      [15, 10],
      [25, 10],
      [35, 3],
    ]);
  });

  it('re-syncs on a server that caps the page size: nothing skipped or repeated', async () => {
    const api = slowApi(range(0, 47), { cap: 4 });
    expect(await collect(paginateOffset(api.fetchPage, { pageSize: 10, concurrency: 3 }))).toEqual(range(0, 47));
    // After the first short page the window restarts with the size the server gives.
    expect(api.calls.slice(1, 4).map((c) => [c.offset, c.limit])).toEqual([
      [4, 4],
      [8, 4],
      [12, 4],
    ]);
  });

  it('stops on an empty page when rows vanished after the total was counted', async () => {
    const data = range(0, 40);
    const api = slowApi(data);
    const pages = offsetPages(api.fetchPage, { pageSize: 10, concurrency: 2 });
    const seen: number[] = [];
    for await (const page of pages) {
      seen.push(...page.items);
      data.length = 15; // rows deleted after the first page
    }
    expect(seen).toEqual(range(0, 15));
  });

  it('requests at most `concurrency` pages ahead of a consumer that stops, and cancels them', async () => {
    const api = slowApi(range(0, 10_000), { delay: () => 5 });
    const first = await collect(paginateOffset(api.fetchPage, { pageSize: 10, concurrency: 3 }), { max: 15 });
    expect(first).toEqual(range(0, 15));
    expect(api.calls.length).toBeLessThanOrEqual(1 + 3);
    await tick(20);
    expect(api.calls.slice(2).every((c) => c.signal?.aborted)).toBe(true);
  });

  it('rejects with the failing page’s error, after the pages before it, and cancels the rest', async () => {
    const boom = new Error('page 30 failed');
    const api = slowApi(range(0, 100), { fail: (c) => (c.offset === 30 ? boom : undefined), delay: (c) => (c.offset === 30 ? 1 : 10) });
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const n of paginateOffset(api.fetchPage, { pageSize: 10, concurrency: 4 })) seen.push(n);
      })(),
    ).rejects.toBe(boom);
    expect(seen).toEqual(range(0, 30));
    await tick(20);
    expect(api.calls.filter((c) => c.offset > 30).every((c) => c.signal?.aborted)).toBe(true);
  });

  it('the caller’s signal aborts it mid-way with an AbortError', async () => {
    const controller = new AbortController();
    const api = slowApi(range(0, 100), { delay: () => 10 });
    const seen: number[] = [];
    const run = (async () => {
      for await (const n of paginateOffset(api.fetchPage, { pageSize: 10, concurrency: 4, signal: controller.signal })) {
        seen.push(n);
        if (n === 12) controller.abort(new Error('user stopped'));
      }
    })();
    const error = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAbortError(error)).toBe(true);
    expect(seen.at(-1)).toBe(12);
  });

  it('refuses a bad concurrency before any request', async () => {
    const api = slowApi(range(0, 10));
    for (const concurrency of [0, 1.5, -1]) {
      const error = await offsetPages(api.fetchPage, { pageSize: 10, concurrency })
        .next()
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(isValidationError(error)).toBe(true);
    }
    expect(api.calls).toHaveLength(0);
  });

  it('gives the same items as one page at a time, for any sizes, caps and limits', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 1, max: 25 }),
        fc.option(fc.integer({ min: 1, max: 25 }), { nil: undefined }),
        fc.integer({ min: 1, max: 6 }),
        fc.option(fc.integer({ min: 0, max: 130 }), { nil: undefined }),
        fc.integer({ min: 0, max: 10 }),
        async (size, pageSize, cap, concurrency, max, start) => {
          const data = range(0, size);
          const api = slowApi(data, { ...(cap === undefined ? {} : { cap }), delay: (c) => (c.offset * 7) % 3 });
          const got = await collect(paginateOffset(api.fetchPage, { pageSize, concurrency, max, start }));
          const expected = data.slice(start, max === undefined ? undefined : start + max);
          expect(got).toEqual(expected);
          // Never more than the pages needed plus one window (and the first, size-finding page).
          const perPage = Math.min(pageSize, cap ?? pageSize);
          expect(api.calls.length).toBeLessThanOrEqual(Math.ceil(expected.length / perPage) + concurrency + 1);
        },
      ),
      { numRuns: 150 },
    );
  });
});
