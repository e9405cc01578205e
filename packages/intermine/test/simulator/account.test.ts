// Issue 15 item 11: query code generation, list sharing and Jaccard similarity, saved queries,
// user preferences and region sequences, against the simulator.
import { isNotFoundError, isUnauthorizedError, isValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { client, useSimulator } from './setup.js';

describe('simulator: code, sharing, similarity, saved queries, preferences, region sequences', () => {
  const sim = useSimulator();
  const [demo, curator] = sim.users;
  const mine = client({ token: demo!.token });
  const other = client({ token: curator!.token });

  it('generates code for a query in each language, and refuses an unknown one before any request', async () => {
    const q = mine.query('Gene').select('symbol', 'length').where('symbol', '=', 'eve');
    const py = await mine.queryCode(q, { lang: 'py' });
    expect(py).toMatch(/^# This is an automatically generated script/);
    expect(py).toContain('from intermine.webservice import Service');
    expect(py).toContain('"Gene.symbol"');
    expect(await mine.queryCode(q, { lang: 'java' })).toContain('ServiceFactory');
    const before = sim.requests.length;
    const error = await mine.queryCode(q, { lang: 'python' as 'py' }).catch((e: unknown) => e);
    expect(isValidationError(error)).toBe(true);
    expect((error as Error).message).toMatch(/lang must be one of py, pl, java, rb, js/);
    expect(sim.requests.length).toBe(before);
  });

  it('shares a list with another user, who then sees it; unshares it', async () => {
    const list = await mine.lists.create(['eve', 'zen'], { name: 'to-share', type: 'Gene' });
    await expect(other.lists.get('to-share')).rejects.toSatisfy(isNotFoundError);
    await mine.lists.share(list, curator!.username);
    expect(await mine.lists.shares()).toEqual({ sharedByUser: { 'to-share': [curator!.username] }, sharedWithUser: {} });
    expect(await other.lists.shares()).toEqual({ sharedByUser: {}, sharedWithUser: { 'to-share': demo!.username } });
    expect((await other.lists.get('to-share')).size).toBe(2);
    await expect(mine.lists.share('to-share', curator!.username)).rejects.toThrow(/already shared/);
    await expect(mine.lists.share('to-share', 'nobody@example.org')).rejects.toSatisfy(isNotFoundError);
    await mine.lists.unshare('to-share', curator!.username);
    expect((await mine.lists.shares()).sharedByUser).toEqual({});
    await expect(client().lists.shares()).rejects.toSatisfy(isUnauthorizedError);
  });

  it('ranks lists of the same type by Jaccard index', async () => {
    await mine.lists.create(['eve', 'zen', 'bcd'], { name: 'three', type: 'Gene' }); // demo-list has 5 genes incl. these 3
    await mine.lists.create(['eve', 'Ubx'], { name: 'two', type: 'Gene' });
    const similar = await mine.lists.similar('three');
    expect(similar).toEqual([
      { name: 'demo-list', jaccard: 0.6 },
      { name: 'two', jaccard: 0.25 },
    ]);
    expect(await mine.lists.similar('three', { min: 0.5 })).toEqual([{ name: 'demo-list', jaccard: 0.6 }]);
    const eve = sim.state.store.lookup('Gene', 'eve').objects[0]!.id;
    expect((await mine.lists.similar({ ids: [eve], type: 'Gene' }))[0]).toEqual({ name: 'two', jaccard: 0.5 });
    await expect(mine.lists.similar('three', { min: 2 })).rejects.toSatisfy(isValidationError);
  });

  it('saves, lists, reads and deletes queries in the account', async () => {
    const q = mine.query('Gene').select('symbol').where('length', '>', 5000).orderBy('symbol');
    await mine.savedQueries.save(q, 'long-genes');
    await mine.savedQueries.save(mine.query('Gene').select('symbol').where('symbol', '=', 'eve'), 'eve');
    expect((await mine.savedQueries.all()).map((s) => s.name).sort()).toEqual(['eve', 'long-genes']);
    expect((await mine.savedQueries.all({ filter: 'long*' })).map((s) => s.name)).toEqual(['long-genes']);
    const back = await mine.savedQueries.get('long-genes');
    expect(await mine.rows(back).toArray()).toEqual(await mine.rows(q).toArray());
    await expect(mine.savedQueries.get('long-genez')).rejects.toThrow(/did you mean "long-genes"/);
    expect(await other.savedQueries.all()).toEqual([]);
    await mine.savedQueries.delete('eve');
    expect((await mine.savedQueries.all()).map((s) => s.name)).toEqual(['long-genes']);
    await expect(mine.savedQueries.delete('eve')).rejects.toSatisfy(isNotFoundError);
  });

  it('reads, sets and deletes preferences', async () => {
    expect(await mine.preferences.get()).toEqual({ 'default-list-tags': 'favourite' });
    expect(await mine.preferences.set({ colour: 'blue' })).toEqual({ 'default-list-tags': 'favourite', colour: 'blue' });
    expect((await mine.whoami()).preferences).toMatchObject({ colour: 'blue' });
    expect(await mine.preferences.delete('colour')).toEqual({ 'default-list-tags': 'favourite' });
    await expect(mine.preferences.set({ token: 'x' })).rejects.toSatisfy(isValidationError);
  });

  it('exports the sequences of the features in a region', async () => {
    const region = mine.regions({ organism: 'D. melanogaster', featureTypes: ['Gene'], regions: ['2R:9979000..9981000'] });
    const lines: string[] = [];
    for await (const line of region.sequence()) lines.push(line);
    expect(lines[0]).toMatch(/^>FBgn0000606 Gene eve/);
    expect(lines.slice(1).join('')).toMatch(/^[ACGT]{1478}$/);
    expect(sim.requests.at(-1)!.url.pathname).toMatch(/\/regions\/sequence$/);
  });
});
