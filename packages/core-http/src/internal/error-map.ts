import { isHTTPError } from 'ky';
import { AbortError, type BioHttpError, createHttpError, isBioHttpError, NetworkError, TimeoutError } from '../errors.js';
import { parseRetryAfter } from '../retry.js';
import { decodeUtf8, defaultServiceMessage, isJsonContentType, readPrefix } from './body.js';
import { common, type RequestContext, safeUrl } from './context.js';
import { redactBody } from './redact-body.js';

/** How much of an error body is read (the rest is discarded). */
export const ERROR_BODY_LIMIT = 64 * 1024;

/** Carries an exception thrown by a hook past the error mapping, so it comes out unchanged. */
export class PassThrough {
  constructor(readonly error: unknown) {}
}

/** Call an observer hook; its exception is carried out unchanged. */
export function observe<T>(hook: ((e: T) => void) | undefined, payload: () => T): void {
  if (hook === undefined) return;
  try {
    hook(payload());
  } catch (e) {
    throw new PassThrough(e);
  }
}

/** The error a non-2xx response becomes, from (a prefix of) its body. */
export function httpError(
  ctx: RequestContext,
  response: Response,
  prefix: { bytes: Uint8Array; truncated: boolean } | undefined,
  at: URL,
  attempts: number,
): BioHttpError {
  let body: unknown;
  if (prefix !== undefined) {
    const text = decodeUtf8(prefix.bytes);
    body = text;
    if (!prefix.truncated && (isJsonContentType(response.headers.get('content-type')) || /^\s*[{[]/.test(text))) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
  }
  // The message is read from the body with the secrets already out: a reader that cuts the
  // message to a length could otherwise leave a piece of one no later redaction finds.
  const { secrets } = common(ctx);
  if (secrets.length > 0) body = redactBody(body, secrets);
  let serviceMessage: string | undefined;
  try {
    serviceMessage = ctx.serviceMessage ? ctx.serviceMessage(body, response) : defaultServiceMessage(body);
  } catch {
    serviceMessage = undefined;
  }
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  return createHttpError({
    status: response.status,
    method: ctx.method,
    url: at.href,
    ...(serviceMessage === undefined ? {} : { serviceMessage }),
    ...(body === undefined || body === '' ? {} : { body }),
    ...(retryAfter === undefined ? {} : { retryAfter }),
    attempts,
    headers,
    ...common(ctx),
  });
}

/** Read at most 64 KiB of an error body; undefined when the body itself failed to arrive. */
export async function errorPrefix(response: Response): Promise<{ bytes: Uint8Array; truncated: boolean } | undefined> {
  try {
    return await readPrefix(response, ERROR_BODY_LIMIT);
  } catch {
    return undefined; // the status still tells the story
  }
}

/** The caller's signal → `AbortError`; otherwise the deadline passed → `TimeoutError`. */
export function abortedError(ctx: RequestContext, attempts: number, cause?: unknown): BioHttpError {
  const caller = ctx.cancel.callerAborted();
  if (caller) {
    return new AbortError({
      message: `${ctx.method} ${safeUrl(ctx, ctx.url)}: aborted by the caller`,
      method: ctx.method,
      url: ctx.url.href,
      attempts,
      cause: caller.reason,
      ...common(ctx),
    });
  }
  return new TimeoutError({
    message: `${ctx.method} ${safeUrl(ctx, ctx.url)}: deadline of ${ctx.cancel.deadline} ms exceeded`,
    method: ctx.method,
    url: ctx.url.href,
    attempts,
    ...(cause === undefined ? {} : { cause }),
    ...common(ctx),
  });
}

/**
 * The testing kit's "no fixture or simulator answers this request" (`UnmatchedRequestError` from
 * `@bio/core-http/testing`, raised inside a fake fetch), found by name in the cause chain: it is
 * handed to the caller as it is, never retried and never dressed up as a network error.
 */
export function testingRefusal(e: unknown): Error | undefined {
  for (let c = e, depth = 0; c instanceof Error && depth < 5; c = c.cause, depth++) if (c.name === 'UnmatchedRequestError') return c;
  return undefined;
}

/** A platform error raised inside an attempt (sending, or reading a buffered body). */
export function attemptError(ctx: RequestContext, e: unknown, at: URL): BioHttpError {
  if (isBioHttpError(e)) return e;
  if (ctx.cancel.aborted()) return abortedError(ctx, ctx.attempt, e);
  const cause = e instanceof Error ? e : new Error(String(e));
  const code = (cause.cause as { code?: unknown } | undefined)?.code;
  const detail = typeof code === 'string' ? code : cause.message;
  return new NetworkError({
    message: `${ctx.method} ${safeUrl(ctx, at)}: network error (${detail})`,
    method: ctx.method,
    url: at.href,
    attempts: ctx.attempt,
    cause,
    ...common(ctx),
  });
}

/** ky's per-attempt timeout. Its error is not kept as the cause: it holds the sent Request, credentials included. */
function attemptTimeout(ctx: RequestContext): BioHttpError {
  const cause = new DOMException(`no response within ${ctx.timeout} ms`, 'TimeoutError');
  return new TimeoutError({
    message: `${ctx.method} ${safeUrl(ctx, ctx.lastUrl)}: no response within ${ctx.timeout} ms`,
    method: ctx.method,
    url: ctx.lastUrl.href,
    attempts: ctx.attempt,
    cause,
    ...common(ctx),
  });
}

/** ky's `HTTPError` → ours, reusing what the attempt already read. */
async function fromHttpError(ctx: RequestContext, response: Response): Promise<BioHttpError> {
  const seen = ctx.received?.response === response ? ctx.received : undefined;
  if (seen?.error) return seen.error;
  // A response put in place by an afterResponse hook: read its error body now.
  const error = httpError(ctx, response, await errorPrefix(response), seen?.finalUrl ?? ctx.lastUrl, ctx.attempt);
  ctx.received = { ...(seen ?? { finalUrl: ctx.lastUrl, redirected: false, attempt: ctx.attempt }), response, error };
  return error;
}

function isKyTimeout(e: unknown): boolean {
  return e instanceof Error && e.name === 'TimeoutError' && 'request' in e && !isBioHttpError(e);
}

/**
 * What ky's retry decision sees, in our terms: undefined for an exception of a hook or
 * anything that is not a failed exchange (never retried).
 */
export async function retryCandidate(ctx: RequestContext, e: unknown): Promise<BioHttpError | undefined> {
  if (isBioHttpError(e)) return e;
  if (isHTTPError(e)) return fromHttpError(ctx, e.response);
  if (isKyTimeout(e)) return attemptTimeout(ctx);
  return undefined;
}

/** The error the caller sees (before `beforeError` hooks), whatever ky rejected with. */
export async function finalError(ctx: RequestContext, e: unknown): Promise<unknown> {
  if (e instanceof PassThrough) return e.error;
  if (isBioHttpError(e)) return e;
  if (isHTTPError(e)) return fromHttpError(ctx, e.response);
  if (ctx.cancel.aborted()) return abortedError(ctx, ctx.attempt, e);
  if (isKyTimeout(e)) return attemptTimeout(ctx);
  return attemptError(ctx, e, ctx.lastUrl);
}

/**
 * An error while the caller reads a streamed body (after the request returned): the caller's
 * signal → `AbortError`, a timeout → `TimeoutError`, anything else → `NetworkError`.
 */
export function bodyReadError(ctx: RequestContext, e: unknown, attempts: number, at: URL): Error {
  if (isBioHttpError(e)) return e;
  const caller = ctx.cancel.callerAborted();
  if (caller && !(caller.reason instanceof Error && caller.reason.name === 'TimeoutError')) {
    return new AbortError({
      message: `${ctx.method} ${safeUrl(ctx, at)}: aborted by the caller while reading the body`,
      method: ctx.method,
      url: at.href,
      attempts,
      cause: caller.reason,
      ...common(ctx),
    });
  }
  const name = e instanceof Error || e instanceof DOMException ? e.name : '';
  if (caller || name === 'TimeoutError' || ctx.cancel.deadlinePassed()) {
    return new TimeoutError({
      message: `${ctx.method} ${safeUrl(ctx, at)}: timed out while reading the body`,
      method: ctx.method,
      url: at.href,
      attempts,
      cause: e,
      ...common(ctx),
    });
  }
  const detail = e instanceof Error ? e.message : String(e);
  return new NetworkError({
    message: `${ctx.method} ${safeUrl(ctx, at)}: the response body broke off (${detail})`,
    method: ctx.method,
    url: at.href,
    attempts,
    cause: e,
    ...common(ctx),
  });
}
