import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHttpClient } from '../../src/index.js';
import { createFixtureServer, type Fixture, isUnmatchedRequestError, unmatchedRequests } from '../../src/testing/index.js';

const BASE = 'https://mygene.info/v3';

const fixtures: Fixture[] = [
  {
    name: 'gene-1017',
    exchanges: [
      {
        request: { method: 'GET', path: '/v3/gene/1017', query: { fields: 'symbol,name' } },
        response: {
          status: 200,
          headers: { 'content-type': 'application/json; charset=UTF-8', 'x-ratelimit-remaining': '999' },
          body: { json: { _id: '1017', symbol: 'CDK2', name: 'cyclin dependent kinase 2' } },
        },
      },
    ],
  },
  {
    name: 'query-multi',
    exchanges: [
      {
        request: { method: 'GET', path: '/v3/query', query: { q: 'symbol:CDK2 AND taxid:9606', fields: 'symbol', species: ['human', 'mouse'] } },
        response: { status: 200, body: { json: { total: 1, hits: [{ _id: '1017' }] } } },
      },
    ],
  },
  {
    name: 'batch-json',
    exchanges: [
      {
        request: { method: 'POST', path: '/v3/gene', body: { json: { ids: ['1017', '1018'], fields: 'symbol' } } },
        response: { status: 200, body: { json: [{ query: '1017' }, { query: '1018' }] } },
      },
    ],
  },
  {
    name: 'batch-form',
    exchanges: [
      {
        request: { method: 'POST', path: '/v3/query', body: { form: { q: '1017,1018', scopes: 'entrezgene', fields: ['symbol', 'name'] } } },
        response: { status: 200, body: { json: [{ query: '1017' }] } },
      },
    ],
  },
  {
    name: 'intermine-xml',
    exchanges: [
      {
        request: {
          method: 'POST',
          path: '/v3/service/query/results',
          body: { xml: '<query model="genomic" view="Gene.symbol Gene.length"><constraint path="Gene.symbol" op="=" value="zen"/></query>' },
        },
        response: { status: 200, headers: { 'content-type': 'text/tab-separated-values' }, body: { text: 'zen\t1234\n' } },
      },
    ],
  },
  {
    name: 'poll',
    exchanges: [
      { request: { method: 'GET', path: '/v3/job/7' }, response: { status: 204 } },
      { request: { method: 'GET', path: '/v3/job/7' }, response: { status: 204 } },
      { request: { method: 'GET', path: '/v3/job/7' }, response: { status: 200, body: { json: { done: true } } } },
    ],
  },
  {
    name: 'thumbnail',
    exchanges: [
      {
        request: { method: 'GET', path: '/v3/thumb/1', headers: { Accept: 'image/png' } },
        response: { status: 200, headers: { 'content-type': 'image/png' }, body: { base64: 'iVBORw0KGgo=' } },
      },
    ],
  },
  {
    name: 'slow',
    exchanges: [{ request: { method: 'GET', path: '/v3/slow' }, response: { status: 200, body: { text: 'late' }, delayMs: 30 } }],
  },
];

const server = createFixtureServer({ fixtures, baseUrl: BASE });
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
// Unmatched requests are provoked on purpose here; the fixture server and msw report each one on
// console.error (a test tool failing loudly), which the suite's no-output check would count.
beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the request to fail');
}

