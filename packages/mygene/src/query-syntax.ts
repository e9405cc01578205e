import { ValidationError } from '@bio/core-http';

// Lucene query-string specials (Elasticsearch query_string); `&&`/`||` are covered by escaping `&` and `|`.
const LUCENE_SPECIAL = /[+\-=&|><!(){}[\]^"~*?:\\/]/g;

/**
 * Escape every Lucene special character of a term with a backslash, so it is searched as
 * written (`symbol:` is not a field, `*` is not a wildcard). Whitespace is left alone: wrap the
 * term in {@link phrase} to keep several words together.
 *
 * @example
 * ```ts
 * escapeLucene('MGI:88339');  // 'MGI\\:88339'
 * escapeLucene('IL-2 (p15)'); // 'IL\\-2 \\(p15\\)'
 * ```
 */
export function escapeLucene(term: string): string {
  if (typeof term !== 'string') throw new ValidationError({ message: `escapeLucene expects a string, got ${typeof term}` });
  return term.replace(LUCENE_SPECIAL, (c) => `\\${c}`);
}

/**
 * Quote text as a phrase (`"cyclin-dependent kinase"`); inner quotes and backslashes are escaped.
 *
 * @example
 * ```ts
 * phrase('tumor suppressor'); // '"tumor suppressor"'
 * ```
 */
export function phrase(text: string): string {
  if (typeof text !== 'string' || text.length === 0) throw new ValidationError({ message: 'phrase expects a non-empty string' });
  return `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/**
 * A fielded term `field:value`. The value is escaped; a value with whitespace becomes a phrase.
 * Pass `{ raw: true }` to keep wildcards and other syntax in the value.
 *
 * @example
 * ```ts
 * fielded('symbol', 'cdk2');                    // 'symbol:cdk2'
 * fielded('mgi', 'MGI:88339');                  // 'mgi:MGI\\:88339'
 * fielded('name', 'cyclin dependent');          // 'name:"cyclin dependent"'
 * fielded('symbol', 'CDK?', { raw: true });     // 'symbol:CDK?'
 * ```
 */
export function fielded(field: string, value: string | number, options: { raw?: boolean } = {}): string {
  if (typeof field !== 'string' || !/^[A-Za-z_][\w.\-*]*$/.test(field)) {
    throw new ValidationError({ message: `fielded: invalid field name ${JSON.stringify(field)}`, field: 'field' });
  }
  const text = String(value);
  if (text.length === 0) throw new ValidationError({ message: 'fielded: value must not be empty', field: 'value' });
  if (options.raw) return `${field}:${text}`;
  return `${field}:${/\s/.test(text) ? phrase(text) : escapeLucene(text)}`;
}

/**
 * A genome interval query (`chrX:151073054-151383976`). Send it with `species` (the server's
 * default is human). A bare chromosome name gets the `chr` prefix.
 *
 * @example
 * ```ts
 * interval('chrX', 151073054, 151383976); // 'chrX:151073054-151383976'
 * await mg.query(interval('X', 151073054, 151383976), { species: 'human' });
 * ```
 */
export function interval(chr: string | number, start: number, end: number): string {
  const name = String(chr).trim();
  if (!/^(chr)?[A-Za-z0-9_.]+$/i.test(name)) throw new ValidationError({ message: `interval: invalid chromosome ${JSON.stringify(chr)}`, field: 'chr' });
  for (const [key, value] of [
    ['start', start],
    ['end', end],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 0) throw new ValidationError({ message: `interval: ${key} must be a non-negative integer`, field: key });
  }
  if (start > end) throw new ValidationError({ message: `interval: start (${start}) is after end (${end})`, field: 'start' });
  const prefixed = /^chr/i.test(name) ? `chr${name.slice(3)}` : `chr${name}`;
  return `${prefixed}:${start}-${end}`;
}
