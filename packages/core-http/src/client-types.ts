// The public types of createHttpClient (client.ts): options, requests, the response promise.
import type { AuthStrategy } from './auth.js';
import type { HttpHooks } from './hooks.js';
import type { ArrayFormat, QueryParams, QueryValue } from './query.js';
import type { RetryOptions } from './retry.js';

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
  /**
   * The body parsed as JSON. `ResponseFormatError` on a non-JSON content type, an empty or invalid
   * body; `errorInBody` applied; `ResponseTooLargeError` over `maxResponseBytes`.
   *
   * @example
   * ```ts
   * const meta = await client.get('metadata').json<{ build_version: string }>();
   * ```
   */
  json<T = unknown>(): Promise<T>;
  /**
   * The body as text. Size-guarded (`maxResponseBytes`, else `ResponseTooLargeError`).
   *
   * @example
   * ```ts
   * const tsv = await client.get('query/results', { searchParams: { format: 'tab' } }).text();
   * ```
   */
  text(): Promise<string>;
  /**
   * The body as bytes. Size-guarded (`maxResponseBytes`, else `ResponseTooLargeError`).
   *
   * @example
   * ```ts
   * const png = await client.get('webgateway/render_thumbnail/1/').bytes();
   * ```
   */
  bytes(): Promise<Uint8Array>;
  /**
   * Not size-guarded (for `lines`/`jsonArrayItems`); the timeout covers the response head and then
   * every wait for the next chunk (a stalled body fails with `TimeoutError` instead of hanging).
   * A read error of the stream is a `NetworkError` (connection cut), `TimeoutError` or `AbortError`.
   *
   * @example
   * ```ts
   * for await (const line of lines(await client.get('regions/gff3').stream())) console.log(line);
   * ```
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
  /** The normalised base URL (always ending in `/`) that relative paths resolve against. */
  readonly baseUrl: string;
  /**
   * Send a GET. The returned promise resolves to the `Response` of a 2xx answer; read the body
   * with `.json()`, `.text()`, `.bytes()` or `.stream()`. Rejects with a {@link BioHttpError}
   * subclass on an error status, a timeout, a network failure or an abort (after the retries).
   *
   * @example
   * ```ts
   * const gene = await client.get('gene/1017', { searchParams: { fields: 'symbol' } }).json<{ symbol: string }>();
   * ```
   */
  get(path: string, options?: RequestOptions): ResponsePromise;
  /**
   * Send a POST (retried only when marked `idempotent: true` or listed in the retry policy's `methods`). Errors as for {@link HttpClient.get}.
   *
   * @example
   * ```ts
   * const genes = await client.post('gene', { form: { ids: '1017,1018', fields: 'symbol' } }).json();
   * ```
   */
  post(path: string, options?: RequestOptions): ResponsePromise;
  /**
   * Send a PUT (retried only when marked `idempotent: true` or listed in `methods`). Errors as for {@link HttpClient.get}.
   *
   * @example
   * ```ts
   * await client.put('v2/pet/1', { json: { name: 'Rex' } });
   * ```
   */
  put(path: string, options?: RequestOptions): ResponsePromise;
  /**
   * Send a PATCH (retried only when marked `idempotent: true` or listed in `methods`). Errors as for {@link HttpClient.get}.
   *
   * @example
   * ```ts
   * await client.patch('v2/pet', { json: [{ id: 1, name: 'Rex' }] });
   * ```
   */
  patch(path: string, options?: RequestOptions): ResponsePromise;
  /**
   * Send a DELETE (retried only when marked `idempotent: true` or listed in `methods`). Errors as for {@link HttpClient.get}.
   *
   * @example
   * ```ts
   * await client.delete('lists', { searchParams: { name: 'my list' } });
   * ```
   */
  delete(path: string, options?: RequestOptions): ResponsePromise;
  /**
   * Send a HEAD; only the status and headers are of use. Errors as for {@link HttpClient.get}.
   *
   * @example
   * ```ts
   * const length = (await client.head('files/1')).headers.get('content-length');
   * ```
   */
  head(path: string, options?: RequestOptions): ResponsePromise;
  /**
   * Send a request with any method (upper-cased before sending). Errors as for {@link HttpClient.get}.
   *
   * @example
   * ```ts
   * const res = await client.request('OPTIONS', 'query');
   * ```
   */
  request(method: string, path: string, options?: RequestOptions): ResponsePromise;
  /**
   * Set or replace the auth strategy (e.g. after login); `undefined` removes it.
   *
   * @example
   * ```ts
   * client.setAuth(tokenAuth({ token }));
   * ```
   */
  setAuth(auth: AuthStrategy | undefined): void;
  /** The auth strategy in use; undefined when requests are sent anonymously. */
  readonly auth: AuthStrategy | undefined;
  /**
   * The absolute URL a path resolves to (for download links). Never contains secrets.
   *
   * @example
   * ```ts
   * client.url('query', { q: 'cdk2' }); // 'https://mygene.info/v3/query?q=cdk2'
   * ```
   */
  url(path: string, searchParams?: QueryParams): string;
}
