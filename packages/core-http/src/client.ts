import type { AuthStrategy } from './auth.js';
import { AbortError, BioHttpError, createHttpError, isBioHttpError, NetworkError, ResponseFormatError, TimeoutError, ValidationError } from './errors.js';
import { decodeUtf8, discard, defaultServiceMessage, isHtmlContentType, isJsonContentType, type ReadContext, readLimited, readPrefix } from './internal/body.js';
import { type AuthApplyContext, CSRF_REFRESH, type CsrfRefreshable, isCsrfFailure } from './internal/auth-context.js';
import { isBrowserRuntime } from './internal/runtime.js';
import { sleep } from './internal/sleep.js';
import { limitFetch } from './internal/limit-fetch.js';
import { send } from './internal/transport.js';
import { type ArrayFormat, buildSearchParams, type QueryParams, type QueryValue } from './query.js';
import { redactSecrets, redactUrl } from './redact.js';
import { computeBackoff, parseRetryAfter, type ResolvedRetryOptions, type RetryOptions, resolveRetryOptions } from './retry.js';

/**
 * Observe requests without changing them. Payload URLs are redacted (secret query
 * parameters and auth secrets replaced by `[REDACTED]`). Nothing is logged by default.
 *
 * @example
 * ```ts
 * createHttpClient({ baseUrl, hooks: { onRetry: (e) => console.warn(`retry ${e.attempt} in ${e.delayMs} ms: ${e.error.message}`) } });
 * ```
 */
export interface HttpHooks {
  /** Before every request sent (redirect hops included); `attempt` starts at 1. */
  onRequest?: (e: { method: string; url: string; attempt: number }) => void;
  /** After every response head received (redirect hops included). */
  onResponse?: (e: { method: string; url: string; status: number; attempt: number; durationMs: number }) => void;
  /** Before waiting `delayMs` for attempt number `attempt` (2, 3, …). */
  onRetry?: (e: { method: string; url: string; attempt: number; delayMs: number; error: BioHttpError }) => void;
  /**
   * Run in order on every error a request fails with, before the caller sees it; each may
   * return a replacement (e.g. the same kind of error with a hint added to its message).
   */
  beforeError?: readonly ((error: BioHttpError) => BioHttpError | Promise<BioHttpError>)[];
}

/**
 * Options of {@link createHttpClient}.
 *
 * @example
 * ```ts
 * const options: HttpClientOptions = { baseUrl: 'https://mygene.info/v3/', service: 'mygene', retry: 3 };
 * ```
 */
export interface HttpClientOptions {
  /** Every relative path resolves against it, e.g. `https://mygene.info/v3/` (trailing slash added). */
  baseUrl: string;
  /** Service name put on errors (`mygene`, `intermine`, …). */
  service?: string;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** `User-Agent`, sent only where a runtime allows it (Node, not browsers). */
  userAgent?: string;
  /** `fetch` to use (tests, proxies). Default: the global `fetch`, looked up at call time. */
  fetch?: typeof fetch;
  /** Per attempt, in ms; `false` for none. Default 30 000. Covers the body read for `json`/`text`/`bytes`. */
  timeout?: number | false;
  /** Cancels everything: requests, retries and waits. */
  signal?: AbortSignal;
  /** Retry policy, or a number meaning `limit`. See {@link RetryOptions} for defaults. */
  retry?: RetryOptions | number;
  hooks?: HttpHooks;
  auth?: AuthStrategy;
  /** Guard for `json`/`text`/`bytes` reads, in bytes. Default 64 MiB. */
  maxResponseBytes?: number;
  /**
   * At most this many requests of this client wait for a response head at once (retries and
   * redirect hops included; the wait for a slot counts against the timeout). Default: no limit.
   */
  concurrency?: number;
  /** Redirects followed before a `NetworkError`. Default 10. */
  maxRedirects?: number;
  /** Default for query arrays. Default `'comma'`. */
  arrayFormat?: ArrayFormat;
  /** Pull the server's own message out of an error body (JSON or text). */
  serviceMessage?: (body: unknown, response: Response) => string | undefined;
  /** Decide that a 2xx JSON body is an error (InterMine `wasSuccessful:false`, OMERO `{"error"}`). */
  errorInBody?: (body: unknown, response: Response) => { status: number; message: string } | undefined;
}

