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
  cause?: unknown;
  /** Secret values scrubbed from every text field before it is stored. */
  secrets?: readonly string[];
}

const SNIPPET_LIMIT = 2048;
const SECRET_HEADERS = new Set(['set-cookie', 'cookie', 'authorization', 'x-molgenis-token', 'x-csrftoken', 'x-csrf-token']);

function scrubBody(body: unknown, secrets: readonly string[]): unknown {
  if (body === undefined) return undefined;
  if (typeof body === 'string') {
    const snippet = body.length > SNIPPET_LIMIT ? `${body.slice(0, SNIPPET_LIMIT)}…` : body;
    return redactSecrets(snippet, secrets);
  }
  if (secrets.length === 0) return body;
  // Round-trip through JSON so a secret nested anywhere in the body is replaced.
  try {
    return JSON.parse(
      redactSecrets(
        JSON.stringify(body),
        secrets.map((s) => JSON.stringify(s).slice(1, -1)),
      ),
    );
  } catch {
    return '[unserialisable body]';
  }
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
  override name = 'BioError';
  readonly code: ErrorCode = 'BIO_ERROR';
  /** True when trying the same call again later may succeed (timeouts, 429, 5xx, broken connections). */
  get retryable(): boolean {
    return false;
  }
  /** Marker that survives duplicate package copies (as ky's `isKyError`). */
  get isBioError(): true {
    return true;
  }
  /** A plain, secret-free view (used by `JSON.stringify`). */
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
  override name = 'BioHttpError';
  override readonly code: ErrorCode = 'HTTP_ERROR';
  readonly status: number;
  readonly method?: string;
  readonly url?: string;
  readonly service?: string;
  readonly serviceMessage?: string;
  readonly body?: unknown;
  readonly retryAfter?: number;
  readonly attempts?: number;
  readonly headers?: Record<string, string>;
  readonly #retryable: boolean;

  override get retryable(): boolean {
    return this.#retryable;
  }
  /** Marker that survives duplicate package copies (as ky's `isKyError`). */
  get isBioHttpError(): true {
    return true;
  }

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

/** 400: the server refused the request as malformed. */
export class BadRequestError extends httpErrorKind('BadRequestError', 'BAD_REQUEST') {}
/** 401: missing, bad or expired credentials. */
export class UnauthorizedError extends httpErrorKind('UnauthorizedError', 'UNAUTHORIZED') {}
/** 403: authenticated but not allowed (also CSRF failures). */
export class ForbiddenError extends httpErrorKind('ForbiddenError', 'FORBIDDEN') {}
/** 404: no such resource. */
export class NotFoundError extends httpErrorKind('NotFoundError', 'NOT_FOUND') {}
/** 409: the request conflicts with the server's state (e.g. a list name already taken). */
export class ConflictError extends httpErrorKind('ConflictError', 'CONFLICT') {}
/** 429: too many requests; `retryAfter` says how long the server asked us to wait. */
export class RateLimitError extends httpErrorKind('RateLimitError', 'RATE_LIMITED') {}
/** 5xx: the server failed. */
export class ServerError extends httpErrorKind('ServerError', 'SERVER_ERROR') {}
/** No response within the configured timeout or deadline (`status` 0). */
export class TimeoutError extends httpErrorKind('TimeoutError', 'TIMEOUT', true) {}
/** The connection failed or broke before a complete response arrived (`status` 0). */
export class NetworkError extends httpErrorKind('NetworkError', 'NETWORK', true) {}
/** The caller's `AbortSignal` fired. */
export class AbortError extends httpErrorKind('AbortError', 'ABORTED') {}

/** Init fields specific to {@link ResponseFormatError}. */
export interface ResponseFormatErrorInit extends BioHttpErrorInit {
  contentType?: string;
  snippet?: string;
}
/**
 * The response was not what was expected: HTML where JSON was expected, an empty body,
 * invalid JSON, or a redirect to a web page. `contentType` and a `snippet` say what came.
 */
export class ResponseFormatError extends httpErrorKind('ResponseFormatError', 'RESPONSE_FORMAT') {
  readonly contentType?: string;
  readonly snippet?: string;
  constructor(init: ResponseFormatErrorInit = {}) {
    super(init, 'unexpected response format');
    if (init.contentType !== undefined) this.contentType = init.contentType;
    if (init.snippet !== undefined) this.snippet = redactSecrets(init.snippet.slice(0, 300), init.secrets ?? []);
  }
}

/** A text or JSON body was larger than `maxResponseBytes`; it was not buffered. */
export class ResponseTooLargeError extends httpErrorKind('ResponseTooLargeError', 'RESPONSE_TOO_LARGE') {
  readonly limit: number;
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
  override name = 'ValidationError';
  override readonly code: ErrorCode = 'VALIDATION';
  /** The option or argument at fault. */
  readonly field?: string;
  constructor(init: { message?: string | undefined; field?: string | undefined; cause?: unknown } = {}) {
    super(init.message ?? 'invalid argument', init.cause === undefined ? undefined : { cause: init.cause });
    if (init.field !== undefined) this.field = init.field;
  }
  override toJSON(): Record<string, unknown> {
    return this.field === undefined ? super.toJSON() : { ...super.toJSON(), field: this.field };
  }
}

/** One failed batch, as reported by {@link BatchError}. */
export interface BatchFailure<I> {
  batchIndex: number;
  items: I[];
  error: unknown;
}
/**
 * A batched operation stopped or finished with failures. Nothing is silently lost:
 * `processed` were handled, `failed` were in a batch that failed, `unprocessed` were never sent.
 */
export class BatchError<I = unknown> extends httpErrorKind('BatchError', 'BATCH') {
  readonly processed: I[];
  readonly failed: I[];
  readonly unprocessed: I[];
  readonly errors: BatchFailure<I>[];
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

/** True for every error of the `@bio` packages (any subclass, any installed copy). */
export function isBioError(e: unknown): e is BioError {
  return e instanceof BioError || hasMarker(e, 'isBioError');
}
/** True for every HTTP error of the `@bio` packages (any subclass, any installed copy); false for `ValidationError`. */
export function isBioHttpError(e: unknown): e is BioHttpError {
  return e instanceof BioHttpError || hasMarker(e, 'isBioHttpError');
}
export const isBadRequestError = guard(BadRequestError, 'BadRequestError');
export const isUnauthorizedError = guard(UnauthorizedError, 'UnauthorizedError');
export const isForbiddenError = guard(ForbiddenError, 'ForbiddenError');
export const isNotFoundError = guard(NotFoundError, 'NotFoundError');
export const isConflictError = guard(ConflictError, 'ConflictError');
export const isRateLimitError = guard(RateLimitError, 'RateLimitError');
export const isServerError = guard(ServerError, 'ServerError');
export const isTimeoutError = guard(TimeoutError, 'TimeoutError');
export const isNetworkError = guard(NetworkError, 'NetworkError');
export const isAbortError = guard(AbortError, 'AbortError');
export const isResponseFormatError = guard(ResponseFormatError, 'ResponseFormatError');
export const isResponseTooLargeError = guard(ResponseTooLargeError, 'ResponseTooLargeError');
export const isValidationError = guard(ValidationError, 'ValidationError');
export const isBatchError = guard(BatchError, 'BatchError');

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
