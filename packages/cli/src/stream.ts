// Bounded, ordered batch processing: the input is read lazily, at most `inFlight` batches are
// pending at once, and results come out in input order — so output can start with the first
// answer and memory stays flat for any input size.

/**
 * Group an async stream of items into arrays of at most `size`.
 *
 * @example
 * ```ts
 * for await (const batch of chunks(readTerms(io), 1000)) console.log(batch.length);
 * ```
 */
export async function* chunks<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Run `work` on each batch with at most `inFlight` batches pending and yield `[batch, result]`
 * in input order. The next batch is read only when a slot is free. On a failure the error is
 * thrown when its batch's turn comes (earlier batches are yielded first); later work still
 * pending is awaited and its results dropped, so no rejection goes unhandled.
 *
 * @example
 * ```ts
 * for await (const [terms, result] of ordered(chunks(terms, 1000), 3, (b) => client.queryMany(b))) print(terms, result);
 * ```
 */
export async function* ordered<T, R>(batches: AsyncIterable<T>, inFlight: number, work: (batch: T) => Promise<R>): AsyncGenerator<[T, R]> {
  const pending: { batch: T; result: Promise<R> }[] = [];
  const iterator = batches[Symbol.asyncIterator]();
  let done = false;
  try {
    while (true) {
      while (!done && pending.length < inFlight) {
        const next = await iterator.next();
        if (next.done) done = true;
        else {
          const result = work(next.value);
          result.catch(() => {}); // observed when its turn comes
          pending.push({ batch: next.value, result });
        }
      }
      const head = pending.shift();
      if (!head) return;
      yield [head.batch, await head.result];
    }
  } finally {
    await Promise.allSettled(pending.map((p) => p.result));
    if (!done) await iterator.return?.();
  }
}
