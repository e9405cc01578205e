// Issue 16 item 6: once the first page gives the total, the remaining /api/v0 pages are fetched
// concurrently (bounded by the client's concurrency) and yielded in order; lists report progress.
import type { Progress } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/testing/index.js';
import { newIdr, serve } from './helpers.js';

const sim = createSimulator({ maxLimit: 50 }); // plate 8958's 384 wells: 8 pages
serve([sim]);

function inFlight() {
  let now = 0;
  let peak = 0;
  return {
    hooks: {
      onRequest: () => {
        now++;
        peak = Math.max(peak, now);
      },
      onResponse: () => {
        now--;
      },
    },
    peak: () => peak,
  };
}

describe('/api/v0 paging speed', () => {
  it('fetches the pages after the first concurrently, up to the client concurrency, and yields them in order', async () => {
    sim.faults.set({ latency: 40 });
    const seen = inFlight();
    const progress: Progress[] = [];
    const idr = newIdr({ concurrency: 3, hooks: seen.hooks });
    const wells = await idr.wells({ plate: 8958 }, { onProgress: (p) => progress.push(p) }).toArray();
    expect(seen.peak()).toBe(3);
    expect(sim.requests.map((r) => r.url.searchParams.get('offset'))).toEqual([null, '50', '100', '150', '200', '250', '300', '350']);
    expect(progress.at(-1)).toEqual({ done: 384, total: 384, batches: 8 });
    expect(progress.map((p) => p.done)).toEqual([50, 100, 150, 200, 250, 300, 350, 384]);
    // the same order as page by page
    const serial = await newIdr({ concurrency: 1 }).wells({ plate: 8958 }).toArray();
    expect(wells.map((w) => w['@id'])).toEqual(serial.map((w) => w['@id']));
    expect(new Set(wells.map((w) => w['@id'])).size).toBe(384);
  });

  it('the first page is alone (it tells the total); the public IDR bound of 4 holds', async () => {
    sim.faults.set({ latency: 20 });
    const seen = inFlight();
    await newIdr({ hooks: seen.hooks }).wells({ plate: 8958 }).toArray();
    expect(seen.peak()).toBe(4);
  });

  it('takes two rounds of latency, not eight, with every later page in flight at once', async () => {
    // Counted, not timed (a wall-clock comparison fails on a loaded machine): with concurrency 8
    // the 7 pages after the first are all in flight together, so the list costs 2 round trips.
    sim.faults.set({ latency: 20 });
    const seen = inFlight();
    const wells = await newIdr({ concurrency: 8, hooks: seen.hooks }).wells({ plate: 8958 }).toArray();
    expect(wells).toHaveLength(384);
    expect(seen.peak()).toBe(7);
  });

  it('stopping early asks no further pages than the window', async () => {
    const list = newIdr({ concurrency: 2 }).wells({ plate: 8958 });
    let n = 0;
    for await (const _ of list) if (++n === 60) break;
    expect(sim.requests.length).toBeLessThanOrEqual(3);
  });

  it('progress on page/limit lists and search (no server total: done and batches only)', async () => {
    const progress: Progress[] = [];
    await newIdr()
      .webclient.plates({ screen: 102 }, { pageSize: 5, onProgress: (p) => progress.push(p) })
      .toArray();
    expect(progress).toEqual([
      { done: 5, batches: 1 },
      { done: 10, batches: 2 },
      { done: 12, batches: 3 },
    ]);
    const hits: Progress[] = [];
    await newIdr()
      .search({ key: 'Gene Symbol', value: 'CDC20' }, { onProgress: (p) => hits.push(p) })
      .toArray();
    expect(hits).toEqual([{ done: 3, total: 3, batches: 1 }]);
  });
});
