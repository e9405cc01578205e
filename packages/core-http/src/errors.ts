import { redactBody } from './internal/redact-body.js';
import { redactSecrets, redactUrl } from './redact.js';

/** The codes of core-http's own error classes, one per class. */
export type KnownErrorCode =
  | 'HTTP_ERROR'
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'SERVER_ERROR'
  | 'TIMEOUT'
  | 'NETWORK'
  | 'ABORTED'
  | 'RESPONSE_FORMAT'
  | 'RESPONSE_TOO_LARGE'
  | 'VALIDATION'
  | 'BATCH';

/**
 * A stable machine-readable error code: one of core-http's ({@link KnownErrorCode}) or a
 * client's own (`SCROLL_EXPIRED`, `IMPORT_FAILED`, `ENDPOINT_REMOVED`, …). Open, so a client
 * adds codes without changing core-http; editors still complete the known ones.
 */
export type ErrorCode = KnownErrorCode | (string & {});

// Statuses a retry can cure; the same list as the default retry policy (ky's, minus 413).
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/** What every error of the hierarchy can carry. All fields are optional. */
export interface BioHttpErrorInit {
  /** Default: built from method, url, status and serviceMessage. */
  message?: string;
  /** HTTP status; 0 when no response arrived. */
  status?: number;
  /** HTTP method of the request (stored upper-cased). */
  method?: string;
  /** Request URL; secret query parameters are redacted before it is stored. */
  url?: string;
  /** Which service answered: `mygene`, `intermine`, `idr`, `molgenis`. */
  service?: string;
  /** The server's own words, when it sent any. */
  serviceMessage?: string;
  /** Parsed JSON body, or a text snippet of at most 2 KiB. */
  body?: unknown;
  /** How long the server asked us to wait, in milliseconds. */
  retryAfter?: number;
  /** How many attempts were made before giving up. */
  attempts?: number;
  /** Response headers (secret headers removed). */
  headers?: Record<string, string>;
  /** The underlying error (a ky or platform error), kept as the standard `Error.cause`. */
  cause?: unknown;
  /** Secret values scrubbed from every text field before it is stored. */
  secrets?: readonly string[];
}

const SNIPPET_LIMIT = 2048;
const SECRET_HEADERS = new Set(['set-cookie', 'cookie', 'authorization', 'x-molgenis-token', 'x-csrftoken', 'x-csrf-token']);

/** The body an error keeps: redacted, then a text cut to {@link SNIPPET_LIMIT}. */
function scrubBody(body: unknown, secrets: readonly string[]): unknown {
  const redacted = redactBody(body, secrets);
  return typeof redacted === 'string' && redacted.length > SNIPPET_LIMIT ? `${redacted.slice(0, SNIPPET_LIMIT)}…` : redacted;
}

function defaultMessage(init: BioHttpErrorInit, fallback: string): string {
  const parts: string[] = [];
  if (init.status) parts.push(String(init.status));
  if (init.method && init.url) parts.push(`${init.method.toUpperCase()} ${init.url}`);
  let message = parts.length > 0 ? parts.join(' ') : fallback;
  if (init.serviceMessage) message += `: ${init.serviceMessage}`;
  else if (parts.length > 0) message += `: ${fallback}`;
  return message;
}

/**
 * The base of every error the `@bio` packages raise: a stable `name` and `code`, a `retryable`
 * flag, and the `isBioError` marker that {@link isBioError} checks, so the check holds for
 * subclasses and for errors from a second installed copy of core-http alike.
 *
 * @example
 * ```ts
 * try { await mg.gene(''); }
 * catch (e) { if (isBioError(e)) console.error(e.code, e.message); }
 * ```
 */
export class BioError extends Error {
  /** The class name (`'BioError'`, `'NotFoundError'`, …), stable across minification. */
  override name = 'BioError';
  /** A stable machine-readable code, one per class (see {@link ErrorCode}); `'BIO_ERROR'` here. */
  readonly code: ErrorCode = 'BIO_ERROR';
  /** True when trying the same call again later may succeed (timeouts, 429, 5xx, broken connections). */
  get retryable(): boolean {
    return false;
  }
  /** Marker that survives duplicate package copies (as ky's `isKyError`). */
  get isBioError(): true {
    return true;
  }
  /**
   * A plain, secret-free view (used by `JSON.stringify`).
   *
   * @example
   * ```ts
   * JSON.stringify(new BioError('failed')); // '{"name":"BioError","code":"BIO_ERROR","message":"failed"}'
   * ```
   */
  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message };
  }
}

