// Issue 17 items 3–5 and the flat rows of item 7, against the simulator: totals and hasMore,
// the raw v2 answer, uploadable rows that round-trip through updateAll, getMeta expand, flat
// rows and the columns view.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isValidationError, Molgenis, toColumns } from '../../src/index.js';
import { createSimulator, DEFAULT_BASE_URL, type SeedEntity } from '../../src/testing/index.js';

/** A table with every kind of value a round trip has to carry: references, lists, dates, numbers. */
const samples: SeedEntity = {
  meta: {
    idAttribute: 'id',
    labelAttribute: 'name',
    attributes: {
      id: { fieldType: 'STRING' },
      name: { fieldType: 'STRING' },
      hospital: { fieldType: 'XREF', refEntity: 'hospitals' },
      gender: { fieldType: 'CATEGORICAL', refEntity: 'celiacsprue_gender' },
      donors: { fieldType: 'MREF', refEntity: 'celiacsprue' },
      taken: { fieldType: 'DATE' },
      measured: { fieldType: 'DATE_TIME' },
      volume: { fieldType: 'DECIMAL' },
      count: { fieldType: 'LONG' },
      frozen: { fieldType: 'BOOL' },
    },
  },
  rows: [
    {
      id: 's1',
      name: 'first',
      hospital: 'umcg',
      gender: 'Female',
      donors: ['celiac_0007', 'celiac_0031'],
      taken: '2024-01-31',
      measured: '2024-01-31T10:15:00Z',
      volume: 2.5,
      count: 12,
      frozen: true,
    },
    { id: 's2', name: 'second', hospital: 'amc', donors: [], volume: 0.5, frozen: false },
  ],
};

const sim = createSimulator({ seed: { entities: { samples } } });
const server = setupServer(...sim.handlers());
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => sim.reset());
afterAll(() => server.close());

const m = (): Molgenis => new Molgenis({ baseUrl: DEFAULT_BASE_URL, retry: 0 });
const reads = (): number => sim.requests.filter((r) => r.url.pathname.startsWith('/api/')).length;

describe('no silent truncation', () => {
  it('getRows says how many rows match and that more exist', async () => {
    const first = await m().getRows('celiacsprue', { max: 5 });
    expect(first.items).toHaveLength(5);
    expect(first).toMatchObject({ total: 13, hasMore: true });
    const rest = await m().getRows('celiacsprue', { start: 10, max: 5 });
    expect(rest).toMatchObject({ total: 13, hasMore: false });
    expect(rest.items.map((r) => r.Individual)).toEqual(['celiac_0011', 'celiac_0012', 'celiac_0031']);
    expect(await m().getRows('celiacsprue', { q: 'celiac_gender==Female' })).toMatchObject({ total: 2, hasMore: false });
  });

  it('getAll reads every row in one call and refuses max', async () => {
    const all = await m().getAll('celiacsprue', { pageSize: 4 });
    expect(all).toHaveLength(13);
    expect(new Set(all.map((r) => r.Individual)).size).toBe(13);
    await expect(m().getAll('celiacsprue', { max: 5 } as never)).rejects.toMatchObject({ name: 'ValidationError', field: 'max' });
  });

  it('getRaw is one request and the v2 answer as sent (Python raw=True)', async () => {
    const raw = await m().getRaw('celiacsprue', { pageSize: 5 });
    expect(reads()).toBe(1);
    expect(raw).toMatchObject({ start: 0, num: 5, total: 13, href: '/api/v2/celiacsprue' });
    expect(raw.nextHref).toContain('start=5');
    expect(raw.meta.idAttribute).toBe('Individual');
    expect(raw.items[0]).toMatchObject({ _href: '/api/v2/celiacsprue/celiac_0001', celiac_gender: { _href: '/api/v2/celiacsprue_gender/Male' } });
  });
});

