// The cheaper branches of the per-request path (core-http-overhead bench) and the cases that must
// not take them: each test below goes red when its branch is taken where it is not safe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpHooks, isNetworkError, isNotFoundError, isResponseTooLargeError, tokenAuth } from '@bio/core-http';
import { json, type Loopback, startLoopback } from './client-loopback.js';

const BASE = 'https://api.example.org/v3/';
const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:/i;

/** How a path was resolved before the shortcut: `new URL(path, base)`, leading slashes dropped. */
function reference(base: string, path: string): string {
  try {
    return (ABSOLUTE_URL.test(path) ? new URL(path) : new URL(path.charCodeAt(0) === 47 ? path.replace(/^\/+/, '') : path, base)).href;
  } catch (e) {
    return `throws ${(e as Error).name}`;
  }
}
function resolved(base: string, path: string): string {
  try {
    return createHttpClient({ baseUrl: base }).url(path);
  } catch (e) {
    return `throws ${(e as Error).name}`;
  }
}

// A plain path (letters, digits, `_`, `-`, dots inside segments) is parsed as base href + path
// (one parse, not two); these pin the resolution that shortcut must keep (the cases listed are the
// ones where the two parses differ, and plain paths next to them).
describe('URL resolution: new URL(path, base), leading slashes dropped', () => {
  const bases = [BASE, 'http://u:p@127.0.0.1:8080/a/b/', 'https://[::1]/', 'https://xn--bcher-kva.example/x%20y/'];
  // Each of these is read differently by new URL(path, base) and new URL(base.href + path).
  const tricky = [
    'gene/1017',
    'a.b/c-d_e/',
    'v1.2/x.json',
    'x.',
    '.x',
    'a..b',
    'a/./b',
    'a//b',
    '',
    '?q=1',
    '#f',
    'a/../b',
    '../x',
    './x',
    'x/.',
    '.^a/.', // Node resolves a trailing '/.' after this one differently in the two parses
    "'&/..",
    '%2e%2e/x',
    'x/%2E/y',
    ' x',
    '\u0001x',
    '\\x',
    '/\\x',
    '/a:b', // a scheme once the slash is dropped: the URL a:b
    '/Z:',
    '/http:',
    'ht\ttp:x', // a tab is removed first: http:x
    'a\nb',
    'x\r',
    'é/😀',
    'a b',
    '//evil.example/x',
    '/ x',
    'x?y/../z',
    'x#y/./z',
  ];
  it.each(bases)('tricky paths against %s', (base) => {
    for (const path of tricky) expect([path, resolved(base, path)]).toEqual([path, reference(base, path)]);
  });

  it('random paths from an alphabet of separators, dots, schemes and controls', () => {
    const alphabet = [
      'a',
      'Z',
      '0',
      '/',
      '\\',
      '.',
      '..',
      ':',
      '?',
      '#',
      '%',
      '%2e',
      ' ',
      '\t',
      '\n',
      '\r',
      '\u0000',
      '@',
      '[',
      ']',
      'é',
      'http',
      '+',
      '~',
      '&',
      '|',
      '^',
      '`',
      '{',
      '"',
      '<',
    ];
    let seed = 42;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (const base of bases) {
      const client = createHttpClient({ baseUrl: base });
      for (let i = 0; i < 5000; i++) {
        let path = '';
        for (let j = 0, len = 1 + next(8); j < len; j++) path += alphabet[next(alphabet.length)];
        const got = (() => {
          try {
            return client.url(path);
          } catch (e) {
            return `throws ${(e as Error).name}`;
          }
        })();
        if (got !== reference(base, path)) expect([base, path, got]).toEqual([base, path, reference(base, path)]);
      }
    }
  });
});

/** A fake fetch answering every request with `body` (a stream of `chunks`) and these headers. */
function answering(chunks: unknown[], headers: Record<string, string> = {}) {
  const fetch = async (): Promise<Response> =>
    new Response(
      new ReadableStream({
        start(c) {
          for (const chunk of chunks) c.enqueue(chunk);
          c.close();
        },
      }),
      { headers: { 'content-type': 'application/json', ...headers } },
    );
  return createHttpClient({ baseUrl: BASE, service: 'example', fetch, retry: { delay: 0, limit: 0 } });
}
/** What a promise rejects with (the test then asserts on it). */
const failure = (p: Promise<unknown>): Promise<unknown> => p.catch((e: unknown) => e);
const bytesOf = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);

