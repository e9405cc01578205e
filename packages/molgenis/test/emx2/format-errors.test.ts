// Every ResponseFormatError names the request it is about — method, full url, status — and
// scrubs the session token from what the answer echoed.
import { strToU8, zipSync } from 'fflate';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Emx2, ResponseFormatError } from '../../src/emx2/index.js';
import { namedFormatError } from '../format-error.js';
import { BASE, emx2, useEmx2Server } from './helpers.js';

const { server } = useEmx2Server({ syntheticRows: 10, taskPolls: 0 });

/** A signed-in client, and the token its requests carry (read by the test's handlers). */
async function signedIn() {
  const client = emx2();
  await client.signin('admin', 'admin');
  const seen = { token: '' };
  const tokenOf = (request: Request): string => {
    seen.token = request.headers.get('x-molgenis-token') ?? '';
    return seen.token;
  };
  return { client, seen, tokenOf };
}

/** Answer `method path` with `text(token)` as `contentType`, `tokenOf` noting the token the request carried. */
function answerText(tokenOf: (request: Request) => string, method: 'get' | 'delete', path: string, contentType: string, text: (token: string) => string): void {
  server.use(http[method](`${BASE}/${path}`, ({ request }) => new HttpResponse(text(tokenOf(request)), { headers: { 'content-type': contentType } })));
}

/** The error `promise` rejects with, asserted to name `method url` with `status`, without the session token. */
function named(promise: Promise<unknown>, method: string, url: string, status: number, seen: { token: string }): Promise<ResponseFormatError> {
  return namedFormatError(promise, { method, url, status, base: BASE, secret: () => seen.token });
}

