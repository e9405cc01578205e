// Errors while reading a body come out as our classes, not the platform's (undici `terminated`, DOMException).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AbortError, createHttpClient, isAbortError, isNetworkError, isTimeoutError, jsonArrayItems, lines, NetworkError, tokenAuth } from '../../src/index.js';
import { type Loopback, startLoopback } from './client-loopback.js';

const TOKEN = 'sekret-token-4711';
let server: Loopback;

beforeAll(async () => {
  server = await startLoopback({
    // Half a body, then the socket is destroyed: the connection is cut mid-body.
    'GET /cut': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"results":[[1,"a"],[2,"b"],\n[3,');
      setTimeout(() => res.destroy(), 20);
    },
    // Half a body, then silence (for timeouts and aborts).
    'GET /stall': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"results":[[1,"a"],\n');
    },
  });
});
afterAll(async () => {
  await server.close();
});
afterEach(() => vi.useRealTimers());

/** Lets real I/O run (setImmediate is not faked) until `condition` holds; vi.waitFor would move a fake clock on. */
async function untilReal(condition: () => boolean, what = 'the condition'): Promise<void> {
  const giveUp = process.hrtime.bigint() + 5_000_000_000n; // 5 s of the real clock, which no test fakes
  while (!condition()) {
    if (process.hrtime.bigint() > giveUp) throw new Error(`${what} never held`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Reads `run` on a fake clock until its first `seen()` item, then checks the per-chunk timeout:
 * still reading at `ms` - 1, failed at `ms`. The socket is real; the stall is the server's silence.
 */
async function stallsFor(ms: number, seen: () => number, run: () => Promise<unknown>): Promise<unknown> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  let settled = false;
  const outcome = run()
    .catch((e: unknown) => e)
    .finally(() => {
      settled = true;
    });
  await untilReal(() => seen() > 0 || settled, 'the first item');
  await vi.advanceTimersByTimeAsync(ms - 1);
  expect(settled).toBe(false);
  await vi.advanceTimersByTimeAsync(1);
  expect(settled).toBe(true);
  return outcome;
}

const client = (extra: Partial<Parameters<typeof createHttpClient>[0]> = {}) =>
  createHttpClient({ baseUrl: `${server.origin}/`, retry: 0, auth: tokenAuth({ token: TOKEN }), service: 'test', ...extra });

async function drain(stream: ReadableStream<Uint8Array>): Promise<void> {
  const reader = stream.getReader();
  for (;;) if ((await reader.read()).done) return;
}

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
}

function expectNoSecret(e: unknown): void {
  expect(String(e)).not.toContain(TOKEN);
  expect(JSON.stringify(e)).not.toContain(TOKEN);
  expect((e as Error).message).not.toContain(TOKEN);
}

describe('connection cut mid-body → NetworkError with cause', () => {
  const cases: Record<string, () => Promise<unknown>> = {
    'stream()': async () => drain(await client().get('cut').stream()),
    'lines() over stream()': async () => {
      for await (const _ of lines(await client().get('cut').stream()));
    },
    'lines() over a Response': async () => {
      for await (const _ of lines(await client().get('cut')));
    },
    'jsonArrayItems() over stream()': async () => {
      for await (const _ of jsonArrayItems(await client().get('cut').stream(), 'results'));
    },
    'jsonArrayItems() over a Response': async () => {
      for await (const _ of jsonArrayItems(await client().get('cut'), 'results'));
    },
    'text()': () => client().get('cut').text(),
    'json()': () => client().get('cut').json(),
  };
  for (const [name, run] of Object.entries(cases)) {
    it(name, async () => {
      const e = await failure(run);
      expect(e).toBeInstanceOf(NetworkError);
      expect(isNetworkError(e)).toBe(true);
      expect((e as NetworkError).status).toBe(0);
      expect((e as NetworkError).cause).toBeDefined();
      expectNoSecret(e);
    });
  }
});

describe('caller abort and timeouts while reading a streamed body', () => {
  it('stream(): the caller aborting mid-body → AbortError', async () => {
    const controller = new AbortController();
    const stream = await client().get('stall', { signal: controller.signal }).stream();
    const reader = stream.getReader();
    await reader.read();
    const reading = failure(async () => {
      for (;;) if ((await reader.read()).done) return;
    });
    controller.abort(); // a read is waiting for the rest of the body
    const e = await reading;
    expect(e).toBeInstanceOf(AbortError);
    expect(isAbortError(e)).toBe(true);
    expectNoSecret(e);
  });

  it('lines() over a Response: the client signal aborting mid-body → AbortError', async () => {
    const controller = new AbortController();
    const response = await client({ signal: controller.signal }).get('stall');
    const reading = failure(async () => {
      for await (const _ of lines(response));
    });
    controller.abort(); // the head is in, the body stalls
    const e = await reading;
    expect(isAbortError(e)).toBe(true);
  });

  it('stream(): an AbortSignal.timeout() on the call → TimeoutError', async () => {
    const stream = await client()
      .get('stall', { signal: AbortSignal.timeout(100) })
      .stream();
    const e = await failure(() => drain(stream));
    expect(isTimeoutError(e)).toBe(true);
    expectNoSecret(e);
  });

  it('jsonArrayItems() over a Response: AbortSignal.timeout() as its own signal → TimeoutError', async () => {
    const response = await client().get('stall');
    const e = await failure(async () => {
      for await (const _ of jsonArrayItems(response, 'results', { signal: AbortSignal.timeout(50) }));
    });
    expect(isTimeoutError(e)).toBe(true);
  });

  it('text(): the per-attempt timeout covers the body → TimeoutError', async () => {
    const e = await failure(() => client({ timeout: 100 }).get('stall').text());
    expect(isTimeoutError(e)).toBe(true);
    expectNoSecret(e);
  });
});

describe('a body that stops arriving', () => {
  it('stream(): the timeout bounds each wait for the next chunk, so a stalled body fails instead of hanging', async () => {
    const items: unknown[] = [];
    const error = await stallsFor(
      300,
      () => items.length,
      async () => {
        for await (const item of jsonArrayItems(await client({ timeout: 300 }).get('stall').stream(), 'results')) items.push(item);
      },
    );
    expect(items).toEqual([[1, 'a']]);
    expect(isTimeoutError(error)).toBe(true);
    expect((error as Error).message).toMatch(/no data for 300 ms while reading the body/);
    expect((error as Error).message).not.toContain(TOKEN);
  });

  it('lines(): same bound; a body that keeps arriving slowly is not cut off', async () => {
    let read = 0;
    const error = await stallsFor(
      300,
      () => read,
      async () => {
        for await (const _line of lines(await client({ timeout: 300 }).get('stall').stream())) read++;
      },
    );
    expect(read).toBe(1);
    expect(isTimeoutError(error)).toBe(true);
  });
});
