// A fake fetch (no msw): what goes on the wire for awkward ids and names, and what is refused
// before any request.
import { isValidationError, ResponseFormatError, ValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { Molgenis, MolgenisBatchError } from '../../src/index.js';

function fake(respond: (request: Request) => Response = () => new Response(null, { status: 204 })): { m: Molgenis; seen: Request[] } {
  const seen: Request[] = [];
  const fetchFake: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    seen.push(request);
    return respond(request);
  };
  return { m: new Molgenis({ baseUrl: 'https://molgenis.example.org/api/', fetch: fetchFake, retry: 0 }), seen };
}

const json = (body: unknown, init: ResponseInit = {}): Response =>
  new Response(JSON.stringify(body), {
    status: 200,
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string> | undefined) },
  });

describe('path encoding', () => {
  it('encodes entity, id and attribute names as single segments', async () => {
    const { m, seen } = fake(() => new Response(null, { status: 200 }));
    await m.updateOne('demo sightings', 'a/b?c#d', 'year%', 1999);
    await m.delete('demo_sightings', '../admin');
    expect(seen.map((r) => r.url)).toEqual([
      'https://molgenis.example.org/api/v1/demo%20sightings/a%2Fb%3Fc%23d/year%25',
      'https://molgenis.example.org/api/v1/demo_sightings/..%2Fadmin',
    ]);
    expect(await seen[0]?.text()).toBe('1999');
  });

  it('refuses dot segments that no encoding can protect', async () => {
    const { m, seen } = fake();
    await expect(m.delete('demo_sightings', '..')).rejects.toThrow(ValidationError);
    await expect(m.getById('.', '1')).rejects.toThrow(ValidationError);
    expect(seen).toHaveLength(0);
  });

  it('reads the new id (decoded) from Location', async () => {
    const { m } = fake(() => new Response(null, { status: 201, headers: { location: '/api/v1/Person/a%2Fb' } }));
    expect(await m.add('Person', { firstName: 'Jan' })).toBe('a/b');
  });

  it('a 201 without Location is a ResponseFormatError that says the row was probably created', async () => {
    const { m } = fake(() => new Response(null, { status: 201 }));
    await expect(m.add('Person', { firstName: 'Jan' })).rejects.toThrow(/probably created/);
  });

  it('q: "+", "&", "#", "%" and non-ASCII are percent-encoded; the rest of the URL stays intact', async () => {
    const { m, seen } = fake(() => json({ items: [], start: 0, num: 100, total: 0 }));
    await m.get('demo_notes', { q: 'title=="a+b & c#d 100% é"', max: 100 }).toArray();
    const url = seen[0]?.url ?? '';
    expect(url).not.toContain('#');
    expect(url).toMatch(/q=[^&]*%2B/);
    expect(new URL(url).searchParams.get('q')).toBe('title=="a+b & c#d 100% é"');
    expect(new URL(url).searchParams.get('start')).toBe('0');
    expect(new URL(url).searchParams.get('num')).toBe('100');
  });

  it('does not send the token anywhere but the header', async () => {
    const seen: Request[] = [];
    const m = new Molgenis({
      baseUrl: 'https://molgenis.example.org',
      token: 'tok-123456',
      retry: 0,
      fetch: async (input, init) => {
        seen.push(new Request(input, init));
        return json({ items: [], start: 0, num: 100, total: 0 });
      },
    });
    await m.get('demo_sightings', { q: 'type==gnome', max: 100 }).toArray();
    expect(seen[0]?.headers.get('x-molgenis-token')).toBe('tok-123456');
    expect(seen[0]?.url).not.toContain('tok-123456');
    expect(seen[0]?.headers.get('authorization')).toBeNull();
  });
});

