import { describe, expect, it } from 'vitest';
import { type Fixture, FixtureMatcher, jsonDifference, parseXml, sameValue, toResponse, xmlDifference } from '../../src/testing/index.js';

describe('parseXml', () => {
  it('parses elements, attributes, entities, CDATA and comments; drops whitespace between elements', () => {
    const tree = parseXml(`<?xml version="1.0" encoding="UTF-8"?>
      <!DOCTYPE query>
      <!-- a comment -->
      <query name='a &amp; b' view="Gene.symbol">
        <constraint path="Gene" op="LOOKUP" value="&lt;zen&gt;"/>
        <note><![CDATA[x < y]]> &#65;&#x42;</note>
      </query>`);
    expect(tree).toEqual({
      name: 'query',
      attributes: { name: 'a & b', view: 'Gene.symbol' },
      children: [
        { name: 'constraint', attributes: { path: 'Gene', op: 'LOOKUP', value: '<zen>' }, children: [] },
        { name: 'note', attributes: {}, children: ['x < yAB'] },
      ],
    });
  });

  it('rejects malformed XML with a SyntaxError', () => {
    expect(() => parseXml('<a><b></a>')).toThrow(SyntaxError);
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow(/duplicate attribute/);
    expect(() => parseXml('<a/><b/>')).toThrow(/more than one root/);
    expect(() => parseXml('just text')).toThrow(SyntaxError);
    expect(() => parseXml('<a>')).toThrow(/unclosed element <a>/);
  });
});

describe('xmlDifference', () => {
  it('ignores attribute order and insignificant whitespace, reports a changed value with its path', () => {
    const a = parseXml('<query model="genomic" view="Gene.symbol"><constraint path="Gene.symbol" value="zen"/></query>');
    const b = parseXml('<query  view="Gene.symbol" model="genomic">\n  <constraint value="zen" path="Gene.symbol"></constraint>\n</query>');
    expect(xmlDifference(a, b)).toBeUndefined();
    const c = parseXml('<query model="genomic" view="Gene.symbol"><constraint path="Gene.symbol" value="eve"/></query>');
    expect(xmlDifference(a, c)).toBe('/query/constraint/@value: expected "zen", got "eve"');
    expect(xmlDifference(parseXml('<a><b/></a>'), parseXml('<a><b/><c/></a>'))).toBe('/a child 2: expected nothing, got <c>');
    expect(xmlDifference(parseXml('<a>x</a>'), parseXml('<a>y</a>'))).toBe('/a child 1: expected "x", got "y"');
  });
});

