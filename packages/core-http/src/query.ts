import { ValidationError } from './errors.js';

/** A value a query parameter can take; `undefined` and `null` are dropped. */
export type QueryValue = string | number | boolean | bigint | null | undefined | readonly (string | number | boolean | bigint)[];
/** Query parameters as a plain object or ready `URLSearchParams`. */
export type QueryParams = Readonly<Record<string, QueryValue>> | URLSearchParams;
/** How arrays go on the wire: `a=1&a=2` (`repeat`) or `a=1,2` (`comma`). */
export type ArrayFormat = 'repeat' | 'comma';

/**
 * Build `URLSearchParams` from a plain object: `undefined`/`null` dropped, booleans as
 * `true`/`false`, arrays repeated or comma-joined.
 *
 * @example
 * ```ts
 * buildSearchParams({ fields: ['symbol', 'name'], dotfield: false, size: undefined }).toString();
 * // 'fields=symbol%2Cname&dotfield=false'
 * ```
 */
export function buildSearchParams(params: QueryParams | undefined, options: { arrayFormat?: ArrayFormat } = {}): URLSearchParams {
  if (params instanceof URLSearchParams) return new URLSearchParams(params);
  const out = new URLSearchParams();
  if (!params) return out;
  const arrayFormat = options.arrayFormat ?? 'comma';
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      const items = (value as readonly (string | number | boolean | bigint)[]).map(String);
      if (arrayFormat === 'repeat') for (const item of items) out.append(key, item);
      else out.append(key, items.join(','));
    } else {
      out.append(key, String(value));
    }
  }
  return out;
}

/**
 * Encode one path segment so that no value can change the path: `/`, `?`, `#`, `%` are
 * percent-encoded, and the dot segments `.` and `..` (which no encoding can protect) are
 * refused with a {@link ValidationError}.
 *
 * @example
 * ```ts
 * encodePathSegment('../admin'); // '..%2Fadmin'
 * encodePathSegment('..');       // throws ValidationError
 * ```
 */
export function encodePathSegment(value: string | number): string {
  const text = String(value);
  if (text.length === 0) throw new ValidationError({ message: 'a path segment must not be empty' });
  // URL parsers treat `.`/`..` (and their %2E forms) as dot segments: no encoding is safe.
  if (text === '.' || text === '..') throw new ValidationError({ message: `"${text}" cannot be used as a path segment` });
  return encodeURIComponent(text);
}

/**
 * A tagged template that encodes every interpolated value as one path segment.
 *
 * @example
 * ```ts
 * path`m/screens/${id}/plates/`; // id 'a/b' → 'm/screens/a%2Fb/plates/'
 * ```
 */
export function path(strings: TemplateStringsArray, ...values: readonly (string | number)[]): string {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) {
    out += encodePathSegment(values[i] as string | number) + (strings[i + 1] ?? '');
  }
  return out;
}
