import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { computeBackoff, createHttpClient, isNetworkError, isRateLimitError, isServerError, parseRetryAfter } from '@bio/core-http';

const BASE = 'https://api.example.org/';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
});
afterAll(() => server.close());

/** A handler answering with the given statuses in turn (the last one repeats), counting calls. */
function sequence(method: 'get' | 'post' | 'put', url: string, statuses: number[], headers: Record<string, string> = {}) {
  const calls = { count: 0 };
  server.use(
    http[method](url, () => {
      const status = statuses[Math.min(calls.count, statuses.length - 1)] as number;
      calls.count++;
      return status < 300 ? HttpResponse.json({ ok: true, call: calls.count }) : HttpResponse.json({ error: `status ${status}` }, { status, headers });
    }),
  );
  return calls;
}

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP-dates', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(parseRetryAfter('0')).toBe(0);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('')).toBeUndefined();
  });
});

describe('computeBackoff', () => {
  it('is exponential with full jitter, capped', () => {
    expect(computeBackoff(1, { delay: 300 }, () => 0.999999)).toBe(299);
    expect(computeBackoff(3, { delay: 300 }, () => 1)).toBe(1200);
    expect(computeBackoff(3, { delay: 300 }, () => 0)).toBe(0);
    expect(computeBackoff(20, { delay: 300, backoffLimit: 5000 }, () => 1)).toBe(5000);
    expect(computeBackoff(4, { delay: 0 })).toBe(0);
    for (let i = 0; i < 100; i++) {
      const d = computeBackoff(2, { delay: 100 });
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(200);
    }
  });
});