/**
 * Options of one request.
 *
 * @example
 * ```ts
 * await client.post('query/', { form: { q: ['1017', '1018'], scopes: 'entrezgene' }, idempotent: true }).json();
 * ```
 */
export interface RequestOptions {
  searchParams?: QueryParams;
  arrayFormat?: ArrayFormat;
  headers?: Record<string, string>;
  /** JSON body (sets `Content-Type: application/json`). */
  json?: unknown;
  /** `application/x-www-form-urlencoded` body; arrays are repeated (`a=1&a=2`). */
  form?: Record<string, QueryValue>;
  /** Raw body (FormData for multipart, Blob, string, stream — a stream is never retried). */
  body?: BodyInit;
  /** A read-only POST (MyGene batch, InterMine results): retried like a GET. */
  idempotent?: boolean;
  retry?: RetryOptions | number | false;
  timeout?: number | false;
  /** Combined with the client's signal. */
  signal?: AbortSignal;
  /** `Accept` header shortcut. */
  accept?: string;
  /** Default true; `false` (or a function returning false for a status) lets a non-2xx response through. */
  throwHttpErrors?: boolean | ((status: number) => boolean);
}

/**
 * The result of a request: await it for the `Response`, or call one body method
 * (call it right away, before awaiting: it sets `Accept` and makes the timeout cover the body).
 *
 * @example
 * ```ts
 * const gene = await client.get(path`gene/${id}`).json<{ symbol: string }>();
 * ```
 */
export interface ResponsePromise extends Promise<Response> {
  /** `ResponseFormatError` on a non-JSON content type, an empty or invalid body; `errorInBody` applied. */
  json<T = unknown>(): Promise<T>;
  /** Size-guarded (`maxResponseBytes`). */
  text(): Promise<string>;
  /** Size-guarded (`maxResponseBytes`). */
  bytes(): Promise<Uint8Array>;
  /**
   * Not size-guarded (for `lines`/`jsonArrayItems`); the timeout covers the response head and then
   * every wait for the next chunk (a stalled body fails with `TimeoutError` instead of hanging).
   * A read error of the stream is a `NetworkError` (connection cut), `TimeoutError` or `AbortError`.
   */
  stream(): Promise<ReadableStream<Uint8Array>>;
}

/**
 * A small typed HTTP client bound to one service.
 *
 * @example
 * ```ts
 * const client = createHttpClient({ baseUrl: 'https://mygene.info/v3/' });
 * const hits = await client.get('query', { searchParams: { q: 'cdk2', size: 5 } }).json();
 * ```
 */
export interface HttpClient {
  readonly baseUrl: string;
  get(path: string, options?: RequestOptions): ResponsePromise;
  post(path: string, options?: RequestOptions): ResponsePromise;
  put(path: string, options?: RequestOptions): ResponsePromise;
  patch(path: string, options?: RequestOptions): ResponsePromise;
  delete(path: string, options?: RequestOptions): ResponsePromise;
  head(path: string, options?: RequestOptions): ResponsePromise;
  request(method: string, path: string, options?: RequestOptions): ResponsePromise;
  /** Set or replace the auth strategy (e.g. after login); `undefined` removes it. */
  setAuth(auth: AuthStrategy | undefined): void;
  readonly auth: AuthStrategy | undefined;
  /** The absolute URL a path resolves to (for download links). Never contains secrets. */
  url(path: string, searchParams?: QueryParams): string;
}

type Mode = 'response' | 'stream' | 'json' | 'text' | 'bytes';
interface Outcome {
  response: Response;
  bytes?: Uint8Array;
  finalUrl: URL;
  redirected: boolean;
  attempts: number;
  /** Turns a platform error raised while the caller reads a streamed body into one of ours. */
  bodyError?: (error: unknown) => Error;
  /** Streamed bodies: the per-attempt timeout, applied again to every wait for the next chunk. */
  idle?: { ms: number; error: () => Error };
}

