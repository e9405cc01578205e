import { BadRequestError, isBatchError, ValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { MolgenisBatchError, type Progress } from '../../src/index.js';
import { addAllExchange, chunks, client, fixture, generated, refusedExchange, sightings, useFixtureServer } from '../helpers.js';

const server = useFixtureServer();
const E = 'demo_sightings';

describe('add', () => {
  it('POSTs the row as JSON to v1 and returns the id from Location', async () => {
    server.use(fixture('write-add'));
    const { m, requests } = client();
    const id = await m.add('Person', { firstName: 'Jan', lastName: 'Klaassen' });
    expect(id).toBe('aaaac3zvrcmm2hpcqtrv6yaaae');
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST https://molgenis.example.org/api/v1/Person']);
  });

  it('sends files as multipart/form-data (Blob, File and bytes), id from a relative Location', async () => {
    server.use(fixture('write-add'));
    const { m } = client();
    const first = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), ' first plot'], 'expression.jpg', { type: 'image/jpeg' });
    const bytes = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...new TextEncoder().encode(' second plot, larger')]);
    const id = await m.add('Plot', {}, { files: { image: first, image2: { name: 'expression-large.jpg', type: 'image/jpeg', data: bytes } } });
    expect(id).toBe('aaaac3zvrdfh6hpcqtrv6yaaae');
  });

  it('reads a file given as a ReadableStream', async () => {
    server.use(fixture('write-add'));
    const { m } = client();
    const stream = (bytes: Uint8Array): ReadableStream<Uint8Array> =>
      new ReadableStream({
        start(c) {
          c.enqueue(bytes.slice(0, 3));
          c.enqueue(bytes.slice(3));
          c.close();
        },
      });
    const one = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...new TextEncoder().encode(' first plot')]);
    const two = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...new TextEncoder().encode(' second plot, larger')]);
    const id = await m.add(
      'Plot',
      {},
      {
        files: {
          image: { name: 'expression.jpg', type: 'image/jpeg', data: stream(one) },
          image2: { name: 'expression-large.jpg', type: 'image/jpeg', data: stream(two) },
        },
      },
    );
    expect(id).toBe('aaaac3zvrdfh6hpcqtrv6yaaae');
  });

  it('refuses rows that are not plain objects, before any request', async () => {
    const { m, requests } = client();
    await expect(m.add('Person', [] as never)).rejects.toThrow(ValidationError);
    await expect(m.add('Person', new Map() as never)).rejects.toThrow(/plain object/);
    await expect(m.add('Person', null as never)).rejects.toThrow(ValidationError);
    await expect(m.add('', {})).rejects.toThrow(/entity/);
    await expect(m.add('Plot', { image: 'x' }, { files: { image: new Blob(['x']) } })).rejects.toThrow(/both in data and in files/);
    expect(requests).toHaveLength(0);
  });
});

describe('addAll: chunks of at most 1000', () => {
  it.each([
    [1000, [1000]],
    [1001, [1000, 1]],
    [2500, [1000, 1000, 500]],
  ])('%i rows → POSTs of %j', async (n, sizes) => {
    const rows = sightings(n);
    server.use(
      generated(
        `add-all-${n}`,
        chunks(rows, 1000).map((c) => addAllExchange(E, c)),
      ),
    );
    const { m, requests } = client();
    const progress: number[] = [];
    const ids = await m.addAll(E, rows, { onProgress: (p) => progress.push(p.done) });
    expect(requests.map((r) => r.method)).toEqual(sizes.map(() => 'POST'));
    expect(ids).toEqual(rows.map((r) => r.id));
    expect(progress).toEqual(sizes.map((_, i) => sizes.slice(0, i + 1).reduce((a, b) => a + b, 0)));
  });

  it('honours a smaller batchSize and refuses one above 1000', async () => {
    const rows = sightings(5);
    server.use(
      generated(
        'add-all-2',
        chunks(rows, 2).map((c) => addAllExchange(E, c)),
      ),
    );
    const { m, requests } = client();
    expect(await m.addAll(E, rows, { batchSize: 2 })).toHaveLength(5);
    expect(requests).toHaveLength(3);
    await expect(m.addAll(E, rows, { batchSize: 1001 })).rejects.toThrow(ValidationError);
    expect(requests).toHaveLength(3);
  });

  it('empty input sends nothing', async () => {
    const { m, requests } = client();
    expect(await m.addAll(E, [])).toEqual([]);
    expect(requests).toHaveLength(0);
  });

  it('a failing middle batch: ids written, rows refused, rows never sent; resuming writes nothing twice', async () => {
    const rows = sightings(2500);
    const [a, b, c] = chunks(rows, 1000) as [Record<string, unknown>[], Record<string, unknown>[], Record<string, unknown>[]];
    server.use(
      generated('add-all-fails', [
        addAllExchange(E, a),
        refusedExchange('POST', E, { entities: b }, "Duplicate value 's1500' for unique attribute 'id' from entity 'demo_sightings'.", 'V98'),
        addAllExchange(E, c),
      ]),
    );
    const { m, requests } = client({ retry: 5 }); // even with retries configured, writes are not retried
    const error = (await m.addAll(E, rows).catch((e: unknown) => e)) as MolgenisBatchError;
    expect(error).toBeInstanceOf(MolgenisBatchError);
    expect(isBatchError(error)).toBe(true);
    expect(error.operation).toBe('addAll');
    expect(error.ids).toEqual(a.map((r) => r.id));
    expect(error.processed).toEqual(a);
    expect(error.failed).toEqual(b);
    expect(error.unprocessed).toEqual(c);
    expect(error.notWritten).toEqual([...b, ...c]);
    expect(error.errors[0]?.error).toBeInstanceOf(BadRequestError);
    expect(error.message).toMatch(/1000 written, 1000 refused, 500 not sent/);
    expect(error.message).toContain("Duplicate value 's1500'");
    expect(requests).toHaveLength(2); // batch 3 never sent, batch 2 not retried

    // The caller fixes the duplicate and resumes with exactly the rows not written.
    const fixed = error.notWritten.map((r) => (r.id === 's1500' ? { ...r, id: 's9999' } : r));
    server.use(
      generated(
        'add-all-resume',
        chunks(fixed, 1000).map((ch) => addAllExchange(E, ch)),
      ),
    );
    const { m: again, requests: resent } = client();
    const rest = await again.addAll(E, fixed);
    expect(resent).toHaveLength(2);
    const all = [...error.ids, ...rest];
    expect(new Set(all).size).toBe(2500);
  });
});

