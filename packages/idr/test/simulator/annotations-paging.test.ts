import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/testing/index.js';
import { IDR, newIdr, serve } from './helpers.js';

// `webclient/api/annotations/` as omeroweb/webclient/views.py (api_annotations) and tree.py
// (marshal_annotations) answer it: the default limit is ANNOTATIONS_LIMIT (page size × 100), each
// parent type is queried and paged on its own (order by ns), and page/limit are read outside a try.
const map = (id: number, ns: string | null) => ({ id, ns, values: [['k', String(id)]] as [string, string][] });
const sim = createSimulator({
  webclientPageSize: 2,
  seed: {
    screens: [{ id: 9001, name: 'idr9001-mine/screenA', mapAnnotations: [map(81, 'z/ns'), map(82, 'a/ns')] }],
    images: [{ id: 6002, name: 'loose image', mapAnnotations: [map(71, null), map(72, 'b/ns'), map(73, 'a/ns')] }],
  },
});
serve([sim]);

async function annotationIds(query: string): Promise<number[]> {
  const r = await fetch(`${IDR}/webclient/api/annotations/?type=map&${query}`);
  expect(r.status).toBe(200);
  return ((await r.json()).annotations as { id: number }[]).map((a) => a.id);
}

describe('simulator: webclient/api/annotations paging', () => {
  it('defaults limit to 100 pages, not one', async () => {
    expect(await annotationIds('image=6002')).toEqual([73, 72, 71]); // page size 2 → default limit 200
  });

  it('pages each parent type on its own, types in the server’s order, each by ns (nulls last)', async () => {
    expect(await annotationIds('screen=9001&image=6002')).toEqual([73, 72, 71, 82, 81]);
    expect(await annotationIds('screen=9001&image=6002&limit=1')).toEqual([73, 82]);
    expect(await annotationIds('screen=9001&image=6002&limit=1&page=3')).toEqual([71]);
    expect(await annotationIds('image=6002&limit=1&page=-1')).toEqual([73, 72, 71]); // page ≤ 0: no paging
  });

  it('lets the client read every annotation of several types, though a page outgrows its limit', async () => {
    const all = await newIdr().mapAnnotations({ screen: 9001, image: 6002 }, { pageSize: 1 }).toArray();
    expect(all.map((a) => a.id).sort()).toEqual([71, 72, 73, 81, 82]);
  });

  it('drops empty ids and keeps every kind for a type it does not know', async () => {
    expect(await annotationIds('image=&screen=9001')).toEqual([82, 81]);
    const r = await fetch(`${IDR}/webclient/api/annotations/?type=other&screen=9001`);
    expect(((await r.json()).annotations as { id: number }[]).map((a) => a.id)).toEqual([82, 81]);
  });

  it('answers a malformed page or limit with the 500 page (no try around them)', async () => {
    for (const query of ['limit=abc', 'page=', 'page=1.5']) {
      const r = await fetch(`${IDR}/webclient/api/annotations/?type=map&image=6002&${query}`);
      expect([query, r.status, r.headers.get('content-type')]).toEqual([query, 500, 'text/html; charset=utf-8']);
    }
  });
});
