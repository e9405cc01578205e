import { createServiceSimulator } from '@bio/core-http/testing';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

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
      sim.faults.clear();
      sim.faults.set({ latency: 50 });
      const t0 = Date.now();
      await fetch(`${served.baseUrl}/count`);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
    } finally {
      await served.close();
    }
  });
});
