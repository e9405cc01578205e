import { describe, expect, it } from 'vitest';
import {
  BadRequestError,
  BioError,
  BioHttpError,
  createServiceClient,
  isAbortError,
  isBioError,
  isBioHttpError,
  isTimeoutError,
  isValidationError,
  limitConcurrency,
  NetworkError,
  poll,
  ServerError,
  sleep,
  TimeoutError,
  userAgentFor,
  ValidationError,
} from '@bio/core-http';

describe('errors', () => {
  it('ValidationError is a BioError but not an HTTP error', () => {
    const e = new ValidationError({ message: 'size must be ≤ 1000', field: 'size' });
    expect(isBioError(e)).toBe(true);
    expect(isBioHttpError(e)).toBe(false);
    expect(e).not.toBeInstanceOf(BioHttpError);
    expect(e.toJSON()).toEqual({ name: 'ValidationError', code: 'VALIDATION', message: 'size must be ≤ 1000', field: 'size' });
  });

  it('a client subclass keeps the markers and has its own code', () => {
    class ScrollExpired extends BadRequestError {
      override name = 'ScrollExpiredError';
      override readonly code = 'SCROLL_EXPIRED';
    }
    const e = new ScrollExpired({ status: 400 });
    expect(isBioHttpError(e)).toBe(true);
    expect(e.code).toBe('SCROLL_EXPIRED');
    expect(new BadRequestError({ status: 400 }).code).toBe('BAD_REQUEST');
  });

  it('guards hold for an error from another copy of core-http (marker + name)', () => {
    const foreign = { name: 'TimeoutError', code: 'TIMEOUT', isBioError: true, isBioHttpError: true, message: 'x' };
    expect(isBioHttpError(foreign)).toBe(true);
    expect(isTimeoutError(foreign)).toBe(true);
    expect(isBioHttpError({ name: 'TimeoutError', code: 20 })).toBe(false); // a DOMException-like look-alike
    expect(isValidationError({ name: 'ValidationError', message: 'not ours' })).toBe(false);
  });

  it('retryable says whether trying again may help', () => {
    expect(new ServerError({ status: 503 }).retryable).toBe(true);
    expect(new ServerError({ status: 501 }).retryable).toBe(false);
    expect(new BadRequestError({ status: 400 }).retryable).toBe(false);
    expect(new TimeoutError({}).retryable).toBe(true);
    expect(new NetworkError({}).retryable).toBe(true);
    expect(new ValidationError({}).retryable).toBe(false);
    expect(new BioError('x').retryable).toBe(false);
  });
});

describe('createServiceClient', () => {
  it('sends @bio/<name>/<version> as User-Agent, the caller value first', async () => {
    const agents: (string | null)[] = [];
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      agents.push(new Headers(init?.headers ?? (input as Request).headers).get('user-agent'));
      return new Response('{}', { headers: { 'content-type': 'application/json' } });
    }) as typeof globalThis.fetch;
    const service = { name: 'mygene', version: '1.2.3', baseUrl: 'http://127.0.0.1:9/v3/' };
    await createServiceClient({ fetch }, service).get('x').json();
    await createServiceClient({ fetch, userAgent: 'my-pipeline/1.4', timeout: undefined, retry: undefined }, service).get('x').json();
    expect(agents).toEqual(['@bio/mygene/1.2.3', 'my-pipeline/1.4 @bio/mygene/1.2.3']);
    expect(userAgentFor('idr', '0.1.0', '  ')).toBe('@bio/idr/0.1.0');
  });

  it('uses the caller baseUrl before the service default', () => {
    const http = createServiceClient({ baseUrl: 'https://mirror.example.org/v3' }, { name: 'mygene', version: '1', baseUrl: 'https://mygene.info/v3/' });
    expect(http.baseUrl).toBe('https://mirror.example.org/v3/');
  });
});

describe('poll', () => {
  it('checks until done, growing the interval by backoff up to maxInterval', async () => {
    const waits: number[] = [];
    let last = Date.now();
    let n = 0;
    const value = await poll(
      async ({ attempt }) => {
        const now = Date.now();
        if (attempt > 1) waits.push(now - last);
        last = now;
        return ++n < 4 ? { done: false } : { done: true, value: 'ok' };
      },
      { interval: 20, backoff: 2, maxInterval: 50 },
    );
    expect(value).toBe('ok');
    expect(n).toBe(4);
    expect(waits.length).toBe(3);
    expect(waits[0]).toBeGreaterThanOrEqual(18);
    expect(waits[1]).toBeGreaterThanOrEqual(38);
    expect(waits[2]).toBeGreaterThanOrEqual(48);
    expect(waits[2]).toBeLessThan(200);
  });

  it('gives up with a TimeoutError at the deadline, naming what it waited for', async () => {
    await expect(poll(async () => ({ done: false }), { interval: 10, deadline: 35, what: 'import run 42' })).rejects.toSatisfy(
      (e: unknown) => isTimeoutError(e) && (e as Error).message.startsWith('import run 42 still not done'),
    );
  });

  it('stops with an AbortError when the signal fires during a wait', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    await expect(poll(async () => ({ done: false }), { interval: 1000, signal: controller.signal })).rejects.toSatisfy(isAbortError);
  });

  it('refuses bad options before the first check', async () => {
    let checks = 0;
    const check = async () => {
      checks++;
      return { done: false } as const;
    };
    await expect(poll(check, { backoff: 0.5 })).rejects.toSatisfy(isValidationError);
    expect(checks).toBe(0);
  });
});

describe('sleep and limitConcurrency', () => {
  it('sleep rejects with an AbortError (TimeoutError for AbortSignal.timeout)', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(sleep(1000, { signal: controller.signal })).rejects.toSatisfy(isAbortError);
    await expect(sleep(1000, { signal: AbortSignal.timeout(5) })).rejects.toSatisfy(isTimeoutError);
    await expect(sleep(0)).resolves.toBeUndefined();
  });

  it('limitConcurrency runs at most n tasks at once, in order', async () => {
    const limit = limitConcurrency(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        limit(async () => {
          running++;
          peak = Math.max(peak, running);
          await sleep(5);
          order.push(n);
          running--;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(limit.activeCount).toBe(0);
    expect(() => limitConcurrency(0)).toThrow(TypeError);
  });
});

describe('createServiceClient retry', () => {
  it('a caller retry refines the service default: a number changes only the limit', async () => {
    let calls = 0;
    const fetch = (async () => {
      calls++;
      return new Response('down', { status: 500 });
    }) as typeof globalThis.fetch;
    // The service does not retry 500; the caller raises the limit but keeps that rule.
    const service = { name: 'idr', version: '1', baseUrl: 'http://127.0.0.1:9/', defaults: { retry: { limit: 2, statusCodes: [502], delay: 0 } } };
    await expect(createServiceClient({ fetch, retry: 5 }, service).get('x')).rejects.toThrow();
    expect(calls).toBe(1);
    calls = 0;
    await expect(createServiceClient({ fetch, retry: { statusCodes: [500], limit: undefined } }, service).get('x')).rejects.toThrow();
    expect(calls).toBe(3);
  });
});
