// Retry edges from issue 3: Retry-After as an HTTP-date in the past, hook payloads free of secrets.
import { expect, it } from 'vitest';
import { createHttpClient, type HttpHooks, parseRetryAfter, tokenAuth } from '../../src/index.js';

const TOKEN = 'tok-secret-9c1e';

function fakeFetch(responses: (() => Response)[]): { fetch: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  let i = 0;
  const fn = (async (input: RequestInfo | URL) => {
    urls.push(input instanceof Request ? input.url : String(input));
    const make = responses[Math.min(i++, responses.length - 1)];
    if (!make) throw new Error('no response');
    return make();
  }) as typeof fetch;
  return { fetch: fn, urls };
}

it('parseRetryAfter: an HTTP-date in the past means "now" (0), not a negative wait', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', now)).toBe(0);
  expect(parseRetryAfter(new Date(now + 5_000).toUTCString(), now)).toBe(5_000);
});

it('a 503 with a past Retry-After date is retried at once, and hook payloads carry no secret', async () => {
  const { fetch, urls } = fakeFetch([
    () =>
      new Response(`{"detail":"busy, token ${TOKEN}"}`, {
        status: 503,
        headers: { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT', 'content-type': 'application/json' },
      }),
    () => Response.json({ ok: true }),
  ]);
  const payloads: unknown[] = [];
  const hooks: HttpHooks = { onRequest: (p) => payloads.push(p), onResponse: (p) => payloads.push(p), onRetry: (p) => payloads.push(p) };
  const client = createHttpClient({ baseUrl: 'https://api.example.org/', fetch, hooks, auth: tokenAuth({ token: TOKEN }), retry: { limit: 1 } });
  const started = Date.now();
  await expect(client.get('x', { searchParams: { api_key: TOKEN } }).json()).resolves.toEqual({ ok: true });
  expect(Date.now() - started).toBeLessThan(250);
  expect(urls).toHaveLength(2);
  const retry = payloads.find((p) => (p as { delayMs?: number }).delayMs !== undefined) as { delayMs: number; error: Error };
  expect(retry.delayMs).toBe(0);
  for (const p of payloads) {
    expect(JSON.stringify(p)).not.toContain(TOKEN);
    expect(String((p as { error?: Error }).error ?? '')).not.toContain(TOKEN);
  }
});
