// Issue 16 item 4, requests in flight: over a loopback socket (no msw, whose handler lookup
// reports the aborted simulated latency), the client-level signal ends every call with an AbortError.
import { isAbortError, isBatchError } from '@bio/core-http';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSimulator } from '../../src/testing/index.js';
import { calls } from './cancel-calls.js';
import { failure, newIdr } from './helpers.js';

const sim = createSimulator();
let served: Awaited<ReturnType<typeof sim.listen>>;
beforeAll(async () => {
  served = await sim.listen();
});
afterAll(() => served.close());
afterEach(() => vi.useRealTimers());

describe('cancelling through the client-level signal, mid-request', () => {
  it.each(calls)('%s rejects with an AbortError (never a BatchError)', async (_name, call) => {
    // The simulated latency is a timer in this process: on a fake clock it never runs out, so the
    // request is surely still in flight when the signal fires (the socket itself is real).
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    sim.faults.set({ latency: 300 });
    const controller = new AbortController();
    const idr = newIdr({ baseUrl: served.baseUrl, signal: controller.signal });
    const before = sim.requests.length;
    const pending = failure(call(idr));
    const giveUp = process.hrtime.bigint() + 5_000_000_000n; // real time: wait for the request to arrive
    while (sim.requests.length === before && process.hrtime.bigint() < giveUp) await new Promise((resolve) => setImmediate(resolve));
    expect(sim.requests.length).toBeGreaterThan(before); // mid-request
    controller.abort();
    const error = await pending;
    expect(isAbortError(error)).toBe(true);
    expect(isBatchError(error)).toBe(false);
  });
});