/**
 * The base of every error about an HTTP exchange: the request could not be sent, no or a
 * bad answer came, or the server refused. `status` is 0 when no response arrived.
 *
 * @example
 * ```ts
 * try { await mg.gene('1017'); }
 * catch (e) { if (isBioHttpError(e)) console.error(e.status, e.serviceMessage); }
 * ```
 */
export class BioHttpError extends BioError {
  /** The class name; `'BioHttpError'` here, the subclass's name for the subclasses. */
  override name = 'BioHttpError';
  /** `'HTTP_ERROR'` here; each subclass has its own code (`'NOT_FOUND'`, `'TIMEOUT'`, …). */
  override readonly code: ErrorCode = 'HTTP_ERROR';
  /** HTTP status of the response; 0 when no response arrived (timeouts, network failures, aborts). */
  readonly status: number;
  /** HTTP method, upper-cased (`'GET'`, `'POST'`, …); undefined when the error was built without one. */
  readonly method?: string;
  /** Request URL with secret query parameters (keys, tokens, passwords) redacted; undefined when unknown. */
  readonly url?: string;
  /** Which service answered (`'mygene'`, `'intermine'`, `'idr'`, `'molgenis'`); undefined when unknown. */
  readonly service?: string;
  /** The server's own error message, when its response carried one; secrets are scrubbed. */
  readonly serviceMessage?: string;
  /** The parsed JSON error body, or a text snippet of at most 2 KiB; undefined when there was none. */
  readonly body?: unknown;
  /** How long the server asked the client to wait (`Retry-After`), in milliseconds; undefined when it did not say. */
  readonly retryAfter?: number;
  /** How many attempts were made, retries included, before the call gave up; undefined when not counted. */
  readonly attempts?: number;
  /** Response headers, with `Set-Cookie`, `Authorization`, token and CSRF headers removed; undefined without a response. */
  readonly headers?: Record<string, string>;
  readonly #retryable: boolean;

  /** True for 408, 429, 500, 502, 503 and 504 (and always for {@link TimeoutError} and {@link NetworkError}). */
  override get retryable(): boolean {
    return this.#retryable;
  }
  /** Marker that survives duplicate package copies (as ky's `isKyError`). */
  get isBioHttpError(): true {
    return true;
  }

  /**
   * Build an HTTP error; the message defaults to status, method, URL and the service's message.
   *
   * @param init - What is known about the failed exchange; `url`, `serviceMessage`, `body`,
   *   `headers` and the message are scrubbed of `init.secrets` before they are stored.
   * @param fallbackMessage - Used in the default message when neither `init.message` nor a
   *   `serviceMessage` is given.
   *
   * @example
   * ```ts
   * const err = new BioHttpError({ status: 502, method: 'get', url: 'https://mygene.info/v3/gene/1017', service: 'mygene' });
   * err.message; // '502 GET https://mygene.info/v3/gene/1017: HTTP request failed'
   * ```
   */
  constructor(init: BioHttpErrorInit = {}, fallbackMessage = 'HTTP request failed') {
    const secrets = (init.secrets ?? []).filter((s) => s.length > 0);
    const url = init.url === undefined ? undefined : redactSecrets(redactUrl(init.url), secrets);
    const serviceMessage = init.serviceMessage === undefined ? undefined : redactSecrets(init.serviceMessage, secrets);
    const rawMessage =
      init.message ??
      defaultMessage({ ...init, ...(url === undefined ? {} : { url }), ...(serviceMessage === undefined ? {} : { serviceMessage }) }, fallbackMessage);
    super(redactSecrets(rawMessage, secrets), init.cause === undefined ? undefined : { cause: scrubCause(init.cause, secrets) });
    this.#retryable = RETRYABLE_STATUSES.has(init.status ?? 0);
    this.status = init.status ?? 0;
    if (init.method !== undefined) this.method = init.method.toUpperCase();
    if (url !== undefined) this.url = url;
    if (init.service !== undefined) this.service = init.service;
    if (serviceMessage !== undefined) this.serviceMessage = serviceMessage;
    const body = scrubBody(init.body, secrets);
    if (body !== undefined) this.body = body;
    if (init.retryAfter !== undefined) this.retryAfter = init.retryAfter;
    if (init.attempts !== undefined) this.attempts = init.attempts;
    if (init.headers !== undefined) {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(init.headers)) {
        if (!SECRET_HEADERS.has(k.toLowerCase())) headers[k] = redactSecrets(v, secrets);
      }
      this.headers = headers;
    }
  }

  /**
   * A plain, secret-free view: name, code, message, status and the defined request fields (not `headers`).
   *
   * @example
   * ```ts
   * new BioHttpError({ status: 503, method: 'GET', url: 'https://example.org/x' }).toJSON();
   * // { name: 'BioHttpError', code: 'HTTP_ERROR', message: '503 GET https://example.org/x: HTTP request failed', status: 503, method: 'GET', url: 'https://example.org/x' }
   * ```
   */
  override toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, code: this.code, message: this.message, status: this.status };
    for (const key of ['method', 'url', 'service', 'serviceMessage', 'body', 'retryAfter', 'attempts'] as const) {
      if (this[key] !== undefined) out[key] = this[key];
    }
    return out;
  }
}

