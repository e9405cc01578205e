import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  AbortError,
  BadRequestError,
  BioHttpError,
  ConflictError,
  createHttpClient,
  ForbiddenError,
  isBioHttpError,
  isTimeoutError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  ResponseFormatError,
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
  UnauthorizedError,
} from '@bio/core-http';
import { json, type Loopback, startLoopback } from './client-loopback.js';

let lb: Loopback;
beforeAll(async () => {
  lb = await startLoopback({
    'GET /status': (req, res) => {
      const u = new URL(req.url ?? '/', 'http://x');
      const status = Number(u.searchParams.get('s'));
      const headers: Record<string, string> = status === 429 || status === 503 ? { 'retry-after': '2' } : {};
      json(res, status, { detail: `failed with ${status}` }, headers);
    },
    'GET /html-500': (_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html><head><title>502 Bad Gateway</title></head><body><h1>502</h1></body></html>');
    },
    'GET /exception': (_req, res) => json(res, 500, { Exception: 'omero.ApiUsageException: bad id' }),
    'GET /errors-array': (_req, res) => json(res, 400, { errors: [{ message: 'Unknown attribute [foo]' }] }),
    'GET /slow': (_req, res) => {
      setTimeout(() => json(res, 200, {}), 1_000);
    },
    'GET /html': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>maintenance</p>');
    },
    'GET /big': (_req, res) => json(res, 200, { data: 'x'.repeat(5000) }),
  });
});
afterAll(() => lb.close());
afterEach(() => vi.useRealTimers());

const client = () => createHttpClient({ baseUrl: `${lb.origin}/`, service: 'loop', retry: 0 });

describe('every error class from a real response (loopback)', () => {
  it.each([
    [400, BadRequestError, 'BAD_REQUEST'],
    [401, UnauthorizedError, 'UNAUTHORIZED'],
    [403, ForbiddenError, 'FORBIDDEN'],
    [404, NotFoundError, 'NOT_FOUND'],
    [408, TimeoutError, 'TIMEOUT'],
    [409, ConflictError, 'CONFLICT'],
    [418, BioHttpError, 'HTTP_ERROR'],
    [429, RateLimitError, 'RATE_LIMITED'],
    [500, ServerError, 'SERVER_ERROR'],
    [503, ServerError, 'SERVER_ERROR'],
  ] as const)('%i → %o', async (status, Class, code) => {
    const e = await client()
      .get('status', { searchParams: { s: status } })
      .json()
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Class);
    const err = e as BioHttpError;
    expect(err.code).toBe(code);
    expect(err.status).toBe(status);
    expect(err.service).toBe('loop');
    expect(err.serviceMessage).toBe(`failed with ${status}`);
    expect(err.body).toEqual({ detail: `failed with ${status}` });
    expect(err.attempts).toBe(1);
    expect(err.url).toBe(`${lb.origin}/status?s=${status}`);
    if (status === 429 || status === 503) expect(err.retryAfter).toBe(2000);
    else expect(err.retryAfter).toBeUndefined();
    expect(JSON.parse(JSON.stringify(err))).toMatchObject({ name: err.name, code, status });
  });
  it('an HTML error page gives its <title> as the service message', async () => {
    const e = (await client()
      .get('html-500')
      .catch((x: unknown) => x)) as ServerError;
    expect(e).toBeInstanceOf(ServerError);
    expect(e.serviceMessage).toBe('502 Bad Gateway');
    expect(typeof e.body).toBe('string');
  });
  it('reads Exception and errors[0].message', async () => {
    await expect(client().get('exception')).rejects.toMatchObject({ serviceMessage: 'omero.ApiUsageException: bad id' });
    await expect(client().get('errors-array')).rejects.toMatchObject({ serviceMessage: 'Unknown attribute [foo]' });
  });
  it('TimeoutError, AbortError, NetworkError, ResponseFormatError, ResponseTooLargeError', async () => {
    // ky's timeout and the server's 1 s stall are timers in this process: on a fake clock the
    // timeout surely comes first, with no real waiting.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let settled = false;
    const timing = createHttpClient({ baseUrl: lb.origin, timeout: 50 })
      .get('slow')
      .catch((x: unknown) => x)
      .finally(() => {
        settled = true;
      });
    await vi.advanceTimersByTimeAsync(50);
    expect(settled).toBe(true);
    const timeout = await timing;
    vi.useRealTimers();
    expect(timeout).toBeInstanceOf(TimeoutError);
    expect(isTimeoutError(timeout)).toBe(true);
    expect((timeout as TimeoutError).status).toBe(0);

    // AbortSignal.timeout() runs on Node's own timers, which no fake clock reaches: 30 real ms.
    const abort = await client()
      .get('slow', { signal: AbortSignal.timeout(30) })
      .catch((x: unknown) => x);
    expect(abort).toBeInstanceOf(AbortError);

    const dead = await startLoopback({});
    await dead.close();
    const network = await createHttpClient({ baseUrl: dead.origin, retry: 0 })
      .get('x')
      .catch((x: unknown) => x);
    expect(network).toBeInstanceOf(NetworkError);
    expect((network as NetworkError).code).toBe('NETWORK');

    const format = await client()
      .get('html')
      .json()
      .catch((x: unknown) => x);
    expect(format).toBeInstanceOf(ResponseFormatError);
    expect((format as ResponseFormatError).snippet).toContain('maintenance');

    const big = await createHttpClient({ baseUrl: lb.origin, maxResponseBytes: 1000 })
      .get('big')
      .text()
      .catch((x: unknown) => x);
    expect(big).toBeInstanceOf(ResponseTooLargeError);
    expect((big as ResponseTooLargeError).limit).toBe(1000);
    for (const e of [timeout, abort, network, format, big]) expect(isBioHttpError(e)).toBe(true);
  });
  it('the error is raised whichever body method is used, and for a plain await', async () => {
    const c = client();
    for (const read of ['json', 'text', 'bytes', 'stream'] as const) {
      await expect(c.get('status', { searchParams: { s: 404 } })[read]()).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(c.get('status', { searchParams: { s: 404 } })).rejects.toBeInstanceOf(NotFoundError);
  });
});
