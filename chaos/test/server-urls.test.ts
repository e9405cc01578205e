// Server data must not steer credentials: a URL the server hands back on another origin — a
// download link, an absolute thumbnail or InterMine link, MOLGENIS's `nextHref`, a redirect (also
// one that comes back) — never receives the token, the cookies or the CSRF header. Two loopback
// servers on different ports (different origins) log every header they receive.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AuthStrategy, basicAuth, createHttpClient, headerAuth, sessionAuth, tokenAuth } from '@bio/core-http';
import { Molgenis } from '@bio/molgenis';
import { createSimulator as createMolgenisSimulator } from '@bio/molgenis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SECRET = {
  token: 'canary-token-5b1f',
  header: 'canary-header-77aa',
  password: 'canary-password-90c2',
  session: 'canary-session-3e3e',
  csrf: 'canary-csrf-41d0',
};

interface Logged {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

/** A loopback server answering by `route`, logging every request. */
async function serve(route: (url: URL, method: string) => { status: number; headers?: Record<string, string | string[]>; body?: string }) {
  const log: Logged[] = [];
  const server: Server = createServer((req, res) => {
    log.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
    req.resume();
    req.on('end', () => {
      const answer = route(new URL(req.url ?? '/', 'http://x'), req.method ?? 'GET');
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body ?? '{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Every header value a request carried, as one string (to search for any canary). */
const allHeaders = (r: Logged) => JSON.stringify(r.headers);
const CANARIES = [...Object.values(SECRET), Buffer.from(`ada:${SECRET.password}`).toString('base64')];
const carriesSecret = (r: Logged) => CANARIES.some((s) => allHeaders(r).includes(s));

describe('core-http: a server-provided URL on another origin gets no credentials', () => {
  let origin: Awaited<ReturnType<typeof serve>>;
  let foreign: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    foreign = await serve((url) => {
      // A foreign redirect back to the client's origin (a round trip must not pick credentials up again on the way out).
      if (url.pathname === '/bounce') return { status: 307, headers: { location: `${origin.url}/api/landing` } };
      return { status: 200, body: '{"ok":true}' };
    });
    origin = await serve((url) => {
      if (url.pathname === '/api/login') {
        return { status: 200, headers: { 'set-cookie': [`sessionid=${SECRET.session}; Path=/; HttpOnly`, `csrftoken=${SECRET.csrf}; Path=/`] } };
      }
      if (url.pathname === '/api/redirect') return { status: 307, headers: { location: `${foreign.url}/elsewhere` } };
      if (url.pathname === '/api/redirect-round-trip') return { status: 307, headers: { location: `${foreign.url}/bounce` } };
      return { status: 200, body: `{"download":"${foreign.url}/files/data.tsv"}` };
    });
  });
  afterAll(async () => {
    await origin.close();
    await foreign.close();
  });

  const strategies: [string, () => AuthStrategy][] = [
    ['tokenAuth', () => tokenAuth({ token: SECRET.token })],
    ['headerAuth (x-molgenis-token)', () => headerAuth('x-molgenis-token', SECRET.header)],
    ['basicAuth', () => basicAuth('ada', SECRET.password)],
    ['sessionAuth (cookie + CSRF)', () => sessionAuth({ csrfCookie: 'csrftoken', csrfHeader: 'X-CSRFToken' })],
  ];

  it.each(strategies)('%s: the link the server sent, a redirect and a round trip carry none of it', async (_name, auth) => {
    origin.log.length = 0;
    foreign.log.length = 0;
    const http = createHttpClient({ baseUrl: `${origin.url}/api/`, auth: auth(), retry: 0, headers: { 'x-trace': 'harmless' } });
    await http.get('login').json();
    // Control: same-origin requests carry the credential (GET, and a POST with the CSRF header).
    const { download } = await http.get('item').json<{ download: string }>();
    await http.post('item', { json: { a: 1 } }).json();
    const sameOrigin = origin.log.filter((r) => r.url !== '/api/login');
    expect(sameOrigin.every(carriesSecret), JSON.stringify(sameOrigin.map((r) => r.headers))).toBe(true);

    // The download link, fetched with GET and POST through the same client.
    expect(new URL(download).origin).toBe(foreign.url);
    await http.get(download).json();
    await http.post(download, { json: { a: 1 } }).json();
    // A redirect to the other origin, and one that comes back.
    await http.get('redirect').json();
    await http.get('redirect-round-trip').json();

    expect(foreign.log.map((r) => r.url)).toEqual(['/files/data.tsv', '/files/data.tsv', '/elsewhere', '/bounce']);
    for (const r of foreign.log) {
      expect(carriesSecret(r), `${r.url}: ${allHeaders(r)}`).toBe(false);
      expect(r.headers.authorization).toBeUndefined();
      expect(r.headers.cookie).toBeUndefined();
      expect(r.headers['x-csrftoken']).toBeUndefined();
      expect(r.headers['x-molgenis-token']).toBeUndefined();
      expect(r.headers['x-trace']).toBe('harmless'); // the caller's ordinary headers still go
    }
    // Back on the origin after a foreign hop: still no credentials (the chain left the origin).
    const landing = origin.log.filter((r) => r.url === '/api/landing');
    expect(landing).toHaveLength(1);
    expect(carriesSecret(landing[0]!)).toBe(false);
  });
});

describe('MOLGENIS: a nextHref on another origin is never followed', () => {
  it('get() pages by offset on its own origin; the foreign nextHref receives nothing, every row arrives once', async () => {
    const foreign = await serve(() => ({ status: 200, body: '{"items":[]}' }));
    const rows = Array.from({ length: 250 }, (_, i) => ({ id: `r${String(i).padStart(3, '0')}`, value: i }));
    const sim = createMolgenisSimulator({
      seed: {
        entities: { e: { meta: { idAttribute: 'id', attributes: { id: { fieldType: 'STRING' }, value: { fieldType: 'INT' } } }, rows } },
      },
    });
    const served = await sim.listen();
    try {
      const rewritten: string[] = [];
      // The server's answers, with every nextHref pointing at the other origin.
      const fetch: typeof globalThis.fetch = async (input, init) => {
        const response = await globalThis.fetch(input, init);
        if (!(response.headers.get('content-type') ?? '').includes('json')) return response;
        const text = await response.text();
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          return new Response(text, response);
        }
        if (body !== null && typeof body === 'object' && 'nextHref' in body) {
          const next = new URL(String((body as { nextHref: string }).nextHref), served.baseUrl);
          (body as { nextHref: string }).nextHref = `${foreign.url}${next.pathname}${next.search}`;
          rewritten.push((body as { nextHref: string }).nextHref);
        }
        return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
      };
      const m = new Molgenis({ baseUrl: served.baseUrl, fetch, retry: 0 });
      await m.login('admin', sim.users.admin?.password ?? '');
      const got = await m.get('e', { pageSize: 100 }).toArray();
      expect(got.map((r) => r.id)).toEqual(rows.map((r) => r.id));
      expect(rewritten.length).toBeGreaterThan(0); // the server did hand back foreign nextHrefs
      expect(foreign.log).toEqual([]);
      // The token went to the simulator only.
      expect(sim.requests.filter((r) => r.url.pathname.startsWith('/api/v2/e')).length).toBeGreaterThanOrEqual(3);
    } finally {
      await served.close();
      await foreign.close();
    }
  });
});
