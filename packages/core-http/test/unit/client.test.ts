import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  basicAuth,
  createHttpClient,
  headerAuth,
  isBadRequestError,
  isNotFoundError,
  isResponseFormatError,
  isServerError,
  NotFoundError,
  tokenAuth,
} from '@bio/core-http';

const BASE = 'https://api.example.org/v3';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = () => createHttpClient({ baseUrl: BASE, service: 'example', retry: { delay: 0 } });

describe('createHttpClient: URLs', () => {
  it('normalises the base URL and resolves paths relative to it, leading slash included', () => {
    const c = client();
    expect(c.baseUrl).toBe('https://api.example.org/v3/');
    expect(c.url('gene/1017')).toBe('https://api.example.org/v3/gene/1017');
    expect(c.url('/gene/1017')).toBe('https://api.example.org/v3/gene/1017');
    expect(c.url('//evil.example/x')).toBe('https://api.example.org/v3/evil.example/x');
    expect(c.url('https://api.example.org/v3/next?page=2')).toBe('https://api.example.org/v3/next?page=2');
  });
  it('adds search params with buildSearchParams, keeping a query already in the path', () => {
    const c = client();
    expect(c.url('query', { q: 'cdk2', fields: ['symbol', 'name'], size: undefined, dotfield: false })).toBe(
      'https://api.example.org/v3/query?q=cdk2&fields=symbol%2Cname&dotfield=false',
    );
    expect(c.url('query?a=1', { b: 2 })).toBe('https://api.example.org/v3/query?a=1&b=2');
  });
  it('rejects a base URL that is not absolute http(s)', () => {
    expect(() => createHttpClient({ baseUrl: 'api/v3' })).toThrow(TypeError);
    expect(() => createHttpClient({ baseUrl: 'ftp://x.org/' })).toThrow(TypeError);
  });
  it('never includes auth secrets in url()', () => {
    const c = createHttpClient({ baseUrl: BASE, auth: tokenAuth({ token: 'canary-token-1' }) });
    expect(c.url('x')).not.toContain('canary');
  });
});

