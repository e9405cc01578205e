// Lists from a file, from a query and from a region search, and set operations on list objects
// with automatic names (issue 15 items 2–4), against the simulator.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isValidationError } from '@bio/core-http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InterMineList } from '../../src/index.js';
import { client, useSimulator } from './setup.js';

describe('simulator: where a list comes from, and set operations', () => {
  const sim = useSimulator();
  const [demo] = sim.users;
  const mine = client({ token: demo!.token });
  const dir = mkdtempSync(join(tmpdir(), 'intermine-lists-'));
  const file = join(dir, 'with.ids');
  writeFileSync(file, 'eve zen\n"l(3)85Ac", not-a-gene\n');
  afterEach(() => vi.unstubAllGlobals());

  it('reads { file } (a path or a file: URL) as a file of identifiers in Node', async () => {
    const list = await mine.lists.create({ file }, { name: 'from-file', type: 'Gene' });
    expect(list.size).toBe(3);
    expect(list.unmatchedIdentifiers).toEqual(['not-a-gene']);
    const again = await mine.lists.create({ file: pathToFileURL(file) }, { name: 'from-url', type: 'Gene' });
    expect(sim.state.lists.get('from-url')!.ids).toEqual(sim.state.lists.get('from-file')!.ids);
    await again.append({ identifiers: 'ftz' });
    expect(sim.state.lists.get('from-url')!.ids).toHaveLength(4);
  });

  it('never takes a path for identifiers, or identifiers for a path, without being told', async () => {
    const before = sim.requests.length;
    const error = await mine.lists.create('some/file/with.ids', { name: 'x', type: 'Gene' }).catch((e: unknown) => e);
    expect(isValidationError(error)).toBe(true);
    expect((error as Error).message).toMatch(/looks like a file path: pass \{ file: "some\/file\/with.ids" \}/);
    await expect(mine.lists.create('genes.txt', { name: 'x', type: 'Gene' })).rejects.toSatisfy(isValidationError);
    await expect(mine.lists.create({ file: join(dir, 'missing.ids') }, { name: 'x', type: 'Gene' })).rejects.toThrow(
      /cannot read the identifier file .*ENOENT/,
    );
    expect(sim.requests.length).toBe(before); // refused before any request
    // Text with several identifiers is identifiers; { identifiers } says so for one word too.
    expect((await mine.lists.create('eve zen', { name: 'two', type: 'Gene' })).size).toBe(2);
    const one = await mine.lists.create({ identifiers: 'some/file/with.ids' }, { name: 'one', type: 'Gene' });
    expect(one.unmatchedIdentifiers).toEqual(['some/file/with.ids']);
  });

  it('refuses a path in a browser, but reads a File/Blob', async () => {
    vi.stubGlobal('process', undefined);
    const error = await mine.lists.create({ file }, { name: 'x', type: 'Gene' }).catch((e: unknown) => e);
    expect(isValidationError(error)).toBe(true);
    expect((error as Error).message).toMatch(/no file system in a browser/);
    vi.unstubAllGlobals();
    const list = await mine.lists.create({ file: new Blob(['bcd\nhb']) }, { name: 'from-blob', type: 'Gene' });
    expect(list.size).toBe(2);
  });

  it('creates a list from a query (/query/tolist) and from a region search (/regions/list)', async () => {
    const q = mine.query('Gene').select('symbol').where('Gene', 'IN', 'demo-list').where('length', '>', 3000);
    const fromQuery = await mine.lists.create(q, { name: 'long', description: 'over 3 kb' });
    expect(fromQuery).toBeInstanceOf(InterMineList);
    expect(fromQuery.toJSON()).toMatchObject({ name: 'long', type: 'Gene', size: 2 });
    expect(sim.requests.at(-1)!.url.pathname).toMatch(/\/query\/tolist$/);
    const region = mine.regions({ organism: 'D. melanogaster', featureTypes: ['Gene'], regions: ['2R:9979000..9981000'] });
    const fromRegion = await mine.lists.create(region, { name: 'near-eve', tags: ['regions'] });
    expect(fromRegion.toJSON()).toMatchObject({ name: 'near-eve', type: 'Gene', size: 1, tags: ['regions'] });
    expect(sim.state.lists.get('near-eve')!.tags).toEqual(['regions']);
    await expect(fromRegion.append(region)).rejects.toSatisfy(isValidationError);
  });

  it('set operations take list objects or names, and name the result when not told', async () => {
    const a = await mine.lists.create(['eve', 'zen', 'bcd'], { name: 'a', type: 'Gene' });
    const b = await mine.lists.create(['zen', 'bcd', 'hb'], { name: 'b', type: 'Gene' });
    const union = await mine.lists.union([a, 'b']);
    expect(union).toBeInstanceOf(InterMineList);
    expect(union.toJSON()).toMatchObject({ name: 'my_list_1', size: 4, type: 'Gene' });
    const both = await mine.lists.intersect([a, b]);
    expect(both.toJSON()).toMatchObject({ name: 'my_list_2', size: 2 });
    expect((await mine.lists.diff([a, b], { name: 'a-xor-b' })).size).toBe(2);
    expect((await mine.lists.subtract({ from: [a], exclude: [b] })).toJSON()).toMatchObject({ name: 'my_list_3', size: 1 });
    expect((await mine.lists.union('a-or-b', ['a', b])).name).toBe('a-or-b'); // the name first, as before
    expect(sim.state.lists.get('my_list_3')!.ids).toEqual([sim.state.store.lookup('Gene', 'eve').objects[0]!.id]);
    await expect(mine.lists.union([a])).rejects.toThrow(/at least two lists/);
    await expect(mine.lists.union([a, 42 as unknown as string])).rejects.toSatisfy(isValidationError);
  });
});
