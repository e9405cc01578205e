import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AbortError, createHttpClient, isAbortError, isNetworkError, isResponseTooLargeError, isTimeoutError, TimeoutError } from '@bio/core-http';
import { json, type Loopback, startLoopback } from './client-loopback.js';

let lb: Loopback;
let trickled = 0; // lines the last /trickle answer has written so far
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
      res.writeHead(200, { 'content-type': 'text/plain' }).flushHeaders();
      let n = 0;
      trickled = 0;
      const timer = setInterval(() => {
        res.write(`line ${++n}\n`);
        trickled = n;
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
afterEach(() => vi.useRealTimers());

// The server runs in this process, so with a fake clock its stalls and trickles, ky's timeout and
// our deadline all wait for vi.advanceTimersByTimeAsync(); only the loopback I/O is real. A test
// lets that I/O run with untilReal() before it moves the clock.
const fakeClock = (): void => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
};

/** Lets real I/O run (setImmediate is not faked) until `condition` holds; vi.waitFor would move a fake clock on. */
async function untilReal(condition: () => boolean, what = 'the condition'): Promise<void> {
  const giveUp = process.hrtime.bigint() + 5_000_000_000n; // 5 s of the real clock, which no test fakes
  while (!condition()) {
    if (process.hrtime.bigint() > giveUp) throw new Error(`${what} never held`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** `promise`, and a flag that turns true once it settles. */
function watch<T>(promise: Promise<T>): { promise: Promise<T>; settled: () => boolean } {
  let done = false;
  const watched = promise.finally(() => {
    done = true;
  });
  return { promise: watched, settled: () => done };
}

describe('timeouts and cancellation (loopback)', () => {
  it('TimeoutError when no response head arrives in time', async () => {
    fakeClock();
    const before = lb.requests.length;
    const c = createHttpClient({ baseUrl: lb.origin, timeout: 100 });
    const call = watch(
      c
        .get('slow-head')
        .json()
        .catch((x: unknown) => x),
    );
    await untilReal(() => lb.requests.length > before);
    await vi.advanceTimersByTimeAsync(99);
    expect(call.settled()).toBe(false);
    await vi.advanceTimersByTimeAsync(1); // at 100 ms; the server would answer at 2 s
    expect(call.settled()).toBe(true);
    const e = await call.promise;
    expect(e).toBeInstanceOf(TimeoutError);
    expect((e as TimeoutError).status).toBe(0);
    expect((e as Error).message).toContain('100 ms');
  });
  it('the timeout covers a stalled body for json()', async () => {
    fakeClock();
    let heads = 0;
    const c = createHttpClient({ baseUrl: lb.origin, timeout: 150, retry: 0, hooks: { onResponse: () => heads++ } });
    const call = watch(
      c
        .get('stall-body')
        .json()
        .catch((x: unknown) => x),
    );
    await untilReal(() => heads === 1); // the head (and half the body) are in: json() is now waiting on the body
    await vi.advanceTimersByTimeAsync(149);
    expect(call.settled()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(call.settled()).toBe(true);
    expect(isTimeoutError(await call.promise)).toBe(true);
  });
  it('for stream() and a plain await the timeout covers only the response head', async () => {
    fakeClock();
    const c = createHttpClient({ baseUrl: lb.origin, timeout: 120, retry: 0 });
    // The server writes a line every 50 ms of the fake clock, 300 ms in all: more than the timeout.
    // stream(): each line is read before the clock moves on, so no 120 ms pass without data.
    const reader = (await c.get('trickle').stream()).getReader();
    const lines = (n: number): string => Array.from({ length: n }, (_, i) => `line ${i + 1}\n`).join('');
    let streamed = '';
    for (;;) {
      const next = reader.read();
      if (streamed === lines(trickled)) await vi.advanceTimersByTimeAsync(50); // all read: the server's next line
      const { done, value } = await next;
      if (done) break;
      streamed += new TextDecoder().decode(value);
    }
    expect(streamed).toBe('line 1\nline 2\nline 3\nline 4\nline 5\nline 6\n');
    // A plain await: nothing bounds the body, however the clock and the I/O interleave.
    const res = await c.get('trickle');
    const text = watch(res.text());
    while (!text.settled()) {
      await vi.advanceTimersByTimeAsync(50);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect((await text.promise).split('\n').length).toBe(7);
    // .text() on the call: the timeout covers the whole body, and ends it at 120 ms.
    const call = watch(
      c
        .get('trickle')
        .text()
        .catch((x: unknown) => x),
    );
    await vi.advanceTimersByTimeAsync(119);
    expect(call.settled()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(call.settled()).toBe(true);
    expect(isTimeoutError(await call.promise)).toBe(true);
  });
  it('a per-request timeout overrides the client one', async () => {
    fakeClock();
    const c = createHttpClient({ baseUrl: lb.origin, timeout: false });
    const call = watch(c.get('slow-head', { timeout: 80 }).catch((x: unknown) => x));
    await vi.advanceTimersByTimeAsync(79);
    expect(call.settled()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(call.settled()).toBe(true);
    expect(isTimeoutError(await call.promise)).toBe(true);
  });
  it('the caller aborting mid-body gives AbortError (not retried)', async () => {
    const controller = new AbortController();
    let heads = 0;
    const c = createHttpClient({ baseUrl: lb.origin, retry: { delay: 0 }, hooks: { onResponse: () => heads++ } });
    const before = lb.requests.length;
    const p = c
      .get('stall-body', { signal: controller.signal })
      .json()
      .catch((x: unknown) => x);
    await untilReal(() => heads === 1); // mid-body: the head is in, the body stalls
    controller.abort(new Error('user cancelled'));
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
    fakeClock();
    const c = createHttpClient({ baseUrl: lb.origin, timeout: false, retry: { deadline: 120 } });
    const call = watch(c.get('slow-head').catch((x: unknown) => x));
    await vi.advanceTimersByTimeAsync(119);
    expect(call.settled()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(call.settled()).toBe(true);
    const e = await call.promise;
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
