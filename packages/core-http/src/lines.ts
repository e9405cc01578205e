import { type ByteSource, openByteSource } from './internal/byte-source.js';
import { Utf8ChunkDecoder } from './internal/utf8-chunks.js';

export type { ByteSource } from './internal/byte-source.js';

/**
 * Options of {@link lines}.
 *
 * @example
 * ```ts
 * const options: LinesOptions = { signal: AbortSignal.timeout(60_000) };
 * for await (const line of lines(res, options)) console.log(line);
 * ```
 */
export interface LinesOptions {
  /** Stops reading: the stream is cancelled and the iterator rejects with an `AbortError`. */
  signal?: AbortSignal;
}

/**
 * Read a text body line by line (TSV, CSV, FASTA, GFF3…) without buffering it.
 *
 * - Lines end with `\n` or `\r\n` (also when the `\r` and the `\n` arrive in different chunks);
 *   the terminator is not part of the line. A last line without a newline is yielded too;
 *   a final newline does not produce an extra empty line. Blank lines in between are kept.
 * - Bytes are decoded as UTF-8 in stream mode, so a character split across chunks is intact;
 *   a byte-order mark is dropped.
 * - Breaking out of the loop, or aborting `signal`, cancels the underlying stream.
 *   A body that breaks off mid-way rejects with a `NetworkError`.
 *
 * @param source a `Response`, a `ReadableStream<Uint8Array>` or any `AsyncIterable<Uint8Array>` (Node streams)
 * @example
 * ```ts
 * const res = await client.get('query/results', { searchParams: { query, format: 'tsv' } });
 * for await (const line of lines(res)) {
 *   const [symbol, length] = line.split('\t');
 * }
 * ```
 */
export async function* lines(source: ByteSource, o: LinesOptions = {}): AsyncIterableIterator<string> {
  const reader = openByteSource(source, o.signal);
  const decoder = new Utf8ChunkDecoder();
  // Text after the last newline seen, kept as parts so a very long line is not re-copied per chunk.
  let carry: string[] = [];
  let finished = false;
  try {
    for (;;) {
      const chunk = await reader.read();
      const text = decoder.decode(chunk);
      let start = 0;
      let nl = text.indexOf('\n');
      if (nl !== -1) {
        let head = text.slice(0, nl);
        if (carry.length > 0) {
          head = carry.join('') + head;
          carry = [];
        }
        yield stripCr(head);
        start = nl + 1;
        nl = text.indexOf('\n', start);
        while (nl !== -1) {
          yield stripCr(text.slice(start, nl));
          start = nl + 1;
          nl = text.indexOf('\n', start);
        }
      }
      if (start < text.length) carry.push(start === 0 ? text : text.slice(start));
      if (chunk === undefined) break;
    }
    finished = true;
    if (carry.length > 0) {
      const last = stripCr(carry.join(''));
      carry = [];
      // A lone trailing "\r" is a line terminator, not a line.
      if (last.length > 0) yield last;
    }
  } finally {
    if (!finished) await reader.cancel();
  }
}

function stripCr(line: string): string {
  return line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
}
