// Issue 16 item 5: an id list too long for one URL is split so no URL passes nginx's 8 KB limit
// (the simulator answers longer request lines with nginx's 414), and the answers merge in order.
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/testing/index.js';
import { splitIdGroups } from '../../src/internal/url-split.js';
import { IDR, newIdr, serve } from './helpers.js';

const N = 2000;
const ids = Array.from({ length: N }, (_, i) => 30_000_000 + i);
const sim = createSimulator({
  seed: {
    images: ids.map((id) => ({
      id,
      name: `img ${id}`,
      mapAnnotations: [{ id: 90_000_000 + (id - 30_000_000), ns: 'x/gene', values: [['Gene Symbol', `G${id}`]] as [string, string][] }],
    })),
  },
});
serve([sim]);

const urlBytes = (u: URL) => new TextEncoder().encode(`${u.pathname}${u.search}`).length;

describe('long id lists', () => {
  it('the simulator refuses a request line over 8 KB with 414, as nginx does', async () => {
    const r = await fetch(`${IDR}/webclient/api/annotations/?type=map${ids.map((i) => `&image=${i}`).join('')}`);
    expect([r.status, await r.text()]).toEqual([414, expect.stringContaining('414 Request-URI Too Large')]);
  });

  it(`mapAnnotations of ${N} images: several requests, each under 8 KB, answers merged in id order`, async () => {
    const anns = await newIdr().mapAnnotations({ image: ids }).toArray();
    expect(anns).toHaveLength(N);
    expect(anns.map((a) => a.parent?.id)).toEqual(ids);
    expect(sim.requests.length).toBeGreaterThan(1);
    for (const r of sim.requests) expect(urlBytes(r.url) + r.url.origin.length).toBeLessThanOrEqual(8000);
    // every id in exactly one group (a group's later pages repeat its ids)
    const firstPages = sim.requests.filter((r) => r.url.searchParams.get('page') === '1');
    expect(firstPages.flatMap((r) => r.url.searchParams.getAll('image').map(Number))).toEqual(ids);
  });

  it('max stops early (no request for groups past it); pages within a group still follow page/limit', async () => {
    const first = await newIdr().mapAnnotations({ image: ids }, { max: 10, pageSize: 5 }).toArray();
    expect(first.map((a) => a.parent?.id)).toEqual(ids.slice(0, 10));
    expect(sim.requests.map((r) => r.url.searchParams.get('page'))).toEqual(['1', '2']);
  });

  it('file annotations split the same way', async () => {
    expect(await newIdr().fileAnnotations({ image: ids }).toArray()).toEqual([]);
    for (const r of sim.requests) expect(urlBytes(r.url)).toBeLessThanOrEqual(8000);
  });

  it('splitIdGroups keeps order, never drops an id, and keeps each group under the limit', () => {
    const groups = splitIdGroups({ screen: [1, 2], image: [123456, 234567, 345678] }, 30, 70);
    expect(groups).toEqual([{ screen: [1, 2], image: [123456] }, { image: [234567, 345678] }]);
    expect(splitIdGroups({ image: [1] }, 100, 10)).toEqual([{ image: [1] }]);
  });
});