// Causes are often platform errors (TypeError from fetch) whose messages may quote a URL.
function scrubCause(cause: unknown, secrets: readonly string[]): unknown {
  if (secrets.length === 0 || !(cause instanceof Error)) return cause;
  const redacted = redactSecrets(cause.message, secrets);
  if (redacted === cause.message) return cause;
  const copy = new Error(redacted);
  copy.name = cause.name;
  return copy;
}

// The kinds below differ from BioHttpError only in `name`, `code` and (timeouts, broken
// connections) being retryable whatever the status. Each is still its own exported class, with
// its own TSDoc, declared as `class X extends httpErrorKind(...)`; the return type keeps the
// declaration files showing plain `BioHttpError` subclasses.
function httpErrorKind(name: string, code: KnownErrorCode, alwaysRetryable = false): typeof BioHttpError {
  return class extends BioHttpError {
    override name = name;
    override readonly code: ErrorCode = code;
    override get retryable(): boolean {
      return alwaysRetryable || super.retryable;
    }
  };
}

/**
 * 400: the server refused the request as malformed.
 *
 * @example
 * ```ts
 * try { await client.get('gene/1017').json(); }
 * catch (e) { if (e instanceof BadRequestError) console.error('rejected:', e.serviceMessage); }
 * ```
 */
export class BadRequestError extends httpErrorKind('BadRequestError', 'BAD_REQUEST') {}
/**
 * 401: missing, bad or expired credentials.
 *
 * @example
 * ```ts
 * try { await client.get('gene/1017').json(); }
 * catch (e) { if (e instanceof UnauthorizedError) client.setAuth(tokenAuth({ token: await renewToken() })); }
 * ```
 */
export class UnauthorizedError extends httpErrorKind('UnauthorizedError', 'UNAUTHORIZED') {}
/**
 * 403: authenticated but not allowed (also CSRF failures).
 *
 * @example
 * ```ts
 * try { await client.get('gene/1017').json(); }
 * catch (e) { if (e instanceof ForbiddenError) console.error(`not allowed: ${e.method} ${e.url}`); }
 * ```
 */
export class ForbiddenError extends httpErrorKind('ForbiddenError', 'FORBIDDEN') {}
/**
 * 404: no such resource.
 *
 * @example
 * ```ts
 * try { await client.get('gene/1017').json(); }
 * catch (e) { if (e instanceof NotFoundError) return undefined; throw e; }
 * ```
 */
export class NotFoundError extends httpErrorKind('NotFoundError', 'NOT_FOUND') {}
/**
 * 409: the request conflicts with the server's state (e.g. a list name already taken).
 *
 * @example
 * ```ts
 * try { await client.get('gene/1017').json(); }
 * catch (e) { if (e instanceof ConflictError) console.error('name taken:', e.serviceMessage); }
 * ```
 */
