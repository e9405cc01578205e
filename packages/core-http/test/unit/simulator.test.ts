import { createHttpClient, isNetworkError } from '@bio/core-http';
import { createServiceSimulator, type Fixture, fixtureHandlers, isUnmatchedRequestError } from '@bio/core-http/testing';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

/** A counter service: POST /v1/count adds one, GET /v1/count reads it; anything else is a 404. */
function counter() {
  return createServiceSimulator({
    baseUrl: 'https://counter.example.org/v1',
    initialState: () => ({ count: 0 }),
    handle: (request, state, path) => {
      if (path !== 'count') return new Response('not here', { status: 404 });
      if (request.method === 'POST') state.count += Number((request.json() as { by?: number } | undefined)?.by ?? 1);
      return Response.json({ count: state.count });
    },
  });
}

describe('createServiceSimulator through msw', () => {
  const sim = counter();
  const server = setupServer(...sim.handlers());
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => sim.reset());
  afterAll(() => server.close());

  it('keeps state across requests and logs them', async () => {
    await fetch('https://counter.example.org/v1/count', { method: 'POST', body: JSON.stringify({ by: 2 }) });
    const r = await fetch('https://counter.example.org/v1/count');
    expect(await r.json()).toEqual({ count: 2 });
    expect(sim.requests.map((q) => `${q.method} ${q.url.pathname}`)).toEqual(['POST /v1/count', 'GET /v1/count']);
  });

  it('starts from the initial state after reset', async () => {
    expect(await (await fetch('https://counter.example.org/v1/count')).json()).toEqual({ count: 0 });
    expect(sim.requests).toHaveLength(1);
  });

  it('answers outside the base path with the service’s own answer', async () => {
    expect((await fetch('https://counter.example.org/other')).status).toBe(404);
  });

  it('injects a status every Nth request, with Retry-After', async () => {
    sim.faults.set({ every: 2, status: 503, retryAfter: 3 });
    const statuses: (string | number)[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await fetch('https://counter.example.org/v1/count');
      statuses.push(r.status, r.headers.get('retry-after') ?? '-');
    }
    expect(statuses).toEqual([200, '-', 503, '3', 200, '-', 503, '3']);
  });

  it('drops connections and truncates bodies', async () => {
    sim.faults.set({ reset: true });
    await expect(fetch('https://counter.example.org/v1/count')).rejects.toThrow();
    sim.faults.set({ truncate: true });
    const r = await fetch('https://counter.example.org/v1/count');
    expect(r.status).toBe(200);
    await expect(r.text()).rejects.toThrow();
  });
});

