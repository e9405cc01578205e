import type { CallOptions } from '@bio/core-http';

/** The request options of a call: its signal and timeout, only when given (exactOptionalPropertyTypes). */
export function callOpt(options: CallOptions | undefined): { signal?: AbortSignal; timeout?: number | false } {
  const out: { signal?: AbortSignal; timeout?: number | false } = {};
  if (options?.signal !== undefined) out.signal = options.signal;
  if (options?.timeout !== undefined) out.timeout = options.timeout;
  return out;
}

/**
 * Options for a request that changes the mine (creating, appending to, renaming, tagging or
 * deleting a list): never retried, whatever retry policy the client has for reads, since a
 * resent creation could make the list twice.
 */
export function writeOpt(options: CallOptions | undefined): { retry: false; signal?: AbortSignal; timeout?: number | false } {
  return { retry: false, ...callOpt(options) };
}