describe('paging limits', () => {
  it('never asks for more than 10,000 rows per request and stops at max', async () => {
    let served = 0;
    const { m, seen } = fake((request) => {
      const url = new URL(request.url);
      if (url.pathname.endsWith('/meta')) return json({ name: 'big', idAttribute: 'id', attributes: {} });
      const start = Number(url.searchParams.get('start'));
      const num = Number(url.searchParams.get('num'));
      const total = 25_000;
      const items = Array.from({ length: Math.max(0, Math.min(num, total - start)) }, (_, i) => ({ id: start + i }));
      served += items.length;
      return json({ start, num, total, items, ...(start + num < total ? { nextHref: `/api/v2/big?num=${num}&start=${start + num}` } : {}) });
    });
    const rows = await m.get('big', { max: 22_000 }).toArray();
    expect(rows).toHaveLength(22_000);
    expect(rows.at(-1)).toEqual({ id: 21_999 });
    expect(seen.some((r) => new URL(r.url).pathname.endsWith('/meta'))).toBe(false); // the server orders by id: no metadata request
    const pages = seen.map((r) => new URL(r.url).searchParams);
    expect(pages.map((p) => [p.get('start'), p.get('num')])).toEqual([
      ['0', '10000'],
      ['10000', '10000'],
      ['20000', '2000'],
    ]);
    expect(pages.every((p) => !p.has('sort'))).toBe(true);
    expect(served).toBe(22_000);
  });

  it('a full-text search over more than one request is sorted by the id attribute (Elasticsearch answers in relevance order)', async () => {
    const { m, seen } = fake((request) => {
      const url = new URL(request.url);
      if (url.pathname.endsWith('/meta')) return json({ name: 'big', idAttribute: 'key', attributes: {} });
      const start = Number(url.searchParams.get('start'));
      return json({ start, num: 2, total: 3, items: [{ key: start }, { key: start + 1 }].slice(0, 3 - start) });
    });
    expect(await m.get('big', { q: '*=q=gnome', pageSize: 2 }).toArray()).toHaveLength(3);
    expect(seen.map((r) => new URL(r.url).pathname)).toEqual(['/api/v1/big/meta', '/api/v2/big', '/api/v2/big']);
    expect(seen.slice(1).every((r) => new URL(r.url).searchParams.get('sort') === 'key:asc')).toBe(true);
  });

  it('a single page (max ≤ pageSize) needs no metadata request', async () => {
    const { m, seen } = fake(() => json({ start: 0, num: 100, total: 1, items: [{ id: 1 }] }));
    expect(await m.get('demo_sightings', { max: 100 }).toArray()).toEqual([{ id: 1 }]);
    expect(await m.get('demo_sightings').toArray({ max: 100 })).toEqual([{ id: 1 }]);
    expect(seen).toHaveLength(2);
    expect(seen.map((r) => new URL(r.url).searchParams.get('num'))).toEqual(['100', '100']);
  });

  it('max: 0 sends nothing', async () => {
    const { m, seen } = fake();
    expect(await m.get('demo_sightings', { max: 0 }).toArray()).toEqual([]);
    expect(await m.get('demo_sightings').toArray({ max: 0 })).toEqual([]);
    expect(seen).toHaveLength(0);
  });

  it('an answer without an items array is a ResponseFormatError (not a ValidationError)', async () => {
    const { m } = fake(() => json({ start: 0, num: 100, total: 1 }));
    const error = await m
      .get('demo_sightings', { max: 100 })
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect(isValidationError(error)).toBe(false);
    expect((error as ResponseFormatError).message).toMatch(/no "items" array/);
  });
});

describe('ValidationError before any request', () => {
  const cases: [string, (m: Molgenis) => Promise<unknown>][] = [
    ['get: empty entity', async (m) => m.get('')],
    ['get: entity not a string', async (m) => m.get(5 as never)],
    ['get: max < 0', async (m) => m.get('E', { max: -1 })],
    ['get: max not an integer', async (m) => m.get('E', { max: 1.5 })],
    ['get: toArray max < 0', (m) => m.get('E').toArray({ max: -1 })],
    ['get: start < 0', async (m) => m.get('E', { start: -10 })],
    ['get: pageSize > 10000', async (m) => m.get('E', { max: 20_000, pageSize: 20_000 })],
    ['get: bad sort', async (m) => m.get('E', { sort: [{ attr: '' }] })],
    ['getById: no id', (m) => m.getById('E', undefined as never)],
    ['getById: NaN id', (m) => m.getById('E', Number.NaN)],
    ['add: row is an array', (m) => m.add('E', [{ a: 1 }] as never)],
    ['add: row is a Date', (m) => m.add('E', new Date() as never)],
    ['addAll: rows not an array', (m) => m.addAll('E', { a: 1 } as never)],
    ['addAll: a row is a string', (m) => m.addAll('E', [{ a: 1 }, 'b' as never])],
    ['addAll: a row is a class instance', (m) => m.addAll('E', [new (class Row {})() as never])],
    ['addAll: batchSize 0', (m) => m.addAll('E', [{ a: 1 }], { batchSize: 0 })],
    ['updateAll: a row is null', (m) => m.updateAll('E', [null as never])],
    ['upsert: rows not objects', (m) => m.upsert('E', [1 as never])],
    ['updateOne: empty attribute', (m) => m.updateOne('E', '1', '', 1)],
    ['delete: no id', (m) => m.delete('E', undefined as never)],
    ['deleteList: an id is empty', (m) => m.deleteList('E', ['1', ''])],
    ['deleteList: not an array', (m) => m.deleteList('E', '1' as never)],
    ['deleteAll: no confirm', (m) => m.deleteAll('E', {} as never)],
    ['login: empty password', (m) => m.login('admin', '')],
    ['getAttributeMetaData: empty attribute', (m) => m.getAttributeMetaData('E', '')],
    ['getMeta: empty entity', (m) => m.getMeta(' ')],
  ];
  it.each(cases)('%s', async (_name, call) => {
    const { m, seen } = fake();
    await expect(call(m)).rejects.toBeInstanceOf(ValidationError);
    expect(seen).toHaveLength(0);
  });
});

