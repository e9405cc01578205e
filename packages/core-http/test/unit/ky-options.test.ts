// What core-http hands ky per request. The key order is not cosmetic: ky copies the options key
// by key (its deepMerge) and V8 gave the copies new hidden classes on every request unless
// `context` came last (see `send` in src/internal/transport.ts and the core-http-overhead bench).
import ky from 'ky';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpClient, tokenAuth } from '@bio/core-http';

vi.mock('ky', async (importOriginal) => {
  const real = await importOriginal<typeof import('ky')>();
  return { ...real, default: vi.fn(real.default) };
});

/** ky's calls so far (mockClear replaces the array, so it is read anew each time). */
const kyCalls = (): unknown[][] => vi.mocked(ky).mock.calls;
const answer = (): Promise<Response> => Promise.resolve(new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } }));

afterEach(() => {
  vi.mocked(ky).mockClear();
});

describe('the options given to ky', () => {
  it('a plain GET: only what differs from ky’s defaults, then context (undefined) last', async () => {
    const client = createHttpClient({ baseUrl: 'https://api.example.org/v3/', fetch: answer });
    await expect(client.get('gene/1017').json()).resolves.toEqual({ ok: true });
    expect(kyCalls()).toHaveLength(1);
    const options = kyCalls()[0]?.[1] as Record<string, unknown>;
    expect(Object.keys(options)).toEqual(['timeout', 'retry', 'redirect', 'fetch', 'context']);
    expect(options.context).toBeUndefined();
  });

  it('every optional key still comes before context', async () => {
    const client = createHttpClient({
      baseUrl: 'https://api.example.org/v3/',
      fetch: answer,
      auth: tokenAuth({ token: 'not-a-real-token' }),
      hooks: { beforeRequest: [() => undefined] },
      signal: new AbortController().signal,
    });
    await client.post('genes', { json: { q: 'cdk2' }, headers: { 'x-trace': '1' }, throwHttpErrors: (status) => status >= 500 }).json();
    const keys = Object.keys(kyCalls()[0]?.[1] as object);
    expect(keys.at(-1)).toBe('context');
    expect(keys).toEqual(expect.arrayContaining(['headers', 'hooks', 'throwHttpErrors', 'method', 'body', 'signal']));
  });
});
