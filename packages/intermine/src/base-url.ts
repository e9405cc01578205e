import { ValidationError } from '@bio/core-http';

/**
 * Turn `www.flymine.org/flymine` into `https://www.flymine.org/flymine/service`: `https://` is
 * added when there is no scheme, and `/service` when the path does not end with it.
 *
 * @example
 * ```ts
 * normaliseBaseUrl('www.flymine.org/flymine'); // 'https://www.flymine.org/flymine/service'
 * ```
 */
export function normaliseBaseUrl(baseUrl: string): string {
  if (typeof baseUrl !== 'string' || baseUrl.trim() === '') {
    throw new ValidationError({ message: 'baseUrl must be the URL of a mine, e.g. https://www.flymine.org/flymine', field: 'baseUrl' });
  }
  let url = baseUrl.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) url = `https://${url}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ValidationError({ message: `baseUrl is not a URL: ${JSON.stringify(baseUrl)}`, field: 'baseUrl' });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new ValidationError({ message: `baseUrl must be http(s), got ${parsed.protocol}`, field: 'baseUrl' });
  parsed.search = '';
  parsed.hash = '';
  let pathname = parsed.pathname.replace(/\/+$/, '');
  if (!pathname.endsWith('/service')) pathname += '/service';
  parsed.pathname = pathname;
  return parsed.href;
}
