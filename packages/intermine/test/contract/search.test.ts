import { describe, expect, it } from 'vitest';
import { testMine, useFixtureServer } from './setup.js';

useFixtureServer();

describe('keyword search', () => {
  it('searches with facets', async () => {
    const { mine } = testMine();
    const hits = mine.search('eve', { facets: { Category: 'Gene' }, max: 2 });
    expect(await hits.total()).toBe(30);
    expect((await hits.toArray()).map((r) => [r.id, r.type, r.fields.symbol])).toEqual([
      [1016298, 'Gene', 'eve'],
      [1251032, 'Gene', 'Dpse\\eve'],
    ]);
    expect((await hits.facets()).Category).toEqual({ Gene: 30 });
  });
  it('validates paging', async () => {
    const { mine } = testMine();
    expect(() => mine.search('eve', { max: -1 })).toThrow(expect.objectContaining({ code: 'VALIDATION', field: 'max' }));
    expect(() => mine.search('eve', { pageSize: 0 })).toThrow(/pageSize/);
    expect(() => mine.search('eve', { start: -1 })).toThrow(/start/);
  });
});
