import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAbortError, isNetworkError, isResponseFormatError, jsonArrayItems, ServerError, type ByteSource } from '@bio/core-http';

const encoder = new TextEncoder();

/** Yield `bytes` cut at the given offsets. */
async function* cutAt(bytes: Uint8Array, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  let start = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    if (cut > start) yield bytes.slice(start, cut);
    start = Math.max(start, cut);
  }
  if (start < bytes.length) yield bytes.slice(start);
}

async function* everyByte(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i++) yield bytes.slice(i, i + 1);
}

async function readAll<T>(source: ByteSource, path: string | readonly string[]): Promise<{ items: T[]; trailer: Record<string, unknown> }> {
  const stream = jsonArrayItems<T>(source, path);
  const items: T[] = [];
  for await (const item of stream) items.push(item);
  return { items, trailer: await stream.trailer() };
}

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

// Multi-byte (é, 中), astral (😀, 𝄞), escaped quotes and backslashes, \u escapes, structural
// characters inside strings, nested arrays and objects, keys before and after the array.
const TRICKY = `{"rootClass":"Gene","views":["Gene.symbol","Gene.name"],"nested":{"a":[1,{"b":"]}"}]},"results":[
["eve","even skipped, \\"quoted\\" \\\\ back\\\\slash",1540,null,true],
["zen 中文 é","astral 😀𝄞 \\ud83d\\ude00",-1.5e3,{"x":[[],{}],"y":"}],{["},false],
[{"deep":[[[["]"]]]],"s":","}],
"just a string with ] and } and ,",
42,
[]
],"executionTime":"2024.01.01 10:00::00","wasSuccessful":true,"error":null,"statusCode":200}`;
const TRICKY_BYTES = encoder.encode(TRICKY);
const EXPECTED = JSON.parse(TRICKY) as Record<string, unknown>;
const { results: EXPECTED_ITEMS, ...EXPECTED_TRAILER } = EXPECTED;

describe('jsonArrayItems on split input', () => {
  it('reads the whole document in one chunk', async () => {
    const { items, trailer } = await readAll(cutAt(TRICKY_BYTES, []), 'results');
    expect(items).toEqual(EXPECTED_ITEMS);
    expect(trailer).toEqual(EXPECTED_TRAILER);
    expect(Object.keys(trailer)).toEqual(['rootClass', 'views', 'nested', 'executionTime', 'wasSuccessful', 'error', 'statusCode']);
  });

  it('gives the same items and trailer when split at every byte boundary', async () => {
    for (let cut = 1; cut < TRICKY_BYTES.length; cut++) {
      const { items, trailer } = await readAll(cutAt(TRICKY_BYTES, [cut]), 'results');
      expect(items, `split at byte ${cut}`).toEqual(EXPECTED_ITEMS);
      expect(trailer, `split at byte ${cut}`).toEqual(EXPECTED_TRAILER);
    }
  });

  it('gives the same items and trailer from 1-byte chunks', async () => {
    const { items, trailer } = await readAll(everyByte(TRICKY_BYTES), 'results');
    expect(items).toEqual(EXPECTED_ITEMS);
    expect(trailer).toEqual(EXPECTED_TRAILER);
  });

  it('decodes characters whose bytes are split over two and three chunks', async () => {
    const doc = '{"results":["😀","中","é","𝄞x"]}';
    const bytes = encoder.encode(doc);
    for (let a = 1; a < bytes.length; a++) {
      for (let b = a + 1; b < bytes.length; b++) {
        const { items } = await readAll(cutAt(bytes, [a, b]), 'results');
        expect(items).toEqual(['😀', '中', 'é', '𝄞x']);
      }
    }
  });

  it('drops a byte-order mark', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode('{"results":[1]}')]);
    for (let cut = 1; cut < 5; cut++) expect((await readAll(cutAt(bytes, [cut]), 'results')).items).toEqual([1]);
  });
});

