import { isValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { drain, testMine, useFixtureServer } from './setup.js';

useFixtureServer();

describe('region search', () => {
  it('streams FASTA for features in regions (any accepted region form)', async () => {
    const { mine } = testMine();
    const r = mine.regions({ organism: 'D. melanogaster', featureTypes: ['Exon', 'Intron'], regions: ['2L:14614843..14619614', '2R:5866646-5868384'] });
    const { items, error } = await drain(r.fasta());
    expect(error).toBeUndefined();
    expect(items.filter((l) => l.startsWith('>'))).toHaveLength(2);
  });

  it('saves the features as a list and reports invalid spans', async () => {
    const { mine } = testMine();
    const r = mine.regions({
      organism: 'D. melanogaster',
      featureTypes: ['Gene'],
      regions: ['2L\t14614843\t14619614', { chromosome: '2X', start: 1, end: 100 }],
    });
    const { list, invalidSpans } = await r.saveAsList('List from Regions');
    expect([list.name, list.size, list.type]).toEqual(['List from Regions', 4, 'Gene']);
    expect(invalidSpans).toEqual(['2X:1..100']);
  });

  it('rejects bad regions before any request', () => {
    const { mine, requests } = testMine();
    expect(() => mine.regions({ organism: 'D. melanogaster', featureTypes: ['Gene'], regions: ['2L:100..50'] })).toThrow(/end 50 is before start 100/);
    expect(() => mine.regions({ organism: 'D. melanogaster', featureTypes: ['Gene'], regions: ['chr2L'] })).toThrow(/does not parse/);
    expect(() => mine.regions({ organism: 'D. melanogaster', featureTypes: [], regions: ['2L:1..2'] })).toThrow(/feature type/);
    try {
      mine.regions({ organism: '', featureTypes: ['Gene'], regions: ['2L:1..2'] });
    } catch (e) {
      expect(isValidationError(e)).toBe(true);
    }
    expect(requests).toEqual([]);
  });
});
