import type { BioHttpError } from './errors.js';

/**
 * Hooks: observe requests (`onRequest`, `onResponse`, `onRetry`) or change them
 * (`beforeRequest`, `afterResponse`, `beforeRetry`, `beforeError`). Observer payload URLs are
 * redacted (secret query parameters and auth secrets replaced by `[REDACTED]`); the changing
 * hooks run before credentials are added, so they never see them. Nothing is logged by default.
 * An exception thrown by any hook ends the request with that exception, unchanged and not retried.
 *
 * @example
 * ```ts
 * createHttpClient({ baseUrl, hooks: {
 *   onRetry: (e) => console.warn(`retry ${e.attempt} after ${e.delayMs} ms: ${e.error.message}`),
 *   beforeError: [(e) => { if (e.status === 401) e.message += ' (log in first)'; return e; }],
 * } });
 * ```
 */
export interface HttpHooks {
  /** Before every request sent (redirect hops included); `attempt` starts at 1. */
  onRequest?: ((e: { method: string; url: string; attempt: number }) => void) | undefined;
  /** After every response head received (redirect hops included). */
  onResponse?: ((e: { method: string; url: string; status: number; attempt: number; durationMs: number }) => void) | undefined;
  /** After waiting `delayMs` following a failure, just before attempt number `attempt` (2, 3, …) is sent. */
  onRetry?: ((e: { method: string; url: string; attempt: number; delayMs: number; error: BioHttpError }) => void) | undefined;
  /**
   * Run in order before every attempt; each may change the `Request` in place, return a
   * replacement `Request` (later hooks are skipped), or return a `Response` that is used instead
   * of sending anything. Credentials are added after these hooks.
   *
   * @example
   * ```ts
   * beforeRequest: [({ request }) => { request.headers.set('x-trace-id', crypto.randomUUID()); }]
   * beforeRequest: [({ request }) => (cache.has(request.url) ? cache.get(request.url)!.clone() : undefined)]
   * ```
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: a hook that returns nothing must type-check (as in ky)
  beforeRequest?: readonly ((e: { request: Request; attempt: number }) => Request | Response | void | Promise<Request | Response | void>)[] | undefined;
  /**
   * Run in order on the response of every attempt (after redirects were followed, before its
   * status is checked); each may return a replacement `Response`. The response passed is a
   * copy: reading its body does not use up the one the caller gets.
   *
   * @example
   * ```ts
   * afterResponse: [({ response }) => (response.status === 204 ? Response.json([]) : undefined)]
   * ```
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: a hook that returns nothing must type-check (as in ky)
  afterResponse?: readonly ((e: { request: Request; response: Response; attempt: number }) => Response | void | Promise<Response | void>)[] | undefined;
  /**
   * Run in order before a retry is sent (after the wait); each may change the `Request` in place
   * or return a replacement `Request` for this and later attempts.
   *
   * @example
   * ```ts
   * beforeRetry: [async ({ request }) => { request.headers.set('x-token', await refreshToken()); }]
   * ```
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: a hook that returns nothing must type-check (as in ky)
  beforeRetry?: readonly ((e: { request: Request; error: BioHttpError; attempt: number }) => Request | void | Promise<Request | void>)[] | undefined;
  /**
   * Run in order on every error a request or its body read fails with, before the caller sees
   * it; each may return a replacement (e.g. the same kind of error with a hint in its message).
   *
   * @example
   * ```ts
   * beforeError: [(e) => (isUnauthorizedError(e) ? new UnauthorizedError({ status: 401, url: e.url, message: `${e.message} (log in first)`, cause: e }) : e)]
   * ```
   */
  beforeError?: readonly ((error: BioHttpError) => BioHttpError | Promise<BioHttpError>)[] | undefined;
}
