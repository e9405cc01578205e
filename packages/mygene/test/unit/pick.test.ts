// mapIds pick: 'first' keeps the server's first hit, 'best' the highest _score (ties → first). The live
// server sorts a term's hits by descending _score, so the two differ only when that order does not
// hold (e.g. a mirror or proxy that reorders); a fake fetch makes the difference observable here.
import { MyGene } from '@bio/mygene';
import { describe, expect, it } from 'vitest';

function client(): MyGene {
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const body = (await new Request(input, init).json()) as { q: string[] };
    expect(body.q).toEqual(['tp53', 'tie', 'dummy']);
    const hits = [
      { query: 'tp53', _id: '24842', _score: 19.3 },
      { query: 'tp53', _id: '7157', _score: 22.7 },
      { query: 'tie', _id: 'a', _score: 5 },
      { query: 'tie', _id: 'b', _score: 5 },
      { query: 'dummy', notfound: true },
    ];
    return new Response(JSON.stringify(hits), { headers: { 'content-type': 'application/json; charset=UTF-8' } });
  };
  return new MyGene({ fetch, retry: 0 });
}

describe('mapIds pick', () => {
  it("'first' keeps the first hit the server sent", async () => {
    const m = await client().mapIds(['tp53', 'tie', 'dummy'], { scopes: 'symbol' });
    expect([...m].map(([k, v]) => [k, v?._id ?? null])).toEqual([
      ['tp53', '24842'],
      ['tie', 'a'],
      ['dummy', null],
    ]);
  });

  it("'best' keeps the highest _score, the first on a tie", async () => {
    const m = await client().mapIds(['tp53', 'tie', 'dummy'], { scopes: 'symbol', pick: 'best' });
    expect([...m].map(([k, v]) => [k, v?._id ?? null])).toEqual([
      ['tp53', '7157'],
      ['tie', 'a'],
      ['dummy', null],
    ]);
  });
});
