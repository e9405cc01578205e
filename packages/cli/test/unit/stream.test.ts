import { afterEach, describe, expect, it, vi } from 'vitest';
import { chunks, ordered } from '../../src/stream.js';

async function* counting(n: number, read: { count: number }): AsyncGenerator<number> {
  for (let i = 0; i < n; i++) {
    read.count++;
    yield i;
  }
}

afterEach(() => vi.useRealTimers());

describe('ordered batches', () => {
  it('yields in input order with at most inFlight pending, reading input only as slots free', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }); // the batches' uneven waits run on a fake clock
    const read = { count: 0 };
    let pending = 0;
    let most = 0;
    const seen: number[] = [];
    // Later batches answer first: order must still be the input's.
    const work = async (batch: number[]): Promise<number> => {
      pending++;
      most = Math.max(most, pending);
      await new Promise((r) => setTimeout(r, 20 - batch[0]! / 10));
      pending--;
      return batch[0]!;
    };
    const run = (async () => {
      for await (const [batch, first] of ordered(chunks(counting(100, read), 10), 3, work)) {
        expect(first).toBe(batch[0]);
        seen.push(first);
        // Never more than the batches in flight plus the one being yielded have been read.
        expect(read.count).toBeLessThanOrEqual(seen.length * 10 + 3 * 10);
      }
    })();
    await vi.runAllTimersAsync();
    await run;
    expect(seen).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(most).toBe(3);
  });

  it('a failing batch is thrown in its turn, after the earlier ones', async () => {
    const got: number[] = [];
    const run = async () => {
      for await (const [, n] of ordered(chunks(counting(50, { count: 0 }), 10), 2, async (b) => {
        if (b[0] === 20) throw new Error('batch 3 failed');
        return b[0]!;
      }))
        got.push(n);
    };
    await expect(run()).rejects.toThrow('batch 3 failed');
    expect(got).toEqual([0, 10]);
  });
});
