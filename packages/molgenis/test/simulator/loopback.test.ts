// The same simulator served on 127.0.0.1 (no msw), with the client's baseUrl taken as it is.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSimulator } from '../../src/testing/index.js';
import { client } from './helpers.js';

const sim = createSimulator();
let served: Awaited<ReturnType<typeof sim.listen>>;
beforeAll(async () => {
  served = await sim.listen();
});
afterAll(() => served.close());

it('serves logins, writes, paging and refusals over a real socket', async () => {
  const m = client({ baseUrl: served.baseUrl });
  await m.login('admin', 'admin');
  await m.addAll('demo_sightings', [{ id: '157', type: 'gnome', year: 1998 }]);
  const rows = await m.get('demo_sightings', { q: 'year>=1997', pageSize: 2 }).toArray();
  expect(rows.map((r) => r.id)).toEqual(['153', '154', '155', '157']);
  const page = sim.requests.filter((r) => r.url.pathname === '/api/v2/demo_sightings' && r.method === 'GET')[0];
  expect(page?.url.origin).toBe(served.baseUrl);
  const next = await fetch(`${served.baseUrl}/api/v2/demo_sightings?num=2`);
  expect(((await next.json()) as { nextHref: string }).nextHref).toBe(`${served.baseUrl}/api/v2/demo_sightings?num=2&start=2`);
  await expect(m.get('demo_sightings', { q: 'type>a' }).toArray({ max: 1 })).rejects.toMatchObject({
    status: 500,
    serviceMessage: expect.stringMatching(/^Can't perform RSQL query operator \[=gt=\] on STRING/),
  });
  sim.faults.set({ every: 2, status: 503, retryAfter: 0 });
  const retrying = client({ baseUrl: served.baseUrl, retry: { limit: 2, delay: 0 } });
  expect(await retrying.get('celiacsprue').toArray()).toHaveLength(13);
});
