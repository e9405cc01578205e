// The ky-style hooks (beforeRequest, afterResponse, beforeRetry, beforeError), jitter, shouldRetry
// and `undefined` options. A fake fetch stands in for the network (no globals patched).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type BioHttpError, createHttpClient, type HttpClientOptions, isNotFoundError, isServerError, NotFoundError, tokenAuth } from '../../src/index.js';

const BASE = 'https://api.example.org/v1/';
const TOKEN = 'tok-hooks-5b1d';

/** Answers with the given responses in turn (the last repeats) and keeps every Request it was given. */
function fakeFetch(...responses: (() => Response)[]): { fetch: typeof fetch; seen: Request[] } {
  const seen: Request[] = [];
  const fn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push(input instanceof Request ? input : new Request(input, init));
    const make = responses[Math.min(seen.length - 1, responses.length - 1)] as () => Response;
    return make();
  }) as typeof fetch;
  return { fetch: fn, seen };
}
const ok =
  (body: unknown = { ok: true }) =>
  () =>
    Response.json(body);
const status =
  (code: number, headers: Record<string, string> = {}) =>
  () =>
    Response.json({ error: `status ${code}` }, { status: code, headers });

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('beforeRequest', () => {
  it('may change the request in place, before credentials are added', async () => {
    const { fetch, seen } = fakeFetch(ok());
    const observed: (string | null)[] = [];
    const c = createHttpClient({
      baseUrl: BASE,
      fetch,
      auth: tokenAuth({ token: TOKEN }),
      hooks: {
        beforeRequest: [
          ({ request, attempt }) => {
            observed.push(request.headers.get('authorization'));
            request.headers.set('x-trace', `t-${attempt}`);
          },
        ],
      },
    });
    await expect(c.get('x').json()).resolves.toEqual({ ok: true });
    expect(observed).toEqual([null]); // the hook never sees the secret
    expect(seen[0]?.headers.get('x-trace')).toBe('t-1');
    expect(seen[0]?.headers.get('authorization')).toBe(`Token ${TOKEN}`);
  });
  it('may return a replacement Request', async () => {
    const { fetch, seen } = fakeFetch(ok());
    const c = createHttpClient({ baseUrl: BASE, fetch, hooks: { beforeRequest: [({ request }) => new Request(`${BASE}elsewhere`, request)] } });
    await c.get('x').json();
    expect(new URL(seen[0]?.url ?? '').pathname).toBe('/v1/elsewhere');
  });
  it('may return a Response, and nothing is sent', async () => {
    const { fetch, seen } = fakeFetch(ok());
    const c = createHttpClient({ baseUrl: BASE, fetch, hooks: { beforeRequest: [() => Response.json({ cached: true })] } });
    await expect(c.get('x').json()).resolves.toEqual({ cached: true });
    expect(seen).toHaveLength(0);
  });
  it('an exception thrown by it comes out unchanged and is not retried', async () => {
    const { fetch, seen } = fakeFetch(ok());
    const bug = new RangeError('hook bug');
    const c = createHttpClient({
      baseUrl: BASE,
      fetch,
      retry: { delay: 0 },
      hooks: {
        beforeRequest: [
          () => {
            throw bug;
          },
        ],
      },
    });
    await expect(c.get('x').json()).rejects.toBe(bug);
    expect(seen).toHaveLength(0);
  });
});