/** Lets real I/O run (setImmediate is not faked) until `condition` holds; vi.waitFor would move a fake clock on. */
async function untilReal(condition: () => boolean, what = 'the condition'): Promise<void> {
  const giveUp = process.hrtime.bigint() + 5_000_000_000n; // 5 s of the real clock, which no test fakes
  while (!condition()) {
    if (process.hrtime.bigint() > giveUp) throw new Error(`${what} never held`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('createServiceSimulator on loopback', () => {
  it('serves the same service at a baseUrl a client takes as it is', async () => {
    const sim = counter();
    const served = await sim.listen();
    try {
      expect(served.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      await fetch(`${served.baseUrl}/count`, { method: 'POST' });
      expect(await (await fetch(`${served.baseUrl}/count`)).json()).toEqual({ count: 1 });
      sim.faults.set({ truncate: true });
      await expect((await fetch(`${served.baseUrl}/count`)).text()).rejects.toThrow();
      sim.faults.set({ reset: true });
      await expect(fetch(`${served.baseUrl}/count`)).rejects.toThrow();
    } finally {
      await served.close();
    }
  });

  it('holds every answer back by the latency fault, and not a millisecond less', async () => {
    const sim = counter();
    const served = await sim.listen();
    // The socket is real; the latency is a timer in this process, so a fake clock decides when it ends.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      sim.faults.set({ latency: 50 });
      let answered = false;
      const request = fetch(`${served.baseUrl}/count`).then(async (r) => {
        answered = true;
        return r.json();
      });
      await untilReal(() => sim.requests.length === 1); // arrived: the latency timer is now set
      await vi.advanceTimersByTimeAsync(49);
      // The answer goes out only when the timer fires, so no amount of real I/O can bring it sooner.
      expect(vi.getTimerCount()).toBe(1);
      expect(answered).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(vi.getTimerCount()).toBe(0);
      await expect(request).resolves.toEqual({ count: 0 });
    } finally {
      vi.useRealTimers();
      await served.close();
    }
  });
});

describe('createServiceSimulator on loopback with cors', () => {
  it('answers preflights and gives one Access-Control-Allow-Origin, replacing the service’s own', async () => {
    const sim = createServiceSimulator({
      baseUrl: 'https://cors.example.org/v1',
      initialState: () => ({}),
      handle: () => Response.json({ ok: true }, { headers: { 'access-control-allow-origin': '*' } }),
    });
    const served = await sim.listen({ cors: true });
    const plain = await sim.listen();
    try {
      const origin = 'http://127.0.0.1:1234';
      const preflight = await fetch(`${served.baseUrl}/x`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-csrftoken' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-headers')).toBe('x-csrftoken');
      expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
      const answer = await fetch(`${served.baseUrl}/x`, { headers: { origin } });
      expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
      expect(await answer.json()).toEqual({ ok: true });
      // Without cors the service's own headers go out as they are, and OPTIONS reaches the service.
      expect((await fetch(`${plain.baseUrl}/x`, { headers: { origin } })).headers.get('access-control-allow-origin')).toBe('*');
      expect(sim.requests.filter((r) => r.method === 'OPTIONS')).toHaveLength(0);
    } finally {
      await served.close();
      await plain.close();
    }
  });
});

describe('server.resetHandlers()', () => {
  it('starts the simulator afresh, as handlers() does', async () => {
    const sim = counter();
    const server = setupServer(...sim.handlers());
    server.listen({ onUnhandledRequest: 'error' });
    try {
      await fetch('https://counter.example.org/v1/count', { method: 'POST' });
      expect(sim.state.count).toBe(1);
      server.resetHandlers();
      expect(sim.state.count).toBe(0);
      expect(await (await fetch('https://counter.example.org/v1/count')).json()).toEqual({ count: 0 });
    } finally {
      server.close();
    }
  });
});

describe('fixture handlers and server.resetHandlers()', () => {
  it('ordered exchanges (a poll) start again from the first after resetHandlers()', async () => {
    const poll: Fixture = {
      name: 'job-status',
      exchanges: [
        { request: { method: 'GET', path: '/v1/job' }, response: { status: 200, body: { json: { status: 'RUNNING' } } } },
        { request: { method: 'GET', path: '/v1/job' }, response: { status: 200, body: { json: { status: 'DONE' } } } },
      ],
    };
    const server = setupServer(...fixtureHandlers([poll], { baseUrl: 'https://jobs.example.org/v1' }));
    server.listen({ onUnhandledRequest: 'error' });
    const status = async () => ((await (await fetch('https://jobs.example.org/v1/job')).json()) as { status: string }).status;
    try {
      expect([await status(), await status()]).toEqual(['RUNNING', 'DONE']);
      server.resetHandlers();
      expect(await status()).toBe('RUNNING');
    } finally {
      server.close();
    }
  });
});

describe('an unmatched request through a @bio client', () => {
  it('rejects at once with UnmatchedRequestError: one attempt, no retry, not a NetworkError', async () => {
    const fixture: Fixture = {
      name: 'gene-1017',
      exchanges: [{ request: { method: 'GET', path: '/v3/gene/1017' }, response: { status: 200, body: { json: { _id: '1017' } } } }],
    };
    const server = setupServer(...fixtureHandlers([fixture], { baseUrl: 'https://mygene.info/v3' }));
    server.listen({ onUnhandledRequest: 'error' });
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let sent = 0;
    const client = createHttpClient({ baseUrl: 'https://mygene.info/v3', retry: { limit: 3, delay: 0 }, hooks: { onRequest: () => void sent++ } });
    try {
      const error = await client
        .get('gene/1018')
        .json()
        .catch((e: unknown) => e);
      expect(isUnmatchedRequestError(error)).toBe(true);
      expect(isNetworkError(error)).toBe(false);
      expect((error as Error).message).toContain('Closest: fixture "gene-1017"');
      expect(sent).toBe(1);
    } finally {
      stderr.mockRestore();
      server.close();
    }
  });
});

describe('lenient fixture matching', () => {
  const fixture: Fixture = {
    name: 'gene-1017',
    exchanges: [
      { request: { method: 'GET', path: '/v3/gene/1017', query: { fields: 'symbol,name' } }, response: { status: 200, body: { json: { _id: '1017' } } } },
    ],
  };
  const lenient = { ignore: ['email'], sets: ['fields'], defaults: { dotfield: 'false' } };

  it('ignores parameters that do not change the answer, unless strict', async () => {
    for (const [strict, expected] of [
      [false, [200, 200, 200]],
      [true, ['unmatched', 'unmatched', 'unmatched']],
    ] as const) {
      const server = setupServer(...fixtureHandlers([fixture], { baseUrl: 'https://mygene.info/v3', lenient, strict }));
      server.listen({ onUnhandledRequest: 'error' });
      const stderr = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const statuses: (number | string)[] = [];
      for (const query of ['fields=symbol,name&email=me@lab.org', 'fields=name,symbol', 'fields=symbol,name&dotfield=false']) {
        statuses.push(
          await fetch(`https://mygene.info/v3/gene/1017?${query}`).then(
            (r) => r.status,
            () => 'unmatched',
          ),
        );
      }
      stderr.mockRestore();
      server.close();
      expect({ strict, statuses }).toEqual({ strict, statuses: [...expected] });
    }
  });

  it('still refuses a parameter that changes the answer', async () => {
    const server = setupServer(...fixtureHandlers([fixture], { baseUrl: 'https://mygene.info/v3', lenient }));
    server.listen({ onUnhandledRequest: 'error' });
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await expect(fetch('https://mygene.info/v3/gene/1017?fields=symbol')).rejects.toSatisfy(isUnmatchedRequestError);
      await expect(fetch('https://mygene.info/v3/gene/1017?fields=symbol,name&dotfield=true')).rejects.toSatisfy(isUnmatchedRequestError);
    } finally {
      stderr.mockRestore();
      server.close();
    }
  });
});

describe('a streamed simulator answer on loopback', () => {
  it('goes out chunk by chunk as the service generates it', async () => {
    let generated = 0;
    const sim = createServiceSimulator({
      baseUrl: 'https://rows.example.org/v1',
      initialState: () => ({}),
      handle: () =>
        new Response(
          new ReadableStream<Uint8Array>({
            pull(controller) {
              if (generated === 1000) return controller.close();
              controller.enqueue(new TextEncoder().encode(`row ${generated++} ${'x'.repeat(4096)}\n`)); // 4 MB in all
            },
          }),
          { headers: { 'content-type': 'text/plain' } },
        ),
    });
    const served = await sim.listen();
    try {
      const response = await fetch(`${served.baseUrl}/rows`);
      expect(response.headers.get('transfer-encoding')).toBe('chunked');
      const reader = response.body!.getReader();
      await reader.read();
      expect(generated).toBeLessThan(1000); // the server has not built the whole answer first
      let text = '';
      for (let r = await reader.read(); !r.done; r = await reader.read()) text += new TextDecoder().decode(r.value);
      expect(generated).toBe(1000);
      expect(text.trim().split('\n').at(-1)?.startsWith('row 999 ')).toBe(true);
    } finally {
      await served.close();
    }
  });
});
