import type { AuthStrategy } from './auth.js';
import { type BioHttpError, isBioHttpError, TimeoutError, ValidationError } from './errors.js';
import type { HttpHooks } from './hooks.js';
import { decodeUtf8, readLimited } from './internal/body.js';
import { common, type Mode, type RequestContext, safeUrl } from './internal/context.js';
import { Cancellation } from './internal/deadline.js';
import { abortedError, bodyReadError, finalError } from './internal/error-map.js';
import { createExchange } from './internal/exchange.js';
import { parseJson, type ReadBody } from './internal/json-body.js';
import { limitFetch } from './internal/limit-fetch.js';
import { normaliseBaseUrl, prepareBody, resolveUrl } from './internal/request-parts.js';
import { kyRetry, type RetryState } from './internal/retry-policy.js';
import { isBrowserRuntime } from './internal/runtime.js';
import { guardStream, streamOf } from './internal/stream-body.js';
import { send } from './internal/transport.js';
import type { ArrayFormat, QueryParams, QueryValue } from './query.js';
import { type ResolvedRetryOptions, type RetryOptions, resolveRetryOptions } from './retry.js';

export type { HttpHooks } from './hooks.js';

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
  service?: string | undefined;
  /** Headers sent with every request. */
  headers?: Record<string, string> | undefined;
  /** `User-Agent`, sent only where a runtime allows it (Node, not browsers). */
  userAgent?: string | undefined;
  /** `fetch` to use (tests, proxies). Default: the global `fetch`, looked up at call time. */
  fetch?: typeof fetch | undefined;
  /**
   * Per attempt, in ms; `false` for none. Default 30 000. ky's `timeout`: it covers redirect hops
   * and, for `json`/`text`/`bytes`, the body read; for `stream()` every wait for the next chunk.
   */
  timeout?: number | false | undefined;
  /** Cancels everything: requests, retries and waits. */
  signal?: AbortSignal | undefined;
  /** Retry policy, or a number meaning `limit`. See {@link RetryOptions} for defaults. */
  retry?: RetryOptions | number | undefined;
  /** Observe or change requests, responses, retries and errors. See {@link HttpHooks}. */
  hooks?: HttpHooks | undefined;
  /** Credentials, applied to same-origin requests only. */
  auth?: AuthStrategy | undefined;
  /** Guard for `json`/`text`/`bytes` reads, in bytes. Default 64 MiB. */
  maxResponseBytes?: number | undefined;
  /**
   * At most this many requests of this client wait for a response head at once (retries and
   * redirect hops included; the wait for a slot counts against the timeout). Default: no limit.
   */
  concurrency?: number | undefined;
  /** Redirects followed before a `NetworkError`. Default 10. */
  maxRedirects?: number | undefined;
  /** Default for query arrays. Default `'comma'`. */
  arrayFormat?: ArrayFormat | undefined;
  /** Pull the server's own message out of an error body (JSON or text). */
  serviceMessage?: ((body: unknown, response: Response) => string | undefined) | undefined;
  /** Decide that a 2xx JSON body is an error (InterMine `wasSuccessful:false`, OMERO `{"error"}`). */
  errorInBody?: ((body: unknown, response: Response) => { status: number; message: string } | undefined) | undefined;
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
  /** Query parameters, added to any already in the path. */
  searchParams?: QueryParams | undefined;
  /** How arrays in `searchParams` are written. Default: the client's. */
  arrayFormat?: ArrayFormat | undefined;
  /** Headers of this request, over the client's. */
  headers?: Record<string, string> | undefined;
  /** JSON body (sets `Content-Type: application/json`). */
  json?: unknown;
  /** `application/x-www-form-urlencoded` body; arrays are repeated (`a=1&a=2`). */
  form?: Record<string, QueryValue> | undefined;
  /** Raw body (FormData for multipart, Blob, string, stream — a stream is never retried). */
  body?: BodyInit | undefined;
  /** A read-only POST (MyGene batch, InterMine results): retried like a GET. */
  idempotent?: boolean | undefined;
  /** Laid over the client's retry policy; `false` or 0: no retries. */
  retry?: RetryOptions | number | false | undefined;
  /** Replaces the client's per-attempt timeout for this request. */
  timeout?: number | false | undefined;
  /** Combined with the client's signal. */
  signal?: AbortSignal | undefined;
  /** `Accept` header shortcut. */
  accept?: string | undefined;
  /** Default true; `false` (or a function returning false for a status) lets a non-2xx response through. */
  throwHttpErrors?: boolean | ((status: number) => boolean) | undefined;
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