describe('createHttpClient: methods and bodies', () => {
  it('GET .json() sends Accept and search params', async () => {
    server.use(
      http.get(`${BASE}/query`, ({ request }) => {
        const u = new URL(request.url);
        if (u.searchParams.get('q') !== 'cdk2' || u.searchParams.get('size') !== '5') return HttpResponse.text('bad query', { status: 500 });
        return HttpResponse.json({ accept: request.headers.get('accept'), hits: [1] });
      }),
    );
    await expect(
      client()
        .get('query', { searchParams: { q: 'cdk2', size: 5 } })
        .json(),
    ).resolves.toEqual({ accept: 'application/json', hits: [1] });
  });
  it('awaiting the promise gives the Response; text/bytes/stream read bodies', async () => {
    server.use(http.get(`${BASE}/t`, () => HttpResponse.text('hello\nworld')));
    const c = client();
    const res = await c.get('t');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('hello\nworld');
    expect(await c.get('t').text()).toBe('hello\nworld');
    expect(new TextDecoder().decode(await c.get('t').bytes())).toBe('hello\nworld');
    const stream = await c.get('t').stream();
    expect(await new Response(stream).text()).toBe('hello\nworld');
  });
  it('a body method called after awaiting still reads the (guarded) body', async () => {
    server.use(http.get(`${BASE}/t`, () => HttpResponse.json({ a: 1 })));
    const p = client().get('t');
    await p;
    await expect(p.json()).resolves.toEqual({ a: 1 });
  });
  it('sends JSON, form and raw bodies with the right content types', async () => {
    server.use(
      http.all(`${BASE}/echo`, async ({ request }) =>
        HttpResponse.json({ method: request.method, type: request.headers.get('content-type'), body: await request.text() }),
      ),
    );
    const c = client();
    await expect(c.post('echo', { json: { a: [1, 2] } }).json()).resolves.toEqual({ method: 'POST', type: 'application/json', body: '{"a":[1,2]}' });
    const form = await c.put('echo', { form: { q: ['1017', '1018'], scopes: 'entrezgene', skip: undefined } }).json<{ type: string; body: string }>();
    expect(form.type).toBe('application/x-www-form-urlencoded;charset=UTF-8');
    expect([...new URLSearchParams(form.body)]).toEqual([
      ['q', '1017'],
      ['q', '1018'],
      ['scopes', 'entrezgene'],
    ]);
    await expect(c.patch('echo', { body: '"eve"\n"zen"', headers: { 'content-type': 'text/plain' } }).json()).resolves.toEqual({
      method: 'PATCH',
      type: 'text/plain',
      body: '"eve"\n"zen"',
    });
    await expect(c.delete('echo').json()).resolves.toMatchObject({ method: 'DELETE' });
    await expect(c.request('options', 'echo').json()).resolves.toMatchObject({ method: 'OPTIONS' });
    const head = await c.head('echo');
    expect(head.status).toBe(200);
  });
  it('sends default headers, per-request headers and accept', async () => {
    server.use(http.get(`${BASE}/h`, ({ request }) => HttpResponse.json(Object.fromEntries(request.headers))));
    const c = createHttpClient({ baseUrl: BASE, headers: { 'x-default': 'd' }, userAgent: 'bio-test/1.0' });
    const h = await c.get('h', { headers: { 'x-call': 'c' }, accept: 'application/vnd.x+json' }).json<Record<string, string>>();
    expect(h['x-default']).toBe('d');
    expect(h['x-call']).toBe('c');
    expect(h.accept).toBe('application/vnd.x+json');
    expect(h['user-agent']).toBe('bio-test/1.0');
  });
  it('uses an injected fetch', async () => {
    const seen: string[] = [];
    const c = createHttpClient({
      baseUrl: BASE,
      fetch: async (input) => {
        seen.push(input instanceof Request ? input.url : String(input));
        return new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } });
      },
    });
    await expect(c.get('x').json()).resolves.toEqual({ ok: true });
    expect(seen).toEqual(['https://api.example.org/v3/x']);
  });
});