describe('uploadable rows and the read-modify-write path', () => {
  it('uploadable rows carry ids for references and nothing of the API', async () => {
    const [s1] = await m().get('samples', { uploadable: true, q: 'id==s1' }).toArray();
    expect(s1).toEqual({
      id: 's1',
      name: 'first',
      hospital: 'umcg',
      gender: 'Female',
      donors: ['celiac_0007', 'celiac_0031'],
      taken: '2024-01-31',
      measured: '2024-01-31T10:15:00Z',
      volume: 2.5,
      count: 12,
      frozen: true,
    });
  });

  it('read, change, updateAll, read again: only the change differs', async () => {
    const client = m();
    await client.login('admin', sim.users.admin!.password);
    const before = await client.getAll('samples', { uploadable: true });
    const changed = before.map((r) => (r.id === 's2' ? { ...r, hospital: 'martini', donors: ['celiac_0001'] } : r));
    await client.updateAll('samples', changed);
    const after = await client.getAll('samples', { uploadable: true });
    expect(after).toEqual(changed);
    expect(sim.state.entities.get('samples')?.rows.get('s2')).toMatchObject({ hospital: 'martini', donors: ['celiac_0001'] });
  });

  it('toUploadFormat converts rows read as they are (one metadata request), as Python to_upload_format', async () => {
    const client = m();
    const rows = await client.get('samples').toArray();
    expect(rows[0]).toHaveProperty('_href');
    const before = reads();
    const upload = await client.toUploadFormat('samples', rows);
    expect(reads() - before).toBe(1);
    expect(upload).toEqual(await client.getAll('samples', { uploadable: true }));
    await client.login('admin', sim.users.admin!.password);
    await client.updateAll('samples', upload);
    expect(await client.getAll('samples', { uploadable: true })).toEqual(upload);
  });

  it('getById too, without _meta', async () => {
    expect(await m().getById('samples', 's2', { uploadable: true })).toEqual({
      id: 's2',
      name: 'second',
      hospital: 'amc',
      donors: [],
      volume: 0.5,
      frozen: false,
    });
  });

  it('bad shape options are refused before any request', () => {
    expect(() => m().get('samples', { uploadable: true, flat: true })).toThrow(/uploadable or flat/);
    let caught: unknown;
    try {
      m().get('samples', { flat: { references: 'name' as 'id' } });
    } catch (e) {
      caught = e;
    }
    expect(isValidationError(caught)).toBe(true);
    expect(reads()).toBe(0);
  });
});

describe('flat rows and columns', () => {
  it('references as ids or labels, numbers, booleans and dates parsed, every column present', async () => {
    const [s1, s2] = await m().get('samples', { flat: true }).toArray();
    expect(s1).toEqual({
      id: 's1',
      name: 'first',
      hospital: 'umcg',
      gender: 'Female',
      donors: ['celiac_0007', 'celiac_0031'],
      taken: new Date('2024-01-31T00:00:00Z'),
      measured: new Date('2024-01-31T10:15:00Z'),
      volume: 2.5,
      count: 12,
      frozen: true,
    });
    expect(s2).toMatchObject({ gender: null, taken: null, measured: null, count: null, frozen: false });
    const [labelled] = await m()
      .get('samples', { flat: { references: 'label' }, max: 1 })
      .toArray();
    expect(labelled).toMatchObject({ hospital: 'University Medical Center Groningen', gender: 'Female', donors: ['celiac_0007', 'celiac_0031'] });
  });

  it('getColumns pivots the flat rows into one array per column, in attribute order', async () => {
    const table = await m().getColumns('hospitals', { references: 'id' });
    expect(table.columns).toEqual(['id', 'name', 'city', 'beds', 'academic']);
    expect(table.length).toBe(3);
    expect(table.data.beds).toEqual([1733, 578, 1339]);
    expect(table.data.academic).toEqual([true, false, true]);
    expect((await m().getColumns('hospitals', { q: 'city==Utrecht' })).columns).toEqual(['id', 'name', 'city', 'beds', 'academic']);
  });

  it('toColumns works on any rows and keeps a column missing from some rows as null', () => {
    expect(toColumns([{ a: 1 }, { a: 2, b: 'x' }])).toEqual({ columns: ['a', 'b'], data: { a: [1, 2], b: [null, 'x'] }, length: 2 });
  });
});

describe('getMeta expand', () => {
  it('replaces each refEntityType link by the referenced type’s metadata, one request per type', async () => {
    const meta = await m().getMeta('samples', { expand: true });
    const attrs = (meta.attributes as { items: { data: Record<string, unknown> }[] }).items.map((i) => i.data);
    const hospital = attrs.find((a) => a.name === 'hospital');
    expect(hospital?.refEntityType).toMatchObject({ id: 'hospitals', idAttribute: 'id', labelAttribute: 'name' });
    expect(attrs.find((a) => a.name === 'donors')?.refEntityType).toMatchObject({ id: 'celiacsprue' });
    expect(attrs.find((a) => a.name === 'volume')).not.toHaveProperty('refEntityType');
    const metaReads = sim.requests.filter((r) => r.url.pathname.startsWith('/api/metadata/'));
    expect(metaReads.map((r) => [r.url.pathname, r.url.searchParams.get('flattenAttributes')])).toEqual([
      ['/api/metadata/samples', 'false'],
      ['/api/metadata/hospitals', 'true'],
      ['/api/metadata/celiacsprue_gender', 'true'],
      ['/api/metadata/celiacsprue', 'true'],
    ]);
  });

  it('without expand the link stays a link ({ self }, as the server sends it)', async () => {
    const meta = await m().getMeta('samples');
    const hospital = (meta.attributes as { items: { data: Record<string, unknown> }[] }).items.find((i) => i.data.name === 'hospital');
    expect(hospital?.data.refEntityType).toEqual({ self: `${DEFAULT_BASE_URL}/api/metadata/hospitals` });
    await expect(m().getMeta('samples', { expand: 'yes' as never })).rejects.toThrow(/expand must be/);
  });
});
