import { isNotFoundError } from '@bio/core-http';
import { Idr, toMap } from '@bio/idr';
import { createSimulator } from '@bio/idr/testing';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';

const sim = createSimulator({
  seed: {
    screens: [
      {
        id: 9001,
        name: 'idr9001-mine/screenA',
        plates: [{ id: 8001, name: 'P1', wells: [{ id: 7001, row: 0, column: 0, images: [{ id: 6001, name: 'P1 [A1]' }] }] }],
      },
    ],
  },
});
const server = setupServer(...sim.handlers());
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => sim.reset()); // state, faults and the request log start again
afterAll(() => server.close());

it('reads the built-in IDR data and my seed', async () => {
  const idr = new Idr({ retry: { delay: 0 } });
  expect(toMap(await idr.mapAnnotations({ screen: 102 }).toArray()).get('Organism')).toEqual(['Homo sapiens']);
  expect(await idr.webclient.plates({ screen: 102 }).toArray()).toHaveLength(12);
  expect((await idr.plates({ screen: 9001 }).toArray()).map((p) => p.Name)).toEqual(['P1']);
  await expect(idr.screen(999999)).rejects.toSatisfy(isNotFoundError); // JSON 404, as OMERO.web
});

it('survives a flaky server', async () => {
  sim.faults.set({ every: 2, status: 503, retryAfter: 0 }); // the client retries the 503s
  const idr = new Idr({ retry: { delay: 0 } });
  expect(await idr.wells({ plate: 8958 }).total()).toBe(384);
  expect((await idr.image(1884807)).Name).toBe('CDK5RAP2-C_Control_1.tif');
});

it('logs in', async () => {
  const omero = new Idr();
  const { username, password } = sim.users[0]!; // alice / wonderland
  expect((await omero.login({ username, password })).userName).toBe('alice');
  expect(sim.state.sessions.size).toBe(1);
});