export class ConflictError extends httpErrorKind('ConflictError', 'CONFLICT') {}
/**
 * 429: too many requests; `retryAfter` says how long the server asked us to wait.
 *
 * @example
 * ```ts
 * try { await client.get('gene/1017').json(); }
 * catch (e) { if (e instanceof RateLimitError) console.error(`retry in ${e.retryAfter ?? 1000} ms`); }
 * ```
 */
export class RateLimitError extends httpErrorKind('RateLimitError', 'RATE_LIMITED') {}
/**
 * 5xx: the server failed.
 *
 * @example
 * ```ts
 * try { await client.get('gene/1017').json(); }
 * catch (e) { if (e instanceof ServerError && e.retryable) console.error(`${e.status} after ${e.attempts} attempts`); }
 * ```
 */
export class ServerError extends httpErrorKind('ServerError', 'SERVER_ERROR') {}
/**
 * No response within the configured timeout or deadline (`status` 0).
 *
 * @example
 * ```ts
 * try { await client.get('gene/1017').json(); }
 * catch (e) { if (e instanceof TimeoutError) console.error(`no answer from ${e.url}`); }
 * ```
 */
export class TimeoutError extends httpErrorKind('TimeoutError', 'TIMEOUT', true) {}
/**
 * The connection failed or broke before a complete response arrived (`status` 0).
 *
 * @example
 * ```ts
 * try { await client.get('gene/1017').json(); }
 * catch (e) { if (e instanceof NetworkError) console.error('connection failed:', e.cause); }
 * ```
 */
export class NetworkError extends httpErrorKind('NetworkError', 'NETWORK', true) {}
/**
 * The caller's `AbortSignal` fired.
 *
 * @example
 * ```ts
 * try { await client.get('gene/1017').json(); }
 * catch (e) { if (e instanceof AbortError) return; throw e; }
 * ```
 */
export class AbortError extends httpErrorKind('AbortError', 'ABORTED') {}

/** Init fields specific to {@link ResponseFormatError}. */
export interface ResponseFormatErrorInit extends BioHttpErrorInit {
  /** The response's `Content-Type` header, as received. */
  contentType?: string;
  /** The start of the body that could not be read; cut to 300 characters and scrubbed of secrets. */
  snippet?: string;
}
/**
 * The response was not what was expected: HTML where JSON was expected, an empty body,
 * invalid JSON, or a redirect to a web page. `contentType` and a `snippet` say what came.
 *
 * @example
 * ```ts
 * try { await client.get('query').json(); }
 * catch (e) { if (e instanceof ResponseFormatError) console.error(e.contentType, e.snippet); }
 * ```
 */
export class ResponseFormatError extends httpErrorKind('ResponseFormatError', 'RESPONSE_FORMAT') {
  /** The response's `Content-Type`; undefined when the response had none. */
  readonly contentType?: string;
  /** At most the first 300 characters of the body, secrets scrubbed; undefined when the body was empty or not read. */
  readonly snippet?: string;
  /**
   * Build the error from what came instead of the expected body.
   *
   * @param init - The exchange's fields plus `contentType` and `snippet`; the message defaults to
   *   `'unexpected response format'` after method, URL and status.
   */
  constructor(init: ResponseFormatErrorInit = {}) {
    super(init, 'unexpected response format');
    if (init.contentType !== undefined) this.contentType = init.contentType;
    if (init.snippet !== undefined) this.snippet = redactSecrets(init.snippet, init.secrets ?? []).slice(0, 300);
  }
}

/**
 * A text or JSON body was larger than `maxResponseBytes`; it was not buffered.
 *
 * @example
 * ```ts
 * try { await client.get('files/1').text(); }
 * catch (e) { if (e instanceof ResponseTooLargeError) console.error(`over ${e.limit} bytes; read it with .stream()`); }
 * ```
 */
export class ResponseTooLargeError extends httpErrorKind('ResponseTooLargeError', 'RESPONSE_TOO_LARGE') {
  /** The `maxResponseBytes` limit that the body exceeded, in bytes. */
  readonly limit: number;
  /**
   * Build the error for a body over the limit.
   *
   * @param init - The exchange's fields plus the `limit` in bytes, which the default message quotes.
   */
  constructor(init: BioHttpErrorInit & { limit: number }) {
    super(init, `response body exceeds the limit of ${init.limit} bytes`);
    this.limit = init.limit;
  }
}

