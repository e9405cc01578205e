import { describe, expect, it } from 'vitest';
import { formatRegion, parseRegion } from '../../src/regions.js';

describe('parseRegion', () => {
  it.each([
    ['2L:14614843..14619614', { chromosome: '2L', start: 14614843, end: 14619614 }],
    ['2R:5866646-5868384', { chromosome: '2R', start: 5866646, end: 5868384 }],
    ['3R\t100\t200', { chromosome: '3R', start: 100, end: 200 }],
    ['X:500', { chromosome: 'X', start: 500, end: 500 }],
    ['  chr2L:1,000..2,000 ', { chromosome: 'chr2L', start: 1000, end: 2000 }],
    ['dmel_mitochondrion_genome:1..10', { chromosome: 'dmel_mitochondrion_genome', start: 1, end: 10 }],
  ])('parses %j', (text, region) => {
    expect(parseRegion(text)).toEqual(region);
  });
  it.each([
    ['2L', 'does not parse'],
    [':1..2', 'does not parse'],
    ['2L:abc', 'is not a position'],
    ['2L:200..100', 'end 100 is before start 200'],
    ['2L:1..2..3', 'is not a position'],
    ['2L\t1', 'tab-separated'],
    ['2L:-5', 'is not a position'],
    ['2 L:1..2', 'bad chromosome'],
  ])('rejects %j', (text, message) => {
    expect(() => parseRegion(text)).toThrow(message);
  });
  it('formats as chr:start..end', () => {
    expect(formatRegion(parseRegion('2R:5-9'))).toBe('2R:5..9');
  });
});