const DEFAULT_TIMEOUT = 30_000;
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 10;
const ERROR_BODY_LIMIT = 64 * 1024;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const ALWAYS_STRIPPED = ['authorization', 'proxy-authorization', 'cookie'];
const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:/i;

function normaliseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`baseUrl must be an absolute URL, got ${JSON.stringify(baseUrl)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`baseUrl must be http(s), got ${url.protocol}`);
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/** Carries an exception thrown by a hook or auth strategy past the network-error classification. */
class PassThrough {
  constructor(readonly error: unknown) {}
}
function callHook<T>(hook: ((e: T) => void) | undefined, payload: T): void {
  if (hook === undefined) return;
  try {
    hook(payload);
  } catch (e) {
    throw new PassThrough(e);
  }
}

/** Abort listener bookkeeping: link `source` into `target` until `unlink()`. */
function link(source: AbortSignal, target: AbortController): () => void {
  const onAbort = (): void => target.abort(source.reason);
  source.addEventListener('abort', onAbort, { once: true });
  return () => source.removeEventListener('abort', onAbort);
}

/**
 * Create a client for one service on top of `ky`: base URL resolution, typed errors,
 * retries with backoff and `Retry-After`, timeouts, cancellation, auth with safe
 * redirects, and a response size guard.
 *
 * @example
 * ```ts
 * const client = createHttpClient({ baseUrl: 'https://www.flymine.org/flymine/service/', service: 'intermine',
 *   auth: tokenAuth({ token }), retry: { limit: 3 } });
 * const version = await client.get('version', { searchParams: { format: 'json' } }).json<{ version: number }>();
 * ```
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const base = normaliseBaseUrl(options.baseUrl);
  const baseHref = base.href;
  let currentAuth = options.auth;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const hooks = options.hooks ?? {};
  const clientRetry = resolveRetryOptions(options.retry);
  if (options.concurrency !== undefined && (!Number.isSafeInteger(options.concurrency) || options.concurrency < 1)) {
    throw new ValidationError({ message: 'concurrency must be a positive integer', field: 'concurrency' });
  }
  const unlimited: typeof fetch = (input, init) => (options.fetch ?? globalThis.fetch)(input, init);
  const fetchFn: typeof fetch = options.concurrency === undefined ? unlimited : limitFetch(() => unlimited, options.concurrency);
  // beforeError hooks see (and may replace) every error a request or its body read fails with.
  const rethrow = async (error: unknown): Promise<never> => {
    let current = error;
    if (hooks.beforeError && isBioHttpError(current)) for (const hook of hooks.beforeError) current = await hook(current as BioHttpError);
    throw current;
  };

  function resolve(path: string, searchParams?: QueryParams, arrayFormat?: ArrayFormat): URL {
    const url = ABSOLUTE_URL.test(path) ? new URL(path) : new URL(path.replace(/^\/+/, ''), base);
    if (searchParams !== undefined) {
      const extra = buildSearchParams(searchParams, { arrayFormat: arrayFormat ?? options.arrayFormat ?? 'comma' }).toString();
      if (extra !== '') url.search = url.search.length > 1 ? `${url.search}&${extra}` : `?${extra}`;
    }
    return url;
  }

  function request(methodIn: string, path: string, opts: RequestOptions = {}): ResponsePromise {
    const method = methodIn.toUpperCase();
    let started: Promise<Outcome> | undefined;
    let startMode: Mode = 'response';
    const start = (mode: Mode): Promise<Outcome> => {
      if (started === undefined) {
        startMode = mode;
        started = execute(method, path, opts, mode);
      }
      return started;
    };
    // Like ky: start on the next microtask, so a body method called right away chooses the mode.
    let bodyTaken = false; // then the body method reports the error, and its hooks run there only
    const promise = Promise.resolve()
      .then(() => start('response').then((o) => o.response))
      .catch((error: unknown) => (bodyTaken ? Promise.reject(error) : rethrow(error))) as ResponsePromise;
    const body = async (mode: Exclude<Mode, 'response'>): Promise<Outcome> => {
      bodyTaken = true;
      promise.catch(() => undefined); // the caller awaits the body method, not this promise
      const outcome = await start(mode);
      if (mode !== 'stream' && outcome.bytes === undefined) {
        // The request was started in another mode: read the body now, still guarded.
        outcome.bytes = await readLimited(outcome.response, maxBytes, () => readContext(method, outcome));
      }
      return outcome;
    };
    promise.json = <T>() => body('json').then((o) => parseJson(method, o) as T).catch(rethrow);
    promise.text = () => body('text').then((o) => decodeUtf8(o.bytes as Uint8Array)).catch(rethrow);
    promise.bytes = () => body('bytes').then((o) => o.bytes as Uint8Array).catch(rethrow);
    promise.stream = () => streamOf().catch(rethrow);
    const streamOf = async (): Promise<ReadableStream<Uint8Array>> => {
      const outcome = await body('stream');
      if (startMode !== 'stream' && outcome.bytes !== undefined) {
        const bytes = outcome.bytes;
        return new ReadableStream<Uint8Array>({
          start(c) {
            if (bytes.byteLength > 0) c.enqueue(bytes);
            c.close();
          },
        });
      }
      const raw = outcome.response.body;
      if (raw === null) return new ReadableStream<Uint8Array>({ start: (c) => c.close() });
      return outcome.bodyError ? mapStreamErrors(raw, outcome.bodyError, outcome.idle) : raw;
    };
    return promise;
  }

  /**
   * `raw` re-exposed as a stream whose errors pass through `mapError` (pull-based, no extra
   * buffering). With `idle`, a server that stops sending mid-body fails the read after `idle.ms`
   * instead of hanging: the timeout bounds every wait for the next chunk, not the whole body.
   */
  function mapStreamErrors(raw: ReadableStream<Uint8Array>, mapError: (error: unknown) => Error, idle?: { ms: number; error: () => Error }): ReadableStream<Uint8Array> {
    const reader = raw.getReader();
    const read = (): Promise<ReadableStreamReadResult<Uint8Array>> => {
      if (!idle) return reader.read();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stalled = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(idle.error()); // first: cancelling settles the pending read as "done"
          discard(reader);
        }, idle.ms);
      });
      return Promise.race([reader.read(), stalled]).finally(() => clearTimeout(timer));
    };
    return new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          try {
            const { done, value } = await read();
            if (done) controller.close();
            else controller.enqueue(value);
          } catch (error) {
            controller.error(error instanceof TimeoutError ? error : mapError(error));
          }
        },
        cancel(reason) {
          discard(reader, reason);
        },
      },
      { highWaterMark: 0 },
    );
  }

  function secretsOf(auth: AuthStrategy | undefined): readonly string[] {
    return auth ? auth.secrets().filter((s) => typeof s === 'string' && s.length > 0) : [];
  }

  function readContext(method: string, outcome: Outcome): ReadContext {
    return {
      method,
      url: outcome.finalUrl.href,
      ...(options.service === undefined ? {} : { service: options.service }),
      secrets: secretsOf(currentAuth),
      attempts: outcome.attempts,
      status: outcome.response.status,
    };
  }

  function common(secrets: readonly string[]) {
    return { ...(options.service === undefined ? {} : { service: options.service }), secrets };
  }

  function parseJson(method: string, outcome: Outcome): unknown {
    const { response, finalUrl, redirected } = outcome;
    const bytes = outcome.bytes as Uint8Array;
    const contentType = response.headers.get('content-type');
    const formatError = (problem: string, text: string): ResponseFormatError => {
      const shownUrl = redactUrl(finalUrl.href);
      const after = redirected ? ` after a redirect to ${shownUrl}` : '';
      return new ResponseFormatError({
        message: `${method} ${shownUrl}: expected JSON${after} but got ${problem}`,
        status: response.status,
        method,
        url: finalUrl.href,
        ...(contentType === null ? {} : { contentType }),
        ...(text === '' ? {} : { snippet: text.slice(0, 300) }),
        attempts: outcome.attempts,
        ...common(secretsOf(currentAuth)),
      });
    };
    const text = decodeUtf8(bytes);
    if (text.trim() === '') throw formatError(`an empty body (status ${response.status}${contentType ? `, ${contentType}` : ''})`, '');
    if (isHtmlContentType(contentType) || (!isJsonContentType(contentType) && /^\s*</.test(text))) {
      throw formatError(`${contentType ?? 'an HTML/XML page'} (a web page, not an API response)`, text);
    }
    if (contentType !== null && !isJsonContentType(contentType)) throw formatError(contentType, text);
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw formatError(`invalid JSON (${e instanceof Error ? e.message : String(e)})`, text);
    }
    const bodyError = options.errorInBody?.(data, response);
    if (bodyError) {
      throw createHttpError({
        status: bodyError.status,
        method,
        url: finalUrl.href,
        serviceMessage: bodyError.message,
        body: data,
        attempts: outcome.attempts,
        ...common(secretsOf(currentAuth)),
      });
    }
    return data;
  }

  async function httpError(method: string, response: Response, url: URL, attempts: number, secrets: readonly string[]): Promise<BioHttpError> {
    let body: unknown;
    try {
      const { bytes, truncated } = await readPrefix(response, ERROR_BODY_LIMIT);
      const text = decodeUtf8(bytes);
      body = text;
      if (!truncated && (isJsonContentType(response.headers.get('content-type')) || /^\s*[{[]/.test(text))) {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      }
    } catch {
      body = undefined; // the error body itself failed to arrive; the status still tells the story
    }
    let serviceMessage: string | undefined;
    try {
      serviceMessage = options.serviceMessage ? options.serviceMessage(body, response) : defaultServiceMessage(body);
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
      method,
      url: url.href,
      ...(serviceMessage === undefined ? {} : { serviceMessage }),
      ...(body === undefined || body === '' ? {} : { body }),
      ...(retryAfter === undefined ? {} : { retryAfter }),
      attempts,
      headers,
      ...common(secrets),
    });
  }

  function prepareBody(opts: RequestOptions): { body?: BodyInit; contentType?: string; replayable: boolean } {
    if (opts.json !== undefined) return { body: JSON.stringify(opts.json), contentType: 'application/json', replayable: true };
    if (opts.form !== undefined) {
      return {
        body: buildSearchParams(opts.form, { arrayFormat: 'repeat' }).toString(),
        contentType: 'application/x-www-form-urlencoded;charset=UTF-8',
        replayable: true,
      };
    }
    if (opts.body !== undefined && opts.body !== null) {
      return { body: opts.body, replayable: !(typeof ReadableStream !== 'undefined' && opts.body instanceof ReadableStream) };
    }
    return { replayable: true };
  }

  async function execute(method: string, path: string, opts: RequestOptions, mode: Mode): Promise<Outcome> {
    const auth = currentAuth;
    const browser = isBrowserRuntime();
    const url = resolve(path, opts.searchParams, opts.arrayFormat);
    const retry: ResolvedRetryOptions = opts.retry === undefined ? clientRetry : resolveRetryOptions(options.retry, opts.retry);
    const prepared = prepareBody(opts);
    const retryable = (opts.idempotent === true || retry.methods.includes(method)) && prepared.replayable;
    const timeout = opts.timeout !== undefined ? opts.timeout : (options.timeout ?? DEFAULT_TIMEOUT);
    const throwHttpErrors = opts.throwHttpErrors ?? true;
    const shouldThrow = (status: number): boolean => (typeof throwHttpErrors === 'function' ? throwHttpErrors(status) : throwHttpErrors);
    const defaultHeaders = new Headers(options.headers);
    if (options.userAgent !== undefined && !browser) defaultHeaders.set('user-agent', options.userAgent);
    if (opts.headers) for (const [k, v] of Object.entries(opts.headers)) defaultHeaders.set(k, v);
    if (opts.accept !== undefined) defaultHeaders.set('accept', opts.accept);
    else if (mode === 'json' && !defaultHeaders.has('accept')) defaultHeaders.set('accept', 'application/json');
    if (prepared.contentType !== undefined && !defaultHeaders.has('content-type')) defaultHeaders.set('content-type', prepared.contentType);
    // Cancellation sources outside one attempt: the client's and the caller's signals, and the
    // overall deadline. Timers and listener links are used instead of AbortSignal.timeout/any,
    // which cost ≈35/≈80 µs per call on Node 20 and cannot be cleared (see bench core-http-overhead).
    const callerSignals = [options.signal, opts.signal].filter((s): s is AbortSignal => s !== undefined);
    let deadlineController: AbortController | undefined;
    let deadlineTimer: ReturnType<typeof setTimeout> | undefined;
    if (retry.deadline !== undefined) {
      const controller = new AbortController();
      deadlineController = controller;
      deadlineTimer = setTimeout(() => controller.abort(new DOMException(`deadline of ${retry.deadline} ms exceeded`, 'TimeoutError')), retry.deadline);
    }
    const deadlineAt = retry.deadline === undefined ? undefined : Date.now() + retry.deadline;
    const outerSignals = deadlineController ? [...callerSignals, deadlineController.signal] : callerSignals;
    const outerAborted = (): boolean => outerSignals.some((s) => s.aborted);
    const safeUrl = (u: URL): string => redactSecrets(redactUrl(u.href), secretsOf(auth));
    const streaming = mode === 'response' || mode === 'stream';

    const abortedError = (attempts: number, cause?: unknown): BioHttpError => {
      const secrets = secretsOf(auth);
      const caller = callerSignals.find((s) => s.aborted);
      if (caller) {
        return new AbortError({ message: `${method} ${safeUrl(url)}: aborted by the caller`, method, url: url.href, attempts, cause: caller.reason, ...common(secrets) });
      }
      return new TimeoutError({
        message: `${method} ${safeUrl(url)}: deadline of ${retry.deadline} ms exceeded`,
        method,
        url: url.href,
        attempts,
        ...(cause === undefined ? {} : { cause }),
        ...common(secrets),
      });
    };

    // An error while the caller reads a streamed body (after this function returned): the
    // caller's signal → AbortError, a timeout → TimeoutError, anything else → NetworkError.
    const bodyReadError = (e: unknown, attempts: number, at: URL): Error => {
      if (e instanceof BioHttpError) return e;
      const secrets = secretsOf(auth);
      const caller = callerSignals.find((s) => s.aborted);
      if (caller && !(caller.reason instanceof Error && caller.reason.name === 'TimeoutError')) {
        return new AbortError({ message: `${method} ${safeUrl(at)}: aborted by the caller while reading the body`, method, url: at.href, attempts, cause: caller.reason, ...common(secrets) });
      }
      const name = e instanceof Error || e instanceof DOMException ? e.name : '';
      if (caller || name === 'TimeoutError' || (deadlineController?.signal.aborted ?? false)) {
        return new TimeoutError({ message: `${method} ${safeUrl(at)}: timed out while reading the body`, method, url: at.href, attempts, cause: e, ...common(secrets) });
      }
      const detail = e instanceof Error ? e.message : String(e);
      return new NetworkError({
        message: `${method} ${safeUrl(at)}: the response body broke off (${detail})`,
        method,
        url: at.href,
        attempts,
        cause: e,
        ...common(secrets),
      });
    };

    let csrfRefreshed = false;

    // One attempt: send, follow redirects, check status, read the body (buffered modes).
    // The per-attempt timeout covers the body read in buffered modes, the response head otherwise.
    const attemptOnce = async (attempt: number, mayRetry: boolean): Promise<Outcome> => {
      const controller = new AbortController();
      let timedOut = false;
      const timer =
        timeout === false
          ? undefined
          : setTimeout(() => {
              timedOut = true;
              controller.abort(new DOMException(`no response within ${timeout} ms`, 'TimeoutError'));
            }, timeout);
      const unlinks: (() => void)[] = [];
      let signal = controller.signal;
      if (outerSignals.length > 0) {
        // A streamed body outlives this function: let AbortSignal.any (weakly held) keep the
        // caller's signal linked. A buffered read ends here, so plain listeners, removed below.
        if (streaming) signal = AbortSignal.any([...outerSignals, controller.signal]);
        else for (const s of outerSignals) unlinks.push(link(s, controller));
      }
      let current = url;
      try {
        let currentMethod = method;
        let currentBody = prepared.body;
        let crossOrigin = false;
        let hops = 0;
        for (;;) {
          const headers = new Headers(defaultHeaders);
          if (currentBody === undefined) headers.delete('content-type');
          if (crossOrigin || current.origin !== base.origin) {
            crossOrigin = true;
            for (const name of [...ALWAYS_STRIPPED, ...(auth?.headerNames ?? [])]) headers.delete(name);
          } else if (auth) {
            const context: AuthApplyContext = { url: current, headers, method: currentMethod, baseUrl: base, send: sendPlain };
            await auth.apply(context);
          }
          if (hooks.onRequest) callHook(hooks.onRequest, { method: currentMethod, url: safeUrl(current), attempt });
          const t0 = hooks.onResponse ? performance.now() : 0;
          const response = await send(current, {
            method: currentMethod,
            headers,
            ...(currentBody === undefined ? {} : { body: currentBody }),
            signal,
            redirect: browser ? 'follow' : 'manual',
            fetch: fetchFn,
            ...(auth?.credentials === undefined ? {} : { credentials: auth.credentials }),
          });
          if (hooks.onResponse) {
            callHook(hooks.onResponse, { method: currentMethod, url: safeUrl(current), status: response.status, attempt, durationMs: performance.now() - t0 });
          }
          if (!crossOrigin && auth?.onResponse) await auth.onResponse(response, current);
          const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get('location') : null;
          if (!browser && location !== null) {
            discard(response.body);
            hops++;
            const next = new URL(location, current);
            if (hops > maxRedirects || (next.protocol !== 'http:' && next.protocol !== 'https:')) {
              const why = hops > maxRedirects ? `more than ${maxRedirects} redirects` : `a redirect to ${next.protocol} is not followed`;
              throw new NetworkError({ message: `${method} ${safeUrl(url)}: ${why}`, method, url: url.href, attempts: attempt, ...common(secretsOf(auth)) });
            }
            if ((response.status === 303 && currentMethod !== 'HEAD') || ((response.status === 301 || response.status === 302) && currentMethod === 'POST')) {
              currentMethod = 'GET';
              currentBody = undefined;
            } else if (!prepared.replayable && currentBody !== undefined) {
              throw new NetworkError({
                message: `${method} ${safeUrl(url)}: cannot resend a stream body to follow a ${response.status} redirect`,
                method,
                url: url.href,
                attempts: attempt,
                ...common(secretsOf(auth)),
              });
            }
            if (next.origin !== base.origin) crossOrigin = true;
            current = next;
            continue;
          }
          if (response.status === 403 && !crossOrigin && !csrfRefreshed && (prepared.replayable || currentBody === undefined)) {
            const refresh = (auth as (AuthStrategy & CsrfRefreshable) | undefined)?.[CSRF_REFRESH];
            if (refresh !== undefined) {
              // Peek at the refusal without consuming it: a clone, at most 16 KiB.
              const peek = await readPrefix(response.clone(), 16 * 1024);
              if (isCsrfFailure(response.statusText, decodeUtf8(peek.bytes))) {
                csrfRefreshed = true;
                // Resending a non-idempotent request here is safe: a CSRF refusal happens in the
                // server's middleware before any handler runs, so the first send had no effect.
                // Only once per request, so a server that keeps refusing cannot loop us.
                const context: AuthApplyContext = { url: current, headers: new Headers(), method: currentMethod, baseUrl: base, send: sendPlain };
                if (await refresh(context)) {
                  discard(response.body);
                  continue;
                }
              }
            }
          }
          if (!response.ok) {
            const status = response.status;
            if ((mayRetry && retry.statusCodes.includes(status)) || shouldThrow(status)) {
              throw await httpError(method, response, current, attempt, secretsOf(auth));
            }
          }
          const outcome: Outcome = { response, finalUrl: current, redirected: hops > 0, attempts: attempt };
          if (streaming) {
            const bodyUrl = current;
            outcome.bodyError = (e) => bodyReadError(e, attempt, bodyUrl);
            if (timeout !== false) {
              outcome.idle = {
                ms: timeout,
                error: () =>
                  new TimeoutError({ message: `${method} ${safeUrl(bodyUrl)}: no data for ${timeout} ms while reading the body`, method, url: bodyUrl.href, attempts: attempt, ...common(secretsOf(auth)) }),
              };
            }
          }
          if (!streaming) outcome.bytes = await readLimited(response, maxBytes, () => readContext(method, outcome));
          return outcome;
        }
      } catch (e) {
        if (e instanceof BioHttpError) throw e;
        if (e instanceof PassThrough) throw e.error; // a hook's own exception, unchanged
        if (outerAborted()) throw abortedError(attempt, e);
        const secrets = secretsOf(auth);
        if (timedOut) {
          throw new TimeoutError({ message: `${method} ${safeUrl(current)}: no response within ${timeout} ms`, method, url: current.href, attempts: attempt, cause: e, ...common(secrets) });
        }
        const cause = e instanceof Error ? e : new Error(String(e));
        const code = (cause.cause as { code?: unknown } | undefined)?.code;
        const detail = typeof code === 'string' ? code : cause.message;
        throw new NetworkError({ message: `${method} ${safeUrl(current)}: network error (${detail})`, method, url: current.href, attempts: attempt, cause, ...common(secrets) });
      } finally {
        clearTimeout(timer);
        for (const unlink of unlinks) unlink();
      }
    };

    // A plain same-origin GET used by auth strategies (CSRF token endpoint); no retries.
    async function sendPlain(target: URL): Promise<Response> {
      const headers = new Headers(options.headers);
      if (options.userAgent !== undefined && !browser) headers.set('user-agent', options.userAgent);
      headers.set('accept', 'application/json');
      const signals = timeout === false ? outerSignals : [...outerSignals, AbortSignal.timeout(timeout)];
      const response = await send(target, {
        method: 'GET',
        headers,
        signal: signals.length === 1 ? (signals[0] as AbortSignal) : AbortSignal.any(signals),
        redirect: browser ? 'follow' : 'manual',
        fetch: fetchFn,
        ...(auth?.credentials === undefined ? {} : { credentials: auth.credentials }),
      });
      if (target.origin === base.origin && auth?.onResponse) await auth.onResponse(response, target);
      return response;
    }

    try {
      for (let attempt = 1; ; attempt++) {
        if (outerAborted()) throw abortedError(attempt - 1);
        const mayRetry = retryable && attempt <= retry.limit;
        try {
          return await attemptOnce(attempt, mayRetry);
        } catch (e) {
          const error = e as BioHttpError;
          const retryOnThis =
            mayRetry &&
            !outerAborted() &&
            ((error.status > 0 && retry.statusCodes.includes(error.status)) || (error.name === 'NetworkError' && retry.retryOnNetworkError && error.status === 0));
          if (!retryOnThis) throw error;
          const delayMs = error.retryAfter !== undefined ? Math.min(error.retryAfter, retry.maxRetryAfter) : computeBackoff(attempt, retry);
          if (deadlineAt !== undefined && Date.now() + delayMs >= deadlineAt) throw error;
          hooks.onRetry?.({ method, url: safeUrl(url), attempt: attempt + 1, delayMs, error });
          try {
            await sleep(delayMs, outerSignals);
          } catch (sleepError) {
            throw abortedError(attempt, sleepError);
          }
        }
      }
    } finally {
      clearTimeout(deadlineTimer);
    }
  }

  const client: HttpClient = {
    baseUrl: baseHref,
    get: (p, o) => request('GET', p, o),
    post: (p, o) => request('POST', p, o),
    put: (p, o) => request('PUT', p, o),
    patch: (p, o) => request('PATCH', p, o),
    delete: (p, o) => request('DELETE', p, o),
    head: (p, o) => request('HEAD', p, o),
    request: (m, p, o) => request(m, p, o),
    setAuth(auth) {
      currentAuth = auth;
    },
    get auth() {
      return currentAuth;
    },
    url: (p, searchParams) => resolve(p, searchParams).href,
  };
  return client;
}
