// Corners where the EMX2 simulator must answer as the server's web layer does: the task URL and
// reference an async upload hands out, the one-call CSV upload, ZIP file names, malformed GraphQL
// bodies, and which GET documents count as mutations.
import { describe, expect, it } from 'vitest';
import { BASE, rawGraphql, useEmx2Simulator } from './helpers.js';

const sim = useEmx2Simulator({ taskPolls: 0 });

async function token(user = 'admin', password = 'admin'): Promise<string> {
  const r = await rawGraphql('api/graphql', 'mutation($e:String,$p:String){signin(email:$e,password:$p){token}}', { e: user, p: password });
  return r.body.data.signin.token;
}

function petRows(count: number): string {
  return Array.from({ length: count }, (_, i) => `pet${i},cat,1`).join('\n');
}

describe('task URLs (TaskApi#create)', () => {
  it('serves the url an async upload answers, and the same task under /{schema}/{app}/api/tasks', async () => {
    const admin = { 'x-molgenis-token': await token() };
    const started = await fetch(`${BASE}/pet%20store/api/csv?async`, { method: 'POST', headers: { ...admin, fileName: 'Category' }, body: 'name\nfish\n' });
    const { id, url } = await started.json();
    expect(url).toBe(`/pet store/api/tasks/${id}`);
    for (const path of [encodeURI(url), `/pet%20store/tables/api/tasks/${id}`, `/api/tasks/${id}`]) {
      const res = await fetch(`${BASE}${path}`, { headers: admin });
      expect([path, res.status, res.headers.get('content-type'), JSON.parse(await res.text()).id]).toEqual([path, 200, 'text/plain', id]);
    }
    const asViewer = await fetch(`${BASE}${encodeURI(url)}`, { headers: { 'x-molgenis-token': await token('viewer', 'viewer-secret') } });
    expect([asViewer.status, await asViewer.json()]).toEqual([400, { errors: [{ message: 'Unable to get task: can only be done by admin' }] }]);
  });
});

describe('task references of async uploads (TaskReference)', () => {
  it('are compact JSON: text/plain from the CSV upload (ctx.result), application/json from ZIP and Excel (ctx.json)', async () => {
    const admin = { 'x-molgenis-token': await token() };
    const csv = await fetch(`${BASE}/pet%20store/api/csv?async`, { method: 'POST', headers: { ...admin, fileName: 'Category' }, body: 'name\nfish\n' });
    const csvText = await csv.text();
    expect([csv.headers.get('content-type'), csvText]).toEqual(['text/plain', JSON.stringify(JSON.parse(csvText))]);
    expect(Object.keys(JSON.parse(csvText))).toEqual(['id', 'url']);
    const form = new FormData();
    form.append('file', new Blob([await (await fetch(`${BASE}/pet%20store/api/zip`, { headers: admin })).arrayBuffer()]), 'pets.zip');
    const zip = await fetch(`${BASE}/pet%20store/api/zip?async`, { method: 'POST', headers: admin, body: form });
    const zipText = await zip.text();
    expect([zip.headers.get('content-type'), zipText]).toEqual(['application/json', JSON.stringify(JSON.parse(zipText))]);
  });
});

describe('POST /{schema}/api/csv with a fileName header (CsvApi#mergeMetadata)', () => {
  it('saves every row in one transaction: a bad row 151 writes none of the 150 before it', async () => {
    const before = sim.state.schemas.get('pet store')!.tables.find((t) => t.name === 'Pet')!.rows.length;
    const body = `name,category,weight\n${petRows(150)}\nnemo,whale,1\n`;
    const res = await fetch(`${BASE}/pet%20store/api/csv`, { method: 'POST', headers: { 'x-molgenis-token': await token(), fileName: 'pet' }, body });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].message).toMatch(/^Upsert into table 'Pet' failed: .*Key \(category\)=\(whale\) is not present/);
    expect(sim.state.schemas.get('pet store')!.tables.find((t) => t.name === 'Pet')!.rows.length).toBe(before);
  });

  it('answers the count as text/csv, and sends any body whose fileName names no table to the metadata path', async () => {
    const admin = { 'x-molgenis-token': await token() };
    const res = await fetch(`${BASE}/pet%20store/api/csv`, {
      method: 'POST',
      headers: { ...admin, fileName: 'Pet' },
      body: `name,category,weight\n${petRows(2)}\n`,
    });
    expect([res.status, res.headers.get('content-type'), await res.text()]).toEqual([200, 'text/csv', '{ "message": "imported number of rows: " + 2 }']);
    const metadata = await fetch(`${BASE}/pet%20store/api/csv`, { method: 'POST', headers: { ...admin, fileName: 'molgenis' }, body: 'tableName\nFish\n' });
    expect((await metadata.json()).errors[0].message).toBe('the EMX2 simulator does not implement metadata uploads');
  });
});

describe('ZIP downloads (ZipApi#getZip, #getZipTable)', () => {
  it('name the file, unquoted, after the schema (and table) plus the time in ms', async () => {
    const schema = await fetch(`${BASE}/pet%20store/api/zip`);
    expect(schema.headers.get('content-disposition')).toMatch(/^attachment; filename=pet store\d{13}\.zip$/);
    const table = await fetch(`${BASE}/pet%20store/api/zip/pet`);
    expect(table.headers.get('content-disposition')).toMatch(/^attachment; filename=pet store_Pet\d{13}\.zip$/);
  });
});

