import { isHTTPError, type RetryOptions as KyRetryOptions } from 'ky';
import type { BioHttpError } from '../errors.js';
import type { ResolvedRetryOptions } from '../retry.js';
import type { RequestContext } from './context.js';
import { retryCandidate } from './error-map.js';

/** What the retry policy tells the rest of the request about the retry it let through. */
export interface RetryState {
  /** The wait before the coming retry, in ms. */
  delayMs: number;
  /** The failure being retried. */
  error: BioHttpError | undefined;
}

// ky wants lower-case methods: computed once per methods array (a client's resolved list is reused).
const lowerCased = new WeakMap<readonly string[], KyRetryOptions['methods']>();
function kyMethods(methods: readonly string[]): NonNullable<KyRetryOptions['methods']> {
  let out = lowerCased.get(methods);
  if (out === undefined) {
    out = methods.map((m) => m.toLowerCase()) as NonNullable<KyRetryOptions['methods']>;
    lowerCased.set(methods, out);
  }
  return out; // ky maps it to a new array (never changes it in place)
}

/**
 * Our retry policy as ky's `retry` options. ky counts attempts, checks `methods` and
 * `statusCodes`, honours `Retry-After` (capped by `maxRetryAfter`), computes and jitters the
 * backoff, clamps it at `backoffLimit` and waits (cut short by the caller's signal). Our
 * `shouldRetry` only adds what ky lacks: network errors by their own switch, the caller's
 * `shouldRetry` with our error classes, and the overall deadline (a retry whose wait would pass
 * it is not made).
 */
export function kyRetry(r: ResolvedRetryOptions, ctx: RequestContext, methods: readonly string[], state: RetryState): KyRetryOptions {
  if (r.limit === 0 || methods.length === 0) return { limit: 0 };
  const deadlineAt = ctx.cancel.deadlineAt;
  let failure: unknown;
  let now = false; // the coming retry goes at once (a Retry-After already past)
  return {
    limit: r.limit,
    methods: kyMethods(methods),
    statusCodes: r.statusCodes as number[], // ky only reads them
    afterStatusCodes: r.statusCodes as number[],
    maxRetryAfter: r.maxRetryAfter,
    backoffLimit: r.backoffLimit,
    // retryOnTimeout: ky's default (false) — ky merges every key it is given, on every call.
    // Exponential steps, clamped before jitter so the jitter is "full" over the clamped step.
    delay: (n) => (now || r.delay <= 0 ? 0 : Math.min(r.backoffLimit, r.delay * 2 ** (n - 1))),
    // A function (rather than `true`) so the wait is known to onRetry and checked against the deadline.
    jitter: (step) => {
      const wait = r.jitter ? Math.random() * step : step;
      if (deadlineAt !== undefined && Date.now() + wait >= deadlineAt) throw failure; // give up now
      state.delayMs = wait;
      return wait;
    },
    shouldRetry: async ({ error, retryCount }) => {
      failure = error;
      now = false;
      state.delayMs = 0;
      state.error = undefined;
      if (ctx.cancel.aborted()) return false;
      const ours = await retryCandidate(ctx, error);
      if (ours === undefined) return false; // a hook's exception, or not a failed exchange
      state.error = ours;
      if (r.shouldRetry) {
        const verdict = await r.shouldRetry({ error: ours, attempt: retryCount });
        if (verdict !== undefined) return verdict; // undefined: the rules below decide
      }
      if (ours.status === 0) return ours.name === 'NetworkError' && r.retryOnNetworkError;
      if (!isHTTPError(error)) return false; // size guard, format errors: another try would not help
      if (!r.statusCodes.includes(ours.status)) return undefined; // ky refuses it (statusCodes)
      // No usable Retry-After: backoff (ky would otherwise read other rate-limit headers, or
      // wait maxRetryAfter for a value it cannot parse).
      if (ours.retryAfter === undefined) return true;
      // A Retry-After already past (an HTTP date before now): retry at once through our path;
      // ky's would compute a negative wait, which Node 24 reports as TimeoutNegativeWarning.
      if (ours.retryAfter <= 0) {
        now = true;
        return true;
      }
      const wait = Math.min(ours.retryAfter, r.maxRetryAfter);
      if (deadlineAt !== undefined && Date.now() + wait >= deadlineAt) return false;
      state.delayMs = wait;
      return undefined; // ky's own path: Retry-After, capped at maxRetryAfter, no jitter
    },
  };
}
