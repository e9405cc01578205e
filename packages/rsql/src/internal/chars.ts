// Character classes of the RSQL grammar, shared by the parser, the serializer and the builder.

/** ASCII codes that end an unquoted string: the reserved characters and the whitespace we skip. */
export const BREAK: Uint8Array = /* @__PURE__ */ makeBreakTable();

function makeBreakTable(): Uint8Array {
  const table = new Uint8Array(128);
  for (const ch of `"'();,=!~<> \t\n\r`) table[ch.charCodeAt(0)] = 1;
  return table;
}

/** Whitespace skipped between tokens (and around the verbose ` and ` / ` or `). */
export function isWs(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** A selector is valid when the parser reads it back as one unquoted string. */
const SELECTOR_BREAK = /["'();,=!~<> \t\n\r]/;

export function isValidSelector(selector: string): boolean {
  return selector.length > 0 && !SELECTOR_BREAK.test(selector);
}

/**
 * Values that can stay unquoted: non-empty, no reserved character, no whitespace. We quote on any
 * Unicode whitespace (not only the four characters the parser skips) so that output stays readable
 * and survives tools that trim or split on other spaces; quoting more than needed is always safe.
 */
const NEEDS_QUOTES = /["'();,=!~<>\s]/;

export function needsQuotes(value: string): boolean {
  return value.length === 0 || NEEDS_QUOTES.test(value);
}

const ESCAPE_SINGLE = /[\\']/g;
const ESCAPE_DOUBLE = /[\\"]/g;

/** Quote `value` with `quote`, escaping `\` and the quote character. */
export function quoteValue(value: string, quote: "'" | '"'): string {
  return quote + value.replace(quote === "'" ? ESCAPE_SINGLE : ESCAPE_DOUBLE, '\\$&') + quote;
}

/** Lexical form of a comparison operator: `=[a-zA-Z]*=`, `!=`, `<`, `<=`, `>`, `>=`. */
export const OPERATOR_SYNTAX = /^(?:=[a-zA-Z]*=|!=|[<>]=?)$/;
