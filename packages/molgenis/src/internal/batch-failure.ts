// What the chunked writes' batch errors (classic and EMX2) derive from their failures alike.
import { type BatchFailure, BioHttpError } from '@bio/core-http';

/** The first failure: its batch (1-based), the server's message (else the error's), and its HTTP status when it has one. */
export function firstFailure<I>(errors: readonly BatchFailure<I>[]): { batch: number; reason: string; status: number | undefined } {
  const first = errors[0]?.error;
  const reason = first instanceof BioHttpError ? (first.serviceMessage ?? first.message) : first instanceof Error ? first.message : String(first);
  return { batch: (errors[0]?.batchIndex ?? 0) + 1, reason, status: first instanceof BioHttpError ? first.status : undefined };
}

/** `failed` without `unknown`: the items the server certainly did not store (a fresh array). */
export function refusedOf<I>(failed: readonly I[], unknown: readonly I[]): I[] {
  if (unknown.length === 0) return [...failed];
  const known = new Set(unknown);
  return failed.filter((item) => !known.has(item));
}
