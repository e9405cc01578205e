import type { BioHttpError } from './errors.js';

/**
 * Retry policy as data: which requests are retried, how often, and how long to wait.
 *
 * Defaults: 2 retries of GET/HEAD/OPTIONS (plus requests marked `idempotent: true`) on
 * 408, 429, 500, 502, 503, 504 and network errors; exponential backoff with full jitter
 * from 300 ms up to 10 s; `Retry-After` honoured (no jitter) up to 60 s; no overall deadline.
 * The waiting and counting are ky's own `retry` options; core-http adds the deadline.
 *
 * @example
 * ```ts
 * createHttpClient({ baseUrl, retry: { limit: 4, deadline: 20_000 } });
 * createHttpClient({ baseUrl, retry: { delay: 0 } }); // tests: retry without waiting
 * ```
 */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  limit?: number | undefined;
  /** Methods retried without `idempotent: true`. Default `['GET', 'HEAD', 'OPTIONS']`. */
  methods?: readonly string[] | undefined;
  /** Statuses retried. Default `[408, 429, 500, 502, 503, 504]`. A `Retry-After` on any of them is honoured. */
  statusCodes?: readonly number[] | undefined;
  /** Retry when no response arrived (connection refused/reset, DNS, a body cut off). Default true. */
  retryOnNetworkError?: boolean | undefined;
  /** First backoff step in ms; doubles every retry. Default 300; 0 retries at once. */
  delay?: number | undefined;
  /** Largest backoff delay in ms. Default 10 000. */
  backoffLimit?: number | undefined;
  /** Cap on a server's `Retry-After`, in ms. Default 60 000. */
  maxRetryAfter?: number | undefined;
  /**
   * Full jitter: wait a random time between 0 and the backoff step, so that many clients do not
   * retry in step. `false` waits the step itself. Never applied to a server's `Retry-After`.
   * Default true.
   */
  jitter?: boolean | undefined;
  /**
   * Decide for yourself whether a failed attempt is retried: `true` retries (with backoff; the
   * status list and `Retry-After` are not consulted), `false` gives up. Called only for requests
   * that may be retried at all (method, `idempotent`, a body that can be sent again) and while
   * `limit` is not used up; `attempt` is the attempt that failed (1 for the first).
   * `undefined` leaves the decision to the rules above (statuses, network switch, `Retry-After`),
   * so a hook can veto some failures and keep the defaults for the rest.
   * Default: the rules above.
   *
   * @example
   * ```ts
   * // Also retry a 404 right after a write, while the replica catches up.
   * createHttpClient({ baseUrl, retry: { shouldRetry: ({ error, attempt }) => error.status === 404 && attempt < 3 } });
   * // Never retry a 500 that carries the service's own error document; the defaults otherwise.
   * createHttpClient({ baseUrl, retry: { shouldRetry: ({ error }) => (error.status === 500 && error.body !== undefined ? false : undefined) } });
   * ```
   */
  shouldRetry?: ((e: { error: BioHttpError; attempt: number }) => boolean | undefined | Promise<boolean | undefined>) | undefined;
  /**
   * Overall deadline for all attempts and waits, in ms. Default none. An attempt still running
   * when it passes ends with a `TimeoutError`; a retry whose wait would pass it is not made (the
   * last error is thrown at once). It covers getting a response, not reading a streamed body.
   */
  deadline?: number | undefined;
}

/** {@link RetryOptions} with every default filled in. */
export interface ResolvedRetryOptions {
  limit: number;
  methods: readonly string[];
  statusCodes: readonly number[];
  retryOnNetworkError: boolean;
  delay: number;
  backoffLimit: number;
  maxRetryAfter: number;
  jitter: boolean;
  shouldRetry: ((e: { error: BioHttpError; attempt: number }) => boolean | undefined | Promise<boolean | undefined>) | undefined;
  deadline: number | undefined;
}

const DEFAULTS: ResolvedRetryOptions = {
  limit: 2,
  methods: ['GET', 'HEAD', 'OPTIONS'],
  statusCodes: [408, 429, 500, 502, 503, 504],
  retryOnNetworkError: true,
  delay: 300,
  backoffLimit: 10_000,
  maxRetryAfter: 60_000,
  jitter: true,
  shouldRetry: undefined,
  deadline: undefined,
};

/**
 * Fill in defaults. A number means `limit`; `false` means no retries. Per-request
 * options are laid over the client's.
 *
 * @example
 * ```ts
 * resolveRetryOptions(3).limit; // 3
 * ```
 */
export function resolveRetryOptions(...layers: (RetryOptions | number | false | undefined)[]): ResolvedRetryOptions {
  let out: ResolvedRetryOptions = { ...DEFAULTS };
  for (const layer of layers) {
    if (layer === undefined) continue;
    if (layer === false) out = { ...out, limit: 0 };
    else if (typeof layer === 'number') out = { ...out, limit: layer };
    else {
      out = {
        limit: layer.limit ?? out.limit,
        methods: (layer.methods ?? out.methods).map((m) => m.toUpperCase()),
        statusCodes: layer.statusCodes ?? out.statusCodes,
        retryOnNetworkError: layer.retryOnNetworkError ?? out.retryOnNetworkError,
        delay: layer.delay ?? out.delay,
        backoffLimit: layer.backoffLimit ?? out.backoffLimit,
        maxRetryAfter: layer.maxRetryAfter ?? out.maxRetryAfter,
        jitter: layer.jitter ?? out.jitter,
        shouldRetry: layer.shouldRetry ?? out.shouldRetry,
        deadline: layer.deadline ?? out.deadline,
      };
    }
  }
  out.limit = Math.max(0, Math.floor(out.limit));
  return out;
}

/**
 * Parse a `Retry-After` header value (delta-seconds or an HTTP-date) into milliseconds
 * from `now`. Returns `undefined` for a missing or unparseable value; a date in the past is 0.
 *
 * @example
 * ```ts
 * parseRetryAfter('120');                           // 120000
 * parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT'); // ms until then, or 0
 * ```
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Backoff before retry number `retry` (1-based): a random delay between 0 and
 * `min(backoffLimit, delay * 2^(retry-1))` ("full jitter").
 *
 * @example
 * ```ts
 * computeBackoff(3, { delay: 300, backoffLimit: 10_000 }); // somewhere in [0, 1200]
 * computeBackoff(3, { delay: 300 }, () => 1);           // 1200 (no randomness)
 * ```
 */
export function computeBackoff(retry: number, options: Pick<RetryOptions, 'delay' | 'backoffLimit'> = {}, random: () => number = Math.random): number {
  const base = options.delay ?? DEFAULTS.delay;
  const max = options.backoffLimit ?? DEFAULTS.backoffLimit;
  if (base <= 0 || max <= 0) return 0;
  const ceiling = Math.min(max, base * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}
