import { AbortError, ResponseFormatError, ValidationError } from './errors.js';
import { type ByteReader, type ByteSource, openByteSource } from './internal/byte-source.js';
import { JsonArrayScanner } from './internal/json-array-scanner.js';
import { Utf8ChunkDecoder } from './internal/utf8-chunks.js';

/**
 * The items of one array inside a streamed JSON document, plus the rest of the document.
 *
 * @example
 * ```ts
 * const rows = jsonArrayItems<[string, number]>(res, 'results');
 * for await (const [symbol, length] of rows) console.log(symbol, length);
 * const { executionTime } = await rows.trailer();
 * ```
 */
export interface JsonArrayStream<T> extends AsyncIterable<T> {
  /**
   * Everything in the enclosing object except the array (keys before and after it), available
   * after iteration ends. Rejects when iteration failed or was stopped early.
   *
   * @example
   * ```ts
   * for await (const row of rows) handle(row);
   * const { executionTime } = await rows.trailer();
   * ```
   */
  trailer(): Promise<Record<string, unknown>>;
}

/**
 * Options of {@link jsonArrayItems}.
 *
 * @example
 * ```ts
 * const options: JsonArrayItemsOptions = {
 *   signal: controller.signal,
 *   onTrailer: (t) => { if (t.wasSuccessful === false) throw new ServerError({ serviceMessage: String(t.error) }); },
 * };
 * ```
 */
export interface JsonArrayItemsOptions {
  /** Stops reading: the stream is cancelled and the iterator rejects with an `AbortError`. */
  signal?: AbortSignal;
  /**
   * Called with the trailer once the document is complete, before the iterator finishes.
   * Throw from it (e.g. on InterMine's `wasSuccessful: false`) to make the consumer's
   * `for await` throw instead of ending quietly.
   */
  onTrailer?: (trailer: Record<string, unknown>) => void;
}

/**
 * Stream the items of one array inside a large JSON object without buffering the body,
 * e.g. `results` in InterMine's `{"rootClass":"Gene",…,"results":[[…],[…]],"wasSuccessful":true,…}`.
 *
 * - `path` is a key of the top-level object (`'results'`), or nested keys of objects
 *   (`['data', 'items']`); the empty array `[]` streams a top-level array.
 * - Memory stays flat in the number of items: only the current chunk and an item that spans
 *   chunks are held. Complete items are decoded by `JSON.parse`.
 * - {@link JsonArrayStream.trailer} holds every other key of the document (before and after the
 *   array; for a nested path, the enclosing objects without the array). `onTrailer` sees it
 *   before the iterator completes.
 * - Invalid JSON, an empty body, a body that ends early, or no array at `path` reject with a
 *   `ResponseFormatError` (a missing array only after `onTrailer` ran, so a service error in the
 *   trailer wins); a connection that breaks off rejects with a `NetworkError`.
 * - Breaking out of the loop, or aborting `signal`, cancels the underlying stream.
 * - The stream can be iterated once.
 *
 * @param source a `Response`, a `ReadableStream<Uint8Array>` or any `AsyncIterable<Uint8Array>`
 * @example
 * ```ts
 * const res = await client.post('query/results', { form: { query, format: 'json' }, idempotent: true });
 * const rows = jsonArrayItems<unknown[]>(res, 'results', {
 *   onTrailer: (t) => { if (t.wasSuccessful === false) throw new ServerError({ serviceMessage: String(t.error) }); },
 * });
 * for await (const row of rows) console.log(row);
 * ```
 */
