// Issue 17 item 8: once the first page gives the total, the remaining pages are requested
// concurrently (core-http offsetPages), bounded by the call's or the client's concurrency, and
// rows still arrive in order, complete and without repeats.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Molgenis, type MolgenisOptions } from '../../src/index.js';
import { createSimulator, DEFAULT_BASE_URL, type SeedEntity } from '../../src/testing/index.js';

const ROWS = 25;
const items: SeedEntity = {
  meta: { idAttribute: 'id', attributes: { id: { fieldType: 'STRING' }, n: { fieldType: 'INT' } } },
  rows: Array.from({ length: ROWS }, (_, i) => ({ id: `r${String(i).padStart(3, '0')}`, n: i })),
};
const sim = createSimulator({ seed: { entities: { items } } });
const server = setupServer(...sim.handlers());
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => sim.reset());
afterAll(() => server.close());

/** A client whose fetch records the most row reads in flight at once. */
function counting(options: Partial<MolgenisOptions> = {}): { m: Molgenis; peak: () => number } {
  let inFlight = 0;
  let peak = 0;
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const reading = new URL(input instanceof Request ? input.url : String(input)).pathname === '/api/v2/items';
    if (reading) peak = Math.max(peak, ++inFlight);
    try {
      return await globalThis.fetch(input, init);
    } finally {
      if (reading) inFlight--;
    }
  };
  return { m: new Molgenis({ baseUrl: DEFAULT_BASE_URL, retry: 0, fetch, ...options }), peak: () => peak };
}
const starts = (): number[] => sim.requests.filter((r) => r.url.pathname === '/api/v2/items').map((r) => Number(r.url.searchParams.get('start')));

describe('remaining pages concurrently', () => {
  it('requests pages 2… up to concurrency at once, after the first; rows arrive in order', async () => {
    sim.faults.set({ latency: 20 });
    const { m, peak } = counting();
    const rows = await m.get<{ id: string; n: number }>('items', { pageSize: 5, concurrency: 3 }).toArray();
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: ROWS }, (_, i) => i));
    expect(peak()).toBe(3);
    expect(starts()[0]).toBe(0);
    expect([...starts()].sort((a, b) => a - b)).toEqual([0, 5, 10, 15, 20]);
  });

  it('one at a time with concurrency 1; the client’s concurrency is the default', async () => {
    sim.faults.set({ latency: 10 });
    const one = counting();
    expect(await one.m.get('items', { pageSize: 5, concurrency: 1 }).toArray()).toHaveLength(ROWS);
    expect(one.peak()).toBe(1);
    const two = counting({ concurrency: 2 });
    expect(await two.m.get('items', { pageSize: 5 }).toArray()).toHaveLength(ROWS);
    expect(two.peak()).toBe(2);
  });

  it('max bounds the requests: 7 rows of pages of 5 are two requests, the second for 2 rows', async () => {
    const { m } = counting();
    expect(await m.get('items', { pageSize: 5, concurrency: 4 }).toArray({ max: 7 })).toHaveLength(7);
    const reads = sim.requests.filter((r) => r.url.pathname === '/api/v2/items');
    expect(reads.map((r) => [r.url.searchParams.get('start'), r.url.searchParams.get('num')])).toEqual([
      ['0', '5'],
      ['5', '2'],
    ]);
  });

  it('a bad concurrency is a ValidationError at the call', () => {
    const { m } = counting();
    expect(() => m.get('items', { concurrency: 0 })).toThrow(/concurrency/);
    expect(sim.requests).toHaveLength(0);
  });
});

describe('leaving early', () => {
  it('an abort in the middle of a page ends the loop at the next row with an AbortError', async () => {
    const controller = new AbortController();
    const { m } = counting();
    const seen: number[] = [];
    const error = await (async () => {
      for await (const row of m.get<{ n: number }>('items', { pageSize: 10, signal: controller.signal })) {
        seen.push(row.n);
        if (row.n === 3) controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([0, 1, 2, 3]);
  });

  it('break stops the paging: no page after the one being read is requested', async () => {
    const { m } = counting();
    for await (const row of m.get<{ n: number }>('items', { pageSize: 5, concurrency: 1 })) if (row.n === 2) break;
    expect(starts()).toEqual([0]);
  });
});
