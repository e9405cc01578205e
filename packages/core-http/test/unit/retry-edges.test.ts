// Retry edges from issue 3: Retry-After as an HTTP-date in the past, hook payloads free of secrets.
import { afterEach, expect, it, vi } from 'vitest';
import { createHttpClient, type HttpHooks, parseRetryAfter, tokenAuth } from '../../src/index.js';

const TOKEN = 'tok-secret-9c1e';

afterEach(() => vi.useRealTimers());

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
  // The fetch is injected: on a fake clock "at once" means the retry comes with no clock time passing
  // (the default backoff would be 300 ms).
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
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
  const body = client.get('x', { searchParams: { api_key: TOKEN } }).json();
  await vi.advanceTimersByTimeAsync(0);
  expect(urls).toHaveLength(2);
  await expect(body).resolves.toEqual({ ok: true });
  const retry = payloads.find((p) => (p as { delayMs?: number }).delayMs !== undefined) as { delayMs: number; error: Error };
  expect(retry.delayMs).toBe(0);
  for (const p of payloads) {
    expect(JSON.stringify(p)).not.toContain(TOKEN);
    expect(String((p as { error?: Error }).error ?? '')).not.toContain(TOKEN);
  }
});
