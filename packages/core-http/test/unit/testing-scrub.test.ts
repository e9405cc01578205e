import { describe, expect, it } from 'vitest';
import { type FixtureExchange, formatFixture, recordingFetch, scrubExchange } from '../../src/testing/index.js';

describe('scrubExchange', () => {
  const exchange: FixtureExchange = {
    request: {
      method: 'POST',
      path: '/api/session-9a8b7c6d5e/items',
      query: { access_token: 'acc-1234567890', q: 'BRCA2' },
      headers: { Authorization: 'Bearer bearer-abcdef123', Cookie: 'csrftoken=csrf-0987654321; lang=en', 'X-CSRFToken': 'csrf-0987654321' },
      body: { json: { user: { name: 'demo', password: 'pw-5555555' }, list: [{ token: 'nested-tok-1' }] } },
    },
    response: {
      status: 200,
      headers: { 'content-type': 'application/json', 'set-cookie': 'sessionid=sess-1122334455; Path=/; HttpOnly\nlang=en; Path=/' },
      body: { json: { echo: 'your bearer-abcdef123 and session-9a8b7c6d5e', lang: 'en' } },
    },
  };

  it('redacts secret headers, params and fields, then every value seen that way anywhere else', () => {
    const out = scrubExchange(exchange, { secrets: ['session-9a8b7c6d5e'] });
    expect(out.request.path).toBe('/api/[REDACTED]/items');
    expect(out.request.query).toEqual({ access_token: '[REDACTED]', q: 'BRCA2' });
    expect(out.request.headers).toEqual({ Authorization: 'Bearer [REDACTED]', Cookie: 'csrftoken=[REDACTED]; lang=[REDACTED]', 'X-CSRFToken': '[REDACTED]' });
    expect(out.request.body).toEqual({ json: { user: { name: 'demo', password: '[REDACTED]' }, list: [{ token: '[REDACTED]' }] } });
    expect(out.response.headers?.['set-cookie']).toBe('sessionid=[REDACTED]; Path=/; HttpOnly\nlang=[REDACTED]; Path=/');
    // Short cookie values are redacted in the header but not hunted elsewhere ("en" stays "en").
    expect(out.response.body).toEqual({ json: { echo: 'your [REDACTED] and [REDACTED]', lang: 'en' } });
    const text = formatFixture({ name: 'x', exchanges: [out] });
    for (const secret of ['acc-1234567890', 'bearer-abcdef123', 'csrf-0987654321', 'pw-5555555', 'nested-tok-1', 'sess-1122334455', 'session-9a8b7c6d5e']) {
      expect(text).not.toContain(secret);
    }
  });

  it('keeps empty cookie values (nothing secret) in Cookie and Set-Cookie alike', () => {
    const out = scrubExchange({
      request: { method: 'GET', path: '/', headers: { Cookie: 'gone=; sid=abc12345678; old=""' } },
      response: { status: 200, headers: { 'set-cookie': 'sid=; Path=/; Max-Age=0\nnext=xyz98765432; Path=/' } },
    });
    expect(out.request.headers?.Cookie).toBe('gone=; sid=[REDACTED]; old=""');
    expect(out.response.headers?.['set-cookie']).toBe('sid=; Path=/; Max-Age=0\nnext=[REDACTED]; Path=/');
  });

  it('leaves the input untouched and honours extra names', () => {
    const before = structuredClone(exchange);
    const out = scrubExchange(exchange, { headers: ['x-api-key'], params: ['q'], fields: ['name'] });
    expect(exchange).toEqual(before);
    expect(out.request.query?.q).toBe('[REDACTED]');
    expect(out.request.body).toEqual({ json: { user: { name: '[REDACTED]', password: '[REDACTED]' }, list: [{ token: '[REDACTED]' }] } });
  });
});

describe('recordingFetch', () => {
  it('returns the real response untouched and emits the parsed exchange', async () => {
    const seen: FixtureExchange[] = [];
    const fake: typeof fetch = async (input) => {
      const request = input as Request;
      expect(await request.text()).toBe('<query view="Gene.symbol"/>');
      return new Response('<result/>', { status: 200, headers: { 'content-type': 'application/xml', 'x-other': 'dropped' } });
    };
    const recording = recordingFetch({ fetch: fake, onExchange: (e) => seen.push(e) });
    const response = await recording('https://example.test/service/query?format=xml&a=1&a=2', {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<query view="Gene.symbol"/>',
    });
    expect(await response.text()).toBe('<result/>');
    expect(seen).toEqual([
      {
        request: { method: 'POST', path: '/service/query', query: { format: 'xml', a: ['1', '2'] }, body: { xml: '<query view="Gene.symbol"/>' } },
        response: { status: 200, headers: { 'content-type': 'application/xml' }, body: { text: '<result/>' } },
      },
    ]);
  });

  it('records multipart uploads as fields and files', async () => {
    const seen: FixtureExchange[] = [];
    const recording = recordingFetch({ fetch: async () => new Response(null, { status: 204 }), onExchange: (e) => seen.push(e) });
    const form = new FormData();
    form.append('name', 'my list');
    form.append('file', new Blob(['zen\n'], { type: 'text/plain' }), 'ids.txt');
    form.append('token', 'mp-token-12345');
    await recording('https://example.test/lists', { method: 'POST', body: form });
    expect(seen[0]?.request.body).toEqual({
      multipart: { name: 'my list', file: { filename: 'ids.txt', type: 'text/plain', text: 'zen\n' }, token: '[REDACTED]' },
    });
    expect(seen[0]?.response).toEqual({ status: 204 });
  });
});