describe('bodies with a Content-Length, read chunk by chunk (no copy into a new ArrayBuffer)', () => {
  it('several chunks: joined, the declared length read exactly', async () => {
    const c = answering([bytesOf('{"a":'), bytesOf('[1,2,'), bytesOf('3]}')], { 'content-length': '13' });
    await expect(c.get('x').json()).resolves.toEqual({ a: [1, 2, 3] });
    const bytes = await c.get('x').bytes();
    expect(new TextDecoder().decode(bytes)).toBe('{"a":[1,2,3]}');
    expect(bytes.constructor).toBe(Uint8Array);
    expect(bytes.buffer.byteLength).toBe(13);
  });

  it('one chunk that is a view on a larger buffer, or a Buffer: a plain Uint8Array owning exactly the body', async () => {
    const big = bytesOf('xx{"v":1}yy');
    const view = answering([big.subarray(2, 9)], { 'content-length': '7' });
    const fromView = await view.get('x').bytes();
    expect(fromView.constructor).toBe(Uint8Array);
    expect(fromView.byteLength).toBe(7);
    expect(fromView.buffer.byteLength).toBe(7);
    const buffer = answering([Buffer.from('{"v":2}')], { 'content-length': '7' });
    const fromBuffer = await buffer.get('x').bytes();
    expect(fromBuffer.constructor).toBe(Uint8Array);
    expect(new TextDecoder().decode(fromBuffer)).toBe('{"v":2}');
    await expect(buffer.get('x').json()).resolves.toEqual({ v: 2 });
  });

  it('a source that enqueues the same array for every response: each caller gets a copy of its own', async () => {
    const c = answering([bytesOf('{"v":1}')], { 'content-length': '7' });
    const first = await c.get('x').bytes();
    first.fill(0);
    await expect(c.get('x').json()).resolves.toEqual({ v: 1 });
  });

  it('the platform fetch: its one chunk per small body is the array returned', async () => {
    const server = await startLoopback({ 'GET /v': (_req, res) => json(res, 200, { v: 1 }, { 'content-length': '7' }) });
    try {
      const c = createHttpClient({ baseUrl: `${server.origin}/` });
      const bytes = await c.get('v').bytes();
      expect(new TextDecoder().decode(bytes)).toBe('{"v":1}');
      expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
      await expect(c.get('v').json()).resolves.toEqual({ v: 1 });
    } finally {
      await server.close();
    }
  });

  it('a chunk that is not bytes: the network error arrayBuffer() gave', async () => {
    const c = answering(['{"v":1}'], { 'content-length': '7' });
    const error = await failure(c.get('x').json());
    expect(isNetworkError(error)).toBe(true);
    expect((error as Error).message).toContain('Received non-Uint8Array chunk');
  });

  it('a fetch that sends more than it declares, past maxResponseBytes: refused while reading', async () => {
    const fetch = async (): Promise<Response> => new Response(bytesOf('[1,2,3,4,5,6,7,8,9]'), { headers: { 'content-length': '2' } });
    const c = createHttpClient({ baseUrl: BASE, fetch, maxResponseBytes: 8, retry: 0 });
    const error = await failure(c.get('x').json());
    expect(isResponseTooLargeError(error)).toBe(true);
    expect((error as Error).message).toContain('of more than that');
  });

  it('a body the caller already read (response mode, then json()): the TypeError of a used body, as before', async () => {
    const c = answering([bytesOf('{"v":1}')], { 'content-length': '7' });
    const p = c.get('x');
    const response = await p;
    await response.text();
    await expect(p.json()).rejects.toThrow(/Body is unusable/);
  });
});

