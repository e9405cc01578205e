import { discard } from './body.js';
import { AbortError, isBioHttpError, NetworkError, TimeoutError, ValidationError } from '../errors.js';
import { abortErrorFrom, raceAbort } from './abort-reason.js';

/**
 * Where streamed bytes can come from: a fetch `Response`, a web stream, or any async iterable
 * of byte chunks (Node streams).
 *
 * @example
 * ```ts
 * const source: ByteSource = await client.get('query/results', { searchParams }).stream();
 * const fromFile: ByteSource = createReadStream('genes.tsv');
 * ```
 */
export type ByteSource = Response | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/** A pull reader over a {@link ByteSource} that honours an `AbortSignal`. */
export interface ByteReader {
  /** The next chunk, or `undefined` at the end. Rejects with `AbortError` or `NetworkError`. */
  read(): Promise<Uint8Array | undefined>;
  /** Stop reading and release the source; safe to call more than once. */
  cancel(reason?: unknown): Promise<void>;
}

function isResponse(source: ByteSource): source is Response {
  return typeof (source as Response).arrayBuffer === 'function' && 'bodyUsed' in source;
}

function isReadableStream(source: ByteSource): source is ReadableStream<Uint8Array> {
  return typeof (source as ReadableStream<Uint8Array>).getReader === 'function';
}

interface RawReader {
  next(): Promise<{ done?: boolean | undefined; value?: unknown }>;
  close(reason: unknown): Promise<unknown>;
}

function rawReader(source: ByteSource): RawReader {
  let stream: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null = source as ReadableStream<Uint8Array>;
  if (isResponse(source)) {
    if (source.bodyUsed) throw new ValidationError({ message: 'the response body has already been read', field: 'source' });
    stream = source.body;
  }
  if (stream === null) {
    return { next: async () => ({ done: true }), close: async () => undefined };
  }
  if (isReadableStream(stream)) {
    if (stream.locked) throw new ValidationError({ message: 'the stream is locked by another reader', field: 'source' });
    const reader = stream.getReader();
    return {
      next: () => reader.read(),
      close: async (reason) => discard(reader, reason),
    };
  }
  if (typeof (stream as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] !== 'function') {
    throw new ValidationError({ message: 'expected a Response, a ReadableStream or an AsyncIterable of bytes', field: 'source' });
  }
  const iterator = (stream as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  return {
    next: () => iterator.next(),
    close: async () => iterator.return?.(),
  };
}

const encoder = new TextEncoder();

/**
 * Open a byte source for pulling. When `signal` fires the source is cancelled at once (even
 * while nobody is reading) and the pending or next `read()` rejects with the wrapped reason.
 * Errors of the underlying stream become {@link NetworkError}s (the body broke off).
 */
export function openByteSource(source: ByteSource, signal?: AbortSignal): ByteReader {
  const raw = rawReader(source);
  if (signal?.aborted) {
    // Release the body (and its connection) even though nothing will be read.
    raw.close(signal.reason).catch(() => {});
    throw abortErrorFrom(signal);
  }
  let closed = false;
  const close = async (reason: unknown): Promise<void> => {
    if (closed) return;
    closed = true;
    try {
      await raw.close(reason);
    } catch {
      // The source may already be errored or closed; nothing more to release.
    }
  };
  const onAbort = (): void => {
    void close(signal?.reason);
  };
  signal?.addEventListener('abort', onAbort, { once: true });

  return {
    async read() {
      if (signal?.aborted) throw abortErrorFrom(signal);
      if (closed) return undefined;
      let result: { done?: boolean | undefined; value?: unknown };
      try {
        result = await raceAbort(raw.next(), signal);
      } catch (error) {
        signal?.removeEventListener('abort', onAbort);
        await close(error);
        if (signal?.aborted) throw abortErrorFrom(signal);
        if (isBioHttpError(error)) throw error;
        // The platform's own abort/timeout errors (a signal linked to the fetch) keep their kind.
        const name = error instanceof Error || error instanceof DOMException ? error.name : '';
        if (name === 'AbortError') throw new AbortError({ message: `aborted while reading the body: ${(error as Error).message}`, cause: error });
        if (name === 'TimeoutError') throw new TimeoutError({ message: `timed out while reading the body: ${(error as Error).message}`, cause: error });
        const detail = error instanceof Error ? error.message : String(error);
        throw new NetworkError({ message: `the response body broke off: ${detail}`, cause: error });
      }
      if (result.done) {
        signal?.removeEventListener('abort', onAbort);
        closed = true;
        return undefined;
      }
      const value = result.value;
      if (value instanceof Uint8Array) return value;
      if (typeof value === 'string') return encoder.encode(value);
      if (value instanceof ArrayBuffer) return new Uint8Array(value);
      throw new ValidationError({ message: `expected byte chunks, got ${typeof value}`, field: 'source' });
    },
    async cancel(reason?: unknown) {
      signal?.removeEventListener('abort', onAbort);
      await close(reason);
    },
  };
}
