import { batch, isBatchError, isBioHttpError, isValidationError } from '@bio/core-http';
import { MolgenisBatchError } from '../errors.js';
import type { BatchWriteOptions } from '../types.js';

export interface ChunkedOptions<I, R> {
  operation: string;
  entity: string;
  size: number;
  /** The caller's options: `signal`, `timeout` (per request) and `onProgress`. */
  options: BatchWriteOptions;
  /** Ids of the rows a successful batch wrote (for `MolgenisBatchError.ids`). */
  idsOf: (items: I[], result: R) => string[];
}

/** Gateway statuses that say the answer of the server behind was lost, not that it refused. */
const GATEWAY_LOST = new Set([502, 504]);
/** Socket errors raised before a single byte of the request left this machine. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

function neverConnected(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && typeof e === 'object' && e !== null; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NEVER_CONNECTED.has(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Did the batch that failed with `error` certainly not reach the database? True for an answer
 * of the server refusing it (4xx, 5xx other than a gateway's 502/504 — MOLGENIS writes a batch in
 * one transaction), for input refused before sending, and for a connection never made. False
 * (outcome unknown) when the request was sent and its answer lost: a network error, a timeout,
 * an abort, a gateway's 502/504, or a 2xx that is not MOLGENIS's answer (HTML, bad JSON…).
 */
export function certainlyNotWritten(error: unknown): boolean {
  if (isValidationError(error)) return true;
  if (isBioHttpError(error) && error.status >= 400 && !GATEWAY_LOST.has(error.status)) return true;
  return neverConnected(error);
}

/**
 * Run a write in consecutive batches (concurrency 1, never retried) and keep the books:
 * on failure, a {@link MolgenisBatchError} says which rows are written (and their ids),
 * which were refused, which may or may not be written (`unknown`: sent, answer lost) and
 * which were never sent.
 */
export async function chunked<I, R>(
  items: readonly I[],
  o: ChunkedOptions<I, R>,
  handler: (chunk: I[], call: { signal: AbortSignal; timeout?: number | false }) => Promise<R>,
): Promise<{ results: R[]; ids: string[] }> {
  const { signal, timeout, onProgress } = o.options;
  const results: R[] = [];
  const written: I[] = [];
  const ids: string[] = [];
  let batches = 0;
  let started = 0; // batches handed to the handler (a request may be on its way)
  try {
    const outcomes = batch<I, R>(items, { size: o.size, concurrency: 1, onError: 'stop', ...(signal === undefined ? {} : { signal }) }, (chunk, ctx) => {
      started++;
      return handler(chunk, timeout === undefined ? { signal: ctx.signal } : { signal: ctx.signal, timeout });
    });
    for await (const outcome of outcomes) {
      if (!outcome.ok) continue; // cannot happen with onError 'stop'
      results.push(outcome.result);
      written.push(...outcome.items);
      ids.push(...o.idsOf(outcome.items, outcome.result));
      batches++;
      onProgress?.({ done: written.length, total: items.length, batches });
    }
  } catch (error) {
    if (isBatchError(error)) {
      const failed = error.failed as I[];
      const cause = error.errors[0]?.error;
      throw new MolgenisBatchError<I>({
        operation: o.operation,
        entity: o.entity,
        ids,
        processed: written,
        failed,
        unknown: certainlyNotWritten(cause) ? [] : failed,
        unprocessed: error.unprocessed as I[],
        errors: error.errors as MolgenisBatchError<I>['errors'],
      });
    }
    // Aborted (or failed outside a batch): a batch in flight was sent, and may have been written.
    const inFlight = started > batches ? items.slice(written.length, written.length + o.size) : [];
    throw new MolgenisBatchError<I>({
      operation: o.operation,
      entity: o.entity,
      ids,
      processed: written,
      failed: inFlight,
      unknown: inFlight,
      unprocessed: items.slice(written.length + inFlight.length),
      errors: [{ batchIndex: batches, items: inFlight, error }],
    });
  }
  return { results, ids };
}
