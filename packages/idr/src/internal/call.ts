import type { CallOptions } from '@bio/core-http';

/**
 * Copy the call's `signal` and `timeout` into request options, only when present
 * (`exactOptionalPropertyTypes`): the call's signal is combined with the client's by core-http,
 * its timeout replaces the client's for this request.
 */
export function withCall<T extends object>(options: T, call: CallOptions | undefined): T & { signal?: AbortSignal; timeout?: number | false } {
  const out: T & { signal?: AbortSignal; timeout?: number | false } = { ...options };
  if (call?.signal !== undefined) out.signal = call.signal;
  if (call?.timeout !== undefined) out.timeout = call.timeout;
  return out;
}

/** The `CallOptions` part of a larger options object (for passing on to another call). */
export function callOf(options: CallOptions | undefined): CallOptions {
  return withCall({}, options);
}