describe('retry', () => {
  it('retries GET on 503 and counts attempts', async () => {
    const calls = sequence('get', `${BASE}x`, [503, 502, 200]);
    const retries: number[] = [];
    const c = createHttpClient({ baseUrl: BASE, retry: { delay: 0 }, hooks: { onRetry: (e) => retries.push(e.attempt) } });
    await expect(c.get('x').json()).resolves.toEqual({ ok: true, call: 3 });
    expect(calls.count).toBe(3);
    expect(retries).toEqual([2, 3]);
  });
  it('gives up after limit with the last error and its attempt count', async () => {
    const calls = sequence('get', `${BASE}x`, [500]);
    const c = createHttpClient({ baseUrl: BASE, retry: { limit: 3, delay: 0 } });
    const e = await c.get('x').catch((x: unknown) => x);
    expect(isServerError(e)).toBe(true);
    expect((e as { attempts: number }).attempts).toBe(4);
    expect(calls.count).toBe(4);
  });
  it('a number means limit, false and 0 mean none', async () => {
    const calls = sequence('get', `${BASE}x`, [500]);
    const sent = async (client: { retry: number | { limit: number; delay: number } }, call: { retry?: number | false | { limit?: number; delay: number } }) => {
      calls.count = 0;
      const e = await createHttpClient({ baseUrl: BASE, ...client })
        .get('x', call)
        .catch((x: unknown) => x);
      expect(isServerError(e)).toBe(true);
      expect((e as { attempts: number }).attempts).toBe(calls.count);
      return calls.count;
    };
    // Controls: the same 500 is retried by default and with a number.
    expect(await sent({ retry: { limit: 2, delay: 0 } }, {})).toBe(3);
    expect(await sent({ retry: 1 }, { retry: { delay: 0 } })).toBe(2);
    // None: 0 on the client or per call (as a number or as `limit`), and false per call.
    expect(await sent({ retry: 0 }, {})).toBe(1);
    expect(await sent({ retry: { limit: 0, delay: 0 } }, {})).toBe(1);
    expect(await sent({ retry: { limit: 2, delay: 0 } }, { retry: 0 })).toBe(1);
    expect(await sent({ retry: { limit: 2, delay: 0 } }, { retry: false })).toBe(1);
    expect(await sent({ retry: { limit: 2, delay: 0 } }, { retry: { limit: 0, delay: 0 } })).toBe(1);
  });
  it('does not retry statuses outside the list (404, 400)', async () => {
    const c = createHttpClient({ baseUrl: BASE, retry: { limit: 2, delay: 0 } });
    // Control: this client retries a listed status.
    const control = sequence('get', `${BASE}r`, [503]);
    await c.get('r').catch(() => undefined);
    expect(control.count).toBe(3);
    for (const status of [404, 400]) {
      const calls = sequence('get', `${BASE}s${status}`, [status, 200]);
      const e = await c.get(`s${status}`).catch((x: unknown) => x);
      expect((e as { status: number }).status).toBe(status);
      expect((e as { attempts: number }).attempts).toBe(1);
      expect(calls.count).toBe(1);
    }
  });
  it('never retries a POST unless it is marked idempotent', async () => {
    const calls = sequence('post', `${BASE}q`, [503, 200]);
    const c = createHttpClient({ baseUrl: BASE, retry: { delay: 0 } });
    const e = await c.post('q', { json: { q: 1 } }).catch((x: unknown) => x);
    expect(isServerError(e)).toBe(true);
    expect(calls.count).toBe(1);
    calls.count = 0;
    await expect(c.post('q', { json: { q: 1 }, idempotent: true }).json()).resolves.toEqual({ ok: true, call: 2 });
    expect(calls.count).toBe(2);
  });
  it('does not retry PUT by default but does when methods include it', async () => {
    const calls = sequence('put', `${BASE}p`, [503, 200]);
    await createHttpClient({ baseUrl: BASE, retry: { delay: 0 } })
      .put('p', { json: {} })
      .catch(() => undefined);
    expect(calls.count).toBe(1);
    calls.count = 0;
    await createHttpClient({ baseUrl: BASE, retry: { delay: 0, methods: ['GET', 'PUT'] } })
      .put('p', { json: {} })
      .json();
    expect(calls.count).toBe(2);
  });
  it('does not retry a stream body even when idempotent', async () => {
    const calls = sequence('post', `${BASE}q`, [503, 200]);
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('x'));
        c.close();
      },
    });
    await createHttpClient({ baseUrl: BASE, retry: { delay: 0 } })
      .post('q', { body, idempotent: true })
      .catch(() => undefined);
    expect(calls.count).toBe(1);
  });
  it('retries network errors (and can be told not to)', async () => {
    let count = 0;
    server.use(
      http.get(`${BASE}n`, () => {
        count++;
        return count < 3 ? HttpResponse.error() : HttpResponse.json({ ok: true });
      }),
    );
    await expect(
      createHttpClient({ baseUrl: BASE, retry: { delay: 0 } })
        .get('n')
        .json(),
    ).resolves.toEqual({ ok: true });
    expect(count).toBe(3);
    count = 0;
    const e = await createHttpClient({ baseUrl: BASE, retry: { delay: 0, retryOnNetworkError: false } })
      .get('n')
      .catch((x: unknown) => x);
    expect(isNetworkError(e)).toBe(true);
    expect((e as Error).cause).toBeDefined();
    expect(count).toBe(1);
  });
  it('honours Retry-After in seconds without jitter', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const calls = sequence('get', `${BASE}x`, [429, 200], { 'retry-after': '7' });
    const delays: number[] = [];
    const c = createHttpClient({ baseUrl: BASE, hooks: { onRetry: (e) => delays.push(e.delayMs) } });
    const p = c.get('x').json();
    await vi.advanceTimersByTimeAsync(6_900);
    expect(calls.count).toBe(1);
    await vi.advanceTimersByTimeAsync(200);
    await expect(p).resolves.toEqual({ ok: true, call: 2 });
    expect(delays).toEqual([7000]);
  });
  it('honours Retry-After as an HTTP-date', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(Date.parse('2026-01-01T00:00:00Z'));
    const calls = sequence('get', `${BASE}x`, [503, 200], { 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' });
    const delays: number[] = [];
    const c = createHttpClient({ baseUrl: BASE, hooks: { onRetry: (e) => delays.push(e.delayMs) } });
    const p = c.get('x').json();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(calls.count).toBe(1);
    await vi.advanceTimersByTimeAsync(1_100);
    await expect(p).resolves.toMatchObject({ ok: true });
    expect(delays).toEqual([5000]);
  });
  it('caps Retry-After at maxRetryAfter and records retryAfter on the error', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const calls = sequence('get', `${BASE}x`, [429], { 'retry-after': '3600' });
    const delays: number[] = [];
    const c = createHttpClient({ baseUrl: BASE, retry: { limit: 1, maxRetryAfter: 2_000 }, hooks: { onRetry: (e) => delays.push(e.delayMs) } });
    const p = c.get('x').catch((x: unknown) => x);
    await vi.advanceTimersByTimeAsync(2_100);
    const e = await p;
    expect(isRateLimitError(e)).toBe(true);
    expect((e as { retryAfter: number }).retryAfter).toBe(3_600_000);
    expect(delays).toEqual([2000]);
    expect(calls.count).toBe(2);
  });
  it('stops at the overall deadline rather than waiting past it', async () => {
    // The deadline is a timer and compared with Date.now(): both fake, so "at once" means no clock time at all.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const calls = sequence('get', `${BASE}x`, [503], { 'retry-after': '30' });
    const c = createHttpClient({ baseUrl: BASE, retry: { limit: 5, deadline: 1_000 } });
    let settled = false;
    const p = c
      .get('x')
      .catch((x: unknown) => x)
      .finally(() => {
        settled = true;
      });
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(true); // gave up on the 30 s wait before starting it, not when the deadline fired
    const e = await p;
    expect(isServerError(e)).toBe(true);
    expect(calls.count).toBe(1);
  });
  it('an abort during a retry wait ends at once with AbortError', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const calls = sequence('get', `${BASE}x`, [503], { 'retry-after': '10' });
    const controller = new AbortController();
    const c = createHttpClient({ baseUrl: BASE, signal: controller.signal });
    const p = c.get('x').catch((x: unknown) => x);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    const e = await p;
    expect((e as { name: string }).name).toBe('AbortError');
    expect(calls.count).toBe(1);
  });
});