describe('afterResponse', () => {
  it('may return a replacement Response (read with the same guards)', async () => {
    const { fetch } = fakeFetch(() => new Response(null, { status: 204 }));
    const c = createHttpClient({
      baseUrl: BASE,
      fetch,
      hooks: { afterResponse: [({ response }) => (response.status === 204 ? Response.json([]) : undefined)] },
    });
    await expect(c.get('x').json()).resolves.toEqual([]);
  });
  it('gets a copy it may read, and a replacement error status becomes our error', async () => {
    const { fetch } = fakeFetch(ok({ answer: 42 }));
    const bodies: unknown[] = [];
    const c = createHttpClient({
      baseUrl: BASE,
      fetch,
      retry: 0,
      hooks: {
        afterResponse: [
          async ({ response }) => {
            bodies.push(await response.json());
          },
        ],
      },
    });
    await expect(c.get('x').json()).resolves.toEqual({ answer: 42 });
    expect(bodies).toEqual([{ answer: 42 }]);
    const failing = createHttpClient({ baseUrl: BASE, fetch, retry: 0, hooks: { afterResponse: [() => Response.json({ message: 'gone' }, { status: 404 })] } });
    const e = await failing
      .get('x')
      .json()
      .catch((x: unknown) => x);
    expect(isNotFoundError(e)).toBe(true);
    expect((e as BioHttpError).serviceMessage).toBe('gone');
  });
});

describe('beforeRetry and onRetry', () => {
  it('run after the wait, before the retry is sent, and may change the request', async () => {
    const { fetch, seen } = fakeFetch(status(503), ok());
    const events: string[] = [];
    const c = createHttpClient({
      baseUrl: BASE,
      fetch,
      retry: { delay: 0 },
      hooks: {
        onRetry: (e) => events.push(`onRetry #${e.attempt} ${e.error.status}`),
        beforeRetry: [
          ({ request, error, attempt }) => {
            events.push(`beforeRetry #${attempt} ${error.status}`);
            request.headers.set('x-retry', String(attempt));
          },
        ],
      },
    });
    await expect(c.get('x').json()).resolves.toEqual({ ok: true });
    expect(events).toEqual(['onRetry #2 503', 'beforeRetry #2 503']);
    expect(seen[1]?.headers.get('x-retry')).toBe('2');
  });
});

describe('beforeError', () => {
  it('may replace the error, for request and body-read failures alike', async () => {
    const { fetch } = fakeFetch(status(404), () => new Response('<html>oops</html>', { headers: { 'content-type': 'text/html' } }));
    const hinted = (e: BioHttpError): BioHttpError => new NotFoundError({ message: `${e.message} (hint: check the id)`, status: e.status, cause: e });
    const c = createHttpClient({ baseUrl: BASE, fetch, retry: 0, hooks: { beforeError: [hinted] } });
    const first = await c
      .get('x')
      .json()
      .catch((x: unknown) => x);
    expect((first as Error).message).toContain('(hint: check the id)');
    expect((first as Error).cause).toBeDefined();
    const second = await c
      .get('x')
      .json()
      .catch((x: unknown) => x);
    expect((second as Error).message).toContain('(hint: check the id)'); // a ResponseFormatError, replaced too
  });
});

