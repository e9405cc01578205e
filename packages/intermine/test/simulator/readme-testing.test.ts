import { InterMine, isUnauthorizedError } from '@bio/intermine';
import { createSimulator } from '@bio/intermine/testing';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';

// A stateful fake FlyMine: real fly genes (eve, zen, bcd, hb, Kr, Ubx, dpp …), public lists,
// templates, enrichment, search, id resolution and region search — plus rows of your own.
const sim = createSimulator({ seed: { genes: [{ primaryIdentifier: 'FBgn0003975', symbol: 'vg', name: 'vestigial', length: 13500 }] } });
const server = setupServer(...sim.handlers()); // answers at https://www.flymine.org/flymine/service
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => sim.reset()); // back to the built-in data (and your seed); faults and the request log cleared
afterAll(() => server.close());

const [demo] = sim.users; // { username: 'demo@flymine.org', password, token: 'good-token-0123456789', … }
const mine = new InterMine({ baseUrl: 'https://www.flymine.org/flymine', token: demo!.token, retry: { limit: 2, delay: 0 } });

it('queries the built-in genes and your seed', async () => {
  const q = mine.query('Gene').select('symbol', 'length').where('length', '>', 10_000).orderBy('symbol');
  expect(await mine.rows(q).toArray()).toEqual([
    ['N', 37706],
    ['Ubx', 77628],
    ['dpp', 55164],
    ['vg', 13500],
  ]);
});

it('keeps what you write', async () => {
  const list = await mine.lists.create(['eve', 'zen', 'not-a-gene'], { name: 'my-genes', type: 'Gene' });
  expect(list.unmatchedIdentifiers).toEqual(['not-a-gene']);
  expect(sim.state.lists.get('my-genes')?.ids).toHaveLength(2);
  // Writes need a token, as on a real mine.
  await expect(new InterMine({ baseUrl: 'https://www.flymine.org/flymine' }).lists.delete('my-genes')).rejects.toSatisfy(isUnauthorizedError);
});

it('injects faults', async () => {
  sim.faults.set({ every: 2, status: 503 }); // every 2nd request fails; the client retries it
  expect(await mine.count(mine.query('Gene').select('symbol').where('Gene', 'IN', 'demo-list'))).toBe(5);
});
