import { MyGene } from '@bio/mygene';
import { createSimulator } from '@bio/mygene/testing';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';

// A stateful fake MyGene.info: real genes built in (CDK2 1017, TP53 7157, …) plus your own.
const sim = createSimulator({
  seed: { genes: [{ _id: '5468', symbol: 'PPARG', name: 'peroxisome proliferator activated receptor gamma', taxid: 9606, entrezgene: '5468' }] },
});
const server = setupServer(...sim.handlers());
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => sim.reset()); // fresh state, no faults, empty request log
afterAll(() => server.close());

it('maps symbols to Entrez ids', async () => {
  const mg = new MyGene();
  const { hits, missing } = await mg.queryMany(['CDK2', 'PPARG', 'dummy'], { scopes: 'symbol', species: 'human' });
  expect(hits.map((h) => h._id)).toEqual(['1017', '5468']);
  expect(missing).toEqual(['dummy']);
});

it('pages through every hit of a query', async () => {
  const mg = new MyGene();
  const symbols = (await mg.fetchAll('brain', { fields: 'symbol', species: 'human' }).toArray()).map((h) => h.symbol);
  expect(symbols.sort()).toEqual(['BASP1', 'BDNF', 'BSX']);
});

it('survives a flaky server', async () => {
  sim.faults.set({ every: 2, status: 503, retryAfter: 0 }); // requests 2, 4, … get a 503
  const mg = new MyGene({ retry: { limit: 2, delay: 0 } });
  expect((await mg.gene('7157', { fields: 'symbol' }))?.symbol).toBe('TP53');
  expect((await mg.gene('1017', { fields: 'symbol' }))?.symbol).toBe('CDK2'); // retried after the 503
  expect(sim.requests).toHaveLength(3);
});