describe('updateOne / updateAll', () => {
  it('PUTs one cell with the bare JSON value (v1), including null', async () => {
    server.use(fixture('write-update'));
    const { m, requests } = client();
    await m.updateOne(E, '157', 'type', 'unicorn');
    await m.updateOne(E, 157, 'year', null);
    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([`PUT /api/v1/${E}/157/type`, `PUT /api/v1/${E}/157/year`]);
    await expect(m.updateOne(E, '157', 'year', undefined)).rejects.toThrow(/pass null/);
  });

  it('PUTs whole rows to v2', async () => {
    server.use(fixture('write-update'));
    const { m, requests } = client();
    await m.updateAll(E, [
      { id: '157', type: 'unicorn', year: '1999' },
      { id: '158', type: 'fairy', year: '1999' },
    ]);
    expect(requests.map((r) => r.method)).toEqual(['PUT']);
  });

  it('chunks 2500 rows into 3 PUTs and reports a failing batch', async () => {
    const rows = sightings(2500);
    const [a, b, c] = chunks(rows, 1000);
    server.use(
      generated('update-all', [
        { request: { method: 'PUT', path: `/api/v2/${E}`, body: { json: { entities: a } } }, response: { status: 200 } },
        refusedExchange('PUT', E, { entities: b }, "Unknown entity with 'id' 's1234' of type 'Sightings'.", 'D02'),
        { request: { method: 'PUT', path: `/api/v2/${E}`, body: { json: { entities: c } } }, response: { status: 200 } },
      ]),
    );
    const { m, requests } = client();
    const error = (await m.updateAll(E, rows).catch((e: unknown) => e)) as MolgenisBatchError;
    expect(error).toBeInstanceOf(MolgenisBatchError);
    expect(error.processed).toHaveLength(1000);
    expect(error.failed).toEqual(b);
    expect(error.unprocessed).toEqual(c);
    expect(requests).toHaveLength(2);
  });
});

describe('upsert', () => {
  it('adds new rows (without ONE_TO_MANY attributes) and updates existing ones', async () => {
    server.use(fixture('write-upsert'));
    const { m, requests } = client();
    const progress: Progress[] = [];
    const result = await m.upsert(
      E,
      [
        { id: '160', type: 'dragon', year: 2001, reports: ['r1'] },
        { id: '151', type: 'gnome', year: 1995 },
      ],
      { onProgress: (p) => progress.push(p) },
    );
    expect(result).toEqual({ added: ['160'], updated: ['151'] });
    // one Progress shape; batches count on over the add and the update part
    expect(progress).toEqual([
      { done: 1, total: 2, batches: 1 },
      { done: 2, total: 2, batches: 2 },
    ]);
    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      `GET /api/v1/${E}/meta`,
      `GET /api/v2/${E}`,
      `POST /api/v2/${E}`,
      `PUT /api/v2/${E}`,
    ]);
  });

  it("a refused add batch: the error carries the caller's rows (ONE_TO_MANY kept) and the updates as not sent", async () => {
    const [meta, ids] = fixture('write-upsert').exchanges;
    server.use(
      generated('upsert-fails', [
        meta!,
        ids!,
        refusedExchange('POST', E, { entities: [{ id: '160', type: 'dragon', year: 2001 }] }, "Unknown entity with 'id' 'r1' of type 'Reports'.", 'D02'),
      ]),
    );
    const { m, requests } = client();
    const dragon = { id: '160', type: 'dragon', year: 2001, reports: ['r1'] };
    const gnome = { id: '151', type: 'gnome', year: 1995 };
    const error = (await m.upsert(E, [dragon, gnome]).catch((e: unknown) => e)) as MolgenisBatchError;
    expect(error).toBeInstanceOf(MolgenisBatchError);
    expect(error.operation).toBe('upsert');
    expect(error.failed).toEqual([dragon]);
    expect(error.failed[0]).toBe(dragon);
    expect(error.unprocessed).toEqual([gnome]);
    expect(error.processed).toEqual([]);
    expect(requests.map((r) => r.method)).toEqual(['GET', 'GET', 'POST']);
  });
});
