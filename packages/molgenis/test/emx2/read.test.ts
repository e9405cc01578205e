// Metadata, reads, decoding: paging with total and a stable order, nested columns, count, get.
import { describe, expect, it } from 'vitest';
import { isValidationError, ValidationError } from '../../src/emx2/index.js';
import { emx2SyntheticRow } from '../../src/testing/index.js';
import { emx2, sentQueries, useEmx2Simulator } from './helpers.js';

const sim = useEmx2Simulator();
const petStore = () => emx2().schema('pet store');

describe('metadata', () => {
  it('is typed, with defaults filled in, and cached', async () => {
    const schema = petStore();
    const from = sim.requests.length;
    const meta = await schema.metadata();
    await schema.metadata();
    await schema.table('Pet').count();
    expect(sim.requests.length - from).toBe(2); // one _schema, one count
    expect(meta.tables.map((t) => t.name)).toEqual(['Category', 'Order', 'Pet', 'Tag', 'User']);
    const pet = meta.tables.find((t) => t.name === 'Pet')!;
    expect(pet.primaryKey).toEqual(['name']);
    expect(pet.description).toBe('My pet store example table');
    expect(pet.columns.find((c) => c.id === 'weight')).toMatchObject({ columnType: 'DECIMAL', required: true, readonly: false });
    expect(pet.columns.find((c) => c.id === 'tags')).toMatchObject({ columnType: 'ONTOLOGY_ARRAY', refTableName: 'Tag', required: false });
    expect(pet.columns.find((c) => c.id === 'status')?.key).toBeUndefined();
    expect(pet.columns.some((c) => c.id === 'mg_top_of_form')).toBe(false);
    await schema.metadata({ refresh: true });
    expect(sim.requests.length - from).toBe(3);
  });

  it('names the nearest table or column for an unknown one', async () => {
    await expect(petStore().table('Pets').count()).rejects.toThrow('unknown table of schema "pet store" "Pets" — did you mean "Pet"?');
    await expect(
      petStore()
        .table('Pet')
        .rows({ columns: ['wieght'] })
        .toArray(),
    ).rejects.toThrow(/unknown column of table "Pet" "wieght" — did you mean "weight"\?/);
    const e = await petStore()
      .table('Pet')
      .rows({ orderby: { nmae: 'ASC' } })
      .toArray()
      .catch((x: unknown) => x);
    expect(isValidationError(e) && e.field).toBe('orderby');
  });
});

