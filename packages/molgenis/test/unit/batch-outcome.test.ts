// A fake fetch (no msw): failures that happen after the request left (the server may have stored
// the batch) versus failures that certainly stored nothing.
import { BadRequestError, NetworkError, ResponseFormatError, ServerError, TimeoutError, ValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { Molgenis, MolgenisBatchError } from '../../src/index.js';
import { certainlyNotWritten } from '../../src/internal/chunked.js';

type Failure = (request: Request, signal: AbortSignal | undefined, stored: Map<string, number>) => Promise<Response>;

/** A server that stores every batch and answers it properly, except batch `failAt` (1-based). */
function server(failAt: number, fail: Failure) {
  const stored = new Map<string, number>();
  let posts = 0;
  const fetchFake: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    posts++;
    if (posts === failAt) return fail(request, init?.signal ?? undefined, stored);
    const { entities } = (await request.json()) as { entities: { id: string }[] };
    for (const e of entities) stored.set(e.id, (stored.get(e.id) ?? 0) + 1);
    const body = { location: `/api/v2/E?q=id=in=(${entities.map((e) => e.id).join(',')})`, resources: entities.map((e) => ({ href: `/api/v2/E/${e.id}` })) };
    return new Response(JSON.stringify(body), { status: 201, headers: { 'content-type': 'application/json' } });
  };
  return { fetchFake, stored, posts: () => posts };
}

/** Store the batch, then lose the connection before the answer (what a reset after commit looks like). */
const resetAfterCommit: Failure = async (request, _signal, stored) => {
  const { entities } = (await request.json()) as { entities: { id: string }[] };
  for (const e of entities) stored.set(e.id, (stored.get(e.id) ?? 0) + 1);
  throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
};

const rows = Array.from({ length: 25 }, (_, i) => ({ id: `r${i}` }));

describe('a batch whose answer is lost is unknown, never "not written"', () => {
  it('connection reset after the server stored batch 2: unknown rows are kept out of notWritten; resuming duplicates nothing', async () => {
    const s = server(2, resetAfterCommit);
    const stored = s.stored;
    const m = new Molgenis({ baseUrl: 'https://molgenis.example.org', fetch: s.fetchFake, retry: 3 });
    const error = (await m.addAll('E', rows, { batchSize: 10 }).catch((e: unknown) => e)) as MolgenisBatchError<{ id: string }>;
    expect(error).toBeInstanceOf(MolgenisBatchError);
    expect(error.errors[0]?.error).toBeInstanceOf(NetworkError);
    expect(s.posts()).toBe(2); // a write is never retried
    expect(error.processed).toEqual(rows.slice(0, 10));
    expect(error.failed).toEqual(rows.slice(10, 20));
    expect(error.unknown).toEqual(rows.slice(10, 20));
    expect(error.refused).toEqual([]);
    expect(error.unprocessed).toEqual(rows.slice(20));
    expect(error.notWritten).toEqual(rows.slice(20));
    expect([...error.processed, ...error.failed, ...error.unprocessed]).toEqual(rows);
    expect(error.message).toMatch(/stopped at batch 2: 10 written, 10 unknown \(sent, answer lost: may be written\), 5 not sent/);

    // The documented resume: re-read the unknown ids (here: the replica's store), resend what is missing.
    const missing = error.unknown.filter((r) => !stored.has(r.id));
    expect(missing).toEqual([]);
    await m.addAll('E', [...missing, ...error.notWritten]);
    expect(stored.size).toBe(25);
    expect([...stored.values()].every((n) => n === 1)).toBe(true);
  });

  it('a per-attempt timeout: unknown', async () => {
    const s = server(1, (_request, signal) => new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true })));
    const m = new Molgenis({ baseUrl: 'https://molgenis.example.org', fetch: s.fetchFake, retry: 0, timeout: 20 });
    const error = (await m.addAll('E', rows.slice(0, 5)).catch((e: unknown) => e)) as MolgenisBatchError;
    expect(error.errors[0]?.error).toBeInstanceOf(TimeoutError);
    expect(error.unknown).toEqual(rows.slice(0, 5));
    expect(error.notWritten).toEqual([]);
  });

  it('a connection never made (ECONNREFUSED): nothing was sent, so the batch is in notWritten', async () => {
    const s = server(2, async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8080'), { code: 'ECONNREFUSED' }) });
    });
    const m = new Molgenis({ baseUrl: 'https://molgenis.example.org', fetch: s.fetchFake, retry: 0 });
    const error = (await m.addAll('E', rows, { batchSize: 10 }).catch((e: unknown) => e)) as MolgenisBatchError;
    expect(error.errors[0]?.error).toBeInstanceOf(NetworkError);
    expect(error.unknown).toEqual([]);
    expect(error.refused).toEqual(rows.slice(10, 20));
    expect(error.notWritten).toEqual(rows.slice(10));
    expect(error.message).toMatch(/10 written, 10 refused, 5 not sent/);
  });

  it('a truncated 201 body: unknown', async () => {
    const s = server(
      1,
      async () =>
        new Response('{"location":"/api/v2/E?q=id=in=(r0,r1)","resources":[{"href":"/api/v2/E/r0"},{"hr', {
          status: 201,
          headers: { 'content-type': 'application/json' },
        }),
    );
    const m = new Molgenis({ baseUrl: 'https://molgenis.example.org', fetch: s.fetchFake, retry: 0 });
    const error = (await m.addAll('E', rows.slice(0, 2)).catch((e: unknown) => e)) as MolgenisBatchError;
    expect(error.errors[0]?.error).toBeInstanceOf(ResponseFormatError);
    expect(error.unknown).toEqual(rows.slice(0, 2));
  });
});

