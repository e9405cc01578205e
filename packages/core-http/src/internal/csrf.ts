import type { AuthStrategy } from '../auth.js';
import { type AuthApplyContext, CSRF_REFRESH, type CsrfRefreshable, isCsrfFailure } from './auth-context.js';
import { decodeUtf8, readPrefix } from './body.js';
import type { RequestContext } from './context.js';

/**
 * A plain same-origin GET for auth strategies (the CSRF token endpoint): the client's headers,
 * no retries, the request's cancellation and per-attempt timeout.
 */
export function plainGet(ctx: RequestContext, fetchFn: typeof fetch, headers: HeadersInit, redirect: RequestRedirect): (target: URL) => Promise<Response> {
  return async (target) => {
    const h = new Headers(headers);
    h.set('accept', 'application/json');
    const outer = ctx.cancel.signal;
    const signals = [...(outer ? [outer] : []), ...(ctx.timeout === false ? [] : [AbortSignal.timeout(ctx.timeout)])];
    const init: RequestInit = { method: 'GET', headers: h, redirect };
    if (signals.length > 0) init.signal = signals.length === 1 ? (signals[0] as AbortSignal) : AbortSignal.any(signals);
    if (ctx.auth?.credentials !== undefined) init.credentials = ctx.auth.credentials;
    const response = await fetchFn(target, init);
    if (target.origin === ctx.base.origin && ctx.auth?.onResponse) await ctx.auth.onResponse(response, target);
    return response;
  };
}

/** The context `AuthStrategy.apply` receives: the public fields, the base URL and `plainGet`. */
export function applyContext(ctx: RequestContext, url: URL, headers: Headers, method: string, send: (u: URL) => Promise<Response>): AuthApplyContext {
  return { url, headers, method, baseUrl: ctx.base, send };
}

/**
 * A same-origin 403 that says the CSRF check failed, with a strategy that can fetch a new
 * token (`sessionAuth({ csrfTokenPath })`): refresh it. True when the request should be sent
 * again (the caller does so once per request). Safe for a POST: a CSRF refusal happens in the
 * server's middleware before any handler runs, so the first send had no effect.
 */
export async function csrfRefreshed(auth: AuthStrategy | undefined, response: Response, context: AuthApplyContext): Promise<boolean> {
  const refresh = (auth as (AuthStrategy & CsrfRefreshable) | undefined)?.[CSRF_REFRESH];
  if (refresh === undefined) return false;
  // Peek at the refusal without consuming it: a clone, at most 16 KiB.
  const peek = await readPrefix(response.clone(), 16 * 1024);
  if (!isCsrfFailure(response.statusText, decodeUtf8(peek.bytes))) return false;
  return refresh(context);
}
