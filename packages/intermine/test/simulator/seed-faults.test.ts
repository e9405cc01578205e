import { isValidationError, type ValidationError } from '@bio/core-http';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InterMine } from '../../src/index.js';
import { createSimulator } from '../../src/testing/index.js';
import { client, useSimulator } from './setup.js';

describe('simulator: seed', () => {
  const sim = useSimulator({
    seed: {
      pathways: [{ identifier: 'dme04310', name: 'Wnt signaling pathway', dataSet: 'KEGG pathways data set' }],
      genes: [
        {
          primaryIdentifier: 'FBgn0284084',
          symbol: 'wg',
          name: 'wingless',
          length: 6987,
          chromosome: '2L',
          start: 7297000,
          end: 7303986,
          pathways: ['dme04310'],
        },
      ],
      proteins: [{ primaryIdentifier: 'WNTG_DROME', primaryAccession: 'P09615', genes: ['FBgn0284084'] }],
      lists: [{ name: 'seeded', type: 'Gene', identifiers: ['wg', 'eve'], owner: 'demo@flymine.org' }],
    },
  });

  it('adds seed rows next to the built-in ones, and keeps them across reset', async () => {
    const mine = client({ token: sim.users[0]!.token });
    const q = mine.query('Gene').select('symbol', 'pathways.name', 'proteins.primaryAccession').where('symbol', '=', 'wg');
    expect(await mine.rows(q).toArray()).toEqual([['wg', 'Wnt signaling pathway', 'P09615']]);
    expect((await mine.lists.get('seeded')).size).toBe(2);
    sim.reset();
    expect(sim.state.lists.get('seeded')!.ids).toHaveLength(2);
  });

  it('refuses seed that does not fit, naming the field', () => {
    const field = (seed: unknown) => {
      try {
        createSimulator({ seed: seed as never });
      } catch (error) {
        expect(isValidationError(error)).toBe(true);
        return (error as ValidationError).field;
      }
      return 'no error';
    };
    expect(field({ genes: [{ symbol: 'x' }] })).toBe('seed.genes[0].primaryIdentifier');
    expect(field({ genes: [{ primaryIdentifier: 'FBgn1', length: -3 }] })).toBe('seed.genes[0].length');
    expect(field({ genes: [{ primaryIdentifier: 'FBgn1', colour: 'red' }] })).toBe('seed.genes[0].colour');
    expect(field({ genes: [{ primaryIdentifier: 'FBgn1', pathways: ['nope'] }] })).toBe('seed.genes[0].pathways[0]');
    expect(field({ genes: [{ primaryIdentifier: 'FBgn0000606' }] })).toBe('seed.genes[0].primaryIdentifier');
    expect(field({ lists: [{ name: 'l', type: 'Gene', identifiers: ['eve', 'nope'] }] })).toBe('seed.lists[0].identifiers[1]');
    expect(field({ widgets: [] })).toBe('seed.widgets');
  });
});

describe('simulator: faults', () => {
  const sim = createSimulator();
  const server = setupServer(...sim.handlers());
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('retries a 503 on every 2nd request (the client’s retry) and counts every attempt', async () => {
    sim.faults.set({ every: 2, status: 503, retryAfter: 0 });
    const mine = new InterMine({ baseUrl: 'https://www.flymine.org/flymine', retry: { limit: 2, delay: 0 } });
    const q = mine.query('Gene').select('symbol').where('symbol', '=', 'eve');
    expect(await mine.rows(q).toArray()).toEqual([['eve']]);
    // The model first; then the results request is the 2nd request, gets the 503, and its retry succeeds.
    const paths = sim.requests.map((r) => r.url.pathname.split('/service/')[1]);
    expect(paths).toEqual(['model', 'query/results', 'query/results']);
    sim.reset();
  });

  it('does not retry a list write hit by a 503', async () => {
    sim.faults.set({ every: 1, status: 503 });
    const mine = new InterMine({ baseUrl: 'https://www.flymine.org/flymine', token: sim.users[0]!.token, retry: { limit: 2, delay: 0 } });
    await expect(mine.lists.create(['eve'], { name: 'once', type: 'Gene' })).rejects.toThrow(/503/);
    expect(sim.requests).toHaveLength(1);
    sim.reset();
  });
});

describe('simulator: loopback', () => {
  it('serves the same mine on 127.0.0.1 to a client given the baseUrl as it is', async () => {
    const sim = createSimulator();
    const served = await sim.listen();
    try {
      expect(served.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/flymine\/service$/);
      const mine = new InterMine({ baseUrl: served.baseUrl, token: sim.users[0]!.token, retry: 0 });
      await mine.lists.create(['eve', 'zen'], { name: 'over-the-wire', type: 'Gene' });
      const rows = await mine.rows(mine.query('Gene').select('symbol').where('Gene', 'IN', 'over-the-wire').orderBy('symbol')).toArray();
      expect(rows).toEqual([['eve'], ['zen']]);
      expect(sim.state.lists.get('over-the-wire')!.ids).toHaveLength(2);
    } finally {
      await served.close();
    }
  });
});
