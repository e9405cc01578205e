// The same simulator on a loopback server: the client talks HTTP to 127.0.0.1 with the baseUrl
// listen() gives, unchanged.
import { MyGene } from '@bio/mygene';
import { createSimulator } from '@bio/mygene/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { syntheticGenes } from './helpers.js';

const sim = createSimulator({ seed: { genes: syntheticGenes(1200) } });
let served: { baseUrl: string; close(): Promise<void> };
beforeAll(async () => {
  served = await sim.listen();
});
afterAll(() => served.close());

it('serves every endpoint family over HTTP, faults included', async () => {
  expect(served.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v3$/);
  const mg = new MyGene({ baseUrl: served.baseUrl, retry: { delay: 0, maxRetryAfter: 0 } });
  expect((await mg.gene('1017', { fields: 'symbol' }))?.symbol).toBe('CDK2');
  expect(await mg.gene('0')).toBeNull();
  const { missing, duplicates } = await mg.queryMany(['tp53', 'dummy'], { scopes: 'symbol', species: ['human', 'rat'] });
  expect(missing).toEqual(['dummy']);
  expect(duplicates).toEqual([{ query: 'tp53', count: 2 }]);
  const pages: number[] = [];
  for await (const page of mg.fetchAll('synthetic').pages()) pages.push(page.items.length);
  expect(pages.filter((n) => n > 0)).toEqual([1000, 200]);
  expect((await mg.metadata()).stats.total_genes).toBe(1219);

  sim.faults.set({ every: 2, status: 503, retryAfter: 0 });
  expect((await mg.genes(['1017', '7157'], { fields: 'symbol' })).hits.map((h) => h.symbol)).toEqual(['CDK2', 'TP53']);
  expect((await mg.gene('695', { fields: 'symbol' }))?.symbol).toBe('BTK');
  sim.faults.clear();
});