describe('createHttpClient: errors', () => {
  it('throws the subclass for the status with the service message, body and attempts', async () => {
    server.use(http.get(`${BASE}/gene/nope`, () => HttpResponse.json({ success: false, error: 'ID nope not found' }, { status: 404 })));
    const e = await client()
      .get('gene/nope')
      .json()
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(NotFoundError);
    expect(isNotFoundError(e)).toBe(true);
    const err = e as NotFoundError;
    expect(err.status).toBe(404);
    expect(err.method).toBe('GET');
    expect(err.url).toBe('https://api.example.org/v3/gene/nope');
    expect(err.service).toBe('example');
    expect(err.serviceMessage).toBe('ID nope not found');
    expect(err.body).toEqual({ success: false, error: 'ID nope not found' });
    expect(err.attempts).toBe(1);
    expect(err.message).toContain('ID nope not found');
  });
  it('takes the first line of a plain-text error body', async () => {
    server.use(http.post(`${BASE}/q`, () => HttpResponse.text('Invalid JSON body.\nat line 1', { status: 400 })));
    const e = await client()
      .post('q', { json: {} })
      .catch((x: unknown) => x);
    expect(isBadRequestError(e)).toBe(true);
    expect((e as { serviceMessage: string }).serviceMessage).toBe('Invalid JSON body.');
  });
  it('uses a custom serviceMessage extractor', async () => {
    server.use(http.get(`${BASE}/x`, () => HttpResponse.json({ problem: { text: 'custom words' } }, { status: 500 })));
    const c = createHttpClient({
      baseUrl: BASE,
      retry: 0,
      serviceMessage: (body) => (body as { problem: { text: string } }).problem.text,
    });
    const e = await c.get('x').catch((x: unknown) => x);
    expect(isServerError(e)).toBe(true);
    expect((e as { serviceMessage: string }).serviceMessage).toBe('custom words');
  });
  it('throwHttpErrors: false lets a 404 through', async () => {
    server.use(http.get(`${BASE}/x`, () => HttpResponse.json({ error: 'gone' }, { status: 404 })));
    const res = await client().get('x', { throwHttpErrors: false });
    expect(res.status).toBe(404);
    await expect(
      client()
        .get('x', { throwHttpErrors: (s) => s !== 404 })
        .json(),
    ).resolves.toEqual({ error: 'gone' });
  });
  it('ResponseFormatError for HTML, empty, invalid JSON and non-JSON types', async () => {
    server.use(
      http.get(`${BASE}/html`, () => HttpResponse.html('<!DOCTYPE html><html><title>Login</title></html>')),
      http.get(`${BASE}/empty`, () => new HttpResponse(null, { status: 200, headers: { 'content-type': 'application/json' } })),
      http.get(`${BASE}/invalid`, () => new HttpResponse('{"a":', { headers: { 'content-type': 'application/json' } })),
      http.get(`${BASE}/tsv`, () => new HttpResponse('a\tb\n', { headers: { 'content-type': 'text/tab-separated-values' } })),
    );
    const c = client();
    const html = await c
      .get('html')
      .json()
      .catch((x: unknown) => x);
    expect(isResponseFormatError(html)).toBe(true);
    expect((html as { contentType: string }).contentType).toContain('text/html');
    expect((html as { snippet: string }).snippet).toContain('<title>Login</title>');
    expect((html as Error).message).toContain('expected JSON but got text/html');
    const empty = await c
      .get('empty')
      .json()
      .catch((x: unknown) => x);
    expect((empty as Error).message).toContain('empty body');
    const invalid = await c
      .get('invalid')
      .json()
      .catch((x: unknown) => x);
    expect((invalid as Error).message).toContain('invalid JSON');
    expect((invalid as { snippet: string }).snippet).toBe('{"a":');
    const tsv = await c
      .get('tsv')
      .json()
      .catch((x: unknown) => x);
    expect((tsv as Error).message).toContain('text/tab-separated-values');
  });
  it('errorInBody turns a 2xx JSON body into the error class for its status', async () => {
    server.use(http.get(`${BASE}/r`, () => HttpResponse.json({ wasSuccessful: false, error: 'bad query XML', statusCode: 400 })));
    const c = createHttpClient({
      baseUrl: BASE,
      service: 'intermine',
      errorInBody: (b) => {
        const body = b as { wasSuccessful?: boolean; error?: string; statusCode?: number };
        return body.wasSuccessful === false ? { status: body.statusCode ?? 500, message: body.error ?? 'failed' } : undefined;
      },
    });
    const e = await c
      .get('r')
      .json()
      .catch((x: unknown) => x);
    expect(isBadRequestError(e)).toBe(true);
    expect((e as { serviceMessage: string }).serviceMessage).toBe('bad query XML');
    expect((e as { service: string }).service).toBe('intermine');
  });
});

