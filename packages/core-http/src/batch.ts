import { AbortError, BatchError, type BatchFailure, ValidationError } from './errors.js';
import type { Progress } from './contract.js';
import { abortErrorFrom, raceAbort } from './internal/abort-reason.js';

// The concurrency window below is the few lines of p-limit logic we need, written by hand:
// @bio/core-http may depend on nothing but ky at runtime (it runs in browsers and Node).

/**
 * Options of {@link batch}.
 *
 * @example
 * ```ts
 * const options: BatchOptions = { size: 1000, concurrency: 4, rateLimit: 4, onError: 'collect' };
 * for await (const out of batch(ids, options, fetchGenes)) if (!out.ok) console.warn(out.items, out.error);
 * ```
 */
export interface BatchOptions {
  /** Inputs per batch, i.e. per handler call (integer ≥ 1). */
  size: number;
  /** Batches running at once (integer ≥ 1). Default 1. */
  concurrency?: number | undefined;
  /** At most this many handler calls start per second; calls are spaced evenly. Default: no limit. */
  rateLimit?: number | undefined;
  /** Stops the work: in-flight handlers see their `signal` abort and the iterator rejects with an `AbortError`. */
  signal?: AbortSignal | undefined;
  /**
   * What a failed batch does. `'stop'` (default): no new batch starts, in-flight ones settle,
   * then the iterator throws a `BatchError`. `'collect'`: the failure is yielded as
   * `{ ok: false, error }` and the work goes on.
   */
  onError?: 'stop' | 'collect' | undefined;
  /** Called as outcomes are yielded: `done` inputs finished, out of `total` when the input's size is known. */
  onProgress?: ((p: Progress) => void) | undefined;
}

/**
 * The outcome of one batch, yielded in input order. `ok: false` only with `onError: 'collect'`.
 *
 * @example
 * ```ts
 * for await (const out of batch(ids, { size: 1000, onError: 'collect' }, fetchGenes)) {
 *   if (out.ok) genes.push(...out.result);
 *   else failed.push(...out.items);
 * }
 * ```
 */
export type BatchOutcome<I, R> =
  | {
      /** Zero-based position of the batch in the order the batches were built. */
      index: number;
      /** The items of this batch. */
      items: I[];
      /** The batch succeeded. */
      ok: true;
      /** What the batch function returned for these items. */
      result: R;
    }
  | {
      /** Zero-based position of the batch in the order the batches were built. */
      index: number;
      /** The items of this batch. */
      items: I[];
      /** The batch failed (after its retries). */
      ok: false;
      /** What the batch failed with (usually a `BioHttpError`). */
      error: unknown;
    };

interface Slot<I, R> {
  index: number;
  items: I[];
  state: 'pending' | 'ok' | 'failed' | 'skipped';
  result?: R;
  error?: unknown;
  settled: Promise<void>;
}

function checkInteger(value: number | undefined, field: string): void {
  if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
    throw new ValidationError({ message: `${field} must be an integer ≥ 1, got ${value}`, field });
  }
}

function knownSize(items: object): number | undefined {
  if (Array.isArray(items)) return items.length;
  if (!(Symbol.iterator in items)) return undefined;
  const { length, size } = items as { length?: unknown; size?: unknown };
  if (typeof length === 'number') return length;
  if (typeof size === 'number') return size;
  return undefined;
}

