// The option types every @bio client shares (docs/client-contract.md). Optional fields accept
// `undefined` explicitly, so callers under `exactOptionalPropertyTypes` can pass a maybe-value on.
import type { AuthStrategy } from './auth.js';
import type { HttpHooks } from './client.js';
import type { RetryOptions } from './retry.js';

/**
 * Constructor options with the same names and meanings in every client. A client adds its own
 * fields (and conveniences such as `token`) by extending this type.
 *
 * @example
 * ```ts
 * const options: ClientOptions = { baseUrl: 'https://mygene.info/v3', timeout: 10_000, retry: 3, concurrency: 4 };
 * ```
 */
export interface ClientOptions {
  /** The service root. Default: the client's public service. */
  baseUrl?: string | undefined;
  /** Credentials: `tokenAuth`, `headerAuth`, `basicAuth`, `sessionAuth`. Default: none. */
  auth?: AuthStrategy | undefined;
  /** The `fetch` to use (tests, proxies). Default: the global `fetch`, looked up per request. */
  fetch?: typeof fetch | undefined;
  /** Headers sent with every request. */
  headers?: Record<string, string> | undefined;
  /** Put before the default `User-Agent` (`@bio/<name>/<version>`). Sent in Node only: browsers forbid the header. */
  userAgent?: string | undefined;
  /** Per attempt, in ms, or `false` for none. Default 30 000. */
  timeout?: number | false | undefined;
  /** Retry policy, or a number meaning `limit`. Default: 2 retries of idempotent requests on 408/429/5xx and network errors. */
  retry?: RetryOptions | number | undefined;
  /** Hooks that observe or replace requests, responses and errors. */
  hooks?: HttpHooks | undefined;
  /** Cancels everything the client does: requests, retries, waits and iterations. */
  signal?: AbortSignal | undefined;
  /** Requests in flight at once across all calls of this client (retries included). Default: no limit. */
  concurrency?: number | undefined;
}

/**
 * Options every method of every client takes, last.
 *
 * @example
 * ```ts
 * await mg.gene('1017', { signal: AbortSignal.timeout(5000), timeout: 2000 });
 * ```
 */
export interface CallOptions {
  /** Cancels this call (combined with the client's signal). */
  signal?: AbortSignal | undefined;
  /** Per attempt of this call's requests, in ms, or `false`. Default: the client's. */
  timeout?: number | false | undefined;
}

/**
 * Options every listing call takes: {@link CallOptions} plus `max` and `pageSize`.
 *
 * @example
 * ```ts
 * const first50 = await idr.screens({}, { max: 50, pageSize: 25 }).toArray();
 * ```
 */
export interface ListOptions extends CallOptions {
  /** Stop after this many items (fewer requests when small). Default: all. */
  max?: number | undefined;
  /** Items per request. Default: the client's choice for that service. */
  pageSize?: number | undefined;
}

/**
 * Progress of a long call, for every `onProgress` of every client.
 *
 * @example
 * ```ts
 * const onProgress = (p: Progress) => console.error(`${p.done}/${p.total ?? '?'} (${p.batches} batches)`);
 * ```
 */
export interface Progress {
  /** Inputs (ids, rows, images) finished so far. */
  done: number;
  /** How many there are, when known (the input was an array). */
  total?: number | undefined;
  /** Requests (batches) finished so far. */
  batches: number;
}