describe('the exchange: the request URL without reading it back; credentials by origin', () => {
  let home: Loopback;
  let other: Loopback;
  beforeAll(async () => {
    other = await startLoopback({ '* /landing': (req, res) => json(res, 200, { headers: req.headers }) });
    home = await startLoopback({
      '* /api/echo': (req, res) => json(res, 200, { headers: req.headers }),
      '* /outside': (req, res) => json(res, 200, { headers: req.headers }),
      '* /api/hop-outside': (_req, res) => {
        res.writeHead(302, { location: '/outside' }).end();
      },
    });
  });
  afterAll(async () => {
    await home.close();
    await other.close();
  });

  it('without hooks the error names the request URL; a beforeRequest hook that replaces the request: its URL', async () => {
    const plain = createHttpClient({ baseUrl: `${home.origin}/api/`, retry: 0 });
    const missing = await failure(plain.get('missing').json());
    expect(isNotFoundError(missing)).toBe(true);
    expect((missing as { url: string }).url).toBe(`${home.origin}/api/missing`);

    const hooks: HttpHooks = { beforeRequest: [({ request }) => new Request(`${home.origin}/api/elsewhere`, request)] };
    const replaced = createHttpClient({ baseUrl: `${home.origin}/api/`, retry: 0, hooks });
    const error = await failure(replaced.get('missing').json());
    expect(isNotFoundError(error)).toBe(true);
    expect((error as { url: string }).url).toBe(`${home.origin}/api/elsewhere`);
  });

  it('same origin outside the base path (a URL, or a redirect there): credentials are added', async () => {
    const c = createHttpClient({ baseUrl: `${home.origin}/api/`, auth: tokenAuth({ token: 'same-origin-token' }) });
    const direct = await c.get(`${home.origin}/outside`).json<{ headers: Record<string, string> }>();
    expect(direct.headers.authorization).toBe('Token same-origin-token');
    const hop = await c.get('hop-outside').json<{ headers: Record<string, string> }>();
    expect(hop.headers.authorization).toBe('Token same-origin-token');
  });

  it('another origin: no credentials, neither ours nor the caller’s', async () => {
    const c = createHttpClient({ baseUrl: `${home.origin}/api/`, auth: tokenAuth({ token: 'other-origin-token' }) });
    const seen = await c.get(`${other.origin}/landing`, { headers: { cookie: 'a=b' } }).json<{ headers: Record<string, string> }>();
    expect(seen.headers.authorization).toBeUndefined();
    expect(seen.headers.cookie).toBeUndefined();
  });
});

describe('the response promise settles with the request (no promise layers in between)', () => {
  const fetch = async (input: RequestInfo | URL): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    return url.pathname.endsWith('/boom') ? Response.json({ message: 'nope' }, { status: 404 }) : Response.json({ ok: true });
  };

  it('json(), then the promise itself: the response that was read', async () => {
    const c = createHttpClient({ baseUrl: BASE, fetch });
    const p = c.get('x');
    await expect(p.json()).resolves.toEqual({ ok: true });
    const response = await p;
    expect(response.status).toBe(200);
    expect(response.bodyUsed).toBe(true);
  });

  it('a failure seen through json(): beforeError runs once there; the promise rejects with the error as it came (handled)', async () => {
    let calls = 0;
    const c = createHttpClient({
      baseUrl: BASE,
      fetch,
      retry: 0,
      hooks: {
        beforeError: [
          (e) => {
            calls++;
            e.message = `${e.message} (hooked)`;
            return e;
          },
        ],
      },
    });
    const p = c.get('boom');
    await expect(p.json()).rejects.toThrow(/\(hooked\)$/);
    expect(calls).toBe(1);
    await expect(p).rejects.toThrow(/\(hooked\)$/); // the same error object, hooked once
    expect(calls).toBe(1);
  });

  it('a failure awaited on the promise: beforeError runs there; a body method called later rejects too', async () => {
    let calls = 0;
    const count: HttpHooks['beforeError'] = [
      (e) => {
        calls++;
        return e;
      },
    ];
    const c = createHttpClient({ baseUrl: BASE, fetch, retry: 0, hooks: { beforeError: count } });
    const p = c.get('boom');
    const error = await failure(p);
    expect(isNotFoundError(error)).toBe(true);
    expect(calls).toBe(1);
    await expect(p.json()).rejects.toBe(error);
    expect(calls).toBe(2);
  });
});
