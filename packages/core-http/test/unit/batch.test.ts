import { afterEach, describe, expect, it, vi } from 'vitest';
import { type BatchError, type BatchOutcome, batch, isAbortError, isBatchError, isValidationError } from '@bio/core-http';

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

async function all<I, R>(iter: AsyncIterable<BatchOutcome<I, R>>): Promise<BatchOutcome<I, R>[]> {
  const out: BatchOutcome<I, R>[] = [];
  for await (const o of iter) out.push(o);
  return out;
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

afterEach(() => {
  vi.useRealTimers();
});

describe('batch', () => {
  it('yields in input order when batches complete out of order', async () => {
    const pending = range(4).map(() => deferred<string>());
    const started: number[] = [];
    const iter = batch(range(8), { size: 2, concurrency: 4 }, (items, { index }) => {
      started.push(index);
      return pending[index]!.promise.then((v) => `${v}:${items.join(',')}`);
    });
    const result = all(iter);
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    for (const i of [3, 1, 2, 0]) pending[i]!.resolve(`b${i}`);
    const outcomes = await result;
    expect(outcomes.map((o) => o.index)).toEqual([0, 1, 2, 3]);
    expect(outcomes.map((o) => (o.ok ? o.result : null))).toEqual(['b0:0,1', 'b1:2,3', 'b2:4,5', 'b3:6,7']);
    expect(outcomes[2]!.items).toEqual([4, 5]);
  });

  it('never runs more than `concurrency` handlers at once', async () => {
    // Handlers of uneven length (0–4 ms of a fake clock), so batches finish out of order.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    let active = 0;
    let peak = 0;
    const result = all(
      batch(range(60), { size: 3, concurrency: 3 }, async (items) => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, (items[0]! * 7) % 5));
        active--;
        return items.length;
      }),
    );
    await vi.runAllTimersAsync();
    const outcomes = await result;
    expect(outcomes).toHaveLength(20);
    expect(peak).toBe(3);
  });

  it('reads the input at most `concurrency` batches ahead of what was yielded', async () => {
    let read = 0;
    async function* ids(): AsyncGenerator<number> {
      for (let i = 0; i < 1000; i++) {
        read++;
        yield i;
      }
    }
    let yielded = 0;
    let worst = 0;
    for await (const o of batch(ids(), { size: 10, concurrency: 4 }, async (items) => items.length)) {
      yielded += o.items.length;
      worst = Math.max(worst, read - yielded);
    }
    expect(yielded).toBe(1000);
    expect(worst).toBeLessThanOrEqual(4 * 10);
  });

  it('reports progress with the total when the input size is known', async () => {
    const progress: unknown[] = [];
    await all(batch(range(5), { size: 2, onProgress: (p) => progress.push(p) }, async (items) => items));
    expect(progress).toEqual([
      { done: 2, total: 5, batches: 1 },
      { done: 4, total: 5, batches: 2 },
      { done: 5, total: 5, batches: 3 },
    ]);
    const fromSet: unknown[] = [];
    await all(batch(new Set(['a', 'b', 'c']), { size: 2, onProgress: (p) => fromSet.push(p) }, async (items) => items));
    expect(fromSet).toEqual([
      { done: 2, total: 3, batches: 1 },
      { done: 3, total: 3, batches: 2 },
    ]);
    const fromGenerator: unknown[] = [];
    async function* gen(): AsyncGenerator<number> {
      yield 1;
      yield 2;
    }
    await all(batch(gen(), { size: 5, onProgress: (p) => fromGenerator.push(p) }, async (items) => items));
    expect(fromGenerator).toEqual([{ done: 2, batches: 1 }]);
  });

  it('respects rateLimit (requests started per second)', async () => {
    vi.useFakeTimers({ now: 0 });
    const starts: number[] = [];
    const result = all(
      batch(range(12), { size: 1, concurrency: 12, rateLimit: 5 }, async (items) => {
        starts.push(Date.now());
        return items[0];
      }),
    );
    await vi.advanceTimersByTimeAsync(5000);
    const outcomes = await result;
    expect(outcomes.map((o) => (o.ok ? o.result : -1))).toEqual(range(12));
    expect(starts).toEqual(range(12).map((i) => i * 200));
    for (const t of starts) expect(starts.filter((s) => s >= t && s < t + 1000).length).toBeLessThanOrEqual(5);
  });

  it('stops on a failure, lets in-flight batches settle and accounts for every input (array)', async () => {
    // A fake clock orders it: batch 2 fails at 0 ms, batch 3 (still running then) settles at 20 ms.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const boom = new Error('HTTP 500');
    const gate = deferred<void>();
    let settledAfterFailure = false;
    const seen: number[] = [];
    const failing = rejection(
      (async () => {
        for await (const o of batch(range(10), { size: 2, concurrency: 2 }, async (_items, { index }) => {
          if (index === 2) {
            await tick();
            throw boom;
          }
          if (index === 3) {
            await gate.promise; // still running when batch 2 fails
            settledAfterFailure = true;
            return 'late';
          }
          return 'ok';
        })) {
          seen.push(o.index);
          if (o.index === 1) setTimeout(() => gate.resolve(), 20);
        }
      })(),
    );
    await vi.runAllTimersAsync();
    const error = await failing;
    expect(seen).toEqual([0, 1]);
    expect(settledAfterFailure).toBe(true);
    expect(isBatchError(error)).toBe(true);
    const e = error as BatchError<number>;
    expect(e.processed).toEqual([0, 1, 2, 3, 6, 7]);
    expect(e.failed).toEqual([4, 5]);
    expect(e.unprocessed).toEqual([8, 9]);
    expect(e.errors).toEqual([{ batchIndex: 2, items: [4, 5], error: boom }]);
    expect(e.cause).toBe(boom);
    expect(e.message).toMatch(/1 batch\(es\) failed: 6 items processed, 2 failed, 2 not sent/);
  });

  it('lists read-but-unsent inputs as unprocessed for an async iterable, and closes it', async () => {
    vi.useFakeTimers({ now: 0 });
    let read = 0;
    let closed = false;
    async function* ids(): AsyncGenerator<string> {
      try {
        for (let i = 0; i < 100; i++) {
          read++;
          yield `id${i}`;
        }
      } finally {
        closed = true;
      }
    }
    const calls: number[] = [];
    const result = rejection(
      all(
        batch(ids(), { size: 1, concurrency: 3, rateLimit: 10 }, async (_items, { index }) => {
          calls.push(index);
          await new Promise((r) => setTimeout(r, 50));
          throw new Error(`bad batch ${index}`);
        }),
      ),
    );
    await vi.advanceTimersByTimeAsync(1000);
    const e = (await result) as BatchError<string>;
    expect(isBatchError(e)).toBe(true);
    expect(calls).toEqual([0]); // 1 and 2 were waiting for their rate-limit slot when 0 failed
    expect(e.processed).toEqual([]);
    expect(e.failed).toEqual(['id0']);
    expect(e.unprocessed).toEqual(['id1', 'id2']); // never-read inputs of an async iterable are not listed
    expect(read).toBe(3);
    expect(closed).toBe(true);
  });

  it('collects failures as outcomes with onError: collect', async () => {
    const outcomes = await all(
      batch(range(6), { size: 2, concurrency: 2, onError: 'collect' }, async (items, { index }) => {
        if (index === 1) throw new Error('HTTP 503');
        return items.reduce((a, b) => a + b, 0);
      }),
    );
    expect(outcomes).toEqual([
      { index: 0, items: [0, 1], ok: true, result: 1 },
      { index: 1, items: [2, 3], ok: false, error: new Error('HTTP 503') },
      { index: 2, items: [4, 5], ok: true, result: 9 },
    ]);
  });

  it('rejects with an AbortError when the signal aborts, and aborts the handlers', async () => {
    const controller = new AbortController();
    const handlerSignals: AbortSignal[] = [];
    const result = rejection(
      all(
        batch(range(10), { size: 1, concurrency: 2, signal: controller.signal }, (_items, { signal }) => {
          handlerSignals.push(signal);
          return new Promise(() => {}); // never settles by itself
        }),
      ),
    );
    await tick();
    controller.abort(new Error('user cancelled'));
    const error = await result;
    expect(isAbortError(error)).toBe(true);
    expect(String(error)).toMatch(/user cancelled/);
    expect(handlerSignals).toHaveLength(2);
    expect(handlerSignals.every((s) => s.aborted)).toBe(true);
  });

  it('rejects at once when the signal has already fired', async () => {
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    const error = await rejection(all(batch([1], { size: 1, signal: controller.signal }, async () => calls++)));
    expect(isAbortError(error)).toBe(true);
    expect(calls).toBe(0);
  });

  it('aborts in-flight handlers and closes the input when the consumer breaks early', async () => {
    const signals: AbortSignal[] = [];
    let closed = false;
    function* ids(): Generator<number> {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        closed = true;
      }
    }
    for await (const o of batch(ids(), { size: 1, concurrency: 3 }, async (items, { signal }) => {
      signals.push(signal);
      if (items[0] !== 0) await new Promise(() => {});
      return items[0];
    })) {
      expect(o.index).toBe(0);
      break;
    }
    expect(signals.length).toBeGreaterThanOrEqual(3);
    // Batch 0 had finished; every batch still in flight is aborted.
    expect(signals.slice(1).every((s) => s.aborted)).toBe(true);
    expect(closed).toBe(true);
  });

  it('yields what was read and then throws when the input iterable fails', async () => {
    async function* ids(): AsyncGenerator<number> {
      yield 1;
      yield 2;
      throw new Error('input broke');
    }
    const seen: number[][] = [];
    const error = await rejection(
      (async () => {
        for await (const o of batch(ids(), { size: 1, concurrency: 4 }, async (items) => items)) seen.push(o.items);
      })(),
    );
    expect(seen).toEqual([[1], [2]]);
    expect(String(error)).toMatch(/input broke/);
  });

  it('validates its options before calling the handler', async () => {
    const handler = vi.fn(async () => 1);
    for (const o of [{ size: 0 }, { size: 1.5 }, { size: 2, concurrency: 0 }, { size: 2, rateLimit: 0 }, { size: 2, onError: 'retry' as 'stop' }]) {
      expect(isValidationError(await rejection(all(batch([1, 2], o, handler))))).toBe(true);
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it('yields nothing for an empty input', async () => {
    const handler = vi.fn(async () => 1);
    expect(await all(batch([], { size: 10 }, handler))).toEqual([]);
    expect(handler).not.toHaveBeenCalled();
  });

  it('runs many batches at once on one signal without a listener warning', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }); // the rate limit's and the handlers' waits
    const warnings: string[] = [];
    const onWarning = (w: Error): void => {
      warnings.push(w.name);
    };
    process.on('warning', onWarning);
    try {
      const controller = new AbortController();
      const out: number[] = [];
      const run = (async () => {
        for await (const o of batch(range(60), { size: 1, concurrency: 30, rateLimit: 1000, signal: controller.signal }, async (items, { signal }) => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          signal.throwIfAborted();
          return items[0]!;
        })) {
          if (o.ok) out.push(o.result);
        }
      })();
      await vi.runAllTimersAsync();
      await run;
      await new Promise((resolve) => setImmediate(resolve));
      expect(out).toEqual(range(60));
      expect(warnings).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
