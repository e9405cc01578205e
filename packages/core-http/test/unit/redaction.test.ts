import { inspect } from 'node:util';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type AuthStrategy,
  basicAuth,
  createHttpClient,
  type HttpClient,
  headerAuth,
  isBioHttpError,
  isNetworkError,
  sessionAuth,
  tokenAuth,
} from '@bio/core-http';

const BASE = 'https://secure.example.org/api/';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Everything the request carried that could be secret, echoed back by the "server". */
function echoed(request: Request): string {
  return ['authorization', 'x-molgenis-token', 'cookie', 'x-csrftoken'].map((h) => `${h}=${request.headers.get(h) ?? ''}`).join(' ');
}

function echoHandlers() {
  return [
    http.get(`${BASE}json-error`, ({ request }) =>
      HttpResponse.json(
        { message: `bad credentials ${echoed(request)}`, detail: { echo: echoed(request) }, errors: [{ message: echoed(request) }] },
        { status: 401, headers: { 'x-echo': echoed(request), 'set-cookie': 'server-issued=1; Path=/' } },
      ),
    ),
    http.get(`${BASE}text-error`, ({ request }) => HttpResponse.text(`denied for ${echoed(request)}\nstack trace`, { status: 500 })),
    http.get(`${BASE}html`, ({ request }) => HttpResponse.html(`<html><title>Hello ${echoed(request)}</title></html>`)),
    http.get(`${BASE}in-body`, ({ request }) => HttpResponse.json({ wasSuccessful: false, error: `token ${echoed(request)} expired`, statusCode: 401 })),
    http.get(`${BASE}net`, () => HttpResponse.error()),
  ];
}

type Case = [string, () => Promise<AuthStrategy>, string[]];
const cases: Case[] = [
  ['tokenAuth', async () => tokenAuth({ token: 'CANARY-TOKEN-1' }), ['CANARY-TOKEN-1']],
  ['tokenAuth Bearer', async () => tokenAuth({ token: 'CANARY-TOKEN-2', scheme: 'Bearer' }), ['CANARY-TOKEN-2']],
  ['headerAuth', async () => headerAuth('x-molgenis-token', 'CANARY-HEADER-3'), ['CANARY-HEADER-3']],
  ['basicAuth', async () => basicAuth('alice', 'CANARY-PASSWORD-4'), ['CANARY-PASSWORD-4', btoa('alice:CANARY-PASSWORD-4')]],
  [
    'sessionAuth',
    async () => {
      const auth = sessionAuth();
      await auth.onResponse?.(
        new Response(null, {
          headers: [
            ['set-cookie', 'sessionid=CANARY-SESSION-5; Path=/'],
            ['set-cookie', 'csrftoken=CANARY-CSRF-5; Path=/'],
          ],
        }),
        new URL(BASE),
      );
      return auth;
    },
    ['CANARY-SESSION-5', 'CANARY-CSRF-5'],
  ],
];

function outputs(e: unknown, payloads: unknown[]): string[] {
  const err = e as Error;
  return [
    err.message,
    String(err),
    err.stack ?? '',
    JSON.stringify(err),
    inspect(err, { depth: 20 }),
    inspect(err, { depth: 20, showHidden: true }),
    JSON.stringify(payloads),
    inspect(payloads, { depth: 20 }),
  ];
}

function expectClean(e: unknown, payloads: unknown[], secrets: string[]): void {
  expect(isBioHttpError(e)).toBe(true);
  for (const out of outputs(e, payloads)) {
    // Values under 3 characters (a cookie like `server-issued=1` the jar also captured) are not redacted by design.
    for (const secret of secrets.filter((s) => s.length >= 3)) expect(out).not.toContain(secret);
    expect(out).not.toContain('CANARY');
  }
}

function makeClient(auth: AuthStrategy, payloads: unknown[]): HttpClient {
  return createHttpClient({
    baseUrl: BASE,
    service: 'secure',
    auth,
    retry: { limit: 1, delay: 0 },
    hooks: { onRequest: (p) => payloads.push(p), onResponse: (p) => payloads.push(p), onRetry: (p) => payloads.push(p) },
    errorInBody: (b) => {
      const body = b as { wasSuccessful?: boolean; error?: string; statusCode?: number };
      return body.wasSuccessful === false ? { status: body.statusCode ?? 500, message: body.error ?? '' } : undefined;
    },
  });
}

