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
