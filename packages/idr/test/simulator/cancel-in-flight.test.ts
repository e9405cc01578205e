// Issue 16 item 4, requests in flight: over a loopback socket (no msw, whose handler lookup
// reports the aborted simulated latency), the client-level signal ends every call with an AbortError.
import { isAbortError, isBatchError } from '@bio/core-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/testing/index.js';
import { calls } from './cancel-calls.js';
import { failure, newIdr } from './helpers.js';

const sim = createSimulator();
let served: Awaited<ReturnType<typeof sim.listen>>;
beforeAll(async () => {
  served = await sim.listen();
});
afterAll(() => served.close());

describe('cancelling through the client-level signal, mid-request', () => {
  it.each(calls)('%s rejects with an AbortError (never a BatchError)', async (_name, call) => {
    sim.faults.set({ latency: 300 });
    const controller = new AbortController();
    const idr = newIdr({ baseUrl: served.baseUrl, signal: controller.signal });
    const pending = failure(call(idr));
    setTimeout(() => controller.abort(), 40);
    const error = await pending;
    expect(isAbortError(error)).toBe(true);
    expect(isBatchError(error)).toBe(false);
  });
});
