// Secrets never leak: a canary token, password, session cookie and CSRF token per client, every
// kind of failure (the server even echoes the credentials it received into its error bodies), and
// every output scanned — message, toString, JSON.stringify, util.inspect, stack, hook payloads,
// recorded fixtures.
import { inspect } from 'node:util';
import { basicAuth, createHttpClient, headerAuth, type HttpHooks, isBioHttpError, sessionAuth, tokenAuth } from '@bio/core-http';
import { type FixtureExchange, recordingFetch } from '@bio/core-http/testing';
import { Idr } from '@bio/idr';
import { InterMine } from '@bio/intermine';
import { Molgenis } from '@bio/molgenis';
import { MyGene } from '@bio/mygene';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SecretMode, type SecretServer, startSecretServer } from '../src/secret-server.js';
import { startMirror, type Mirror } from '../src/chaos-server.js';

const CANARY = {
  mygeneToken: 'CANARYmygeneTok3n9f2a',
  intermineToken: 'CANARYintermineTok7b1c',
  molgenisPassword: 'CANARYmolgenisPassw0rd',
  molgenisToken: 'CANARYmolgenisTok5e8d',
  idrPassword: 'CANARYidrPassw0rd4c2',
  sessionCookie: 'CANARYsessionCookie6a0f',
  csrfToken: 'CANARYcsrfTok3n1d9e',
};
const ALL = Object.values(CANARY);

const MODES: SecretMode[] = ['echo-500', 'echo-401', 'echo-403-html', 'echo-200-html', 'echo-invalid-json', 'echo-redirect-login', 'reset', 'hang'];

/** Every textual view of a value a user or a logger might produce. */
function views(value: unknown): string[] {
  const out = [String(value), JSON.stringify(value) ?? '', inspect(value, { depth: 20 }), inspect(value, { depth: 20, showHidden: true })];
  if (value instanceof Error) out.push(value.message, value.stack ?? '', value.toString());
  return out;
}

function leaks(texts: readonly string[]): string[] {
  const found: string[] = [];
  for (const text of texts)
    for (const secret of ALL)
      if (text.includes(secret)) found.push(`${secret} in: ${text.slice(Math.max(0, text.indexOf(secret) - 120), text.indexOf(secret) + 40)}`);
  return found;
}

let server: SecretServer;
beforeAll(async () => {
  server = await startSecretServer({ molgenisToken: CANARY.molgenisToken, sessionCookie: CANARY.sessionCookie, csrfToken: CANARY.csrfToken });
});
afterAll(() => server.close());

interface Subject {
  name: string;
  /** Log in (where there is a login) and return the failing call. */
  setup(o: { fetch: typeof fetch; hooks: HttpHooks; base: string }): Promise<() => Promise<unknown>>;
}

const common = { retry: { limit: 1, delay: 0 }, timeout: 1000 };

const SUBJECTS: Subject[] = [
  {
    name: 'MyGene (tokenAuth)',
    setup: async ({ fetch, hooks, base }) => {
      const mg = new MyGene({ baseUrl: `${base}/v3`, auth: tokenAuth({ token: CANARY.mygeneToken, scheme: 'Bearer' }), fetch, hooks, ...common });
      return () => mg.query('symbol:cdk2');
    },
  },
  {
    name: 'InterMine (token)',
    setup: async ({ fetch, hooks, base }) => {
      const mine = new InterMine({ baseUrl: `${base}/flymine/service`, token: CANARY.intermineToken, fetch, hooks, ...common });
      return () => mine.whoami();
    },
  },
  {
    name: 'MOLGENIS (login → token)',
    setup: async ({ fetch, hooks, base }) => {
      const m = new Molgenis({ baseUrl: base, fetch, hooks, ...common });
      const mode = server.mode;
      server.mode = 'ok';
      const { token } = await m.login('admin', CANARY.molgenisPassword);
      expect(token).toBe(CANARY.molgenisToken);
      server.mode = mode;
      return () => m.getById('demo_sightings', '151');
    },
  },
  {
    name: 'IDR (session cookie + CSRF)',
    setup: async ({ fetch, hooks, base }) => {
      const idr = new Idr({ baseUrl: base, auth: sessionAuth(), fetch, hooks, ...common });
      const mode = server.mode;
      server.mode = 'ok';
      await idr.login({ username: 'ada', password: CANARY.idrPassword });
      expect(idr.sessionCookies()).toMatchObject({ sessionid: CANARY.sessionCookie });
      server.mode = mode;
      return () => idr.screen(102);
    },
  },
];