describe('fixture replay through msw', () => {
  it('serves the recorded status, headers and JSON body', async () => {
    const response = await fetch(`${BASE}/gene/1017?fields=symbol,name`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    expect(response.headers.get('x-ratelimit-remaining')).toBe('999');
    expect(await response.json()).toEqual({ _id: '1017', symbol: 'CDK2', name: 'cyclin dependent kinase 2' });
  });

  it('matches the query as data: order-insensitive, + and %20 equivalent, repeated keys as a multiset', async () => {
    const urls = [
      `${BASE}/query?q=symbol:CDK2+AND+taxid:9606&fields=symbol&species=human&species=mouse`,
      `${BASE}/query?species=mouse&fields=symbol&species=human&q=symbol%3ACDK2%20AND%20taxid%3A9606`,
    ];
    for (const url of urls) expect((await fetch(url)).status).toBe(200);
  });

  it('fails a request whose query differs, naming the parameter', async () => {
    const error = await failure(fetch(`${BASE}/query?q=symbol:CDK2+AND+taxid:9606&fields=name&species=human&species=mouse`));
    expect(isUnmatchedRequestError(error)).toBe(true);
    expect(error.message).toContain('Closest: fixture "query-multi"');
    expect(error.message).toContain('query param "fields": expected "symbol", got "name"');
  });

  it('compares JSON bodies as data (key order and whitespace do not matter)', async () => {
    const body = '{\n  "fields": "symbol",\n  "ids": ["1017", "1018"]\n}';
    const response = await fetch(`${BASE}/gene`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(await response.json()).toEqual([{ query: '1017' }, { query: '1018' }]);

    const error = await failure(fetch(`${BASE}/gene`, { method: 'POST', body: JSON.stringify({ ids: ['1017', '1019'], fields: 'symbol' }) }));
    expect(error.message).toContain('body $.ids[1]: expected "1018", got "1019"');
  });

  it('compares form bodies as data', async () => {
    const body = new URLSearchParams([
      ['fields', 'name'],
      ['scopes', 'entrezgene'],
      ['fields', 'symbol'],
      ['q', '1017,1018'],
    ]);
    expect((await fetch(`${BASE}/query`, { method: 'POST', body })).status).toBe(200);

    const error = await failure(fetch(`${BASE}/query`, { method: 'POST', body: new URLSearchParams({ q: '1017,1018', scopes: 'symbol', fields: 'symbol' }) }));
    expect(error.message).toContain('Closest: fixture "batch-form"');
    expect(error.message).toContain('form field "scopes": expected "entrezgene", got "symbol"');
  });

  it('compares XML bodies as trees: attribute order and whitespace match, a changed value does not', async () => {
    const reordered = `<?xml version="1.0"?>
      <query view="Gene.symbol Gene.length"   model="genomic">
        <constraint value="zen" op="=" path="Gene.symbol" />
      </query>`;
    const ok = await fetch(`${BASE}/service/query/results`, { method: 'POST', body: reordered });
    expect(ok.headers.get('content-type')).toBe('text/tab-separated-values');
    expect(await ok.text()).toBe('zen\t1234\n');

    const changed = reordered.replace('value="zen"', 'value="eve"');
    const error = await failure(fetch(`${BASE}/service/query/results`, { method: 'POST', body: changed }));
    expect(error.message).toContain('/query/constraint/@value: expected "zen", got "eve"');
  });

  it('serves ordered exchanges in turn and repeats the last one', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${BASE}/job/7`)).status);
    expect(statuses).toEqual([204, 204, 200, 200]);
  });

  it('starts ordered exchanges again after resetHandlers()', async () => {
    expect((await fetch(`${BASE}/job/7`)).status).toBe(204);
  });

  it('decodes base64 bodies to bytes and checks fixture request headers case-insensitively', async () => {
    const response = await fetch(`${BASE}/thumb/1`, { headers: { accept: 'image/png' } });
    expect(response.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

    const error = await failure(fetch(`${BASE}/thumb/1`, { headers: { accept: 'image/jpeg' } }));
    expect(error.message).toContain('header "accept": expected "image/png", got "image/jpeg"');
  });

  it('honours delayMs', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let answered = false;
      const response = fetch(`${BASE}/slow`).then(async (r) => {
        answered = true;
        return r.text();
      });
      await vi.advanceTimersByTimeAsync(29);
      expect(answered).toBe(false); // not before the fixture's 30 ms
      await vi.advanceTimersByTimeAsync(1);
      expect(await response).toBe('late');
      expect(answered).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('fails an unmatched request loudly, naming the closest fixture by method and path', async () => {
    const error = await failure(fetch(`${BASE}/gene/1018?fields=symbol,name`));
    expect(error.message).toMatch(/^No fixture matches GET https:\/\/mygene\.info\/v3\/gene\/1018\?fields=symbol,name/);
    expect(error.message).toContain('Closest: fixture "gene-1017", exchange 1: GET https://mygene.info/v3/gene/1017');
    expect(error.message).toContain('path: expected /v3/gene/1017, got /v3/gene/1018');
    expect(server.unmatchedRequests().at(-1)).toBe(error.message);
    expect(unmatchedRequests(server)).toContain(error.message);
  });

  it('fails a request to another origin through onUnhandledRequest with the same kind of report', async () => {
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const error = await failure(fetch('https://example.org/v3/gene/1017?fields=symbol,name'));
      expect(isUnmatchedRequestError(error)).toBe(true);
      expect(error.message).toContain('origin: expected https://mygene.info, got https://example.org');
      expect(stderr).toHaveBeenCalledWith(expect.stringContaining('No fixture matches GET https://example.org/v3/gene/1017'));
    } finally {
      stderr.mockRestore();
    }
  });

  it('lets a client call reject with the report in its message', async () => {
    const http = createHttpClient({ baseUrl: BASE, retry: 0 });
    const call = http.get('gene/1018', { searchParams: { fields: 'symbol,name' } }).json();
    await expect(call).rejects.toThrow(/Closest: fixture "gene-1017"[\s\S]*path: expected \/v3\/gene\/1017, got \/v3\/gene\/1018/);
  });
});