export function jsonArrayItems<T = unknown>(source: ByteSource, path: string | readonly string[], o: JsonArrayItemsOptions = {}): JsonArrayStream<T> {
  const keys: readonly string[] = typeof path === 'string' ? [path] : [...path];
  if (!keys.every((k) => typeof k === 'string')) {
    throw new ValidationError({ message: 'path must be a key or an array of keys', field: 'path' });
  }
  let resolveTrailer!: (t: Record<string, unknown>) => void;
  let rejectTrailer!: (e: unknown) => void;
  const trailer = new Promise<Record<string, unknown>>((resolve, reject) => {
    resolveTrailer = resolve;
    rejectTrailer = reject;
  });
  trailer.catch(() => {}); // nobody has to ask for the trailer
  let started = false;

  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      if (started) throw new ValidationError({ message: 'a jsonArrayItems stream can be iterated only once', field: 'source' });
      started = true;
      return new ItemIterator<T>(source, keys, o, resolveTrailer, rejectTrailer);
    },
    trailer: () => trailer,
  };
}

const DONE: IteratorResult<never, undefined> = Object.freeze({ value: undefined, done: true });

// A hand-written async iterator rather than an async generator: items already parsed are
// handed out with one resolved promise each, which is about 3x cheaper per item than `yield`.
class ItemIterator<T> implements AsyncIterableIterator<T> {
  private readonly decoder = new Utf8ChunkDecoder();
  private readonly scanner: JsonArrayScanner;
  private reader: ByteReader | undefined;
  private buffer: unknown[] = [];
  private pos = 0;
  private busy: Promise<IteratorResult<T>> | undefined;
  private eof = false;
  private finished = false;

  constructor(
    private readonly source: ByteSource,
    private readonly keys: readonly string[],
    private readonly options: JsonArrayItemsOptions,
    private readonly resolveTrailer: (t: Record<string, unknown>) => void,
    private readonly rejectTrailer: (e: unknown) => void,
  ) {
    this.scanner = new JsonArrayScanner(keys);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.busy !== undefined) {
      // A caller asked again before the previous pull settled: queue behind it.
      const after = (): Promise<IteratorResult<T>> => this.next();
      return this.busy.then(after, after);
    }
    if (this.pos < this.buffer.length && !this.options.signal?.aborted) {
      return Promise.resolve({ value: this.buffer[this.pos++] as T, done: false });
    }
    if (this.finished) return Promise.resolve(DONE);
    const pull = this.pull();
    this.busy = pull;
    const clear = (): void => {
      if (this.busy === pull) this.busy = undefined;
    };
    pull.then(clear, clear);
    return pull;
  }

  async return(): Promise<IteratorResult<T>> {
    if (!this.finished) {
      this.finished = true;
      this.buffer = [];
      this.rejectTrailer(new AbortError({ message: 'the iteration stopped before the end of the document; no trailer' }));
      await this.reader?.cancel();
    }
    return DONE;
  }

  private async pull(): Promise<IteratorResult<T>> {
    try {
      this.reader ??= openByteSource(this.source, this.options.signal);
      this.buffer = [];
      this.pos = 0;
      for (;;) {
        if (this.scanner.error) throw this.scanner.error;
        if (this.eof) return this.complete();
        const chunk = await this.reader.read();
        if (this.finished) return DONE; // return() was called while reading
        if (chunk === undefined) this.eof = true;
        const items = this.scanner.push(this.decoder.decode(chunk));
        if (items.length > 0) {
          this.buffer = items;
          this.pos = 1;
          return { value: items[0] as T, done: false };
        }
      }
    } catch (error) {
      if (!this.finished) {
        this.finished = true;
        this.buffer = [];
        this.rejectTrailer(error);
        if (!this.eof) await this.reader?.cancel();
      }
      throw error;
    }
  }

  private complete(): IteratorResult<T> {
    this.scanner.finish();
    this.options.onTrailer?.(this.scanner.trailer);
    if (!this.scanner.foundArray) {
      const where = this.keys.length === 0 ? 'at the top level' : `at "${this.keys.join('.')}"`;
      throw new ResponseFormatError({ message: `no JSON array ${where} in the response`, body: this.scanner.trailer });
    }
    this.finished = true;
    this.resolveTrailer(this.scanner.trailer);
    return DONE;
  }
}
