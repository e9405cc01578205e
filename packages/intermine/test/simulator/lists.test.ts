import { isBadRequestError, isNotFoundError, isUnauthorizedError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { client, useSimulator } from './setup.js';

describe('simulator: lists', () => {
  const sim = useSimulator();
  const [demo, curator] = sim.users;
  const mine = client({ token: demo!.token });

  it('lists the public lists to anyone and 404s an unknown name', async () => {
    const anonymous = client();
    expect((await anonymous.lists.all().toArray()).map((l) => l.name)).toEqual(['demo-list', 'demo-pathways']);
    expect((await anonymous.lists.get('demo-list')).size).toBe(5);
    await expect(anonymous.lists.get('no-such-list')).rejects.toSatisfy(isNotFoundError);
  });

  it('refuses list writes without a token (401) and a bad token everywhere (401)', async () => {
    const error = await client()
      .lists.create(['eve'], { name: 'x', type: 'Gene' })
      .catch((e: unknown) => e);
    expect(isUnauthorizedError(error)).toBe(true);
    expect((error as { serviceMessage: string }).serviceMessage).toBe('All requests to list operation services must be authenticated.');
    await expect(client({ token: 'expired-token-xyz' }).version()).rejects.toSatisfy(isUnauthorizedError);
  });

  it('creates, appends, renames, tags and deletes: each write changes the state', async () => {
    const list = await mine.lists.create(['eve', 'zen', 'not-a-gene'], { name: 'my-genes', type: 'Gene', tags: ['demo'], organism: 'D. melanogaster' });
    expect(list.unmatchedIdentifiers).toEqual(['not-a-gene']);
    expect(sim.state.lists.get('my-genes')).toMatchObject({ owner: 'demo@flymine.org', type: 'Gene', tags: ['demo'] });
    await list.append(['ftz', 'l(3)85Ac']);
    expect(sim.state.lists.get('my-genes')!.ids).toHaveLength(4);
    await list.rename('my-fly-genes');
    expect(sim.state.lists.has('my-genes')).toBe(false);
    await list.tags.add(['reviewed']);
    await list.tags.remove(['demo']);
    expect(await list.tags.get()).toEqual(['reviewed']);
    const rows = await mine.rows(list.query('symbol').orderBy('symbol')).toArray();
    expect(rows).toEqual([['eve'], ['ftz'], ['hb'], ['zen']]);
    await list.delete();
    expect(sim.state.lists.has('my-fly-genes')).toBe(false);
    await expect(mine.lists.get('my-fly-genes')).rejects.toSatisfy(isNotFoundError);
  });

  it('keeps one user’s lists from another and refuses to overwrite a name', async () => {
    await mine.lists.create(['eve'], { name: 'private', type: 'Gene' });
    const other = client({ token: curator!.token });
    await expect(other.lists.get('private')).rejects.toSatisfy(isNotFoundError);
    await expect(other.lists.delete('private')).rejects.toSatisfy(isBadRequestError);
    await expect(mine.lists.create(['zen'], { name: 'private', type: 'Gene' })).rejects.toThrow(/Attempt to overwrite an existing bag/);
    await expect(mine.lists.create(['zen'], { name: 'bad', type: 'Gen' })).rejects.toThrow(/Gen is not a valid class name/);
  });

  it('computes union, intersect, diff and subtract', async () => {
    await mine.lists.create(['eve', 'ftz', 'h'], { name: 'pair-rule', type: 'Gene' });
    expect((await mine.lists.union('u', ['demo-list', 'pair-rule'])).size).toBe(7);
    expect((await mine.lists.intersect('i', ['demo-list', 'pair-rule'])).size).toBe(1);
    expect((await mine.lists.diff('d', ['demo-list', 'pair-rule'])).size).toBe(6);
    expect((await mine.lists.subtract('s', { from: ['demo-list'], exclude: ['pair-rule'] })).size).toBe(4);
    await expect(mine.lists.subtract('t', { from: ['demo-list'], exclude: ['nope'] })).rejects.toThrow(/You do not have access to a list called nope/);
  });

  it('saves a query as a list', async () => {
    const q = mine.query('Gene').select('symbol').where('length', '>', 3000).where('Gene', 'IN', 'demo-list');
    const list = await mine.lists.create(q, { name: 'long-demo-genes', description: 'demo genes over 3 kb' });
    expect(list.size).toBe(2);
    expect(sim.state.lists.get('long-demo-genes')!.ids.sort()).toEqual([1011093, 1013712]);
  });

  it('starts every test from the built-in lists', () => {
    expect([...sim.state.lists.keys()]).toEqual(['demo-list', 'demo-pathways']);
  });
});