describe('jsonArrayItems on the InterMine layout', () => {
  const body = `{"modelName":"genomic","columnHeaders":["Gene > Symbol","Gene > Length"],"rootClass":"Gene","start":0,"views":["Gene.symbol","Gene.length"],"results":[
["eve",1540],
["zen",1325]
],"executionTime":"2024.01.01 10:00::00","wasSuccessful":true,"error":null,"statusCode":200}`;

  it('streams the rows from a Response and keeps keys before and after the array in the trailer', async () => {
    const stream = jsonArrayItems<[string, number]>(new Response(body), 'results');
    const rows: [string, number][] = [];
    for await (const row of stream) rows.push(row);
    expect(rows).toEqual([
      ['eve', 1540],
      ['zen', 1325],
    ]);
    expect(await stream.trailer()).toEqual({
      modelName: 'genomic',
      columnHeaders: ['Gene > Symbol', 'Gene > Length'],
      rootClass: 'Gene',
      start: 0,
      views: ['Gene.symbol', 'Gene.length'],
      executionTime: '2024.01.01 10:00::00',
      wasSuccessful: true,
      error: null,
      statusCode: 200,
    });
  });

  it('reads a ReadableStream', async () => {
    const { items } = await readAll(new Response(body).body!, 'results');
    expect(items).toHaveLength(2);
  });

  it('throws from onTrailer after the rows when the trailer says wasSuccessful:false', async () => {
    const failing = `{"rootClass":"Department","results":[
{"class":"Department","objectId":3000008,"name":"Sales"},
{"class":"Department","objectId":3000009,"name":"Accounting"}
],"executionTime":"2024.01.01 10:00::00","wasSuccessful":false,"error":"java.lang.RuntimeException: failed after 2 rows","statusCode":500}`;
    const onTrailer = (t: Record<string, unknown>): void => {
      if (t.wasSuccessful === false) throw new ServerError({ status: Number(t.statusCode), serviceMessage: String(t.error), service: 'intermine' });
    };
    const stream = jsonArrayItems<{ name: string }>(everyByte(encoder.encode(failing)), 'results', { onTrailer });
    const seen: string[] = [];
    const error = await failure(async () => {
      for await (const dept of stream) seen.push(dept.name);
    });
    expect(seen).toEqual(['Sales', 'Accounting']);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).serviceMessage).toBe('java.lang.RuntimeException: failed after 2 rows');
    await expect(stream.trailer()).rejects.toBe(error);
  });

  it('lets the service error win when the array is missing or null', async () => {
    const body400 = '{"results":null,"executionTime":"x","wasSuccessful":false,"error":"query contains errors","statusCode":400}';
    const onTrailer = (t: Record<string, unknown>): void => {
      if (t.wasSuccessful === false) throw new ServerError({ serviceMessage: String(t.error) });
    };
    const error = await failure(async () => {
      for await (const _ of jsonArrayItems(new Response(body400), 'results', { onTrailer })) {
        // no rows
      }
    });
    expect((error as ServerError).serviceMessage).toBe('query contains errors');
  });

  it('rejects with ResponseFormatError when there is no array at the path', async () => {
    const error = await failure(() => readAll(new Response('{"uid":null,"statusCode":200}'), 'results'));
    expect(isResponseFormatError(error)).toBe(true);
    expect(String(error)).toMatch(/no JSON array at "results"/);
  });

  it('streams an empty array', async () => {
    for (const doc of ['{"results":[]}', '{"a":1,"results":[ \n ],"b":2}']) {
      const { items, trailer } = await readAll(everyByte(encoder.encode(doc)), 'results');
      expect(items).toEqual([]);
      expect(trailer).toEqual(JSON.parse(doc.replace(/"results":\[\s*\],?/, '')));
    }
  });
});

describe('jsonArrayItems paths', () => {
  it('follows nested keys and keeps the enclosing objects in the trailer', async () => {
    const doc = '{"meta":{"total":2},"data":{"kind":"rows","items":[{"id":1},{"id":2}],"more":false},"ok":true}';
    const { items, trailer } = await readAll(everyByte(encoder.encode(doc)), ['data', 'items']);
    expect(items).toEqual([{ id: 1 }, { id: 2 }]);
    expect(trailer).toEqual({ meta: { total: 2 }, data: { kind: 'rows', more: false }, ok: true });
  });

  it('does not take a key of the same name at another depth', async () => {
    const doc = '{"other":{"results":[9]},"results":[1,2]}';
    const { items, trailer } = await readAll(cutAt(encoder.encode(doc), [5]), 'results');
    expect(items).toEqual([1, 2]);
    expect(trailer).toEqual({ other: { results: [9] } });
  });

  it('streams a top-level array with the empty path', async () => {
    const { items, trailer } = await readAll(everyByte(encoder.encode(' [{"_id":"1017"},{"_id":"1018","notfound":true}] ')), []);
    expect(items).toEqual([{ _id: '1017' }, { _id: '1018', notfound: true }]);
    expect(trailer).toEqual({});
  });

  it('keeps a "__proto__" key as data', async () => {
    const { trailer } = await readAll(new Response('{"__proto__":{"polluted":true},"results":[]}'), 'results');
    expect(Object.getPrototypeOf(trailer)).toBe(Object.prototype);
    expect(trailer).toEqual(JSON.parse('{"__proto__":{"polluted":true}}'));
  });
});

