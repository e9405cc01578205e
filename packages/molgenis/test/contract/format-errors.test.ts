// Every ResponseFormatError of the classic client names the request it is about — method, full
// url, status — and scrubs the client's token from what the answer echoed.
import type { ResponseFormatError } from '@bio/core-http';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Molgenis, type MolgenisBatchError } from '../../src/index.js';
import { namedFormatError } from '../format-error.js';
import { BASE } from '../helpers.js';

const TOKEN = 'tok3n-5ecret-0123456789';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const m = (): Molgenis => new Molgenis({ baseUrl: BASE, retry: 0, token: TOKEN });
/** A JSON answer echoing the token. */
const echo = (body: Record<string, unknown> = {}) => HttpResponse.json({ ...body, note: `token ${TOKEN}` });

function named(promise: Promise<unknown>, method: string, url: string, status: number): Promise<ResponseFormatError> {
  return namedFormatError(promise, { method, url, status, base: BASE, secret: () => TOKEN });
}

describe('ResponseFormatErrors of the classic client name their request', () => {
  it('get(): a page without "items"', async () => {
    server.use(http.get(`${BASE}/api/v2/E`, () => echo({ total: 1 })));
    const failed = await named(m().get('E', { max: 5 }).toArray(), 'GET', `${BASE}/api/v2/E?start=0&num=5`, 200);
    expect(failed.message).toBe('GET api/v2/E: the reply has no "items" array');
    expect(failed.snippet).toBe('{"total":1,"note":"token [REDACTED]"}');
  });

  it('get() with a full-text search: entity metadata without an idAttribute', async () => {
    server.use(http.get(`${BASE}/api/v1/E/meta`, () => echo({ name: 'E' })));
    const failed = await named(m().get('E', { q: 'name=q=x' }).toArray(), 'GET', `${BASE}/api/v1/E/meta?expand=attributes`, 200);
    expect(failed.message).toBe('GET api/v1/E/meta: the metadata of E has no idAttribute');
    expect(failed.snippet).toBe('{"name":"E","note":"token [REDACTED]"}');
  });

  it('getMeta(): a Metadata API reply without "data"', async () => {
    server.use(http.get(`${BASE}/api/metadata/E`, () => echo()));
    const failed = await named(m().getMeta('E'), 'GET', `${BASE}/api/metadata/E?flattenAttributes=false`, 200);
    expect(failed.message).toBe('GET api/metadata/E: the Metadata API reply has no "data" object');
    expect(failed.snippet).toBe('{"note":"token [REDACTED]"}');
  });

  it('toUploadFormat(): a v2 reply without "meta"', async () => {
    server.use(http.get(`${BASE}/api/v2/E`, () => echo({ items: [] })));
    const failed = await named(m().toUploadFormat('E', []), 'GET', `${BASE}/api/v2/E?num=0`, 200);
    expect(failed.message).toBe('GET api/v2/E: the reply has no "meta" with attributes');
    expect(failed.snippet).toBe('{"items":[],"note":"token [REDACTED]"}');
  });

  it('add(): a create answered without a Location header', async () => {
    server.use(http.post(`${BASE}/api/v1/E`, () => new HttpResponse(`created by ${TOKEN}`, { status: 201, headers: { 'content-type': 'text/plain' } })));
    const failed = await named(m().add('E', { id: 'a' }), 'POST', `${BASE}/api/v1/E`, 201);
    expect(failed.message).toMatch(/^POST api\/v1\/E: answered 201 without a Location header/);
  });

  it('login(): a reply without a token', async () => {
    server.use(http.post(`${BASE}/api/v1/login`, () => echo({ username: 'admin' })));
    const failed = await named(m().login('admin', 'pa55word-secret'), 'POST', `${BASE}/api/v1/login`, 200);
    expect(failed.message).toBe('POST api/v1/login: the reply has no token');
    expect(JSON.stringify(failed.toJSON()) + failed.message).not.toContain('pa55word-secret');
  });

  it('uploadZip(): an answer that is not the href of an import run', async () => {
    server.use(
      http.post(`${BASE}/plugin/importwizard/importFile`, () => new HttpResponse(`<html>${TOKEN}</html>`, { headers: { 'content-type': 'text/html' } })),
    );
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    const failed = await named(
      m().uploadZip(new File([zip], 'emx.zip'), { wait: false }),
      'POST',
      `${BASE}/plugin/importwizard/importFile?action=add&metadataAction=upsert`,
      200,
    );
    expect(failed.message).toBe('POST plugin/importwizard/importFile: expected the href of a sys_ImportRun');
    expect(failed.contentType).toBe('text/html');
    expect(failed.snippet).toBe('<html>[REDACTED]</html>');
  });

  it('waitForImport(): a run without a status', async () => {
    server.use(http.get(`${BASE}/api/v2/sys_ImportRun/r1`, () => echo({ id: 'r1' })));
    const failed = await named(m().waitForImport('r1', { interval: 0 }), 'GET', `${BASE}/api/v2/sys_ImportRun/r1`, 200);
    expect(failed.message).toBe('GET api/v2/sys_ImportRun/r1: the import run has no status');
    expect(failed.snippet).toBe('{"id":"r1","note":"token [REDACTED]"}');
  });

  it('waitForImport(): a run that ends with an unknown status', async () => {
    server.use(http.get(`${BASE}/api/v2/sys_ImportRun/r1`, () => echo({ id: 'r1', status: 'DONE' })));
    const failed = await named(m().waitForImport('r1', { interval: 0 }), 'GET', `${BASE}/api/v2/sys_ImportRun/r1`, 200);
    expect(failed.message).toBe('GET api/v2/sys_ImportRun/r1: import run r1 ended with unknown status "DONE"');
    expect(failed.snippet).toBe('{"id":"r1","status":"DONE","note":"token [REDACTED]"}');
  });

  it('addAll(): an answer that is not the create answer, with a token across the 300-character cut', async () => {
    const pad = 'x'.repeat(290 - '{"pad":"","note":"'.length);
    server.use(http.post(`${BASE}/api/v2/E`, () => HttpResponse.json({ pad, note: TOKEN })));
    // the batch's own error, which MolgenisBatchError keeps
    const batch = m()
      .addAll('E', [{ id: 'a' }])
      .catch((e: MolgenisBatchError) => Promise.reject(e.errors[0]?.error));
    const failed = await named(batch, 'POST', `${BASE}/api/v2/E`, 200);
    expect(failed.message).toBe('POST api/v2/E: expected 201 Created with the new rows, got 200; the rows of this batch may or may not be written');
    expect(failed.snippet).toBe(`{"pad":"${pad}","note":"[REDACTED]"}`.slice(0, 300));
    expect(failed.snippet).not.toContain(TOKEN.slice(0, 8));
  });

  it('csv(): a page that is not CSV names the page request with its status', async () => {
    server.use(http.get(`${BASE}/api/v1/csv/E`, () => new HttpResponse(`<html>${TOKEN}</html>`, { status: 203, headers: { 'content-type': 'text/html' } })));
    const failed = await named(m().csv('E', { max: 3 }).toArray(), 'GET', `${BASE}/api/v1/csv/E?start=0&num=3`, 203);
    expect(failed.message).toBe('GET api/v1/csv/E: expected a text/csv page, got text/html; 0 rows were delivered before it, the rest of the export was not');
    expect(failed.contentType).toBe('text/html');
  });

  it('csvText(): a page cut inside a record names the page request with its status', async () => {
    server.use(http.get(`${BASE}/api/v1/csv/E`, () => new HttpResponse(`"id"\n"a"\n"b`, { headers: { 'content-type': 'text/csv' } })));
    const read = async (): Promise<string> => {
      let text = '';
      for await (const piece of m().csvText('E', { pageSize: 5 })) text += piece;
      return text;
    };
    const failed = await named(read(), 'GET', `${BASE}/api/v1/csv/E?start=0&num=5`, 200);
    expect(failed.message).toMatch(/^GET api\/v1\/csv\/E: the page ends inside a record/);
  });
});
