import type { HttpHooks } from '../hooks.js';
import { NetworkError } from '../errors.js';
import { discard, readLimited } from './body.js';
import { common, type Received, type RequestContext, readContext, safeUrl } from './context.js';
import { applyContext, csrfRefreshed, plainGet } from './csrf.js';
import { attemptError, errorPrefix, httpError, observe, PassThrough, testingRefusal } from './error-map.js';
import { becomesGet, redirectLocation, refusal, stripCredentials } from './redirects.js';

/** What the exchange needs besides the request's own state. */
export interface ExchangeOptions {
  /** The (concurrency-limited) fetch. */
  fetch: typeof fetch;
  hooks: HttpHooks;
  browser: boolean;
  maxRedirects: number;
  maxBytes: number;
  /** The prepared body, sent again on a 307/308 or after a CSRF refresh. */
  body: BodyInit | undefined;
  replayable: boolean;
  /** Whether ky will throw for this status on this attempt (the same function ky is given). */
  throws: (status: number) => boolean;
  /** afterResponse hooks will read the response: hand ky a readable one. */
  keepReadable: boolean;
  /** The client's headers (for this runtime), for the plain GET of auth strategies. */
  plainHeaders: (browser: boolean) => HeadersInit;
  /** The request's headers when ky was not given them (no ky hooks): set on each attempt's Request. */
  headers: Record<string, string> | undefined;
  /** `fetch` is the platform's (no `fetch` option): its responses are new, their bodies unused. */
  platformFetch: boolean;
}

/** A value ky drops (`undefined`, or the string 'undefined' once Headers has trimmed it). */
const UNDEFINED = /^[\t\n\r ]*undefined[\t\n\r ]*$/;

/**
 * Set `headers` on a Request built without them, with ky's outcome: a value ky drops is left
 * out; the Request's own content-type (from its body) gives way to a given one. An invalid name
 * or value throws the TypeError ky's `new Headers(headers)` throws (ky's first use of them).
 */
function setHeaders(target: Headers, headers: Record<string, string>): void {
  try {
    for (const name in headers) {
      const value = headers[name] as string | undefined;
      if (value === undefined || value === 'undefined' || (typeof value === 'string' && value.length > 9 && UNDEFINED.test(value))) {
        target.has(name); // left out, but ky checks its name
        continue;
      }
      if (name === 'content-type') target.delete(name);
      target.append(name, value);
    }
  } catch (e) {
    new Headers(headers); // ky's error, for the same headers
    throw e;
  }
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** A readable copy of a response whose body was already read into `bytes`. */
function readable(original: Response, bytes: Uint8Array): Response {
  const copy = new Response(NULL_BODY_STATUSES.has(original.status) ? null : (bytes as Uint8Array<ArrayBuffer>), {
    status: original.status,
    statusText: original.statusText,
    headers: original.headers,
  });
  Object.defineProperties(copy, { url: { value: original.url }, redirected: { value: original.redirected } });
  return copy;
}

/** The request sent again (a redirect hop, or after a CSRF refresh). */
function again(
  ctx: RequestContext,
  url: URL,
  headers: Headers,
  method: string,
  body: BodyInit | undefined,
  signal: AbortSignal,
  redirect: RequestRedirect,
): Request {
  if (body === undefined || (typeof FormData !== 'undefined' && body instanceof FormData)) headers.delete('content-type');
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal, redirect };
  if (body !== undefined) init.body = body;
  if (ctx.auth?.credentials !== undefined) init.credentials = ctx.auth.credentials;
  return new Request(url, init);
}

/**
 * The `fetch` ky calls, once per attempt: applies auth (same origin only), follows redirects by
 * hand (dropping credentials across origins), refreshes a refused CSRF token once, reports every
 * hop to the observers, and — inside ky's per-attempt timeout — reads what the attempt must read:
 * the whole body (size-guarded) in buffered modes, at most 64 KiB of an error body.
 */
