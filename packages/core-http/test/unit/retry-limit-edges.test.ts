// Edges of the retry options, Retry-After parsing, backoff and the concurrency limit that no test
// pinned (found as surviving mutants, docs/quality.md).
import { computeBackoff, createHttpClient, limitConcurrency, parseRetryAfter } from '@bio/core-http';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveRetryOptions } from '../../src/retry.js';

describe('parseRetryAfter edges', () => {
  it('reads fractional seconds, trims, and refuses anything else', () => {
    expect(parseRetryAfter('1.5')).toBe(1500);
    expect(parseRetryAfter('1.25')).toBe(1250);
    expect(parseRetryAfter(' 120 ')).toBe(120_000);
    expect(parseRetryAfter(undefined)).toBeUndefined();
    // A number with junk before or after is neither delta-seconds nor an HTTP-date.
    expect(parseRetryAfter('10abc')).toBeUndefined();
    expect(parseRetryAfter('x10')).toBeUndefined();
  });
});

describe('computeBackoff never returns a negative delay', () => {
  it('a negative delay or backoffLimit means no wait', () => {
    expect(computeBackoff(1, { delay: -100 }, () => 0.5)).toBe(0);
    expect(computeBackoff(3, { delay: -100, backoffLimit: 5000 }, () => 0.5)).toBe(0);
    expect(computeBackoff(2, { delay: 100, backoffLimit: -1 }, () => 0.5)).toBe(0);
  });
});

describe('resolveRetryOptions layers', () => {
  it('a later layer can turn retryOnNetworkError back on', () => {
    expect(resolveRetryOptions({ retryOnNetworkError: false }, { retryOnNetworkError: true }).retryOnNetworkError).toBe(true);
    expect(resolveRetryOptions({ retryOnNetworkError: false }, {}).retryOnNetworkError).toBe(false);
  });
});

describe('limitConcurrency(1)', () => {
  it('is valid and runs one task at a time, counting the waiting ones', async () => {
    const limit = limitConcurrency(1);
    const order: string[] = [];
    let release: () => void = () => undefined;
    const first = limit(
      () =>
        new Promise<void>((resolve) => {
          order.push('first started');
          release = resolve;
        }),
    );
    const second = limit(async () => {
      order.push('second started');
    });
    await Promise.resolve();
    expect(limit.activeCount).toBe(1);
    expect(limit.pendingCount).toBe(1);
    expect(order).toEqual(['first started']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first started', 'second started']);
    expect(limit.pendingCount).toBe(0);
    expect(limit.activeCount).toBe(0);
  });

  it('refuses 0 and fractions, saying what it got', () => {
    expect(() => limitConcurrency(0)).toThrow('concurrency must be an integer ≥ 1, got 0');
    expect(() => limitConcurrency(1.5)).toThrow('concurrency must be an integer ≥ 1, got 1.5');
  });
});

describe('HEAD and OPTIONS are retried by default (idempotent), as GET', () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it.each(['HEAD', 'OPTIONS'])('%s: a 503 then 200 costs two requests and succeeds', async (method) => {
    let count = 0;
    server.use(
      http.all('https://api.example.org/r', ({ request }) => {
        expect(request.method).toBe(method);
        count++;
        return count === 1 ? new HttpResponse(null, { status: 503 }) : new HttpResponse(null, { status: 200 });
      }),
    );
    const c = createHttpClient({ baseUrl: 'https://api.example.org/', retry: { delay: 0 } });
    const response = await (method === 'HEAD' ? c.head('r') : c.request(method, 'r'));
    expect(response.status).toBe(200);
    expect(count).toBe(2);
  });
});
