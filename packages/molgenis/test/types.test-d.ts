// Never executed: type-checked by `tsc -p tsconfig.json` to pin the public types.
import type {
  CallOptions,
  Columns,
  CsvRow,
  FlatValue,
  Molgenis,
  MolgenisBatchError,
  MolgenisOptions,
  Paged,
  Progress,
  Row,
  V2Collection,
} from '../src/index.js';

declare const m: Molgenis;

export async function pinned(): Promise<void> {
  const paged: Paged<Row> = m.get('celiacsprue', { max: 100000, start: 1000, pageSize: 10_000 });
  const rows: Row[] = await paged.toArray({ max: 10 });
  const total: number | undefined = await paged.total();
  const typed: { id: string }[] = await m.get<{ id: string }>('demo_sightings').toArray();
  // optional fields accept undefined (exactOptionalPropertyTypes)
  const maybe: number | undefined = undefined as number | undefined;
  const options: MolgenisOptions = { baseUrl: 'https://molgenis.example.org', token: undefined, timeout: maybe, userAgent: undefined };
  const call: CallOptions = { signal: undefined, timeout: maybe };
  await m.getById('E', '1', { ...call, attributes: undefined });
  await m.addAll('E', [], { batchSize: maybe, onProgress: (p: Progress) => void p.batches });
  await m.waitForImport('1', { interval: maybe, deadline: maybe });
  void [total, options];
  // @ts-expect-error baseUrl is required (there is no public MOLGENIS)
  const noBase: MolgenisOptions = {};
  // @ts-expect-error url was renamed baseUrl
  const oldUrl: MolgenisOptions = { url: 'https://molgenis.example.org' };
  // @ts-expect-error num was renamed max
  m.get('E', { num: 10 });
  // @ts-expect-error pollIntervalMs was renamed interval
  await m.waitForImport('1', { pollIntervalMs: 10 });
  void [noBase, oldUrl];
  const ids: string[] = await m.addAll('demo_sightings', [{ id: '157' }]);
  const id: string = await m.add('Person', { firstName: 'Jan' });
  void [rows, typed, ids, id];

  // @ts-expect-error delete needs an id — deleting everything is deleteAll
  await m.delete('demo_sightings');
  // @ts-expect-error deleteAll needs { confirm: true }
  await m.deleteAll('demo_sightings');
  // @ts-expect-error confirm must be the literal true
  await m.deleteAll('demo_sightings', { confirm: false });
  // @ts-expect-error sort is a list of { attr, order }
  await m.get('demo_sightings', { sort: 'id' });
  // @ts-expect-error order is asc or desc
  await m.get('demo_sightings', { sort: [{ attr: 'id', order: 'up' }] });

  for await (const row of m.get<{ id: string }>('demo_sightings')) {
    const s: string = row.id;
    void s;
  }
  const e = {} as MolgenisBatchError;
  const rest: Row[] = e.notWritten;
  const written: string[] = e.ids;
  const unknown: Row[] = e.unknown;
  const refused: Row[] = e.refused;
  // @ts-expect-error unknown is read-only
  e.unknown = [];
  void [rest, written, unknown, refused];

  // Issue 17: the shapes of the new reads.
  const flat = await m.get('celiacsprue', { flat: { references: 'label' } }).toArray();
  const cell: FlatValue | undefined = flat[0]?.celiac_gender;
  const { items, total: matching, hasMore } = await m.getRows('celiacsprue', { max: 10 });
  const counted: [Row[], number | undefined, boolean] = [items, matching, hasMore];
  const raw: V2Collection = await m.getRaw('celiacsprue');
  const nextHref: string | undefined = raw.nextHref;
  const table: Columns = await m.getColumns('celiacsprue', { references: 'id' });
  const csvRow: CsvRow | undefined = (await m.csv('celiacsprue').toArray())[0];
  const meta: Record<string, unknown> = await m.getMeta('celiacsprue', { expand: true });
  void [cell, counted, nextHref, table, csvRow, meta];
  // @ts-expect-error getAll reads every row: no max
  await m.getAll('celiacsprue', { max: 10 });
  // @ts-expect-error references are ids or labels
  await m.get('celiacsprue', { flat: { references: 'name' } });
  // @ts-expect-error metadataAction is one of add, update, upsert, ignore
  await m.importData({ demo_sightings: [] }, { metadataAction: 'replace' });
}