const DEFAULT_TIMEOUT = 30_000;
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 10;

/**
 * Create a client for one service on top of `ky`. ky does what ky does — retries (limit,
 * methods, status codes, `Retry-After` with a cap, backoff with jitter), the per-attempt
 * timeout, the status check and the hook pipeline; core-http adds base URL resolution, typed
 * errors, the overall deadline, auth with safe manual redirects (and one CSRF refresh), the
 * response size guard, a per-chunk timeout for streamed bodies, redaction and a concurrency limit.
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
  let currentAuth = options.auth;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const hooks: HttpHooks = options.hooks ?? {};
  const clientRetry = resolveRetryOptions(options.retry);
  const { concurrency } = options;
  if (concurrency !== undefined && (!Number.isSafeInteger(concurrency) || concurrency < 1)) {
    throw new ValidationError({ message: 'concurrency must be a positive integer', field: 'concurrency' });
  }
  const clientHeaders: Record<string, string> = {};
  if (options.headers) for (const k in options.headers) clientHeaders[k.toLowerCase()] = options.headers[k] as string;
  const unlimited: typeof fetch = (input, init) => (options.fetch ?? globalThis.fetch)(input, init);
  const fetchFn: typeof fetch = concurrency === undefined ? unlimited : limitFetch(() => unlimited, concurrency);
  // beforeError hooks see (and may replace) every error a request or its body read fails with
  // (ky's own beforeError sees only status errors, so this stays ours).
  const rethrow = async (error: unknown): Promise<never> => {
    let current = error;
    if (hooks.beforeError && isBioHttpError(current)) for (const hook of hooks.beforeError) current = await hook(current as BioHttpError);
    throw current;
  };

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
    const promise = Promise.resolve()
      .then(() => start('response').then((o) => o.read.response))
      .catch(rethrow) as ResponsePromise;
    const body = async (mode: Exclude<Mode, 'response'>): Promise<Outcome> => {
      promise.catch(() => undefined); // the caller awaits the body method, not this promise
      const outcome = await start(mode);
      if (mode !== 'stream' && outcome.bytes === undefined) {
        // The request was started in another mode: read the body now, still guarded.
        const { read, ctx } = outcome;
        outcome.bytes = await readLimited(read.response, maxBytes, () => ({ method, url: read.finalUrl.href, ...common(ctx), attempts: read.attempts, status: read.response.status }));
      }
      return outcome;
    };
    promise.json = <T>() => body('json').then((o) => parseJson(o.ctx, o.read, o.bytes as Uint8Array, options.errorInBody) as T).catch(rethrow);
    promise.text = () => body('text').then((o) => decodeUtf8(o.bytes as Uint8Array)).catch(rethrow);
    promise.bytes = () => body('bytes').then((o) => o.bytes as Uint8Array).catch(rethrow);
    promise.stream = () => body('stream').then((o) => (startMode !== 'stream' && o.bytes !== undefined ? streamOf(o.bytes) : streamed(o))).catch(rethrow);
    return promise;
  }

  /** A streamed body: read errors mapped to ours, and the timeout applied to every chunk. */
  function streamed({ read, ctx }: Outcome): ReadableStream<Uint8Array> {
    const raw = read.response.body;
    if (raw === null) return new ReadableStream<Uint8Array>({ start: (c) => c.close() });
    const at = read.finalUrl;
    const timeout = ctx.timeout;
    const idle =
      timeout === false
        ? undefined
        : {
            ms: timeout,
            error: () =>
              new TimeoutError({ message: `${ctx.method} ${safeUrl(ctx, at)}: no data for ${timeout} ms while reading the body`, method: ctx.method, url: at.href, attempts: read.attempts, ...common(ctx) }),
          };
    return guardStream(raw, (e) => bodyReadError(ctx, e, read.attempts, at), idle);
  }

  async function execute(method: string, path: string, opts: RequestOptions, mode: Mode): Promise<Outcome> {
    const browser = isBrowserRuntime();
    const url = resolveUrl(base, path, opts.searchParams, opts.arrayFormat ?? options.arrayFormat ?? 'comma');
    const retry: ResolvedRetryOptions = opts.retry === undefined ? clientRetry : resolveRetryOptions(options.retry, opts.retry);
    const prepared = prepareBody(opts);
    const ctx: RequestContext = {
      method,
      url,
      base,
      auth: currentAuth,
      service: options.service,
      mode,
      timeout: opts.timeout ?? options.timeout ?? DEFAULT_TIMEOUT,
      serviceMessage: options.serviceMessage,
      cancel: new Cancellation([options.signal, opts.signal], retry.deadline),
      attempt: 0,
      lastUrl: url,
      csrfRetried: false,
      replaced: false,
      received: undefined,
    };
    // A plain record with lower-case names (ky builds the Headers): cheaper than Headers twice.
    const headers: Record<string, string> = { ...clientHeaders };
    if (options.userAgent !== undefined && !browser) headers['user-agent'] = options.userAgent;
    if (opts.headers) for (const k in opts.headers) headers[k.toLowerCase()] = opts.headers[k] as string;
    if (opts.accept !== undefined) headers.accept = opts.accept;
    else if (mode === 'json' && headers.accept === undefined) headers.accept = 'application/json';
    if (prepared.contentType !== undefined && headers['content-type'] === undefined) headers['content-type'] = prepared.contentType;

    // Retried at all: an idempotent method (or `idempotent: true`) and a body that can be sent again.
    const methods = !prepared.replayable ? [] : opts.idempotent === true && !retry.methods.includes(method) ? [...retry.methods, method] : retry.methods;
    const mayRetry = methods.includes(method);
    const userThrows = opts.throwHttpErrors ?? true;
    // A retried status must fail the attempt while retries remain, whatever throwHttpErrors says.
    const throws = (status: number): boolean =>
      (mayRetry && ctx.attempt <= retry.limit && retry.statusCodes.includes(status)) || (typeof userThrows === 'function' ? userThrows(status) : userThrows);
    const retryState: RetryState = { delayMs: 0, error: undefined };
    const exchange = createExchange(ctx, {
      fetch: fetchFn,
      hooks,
      browser,
      maxRedirects,
      maxBytes,
      body: prepared.body,
      replayable: prepared.replayable,
      throws,
      keepReadable: (hooks.afterResponse?.length ?? 0) > 0,
      plainHeaders: () => userAgentHeaders(browser),
    });
    try {
      if (ctx.cancel.aborted()) throw abortedError(ctx, 0);
      const response = await send(ctx, {
        method,
        headers,
        body: prepared.body,
        timeout: ctx.timeout,
        retry: kyRetry(retry, ctx, mayRetry ? methods : [], retryState),
        throwHttpErrors: throws,
        fetch: exchange,
        hooks,
        retryState,
        redirect: browser ? 'follow' : 'manual',
      });
      const seen = ctx.received?.response === response ? ctx.received : undefined;
      const read = { response, finalUrl: seen?.finalUrl ?? ctx.lastUrl, redirected: seen?.redirected ?? false, attempts: seen?.attempt ?? ctx.attempt };
      return seen?.bytes === undefined ? { ctx, read } : { ctx, read, bytes: seen.bytes };
    } catch (e) {
      throw await finalError(ctx, e);
    } finally {
      ctx.cancel.clear();
    }
  }

  function userAgentHeaders(browser: boolean): Headers {
    const h = new Headers(options.headers);
    if (options.userAgent !== undefined && !browser) h.set('user-agent', options.userAgent);
    return h;
  }

  return {
    baseUrl: base.href,
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
    url: (p, searchParams) => resolveUrl(base, p, searchParams, options.arrayFormat ?? 'comma').href,
  };
}

/** A started request: its context, the response, and the body when an attempt read it. */
interface Outcome {
  ctx: RequestContext;
  read: ReadBody;
  bytes?: Uint8Array;
}