describe('GraphQL POST bodies (GraphqlApi#getQueryFromRequest, #getVariablesFromRequest)', () => {
  async function post(body: unknown): Promise<{ status: number; message: string }> {
    const res = await fetch(`${BASE}/pet%20store/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, message: (await res.json()).errors?.[0]?.message };
  }

  it('fails a body without "query" with the server’s NullPointerException text', async () => {
    expect(await post({ variables: {} })).toEqual({
      status: 400,
      message:
        'Cannot invoke "com.fasterxml.jackson.databind.JsonNode.asText()" because the return value of "com.fasterxml.jackson.databind.node.ObjectNode.get(String)" is null',
    });
  });

  it('fails variables that are not an object with the failed cast to Map, its text twice', async () => {
    const cast = (c: string) => `class ${c} cannot be cast to class java.util.Map (${c} and java.util.Map are in module java.base of loader 'bootstrap')`;
    const failed = (c: string) => `Parsing of graphql variables failed. Should be an object with each graphql variable a key. ${cast(c)}: ${cast(c)}`;
    expect(await post({ query: '{Pet{name}}', variables: '{}' })).toEqual({ status: 400, message: failed('java.lang.String') });
    expect(await post({ query: '{Pet{name}}', variables: [] })).toEqual({ status: 400, message: failed('java.util.ArrayList') });
    expect(await post({ query: '{Pet{name}}', variables: 3 })).toEqual({ status: 400, message: failed('java.lang.Integer') });
  });

  it('reads a null query as the text "null", and still runs with null variables', async () => {
    const nullQuery = await post({ query: null });
    expect([nullQuery.status, nullQuery.message]).toEqual([400, expect.stringMatching(/^Invalid syntax with offending token 'null'/)]);
    const ok = await fetch(`${BASE}/pet%20store/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{Category(limit:1){name}}', variables: null }),
    });
    expect([ok.status, (await ok.json()).data.Category]).toEqual([200, [{ name: 'cat' }]]);
  });
});

describe('GraphQL over GET (GraphqlExecutor#rejectMutations)', () => {
  async function get(query: string): Promise<{ status: number; body: { data?: unknown; errors?: { message: string }[] } }> {
    const res = await fetch(`${BASE}/api/graphql?${new URLSearchParams({ query })}`);
    return { status: res.status, body: await res.json() };
  }
  const refused = { status: 400, body: { errors: [{ message: 'Only query operations are allowed via HTTP GET. Use a POST request to execute mutations.' }] } };

  it('refuses a document defining any non-query operation, wherever it stands', async () => {
    expect(await get('# sign in\nmutation { signin(email: "admin", password: "admin") { status } }')).toEqual(refused);
    expect(await get('query A { _session { email } } mutation B { signout { status } }')).toEqual(refused);
    expect(await get('subscription { _session { email } }')).toEqual(refused);
  });

  it('runs queries (an operation named "mutation" too) and leaves syntax errors to the execution', async () => {
    expect(await get('query mutation { _session { email } }')).toEqual({ status: 200, body: { data: { _session: { email: 'anonymous' } } } });
    const broken = await get('mutation {');
    expect([broken.status, broken.body.errors?.[0]?.message]).toEqual([400, expect.stringMatching(/^Invalid syntax with offending token '<EOF>'/)]);
  });
});

describe('GraphQL over GET without `query` (GraphqlApi#getQueryFromRequest)', () => {
  type Types = { data: { __schema: { types: { name: string }[] } } };
  const names = async (path: string): Promise<{ status: number; names: string[] }> => {
    const res = await fetch(`${BASE}/${path}`);
    const body = (await res.json()) as Types;
    return { status: res.status, names: body.data.__schema.types.map((t) => t.name) };
  };

  it('runs `{ __schema { types { name } } }`: the type names, not a __typename, at both levels', async () => {
    const db = await names('api/graphql');
    expect(db.status).toBe(200);
    expect(db.names).toEqual(expect.arrayContaining(['Query', 'Save', 'String', 'Boolean', '__Schema', '__Type']));
    const schema = await names('pet%20store/graphql');
    expect(schema.names).toEqual(expect.arrayContaining(['Query', 'Save', 'Pet', 'Category', '__Schema']));
    expect(db.names).not.toContain('Pet');
    expect((await names('pet%20store/api/graphql')).names).toEqual(schema.names);
  });

  it('answers the same document sent as `query`, over GET and POST', async () => {
    const query = '{\n  __schema {\n    types {\n      name\n    }\n  }\n}';
    const viaGet = await (await fetch(`${BASE}/pet%20store/graphql?${new URLSearchParams({ query })}`)).json();
    const viaPost = await rawGraphql('pet%20store/graphql', query);
    expect(viaGet).toEqual(await (await fetch(`${BASE}/pet%20store/graphql`)).json());
    expect(viaPost.body).toEqual(viaGet);
  });

  it('names the mutation type Save at the database level too (GraphqlFactory.forDatabase)', async () => {
    const res = await rawGraphql('api/graphql', 'mutation { nope { status } }');
    expect(res.body.errors[0].message).toBe("Validation error (FieldUndefined@[nope]) : Field 'nope' in type 'Save' is undefined");
  });
});
