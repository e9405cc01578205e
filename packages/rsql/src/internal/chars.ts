// Character classes of the RSQL grammar, shared by the parser, the serializer and the builder.

/** ASCII codes that end an unquoted string: the reserved characters and the whitespace we skip. */
export const BREAK: Uint8Array = /* @__PURE__ */ makeBreakTable();

function makeBreakTable(): Uint8Array {
  const table = new Uint8Array(128);
  for (const ch of `"'();,=!~<> \t\n\r`) table[ch.charCodeAt(0)] = 1;
  return table;
}

/** True for an ASCII code that ends an unquoted string (see {@link BREAK}). */
export function isBreak(c: number): boolean {
  return c < 128 && BREAK[c] === 1;
}

/** True for the whitespace the parser skips: space, tab, line feed, carriage return. */
export function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** A selector is valid when the parser reads it back as one unquoted string. */
export function isValidSelector(selector: string): boolean {
  const len = selector.length;
  if (len === 0) return false;
  for (let i = 0; i < len; i++) if (isBreak(selector.charCodeAt(i))) return false;
  return true;
}

/**
 * Values that can stay unquoted: non-empty, no reserved character, no whitespace. We quote on any
 * Unicode whitespace (not only the four characters the parser skips) so that output stays readable
 * and survives tools that trim or split on other spaces; quoting more than needed is always safe.
 */
const UNICODE_SPACE = /\s/;

export function needsQuotes(value: string): boolean {
  const len = value.length;
  if (len === 0) return true;
  for (let i = 0; i < len; i++) {
    const c = value.charCodeAt(i);
    if (c < 128) {
      if (BREAK[c] === 1 || (c >= 11 && c <= 12)) return true; // \v \f count as whitespace too
    } else if ((c === 0xa0 || c >= 0x1680) && UNICODE_SPACE.test(value[i] as string)) {
      return true;
    }
  }
  return false;
}

const ESCAPE_SINGLE = /[\\']/g;
const ESCAPE_DOUBLE = /[\\"]/g;

/** Quote `value` with `quote`, escaping `\` and the quote character. */
export function quoteValue(value: string, quote: "'" | '"'): string {
  return quote + value.replace(quote === "'" ? ESCAPE_SINGLE : ESCAPE_DOUBLE, '\\$&') + quote;
}

/** Lexical form of a comparison operator: `=[a-zA-Z]*=`, `!=`, `<`, `<=`, `>`, `>=`. */
export const OPERATOR_SYNTAX = /^(?:=[a-zA-Z]*=|!=|[<>]=?)$/;