describe('jsonDifference and sameValue', () => {
  it('compares JSON as data and names the first differing path', () => {
    expect(jsonDifference({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBeUndefined();
    expect(jsonDifference({ a: 1 }, { a: '1' })).toBe('$.a: expected 1, got "1"');
    expect(jsonDifference({ a: 1 }, {})).toBe('$.a: expected 1, but it is missing');
    expect(jsonDifference({}, { 'x-y': true })).toBe('$["x-y"]: not expected, got true');
    expect(jsonDifference([1, 2], [1])).toBe('$: expected 2 items, got 1');
  });

  it('treats [REDACTED] in the fixture as matching any value', () => {
    expect(sameValue('Token [REDACTED]', 'Token abc123')).toBe(true);
    expect(sameValue('Token [REDACTED]', 'Bearer abc123')).toBe(false);
    expect(sameValue('a.b', 'axb')).toBe(false);
    expect(jsonDifference({ password: '[REDACTED]' }, { password: 'hunter22' })).toBeUndefined();
  });
});

describe('FixtureMatcher', () => {
  const fixtures: Fixture[] = [
    { name: 'plain', exchanges: [{ request: { method: 'GET', path: '/v1/me' }, response: { status: 401 } }] },
    {
      name: 'with-token',
      exchanges: [{ request: { method: 'GET', path: '/v1/me', headers: { Authorization: 'Token [REDACTED]' } }, response: { status: 200 } }],
    },
    {
      name: 'login',
      exchanges: [
        {
          request: { method: 'POST', path: '/v1/login', query: { token: '[REDACTED]' }, body: { form: { user: 'demo', password: '[REDACTED]' } } },
          response: { status: 204 },
        },
      ],
    },
    {
      name: 'upload',
      exchanges: [
        {
          request: {
            method: 'POST',
            path: '/v1/lists',
            query: { name: 'my list' },
            body: { multipart: { type: 'Gene', file: { filename: 'ids.txt', type: 'text/plain', text: 'zen\neve\n' } } },
          },
          response: { status: 200 },
        },
      ],
    },
    { name: 'relative', exchanges: [{ request: { method: 'GET', path: '/metadata?verbose=1' }, response: { status: 200 } }] },
  ];
  const matcher = new FixtureMatcher(fixtures, { baseUrl: 'https://api.example.test/v1' });
  const request = (url: string, init?: { method?: string; headers?: Record<string, string>; body?: Uint8Array; contentType?: string }) => {
    const headers = new Headers(init?.headers);
    if (init?.contentType) headers.set('content-type', init.contentType);
    return { method: init?.method ?? 'GET', url: new URL(url), headers, body: init?.body };
  };

  it('prefers the most specific matching fixture', async () => {
    expect((await matcher.match(request('https://api.example.test/v1/me')))?.fixture.name).toBe('plain');
    expect((await matcher.match(request('https://api.example.test/v1/me', { headers: { authorization: 'Token s3cr3t' } })))?.fixture.name).toBe('with-token');
  });

  it('matches scrubbed query params and form fields against any value', async () => {
    const body = new TextEncoder().encode('password=hunter22&user=demo');
    const hit = await matcher.match(
      request('https://api.example.test/v1/login?token=abc', { method: 'POST', body, contentType: 'application/x-www-form-urlencoded' }),
    );
    expect(hit?.fixture.name).toBe('login');
  });

  it('compares multipart fields and files', async () => {
    const form = new FormData();
    form.append('file', new Blob(['zen\neve\n'], { type: 'text/plain' }), 'ids.txt');
    form.append('type', 'Gene');
    const encoded = new Request('https://x.test', { method: 'POST', body: form });
    const body = new Uint8Array(await encoded.arrayBuffer());
    const contentType = encoded.headers.get('content-type')!;
    expect((await matcher.match(request('https://api.example.test/v1/lists?name=my%20list', { method: 'POST', body, contentType })))?.fixture.name).toBe(
      'upload',
    );

    const other = new FormData();
    other.append('file', new Blob(['zen\n'], { type: 'text/plain' }), 'ids.txt');
    other.append('type', 'Gene');
    const encodedOther = new Request('https://x.test', { method: 'POST', body: other });
    const incoming = request('https://api.example.test/v1/lists?name=my+list', {
      method: 'POST',
      body: new Uint8Array(await encodedOther.arrayBuffer()),
      contentType: encodedOther.headers.get('content-type')!,
    });
    expect(await matcher.match(incoming)).toBeUndefined();
    expect(await matcher.explain(incoming)).toContain('multipart file "file": content differs');
  });

  it('appends a path that does not start with the base path, and reads a query written in the path', async () => {
    expect((await matcher.match(request('https://api.example.test/v1/metadata?verbose=1')))?.fixture.name).toBe('relative');
  });

  it('names the method when no fixture uses it', async () => {
    const report = await matcher.explain(request('https://api.example.test/v1/me', { method: 'DELETE' }));
    expect(report).toContain('(no fixture uses method DELETE)');
    expect(report).toContain('method: expected GET, got DELETE');
  });
});

describe('toResponse', () => {
  it('builds bodies by kind with default content types and no body for 204', async () => {
    expect(toResponse({ status: 200, body: { json: { a: 1 } } }).headers.get('content-type')).toBe('application/json');
    expect(toResponse({ status: 200, headers: { 'Content-Type': 'application/vnd.api+json' }, body: { json: {} } }).headers.get('content-type')).toBe(
      'application/vnd.api+json',
    );
    expect(await toResponse({ status: 200, body: { xml: '<a/>' } }).text()).toBe('<a/>');
    expect(await toResponse({ status: 200, body: { form: { a: ['1', '2'] } } }).text()).toBe('a=1&a=2');
    expect(toResponse({ status: 204, body: { json: {} } }).body).toBeNull();
  });
});