describe('jsonArrayItems failures', () => {
  it('rejects every truncated prefix of the document with ResponseFormatError', async () => {
    for (let end = 0; end < TRICKY_BYTES.length; end++) {
      const error = await failure(() => readAll(cutAt(TRICKY_BYTES.slice(0, end), [Math.floor(end / 2)]), 'results'));
      expect(isResponseFormatError(error), `prefix of ${end} bytes: ${String(error)}`).toBe(true);
    }
  });

  it('says where the body ended', async () => {
    await expect(readAll(new Response('{"results":[[1],[2]'), 'results')).rejects.toThrow(/truncated JSON.*inside "results" after 1 items/);
    await expect(readAll(new Response('{"results":[[1]],"wasSuccessful":tr'), 'results')).rejects.toThrow(/truncated JSON.*after "results"/);
    await expect(readAll(new Response(''), 'results')).rejects.toThrow(/empty response body/);
  });

  it.each([
    ['a double comma', '{"results":[1,,2]}'],
    ['a leading comma', '{"results":[,1]}'],
    ['a trailing comma', '{"results":[1,2,]}'],
    ['a missing comma', '{"results":[1 2]}'],
    ['a mismatched bracket', '{"results":[[1}]}'],
    ['a stray brace', '{"results":[1}'],
    ['a bad literal', '{"results":[tru]}'],
    ['a bad trailer value', '{"results":[],"ok":tru}'],
    ['an unquoted key', '{results:[]}'],
    ['a missing colon', '{"results" []}'],
    ['garbage after the document', '{"results":[]} x'],
    ['an HTML page', '<!DOCTYPE html><html><body>Service unavailable</body></html>'],
    ['a bare array where an object was expected', '[1,2]'],
    ['a raw newline in a string', '{"results":["a\nb"]}'],
  ])('rejects %s with ResponseFormatError', async (_, doc) => {
    for (const source of [() => new Response(doc), () => everyByte(encoder.encode(doc))]) {
      const error = await failure(() => readAll(source(), 'results'));
      expect(isResponseFormatError(error), String(error)).toBe(true);
    }
  });

  it('delivers the good items before the bad one', async () => {
    const stream = jsonArrayItems(new Response('{"results":[1,2,{"a":nope},4]}'), 'results');
    const seen: unknown[] = [];
    const error = await failure(async () => {
      for await (const item of stream) seen.push(item);
    });
    expect(seen).toEqual([1, 2]);
    expect(String(error)).toMatch(/invalid JSON in item 2 of "results"/);
    expect((error as { snippet?: string }).snippet).toBe('{"a":nope}');
  });

  it('turns a body that breaks off into a NetworkError', async () => {
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield encoder.encode('{"results":[1,2,');
      throw new TypeError('terminated');
    }
    const seen: unknown[] = [];
    const error = await failure(async () => {
      for await (const item of jsonArrayItems(broken(), 'results')) seen.push(item);
    });
    expect(seen).toEqual([1, 2]);
    expect(isNetworkError(error)).toBe(true);
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });
});