describe.each(SUBJECTS)('$name: canary secrets stay out of every output', (subject) => {
  it.each(MODES.map((m) => [m]))('%s', async (mode) => {
    const events: unknown[] = [];
    const exchanges: FixtureExchange[] = [];
    const hooks: HttpHooks = {
      onRequest: (e) => events.push(e),
      onResponse: (e) => events.push(e),
      onRetry: (e) => events.push(e),
    };
    // The recorder records the credential headers too, so it has every chance to learn them.
    const fetch = recordingFetch({ onExchange: (e) => exchanges.push(e), requestHeaders: ['authorization', 'x-molgenis-token', 'cookie', 'x-csrftoken'] });
    server.mode = mode;
    const call = await subject.setup({ fetch, hooks, base: server.url });
    const error = await call().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isBioHttpError(error), String(error)).toBe(true);
    // The credentials did go out (so the test means something)…
    const sent = JSON.stringify(server.seen.slice(-3).map((r) => r.headers));
    expect(ALL.some((s) => sent.includes(s))).toBe(true);
    // …and come back nowhere.
    const texts = [...views(error), ...views((error as { cause?: unknown }).cause), ...events.flatMap(views), JSON.stringify(exchanges)];
    expect(leaks(texts)).toEqual([]);
  });
});

describe.each(SUBJECTS)('$name: the default recorder keeps credentials out of fixtures', (subject) => {
  it.each([['ok'], ['reset']] as [SecretMode][])('%s (server does not echo)', async (mode) => {
    const exchanges: FixtureExchange[] = [];
    const fetch = recordingFetch({ onExchange: (e) => exchanges.push(e) });
    server.mode = mode;
    const call = await subject.setup({ fetch, hooks: {}, base: server.url });
    await call().catch(() => undefined);
    if (mode === 'ok') expect(exchanges.length).toBeGreaterThan(0); // a reset records nothing (no response)
    expect(leaks([JSON.stringify(exchanges)])).toEqual([]);
  });
});

describe.each(SUBJECTS)('$name: credentials are not sent to another origin on a redirect', (subject) => {
  it('307 to another origin', async () => {
    const elsewhere = await startSecretServer({ molgenisToken: 'x', sessionCookie: 'y', csrfToken: 'z' });
    const mirror = await startMirror(elsewhere.url);
    try {
      server.redirectTo = mirror.url;
      server.mode = 'redirect-cross-origin';
      const call = await subject.setup({ fetch: globalThis.fetch, hooks: {}, base: server.url });
      const outcome = await call().catch((e: unknown) => e);
      expect(mirror.log.length).toBeGreaterThan(0);
      const received = mirror.log.map((r) => r.headers);
      for (const h of received) {
        expect(h.authorization).toBeUndefined();
        expect(h.cookie).toBeUndefined();
        expect(h['x-molgenis-token']).toBeUndefined();
        expect(h['x-csrftoken']).toBeUndefined();
      }
      expect(leaks([JSON.stringify(received), ...views(outcome)])).toEqual([]);
    } finally {
      server.redirectTo = '';
      await mirror.close();
      await elsewhere.close();
    }
  });
});

describe('auth headers and cookies are dropped on cross-origin redirects', () => {
  let mirror: Mirror;
  let origin: SecretServer;
  beforeAll(async () => {
    origin = await startSecretServer({ molgenisToken: 'x', sessionCookie: CANARY.sessionCookie, csrfToken: CANARY.csrfToken });
    mirror = await startMirror(origin.url);
  });
  afterAll(async () => {
    await mirror.close();
    await origin.close();
  });

  const strategies = [
    ['tokenAuth', () => tokenAuth({ token: CANARY.mygeneToken })],
    ['headerAuth', () => headerAuth('x-molgenis-token', CANARY.molgenisToken)],
    ['basicAuth', () => basicAuth('ada', CANARY.molgenisPassword)],
    ['sessionAuth', () => sessionAuth({ csrfCookie: 'csrftoken', csrfHeader: 'X-CSRFToken' })],
  ] as const;

  it.each(strategies)('%s', async (_name, make) => {
    const auth = make();
    const client = createHttpClient({ baseUrl: `${origin.url}/`, auth, retry: 0, timeout: 2000 });
    origin.mode = 'ok';
    // Sessions: pick up the cookies and the CSRF token first (same origin).
    await client.get('api/v0/token/').json();
    await client.post('api/v0/login/', { form: { username: 'ada', password: 'x' } }).json();
    // Same-origin request: credentials sent (control).
    origin.seen.length = 0;
    await client.post('data/', { json: { a: 1 } }).json();
    const own = JSON.stringify(origin.seen[0]?.headers);
    expect(ALL.some((s) => own.includes(s)) || own.includes(Buffer.from(`ada:${CANARY.molgenisPassword}`).toString('base64'))).toBe(true);
    // A 307 to another origin: the request is re-sent there without any credential.
    mirror.log.length = 0;
    origin.redirectTo = `${mirror.url}/elsewhere/`;
    const r = await client.post('go', { json: { a: 1 } }).json();
    expect(r).toEqual({ ok: true });
    expect(mirror.log).toHaveLength(1);
    const received = mirror.log[0]?.headers ?? {};
    expect(received.authorization).toBeUndefined();
    expect(received.cookie).toBeUndefined();
    expect(received['x-molgenis-token']).toBeUndefined();
    expect(received['x-csrftoken']).toBeUndefined();
    const text = JSON.stringify(received);
    expect(leaks([text, text.toLowerCase()])).toEqual([]);
    expect(text).not.toContain(Buffer.from(`ada:${CANARY.molgenisPassword}`).toString('base64'));
  });
});
