import { batch, isBatchError } from '@bio/core-http';
import { MolgenisBatchError } from '../errors.js';
import type { WriteProgress } from '../types.js';

export interface ChunkedOptions<I, R> {
  operation: string;
  entity: string;
  size: number;
  signal?: AbortSignal | undefined;
  onProgress?: ((p: WriteProgress) => void) | undefined;
  /** Ids of the rows a successful batch wrote (for `MolgenisBatchError.ids`). */
  idsOf: (items: I[], result: R) => string[];
}

/**
 * Run a write in consecutive batches (concurrency 1, never retried) and keep the books:
 * on failure, a {@link MolgenisBatchError} says which rows are written (and their ids),
 * which were refused and which were never sent.
 */
export async function chunked<I, R>(items: readonly I[], o: ChunkedOptions<I, R>, handler: (chunk: I[], signal: AbortSignal) => Promise<R>): Promise<{ results: R[]; ids: string[] }> {
  const results: R[] = [];
  const written: I[] = [];
  const ids: string[] = [];
  let batches = 0;
  try {
    const outcomes = batch<I, R>(items, { size: o.size, concurrency: 1, onError: 'stop', ...(o.signal === undefined ? {} : { signal: o.signal }) }, (chunk, ctx) =>
      handler(chunk, ctx.signal),
    );
    for await (const outcome of outcomes) {
      if (!outcome.ok) continue; // cannot happen with onError 'stop'
      results.push(outcome.result);
      written.push(...outcome.items);
      ids.push(...o.idsOf(outcome.items, outcome.result));
      batches++;
      o.onProgress?.({ done: written.length, total: items.length, batches });
    }
  } catch (error) {
    if (isBatchError(error)) {
      throw new MolgenisBatchError<I>({
        operation: o.operation,
        entity: o.entity,
        ids,
        processed: written,
        failed: error.failed as I[],
        unprocessed: error.unprocessed as I[],
        errors: error.errors as MolgenisBatchError<I>['errors'],
      });
    }
    // Aborted or failed outside a batch: the batch in flight (if any) is reported as failed.
    const inFlight = items.slice(written.length, written.length + o.size);
    throw new MolgenisBatchError<I>({
      operation: o.operation,
      entity: o.entity,
      ids,
      processed: written,
      failed: inFlight,
      unprocessed: items.slice(written.length + inFlight.length),
      errors: [{ batchIndex: batches, items: inFlight, error }],
    });
  }
  return { results, ids };
}
