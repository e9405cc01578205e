import type { AuthStrategy } from '../auth.js';

// Redirects are followed by hand (ky and fetch would forward credentials to any origin): the
// decisions live here, the loop in exchange.ts.

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const ALWAYS_STRIPPED = ['authorization', 'proxy-authorization', 'cookie'];

/** Where a redirect response points, or undefined when it is not one to follow. */
export function redirectLocation(response: Response, current: URL): URL | undefined {
  if (!REDIRECT_STATUSES.has(response.status)) return undefined;
  const location = response.headers.get('location');
  return location === null ? undefined : new URL(location, current);
}

/** Why a redirect is not followed (too many hops, not http(s)), or undefined. */
export function refusal(next: URL, hops: number, maxRedirects: number): string | undefined {
  if (hops > maxRedirects) return `more than ${maxRedirects} redirects`;
  if (next.protocol !== 'http:' && next.protocol !== 'https:') return `a redirect to ${next.protocol} is not followed`;
  return undefined;
}

/** 303 (but not for HEAD), and 301/302 after a POST, continue as a GET without a body. */
export function becomesGet(status: number, method: string): boolean {
  return (status === 303 && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST');
}

/** Leaving the client's origin: remove every credential (ours and the caller's). */
export function stripCredentials(headers: Headers, auth: AuthStrategy | undefined): void {
  for (const name of ALWAYS_STRIPPED) headers.delete(name);
  if (auth) for (const name of auth.headerNames) headers.delete(name);
}