/**
 * Bad arguments, raised before any request is sent. Not an HTTP error: nothing was sent, so
 * there is no status, URL or server message (`isBioHttpError` is false, `isBioError` true).
 *
 * @example
 * ```ts
 * throw new ValidationError({ message: 'size must be ≤ 1000', field: 'size' });
 * ```
 */
export class ValidationError extends BioError {
  /** Always `'ValidationError'`. */
  override name = 'ValidationError';
  /** Always `'VALIDATION'`. */
  override readonly code: ErrorCode = 'VALIDATION';
  /** The option or argument at fault. */
  readonly field?: string;
  /**
   * Build the error before anything is sent.
   *
   * @param init - The message (default `'invalid argument'`), the `field` at fault and an optional `cause`.
   */
  constructor(init: { message?: string | undefined; field?: string | undefined; cause?: unknown } = {}) {
    super(init.message ?? 'invalid argument', init.cause === undefined ? undefined : { cause: init.cause });
    if (init.field !== undefined) this.field = init.field;
  }
  /**
   * Name, code and message, plus `field` when set.
   *
   * @example
   * ```ts
   * new ValidationError({ message: 'bad size', field: 'size' }).toJSON().field; // 'size'
   * ```
   */
  override toJSON(): Record<string, unknown> {
    return this.field === undefined ? super.toJSON() : { ...super.toJSON(), field: this.field };
  }
}

/** One failed batch, as reported by {@link BatchError}. */
export interface BatchFailure<I> {
  /** Zero-based position of the failed batch in the order the batches were built. */
  batchIndex: number;
  /** The items of that batch, none of which is known to have been handled. */
  items: I[];
  /** What the batch failed with (usually a {@link BioHttpError}). */
  error: unknown;
}
/**
 * A batched operation stopped or finished with failures. Nothing is silently lost:
 * `processed` were handled, `failed` were in a batch that failed, `unprocessed` were never sent.
 *
 * @example
 * ```ts
 * try { await mg.genes(ids); }
 * catch (e) { if (e instanceof BatchError) retryLater([...e.failed, ...e.unprocessed]); }
 * ```
 */
export class BatchError<I = unknown> extends httpErrorKind('BatchError', 'BATCH') {
  /** Items whose batch succeeded. */
  readonly processed: I[];
  /** Items whose batch failed (after its retries). */
  readonly failed: I[];
  /** Items never sent, because the operation stopped at a failure (`failFast`) or was aborted. */
  readonly unprocessed: I[];
  /** One entry per failed batch, in batch order; the first one's error is also the `cause`. */
  readonly errors: BatchFailure<I>[];
  /**
   * Build the error from the outcome of every batch.
   *
   * @param init - The exchange's fields plus the item lists and failures; the message counts
   *   them and quotes the first failure.
   */
  constructor(init: BioHttpErrorInit & { processed: I[]; failed: I[]; unprocessed: I[]; errors: BatchFailure<I>[] }) {
    const first = init.errors[0]?.error;
    const reason = first instanceof Error ? first.message : String(first);
    super(
      {
        message: `${init.errors.length} batch(es) failed: ${init.processed.length} items processed, ${init.failed.length} failed, ${init.unprocessed.length} not sent (first error: ${reason})`,
        cause: first,
        ...init,
      },
      'batch failed',
    );
    this.processed = init.processed;
    this.failed = init.failed;
    this.unprocessed = init.unprocessed;
    this.errors = init.errors;
  }

  /**
   * The HTTP error's JSON view plus the counts (not the items) of processed, failed and unprocessed.
   *
   * @example
   * ```ts
   * logger.error(batchError.toJSON()); // { …, processed: 900, failed: 100, unprocessed: 0 }
   * ```
   */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), processed: this.processed.length, failed: this.failed.length, unprocessed: this.unprocessed.length };
  }
}

