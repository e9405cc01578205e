import { afterEach, describe, expect, it, vi } from 'vitest';
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
  // poll waits with setTimeout and measures its deadline with Date.now(): a fake clock runs both.
  const fakeClock = (): void => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  };
  afterEach(() => vi.useRealTimers());

  it('checks until done, growing the interval by backoff up to maxInterval', async () => {
    fakeClock();
    const waits: number[] = [];
    let last = Date.now();
    let n = 0;
    const polling = poll(
      async ({ attempt }) => {
        const now = Date.now();
        if (attempt > 1) waits.push(now - last);
        last = now;
        return ++n < 4 ? { done: false } : { done: true, value: 'ok' };
      },
      { interval: 20, backoff: 2, maxInterval: 50 },
    );
    await vi.runAllTimersAsync();
    expect(await polling).toBe('ok');
    expect(n).toBe(4);
    expect(waits).toEqual([20, 40, 50]);
  });

  it('gives up with a TimeoutError at the deadline, naming what it waited for', async () => {
    fakeClock();
    let checks = 0;
    const polling = poll(
      async () => {
        checks++;
        return { done: false };
      },
      { interval: 10, deadline: 35, what: 'import run 42' },
    ).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(30); // checks at 0, 10, 20, 30 ms; a fifth at 40 would pass 35
    expect(checks).toBe(4);
    expect(vi.getTimerCount()).toBe(0); // gave up instead of waiting again
    const e = await polling;
    expect(isTimeoutError(e) && (e as Error).message.startsWith('import run 42 still not done')).toBe(true);
  });

  it('stops with an AbortError when the signal fires during a wait', async () => {
    fakeClock();
    const controller = new AbortController();
    let checks = 0;
    let stopped = false;
    const polling = poll(
      async () => {
        checks++;
        return { done: false };
      },
      { interval: 1000, signal: controller.signal },
    )
      .catch((e: unknown) => e)
      .finally(() => {
        stopped = true;
      });
    await vi.advanceTimersByTimeAsync(20);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(true); // at 20 ms, not at the end of the 1 s wait
    expect(checks).toBe(1);
    expect(isAbortError(await polling)).toBe(true);
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
