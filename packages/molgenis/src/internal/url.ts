import { ValidationError } from '@bio/core-http';

/**
 * Turn whatever the user passed (`https://host`, `https://host/`, `https://host/api/`,
 * `https://host/sub/api/v2/`) into the server root with a trailing slash
 * (`https://host/sub/`).
 *
 * The Python client does `url.rstrip('/').rstrip('/api')`, a character-set strip that
 * eats any trailing `a`, `p`, `i` or `/` (`https://example.ca` → `https://example.c`).
 * Here the path is split into segments and cut at the first segment that is exactly
 * `api`, so host names are never touched.
 */
export function normalizeRootUrl(input: string): string {
  if (typeof input !== 'string' || input.trim() === '') {
    throw new ValidationError({ message: 'url must be a non-empty string, e.g. "https://molgenis.example.org"', field: 'url' });
  }
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch (cause) {
    throw new ValidationError({ message: `url is not an absolute URL: ${JSON.stringify(input)}`, field: 'url', cause });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ValidationError({ message: `url must use http or https, got ${url.protocol}`, field: 'url' });
  }
  if (url.username || url.password) {
    throw new ValidationError({ message: 'url must not contain credentials; use login() or the token option', field: 'url' });
  }
  const segments = url.pathname.split('/').filter((s) => s !== '');
  const apiAt = segments.indexOf('api');
  const kept = apiAt === -1 ? segments : segments.slice(0, apiAt);
  url.pathname = kept.length === 0 ? '/' : `/${kept.join('/')}/`;
  url.search = '';
  url.hash = '';
  return url.toString();
}

/** A root-relative href that `new URL` would not change: no query, fragment, backslash or dot segment. */
const PLAIN_PATH = /^\/(?!\/)[^?#\\\t\n\r]*$/;
const DOT_SEGMENT = /(^|\/)(\.|%2e){1,2}(\/|$)/i;

/** The last path segment of an href or URL, percent-decoded (`/api/v2/E/a%2Fb` → `a/b`). */
export function lastSegment(href: string, base: string): string | undefined {
  const trimmed = href.trim();
  // The fast path for what MOLGENIS sends (`/api/v2/E/<id>`, thousands per batch): `new URL`
  // for every id of a 1000-row answer costs more than the rest of the answer's handling.
  if (PLAIN_PATH.test(trimmed) && !DOT_SEGMENT.test(trimmed)) return lastOfPath(trimmed);
  let pathname: string;
  try {
    pathname = new URL(trimmed, base).pathname;
  } catch {
    return undefined;
  }
  return lastOfPath(pathname);
}

/** The last non-empty segment of a path, percent-decoded when it decodes (else as it is). */
function lastOfPath(path: string): string | undefined {
  const segments = path.split('/').filter((s) => s !== '');
  const last = segments[segments.length - 1];
  if (last === undefined) return undefined;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** The `start` query parameter of a MOLGENIS `nextHref`, or undefined when absent or not a number. */
export function startOf(href: string, base: string): number | undefined {
  let value: string | null;
  try {
    value = new URL(href, base).searchParams.get('start');
  } catch {
    return undefined;
  }
  if (value === null || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}