describe('ResponseFormatErrors of the EMX2 client name their request', () => {
  it('importZip: an async upload answered without a task id', async () => {
    const { client, seen, tokenOf } = await signedIn();
    server.use(http.post(`${BASE}/pet%20store/api/zip`, ({ request }) => HttpResponse.json({ note: `session ${tokenOf(request)}` })));
    const zip = zipSync({ 'Category.csv': strToU8('name\nfish\n') });
    const failed = await named(client.schema('pet store').importZip(zip, { interval: 0 }), 'POST', `${BASE}/pet%20store/api/zip?async=true`, 200, seen);
    expect(failed.message).toBe('POST pet%20store/api/zip: the async import answered no task id');
    expect(failed.contentType).toMatch(/^application\/json/);
    expect(failed.snippet).toBe('{"note":"session [REDACTED]"}');
  });

  it('task(): _tasks answered no task', async () => {
    const { client, seen, tokenOf } = await signedIn();
    server.use(http.post(`${BASE}/api/graphql`, ({ request }) => HttpResponse.json({ data: { _tasks: [], note: tokenOf(request) } })));
    const failed = await named(client.task('t1'), 'POST', `${BASE}/api/graphql`, 200, seen);
    expect(failed.message).toBe('POST api/graphql: _tasks(id: "t1") answered no task');
    expect(failed.snippet).toBe('{"_tasks":[],"note":"[REDACTED]"}');
  });

  it('waitForTask(): _tasks answered a (sub)task without an id', async () => {
    const { client, seen, tokenOf } = await signedIn();
    server.use(
      http.post(`${BASE}/api/graphql`, ({ request }) =>
        HttpResponse.json({ data: { _tasks: [{ id: 't1', status: 'RUNNING', subTasks: [{ status: 'RUNNING', description: `by ${tokenOf(request)}` }] }] } }),
      ),
    );
    const failed = await named(client.waitForTask('t1', { interval: 0 }), 'POST', `${BASE}/api/graphql`, 200, seen);
    expect(failed.message).toMatch(/POST api\/graphql: _tasks answered a task without an id$/);
    expect(failed.snippet).toBe('{"status":"RUNNING","description":"by [REDACTED]"}');
  });

  it('deleteCsv: the answer is not a row count', async () => {
    const { client, seen, tokenOf } = await signedIn();
    answerText(tokenOf, 'delete', 'pet%20store/api/csv/Pet', 'text/html', (token) => `<html>${token}</html>`);
    const pets = client.schema('pet store').table('Pet');
    const failed = await named(pets.deleteCsv([{ name: 'rex' }]), 'DELETE', `${BASE}/pet%20store/api/csv/Pet`, 200, seen);
    expect(failed.message).toBe('DELETE pet%20store/api/csv/Pet: the CSV delete answered no count of deleted rows');
    expect(failed.contentType).toBe('text/html');
    expect(failed.snippet).toBe('<html>[REDACTED]</html>');
  });

  it('exportCsv().stream(): the download has no body', async () => {
    const { client, seen, tokenOf } = await signedIn();
    server.use(
      http.get(`${BASE}/pet%20store/api/csv/Pet`, ({ request }) => {
        tokenOf(request);
        return new HttpResponse(null, { status: 200, headers: { 'content-type': 'text/csv' } });
      }),
    );
    const pets = client.schema('pet store').table('Pet');
    const failed = await named(pets.exportCsv({ separator: '\t' }).stream(), 'GET', `${BASE}/pet%20store/api/csv/Pet?separator=TAB`, 200, seen);
    expect(failed.message).toBe('GET pet%20store/api/csv/Pet: the CSV download has no body');
  });

  it('exportExcel(): the download is not an .xlsx', async () => {
    const { client, seen, tokenOf } = await signedIn();
    answerText(tokenOf, 'get', 'pet%20store/api/excel', 'text/html', (token) => `<html>${token}</html>`);
    const schema = client.schema('pet store');
    const failed = await named(schema.exportExcel({ includeSystemColumns: true }), 'GET', `${BASE}/pet%20store/api/excel?includeSystemColumns=true`, 200, seen);
    expect(failed.message).toMatch(/^GET pet%20store\/api\/excel: the Excel download is not an \.xlsx workbook \(\d+ bytes, no ZIP signature\)$/);
    expect(failed.snippet).toBe('<html>[REDACTED]</html>');
  });

  /** A GraphQL answer whose `data` is not what was asked: the call, where it goes, what comes back, and the error. */
  interface DataCase {
    name: string;
    path: string;
    data: (token: string) => unknown;
    call: (client: Emx2) => Promise<unknown>;
    message: string | RegExp;
    snippet?: string;
  }
  const pets = (client: Emx2) => client.schema('pet store').table('Pet');
  const dataCases: DataCase[] = [
    {
      name: 'metadata(): _schema is not an object',
      path: 'pet%20store/graphql',
      data: (token) => ({ _schema: `oops ${token}` }),
      call: (client) => client.schema('pet store').metadata({ refresh: true }),
      message: '_schema of "pet store" is not an object with tables',
      snippet: '"oops [REDACTED]"',
    },
    {
      name: 'rows(): the rows are not a list',
      path: 'pet%20store/graphql',
      data: (token) => ({ Pet: `x ${token}` }),
      call: (client) => pets(client).rows().toArray(),
      message: 'Pet is not a list',
      snippet: '"x [REDACTED]"',
    },
    {
      name: 'count(): the count is not a number',
      path: 'pet%20store/graphql',
      data: (token) => ({ Pet_agg: { count: token } }),
      call: (client) => pets(client).count(),
      message: 'Pet_agg.count is not a count of rows',
      snippet: '{"count":"[REDACTED]"}',
    },
    {
      name: 'get(): two rows for one key',
      path: 'pet%20store/graphql',
      data: (token) => ({ Pet: [{ name: token }, { name: token }] }),
      call: (client) => pets(client).get('rex'),
      message: '2 rows of Pet matched one primary key',
    },
    {
      name: 'rows(): a value its column type refuses',
      path: 'pet%20store/graphql',
      data: (token) => ({ Pet: [{ name: 'rex', weight: `heavy ${token}` }] }),
      call: (client) => pets(client).rows().toArray(),
      // the value holds the token, so it is too long to quote: it is never cut (half a token could not be redacted)
      message: /^column "weight" \(DECIMAL\) answered a value of \d+ characters$/,
    },
    {
      name: 'get(): a row that is not an object',
      path: 'pet%20store/graphql',
      data: (token) => ({ Pet: [`rex ${token}`] }),
      call: (client) => pets(client).get('rex'),
      message: 'a Pet row is not an object',
    },
    {
      name: 'schemas(): _schemas is not a list',
      path: 'api/graphql',
      data: (token) => ({ _schemas: `x ${token}` }),
      call: (client) => client.schemas().toArray(),
      message: '_schemas is not a list',
      snippet: '"x [REDACTED]"',
    },
    {
      name: 'schemas(): a schema without a name',
      path: 'api/graphql',
      data: (token) => ({ _schemas: [{ label: token }] }),
      call: (client) => client.schemas().toArray(),
      message: 'a schema in _schemas has no name',
      snippet: '{"label":"[REDACTED]"}',
    },
    {
      name: 'version(): _manifest without ImplementationVersion',
      path: 'api/graphql',
      data: (token) => ({ _manifest: { note: token } }),
      call: (client) => client.version(),
      message: '_manifest has no ImplementationVersion',
      snippet: '{"_manifest":{"note":"[REDACTED]"}}',
    },
    {
      name: 'createToken(): no token',
      path: 'api/graphql',
      data: (token) => ({ createToken: { status: 'FAILED', message: `refused ${token}` } }),
      call: (client) => client.createToken('ci', { user: 'admin' }),
      message: 'createToken answered no token: refused [REDACTED]',
    },
  ];

  it.each(dataCases)('$name', async ({ path, data, call, message, snippet }) => {
    const { client, seen, tokenOf } = await signedIn();
    await pets(client).metadata(); // loaded before the answers go wrong
    server.use(http.post(`${BASE}/${path}`, ({ request }) => HttpResponse.json({ data: data(tokenOf(request)) })));
    const failed = await named(call(client), 'POST', `${BASE}/${path}`, 200, seen);
    if (typeof message === 'string') expect(failed.message).toBe(`POST ${path}: ${message}`);
    else expect(failed.message.slice(`POST ${path}: `.length)).toMatch(message);
    expect(failed.snippet).toBe(snippet);
  });

  it('any GraphQL answer without a "data" object', async () => {
    const { client, seen, tokenOf } = await signedIn();
    server.use(http.post(`${BASE}/api/graphql`, ({ request }) => HttpResponse.json({ errors: [], note: tokenOf(request) })));
    const failed = await named(client.version(), 'POST', `${BASE}/api/graphql`, 200, seen);
    expect(failed.message).toBe('POST api/graphql: the answer has no "data" object');
    expect(failed.snippet).toBe('{"errors":[],"note":"[REDACTED]"}');
  });

  it('exportCsv().records(): a cell its column type refuses names the download (method, url, status)', async () => {
    const { client, seen, tokenOf } = await signedIn();
    answerText(tokenOf, 'get', 'pet%20store/api/csv/Pet', 'text/csv', (token) => `name,weight\nrex,heavy ${token}\n`);
    const failed = await named(
      pets(client)
        .exportCsv()
        .records({ columns: ['name', 'weight'] })
        .toArray(),
      'GET',
      `${BASE}/pet%20store/api/csv/Pet`,
      200,
      seen,
    );
    expect(failed.message).toMatch(
      /^GET pet%20store\/api\/csv\/Pet: column "weight" \(DECIMAL\) answered a value of \d+ characters; 0 rows were delivered before it, the rest of the table was not$/,
    );
    expect(failed.contentType).toBe('text/csv');
  });

  it('exportCsv().rows(): an HTML page instead of CSV names the download with its status', async () => {
    const { client, seen, tokenOf } = await signedIn();
    server.use(
      http.get(
        `${BASE}/pet%20store/api/csv/Pet`,
        ({ request }) => new HttpResponse(`<html>${tokenOf(request)}</html>`, { status: 203, headers: { 'content-type': 'text/html' } }),
      ),
    );
    const rows = async (): Promise<unknown[]> => {
      const out: unknown[] = [];
      for await (const row of pets(client).exportCsv({ separator: '\t' }).rows()) out.push(row);
      return out;
    };
    const failed = await named(rows(), 'GET', `${BASE}/pet%20store/api/csv/Pet?separator=TAB`, 203, seen);
    expect(failed.message).toBe(
      'GET pet%20store/api/csv/Pet: expected the CSV download (text/csv), got text/html; 0 rows were delivered before it, the rest of the table was not',
    );
    expect(failed.contentType).toBe('text/html');
  });

  it('rows(): _schema names a reference table it does not list, the error names the _schema request', async () => {
    const { client, seen, tokenOf } = await signedIn();
    const schema = {
      name: 'pet store',
      tables: [
        {
          id: 'Pet',
          name: 'Pet',
          tableType: 'DATA',
          columns: [
            { id: 'name', name: 'name', columnType: 'STRING', key: 1 },
            { id: 'owner', name: 'owner', columnType: 'REF', refTableName: 'Nowhere' },
          ],
        },
      ],
    };
    server.use(
      http.post(`${BASE}/pet%20store/graphql`, async ({ request }) => {
        const body = (await request.clone().json()) as { query: string };
        if (!body.query.includes('_schema')) return undefined;
        return HttpResponse.json({ data: { _schema: { ...schema, note: tokenOf(request) } } });
      }),
    );
    const failed = await named(pets(client).rows().toArray(), 'POST', `${BASE}/pet%20store/graphql`, 200, seen);
    expect(failed.message).toBe('POST pet%20store/graphql: metadata: Pet.owner refers to table "Nowhere", which _schema does not list');
    expect(failed.snippet).toContain('"refTableName":"Nowhere"');
  });
});