describe('certainlyNotWritten', () => {
  it.each([
    ['a 400 refusal', new BadRequestError({ status: 400 }), true],
    ['a 500 from MOLGENIS', new ServerError({ status: 500 }), true],
    ['a 503', new ServerError({ status: 503 }), true],
    ['input refused before sending', new ValidationError({ message: 'bad' }), true],
    ['a 502 from a gateway', new ServerError({ status: 502 }), false],
    ['a 504 from a gateway', new ServerError({ status: 504 }), false],
    ['a 2xx that is not the answer', new ResponseFormatError({ status: 200 }), false],
    ['a timeout', new TimeoutError({}), false],
    ['a reset', new NetworkError({ cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) }), false],
    [
      'a refused connection',
      new NetworkError({ cause: new TypeError('fetch failed', { cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) }) }),
      true,
    ],
    ['anything else', new Error('boom'), false],
  ])('%s → %s', (_name, error, expected) => {
    expect(certainlyNotWritten(error)).toBe(expected);
  });
});

describe('MolgenisBatchError fields', () => {
  it('unknown defaults to none; refused + unknown = failed; notWritten = refused + unprocessed', () => {
    const e = new MolgenisBatchError<string>({
      operation: 'deleteList',
      entity: 'E',
      ids: ['1'],
      processed: ['1'],
      failed: ['2', '3'],
      unprocessed: ['4'],
      errors: [],
    });
    expect(e.unknown).toEqual([]);
    expect(e.refused).toEqual(['2', '3']);
    expect(e.notWritten).toEqual(['2', '3', '4']);
    const u = new MolgenisBatchError<string>({
      operation: 'deleteList',
      entity: 'E',
      ids: ['1'],
      processed: ['1'],
      failed: ['2', '3'],
      unknown: ['2', '3'],
      unprocessed: ['4'],
      errors: [],
    });
    expect(u.refused).toEqual([]);
    expect(u.notWritten).toEqual(['4']);
    expect(u.message).toMatch(/1 written, 2 unknown .*, 1 not sent/);
  });
});