describe('createHttpClient: auth', () => {
  it.each([
    ['token', tokenAuth({ token: 'abc123' }), 'authorization', 'Token abc123'],
    ['bearer', tokenAuth({ token: 'abc123', scheme: 'Bearer' }), 'authorization', 'Bearer abc123'],
    ['header', headerAuth('x-molgenis-token', 'abc123'), 'x-molgenis-token', 'abc123'],
    ['basic', basicAuth('admin', 'pa:ss'), 'authorization', `Basic ${btoa('admin:pa:ss')}`],
  ])('%s auth sets its header', async (_name, auth, header, value) => {
    server.use(http.get(`${BASE}/me`, ({ request }) => HttpResponse.json({ v: request.headers.get(header) })));
    await expect(createHttpClient({ baseUrl: BASE, auth }).get('me').json()).resolves.toEqual({ v: value });
  });
  it('setAuth sets, replaces and removes the strategy', async () => {
    server.use(http.get(`${BASE}/me`, ({ request }) => HttpResponse.json({ v: request.headers.get('authorization') })));
    const c = createHttpClient({ baseUrl: BASE });
    expect(c.auth).toBeUndefined();
    await expect(c.get('me').json()).resolves.toEqual({ v: null });
    const auth = tokenAuth({ token: 'first-token' });
    c.setAuth(auth);
    expect(c.auth).toBe(auth);
    await expect(c.get('me').json()).resolves.toEqual({ v: 'Token first-token' });
    c.setAuth(tokenAuth({ token: 'second-token', scheme: 'Bearer' }));
    await expect(c.get('me').json()).resolves.toEqual({ v: 'Bearer second-token' });
    c.setAuth(undefined);
    await expect(c.get('me').json()).resolves.toEqual({ v: null });
  });
  it('does not send auth to an absolute URL on another origin', async () => {
    server.use(http.get('https://other.example.net/x', ({ request }) => HttpResponse.json({ v: request.headers.get('authorization') })));
    const c = createHttpClient({ baseUrl: BASE, auth: tokenAuth({ token: 'abc123' }) });
    await expect(c.get('https://other.example.net/x').json()).resolves.toEqual({ v: null });
  });
});

describe('createHttpClient: hooks', () => {
  it('reports requests, responses and retries, with attempt numbers and durations', async () => {
    let n = 0;
    server.use(http.get(`${BASE}/h`, () => (n++ === 0 ? HttpResponse.json({}, { status: 502 }) : HttpResponse.json({ ok: true }))));
    const events: string[] = [];
    const c = createHttpClient({
      baseUrl: BASE,
      retry: { delay: 0 },
      hooks: {
        onRequest: (e) => events.push(`request ${e.method} ${e.url} #${e.attempt}`),
        onResponse: (e) => {
          expect(e.durationMs).toBeGreaterThanOrEqual(0);
          events.push(`response ${e.status} #${e.attempt}`);
        },
        onRetry: (e) => events.push(`retry #${e.attempt} after ${e.delayMs} ms: ${e.error.status}`),
      },
    });
    await c.get('h').json();
    expect(events).toEqual([`request GET ${BASE}/h #1`, 'response 502 #1', 'retry #2 after 0 ms: 502', `request GET ${BASE}/h #2`, 'response 200 #2']);
  });
  it('an exception thrown by a hook comes out unchanged and is not retried', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/h`, () => {
        calls++;
        return HttpResponse.json({ ok: true });
      }),
    );
    const bug = new RangeError('hook bug');
    const c = createHttpClient({
      baseUrl: BASE,
      hooks: {
        onResponse: () => {
          throw bug;
        },
      },
    });
    await expect(c.get('h').json()).rejects.toBe(bug);
    expect(calls).toBe(1);
  });
});

describe('createHttpClient: Accept', () => {
  it('json() asks for JSON unless an Accept header was given', async () => {
    server.use(http.get(`${BASE}/a`, ({ request }) => HttpResponse.json({ accept: request.headers.get('accept') })));
    await expect(createHttpClient({ baseUrl: BASE }).get('a').json()).resolves.toEqual({ accept: 'application/json' });
    await expect(
      createHttpClient({ baseUrl: BASE, headers: { Accept: 'application/vnd.api+json' } })
        .get('a')
        .json(),
    ).resolves.toEqual({
      accept: 'application/vnd.api+json',
    });
    await expect(
      createHttpClient({ baseUrl: BASE })
        .get('a', { headers: { accept: 'text/json' } })
        .json(),
    ).resolves.toEqual({ accept: 'text/json' });
  });
});