describe('retry: jitter and shouldRetry', () => {
  it('jitter: true waits a random part of the step; jitter: false the step itself', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const delays: number[] = [];
    const run = async (jitter: boolean | undefined) => {
      const { fetch } = fakeFetch(status(503), status(503), ok());
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const c = createHttpClient({ baseUrl: BASE, fetch, retry: { delay: 100, jitter }, hooks: { onRetry: (e) => delays.push(e.delayMs) } });
      const p = c.get('x').json();
      await vi.advanceTimersByTimeAsync(1_000);
      await expect(p).resolves.toEqual({ ok: true });
      vi.useRealTimers();
    };
    await run(true);
    await run(false);
    await run(undefined); // not given: the default, full jitter
    expect(delays).toEqual([50, 100, 100, 200, 50, 100]);
  });
  it('the backoff is clamped at backoffLimit before jitter', async () => {
    const delays: number[] = [];
    const { fetch } = fakeFetch(status(500), status(500), status(500), ok());
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const c = createHttpClient({
      baseUrl: BASE,
      fetch,
      retry: { limit: 3, delay: 100, backoffLimit: 150, jitter: false },
      hooks: { onRetry: (e) => delays.push(e.delayMs) },
    });
    const p = c.get('x').json();
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(p).resolves.toEqual({ ok: true });
    expect(delays).toEqual([100, 150, 150]);
  });
  it('shouldRetry: true retries what the rules would not (with backoff), false stops what they would', async () => {
    const a = fakeFetch(status(404), ok());
    const calls: { status: number; attempt: number }[] = [];
    const c = createHttpClient({
      baseUrl: BASE,
      fetch: a.fetch,
      retry: {
        delay: 0,
        shouldRetry: ({ error, attempt }) => {
          calls.push({ status: error.status, attempt });
          return error.status === 404;
        },
      },
    });
    await expect(c.get('x').json()).resolves.toEqual({ ok: true });
    expect(a.seen).toHaveLength(2);
    expect(calls).toEqual([{ status: 404, attempt: 1 }]);

    const b = fakeFetch(status(503), ok());
    const never = createHttpClient({ baseUrl: BASE, fetch: b.fetch, retry: { delay: 0, shouldRetry: async () => false } });
    const e = await never.get('x').catch((x: unknown) => x);
    expect(isServerError(e)).toBe(true);
    expect(b.seen).toHaveLength(1);
  });
  it('shouldRetry is not asked for requests that may not be retried, nor past the limit', async () => {
    const { fetch, seen } = fakeFetch(status(503));
    const shouldRetry = vi.fn(() => true);
    const c = createHttpClient({ baseUrl: BASE, fetch, retry: { limit: 1, delay: 0, shouldRetry } });
    await c.post('x', { json: {} }).catch(() => undefined); // POST without idempotent
    expect(shouldRetry).not.toHaveBeenCalled();
    await c.get('x').catch(() => undefined);
    expect(shouldRetry).toHaveBeenCalledTimes(1);
    expect(seen).toHaveLength(3);
  });
});

describe('options given as undefined mean "not given"', () => {
  it('client and request options', async () => {
    const { fetch, seen } = fakeFetch(status(503), ok());
    const options: HttpClientOptions = {
      baseUrl: BASE,
      fetch,
      service: undefined,
      headers: undefined,
      userAgent: undefined,
      timeout: undefined,
      signal: undefined,
      retry: {
        limit: undefined,
        delay: 0,
        methods: undefined,
        statusCodes: undefined,
        retryOnNetworkError: undefined,
        backoffLimit: undefined,
        maxRetryAfter: undefined,
        jitter: undefined,
        shouldRetry: undefined,
        deadline: undefined,
      },
      hooks: {
        onRequest: undefined,
        onResponse: undefined,
        onRetry: undefined,
        beforeRequest: undefined,
        afterResponse: undefined,
        beforeRetry: undefined,
        beforeError: undefined,
      },
      auth: undefined,
      maxResponseBytes: undefined,
      concurrency: undefined,
      maxRedirects: undefined,
      arrayFormat: undefined,
      serviceMessage: undefined,
      errorInBody: undefined,
    };
    const c = createHttpClient(options);
    const body = await c
      .get('x', {
        searchParams: undefined,
        arrayFormat: undefined,
        headers: undefined,
        json: undefined,
        form: undefined,
        body: undefined,
        idempotent: undefined,
        retry: undefined,
        timeout: undefined,
        signal: undefined,
        accept: undefined,
        throwHttpErrors: undefined,
      })
      .json();
    expect(body).toEqual({ ok: true });
    expect(seen).toHaveLength(2); // retried by the defaults (limit 2, 503 listed)
    expect(seen[1]?.headers.get('accept')).toBe('application/json');
  });
  it('a per-request retry with undefined fields keeps the client values', async () => {
    const { fetch, seen } = fakeFetch(status(500));
    const c = createHttpClient({ baseUrl: BASE, fetch, retry: { limit: 1, delay: 0 } });
    await c.get('x', { retry: { limit: undefined, delay: undefined } }).catch(() => undefined);
    expect(seen).toHaveLength(2);
  });
});
