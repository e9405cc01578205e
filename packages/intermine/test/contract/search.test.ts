import { isValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { testMine, useFixtureServer } from './setup.js';

useFixtureServer();

describe('keyword search', () => {
  it('searches with facets', async () => {
    const { mine } = testMine();
    const result = await mine.search('eve', { facets: { Category: 'Gene' }, size: 2 });
    expect(result.totalHits).toBe(30);
    expect(result.results.map((r) => [r.id, r.type, r.fields.symbol])).toEqual([
      [1016298, 'Gene', 'eve'],
      [1251032, 'Gene', 'Dpse\\eve'],
    ]);
    expect(result.facets.Category).toEqual({ Gene: 30 });
  });
  it('validates paging', async () => {
    const { mine } = testMine();
    await expect(mine.search('eve', { size: -1 })).rejects.toSatisfy(isValidationError);
  });
});
