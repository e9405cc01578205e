import { isForbiddenError, isValidationError, sessionAuth } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { createSimulator, IDR_SIMULATOR_USERS } from '../../src/testing/index.js';
import { failure, IDR, newIdr, serve } from './helpers.js';

const seed = {
  screens: [
    {
      id: 9001,
      name: 'idr9001-mine/screenA',
      plates: [
        {
          id: 8001,
          name: 'P1',
          rows: 2,
          columns: 3,
          wells: [
            {
              id: 7001,
              row: 1,
              column: 2,
              images: [
                {
                  id: 6001,
                  name: 'P1 [B3]',
                  channels: ['DAPI'],
                  mapAnnotations: [{ ns: 'openmicroscopy.org/mapr/gene', values: [['Gene Symbol', 'MYGENE']] as [string, string][] }],
                },
              ],
            },
          ],
        },
      ],
    },
  ],
  images: [{ id: 6002, name: 'loose image' }],
};
const sim = createSimulator({ seed });
serve([sim]);

describe('simulator: login and sessions', () => {
  it('logs in with the CSRF token and a same-origin Referer; the session is in the state', async () => {
    expect(sim.users.map((u) => u.username)).toEqual(['alice', 'root']);
    const idr = newIdr({ auth: sessionAuth() });
    const ctx = await idr.login({ username: 'alice', password: IDR_SIMULATOR_USERS[0]!.password });
    expect(ctx).toMatchObject({ userName: 'alice', userId: 52, groupName: 'lab', isAdmin: false });
    const cookie = idr.sessionCookies().sessionid_idr;
    expect(sim.state.sessions.get(cookie ?? '')?.username).toBe('alice');
    await idr.screen(102);
    expect(sim.state.sessions.get(cookie ?? '')?.requests).toBe(1);
  });

  it('starts again from no session after reset, and refuses a wrong password or a missing CSRF token', async () => {
    expect(sim.state.sessions.size).toBe(0);
    const error = await failure(newIdr().login({ username: 'alice', password: 'wrong' }));
    expect([isForbiddenError(error), error.serviceMessage]).toEqual([true, 'Login failed. Reason: Incorrect username or password.']);
    const noReferer = await fetch(`${IDR}/api/v0/login/`, {
      method: 'POST',
      body: new URLSearchParams({ server: '1', username: 'alice', password: 'wonderland' }),
    });
    expect([noReferer.status, await noReferer.text()]).toEqual([403, expect.stringContaining('Referer checking failed - no Referer.')]);
    const noToken = await fetch(`${IDR}/api/v0/login/`, {
      method: 'POST',
      headers: { referer: `${IDR}/` },
      body: new URLSearchParams({ server: '1', username: 'alice', password: 'wonderland' }),
    });
    expect(await noToken.text()).toContain('CSRF cookie not set.');
    expect((await fetch(`${IDR}/api/v0/login/`)).status).toBe(405);
    expect(sim.state.sessions.size).toBe(0);
  });
});

describe('simulator: seed', () => {
  it('adds screens, plates, wells and images next to the built-in data, searchable', async () => {
    const idr = newIdr();
    expect((await idr.screens().toArray()).map((s) => s['@id'])).toContain(9001);
    const wells = await idr.wells({ plate: 8001 }).toArray();
    expect(wells.map((w) => [w['@id'], w.Row, w.Column, w.WellSamples?.[0]?.Image['@id']])).toEqual([[7001, 1, 2, 6001]]);
    expect((await idr.image(6001)).Pixels?.Channels?.[0]?.Name).toBe('DAPI');
    expect((await idr.search({ key: 'Gene Symbol', value: 'MYGENE' }).toArray()).map((h) => [h.id, h.screen_id, h.well_id])).toEqual([[6001, 9001, 7001]]);
    expect((await idr.images({ orphaned: true }).toArray()).map((i) => i['@id'])).toEqual([6002]);
    const grid = await idr.plateGrid(8001);
    expect(grid.grid[1]?.[2]?.imageId).toBe(6001);
  });

  it('refuses seed that does not fit, naming the field', () => {
    const bad = (s: unknown) => {
      try {
        createSimulator({ seed: s as never });
      } catch (error) {
        return isValidationError(error) ? (error as { field?: string }).field : 'not a ValidationError';
      }
      return 'accepted';
    };
    expect(bad({ screens: [{ id: 'x', name: 'a' }] })).toBe('seed.screens[0].id');
    expect(bad({ screens: [{ id: 102, name: 'taken' }] })).toBe('seed.screens[0].id');
    expect(bad({ screens: [{ id: 9, name: 's', plates: [{ id: 9, name: 'p', rows: 2, wells: [{ id: 1, row: 2, column: 0 }] }] }] })).toBe(
      'seed.screens[0].plates[0].wells[0].row',
    );
    expect(bad({ images: [{ id: 5, name: 'i', mapAnnotations: [{ values: [['k']] }] }] })).toBe('seed.images[0].mapAnnotations[0].values[0]');
    expect(bad({ wells: [] })).toBe('seed.wells');
    expect(createSimulator({ builtin: false, seed: { images: [{ id: 1, name: 'only' }] } }).state.images.size).toBe(1);
  });
});

describe('simulator: faults', () => {
  it('a 503 on every 2nd request is retried by the client', async () => {
    sim.faults.set({ every: 2, status: 503, retryAfter: 0 });
    const plates = await newIdr({ concurrency: 1 }).plates({ screen: 102 }, { pageSize: 5 }).toArray();
    expect(plates).toHaveLength(12);
    expect(sim.requests.map((r) => r.url.searchParams.get('offset'))).toEqual([null, '5', '5', '10', '10']);
  });
});
