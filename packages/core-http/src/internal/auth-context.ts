/**
 * What the client actually passes to `AuthStrategy.apply`: the public fields plus the
 * client's base URL and a plain same-origin GET (used by session auth to fetch a CSRF token).
 */
export interface AuthApplyContext {
  url: URL;
  headers: Headers;
  method: string;
  baseUrl?: URL;
  send?: (url: URL) => Promise<Response>;
}

/**
 * Internal hook of `sessionAuth({ csrfTokenPath })`: forget the CSRF token and fetch a fresh one.
 * Resolves true when a new token is known (the client then resends the refused request once).
 */
export const CSRF_REFRESH: unique symbol = Symbol.for('@bio/core-http.csrfRefresh');

/** The shape of a strategy carrying {@link CSRF_REFRESH}. */
export interface CsrfRefreshable {
  [CSRF_REFRESH]?: (ctx: AuthApplyContext) => Promise<boolean>;
}

/** True when a 403 says the CSRF check failed (Django: "CSRF verification failed", "CSRF token missing"). */
export function isCsrfFailure(statusText: string, bodyText: string): boolean {
  return /csrf/i.test(statusText) || /csrf/i.test(bodyText);
}