describe('abort during a chunked write', () => {
  it('reports the batch in flight as unknown (maybe written, in failed, not in notWritten) and the rest as not sent', async () => {
    const controller = new AbortController();
    let posts = 0;
    const fetchFake: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      posts++;
      if (posts === 2) {
        controller.abort();
        throw new DOMException('aborted', 'AbortError');
      }
      const { entities } = (await request.json()) as { entities: { id: string }[] };
      return json({ location: '/api/v2/E', resources: entities.map((e) => ({ href: `/api/v2/E/${e.id}` })) }, { status: 201 });
    };
    const m = new Molgenis({ baseUrl: 'https://molgenis.example.org', fetch: fetchFake, retry: 0 });
    const rows = Array.from({ length: 25 }, (_, i) => ({ id: `r${i}` }));
    const error = (await m.addAll('E', rows, { batchSize: 10, signal: controller.signal }).catch((e: unknown) => e)) as MolgenisBatchError;
    expect(error).toBeInstanceOf(MolgenisBatchError);
    expect(error.ids).toEqual(rows.slice(0, 10).map((r) => r.id));
    expect(error.failed).toEqual(rows.slice(10, 20));
    expect(error.unknown).toEqual(rows.slice(10, 20));
    expect(error.refused).toEqual([]);
    expect(error.unprocessed).toEqual(rows.slice(20));
    expect(error.notWritten).toEqual(rows.slice(20));
    expect(error.message).toMatch(/10 written, 10 unknown .*, 5 not sent/);
    expect(posts).toBe(2);
  });

  it('an abort before the first batch: nothing in flight, every row not sent', async () => {
    const controller = new AbortController();
    controller.abort();
    let posts = 0;
    const fetchFake: typeof fetch = async () => {
      posts++;
      return json({}, { status: 201 });
    };
    const m = new Molgenis({ baseUrl: 'https://molgenis.example.org', fetch: fetchFake, retry: 0 });
    const rows = Array.from({ length: 5 }, (_, i) => ({ id: `r${i}` }));
    const error = (await m.addAll('E', rows, { signal: controller.signal }).catch((e: unknown) => e)) as MolgenisBatchError;
    expect(error).toBeInstanceOf(MolgenisBatchError);
    expect(error.failed).toEqual([]);
    expect(error.unknown).toEqual([]);
    expect(error.notWritten).toEqual(rows);
    expect(posts).toBe(0);
  });
});

describe('request bodies', () => {
  it('deleteList sends ids as strings, add sends JSON, updateOne a bare JSON value', async () => {
    const bodies: string[] = [];
    const { m } = fake((request) => {
      void request
        .clone()
        .text()
        .then((t) => bodies.push(t));
      return new Response(null, { status: request.method === 'POST' ? 201 : 204, headers: { location: '/api/v1/E/9' } });
    });
    await m.deleteList('E', [1, 2, '3']);
    await m.add('E', { n: 1, when: new Date('2026-01-02T03:04:05Z'), tags: ['a', 'b'] });
    await m.updateOne('E', 1, 'tags', ['a', 'b']);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(bodies.map((b) => JSON.parse(b))).toEqual([
      { entityIds: ['1', '2', '3'] },
      { n: 1, when: '2026-01-02T03:04:05.000Z', tags: ['a', 'b'] },
      ['a', 'b'],
    ]);
  });
});
