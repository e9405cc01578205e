// Benchmark scale: 100,000 seeded genes, and a 100,000-row answer streamed over a real socket to
// the client as it is generated (the simulator never holds the answer text whole).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InterMine } from '../../src/index.js';
import { createSimulator, type GeneSeed, type InterMineSimulator } from '../../src/testing/index.js';

const N = 100_000;
// ~600 characters per row, so the answer (~60 MB) is far bigger than every socket buffer between the two ends.
const PADDING = 'synthetic gene description '.repeat(20);
const genes: GeneSeed[] = Array.from({ length: N }, (_, i) => ({
  primaryIdentifier: `FBgn9${String(i).padStart(7, '0')}`,
  symbol: `sym${i}`,
  name: `synthetic gene ${i}`,
  description: PADDING,
  length: 1000 + (i % 9000),
}));

describe('simulator: benchmark scale', () => {
  let sim: InterMineSimulator;
  let seconds = 0;
  let server: Awaited<ReturnType<InterMineSimulator['listen']>>;
  beforeAll(async () => {
    const t0 = performance.now();
    sim = createSimulator({ seed: { genes } });
    seconds = (performance.now() - t0) / 1000;
    server = await sim.listen();
  });
  afterAll(() => server.close());

  it('seeds 100,000 genes in under 3 s', () => {
    expect(sim.state.store.all('Gene')).toHaveLength(N + 20);
    expect(seconds).toBeLessThan(3);
  });

  it('streams a 100,000-row answer to mine.rows(q) as it reads it', async () => {
    const mine = new InterMine({ baseUrl: server.baseUrl.replace(/\/service$/, ''), retry: 0, timeout: 60_000 });
    const q = mine.query('Gene').select('primaryIdentifier', 'symbol', 'length', 'description').where('symbol', 'LIKE', 'sym*');
    const raw = await fetch(`${server.baseUrl}/query/results`, { method: 'POST', body: new URLSearchParams({ query: q.toXML(), format: 'json' }) });
    expect(raw.headers.get('transfer-encoding')).toBe('chunked');
    expect(raw.headers.get('content-length')).toBeNull();
    await raw.body?.cancel();

    // Once the first row has arrived, rename the last gene: the row it ends up in is generated
    // only after that, so the client sees the new symbol (a body built whole would hold the old one).
    const last = sim.state.store.all('Gene').at(-1)!;
    let rows = 0;
    let lastRow: unknown[] = [];
    for await (const row of mine.rows<[string, string, number, string]>(q)) {
      if (rows === 0) last.symbol = 'sym-renamed-while-streaming';
      rows++;
      lastRow = row;
    }
    expect(rows).toBe(N);
    expect(lastRow.slice(0, 3)).toEqual([`FBgn9${String(N - 1).padStart(7, '0')}`, 'sym-renamed-while-streaming', 1000 + ((N - 1) % 9000)]);
  });
});
