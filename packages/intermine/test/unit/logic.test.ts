import { describe, expect, it } from 'vitest';
import { formatLogic, logicCodes, parseLogic, validateLogic } from '../../src/logic.js';

describe('constraint logic', () => {
  it('parses with and binding tighter than or', () => {
    expect(formatLogic(parseLogic('A and B or C'))).toBe('A and B or C');
    expect(parseLogic('A and B or C').kind).toBe('or');
    expect(formatLogic(parseLogic('A and (B or C)'))).toBe('A and (B or C)');
    expect(formatLogic(parseLogic('((A))'))).toBe('A');
    expect(formatLogic(parseLogic('A && B || C'))).toBe('A and B or C');
    expect(formatLogic(parseLogic('a AND (b Or c)'.replace(/\b([abc])\b/g, (m) => m.toUpperCase())))).toBe('A and (B or C)');
  });
  it('lists the codes used', () => {
    expect(logicCodes(parseLogic('A and (B or C)'))).toEqual(['A', 'B', 'C']);
  });
  it.each([['A and'], ['(A or B'], ['A B'], ['A and foo'], [''], ['A + B']])('rejects bad syntax %j', (text) => {
    expect(() => parseLogic(text)).toThrow(/constraint logic/);
  });
  it('accepts only existing codes, each as often as the server allows', () => {
    expect(() => validateLogic('A or D', ['A', 'B'])).toThrow(/uses code D, but the query has only A, B/);
    expect(() => validateLogic('(A and B) or (A and D)', ['A', 'B'])).toThrow(/uses code D/);
    expect(validateLogic('A or A', ['A'])).toBe('A or A');
    expect(() => validateLogic('A', [])).toThrow(/no coded constraints \(subclass constraints have no code\)/);
  });
  it('accepts a code used more than once, as InterMine does', () => {
    expect(validateLogic('(A and B) or (A and C and D)', ['A', 'B', 'C', 'D'])).toBe('A and B or A and C and D');
    expect(validateLogic('A and (B or C) and (A or D)', ['A', 'B', 'C', 'D'])).toBe('A and (B or C) and (A or D)');
    // Codes left out are still ANDed on; repeated ones count as used.
    expect(validateLogic('(A and B) or (A and C)', ['A', 'B', 'C', 'D'])).toBe('(A and B or A and C) and D');
    expect(logicCodes(parseLogic('(A and B) or (A and C and D)'))).toEqual(['A', 'B', 'A', 'C', 'D']);
  });
  it('ANDs on the codes left out', () => {
    expect(validateLogic('A or B', ['A', 'B', 'C'])).toBe('(A or B) and C');
    expect(validateLogic('A and (B or C)', ['A', 'B', 'C'])).toBe('A and (B or C)');
  });
});
