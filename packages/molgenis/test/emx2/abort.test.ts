// A chunked write the caller aborts, on the loopback simulator (no msw: an aborted request there
// just closes its socket): the chunk in flight is unknown, the rest unsent.
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { Emx2, type Emx2BatchError, isEmx2BatchError } from '../../src/emx2/index.js';
import type { ListeningSimulator } from '@bio/core-http/testing';
import { createEmx2Simulator } from '../../src/testing/index.js';

const sim = createEmx2Simulator({ syntheticRows: 0 });
let server: ListeningSimulator;
beforeAll(async () => {
  server = await sim.listen();
});
afterAll(() => server.close());
afterEach(() => vi.useRealTimers());

/** Lets real I/O run (setImmediate is not faked) until `condition` holds; vi.waitFor would move the fake clock on. */
async function untilReal(condition: () => boolean, what: string): Promise<void> {
  const giveUp = process.hrtime.bigint() + 5_000_000_000n; // 5 s of the real clock, which no test fakes
  while (!condition()) {
    if (process.hrtime.bigint() > giveUp) throw new Error(`${what} never happened`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

it('counts the chunk in flight when the caller aborts as unknown, and the rest as unsent', async () => {
  const client = new Emx2({ baseUrl: server.baseUrl, retry: 0 });
  await client.signin('admin', 'admin');
  const samples = client.schema('synthetic').table('Sample');
  await samples.count(); // metadata before the latency
  sim.faults.set({ latency: 100 });
  // The latency is a timer in this process (the socket is real): on a fake clock a chunk is
  // answered only when the test moves the clock, so the abort surely finds the second in flight.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const controller = new AbortController();
  const rows = Array.from({ length: 9 }, (_, i) => ({ id: `A${i}`, site: 'Berlin' }));
  const before = sim.requests.length;
  const saving = samples.save(rows, { chunkSize: 3, signal: controller.signal }).catch((x: unknown) => x);
  await untilReal(() => sim.requests.length === before + 1, 'the first chunk');
  await vi.advanceTimersByTimeAsync(100); // the first chunk is answered
  await untilReal(() => sim.requests.length === before + 2, 'the second chunk');
  controller.abort();
  const error = (await saving) as Emx2BatchError;
  expect(isEmx2BatchError(error)).toBe(true);
  expect(error.written).toEqual(rows.slice(0, 3));
  expect(error.unknown).toEqual(rows.slice(3, 6));
  expect(error.unsent).toEqual(rows.slice(6));
});
