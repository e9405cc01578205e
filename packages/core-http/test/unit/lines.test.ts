import { describe, expect, it } from 'vitest';
import { isAbortError, isNetworkError, lines, type ByteSource } from '@bio/core-http';

const encoder = new TextEncoder();

async function* cutAt(bytes: Uint8Array, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  let start = 0;
  for (const cut of cuts) {
    if (cut > start) yield bytes.slice(start, cut);
    start = Math.max(start, cut);
  }
  if (start < bytes.length) yield bytes.slice(start);
}

async function* everyByte(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i++) yield bytes.slice(i, i + 1);
}

async function all(source: ByteSource, signal?: AbortSignal): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines(source, signal ? { signal } : {})) out.push(line);
  return out;
}

describe('lines', () => {
  const gff = '##gff-version 3\r\nchr2L\tFlyBase\tgene\t7529\t9484\t.\t+\t.\tID=FBgn0031208;Name=CG11023\r\n\r\n>seq é中😀\r\nACGT';
  const expected = ['##gff-version 3', 'chr2L\tFlyBase\tgene\t7529\t9484\t.\t+\t.\tID=FBgn0031208;Name=CG11023', '', '>seq é中😀', 'ACGT'];

  it('splits CRLF text and keeps a last line without newline', async () => {
    expect(await all(new Response(gff))).toEqual(expected);
  });

  it('handles a split at every byte boundary (CR and LF in different chunks, UTF-8 split)', async () => {
    const bytes = encoder.encode(gff);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(await all(cutAt(bytes, [cut])), `split at ${cut}`).toEqual(expected);
    }
    expect(await all(everyByte(bytes))).toEqual(expected);
  });

  it('does not yield an empty line after a final newline, but keeps blank lines in between', async () => {
    expect(await all(new Response('a\n\nb\n'))).toEqual(['a', '', 'b']);
    expect(await all(new Response('a\r\nb\r\n'))).toEqual(['a', 'b']);
    expect(await all(new Response('a\r\nb\r'))).toEqual(['a', 'b']);
    expect(await all(new Response('\n'))).toEqual(['']);
    expect(await all(new Response(''))).toEqual([]);
    expect(await all(new Response(null))).toEqual([]);
  });

  it('drops a byte-order mark and reads web streams and Node-style iterables', async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode('id\tsymbol\n1017\tCDK2\n')]);
    expect(await all(new Response(bom).body!)).toEqual(['id\tsymbol', '1017\tCDK2']);
    expect(await all(everyByte(bom))).toEqual(['id\tsymbol', '1017\tCDK2']);
  });

  it('joins a long line that spans many chunks', async () => {
    const long = 'x'.repeat(100_000);
    const bytes = encoder.encode(`${long}\nend`);
    const cuts = Array.from({ length: 100 }, (_, i) => i * 1000 + 7);
    expect(await all(cutAt(bytes, cuts))).toEqual([long, 'end']);
  });

  it('cancels the stream when the consumer breaks early', async () => {
    let cancelled = false;
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(c) {
          pulls++;
          c.enqueue(encoder.encode(`line ${pulls}\n`));
        },
        cancel() {
          cancelled = true;
        },
      },
      { highWaterMark: 0 },
    );
    for await (const line of lines(stream)) if (line === 'line 3') break;
    expect(cancelled).toBe(true);
    expect(pulls).toBeLessThanOrEqual(4);
  });

  it('stops with an AbortError and cancels the stream when the signal aborts', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        c.enqueue(encoder.encode('row\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const controller = new AbortController();
    let n = 0;
    const error = await (async () => {
      try {
        for await (const _ of lines(stream, { signal: controller.signal })) if (++n === 5) controller.abort();
      } catch (e) {
        return e;
      }
    })();
    expect(isAbortError(error)).toBe(true);
    expect(cancelled).toBe(true);
    expect(n).toBe(5);
  });

  it('rejects at once and releases the body when the signal has already fired', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      cancel() {
        cancelled = true;
      },
    });
    const controller = new AbortController();
    controller.abort();
    await expect(all(stream, controller.signal)).rejects.toSatisfy(isAbortError);
    expect(cancelled).toBe(true);
  });

  it('rejects while waiting for data when the signal aborts', async () => {
    const controller = new AbortController();
    const stream = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => {}) });
    const pending = all(stream, controller.signal);
    setTimeout(() => controller.abort(new Error('timeout by user')), 5);
    await expect(pending).rejects.toSatisfy((e) => isAbortError(e) && /timeout by user/.test(String(e)));
  });

  it('turns a body that breaks off into a NetworkError', async () => {
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield encoder.encode('a\nb');
      throw new TypeError('terminated');
    }
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const line of lines(broken())) seen.push(line);
      })(),
    ).rejects.toSatisfy(isNetworkError);
    expect(seen).toEqual(['a']);
  });
});
