import { AbortError, isBioHttpError, TimeoutError } from '../errors.js';

/**
 * The error to throw when a caller's signal has fired: the reason wrapped in an
 * {@link AbortError} (or a {@link TimeoutError} for `AbortSignal.timeout()`), unless the
 * reason already is one of our errors.
 */
export function abortErrorFrom(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (isBioHttpError(reason)) return reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return new TimeoutError({ message: `timed out: ${reason.message}`, cause: reason });
  }
  const detail = reason instanceof Error ? reason.message : reason === undefined ? '' : String(reason);
  return new AbortError({ message: detail ? `aborted: ${detail}` : 'aborted', cause: reason });
}

/** Throw the wrapped abort reason when `signal` has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortErrorFrom(signal);
}

/**
 * `promise`, or a rejection with the wrapped reason as soon as `signal` fires. The abort
 * listener is removed when `promise` settles, so waiting many times on one long-lived signal
 * retains nothing (unlike racing against one shared "aborted" promise).
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(abortErrorFrom(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortErrorFrom(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