// Resolves after `ms`, or at once when `signal` fires; never rejects.
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Split inputs into batches and run `handler` on each, a few at a time, yielding the outcomes
 * in input order.
 *
 * - At most `concurrency` handlers run at once, and at most `rateLimit` start per second.
 * - Memory is bounded: the input is read only `concurrency` batches ahead of what has been
 *   yielded, so an endless async iterable works. (A batch that is slow holds the window until
 *   it is done: the price of ordered output.)
 * - With `onError: 'stop'` (default) a failed batch (the handler already includes the client's
 *   retries) stops new batches; in-flight ones settle; then a `BatchError` says which inputs
 *   were `processed`, which `failed`, and which were `unprocessed` (read but not sent, plus —
 *   when the input's size is known, e.g. an array — those never read). Outcomes before the
 *   failed batch are yielded first; results of batches after it are not yielded, but their
 *   inputs are listed in `processed`, so nothing is sent twice on a retry of `unprocessed`.
 * - Aborting `signal`, or breaking out of the loop, aborts the `signal` handlers receive.
 *
 * @param items an array or any (async) iterable of inputs
 * @param handler does one batch; gets the batch's inputs, its index and a signal
 * @example
 * ```ts
 * for await (const out of batch(ids, { size: 1000, concurrency: 2, rateLimit: 3 }, (chunk, { signal }) =>
 *   client.post('gene', { form: { ids: chunk }, idempotent: true, signal }).json<Gene[]>(),
 * )) {
 *   if (out.ok) genes.push(...out.result);
 * }
 * ```
 */
export async function* batch<I, R>(
  items: Iterable<I> | AsyncIterable<I>,
  o: BatchOptions,
  handler: (items: I[], ctx: { index: number; signal: AbortSignal }) => Promise<R>,
): AsyncGenerator<BatchOutcome<I, R>> {
  checkInteger(o.size, 'size');
  checkInteger(o.concurrency, 'concurrency');
  if (o.rateLimit !== undefined && !(o.rateLimit > 0 && Number.isFinite(o.rateLimit))) {
    throw new ValidationError({ message: `rateLimit must be a positive number of requests per second, got ${o.rateLimit}`, field: 'rateLimit' });
  }
  const mode = o.onError ?? 'stop';
  if (mode !== 'stop' && mode !== 'collect') {
    throw new ValidationError({ message: `onError must be 'stop' or 'collect', got ${String(mode)}`, field: 'onError' });
  }
  if (typeof items !== 'object' || items === null || !(Symbol.iterator in items || Symbol.asyncIterator in items)) {
    throw new ValidationError({ message: 'items must be an array or an (async) iterable', field: 'items' });
  }
  const size = o.size;
  const concurrency = o.concurrency ?? 1;
  const interval = o.rateLimit === undefined ? 0 : 1000 / o.rateLimit;
  const total = knownSize(items);
  const signal = o.signal;
  if (signal?.aborted) throw abortErrorFrom(signal);

  // Handlers get this signal: it follows the caller's, and also fires when the consumer stops early.
  const controller = new AbortController();
  const forwardAbort = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', forwardAbort, { once: true });

  const syncInput = Symbol.iterator in items ? (items as Iterable<I>)[Symbol.iterator]() : undefined;
  const asyncInput = syncInput ? undefined : (items as AsyncIterable<I>)[Symbol.asyncIterator]();
  let inputDone = false;
  const readBatch = async (): Promise<I[]> => {
    const chunk: I[] = [];
    while (chunk.length < size) {
      const r = syncInput ? syncInput.next() : await raceAbort(asyncInput!.next(), signal);
      if (r.done) {
        inputDone = true;
        break;
      }
      chunk.push(r.value);
    }
    return chunk;
  };

  // Each batch gets a signal of its own, aborted through one listener on `controller.signal`:
  // many batches waiting on one shared signal would pass Node's limit of 10 listeners and
  // print MaxListenersExceededWarning (libraries print nothing).
  const live = new Set<AbortController>();
  controller.signal.addEventListener('abort', () => {
    for (const c of live) c.abort(controller.signal.reason);
  });

  let stopping = false; // a batch failed in 'stop' mode: start nothing new
  let nextStart = 0;
  const launch = (index: number, chunk: I[]): Slot<I, R> => {
    const slot: Slot<I, R> = { index, items: chunk, state: 'pending', settled: Promise.resolve() };
    const own = new AbortController();
    if (controller.signal.aborted) own.abort(controller.signal.reason);
    else live.add(own);
    let wait = 0;
    if (interval > 0) {
      const now = Date.now();
      const at = Math.max(now, nextStart);
      nextStart = at + interval;
      wait = at - now;
    }
    slot.settled = (async () => {
      try {
        if (wait > 0) await pause(wait, own.signal);
        if (stopping || own.signal.aborted) {
          slot.state = 'skipped';
          return;
        }
        slot.result = await handler(chunk, { index, signal: own.signal });
        slot.state = 'ok';
      } catch (error) {
        slot.error = error;
        slot.state = 'failed';
        if (mode === 'stop') stopping = true;
      } finally {
        live.delete(own);
      }
    })();
    return slot;
  };

  const window: Slot<I, R>[] = [];
  const processed: I[] = []; // kept only in 'stop' mode, for the BatchError
  let nextIndex = 0;
  let done = 0;
  let batches = 0;
  let finished = false;
  let inputFailed = false;
  let inputError: unknown;
  const progress = (slot: Slot<I, R>): void => {
    done += slot.items.length;
    batches++;
    o.onProgress?.(total === undefined ? { done, batches } : { done, total, batches });
  };

  try {
    for (;;) {
      while (!stopping && !inputDone && !inputFailed && window.length < concurrency) {
        let chunk: I[];
        try {
          chunk = await readBatch();
        } catch (error) {
          if (signal?.aborted) throw abortErrorFrom(signal);
          inputFailed = true;
          inputError = error;
          break;
        }
        if (chunk.length > 0) window.push(launch(nextIndex++, chunk));
      }
      const head = window[0];
      if (head === undefined) break;
      await raceAbort(head.settled, signal);
      if (head.state === 'ok' || (head.state === 'failed' && mode === 'collect')) {
        window.shift();
        progress(head);
        if (head.state === 'ok') {
          if (mode === 'stop') for (const item of head.items) processed.push(item);
          yield { index: head.index, items: head.items, ok: true, result: head.result as R };
        } else {
          yield { index: head.index, items: head.items, ok: false, error: head.error };
        }
        continue;
      }
      // 'stop' mode and this batch failed (or was skipped because a later one failed).
      await raceAbort(Promise.all(window.map((s) => s.settled)), signal);
      throw batchError(window, processed);
    }
    finished = true;
    if (inputFailed) throw inputError;
  } finally {
    signal?.removeEventListener('abort', forwardAbort);
    if (!finished) {
      if (!controller.signal.aborted) controller.abort(new AbortError({ message: 'batch iteration stopped early' }));
      if (!inputDone) {
        try {
          if (syncInput) syncInput.return?.();
          else await asyncInput?.return?.();
        } catch {
          // closing the input is best effort
        }
      }
    }
  }

  function batchError(slots: Slot<I, R>[], done: I[]): BatchError<I> {
    const failed: I[] = [];
    const unprocessed: I[] = [];
    const errors: BatchFailure<I>[] = [];
    for (const slot of slots) {
      if (slot.state === 'ok') done.push(...slot.items);
      else if (slot.state === 'failed') {
        failed.push(...slot.items);
        errors.push({ batchIndex: slot.index, items: slot.items, error: slot.error });
      } else unprocessed.push(...slot.items);
    }
    // Inputs never read: listed when the input is finite and known (an array, a Set…).
    if (total !== undefined && syncInput && !inputDone) {
      for (let r = syncInput.next(); !r.done; r = syncInput.next()) unprocessed.push(r.value);
      inputDone = true;
    }
    return new BatchError<I>({ processed: done, failed, unprocessed, errors });
  }
}
