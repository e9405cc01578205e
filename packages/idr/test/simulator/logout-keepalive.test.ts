// Issue 16 item 9: logout, and keep-alive for long sessions on a generic OMERO.web. The simulator
// answers as omero-web's views: keepalive_ping "OK" (text/plain); logout POST (CSRF-checked)
// flushes the session and 302s to the login page; @login_required without a session → 403 (ajax).
import { isValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { sessionAuth } from '../../src/index.js';
import { createSimulator } from '../../src/testing/index.js';
import { newIdr, serve } from './helpers.js';

const OMERO = 'https://omero.example.org';
const sim = createSimulator({ baseUrl: OMERO, mapr: 'available', searchEngine: false });
serve([sim, OMERO]);

async function loggedIn() {
  const omero = newIdr({ baseUrl: OMERO, auth: sessionAuth() });
  await omero.login({ username: 'alice', password: 'wonderland' });
  return omero;
}

describe('logout and keep-alive', () => {
  it('ping is true while the session lives; logout ends it without following the redirect; ping is then false', async () => {
    const omero = await loggedIn();
    expect(await omero.ping()).toBe(true);
    expect(sim.state.sessions.size).toBe(1);
    await omero.logout();
    expect(sim.state.sessions.size).toBe(0);
    const paths = sim.requests.map((r) => `${r.method} ${r.url.pathname}`);
    expect(paths).toContain('POST /webclient/logout/');
    expect(paths).not.toContain('GET /webclient/login/'); // the redirect was not followed
    expect(await omero.ping()).toBe(false);
    expect(sim.requests.filter((r) => r.url.pathname === '/webclient/keepalive_ping/').map((r) => r.headers.get('x-requested-with'))).toEqual([
      'XMLHttpRequest',
      'XMLHttpRequest',
    ]);
  });

  it('logout without the CSRF token is refused (ForbiddenError with the reason)', async () => {
    const omero = newIdr({ baseUrl: OMERO, auth: sessionAuth() });
    await expect(omero.logout()).rejects.toMatchObject({ name: 'ForbiddenError', serviceMessage: expect.stringContaining('CSRF') });
  });

  it('keepAlive pings every interval, and stops (onExpired) when the session is gone', async () => {
    const omero = await loggedIn();
    let expired = 0;
    const errors: unknown[] = [];
    const alive = omero.keepAlive({ interval: 1000, onExpired: () => expired++, onError: (e) => errors.push(e) });
    await new Promise((r) => setTimeout(r, 1150));
    const pings = () => sim.requests.filter((r) => r.url.pathname === '/webclient/keepalive_ping/').length;
    expect(pings()).toBe(1);
    expect(sim.state.sessions.values().next().value?.requests).toBeGreaterThanOrEqual(1);
    sim.state.sessions.clear(); // the server forgets the session
    await new Promise((r) => setTimeout(r, 1100));
    expect(expired).toBe(1);
    await new Promise((r) => setTimeout(r, 1100));
    expect(pings()).toBe(2); // stopped after the expiry
    alive.stop();
    expect(errors).toEqual([]);
  });

  it('stop() and the signal stop the pings; a bad interval is a ValidationError', async () => {
    const omero = await loggedIn();
    const alive = omero.keepAlive({ interval: 1000 });
    alive.stop();
    await new Promise((r) => setTimeout(r, 1100));
    expect(sim.requests.filter((r) => r.url.pathname === '/webclient/keepalive_ping/')).toHaveLength(0);
    let error: unknown;
    try {
      omero.keepAlive({ interval: 10 });
    } catch (e) {
      error = e;
    }
    expect(isValidationError(error)).toBe(true);
  });
});
