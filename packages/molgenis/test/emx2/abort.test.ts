// A chunked write the caller aborts, on the loopback simulator (no msw: an aborted request there
// just closes its socket): the chunk in flight is unknown, the rest unsent.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Emx2, type Emx2BatchError, isEmx2BatchError } from '../../src/emx2/index.js';
import type { ListeningSimulator } from '@bio/core-http/testing';
import { createEmx2Simulator } from '../../src/testing/index.js';

const sim = createEmx2Simulator({ syntheticRows: 0 });
let server: ListeningSimulator;
beforeAll(async () => {
  server = await sim.listen();
});
afterAll(() => server.close());

it('counts the chunk in flight when the caller aborts as unknown, and the rest as unsent', async () => {
  const client = new Emx2({ baseUrl: server.baseUrl, retry: 0 });
  await client.signin('admin', 'admin');
  const samples = client.schema('synthetic').table('Sample');
  await samples.count(); // metadata before the latency
  sim.faults.set({ latency: 100 });
  const controller = new AbortController();
  const rows = Array.from({ length: 9 }, (_, i) => ({ id: `A${i}`, site: 'Berlin' }));
  const error = (await samples
    .save(rows, { chunkSize: 3, signal: controller.signal, onProgress: (p) => p.done === 3 && setTimeout(() => controller.abort(), 30) })
    .catch((x: unknown) => x)) as Emx2BatchError;
  expect(isEmx2BatchError(error)).toBe(true);
  expect(error.written).toEqual(rows.slice(0, 3));
  expect(error.unknown).toEqual(rows.slice(3, 6));
  expect(error.unsent).toEqual(rows.slice(6));
});
