import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, type LoopbackFixtureServer, startLoopbackFixtureServer } from '../../src/testing/index.js';

const fixtures: Fixture[] = [
  {
    name: 'screen-3',
    exchanges: [
      {
        request: { method: 'GET', path: '/api/v0/m/screens/', query: { id: '3', limit: '2' } },
        response: {
          status: 200,
          headers: { 'content-type': 'application/json', 'set-cookie': 'sessionid=abc; Path=/\ncsrftoken=def; Path=/' },
          body: { json: { data: [{ '@id': 3 }], meta: { totalCount: 1 } } },
        },
      },
    ],
  },
  {
    name: 'results',
    exchanges: [
      {
        request: { method: 'POST', path: '/service/query/results', body: { form: { query: '<query model="genomic" view="Gene.symbol"/>', format: 'tab' } } },
        response: { status: 200, headers: { 'content-type': 'text/tab-separated-values' }, body: { text: 'zen\n' } },
      },
    ],
  },
  {
    name: 'poll',
    exchanges: [
      { request: { method: 'GET', path: '/jobs/1' }, response: { status: 202, body: { json: { status: 'RUNNING' } } } },
      { request: { method: 'GET', path: '/jobs/1' }, response: { status: 200, body: { json: { status: 'SUCCESS' } } } },
    ],
  },
];

describe('loopback fixture server', () => {
  let server: LoopbackFixtureServer;
  beforeAll(async () => {
    server = await startLoopbackFixtureServer({ fixtures, cors: true });
  });
  afterAll(() => server.close());

  it('listens on 127.0.0.1 and replays with the shared matcher (query order-insensitive)', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.url}/api/v0/m/screens/?limit=2&id=3`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.getSetCookie()).toEqual(['sessionid=abc; Path=/', 'csrftoken=def; Path=/']);
    expect(await response.json()).toEqual({ data: [{ '@id': 3 }], meta: { totalCount: 1 } });
  });

  it('compares form bodies as data', async () => {
    const body = new URLSearchParams({ format: 'tab', query: '<query model="genomic" view="Gene.symbol"/>' });
    const response = await fetch(`${server.url}/service/query/results`, { method: 'POST', body });
    expect(await response.text()).toBe('zen\n');
  });

  it('serves ordered exchanges in turn; reset() starts again', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${server.url}/jobs/1`)).status);
    expect(statuses).toEqual([202, 200, 200]);
    server.reset();
    expect((await fetch(`${server.url}/jobs/1`)).status).toBe(202);
  });

  it('answers CORS preflights and adds CORS headers to replies', async () => {
    const preflight = await fetch(`${server.url}/service/query/results`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-molgenis-token' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type,x-molgenis-token');
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');

    const response = await fetch(`${server.url}/jobs/1`, { headers: { origin: 'http://localhost:5173' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('404s an unmatched request with the closest-fixture report', async () => {
    const response = await fetch(`${server.url}/api/v0/m/screens/?id=4&limit=2`);
    expect(response.status).toBe(404);
    expect(response.headers.get('x-fixture-unmatched')).toBe('1');
    const report = await response.text();
    expect(report).toContain('Closest: fixture "screen-3", exchange 1: GET /api/v0/m/screens/');
    expect(report).toContain('query param "id": expected "3", got "4"');
    expect(server.unmatchedRequests()).toEqual([report]);
  });
});

describe('loopback fixture server without CORS', () => {
  it('does not answer preflights and closes cleanly', async () => {
    const server = await startLoopbackFixtureServer({ fixtures });
    try {
      const preflight = await fetch(`${server.url}/jobs/1`, {
        method: 'OPTIONS',
        headers: { origin: 'http://x.test', 'access-control-request-method': 'GET' },
      });
      expect(preflight.status).toBe(404);
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await server.close();
    }
    await expect(fetch(`${server.url}/jobs/1`)).rejects.toThrow();
  });
});