type Ctor<T> = abstract new (...args: never[]) => T;
function hasMarker(e: unknown, marker: 'isBioError' | 'isBioHttpError'): boolean {
  return typeof e === 'object' && e !== null && (e as Record<string, unknown>)[marker] === true;
}
// instanceof, or (for an error from another copy of core-http) the marker plus the class name.
function guard<T>(ctor: Ctor<T>, name: string): (e: unknown) => e is T {
  return (e: unknown): e is T => e instanceof ctor || (hasMarker(e, 'isBioError') && (e as { name?: unknown }).name === name);
}

/**
 * True for every error of the `@bio` packages (any subclass, any installed copy).
 *
 * @example
 * ```ts
 * catch (e) { if (isBioError(e)) console.error(JSON.stringify(e)); else throw e; }
 * ```
 */
export function isBioError(e: unknown): e is BioError {
  return e instanceof BioError || hasMarker(e, 'isBioError');
}
/**
 * True for every HTTP error of the `@bio` packages (any subclass, any installed copy); false for `ValidationError`.
 *
 * @example
 * ```ts
 * catch (e) { if (isBioHttpError(e) && e.retryable) scheduleRetry(); else throw e; }
 * ```
 */
export function isBioHttpError(e: unknown): e is BioHttpError {
  return e instanceof BioHttpError || hasMarker(e, 'isBioHttpError');
}
/**
 * True when `e` is a 400 {@link BadRequestError}, from this or any other installed copy of core-http
 * (`instanceof`, or the `isBioError` marker plus the class name). Narrows `e` to that class.
 *
 * @example
 * ```ts
 * if (isBadRequestError(e)) console.error(e.code, e.message);
 * ```
 */
export const isBadRequestError = /* @__PURE__ */ guard(BadRequestError, 'BadRequestError');
/**
 * True when `e` is a 401 {@link UnauthorizedError}, from this or any other installed copy of core-http
 * (`instanceof`, or the `isBioError` marker plus the class name). Narrows `e` to that class.
 *
 * @example
 * ```ts
 * if (isUnauthorizedError(e)) console.error(e.code, e.message);
 * ```
 */
export const isUnauthorizedError = /* @__PURE__ */ guard(UnauthorizedError, 'UnauthorizedError');
/**
 * True when `e` is a 403 {@link ForbiddenError}, from this or any other installed copy of core-http
 * (`instanceof`, or the `isBioError` marker plus the class name). Narrows `e` to that class.
 *
 * @example
 * ```ts
 * if (isForbiddenError(e)) console.error(e.code, e.message);
 * ```
 */
export const isForbiddenError = /* @__PURE__ */ guard(ForbiddenError, 'ForbiddenError');
/**
 * True when `e` is a 404 {@link NotFoundError}, from this or any other installed copy of core-http
 * (`instanceof`, or the `isBioError` marker plus the class name). Narrows `e` to that class.
 *
 * @example
 * ```ts
 * try { await mg.gene('0'); }
 * catch (e) { if (isNotFoundError(e)) console.log('no such gene'); else throw e; }
 * ```
 */
export const isNotFoundError = /* @__PURE__ */ guard(NotFoundError, 'NotFoundError');
/**
 * True when `e` is a 409 {@link ConflictError}, from this or any other installed copy of core-http
 * (`instanceof`, or the `isBioError` marker plus the class name). Narrows `e` to that class.
 *
 * @example
 * ```ts
 * if (isConflictError(e)) console.error(e.code, e.message);
 * ```
 */
export const isConflictError = /* @__PURE__ */ guard(ConflictError, 'ConflictError');
/**
 * True when `e` is a 429 {@link RateLimitError}, from this or any other installed copy of core-http
 * (`instanceof`, or the `isBioError` marker plus the class name). Narrows `e` to that class.
 *
 * @example
 * ```ts
 * if (isRateLimitError(e) && e.retryAfter !== undefined) await new Promise((r) => setTimeout(r, e.retryAfter));
 * ```
 */
export const isRateLimitError = /* @__PURE__ */ guard(RateLimitError, 'RateLimitError');
/**
 * True when `e` is a 5xx {@link ServerError}, from this or any other installed copy of core-http
 * (`instanceof`, or the `isBioError` marker plus the class name). Narrows `e` to that class.
 *
 * @example
 * ```ts
 * if (isServerError(e)) console.error(e.code, e.message);
 * ```
 */