describe('rows', () => {
  it('pages all rows in key order with the total from _agg, concurrently after the first page', async () => {
    const samples = emx2().schema('synthetic').table<{ id: string; index: number }>('Sample');
    const from = sim.requests.length;
    const paged = samples.rows({ pageSize: 300 });
    expect(await paged.total()).toBe(2500);
    const rows = await paged.toArray();
    expect(rows).toHaveLength(2500);
    expect(rows.map((r) => r.index)).toEqual(Array.from({ length: 2500 }, (_, i) => i));
    const queries = sentQueries(sim, from).filter((q) => q.query.includes('Sample('));
    expect(queries).toHaveLength(9); // 2500 / 300 → 9 pages (total() asked the first, toArray() reused it)
    expect(queries.filter((q) => q.query.includes('Sample_agg'))).toHaveLength(1);
    expect(queries[0]?.variables?.orderby).toEqual([{ id: 'ASC' }]);
    expect(queries.map((q) => q.variables?.offset)).toEqual([0, 300, 600, 900, 1200, 1500, 1800, 2100, 2400]);
    expect(queries.every((q) => (q.variables?.limit as number) > 0)).toBe(true);
  });

  it('has up to `concurrency` pages in flight once the total is known', async () => {
    let inFlight = 0;
    let most = 0;
    const counting: typeof fetch = async (input, init) => {
      inFlight++;
      most = Math.max(most, inFlight);
      try {
        return await fetch(input, init);
      } finally {
        inFlight--;
      }
    };
    sim.faults.set({ latency: 20 });
    const rows = await emx2({ fetch: counting }).schema('synthetic').table('Sample').rows({ pageSize: 250, concurrency: 3 }).toArray();
    expect(rows).toHaveLength(2500);
    expect(most).toBe(3);
  });

  it('appends the primary key to the caller order and stops at max', async () => {
    const from = sim.requests.length;
    const rows = await emx2()
      .schema('synthetic')
      .table('Sample')
      .rows({ orderby: { flag: 'DESC' }, max: 5, pageSize: 2, columns: ['id', 'flag'] })
      .toArray();
    expect(rows).toEqual([
      { id: 'S000001', flag: true },
      { id: 'S000004', flag: true },
      { id: 'S000007', flag: true },
      { id: 'S000010', flag: true },
      { id: 'S000013', flag: true },
    ]);
    const q = sentQueries(sim, from).filter((x) => x.query.includes('Sample('));
    expect(q[0]?.variables?.orderby).toEqual([{ flag: 'DESC' }, { id: 'ASC' }]);
    expect(q.at(-1)?.variables?.limit).toBe(1);
  });

  it('decodes values per column type, with absent values as null or []', async () => {
    const rows = await emx2().schema('synthetic').table('Sample').rows({ max: 1000 }).toArray();
    const r0 = rows[0]!;
    expect(r0).toEqual({
      id: 'S000001',
      site: { name: 'Amsterdam' },
      index: 0,
      count: 0,
      value: emx2SyntheticRow(0).value,
      flag: true,
      day: new Date('2020-01-01T00:00:00Z'),
      measuredAt: new Date('2020-01-01T00:00:00Z'),
      labels: [],
      note: 'sample 1 from Amsterdam',
    });
    expect(rows[999]!.count).toBe(9_007_199_254_740_993n + 999n); // unsafe LONG → bigint, exact
    expect(rows[1]!.count).toBe(37);
    expect(rows[1]!.note).toBeNull();
    expect(rows[1]!.labels).toEqual(['l1', 'l1']);
  });

  it('reads nested reference columns, refbacks and ontology arrays', async () => {
    const rows = await petStore()
      .table('Pet')
      .rows({ filter: { name: { equals: ['spike', 'pooky', 'smaug'] } }, columns: ['name', 'category.name', 'tags', 'orders.quantity', 'orders.orderId'] })
      .toArray();
    expect(rows).toEqual([
      { name: 'pooky', category: { name: 'cat' }, tags: [], orders: [{ quantity: 1, orderId: 'ORDER:6fe7a528-2e97-48cc-91e6-a94c689b4919' }] },
      { name: 'smaug', category: { name: 'dragon' }, tags: [], orders: [] },
      {
        name: 'spike',
        category: { name: 'dog' },
        tags: [{ name: 'red' }, { name: 'green' }],
        orders: [{ quantity: 7, orderId: 'ORDER:e27c852c-29e2-4459-bcf1-98d8907ff77b' }],
      },
    ]);
  });

  it('answers an empty result (no key at all in EMX2) as no rows and total 0', async () => {
    const paged = petStore().table('Pet').rows({ filter: 'name==nobody' });
    expect(await paged.toArray()).toEqual([]);
    expect(await paged.total()).toBe(0);
    expect(await petStore().table('Pet').count('name==nobody')).toBe(0);
  });

  it('refuses bad list options before any request', async () => {
    const from = sim.requests.length;
    expect(() => petStore().table('Pet').rows({ pageSize: 0 })).toThrow(ValidationError);
    expect(() => petStore().table('Pet').rows({ concurrency: 0 })).toThrow(/concurrency/);
    expect(() =>
      petStore()
        .table('Pet')
        .rows({ orderby: { name: 'UP' as 'ASC' } }),
    ).toThrow(/ASC/);
    expect(sim.requests.length).toBe(from);
  });
});

describe('count and get', () => {
  it('counts with a filter and a search', async () => {
    expect(await petStore().table('Pet').count()).toBe(10);
    expect(
      await petStore()
        .table('Pet')
        .count({ category: { name: { equals: 'cat' } } }),
    ).toBe(3);
    expect(await petStore().table('Pet').count(undefined, { search: 'caterpillar' })).toBe(1);
  });

  it('gets one row by key value or key object, undefined when absent', async () => {
    const pooky = await petStore().table('Pet').get('pooky');
    expect(pooky).toEqual({
      name: 'pooky',
      category: { name: 'cat' },
      photoUrls: [],
      status: 'available',
      tags: [],
      weight: 9.4,
      orders: [{ orderId: 'ORDER:6fe7a528-2e97-48cc-91e6-a94c689b4919' }],
    });
    expect(
      await petStore()
        .table('Pet')
        .get({ name: 'smaug' }, { columns: ['weight'] }),
    ).toEqual({ weight: 1500 });
    expect(await petStore().table('Pet').get('nobody')).toBeUndefined();
    await expect(petStore().table('Pet').get({ weight: 1 })).rejects.toThrow(/not a key column|missing/);
  });
});