describe('jsonArrayItems cancellation', () => {
  function trackedStream(doc: string, chunkSize: number): { stream: ReadableStream<Uint8Array>; state: { pulls: number; cancelled: unknown } } {
    const bytes = encoder.encode(doc);
    const state = { pulls: 0, cancelled: undefined as unknown };
    let pos = 0;
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          state.pulls++;
          if (pos >= bytes.length) return controller.close();
          controller.enqueue(bytes.slice(pos, pos + chunkSize));
          pos += chunkSize;
        },
        cancel(reason) {
          state.cancelled = reason ?? 'cancelled';
        },
      },
      { highWaterMark: 0 },
    );
    return { stream, state };
  }
  const many = `{"results":[${Array.from({ length: 1000 }, (_, i) => `[${i},"row ${i}"]`).join(',\n')}],"wasSuccessful":true}`;

  it('cancels the stream and rejects the trailer when the consumer breaks early', async () => {
    const { stream, state } = trackedStream(many, 64);
    const rows = jsonArrayItems<[number, string]>(stream, 'results');
    let n = 0;
    for await (const _ of rows) if (++n === 3) break;
    expect(state.cancelled).toBeDefined();
    expect(state.pulls).toBeLessThan(5);
    await expect(rows.trailer()).rejects.toThrow(/stopped before the end/);
  });

  it('stops with an AbortError and cancels the stream when the signal aborts', async () => {
    const { stream, state } = trackedStream(many, 64);
    const controller = new AbortController();
    const seen: unknown[] = [];
    const error = await failure(async () => {
      for await (const row of jsonArrayItems(stream, 'results', { signal: controller.signal })) {
        seen.push(row);
        if (seen.length === 2) controller.abort(new Error('user closed the page'));
      }
    });
    expect(isAbortError(error)).toBe(true);
    expect(String(error)).toMatch(/user closed the page/);
    expect(seen).toHaveLength(2);
    expect(state.cancelled).toBeDefined();
  });

  it('rejects at once when the signal has already fired', async () => {
    const controller = new AbortController();
    controller.abort();
    const aborted = await failure(async () => {
      for await (const _ of jsonArrayItems(new Response('{"results":[1]}'), 'results', { signal: controller.signal })) {
        // nothing
      }
    });
    expect(isAbortError(aborted)).toBe(true);
  });

  it('releases the body when the signal fired before iteration started', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      cancel() {
        cancelled = true;
      },
    });
    const controller = new AbortController();
    controller.abort();
    const rows = jsonArrayItems(stream, 'results', { signal: controller.signal });
    expect(isAbortError(await failure(() => rows[Symbol.asyncIterator]().next()))).toBe(true);
    expect(cancelled).toBe(true);
  });

  it('closes the HTTP response of a real fetch when the consumer breaks early', async () => {
    let closed: () => void = () => {};
    const serverSawClose = new Promise<void>((resolve) => {
      closed = resolve;
    });
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"rootClass":"Gene","results":[\n');
      let i = 0;
      const timer = setInterval(() => res.write(`["FBgn${String(i++).padStart(7, '0')}",${i}],\n`), 2);
      res.on('close', () => {
        clearInterval(timer);
        closed();
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/query/results`);
      const seen: unknown[] = [];
      for await (const row of jsonArrayItems(res, 'results')) {
        seen.push(row);
        if (seen.length === 3) break;
      }
      expect(seen).toEqual([
        ['FBgn0000000', 1],
        ['FBgn0000001', 2],
        ['FBgn0000002', 3],
      ]);
      await serverSawClose;
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('can be iterated only once', async () => {
    const rows = jsonArrayItems(new Response('{"results":[1]}'), 'results');
    for await (const _ of rows) {
      // drain
    }
    expect(() => rows[Symbol.asyncIterator]()).toThrow(/only once/);
  });
});

describe('jsonArrayItems property: equals JSON.parse', () => {
  const unit = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('"', '\\', ']', '[', '}', '{', ',', ':', ' ', '\n', 'é', '中', '😀', '𝄞', '\u2028', '\u0000') },
    { weight: 5, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  );
  const value = fc.jsonValue({ maxDepth: 3, stringUnit: unit });
  const key = fc.string({ unit, maxLength: 6 }).filter((k) => k !== 'results');
  const doc = fc.record({
    before: fc.dictionary(key, value, { maxKeys: 3 }),
    items: fc.array(value, { maxLength: 8 }),
    after: fc.dictionary(key, value, { maxKeys: 3 }),
    indent: fc.constantFrom(undefined, 0, 1, '\t'),
  });

  it('yields the items and the trailer of random documents split at random boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(doc, fc.array(fc.nat(), { maxLength: 12 }), fc.boolean(), async (d, rawCuts, tiny) => {
        const object = { ...d.before, results: d.items, ...d.after };
        const text = JSON.stringify(object, null, d.indent);
        const bytes = encoder.encode(text);
        const source = tiny
          ? everyByte(bytes)
          : cutAt(
              bytes,
              rawCuts.map((c) => c % (bytes.length + 1)),
            );
        const { items, trailer } = await readAll(source, 'results');
        const { results, ...rest } = JSON.parse(text) as Record<string, unknown>;
        expect(items).toEqual(results);
        expect(trailer).toEqual(rest);
      }),
      { numRuns: 1000 },
    );
  });
});