export function createExchange(ctx: RequestContext, o: ExchangeOptions): (input: Request) => Promise<Response> {
  const redirect: RequestRedirect = o.browser ? 'follow' : 'manual';
  let plain: ((target: URL) => Promise<Response>) | undefined;
  const send = (target: URL): Promise<Response> => {
    plain ??= plainGet(ctx, o.fetch, o.plainHeaders(o.browser), redirect);
    return plain(target);
  };
  const buffered = ctx.mode === 'json' || ctx.mode === 'text' || ctx.mode === 'bytes';

  return async (first: Request): Promise<Response> => {
    if (o.headers !== undefined) {
      try {
        setHeaders(first.headers, o.headers);
      } catch (e) {
        // As when ky rejects them: before any attempt, not retried.
        throw new PassThrough(attemptError(ctx, e, ctx.lastUrl));
      }
    }
    const attempt = ++ctx.attempt;
    let request = first;
    // Without ky hooks (o.headers set) nothing can replace ky's Request, built from ctx.url.href:
    // its URL is that one, so the Request's URL is not serialised again to compare.
    let current = (o.headers !== undefined && !ctx.replaced) || first.url === ctx.url.href ? ctx.url : new URL(first.url);
    let method = first.method;
    // The body to send again: the prepared one (ky's Request carries exactly that one, or none
    // when it is undefined), or (a hook replaced the request) its own bytes.
    let body: BodyInit | undefined = !ctx.replaced ? o.body : first.body === null ? undefined : await first.clone().arrayBuffer();
    let crossOrigin = current === ctx.url ? ctx.crossOrigin : current.origin !== ctx.base.origin;
    let hops = 0;
    try {
      for (;;) {
        ctx.lastUrl = current;
        if (crossOrigin) stripCredentials(request.headers, ctx.auth);
        else if (ctx.auth) await ctx.auth.apply(applyContext(ctx, current, request.headers, method, send));
        if (o.hooks.onRequest) observe(o.hooks.onRequest, () => ({ method, url: safeUrl(ctx, current), attempt }));
        const t0 = o.hooks.onResponse ? performance.now() : 0;
        const response = await o.fetch(request);
        if (o.hooks.onResponse)
          observe(o.hooks.onResponse, () => ({ method, url: safeUrl(ctx, current), status: response.status, attempt, durationMs: performance.now() - t0 }));
        if (!crossOrigin && ctx.auth?.onResponse) await ctx.auth.onResponse(response, current);

        const next = o.browser ? undefined : redirectLocation(response, current);
        if (next !== undefined) {
          discard(response.body);
          hops++;
          const why = refusal(next, hops, o.maxRedirects);
          if (why !== undefined)
            throw new NetworkError({
              message: `${ctx.method} ${safeUrl(ctx, ctx.url)}: ${why}`,
              method: ctx.method,
              url: ctx.url.href,
              attempts: attempt,
              ...common(ctx),
            });
          if (becomesGet(response.status, method)) {
            method = 'GET';
            body = undefined;
          } else if (!o.replayable && body !== undefined) {
            throw new NetworkError({
              message: `${ctx.method} ${safeUrl(ctx, ctx.url)}: cannot resend a stream body to follow a ${response.status} redirect`,
              method: ctx.method,
              url: ctx.url.href,
              attempts: attempt,
              ...common(ctx),
            });
          }
          if (next.origin !== ctx.base.origin) crossOrigin = true;
          request = again(ctx, next, new Headers(request.headers), method, body, first.signal, redirect);
          current = next;
          continue;
        }
        if (response.status === 403 && !crossOrigin && !ctx.csrfRetried && (o.replayable || body === undefined)) {
          const context = applyContext(ctx, current, new Headers(), method, send);
          if (await csrfRefreshed(ctx.auth, response, context)) {
            ctx.csrfRetried = true; // once per request, so a server that keeps refusing cannot loop us
            discard(response.body);
            request = again(ctx, current, new Headers(request.headers), method, body, first.signal, redirect);
            continue;
          }
        }

        const received: Received = { response, finalUrl: current, redirected: hops > 0, attempt };
        ctx.received = received;
        if (!response.ok && o.throws(response.status)) {
          const prefix = await errorPrefix(response);
          received.error = httpError(ctx, response, prefix, current, attempt);
          if (o.keepReadable && prefix) received.response = readable(response, prefix.bytes);
          return received.response;
        }
        if (!buffered) return response;
        const bytes = await readLimited(response, o.maxBytes, () => readContext(ctx, current, attempt, response.status), o.platformFetch);
        received.bytes = bytes;
        if (o.keepReadable) received.response = readable(response, bytes);
        return received.response;
      }
    } catch (e) {
      if (e instanceof PassThrough) throw e;
      const unmatched = testingRefusal(e);
      if (unmatched) throw new PassThrough(unmatched); // a test's mistake: the same request would fail again
      throw attemptError(ctx, e, current);
    }
  };
}
