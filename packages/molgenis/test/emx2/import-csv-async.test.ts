// The async CSV import reads the task reference whatever its content type: the server writes it
// as text (`CsvApi#mergeMetadata` → `ctx.result`, Javalin's default `text/plain`).
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { isResponseFormatError } from '../../src/emx2/index.js';
import { BASE, emx2, useEmx2Server } from './helpers.js';

const { sim, server } = useEmx2Server({ syntheticRows: 10, taskPolls: 0 });

async function categories() {
  const client = emx2();
  await client.signin('admin', 'admin');
  return client.schema('pet store').table('Category');
}

describe('importCsv({ async: true })', () => {
  it('follows a task reference sent as text/plain, as the server sends it', async () => {
    const table = await categories();
    const task = await table.importCsv('name\nfish\n', { async: true, interval: 0 });
    const upload = sim.requests.find((r) => r.url.pathname === '/pet%20store/api/csv');
    expect(upload?.url.searchParams.has('async')).toBe(true);
    expect(task?.status).toBe('COMPLETED');
    expect(await table.count('name==fish')).toBe(1);
  });

  it('fails with a ResponseFormatError when the answer holds no task id', async () => {
    const table = await categories();
    server.use(http.post(`${BASE}/pet%20store/api/csv`, () => new HttpResponse('null', { headers: { 'content-type': 'text/plain' } })));
    const failed = await table.importCsv('name\nfish\n', { async: true, interval: 0 }).catch((e: unknown) => e);
    expect(isResponseFormatError(failed) && failed.message).toMatch(/the async CSV import answered no task id/);
  });

  it('names the request (method, url, status) in that error, with the session token scrubbed', async () => {
    const table = await categories();
    let token = '';
    server.use(
      http.post(`${BASE}/pet%20store/api/csv`, ({ request }) => {
        token = request.headers.get('x-molgenis-token') ?? '';
        return new HttpResponse(JSON.stringify({ note: `session ${token}` }), { headers: { 'content-type': 'text/plain' } });
      }),
    );
    const failed = await table.importCsv('name\nfish\n', { async: true, interval: 0 }).catch((e: unknown) => e);
    if (!isResponseFormatError(failed)) throw new Error(`expected a ResponseFormatError, got ${String(failed)}`);
    expect(failed.method).toBe('POST');
    expect(failed.url).toBe(`${BASE}/pet%20store/api/csv?async=true`);
    expect(failed.status).toBe(200);
    expect(failed.service).toBe('molgenis');
    expect(failed.contentType).toMatch(/^text\/plain/);
    expect(failed.message).toMatch(/^POST pet%20store\/api\/csv: the async CSV import answered no task id/);
    expect(failed.snippet).toMatch(/^\{"note":"session \[REDACTED\]"\}$/);
    expect(token.length).toBeGreaterThan(8);
    expect(JSON.stringify(failed.toJSON()) + String(failed.snippet)).not.toContain(token);
  });
});