describe.each(cases)('%s secrets never leak', (_name, make, canaries) => {
  it('the strategy reports its secrets', async () => {
    const auth = await make();
    for (const c of canaries) expect(auth.secrets()).toContain(c);
  });
  it.each(['json-error', 'text-error', 'html', 'in-body', 'net'])('from %s', async (route) => {
    server.use(...echoHandlers());
    const auth = await make();
    const payloads: unknown[] = [];
    const c = makeClient(auth, payloads);
    const e = await c
      .get(route, { searchParams: { api_key: 'CANARY-QUERY', q: 'x' } })
      .json()
      .catch((x: unknown) => x);
    expect(payloads.length).toBeGreaterThan(0);
    expectClean(e, payloads, [...canaries, ...auth.secrets()]);
    if (route === 'json-error') {
      // The server's words survive, minus the secrets.
      expect((e as { serviceMessage: string }).serviceMessage).toContain('bad credentials');
      expect((e as { serviceMessage: string }).serviceMessage).toContain('[REDACTED]');
      expect((e as { headers: Record<string, string> }).headers['set-cookie']).toBeUndefined();
    }
    if (route === 'net') expect(isNetworkError(e)).toBe(true);
  });
});

describe('redaction without auth', () => {
  it('secret query parameters are redacted from errors and hooks', async () => {
    server.use(http.get(`${BASE}x`, () => HttpResponse.json({ error: 'nope' }, { status: 404 })));
    const payloads: unknown[] = [];
    const c = createHttpClient({ baseUrl: BASE, hooks: { onRequest: (p) => payloads.push(p) } });
    const e = await c.get('x', { searchParams: { token: 'CANARY-T', access_token: 'CANARY-A', password: 'CANARY-P' } }).catch((x: unknown) => x);
    expectClean(e, payloads, []);
    expect((e as { url: string }).url).toContain('token=%5BREDACTED%5D');
  });
  it('a caller abort reason does not carry auth secrets into the error message', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled while using CANARY-ABORT'));
    const c = createHttpClient({ baseUrl: BASE, auth: tokenAuth({ token: 'CANARY-ABORT' }), signal: controller.signal });
    const e = await c.get('x').catch((x: unknown) => x);
    expect((e as { name: string }).name).toBe('AbortError');
    expect(((e as Error).cause as Error).message).toBe('cancelled while using [REDACTED]');
    expectClean(e, [], ['CANARY-ABORT']);
  });
});

describe('a secret across a cut', () => {
  const SECRET = 'tok-6f1c2a9e5b7d4c3a';

  it('ResponseFormatError and the kept body redact before they cut', async () => {
    const { ResponseFormatError, BadRequestError } = await import('@bio/core-http');
    const format = new ResponseFormatError({ snippet: `${'x'.repeat(290)}${SECRET} and more`, secrets: [SECRET] });
    expect(format.snippet).toBe(`${'x'.repeat(290)}[REDACTED]`);
    const http = new BadRequestError({ status: 400, body: `${'y'.repeat(2040)}${SECRET} and more`, secrets: [SECRET] });
    expect(http.body).toBe(`${'y'.repeat(2040)}[REDACTE…`);
    expect(JSON.stringify(http.toJSON())).not.toContain(SECRET.slice(0, 4));
  });

  it("a client's service-message reader that cuts the message sees the body with the secrets already out", async () => {
    server.use(http.get(`${BASE}cut`, () => HttpResponse.json({ message: `${'z'.repeat(40)}${SECRET} refused` }, { status: 400 })));
    const client = createHttpClient({
      baseUrl: BASE,
      auth: tokenAuth({ token: SECRET }),
      retry: 0,
      serviceMessage: (body) => String((body as { message?: unknown }).message).slice(0, 50),
    });
    const error = await client
      .get('cut')
      .json()
      .catch((e: unknown) => e);
    expect(isBioHttpError(error)).toBe(true);
    expect((error as { serviceMessage?: string }).serviceMessage).toBe(`${'z'.repeat(40)}[REDACTED]`);
    expect(JSON.stringify(error) + String((error as Error).message)).not.toContain(SECRET.slice(0, 6));
  });
});
