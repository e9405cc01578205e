// Chunked writes: one mutation per chunk, the batch error's books, a resume that writes nothing twice.
import { describe, expect, it } from 'vitest';
import { type Emx2BatchError, isEmx2BatchError, isValidationError } from '../../src/emx2/index.js';
import { emx2, sentQueries, useEmx2Simulator } from './helpers.js';

const sim = useEmx2Simulator({ syntheticRows: 0 });

async function editor() {
  const client = emx2();
  await client.signin('editor', 'editor-secret');
  return client;
}

function samples(n: number, from = 0) {
  return Array.from({ length: n }, (_, i) => ({
    id: `W${String(from + i).padStart(5, '0')}`,
    site: 'Berlin',
    index: from + i,
    count: 10n ** 18n + BigInt(i),
    day: new Date(Date.UTC(2026, 0, 1 + i)),
  }));
}

const stored = () => sim.state.schemas.get('synthetic')!.tables.find((t) => t.name === 'Sample')!.rows;

describe('insert, update, save, delete', () => {
  it('sends one mutation per chunk and reports counts and progress', async () => {
    const client = emx2();
    await client.signin('admin', 'admin');
    const from = sim.requests.length;
    const progress: number[] = [];
    const result = await client
      .schema('synthetic')
      .table('Sample')
      .insert(samples(2500), { chunkSize: 1000, onProgress: (p) => progress.push(p.done) });
    expect(result).toEqual({ count: 2500, chunks: 3 });
    expect(progress).toEqual([1000, 2000, 2500]);
    const mutations = sentQueries(sim, from).filter((q) => q.query.startsWith('mutation'));
    expect(mutations.map((m) => (m.variables?.rows as unknown[] | undefined)?.length)).toEqual([1000, 1000, 500]);
    expect(mutations[0]?.variables?.rows).toContainEqual({ id: 'W00000', site: { name: 'Berlin' }, index: 0, count: '1000000000000000000', day: '2026-01-01' });
    expect(stored()).toHaveLength(2500);
    expect(stored()[1]?.count).toBe(10n ** 18n + 1n);
    const back = await client.schema('synthetic').table('Sample').get('W00001');
    expect(back).toMatchObject({ count: 10n ** 18n + 1n, day: new Date('2026-01-02T00:00:00Z'), site: { name: 'Berlin' } });
  });

  it('updates (with every required column), saves whole rows and deletes by key', async () => {
    const pets = (await editor()).schema('pet store').table('Pet');
    await pets.insert([{ name: 'rex', category: { name: 'dog' }, weight: 12.5, status: 'available' }]);
    expect(await pets.update([{ name: 'rex', category: { name: 'dog' }, weight: 13 }])).toEqual({ count: 1, chunks: 1 });
    expect(await pets.get('rex', { columns: ['weight', 'status'] })).toEqual({ weight: 13, status: 'available' });
    await pets.save([{ name: 'rex', category: { name: 'dog' }, weight: 14 }]);
    expect(await pets.get('rex', { columns: ['weight', 'status'] })).toEqual({ weight: 14, status: null }); // save replaces the whole row
    expect(await pets.delete([{ name: 'rex' }, { name: 'ghost' }])).toEqual({ count: 1, chunks: 1 });
    expect(await pets.get('rex')).toBeUndefined();
  });

  it('refuses an update missing a required column before sending, naming it', async () => {
    const pets = (await editor()).schema('pet store').table('Pet');
    const from = sim.requests.length;
    const error = await pets.update([{ name: 'pooky', weight: 13 }]).catch((e: unknown) => e);
    expect(isValidationError(error)).toBe(true);
    expect((error as Error).message).toMatch(/column "category" of "Pet" is required/);
    expect(sentQueries(sim, from).filter((q) => q.query.startsWith('mutation'))).toEqual([]);
    await expect(pets.insert([{ name: 'x', category: { name: 'cat' }, wieght: 1 } as never])).rejects.toThrow(/unknown column "wieght".*did you mean "weight"/);
  });
});

describe('batch errors and resume', () => {
  it('says which rows were written, refused and unsent, and a resume writes nothing twice', async () => {
    const client = emx2();
    await client.signin('admin', 'admin');
    const samplesTable = client.schema('synthetic').table('Sample');
    const rows = samples(25);
    rows[12] = { ...rows[12]!, site: 'Atlantis' }; // chunk 3 (rows 10–14) is refused: unknown reference
    const error = await samplesTable.insert(rows, { chunkSize: 5 }).catch((e: unknown) => e);
    expect(isEmx2BatchError(error)).toBe(true);
    const e = error as Emx2BatchError;
    expect(e.written).toHaveLength(10);
    expect(e.refused).toEqual(rows.slice(10, 15));
    expect(e.unknown).toEqual([]);
    expect(e.unsent).toEqual(rows.slice(15));
    expect(e.message).toMatch(/^insert\(Sample\) stopped at chunk 3: 10 written, 5 refused, 0 unknown, 10 unsent — .*Key \(site\)=\(Atlantis\) is not present/);
    expect(stored()).toHaveLength(10);
    // resume: fix the refused row, send what was not written
    const fixed = e.notWritten.map((r) => (r.site === 'Atlantis' ? { ...r, site: 'Berlin' } : r));
    await samplesTable.insert(fixed, { chunkSize: 5 });
    expect(stored().map((r) => r.id)).toEqual(samples(25).map((r) => r.id));
  });

  it('puts a chunk whose answer was lost in unknown; saving unknown + notWritten writes each row once', async () => {
    const client = emx2();
    await client.signin('admin', 'admin');
    const samplesTable = client.schema('synthetic').table('Sample');
    await samplesTable.count(); // metadata loaded before the faults
    sim.faults.set({ truncate: true, every: 2 }); // the 2nd request's answer is cut off after the server wrote it
    const rows = samples(12);
    const error = (await samplesTable.save(rows, { chunkSize: 4 }).catch((x: unknown) => x)) as Emx2BatchError;
    sim.faults.clear();
    expect(isEmx2BatchError(error)).toBe(true);
    expect(error.written).toEqual(rows.slice(0, 4));
    expect(error.unknown).toEqual(rows.slice(4, 8));
    expect(error.refused).toEqual([]);
    expect(error.unsent).toEqual(rows.slice(8));
    expect(stored()).toHaveLength(8); // the lost chunk was in fact written
    await samplesTable.save([...error.unknown, ...error.notWritten], { chunkSize: 4 });
    expect(stored().map((r) => r.id)).toEqual(rows.map((r) => r.id));
  });

  it('truncates only with confirm: true', async () => {
    const client = emx2();
    await client.signin('admin', 'admin');
    const pets = client.schema('pet store').table('Tag');
    await expect(pets.truncate({} as never)).rejects.toThrow(/confirm: true/);
    await client.schema('pet store').table('User').truncate({ confirm: true });
    expect(sim.state.schemas.get('pet store')!.tables.find((t) => t.name === 'User')!.rows).toEqual([]);
  });
});