export const isServerError = /* @__PURE__ */ guard(ServerError, 'ServerError');
/**
 * True when `e` is a {@link TimeoutError} (no response in time, or 408), from this or any other installed copy of core-http
 * (`instanceof`, or the `isBioError` marker plus the class name). Narrows `e` to that class.
 *
 * @example
 * ```ts
 * if (isTimeoutError(e)) console.error(e.code, e.message);
 * ```
 */
export const isTimeoutError = /* @__PURE__ */ guard(TimeoutError, 'TimeoutError');
/**
 * True when `e` is a {@link NetworkError} (connection failed or broke), from this or any other installed copy of core-http
 * (`instanceof`, or the `isBioError` marker plus the class name). Narrows `e` to that class.
 *
 * @example
 * ```ts
 * if (isNetworkError(e)) console.error(e.code, e.message);
 * ```
 */
export const isNetworkError = /* @__PURE__ */ guard(NetworkError, 'NetworkError');
/**
 * True when `e` is a {@link AbortError} (the caller aborted), from this or any other installed copy of core-http
 * (`instanceof`, or the `isBioError` marker plus the class name). Narrows `e` to that class.
 *
 * @example
 * ```ts
 * if (isAbortError(e)) console.error(e.code, e.message);
 * ```
 */
export const isAbortError = /* @__PURE__ */ guard(AbortError, 'AbortError');
/**
 * True when `e` is a {@link ResponseFormatError} (unexpected body or content type), from this or any other installed copy of core-http
 * (`instanceof`, or the `isBioError` marker plus the class name). Narrows `e` to that class.
 *
 * @example
 * ```ts
 * if (isResponseFormatError(e)) console.error(e.code, e.message);
 * ```
 */
export const isResponseFormatError = /* @__PURE__ */ guard(ResponseFormatError, 'ResponseFormatError');
/**
 * True when `e` is a {@link ResponseTooLargeError} (body over `maxResponseBytes`), from this or any other installed copy of core-http
 * (`instanceof`, or the `isBioError` marker plus the class name). Narrows `e` to that class.
 *
 * @example
 * ```ts
 * if (isResponseTooLargeError(e)) console.error(e.code, e.message);
 * ```
 */
export const isResponseTooLargeError = /* @__PURE__ */ guard(ResponseTooLargeError, 'ResponseTooLargeError');
/**
 * True when `e` is a {@link ValidationError} (bad arguments, nothing sent), from this or any other installed copy of core-http
 * (`instanceof`, or the `isBioError` marker plus the class name). Narrows `e` to that class.
 *
 * @example
 * ```ts
 * if (isValidationError(e)) console.error(e.code, e.message);
 * ```
 */
export const isValidationError = /* @__PURE__ */ guard(ValidationError, 'ValidationError');
/**
 * True when `e` is a {@link BatchError} (a batched operation had failures), from this or any other installed copy of core-http
 * (`instanceof`, or the `isBioError` marker plus the class name). Narrows `e` to that class.
 *
 * @example
 * ```ts
 * if (isBatchError(e)) console.error(e.code, e.message);
 * ```
 */
export const isBatchError = /* @__PURE__ */ guard(BatchError, 'BatchError');

/**
 * Build the error subclass that fits an HTTP status.
 *
 * @example
 * ```ts
 * throw createHttpError({ status: 404, method: 'GET', url, service: 'mygene' });
 * ```
 */
export function createHttpError(init: BioHttpErrorInit & { status: number }): BioHttpError {
  const { status } = init;
  if (status === 400) return new BadRequestError(init, 'Bad Request');
  if (status === 401) return new UnauthorizedError(init, 'Unauthorized');
  if (status === 403) return new ForbiddenError(init, 'Forbidden');
  if (status === 404) return new NotFoundError(init, 'Not Found');
  if (status === 408) return new TimeoutError(init, 'Request Timeout');
  if (status === 409) return new ConflictError(init, 'Conflict');
  if (status === 429) return new RateLimitError(init, 'Too Many Requests');
  if (status >= 500) return new ServerError(init, 'Server Error');
  return new BioHttpError(init, `HTTP ${status}`);
}
