// InterMine's JSON writer puts a comma after every row whose iterator said "more to come". When
// the next row then fails, the writer closes the array after that dangling comma and writes the
// failure trailer: `…["eve",1478],\n],"executionTime":…,"wasSuccessful":false,"error":…,"statusCode":500}`
// (JSONResultProcessor.write + JSONFormatter.formatFooter). That document is not JSON, so the
// streaming parser stops with a ResponseFormatError. These helpers keep the last chunks read
// and, on such an error, read what is left of the (short) body to find the server's trailer.
import { isResponseFormatError } from '@bio/core-http';

/** What a rescue reads past the parse failure at most: the trailer is small, so more means it is not one. */
const REST_LIMIT = 1024 * 1024;

/**
 * A byte source over a body stream that remembers its last two chunks and is cancelled only by
 * {@link RescuableBody.cancel} (or the signal), so the rest of the body can still be read after
 * the parser gave up on it.
 */
export class RescuableBody implements AsyncIterable<Uint8Array> {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  #previous: Uint8Array | undefined;
  #last: Uint8Array | undefined;
  #ended = false;
  #cancelled = false;
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort = (): void => void this.cancel(this.#signal?.reason);

  constructor(stream: ReadableStream<Uint8Array>, signal: AbortSignal | undefined) {
    this.#reader = stream.getReader();
    this.#signal = signal;
    // An abort while nobody is reading must still release the connection.
    signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  #end(): void {
    this.#ended = true;
    this.#signal?.removeEventListener('abort', this.#onAbort);
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return {
      next: async () => {
        const r = await this.#reader.read();
        if (r.done) {
          this.#end();
          return { done: true, value: undefined };
        }
        this.#previous = this.#last;
        this.#last = r.value;
        return { done: false, value: r.value };
      },
      // The parser's own cancel is ignored: the owner cancels after a rescue (or an early stop).
      return: async () => ({ done: true, value: undefined }),
    };
  }

  /** Release the body; safe to call more than once. */
  async cancel(reason?: unknown): Promise<void> {
    if (this.#cancelled || this.#ended) return;
    this.#cancelled = true;
    this.#signal?.removeEventListener('abort', this.#onAbort);
    await this.#reader.cancel(reason).catch(() => {});
  }

  /** The last chunks read plus the rest of the body (up to a limit), as text; undefined when too long or unreadable. */
  async tail(): Promise<string | undefined> {
    const decoder = new TextDecoder();
    let text = '';
    for (const chunk of [this.#previous, this.#last]) if (chunk) text += decoder.decode(chunk, { stream: true });
    let read = 0;
    try {
      while (!this.#ended && !this.#cancelled) {
        const r = await this.#reader.read();
        if (r.done) {
          this.#end();
          break;
        }
        read += r.value.length;
        if (read > REST_LIMIT) return undefined;
        text += decoder.decode(r.value, { stream: true });
      }
    } catch {
      return undefined;
    } finally {
      await this.cancel();
    }
    return text + decoder.decode();
  }
}

/**
 * The failure trailer at the end of a JSON results document whose array could not be parsed:
 * the object after the `]` that closes the array, when it says `wasSuccessful: false`.
 */
export function findFailureTrailer(text: string): Record<string, unknown> | undefined {
  const end = text.lastIndexOf('"wasSuccessful"');
  if (end === -1) return undefined;
  // Try each `]` before the trailer, nearest first: the one that closes the array leaves valid JSON after it.
  for (let p = text.lastIndexOf(']', end); p !== -1; p = p === 0 ? -1 : text.lastIndexOf(']', p - 1)) {
    const after = text.slice(p + 1).trimStart();
    if (!after.startsWith(',')) continue;
    try {
      const trailer = JSON.parse(`{${after.slice(1)}`) as unknown;
      if (typeof trailer === 'object' && trailer !== null && (trailer as Record<string, unknown>).wasSuccessful === false) {
        return trailer as Record<string, unknown>;
      }
    } catch {
      // not the array's end (a `]` inside the error message, or inside a row): look further back
    }
  }
  return undefined;
}

/**
 * The items of a results stream, with a parse failure turned into the server's own error when
 * the body ends with a failure trailer (`toError`); every other error passes unchanged. Good
 * items before the failure are delivered first.
 */
export function rescued<T, U = T>(
  items: AsyncIterator<T>,
  body: RescuableBody,
  toError: (trailer: Record<string, unknown>, cause: unknown) => Error,
  map?: (item: T) => U,
): AsyncIterator<U> {
  const onError = async (error: unknown): Promise<never> => {
    if (!isResponseFormatError(error)) {
      await body.cancel();
      throw error;
    }
    const text = await body.tail();
    const trailer = text === undefined ? undefined : findFailureTrailer(text);
    throw trailer ? toError(trailer, error) : error;
  };
  // One `.then` per item, which also maps it: the success path is otherwise the parser's own promise.
  const mapped =
    map === undefined ? undefined : (r: IteratorResult<T>): IteratorResult<U> => (r.done ? (r as IteratorResult<U>) : { done: false, value: map(r.value) });
  return {
    next: () => items.next().then(mapped, onError) as Promise<IteratorResult<U>>,
    return: async (value?: unknown) => {
      if (items.return) await items.return(value);
      await body.cancel();
      return { done: true, value: undefined };
    },
  };
}
