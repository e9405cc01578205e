// toQueryParam percent-encodes UTF-8 by hand: surrogate pairs at the edges of their ranges, lone
// surrogates (U+FFFD, as TextEncoder does) and U+10000 exactly. Added for mutants that survived
// (docs/quality.md): no test had a code point on those boundaries.
import { toQueryParam } from '@bio/rsql';
import { describe, expect, it } from 'vitest';

/** An independent reference: TextEncoder's UTF-8 bytes, each percent-encoded. */
const reference = (s: string) => [...new TextEncoder().encode(s)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

describe('toQueryParam: UTF-8 at the surrogate and plane boundaries', () => {
  it.each([
    ['U+10000 (the first pair, \\ud800\\udc00)', '\ud800\udc00'],
    ['U+10FFFF (the last pair, \\udbff\\udfff)', '\udbff\udfff'],
    ['a lone low surrogate at the top of the range (\\udfff)', '\udfff'],
    ['two low surrogates (\\udc00\\udc00)', '\udc00\udc00'],
    ['a high surrogate followed by U+E000', '\ud800\ue000'],
    ['a high surrogate at the end', '\ud800'],
    ['U+FFFF and U+0800', '\uffff\u0800'],
  ])('%s', (_name, text) => {
    expect(toQueryParam(`a==${text}`)).toBe(`a==${reference(text)}`);
  });
});
