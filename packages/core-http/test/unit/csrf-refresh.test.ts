// sessionAuth({ csrfTokenPath }): a 403 "CSRF failed" refetches the token once and resends once.
import { afterEach, expect, it } from 'vitest';
import { createHttpClient, ForbiddenError, sessionAuth } from '../../src/index.js';
import { type Loopback, startLoopback } from './client-loopback.js';

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const csrfRefusal = (res: import('node:http').ServerResponse): void => {
  res.writeHead(403, { 'content-type': 'text/html' }).end('<h1>Forbidden (403)</h1><p>CSRF verification failed. Request aborted.</p>');
};

async function setup(accept: (token: string | undefined) => boolean, refusal = csrfRefusal) {
  let issued = 0;
  server = await startLoopback({
    'GET /api/token/': (_req, res) => {
      issued++;
      res
        .writeHead(200, { 'content-type': 'application/json', 'set-cookie': `csrftoken=fresh-${issued}; Path=/` })
        .end(JSON.stringify({ data: `fresh-${issued}` }));
    },
    'POST /api/save/': (req, res) => {
      if (!accept(req.headers['x-csrftoken'] as string | undefined)) return refusal(res);
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"saved":true}');
    },
  });
  const auth = sessionAuth({ csrfTokenPath: 'api/token/' });
  auth.setCsrfToken('stale-token');
  const client = createHttpClient({ baseUrl: `${server.origin}/`, auth, retry: 0 });
  return { client, auth, server };
}

const posts = (s: Loopback) => s.requests.filter((r) => r.method === 'POST');
const tokenFetches = (s: Loopback) => s.requests.filter((r) => r.url === '/api/token/');

it('refetches the token after a CSRF 403 and resends the POST once', async () => {
  const { client, server } = await setup((t) => t === 'fresh-1');
  await expect(client.post('api/save/', { json: { a: 1 } }).json()).resolves.toEqual({ saved: true });
  expect(posts(server).map((r) => r.headers['x-csrftoken'])).toEqual(['stale-token', 'fresh-1']);
  expect(posts(server).map((r) => JSON.parse(r.body))).toEqual([{ a: 1 }, { a: 1 }]);
  expect(tokenFetches(server)).toHaveLength(1);
});

it('resends only once: a second CSRF 403 is a ForbiddenError', async () => {
  const { client, server } = await setup(() => false);
  const e = await client
    .post('api/save/', { form: { a: '1' } })
    .json()
    .catch((x: unknown) => x);
  expect(e).toBeInstanceOf(ForbiddenError);
  expect((e as ForbiddenError).message).not.toContain('fresh-1');
  expect(JSON.stringify(e)).not.toContain('fresh-1');
  expect(posts(server)).toHaveLength(2);
  expect(tokenFetches(server)).toHaveLength(1);
});

it('a 403 that is not about CSRF is not resent', async () => {
  const { client, server } = await setup(
    () => false,
    (res) => res.writeHead(403, { 'content-type': 'application/json' }).end('{"detail":"You do not have permission"}'),
  );
  await expect(client.post('api/save/', { json: {} }).json()).rejects.toBeInstanceOf(ForbiddenError);
  expect(posts(server)).toHaveLength(1);
  expect(tokenFetches(server)).toHaveLength(0);
});

it('without csrfTokenPath a CSRF 403 is not resent', async () => {
  server = await startLoopback({ 'POST /api/save/': (_req, res) => csrfRefusal(res) });
  const auth = sessionAuth();
  auth.setCsrfToken('stale-token');
  const client = createHttpClient({ baseUrl: `${server.origin}/`, auth, retry: 0 });
  await expect(client.post('api/save/', { json: {} }).json()).rejects.toBeInstanceOf(ForbiddenError);
  expect(posts(server)).toHaveLength(1);
});
