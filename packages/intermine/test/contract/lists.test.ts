import { BadRequestError, isValidationError, NotFoundError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { InterMineList } from '../../src/index.js';
import { testMine, useFixtureServer } from './setup.js';

useFixtureServer();

describe('lists', () => {
  it('reads every list', async () => {
    const { mine } = testMine();
    const lists = await mine.lists.all().toArray();
    expect(lists.map((l) => [l.name, l.type, l.size])).toEqual([
      ['demo-list', 'Gene', 5],
      ['PL_FlyAtlas_brain_top', 'Gene', 173],
    ]);
    expect(lists[0]).toBeInstanceOf(InterMineList);
    expect([...lists[0]!.tags]).toEqual(['im:public', 'im:frontpage']);
    expect(lists[0]!.toJSON()).toMatchObject({
      id: 1000006,
      status: 'CURRENT',
      authorized: false,
      dateCreated: '2019-06-28T16:15:34',
      timestamp: 1561734934000,
    });
  });

  it('reads one list, and a 404 for an unknown name', async () => {
    const { mine } = testMine();
    const list = await mine.lists.get('demo-list');
    expect(list.description).toBe('Segmentation genes (demo)');
    const error = await mine.lists.get('no-such-list').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).serviceMessage).toBe('No lists matched no-such-list');
  });

  it('creates a list from identifiers and reports the unmatched ones', async () => {
    const { mine, requests } = testMine({ token: 'good-token-0123456789' });
    const list = await mine.lists.create(['eve', 'zen', 'not-a-gene'], {
      name: 'my-genes',
      type: 'Gene',
      description: 'three fly genes',
      tags: ['demo', 'fly'],
      organism: 'D. melanogaster',
    });
    expect(list.name).toBe('my-genes');
    expect(list.size).toBe(2);
    expect(list.id).toBe(3000102);
    expect(list.unmatchedIdentifiers).toEqual(['not-a-gene']);
    expect(requests.join('\n')).not.toContain('good-token');
  });

  it('accepts identifier-file text and async iterables', async () => {
    const { mine } = testMine();
    const fromText = await mine.lists.create('eve, zen\n"not-a-gene"\n', {
      name: 'my-genes',
      type: 'Gene',
      description: 'three fly genes',
      tags: ['demo', 'fly'],
      organism: 'D. melanogaster',
    });
    expect(fromText.unmatchedIdentifiers).toEqual(['not-a-gene']);
    async function* ids() {
      yield 'eve';
      yield 'zen';
      yield 'not-a-gene';
    }
    const fromIterable = await mine.lists.create(ids(), {
      name: 'my-genes',
      type: 'Gene',
      description: 'three fly genes',
      tags: ['demo', 'fly'],
      organism: 'D. melanogaster',
    });
    expect(fromIterable.size).toBe(2);
  });

  it('surfaces a 400 from list creation', async () => {
    const { mine } = testMine();
    const error = await mine.lists.create(['eve'], { name: 'bad-type', type: 'Gen' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).serviceMessage).toBe('Gen is not a valid class name');
  });

  it('validates before sending', async () => {
    const { mine, requests } = testMine();
    await expect(mine.lists.create(['eve'], { name: '', type: 'Gene' })).rejects.toSatisfy(isValidationError);
    await expect(mine.lists.create(['eve'], { name: 'x' })).rejects.toThrow(/needs a type/);
    await expect(mine.lists.create([], { name: 'x', type: 'Gene' })).rejects.toThrow(/no identifiers/);
    await expect(mine.lists.create(['eve'], { name: 'x', type: 'Gene', tags: ['a;b'] })).rejects.toThrow(/bad tag/);
    await expect(mine.lists.get(' ')).rejects.toSatisfy(isValidationError);
    await expect(mine.lists.union('u', ['only-one'])).rejects.toThrow(/at least two lists/);
    await expect(mine.lists.subtract('s', { from: [], exclude: ['b'] })).rejects.toThrow(/"from"/);
    expect(requests).toEqual([]);
  });

  it('appends, tags, renames and deletes', async () => {
    const { mine } = testMine();
    const demo = await mine.lists.get('demo-list');
    await demo.append(['ftz', 'h']);
    expect(demo.size).toBe(7);
    expect(demo.unmatchedIdentifiers).toEqual([]);
    expect(await demo.tags.get()).toEqual(['im:public', 'im:frontpage']);
    expect(await demo.tags.add(['reviewed', 'fly'])).toEqual(['fly', 'im:frontpage', 'im:public', 'reviewed']);
    expect(await demo.tags.remove(['fly'])).toEqual(['im:frontpage', 'im:public', 'reviewed']);
    expect(demo.tags.has('reviewed')).toBe(true);

    const mine2 = await mine.lists.create(['eve', 'zen', 'not-a-gene'], {
      name: 'my-genes',
      type: 'Gene',
      description: 'three fly genes',
      tags: ['demo', 'fly'],
      organism: 'D. melanogaster',
    });
    await mine2.rename('my-fly-genes');
    expect(mine2.name).toBe('my-fly-genes');
    await mine2.delete();
  });

  it('combines lists: union, intersect, diff, subtract', async () => {
    const { mine } = testMine();
    const u = await mine.lists.union('a-or-b', ['demo-list', 'my-genes'], { description: 'union of two lists' });
    expect([u.name, u.size, u.type]).toEqual(['a-or-b', 9, 'Gene']);
    const i = await mine.lists.intersect('a-and-b', ['demo-list', 'my-genes'], { description: 'intersect of two lists' });
    expect(i.size).toBe(1);
    const d = await mine.lists.diff('a-xor-b', ['demo-list', 'my-genes'], { description: 'diff of two lists' });
    expect(d.size).toBe(8);
    const s = await mine.lists.subtract('a-minus-b', { from: ['demo-list'], exclude: ['my-genes'] });
    expect([s.name, s.size]).toEqual(['a-minus-b', 3]);
    const error = await mine.lists.subtract('broken', { from: ['demo-list'], exclude: ['no-such-list'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
  });

  it('builds a query on a list', async () => {
    const { mine } = testMine();
    const demo = await mine.lists.get('demo-list');
    const q = demo.query('symbol', 'length');
    expect(q.constraints).toEqual([{ path: 'Gene', op: 'IN', value: 'demo-list', code: 'A' }]);
    const rows = [];
    for await (const row of mine.rows(q, { start: 1, max: 2 })) rows.push(row);
    expect(rows).toHaveLength(2);
  });
});
