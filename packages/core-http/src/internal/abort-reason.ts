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
 * A promise that rejects with the wrapped reason when `signal` fires, and a `dispose`
 * that removes the listener. The promise never rejects unhandled (a no-op catch is attached).
 */
export function abortPromise(signal: AbortSignal | undefined): { promise: Promise<never>; dispose(): void } {
  if (!signal) return { promise: new Promise<never>(() => {}), dispose() {} };
  let onAbort: (() => void) | undefined;
  const promise = new Promise<never>((_, reject) => {
    if (signal.aborted) {
      reject(abortErrorFrom(signal));
      return;
    }
    onAbort = () => reject(abortErrorFrom(signal));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  promise.catch(() => {});
  return {
    promise,
    dispose() {
      if (onAbort) signal.removeEventListener('abort', onAbort);
    },
  };
}
