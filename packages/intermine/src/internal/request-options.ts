/** Pass a caller's signal on only when there is one (exactOptionalPropertyTypes). */
export function signalOpt(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}

/**
 * Options for a request that changes the mine (creating, appending to, renaming, tagging or
 * deleting a list): never retried, whatever retry policy the client has for reads, since a
 * resent creation could make the list twice.
 */
export function writeOpt(signal: AbortSignal | undefined): { retry: false; signal?: AbortSignal } {
  return { retry: false, ...signalOpt(signal) };
}
