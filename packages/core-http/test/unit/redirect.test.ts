import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthStrategy, basicAuth, createHttpClient, headerAuth, isNetworkError, isResponseFormatError, sessionAuth, tokenAuth } from '@bio/core-http';
import { json, type Loopback, startLoopback } from './client-loopback.js';

let home: Loopback;
let other: Loopback;

beforeAll(async () => {
  other = await startLoopback({
    '* /landing': (req, res) => json(res, 200, { headers: req.headers }),
    '* /bounce': (_req, res) => {
      res.writeHead(302, { location: `${home.origin}/api/landing` }).end();
    },
  });
  home = await startLoopback({
    'GET /login': (_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'set-cookie': ['sessionid=sess-canary-42; HttpOnly; Path=/', 'csrftoken=csrf-canary-42; Path=/'],
      });
      res.end('{"ok":true}');
    },
    '* /same': (_req, res) => {
      res.writeHead(302, { location: '/api/landing' }).end();
    },
    '* /api/landing': (req, res, body) => json(res, 200, { method: req.method, headers: req.headers, body }),
    '* /cross-and-back': (_req, res) => {
      res.writeHead(302, { location: `${other.origin}/bounce` }).end();
    },
    '* /cross': (_req, res) => {
      res.writeHead(302, { location: `${other.origin}/landing` }).end();
    },
    'POST /see-other': (_req, res) => {
      res.writeHead(303, { location: '/api/landing' }).end();
    },
    'POST /temporary': (_req, res) => {
      res.writeHead(307, { location: '/api/landing' }).end();
    },
    'GET /loop': (_req, res) => {
      res.writeHead(302, { location: '/loop' }).end();
    },
    'GET /to-page': (_req, res) => {
      res.writeHead(302, { location: '/webclient/login/' }).end();
    },
    'GET /webclient/login/': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><html><head><title>OMERO.web - Login</title></head></html>');
    },
    'GET /to-ftp': (_req, res) => {
      res.writeHead(302, { location: 'ftp://example.org/file' }).end();
    },
  });
});
afterAll(async () => {
  await home.close();
  await other.close();
});

type Strategy = [string, () => AuthStrategy, string[]];
const strategies: Strategy[] = [
  ['tokenAuth', () => tokenAuth({ token: 'tok-canary-42' }), ['authorization']],
  ['tokenAuth Bearer', () => tokenAuth({ token: 'tok-canary-42', scheme: 'Bearer' }), ['authorization']],
  ['headerAuth', () => headerAuth('X-Molgenis-Token', 'hdr-canary-42'), ['x-molgenis-token']],
  ['basicAuth', () => basicAuth('admin', 'pw-canary-42'), ['authorization']],
];

describe('redirects (loopback)', () => {
  it.each(strategies)('%s: same-origin redirect keeps auth', async (_name, make, names) => {
    const c = createHttpClient({ baseUrl: `${home.origin}/`, auth: make() });
    const r = await c.get('same').json<{ headers: Record<string, string> }>();
    for (const n of names) expect(r.headers[n]).toBeDefined();
  });
  it.each(strategies)('%s: cross-origin redirect drops auth, auth headers and cookies', async (_name, make, names) => {
    const c = createHttpClient({
      baseUrl: `${home.origin}/`,
      auth: make(),
      headers: { cookie: 'manual=1', 'x-keep': 'yes' },
    });
    const r = await c.get('cross').json<{ headers: Record<string, string> }>();
    for (const n of names) expect(r.headers[n]).toBeUndefined();
    expect(r.headers.authorization).toBeUndefined();
    expect(r.headers.cookie).toBeUndefined();
    expect(r.headers['x-keep']).toBe('yes');
    expect(JSON.stringify(r)).not.toContain('canary');
  });
  it.each(strategies)('%s: once a chain has left the origin, coming back does not restore auth', async (_name, make, names) => {
    const c = createHttpClient({ baseUrl: `${home.origin}/`, auth: make() });
    const r = await c.get('cross-and-back').json<{ headers: Record<string, string> }>();
    for (const n of names) expect(r.headers[n]).toBeUndefined();
    expect(JSON.stringify(r)).not.toContain('canary');
  });
  it('sessionAuth: cross-origin redirect drops cookies, CSRF header and Referer', async () => {
    const auth = sessionAuth();
    const c = createHttpClient({ baseUrl: `${home.origin}/`, auth });
    await c.get('login').json();
    expect(auth.cookies()).toEqual({ sessionid: 'sess-canary-42', csrftoken: 'csrf-canary-42' });
    const same = await c.post('same', { json: {} }).json<{ headers: Record<string, string> }>();
    expect(same.headers.cookie).toContain('sessionid=sess-canary-42');
    const r = await c.post('cross', { json: {} }).json<{ headers: Record<string, string> }>();
    expect(r.headers.cookie).toBeUndefined();
    expect(r.headers['x-csrftoken']).toBeUndefined();
    expect(r.headers.referer).toBeUndefined();
    expect(JSON.stringify(r)).not.toContain('canary');
  });
  it('303 turns a POST into a GET without body; 307 keeps method and body', async () => {
    const c = createHttpClient({ baseUrl: `${home.origin}/` });
    const seeOther = await c.post('see-other', { json: { a: 1 } }).json<{ method: string; body: string; headers: Record<string, string> }>();
    expect(seeOther.method).toBe('GET');
    expect(seeOther.body).toBe('');
    expect(seeOther.headers['content-type']).toBeUndefined();
    const temporary = await c.post('temporary', { json: { a: 1 } }).json<{ method: string; body: string }>();
    expect(temporary.method).toBe('POST');
    expect(temporary.body).toBe('{"a":1}');
  });
  it('caps the number of redirects', async () => {
    const c = createHttpClient({ baseUrl: `${home.origin}/`, maxRedirects: 3, retry: 0 });
    const before = home.requests.length;
    const e = await c.get('loop').catch((x: unknown) => x);
    expect(isNetworkError(e)).toBe(true);
    expect((e as Error).message).toContain('more than 3 redirects');
    expect(home.requests.length - before).toBe(4);
  });
  it('does not follow a redirect to a non-http scheme', async () => {
    const e = await createHttpClient({ baseUrl: `${home.origin}/`, retry: 0 })
      .get('to-ftp')
      .catch((x: unknown) => x);
    expect(isNetworkError(e)).toBe(true);
  });
  it('a redirect ending in an HTML page is a ResponseFormatError naming the page', async () => {
    const c = createHttpClient({ baseUrl: `${home.origin}/` });
    const e = await c
      .get('to-page')
      .json()
      .catch((x: unknown) => x);
    expect(isResponseFormatError(e)).toBe(true);
    expect((e as Error).message).toContain('after a redirect to');
    expect((e as Error).message).toContain('/webclient/login/');
    expect((e as { contentType: string }).contentType).toContain('text/html');
    expect((e as { url: string }).url).toBe(`${home.origin}/webclient/login/`);
  });
  it('hooks see every hop', async () => {
    const seen: string[] = [];
    const c = createHttpClient({
      baseUrl: `${home.origin}/`,
      hooks: { onRequest: (e) => seen.push(`> ${new URL(e.url).pathname}`), onResponse: (e) => seen.push(`< ${e.status}`) },
    });
    await c.get('same').json();
    expect(seen).toEqual(['> /same', '< 302', '> /api/landing', '< 200']);
  });
});
