// Issue 16 item 9: logout, and keep-alive for long sessions on a generic OMERO.web. The simulator
// answers as omero-web's views: keepalive_ping "OK" (text/plain); logout POST (CSRF-checked)
// flushes the session and 302s to the login page; @login_required without a session → 403 (ajax).
import { isValidationError } from '@bio/core-http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionAuth } from '../../src/index.js';
import { createSimulator } from '../../src/testing/index.js';
import { newIdr, serve } from './helpers.js';

const OMERO = 'https://omero.example.org';
const sim = createSimulator({ baseUrl: OMERO, mapr: 'available', searchEngine: false });
serve([sim, OMERO]);

afterEach(() => vi.useRealTimers());

/** The keep-alive's interval (and ky's timeouts) on a fake clock; msw answers in this process, so nothing else waits. */
const fakeClock = (): void => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
};

/** Lets msw and the client run (setImmediate is not faked) until `condition` holds; vi.waitFor would move the fake clock on. */
async function untilReal(condition: () => boolean, what = 'the condition'): Promise<void> {
  const giveUp = process.hrtime.bigint() + 5_000_000_000n; // 5 s of the real clock, which no test fakes
  while (!condition()) {
    if (process.hrtime.bigint() > giveUp) throw new Error(`${what} never held`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

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
    fakeClock();
    let expired = 0;
    const errors: unknown[] = [];
    const alive = omero.keepAlive({ interval: 1000, onExpired: () => expired++, onError: (e) => errors.push(e) });
    const pings = () => sim.requests.filter((r) => r.url.pathname === '/webclient/keepalive_ping/').length;
    const session = sim.state.sessions.values().next().value;
    const seenBefore = session?.requests ?? 0;
    await vi.advanceTimersByTimeAsync(999);
    expect(pings()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    await untilReal(() => (session?.requests ?? 0) > seenBefore, 'the first ping'); // the first ping reached the live session
    expect(pings()).toBe(1);
    sim.state.sessions.clear(); // the server forgets the session
    await vi.advanceTimersByTimeAsync(1000);
    await untilReal(() => expired === 1, 'onExpired');
    expect(pings()).toBe(2);
    expect(vi.getTimerCount()).toBe(0); // the interval is cleared: no ping is coming
    await vi.advanceTimersByTimeAsync(5000);
    expect(pings()).toBe(2); // stopped after the expiry
    alive.stop();
    expect(expired).toBe(1);
    expect(errors).toEqual([]);
  });

  it('stop() and the signal stop the pings; a bad interval is a ValidationError', async () => {
    const omero = await loggedIn();
    fakeClock();
    const alive = omero.keepAlive({ interval: 1000 });
    expect(vi.getTimerCount()).toBe(1);
    alive.stop();
    expect(vi.getTimerCount()).toBe(0);
    const controller = new AbortController();
    omero.keepAlive({ interval: 1000, signal: controller.signal });
    controller.abort();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(5000);
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
