import { Molgenis } from '@bio/molgenis';
import { createSimulator, DEFAULT_BASE_URL } from '@bio/molgenis/testing';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';

// Built-in data: celiacsprue, demo_sightings 151–155, hospitals, Person …; users admin/admin and more.
const sim = createSimulator({
  seed: {
    entities: {
      samples: {
        meta: { idAttribute: 'id', attributes: { id: { fieldType: 'STRING' }, volume: { fieldType: 'DECIMAL' } } },
        rows: [{ id: 's1', volume: 2.5 }],
      },
    },
  },
});
const server = setupServer(...sim.handlers());
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => sim.reset()); // every test starts from the same data
afterAll(() => server.close());

it('adds a row and reads it back', async () => {
  const m = new Molgenis({ baseUrl: DEFAULT_BASE_URL });
  await m.login('admin', sim.users.admin!.password);
  const id = await m.add('Person', { firstName: 'Jan', lastName: 'Klaassen' });
  expect(await m.getById('Person', id)).toMatchObject({ firstName: 'Jan', lastName: 'Klaassen' });
  await m.addAll('samples', [{ id: 's2', volume: 0.5 }]);
  expect(await m.get('samples', { q: 'volume=lt=1' }).toArray()).toEqual([{ _href: '/api/v2/samples/s2', id: 's2', volume: 0.5 }]);
});

it('queries with RSQL and pages like MOLGENIS', async () => {
  const m = new Molgenis({ baseUrl: DEFAULT_BASE_URL });
  const women = await m.get('celiacsprue', { q: 'celiac_gender==Female' }).toArray();
  expect(women.map((r) => r.Individual)).toEqual(['celiac_0007', 'celiac_0031']);
  expect(await m.get('demo_sightings', { pageSize: 2 }).toArray()).toHaveLength(5); // 3 pages via nextHref
});

it('refuses what MOLGENIS refuses', async () => {
  const m = new Molgenis({ baseUrl: DEFAULT_BASE_URL });
  await expect(m.add('Person', { firstName: 'Eve' })).rejects.toMatchObject({ status: 401 }); // not logged in
  await expect(m.getById('demo_sightings', '999')).rejects.toMatchObject({ status: 404 });
});

it('retries a read hit by a 503', async () => {
  sim.faults.set({ every: 2, status: 503, retryAfter: 0 });
  const m = new Molgenis({ baseUrl: DEFAULT_BASE_URL });
  expect(await m.get('demo_sightings').toArray()).toHaveLength(5);
});
