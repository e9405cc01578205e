import { describe, expect, it } from 'vitest';
import { and, eq, ge, parse, toQueryParam } from '../../src/index.js';

describe('toQueryParam', () => {
  it('encodes + & # % space and non-ASCII, keeps RSQL punctuation readable', () => {
    expect(toQueryParam(`a==C++;b=="x y&z#1%";c=in=('é',"😀")`)).toBe(`a==C%2B%2B;b==%22x%20y%26z%231%25%22;c=in=('%C3%A9',%22%F0%9F%98%80%22)`);
  });

  it('serializes a node first', () => {
    expect(toQueryParam(and(eq('name', 'Jan de Vries'), ge('weight', 80)))).toBe('name==%22Jan%20de%20Vries%22;weight=ge=80');
    expect(toQueryParam(eq('name', 'Jan de Vries'), { quote: "'" })).toBe("name=='Jan%20de%20Vries'");
  });

  it('encodes characters that are unsafe in a query, including " (Tomcat answers 400 to a raw one)', () => {
    expect(toQueryParam('a<b>c[d]e\\f^g`h{i|j}k\u0000\n"')).toBe('a%3Cb%3Ec%5Bd%5De%5Cf%5Eg%60h%7Bi%7Cj%7Dk%00%0A%22');
  });

  it('leaves safe characters alone', () => {
    const safe = `AZaz09-._~!$'()*,;=:@/?`;
    expect(toQueryParam(safe)).toBe(safe);
  });

  it('round-trips through decodeURIComponent and URL parsing', () => {
    const rsql = `name=="Jan & Piet + 😀 #1 100%";x=='ü'`;
    expect(decodeURIComponent(toQueryParam(rsql))).toBe(rsql);
    const url = new URL(`https://example.org/api/v2/e?q=${toQueryParam(rsql)}&num=10`);
    expect(url.searchParams.get('q')).toBe(rsql);
    expect(parse(url.searchParams.get('q') as string)).toEqual(parse(rsql));
  });

  it('matches encodeURIComponent for every non-ASCII code point class', () => {
    for (const ch of ['é', 'ß', '€', '中', '😀', '\u{10FFFF}', '\u0080', '\u07FF', '\u0800', '\uFFFF']) {
      expect(toQueryParam(ch)).toBe(encodeURIComponent(ch));
    }
  });

  it('encodes lone surrogates as U+FFFD like URLSearchParams', () => {
    expect(toQueryParam('a\uD800b\uDC00')).toBe('a%EF%BF%BDb%EF%BF%BD');
  });
});
