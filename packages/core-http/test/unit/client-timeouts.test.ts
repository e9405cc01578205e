import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AbortError, createHttpClient, isAbortError, isNetworkError, isResponseTooLargeError, isTimeoutError, TimeoutError } from '@bio/core-http';
import { json, type Loopback, startLoopback } from './client-loopback.js';

let lb: Loopback;
const open = new Set<{ end(): void }>();
beforeAll(async () => {
  lb = await startLoopback({
    'GET /slow-head': async (_req, res) => {
      await new Promise((r) => setTimeout(r, 2_000));
      json(res, 200, { late: true });
    },
    'GET /stall-body': (_req, res) => {
      // Head and half a body, then nothing: a stalled transfer.
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"items":[1,2,');
      open.add(res);
    },
    'GET /reset-body': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"items":[1,2,');
      setTimeout(() => res.destroy(), 20);
    },
    'GET /big': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }); // chunked, no length
      const chunk = `"${'x'.repeat(1022)}",`;
      res.write('[');
      let sent = 0;
      const pump = (): void => {
        while (sent < 4096) {
          sent++;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end('"end"]');
      };
      pump();
    },
    'GET /big-declared': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) });
      res.write('[');
      open.add(res);
    },
    'GET /small': (_req, res) => json(res, 200, { small: true }),
    'GET /trickle': (_req, res) => {
      // The head at once, then a chunk every 50 ms for 300 ms.
      res.writeHead(200, { 'content-type': 'text/plain' });
      let n = 0;
      const timer = setInterval(() => {
        res.write(`line ${++n}\n`);
        if (n === 6) {
          clearInterval(timer);
          res.end();
        }
      }, 50);
    },
  });
});
afterAll(async () => {
  for (const r of open) r.end();
  await lb.close();
});

describe('timeouts and cancellation (loopback)', () => {
  it('TimeoutError when no response head arrives in time', async () => {
    const c = createHttpClient({ baseUrl: lb.origin, timeout: 100 });
    const started = Date.now();
    const e = await c
      .get('slow-head')
      .json()
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TimeoutError);
    expect((e as TimeoutError).status).toBe(0);
    expect((e as Error).message).toContain('100 ms');
    expect(Date.now() - started).toBeLessThan(1_500);
  });
  it('the timeout covers a stalled body for json()', async () => {
    const c = createHttpClient({ baseUrl: lb.origin, timeout: 150, retry: 0 });
    const e = await c
      .get('stall-body')
      .json()
      .catch((x: unknown) => x);
    expect(isTimeoutError(e)).toBe(true);
  });
  it('for stream() and a plain await the timeout covers only the response head', async () => {
    const c = createHttpClient({ baseUrl: lb.origin, timeout: 120, retry: 0 });
    const stream = await c.get('trickle').stream();
    expect(await new Response(stream).text()).toBe('line 1\nline 2\nline 3\nline 4\nline 5\nline 6\n');
    const res = await c.get('trickle');
    expect((await res.text()).split('\n').length).toBe(7);
    const e = await c
      .get('trickle')
      .text()
      .catch((x: unknown) => x);
    expect(isTimeoutError(e)).toBe(true);
  });
  it('a per-request timeout overrides the client one', async () => {
    const c = createHttpClient({ baseUrl: lb.origin, timeout: false });
    const e = await c.get('slow-head', { timeout: 80 }).catch((x: unknown) => x);
    expect(isTimeoutError(e)).toBe(true);
  });
  it('the caller aborting mid-body gives AbortError (not retried)', async () => {
    const controller = new AbortController();
    const c = createHttpClient({ baseUrl: lb.origin, retry: { delay: 0 } });
    const before = lb.requests.length;
    const p = c
      .get('stall-body', { signal: controller.signal })
      .json()
      .catch((x: unknown) => x);
    setTimeout(() => controller.abort(new Error('user cancelled')), 100);
    const e = await p;
    expect(e).toBeInstanceOf(AbortError);
    expect((e as AbortError).code).toBe('ABORTED');
    expect(lb.requests.length - before).toBe(1);
  });
  it('the client signal cancels too, and an already-aborted signal sends nothing', async () => {
    const before = lb.requests.length;
    const c = createHttpClient({ baseUrl: lb.origin, signal: AbortSignal.abort() });
    const e = await c
      .get('small')
      .json()
      .catch((x: unknown) => x);
    expect(isAbortError(e)).toBe(true);
    expect(lb.requests.length).toBe(before);
  });
  it('a connection broken mid-body is a NetworkError, retried for GET', async () => {
    const before = lb.requests.length;
    const c = createHttpClient({ baseUrl: lb.origin, retry: { limit: 1, delay: 0 } });
    const e = await c
      .get('reset-body')
      .json()
      .catch((x: unknown) => x);
    expect(isNetworkError(e)).toBe(true);
    expect((e as { attempts: number }).attempts).toBe(2);
    expect(lb.requests.length - before).toBe(2);
  });
  it('connection refused is a NetworkError with the cause kept', async () => {
    const dead = await startLoopback({});
    const origin = dead.origin;
    await dead.close();
    const e = await createHttpClient({ baseUrl: origin, retry: 0 })
      .get('x')
      .catch((x: unknown) => x);
    expect(isNetworkError(e)).toBe(true);
    expect((e as Error).message).toContain('ECONNREFUSED');
    expect((e as Error).cause).toBeInstanceOf(Error);
  });
  it('the deadline ends a slow attempt with TimeoutError', async () => {
    const c = createHttpClient({ baseUrl: lb.origin, timeout: false, retry: { deadline: 120 } });
    const e = await c.get('slow-head').catch((x: unknown) => x);
    expect(isTimeoutError(e)).toBe(true);
    expect((e as Error).message).toContain('deadline');
  });
});

describe('response size guard (loopback)', () => {
  it('stops reading a chunked body once past maxResponseBytes', async () => {
    const c = createHttpClient({ baseUrl: lb.origin, maxResponseBytes: 256 * 1024 });
    for (const read of [(p: ReturnType<typeof c.get>) => p.json(), (p: ReturnType<typeof c.get>) => p.text(), (p: ReturnType<typeof c.get>) => p.bytes()]) {
      const e = await read(c.get('big')).catch((x: unknown) => x);
      expect(isResponseTooLargeError(e)).toBe(true);
      expect((e as { limit: number }).limit).toBe(256 * 1024);
    }
  });
  it('rejects a Content-Length over the limit before reading', async () => {
    const c = createHttpClient({ baseUrl: lb.origin, maxResponseBytes: 1024 * 1024 });
    const e = await c
      .get('big-declared')
      .json()
      .catch((x: unknown) => x);
    expect(isResponseTooLargeError(e)).toBe(true);
    expect((e as Error).message).toContain('Content-Length');
  });
  it('reads a body under the limit, and stream() is not guarded', async () => {
    const c = createHttpClient({ baseUrl: lb.origin, maxResponseBytes: 64 });
    await expect(c.get('small').json()).resolves.toEqual({ small: true });
    const stream = await c.get('big').stream();
    let total = 0;
    for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) total += chunk.byteLength;
    expect(total).toBeGreaterThan(4 * 1024 * 1024);
  });
});
