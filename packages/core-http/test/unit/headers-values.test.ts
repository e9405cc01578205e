import { describe, expect, it } from 'vitest';
import { createHttpClient, type HttpHooks, isNetworkError, NetworkError } from '@bio/core-http';

const BASE = 'https://api.example.org/v3';

/** A client whose fetch records what each attempt sent. */
function recording(options: { headers?: Record<string, string>; userAgent?: string; hooks?: HttpHooks } = {}, statuses: number[] = []) {
  const sent: Array<{ method: string; url: string; headers: Record<string, string>; body: string }> = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    sent.push({ method: request.method, url: request.url, headers: Object.fromEntries(request.headers), body: await request.text() });
    const status = statuses.shift() ?? 200;
    if (status === 307) return new Response(null, { status, headers: { location: `${BASE}/moved` } });
    return Response.json({ ok: status === 200 }, { status });
  };
  const client = createHttpClient({ baseUrl: BASE, service: 'example', retry: { delay: 0 }, fetch, ...options });
  return { client, sent };
}

const hookSets: Array<[string, HttpHooks]> = [
  ['without ky hooks', {}],
  ['with a beforeRequest hook', { beforeRequest: [() => undefined] }],
  ['with an afterResponse hook', { afterResponse: [() => undefined] }],
  ['with an onRetry hook', { onRetry: () => undefined }],
];

describe.each(hookSets)('header values %s', (_name, hooks) => {
  it('drops a header whose value is undefined or the string "undefined", client or per-call', async () => {
    const { client, sent } = recording({ headers: { 'x-a': '1', 'x-b': 'undefined', 'x-c': '3' }, hooks });
    await client.get('h', { headers: { 'x-c': undefined as unknown as string, 'x-d': 'undefined', 'x-e': '  padded  ' } }).json();
    expect(sent).toHaveLength(1);
    const h = sent[0]?.headers ?? {};
    expect(h['x-a']).toBe('1');
    expect('x-b' in h).toBe(false);
    expect('x-c' in h).toBe(false);
    expect('x-d' in h).toBe(false);
    expect(h['x-e']).toBe('padded');
    expect(h.accept).toBe('application/json');
  });

  it.each([
    ['per-call value', {}, { 'x-bad': 'a\nb' }],
    ['client value', { 'x-bad': 'a\r\nb' }, {}],
    ['per-call name', {}, { 'bad name': 'v' }],
    ['non-latin1 value', {}, { 'x-bad': 'π' }],
    ['name of an undefined value', {}, { 'bad name': undefined as unknown as string }],
    ['value, then a non-latin1 one', {}, { 'x-bad': 'a\nb', 'x-worse': 'π' }],
  ])('an invalid header (%s) fails the call before any attempt, not retried', async (_case, clientHeaders, callHeaders) => {
    const seen: string[] = [];
    const observed = {
      ...hooks,
      onRequest: () => void seen.push('request'),
      beforeError: [
        (e: unknown) => {
          seen.push('beforeError');
          return e as never;
        },
      ],
    };
    const { client, sent } = recording({ headers: clientHeaders, hooks: observed });
    const error = await client
      .get('h', { headers: callHeaders })
      .json()
      .catch((e: unknown) => e);
    expect(sent).toHaveLength(0);
    expect(seen).toEqual(['beforeError']);
    expect(error).toBeInstanceOf(NetworkError);
    expect(isNetworkError(error)).toBe(true);
    const e = error as NetworkError;
    expect(e.attempts).toBe(0);
    expect(e.cause).toBeInstanceOf(TypeError);
    expect(e.message).toBe(`GET ${BASE}/h: network error (${(e.cause as TypeError).message})`);
    expect(e.url).toBe(`${BASE}/h`);
  });
});

describe.each(hookSets)('headers on every attempt %s', (_name, hooks) => {
  it('sends the same headers (content-type included) again on a retry', async () => {
    const { client, sent } = recording({ headers: { 'x-a': '1' }, userAgent: 'bio-test/1.0', hooks }, [503]);
    await expect(client.post('p', { json: { a: 1 }, idempotent: true, headers: { 'x-b': '2' } }).json()).resolves.toEqual({ ok: true });
    expect(sent).toHaveLength(2);
    for (const s of sent) {
      expect(s.headers).toMatchObject({ 'x-a': '1', 'x-b': '2', 'user-agent': 'bio-test/1.0', 'content-type': 'application/json', accept: 'application/json' });
      expect(s.body).toBe('{"a":1}');
    }
  });

  it('sends them again when following a 307', async () => {
    const { client, sent } = recording({ headers: { 'x-a': '1' }, hooks }, [307]);
    await expect(client.put('p', { json: { a: 1 }, headers: { 'x-b': '2' } }).json()).resolves.toEqual({ ok: true });
    expect(sent.map((s) => s.url)).toEqual([`${BASE}/p`, `${BASE}/moved`]);
    for (const s of sent) expect(s.headers).toMatchObject({ 'x-a': '1', 'x-b': '2', 'content-type': 'application/json', accept: 'application/json' });
  });

  it('a given content-type replaces the one of a string or form body; an undefined one keeps it', async () => {
    const { client, sent } = recording({ hooks });
    await client.post('p', { body: 'x', headers: { 'content-type': 'text/csv' } }).text();
    await client.post('p', { body: 'x', headers: { 'content-type': undefined as unknown as string } }).text();
    const form = new FormData();
    form.set('a', '1');
    await client.post('p', { body: form }).text();
    await client.post('p', { body: new URLSearchParams({ a: '1' }), headers: { 'content-type': 'text/x-custom' } }).text();
    expect(sent.map((s) => s.headers['content-type'])).toEqual([
      'text/csv',
      'text/plain;charset=UTF-8',
      expect.stringMatching(/^multipart\/form-data; boundary=/),
      'text/x-custom',
    ]);
    expect(sent[2]?.body).toContain('name="a"');
  });
});
