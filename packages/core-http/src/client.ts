import type { HttpClient, HttpClientOptions, RequestOptions, ResponsePromise } from './client-types.js';
import { type BioHttpError, isBioHttpError, TimeoutError, ValidationError } from './errors.js';
import type { HttpHooks } from './hooks.js';
import { decodeUtf8, readLimited } from './internal/body.js';
import { common, type Mode, type RequestContext, readContext, safeUrl } from './internal/context.js';
import { Cancellation } from './internal/deadline.js';
import { abortedError, bodyReadError, finalError } from './internal/error-map.js';
import { createExchange } from './internal/exchange.js';
import { parseJson, type ReadBody } from './internal/json-body.js';
import { limitFetch } from './internal/limit-fetch.js';
import { isAbsoluteUrl, normaliseBaseUrl, prepareBody, resolveUrl } from './internal/request-parts.js';
import { kyRetry, type RetryState } from './internal/retry-policy.js';
import { isBrowserRuntime } from './internal/runtime.js';
import { guardStream, streamOf } from './internal/stream-body.js';
import { kyRunsHooks, send } from './internal/transport.js';
import { type ResolvedRetryOptions, resolveRetryOptions } from './retry.js';

export type { HttpHooks } from './hooks.js';
export type { HttpClient, HttpClientOptions, RequestOptions, ResponsePromise } from './client-types.js';

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
  const baseOrigin = base.origin;
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
  const hasClientHeaders = Object.keys(clientHeaders).length > 0;
  // beforeError hooks see (and may replace) every error a request or its body read fails with
  // (ky's own beforeError sees only status errors, so this stays ours).
  const rethrow = async (error: unknown): Promise<never> => {
    let current = error;
    if (hooks.beforeError && isBioHttpError(current)) for (const hook of hooks.beforeError) current = await hook(current as BioHttpError);
    throw current;
  };

  // Resolved once per client: `tick.then(start)` starts a request on the next microtask.
  const tick: Promise<undefined> = Promise.resolve(undefined);

  function request(methodIn: string, path: string, opts: RequestOptions = {}): ResponsePromise {
    const method = methodIn.toUpperCase();
    let started: Promise<Outcome> | undefined;
    let startMode: Mode = 'response';
    let bodyTaken = false; // then the body method reports the error, and its hooks run there only
    let resolve!: (response: Response) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<Response>((res, rej) => {
      resolve = res;
      reject = rej;
    }) as ResponsePromise;
    const start = (mode: Mode = 'response'): void => {
      if (started === undefined) {
        startMode = mode;
        started = execute(method, path, opts, mode);
        // The response promise settles with the request, no promise layers in between.
        started.then(
          (o) => resolve(o.read.response),
          (error: unknown) => {
            if (!bodyTaken) return rethrow(error).catch(reject);
            promise.catch(ignore); // the caller awaits the body method, not this promise
            reject(error);
          },
        );
      }
    };
    // Like ky: start on the next microtask, so a body method called right away chooses the mode.
    void tick.then(start); // (start returns nothing: this promise never rejects)
    const body = (mode: Exclude<Mode, 'response'>): Promise<Outcome> => {
      bodyTaken = true;
      start(mode);
      return started as Promise<Outcome>;
    };
    // One promise per body method: its last step reports its own failures (see jsonOf).
    promise.json = <T>() => body('json').then(jsonOf, rethrow) as Promise<T>;
    promise.text = () => body('text').then(textOf, rethrow);
    promise.bytes = () => body('bytes').then(bytesOf, rethrow);
    promise.stream = () => body('stream').then((o) => bodyStream(o, startMode), rethrow);
    return promise;
  }

  /** The whole body of a request started in another mode (`response`): read now, still guarded. */
  async function readRest(outcome: Outcome): Promise<Uint8Array> {
    const { read, ctx } = outcome;
    outcome.bytes = await readLimited(read.response, maxBytes, () => readContext(ctx, read.finalUrl, read.attempts, read.response.status));
    return outcome.bytes;
  }
  // The body methods' last steps, made once per client (the attempt read the body in their mode).
  const parsed = (o: Outcome, bytes: Uint8Array): unknown => parseJson(o.ctx, o.read, bytes, options.errorInBody);
  // Each reports its failure through the beforeError hooks itself (a `.catch` would add a promise).
  const jsonOf = (o: Outcome): unknown => {
    if (o.bytes === undefined)
      return readRest(o)
        .then((b) => parsed(o, b))
        .catch(rethrow);
    try {
      return parsed(o, o.bytes);
    } catch (e) {
      return rethrow(e);
    }
  };
  const textOf = (o: Outcome): string | Promise<string> => (o.bytes === undefined ? readRest(o).then(decodeUtf8).catch(rethrow) : decodeUtf8(o.bytes));
  const bytesOf = (o: Outcome): Uint8Array | Promise<Uint8Array> => o.bytes ?? readRest(o).catch(rethrow);
  /** The body as a stream: the bytes an attempt read in another mode, else the response's own. */
  const bodyStream = (o: Outcome, startMode: Mode): ReadableStream<Uint8Array> | Promise<never> => {
    try {
      return startMode !== 'stream' && o.bytes !== undefined ? streamOf(o.bytes) : streamed(o);
    } catch (e) {
      return rethrow(e);
    }
  };
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
              new TimeoutError({
                message: `${ctx.method} ${safeUrl(ctx, at)}: no data for ${timeout} ms while reading the body`,
                method: ctx.method,
                url: at.href,
                attempts: read.attempts,
                ...common(ctx),
              }),
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
      crossOrigin: isAbsoluteUrl(path) && url.origin !== baseOrigin, // a relative path cannot leave the base's origin
      auth: currentAuth,
      service: options.service,
      mode,
      timeout: opts.timeout ?? options.timeout ?? DEFAULT_TIMEOUT,
      serviceMessage: options.serviceMessage,
      cancel: Cancellation.of(options.signal, opts.signal, retry.deadline),
      attempt: 0,
      lastUrl: url,
      csrfRetried: false,
      replaced: false,
      received: undefined,
    };
    // A plain record with lower-case names, set on ky's Request (by ky or the exchange): cheaper than Headers twice.
    const headers: Record<string, string> = hasClientHeaders ? { ...clientHeaders } : {};
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
    // Without ky hooks nothing looks at ky's Request before the exchange: it sets the headers.
    const kyHeaders = kyRunsHooks(hooks);
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
      plainHeaders: userAgentHeaders,
      headers: kyHeaders ? undefined : headers,
      platformFetch: options.fetch === undefined,
    });
    try {
      if (ctx.cancel.aborted()) throw abortedError(ctx, 0);
      const response = await send(ctx, {
        method,
        headers: kyHeaders ? headers : undefined,
        body: prepared.body,
        timeout: ctx.timeout,
        retry: kyRetry(retry, ctx, mayRetry ? methods : [], retryState),
        throwHttpErrors: userThrows === true ? true : throws, // then `throws` is always true
        fetch: exchange,
        hooks: kyHeaders ? hooks : undefined,
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

const ignore = (): undefined => undefined;

/** A started request: its context, the response, and the body when an attempt read it. */
interface Outcome {
  ctx: RequestContext;
  read: ReadBody;
  bytes?: Uint8Array;
}
