// Never executed: type-checked by `tsc -p tsconfig.json` to pin the public types.
import type { Molgenis, MolgenisBatchError, Row } from '../src/index.js';

declare const m: Molgenis;

export async function pinned(): Promise<void> {
  const rows: Row[] = await m.get('celiacsprue', { num: 100000, start: 1000 });
  const typed: { id: string }[] = await m.get<{ id: string }>('demo_sightings');
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

  for await (const row of m.iterate<{ id: string }>('demo_sightings')) {
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
}
