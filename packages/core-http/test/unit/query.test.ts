import { describe, expect, it } from 'vitest';
import { buildSearchParams, encodePathSegment, isValidationError, path } from '@bio/core-http';

describe('buildSearchParams', () => {
  it('drops undefined and null, writes booleans as true/false', () => {
    const p = buildSearchParams({ a: undefined, b: null, c: true, d: false, e: 0 });
    expect([...p.entries()]).toEqual([
      ['c', 'true'],
      ['d', 'false'],
      ['e', '0'],
    ]);
  });
  it('joins arrays with commas by default and repeats them on request', () => {
    expect(buildSearchParams({ f: ['symbol', 'name'] }).getAll('f')).toEqual(['symbol,name']);
    expect(buildSearchParams({ f: ['symbol', 'name'] }, { arrayFormat: 'repeat' }).getAll('f')).toEqual(['symbol', 'name']);
  });
});

describe('path encoding', () => {
  it('never lets a value change the path', () => {
    expect(path`m/screens/${'../admin'}/`).toBe('m/screens/..%2Fadmin/');
    expect(path`m/screens/${'a/b?c#d%'}/`).toBe('m/screens/a%2Fb%3Fc%23d%25/');
    expect(new URL(path`x/${'a/../..'}/y`, 'https://h/base/').pathname).toBe('/base/x/a%2F..%2F../y');
  });
  it('refuses dot segments, which URL parsers resolve even when percent-encoded', () => {
    expect(() => encodePathSegment('..')).toThrow(/cannot be used as a path segment/);
    expect(() => path`x/${'.'}/`).toThrow(/cannot be used as a path segment/);
  });
  it('rejects an empty segment with a ValidationError', () => {
    expect(() => encodePathSegment('')).toThrow();
    try {
      encodePathSegment('');
    } catch (e) {
      expect(isValidationError(e)).toBe(true);
    }
  });
});
