// createSimulator() driven through the real client (msw), with its wire rules: auth, RSQL,
// paging, limits, writes, deletes, metadata, imports, faults, reset and seed.
import { and, eq, ge, lt, or } from '@bio/rsql';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { errorDetails, isMolgenisBatchError, isMolgenisImportError, type Molgenis } from '../../src/index.js';
import { createSimulator, DEFAULT_BASE_URL } from '../../src/testing/index.js';
import { client, zip } from './helpers.js';

const sim = createSimulator();
const server = setupServer(...sim.handlers());
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => sim.reset());
afterAll(() => server.close());

async function admin(options: Parameters<typeof client>[0] = {}): Promise<Molgenis> {
  const m = client(options);
  await m.login('admin', sim.users.admin!.password);
  return m;
}

async function raw(path: string, init: RequestInit = {}): Promise<{ status: number; type: string | null; body: unknown }> {
  const response = await fetch(`${DEFAULT_BASE_URL}${path}`, init);
  const text = await response.text();
  const type = response.headers.get('content-type');
  return { status: response.status, type, body: type?.includes('json') && text !== '' ? JSON.parse(text) : text };
}

describe('login, tokens, permissions', () => {
  it('logs in with the documented users and checks x-molgenis-token', async () => {
    expect(sim.users.admin?.password).toBe('admin');
    const m = client();
    const result = await m.login('admin', 'admin');
    expect(result).toMatchObject({ username: 'admin', firstname: 'Ada' });
    expect(sim.state.tokens.get(result.token)).toBe('admin');
    expect(sim.requests.at(-1)?.headers.get('x-molgenis-token')).toBeNull();
    await m.add('Person', { firstName: 'Ada' });
    expect(sim.requests.at(-1)?.headers.get('x-molgenis-token')).toBe(result.token);
    await m.logout();
    expect(sim.state.tokens.size).toBe(0);
  });

  it('refuses bad credentials, 2FA users and users who must reset their password with 401', async () => {
    await expect(client().login('admin', 'wrong')).rejects.toMatchObject({ name: 'UnauthorizedError', status: 401, serviceMessage: 'Bad credentials' });
    await expect(client().login('tfa-user', 'tfa-secret')).rejects.toThrow(/two-factor authentication is enabled/);
    await expect(client().login('new-user', 'initial-secret')).rejects.toThrow(/must change their password/);
  });

  it('treats an unknown token as anonymous: public reads pass, private reads and writes get 401 DS04', async () => {
    const headers = { 'x-molgenis-token': 'not-a-token' };
    expect((await raw('/api/v2/demo_sightings/151', { headers })).status).toBe(200);
    expect(await raw('/api/v2/demo_private', { headers })).toEqual({
      status: 401,
      type: 'application/json;charset=UTF-8',
      body: { errors: [{ message: "No 'Read data' permission on entity type 'Private' with id 'demo_private'.", code: 'DS04' }] },
    });
    await expect(client().add('Person', { firstName: 'Eve' })).rejects.toMatchObject({ status: 401 });
    expect(sim.state.entities.get('Person')?.rows.size).toBe(0);
    const m = await admin();
    expect(await m.get('demo_private').toArray()).toEqual([{ _href: '/api/v2/demo_private/p1', id: 'p1' }]);
  });

  it('forgets a token on logout', async () => {
    const m = client();
    const { token } = await m.login('data-manager', 'dm-secret');
    await m.logout();
    expect((await raw('/api/v2/demo_private', { headers: { 'x-molgenis-token': token } })).status).toBe(401);
  });
});

describe('v2 reads', () => {
  it('evaluates RSQL strings and @bio/rsql nodes alike (and/or, ==, >=, <)', async () => {
    const m = client();
    const q = or(and(ge('celiac_weight', 80), lt('celiac_height', 180)), eq('celiac_gender', 'Female'));
    const rows = await m.get('celiacsprue', { q, attributes: ['Individual', 'celiac_gender'] }).toArray({ max: 100 });
    expect(rows.map((r) => r.Individual)).toEqual(['celiac_0007', 'celiac_0012', 'celiac_0031']);
    expect(rows[0]).toEqual({
      _href: '/api/v2/celiacsprue/celiac_0007',
      Individual: 'celiac_0007',
      // a reference named in attrs comes with its id and label, as by default (see wire-corners)
      celiac_gender: { _href: '/api/v2/celiacsprue_gender/Female', id: 'Female', label: 'Female' },
    });
    const again = await m.get('celiacsprue', { q: '(celiac_weight>=80;celiac_height<180),(celiac_gender==Female)' }).toArray({ max: 100 });
    expect(again.map((r) => r.Individual)).toEqual(rows.map((r) => r.Individual));
    expect(again[0]?.celiac_gender).toEqual({ _href: '/api/v2/celiacsprue_gender/Female', id: 'Female', label: 'Female' });
  });

  it('supports !=, =in=, =q=, =like=, =rng=, dotted selectors and empty values', async () => {
    const m = client();
    const ids = async (entity: string, q: string) => (await m.get(entity, { q }).toArray({ max: 100 })).map((r) => r.id);
    expect(await ids('demo_sightings', 'year!=1997')).toEqual(['151', '152']);
    expect(await ids('demo_sightings', 'type=in=(troll,kelpie)')).toEqual(['153', '155']);
    expect(await ids('demo_sightings', 'type=q=UNI')).toEqual(['154']);
    expect(await ids('demo_sightings', '*=q=kelp')).toEqual(['155']);
    expect(await ids('demo_sightings', 'type=like=ll')).toEqual(['153']);
    expect(await ids('demo_sightings', 'type=notlike=r')).toEqual(['151', '155']);
    expect(await ids('demo_sightings', 'year=rng=(1997,1997)')).toEqual(['153', '154', '155']);
    expect(await ids('demo_reports', 'sighting.type==troll')).toEqual(['r2']);
    expect(await ids('demo_reports', "sighting==''")).toEqual([]);
  });

  it('refuses an unknown attribute, < on a string, =out= and an invalid query as MOLGENIS does', async () => {
    const m = client();
    await expect(m.get('demo_sightings', { q: 'colour==red' }).toArray({ max: 100 })).rejects.toMatchObject({
      status: 404,
      serviceMessage: "Unknown attribute 'colour' of entity type 'Sightings'.",
    });
    // The visitor's own refusals reach MOLGENIS's fallback handler: 500s with an error document.
    const typeLt = await raw(`/api/v2/demo_sightings?q=${encodeURIComponent('type<b')}`);
    expect(typeLt.status).toBe(500);
    expect(typeLt.body).toEqual({
      errors: [{ message: "Can't perform RSQL query operator [=lt=] on STRING attribute 'type' of entity type 'demo_sightings'.", code: 'WEB03' }],
    });
    const badNumber = await raw('/api/v2/celiacsprue?q=celiac_height==abc');
    expect(badNumber).toMatchObject({ status: 500, body: { errors: [{ message: 'For input string: "abc"' }] } });
    const out = await raw(`/api/v2/demo_sightings?q=${encodeURIComponent('year=out=(1996)')}`);
    expect(out).toMatchObject({ status: 500, body: { errors: [{ message: 'Unknown rsql operator: =out=' }] } });
    // A q that does not parse fails while the request is bound (QueryRsqlConverter → TypeMismatchException): typeMismatch, not API03.
    const invalid = await raw(`/api/v2/demo_sightings?q=${encodeURIComponent('year==(1996')}`);
    expect(invalid).toEqual({
      status: 400,
      type: 'application/json;charset=UTF-8',
      body: {
        errors: [
          {
            message:
              "Field 'q' of 'entityCollectionRequestV2' Failed to convert property value of type java.lang.String to required type org.molgenis.web.rsql.QueryRsql for property q; nested exception is org.springframework.core.convert.ConversionFailedException: Failed to convert from type [java.lang.String] to type [org.molgenis.web.rsql.QueryRsql] for value year==(1996; nested exception is org.molgenis.api.convert.QueryParseException: parseException: Unexpected end of input at position 11: expected , or ).",
            code: 'typeMismatch',
          },
        ],
      },
    });
    // One BindException names every bad field: binding errors by parameter name, then the constraints.
    const both = await raw(`/api/v2/demo_sightings?start=x&q=${encodeURIComponent('year==')}&num=20000`);
    expect((both.body as { errors: { code: string; message: string }[] }).errors.map((e) => [e.message.split(' ').slice(0, 2).join(' '), e.code])).toEqual([
      ["Field 'q'", 'typeMismatch'],
      ["Field 'start'", 'typeMismatch'],
      ["Field 'num'", 'Max'],
    ]);
    // The client's error carries the server's message and code for the fallback handler's 500.
    const failed = await client({ retry: 0 })
      .get('demo_sightings', { q: 'type<b' })
      .toArray()
      .catch((e: unknown) => e);
    expect(failed).toMatchObject({
      status: 500,
      serviceMessage: "Can't perform RSQL query operator [=lt=] on STRING attribute 'type' of entity type 'demo_sightings'.",
    });
    expect(errorDetails(failed)?.code).toBe('WEB03');
  });

  it('pages with start/num, total and nextHref (absent on the last page)', async () => {
    const m = client();
    const rows = await m.get('demo_sightings', { pageSize: 2 }).toArray();
    expect(rows.map((r) => r.id)).toEqual(['151', '152', '153', '154', '155']);
    const pages = sim.requests.filter((r) => r.url.pathname === '/api/v2/demo_sightings').map((r) => r.url.searchParams.get('start'));
    expect(pages).toEqual(['0', '2', '4']);
    const last = await raw('/api/v2/demo_sightings?sort=id&start=4&num=2');
    expect(last.body).toMatchObject({ start: 4, num: 2, total: 5, prevHref: 'https://molgenis.example.org/api/v2/demo_sightings?sort=id&num=2&start=2' });
    expect(last.body).not.toHaveProperty('nextHref');
    const first = await raw('/api/v2/demo_sightings?sort=year:desc,id&num=2');
    expect(first.body).toMatchObject({ total: 5, nextHref: 'https://molgenis.example.org/api/v2/demo_sightings?sort=year:desc,id&num=2&start=2' });
    expect((first.body as { items: { id: string }[] }).items.map((i) => i.id)).toEqual(['153', '154']);
    expect(await m.get('celiacsprue').total()).toBe(13);
  });

  it('refuses num above 10,000 with a 400', async () => {
    expect(await raw('/api/v2/demo_sightings?num=10001')).toMatchObject({
      status: 400,
      body: { errors: [{ message: "Field 'num' of 'entityCollectionRequestV2' must be less than or equal to 10000", code: 'Max' }] },
    });
    expect((await raw('/api/v2/demo_sightings?num=10000')).status).toBe(200);
  });

  it('expands references with attrs=ref(*) and computes ONE_TO_MANY', async () => {
    const m = client();
    const report = await m.getById('demo_reports', 'r1', { attributes: ['id', 'sighting'], expand: ['sighting'] });
    expect(report.sighting).toMatchObject({ _href: '/api/v2/demo_sightings/151', id: '151', type: 'gnome', year: 1996 });
    const sighting = await m.getById('demo_sightings', '153');
    expect(sighting.reports).toEqual([{ _href: '/api/v2/demo_reports/r2', id: 'r2', text: 'A troll under the bridge' }]);
    await expect(m.getById('demo_sightings', '999')).rejects.toMatchObject({
      status: 404,
      serviceMessage: "Unknown entity with 'id' '999' of type 'Sightings'.",
    });
    await expect(m.get('demo_unknown').toArray({ max: 1 })).rejects.toMatchObject({ status: 404, serviceMessage: "Unknown entity type 'demo_unknown'." });
  });
});

describe('writes and deletes', () => {
  it('adds a row (201 + Location) and reads it back', async () => {
    const m = await admin();
    const id = await m.add('Person', { firstName: 'Jan', lastName: 'Klaassen' });
    expect(id).toMatch(/^[a-z0-9]{26}$/);
    expect(await m.getById('Person', id)).toMatchObject({ id, firstName: 'Jan', lastName: 'Klaassen' });
    const files = { image: { name: 'expression.jpg', data: new Uint8Array([0xff, 0xd8, 0xff]) } };
    const plot = await m.add('Plot', {}, { files });
    expect((await m.getById('Plot', plot)).image).toMatchObject({ filename: 'expression.jpg', size: 3 });
  });

  it('addAll writes in batches of ≤ 1000; the server refuses 1001 and a batch with a duplicate writes nothing', async () => {
    const m = await admin();
    const rows = Array.from({ length: 1001 }, (_, i) => ({ id: `s${i}`, type: 'gnome', year: 2000 + (i % 20) }));
    const ids = await m.addAll('demo_sightings', rows);
    expect(ids).toHaveLength(1001);
    expect(sim.requests.filter((r) => r.method === 'POST' && r.url.pathname === '/api/v2/demo_sightings')).toHaveLength(2);
    expect(sim.state.entities.get('demo_sightings')?.rows.size).toBe(1006);
    const token = sim.requests.at(-1)?.headers.get('x-molgenis-token') as string;
    const tooMany = await raw('/api/v2/demo_sightings', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-molgenis-token': token },
      body: JSON.stringify({ entities: rows.map((r) => ({ ...r, id: `t${r.id}` })) }),
    });
    expect(tooMany).toMatchObject({ status: 400, body: { errors: [{ message: 'Number of entities cannot be more than 1000.' }] } });
    const error = await m
      .addAll('demo_sightings', [
        { id: 'new1', type: 'elf' },
        { id: '151', type: 'gnome' },
      ])
      .catch((e: unknown) => e);
    expect(isMolgenisBatchError(error) && error.refused.length).toBe(2);
    expect(sim.state.entities.get('demo_sightings')?.rows.has('new1')).toBe(false);
  });

  it('refuses a row missing a required value and a dangling reference', async () => {
    const m = await admin();
    await expect(m.addAll('demo_sightings', [{ type: 'elf' }])).rejects.toMatchObject({
      errors: [{ error: { serviceMessage: "The attribute 'id' of entity 'demo_sightings' can not be null." } }],
    });
    await expect(m.add('demo_reports', { id: 'r9', sighting: '999' })).rejects.toMatchObject({ status: 400 });
  });

  it('updates one cell, whole rows and upserts', async () => {
    const m = await admin();
    await m.updateOne('demo_sightings', '151', 'type', 'unicorn');
    expect(sim.state.entities.get('demo_sightings')?.rows.get('151')).toMatchObject({ type: 'unicorn', year: 1996 });
    await m.updateAll('demo_sightings', [{ id: '152', type: 'fairy', year: '1999' }]);
    expect(sim.state.entities.get('demo_sightings')?.rows.get('152')).toEqual({ id: '152', type: 'fairy', year: 1999 });
    await expect(m.updateAll('demo_sightings', [{ id: '999', type: 'x' }])).rejects.toSatisfy(isMolgenisBatchError);
    const { added, updated } = await m.upsert('demo_sightings', [
      { id: '160', type: 'dragon', year: 2001, reports: [] },
      { id: '151', type: 'gnome', year: 1995 },
    ]);
    expect({ added, updated }).toEqual({ added: ['160'], updated: ['151'] });
    expect((await m.getById('demo_sightings', '151')).year).toBe(1995);
  });

  it('deletes one row, a list (all or nothing) and every row', async () => {
    const m = await admin();
    const rows = () => [...(sim.state.entities.get('demo_sightings')?.rows.keys() ?? [])];
    await m.deleteList('demo_reports', ['r1', 'r2']);
    await m.delete('demo_sightings', '155');
    await expect(m.deleteList('demo_sightings', ['154', '999'])).rejects.toSatisfy(isMolgenisBatchError);
    expect(rows()).toEqual(['151', '152', '153', '154']);
    await m.deleteList('demo_sightings', ['153', '154']);
    expect(rows()).toEqual(['151', '152']);
    await m.deleteAll('demo_sightings', { confirm: true });
    expect(rows()).toEqual([]);
  });

  it('refuses deleting a row that is still referenced', async () => {
    const m = await admin();
    const refused = await m.delete('demo_sightings', '151').catch((e: unknown) => e);
    // ValueReferencedException: code D22 (PostgreSqlExceptionTranslator), a 400 from GlobalControllerExceptionHandler
    expect(refused).toMatchObject({ status: 400, serviceMessage: "Value '151' for attribute 'id' is referenced by entity 'demo_reports'." });
    expect(errorDetails(refused)?.code).toBe('D22');
    expect(sim.state.entities.get('demo_sightings')?.rows.has('151')).toBe(true);
  });

  it('starts every test from the initial state (reset)', () => {
    expect(sim.state.entities.get('demo_sightings')?.rows.size).toBe(5);
    expect(sim.state.entities.get('Person')?.rows.size).toBe(0);
    expect(sim.state.tokens.size).toBe(0);
    expect(sim.requests).toHaveLength(0);
  });
});

describe('metadata', () => {
  it('answers v1 entity and attribute metadata and the Metadata API v3', async () => {
    const m = client();
    const meta = await m.getEntityMetaData('celiacsprue');
    expect(meta).toMatchObject({ idAttribute: 'Individual', labelAttribute: 'Individual' });
    expect(meta.attributes?.celiac_gender).toMatchObject({ fieldType: 'CATEGORICAL', refEntity: { name: 'celiacsprue_gender' } });
    expect(await m.getAttributeMetaData('demo_sightings', 'year')).toMatchObject({ fieldType: 'INT', name: 'year' });
    const v3 = await m.getMeta('demo_sightings', { flattenAttributes: true });
    expect(v3).toMatchObject({ id: 'demo_sightings', idAttribute: 'id', package: { id: 'demo' } });
  });

  it('answers the ApiController family with problem+json', async () => {
    await expect(client().getMeta('demo_unknown')).rejects.toMatchObject({ status: 404, serviceMessage: "Unknown entity type 'demo_unknown'." });
    const missing = await raw('/api/data/demo_sightings/999');
    expect(missing).toMatchObject({ status: 404, type: 'application/problem+json', body: { errorCode: 'D02' } });
    expect(await raw('/api/data/demo_sightings/151')).toMatchObject({ status: 200, body: { data: { id: '151', reports: ['r1'] } } });
  });

  it('answers an unknown non-API path with an HTML page', async () => {
    const page = await raw('/menu/nowhere');
    expect(page.status).toBe(404);
    expect(page.type).toMatch(/^text\/html/);
  });
});

describe('EMX import wizard', () => {
  it('imports the data sheets of a zip and polls sys_ImportRun RUNNING → FINISHED', async () => {
    const m = await admin();
    const bytes = zip({ 'demo_sightings.tsv': 'id\ttype\tyear\n157\tgnome\t1998\n158\tfairy\t1998\n', 'attributes.tsv': 'name\tentity\n' });
    const states: string[] = [];
    const started = await m.uploadZip({ name: 'demo.zip', data: bytes }, { action: 'add_update_existing', wait: false });
    for await (const run of m.importRuns(started.id, { interval: 0 })) states.push(run.status);
    expect(states).toEqual(['RUNNING', 'FINISHED']);
    const job = await m.waitForImport(started.href, { interval: 0 });
    expect(job).toMatchObject({ status: 'FINISHED', importedEntities: 'demo_sightings' });
    expect((await m.getById('demo_sightings', '158')).year).toBe(1998);
  });

  it('fails a run that is not a zip, and refuses an unknown package with text/plain', async () => {
    const m = await admin();
    const error = await m.uploadZip({ name: 'broken.zip', data: new TextEncoder().encode('PK not really a zip') }, { interval: 0 }).catch((e: unknown) => e);
    expect(isMolgenisImportError(error) && error.run.status).toBe('FAILED');
    await expect(m.uploadZip({ name: 'demo.zip', data: zip({}) }, { packageId: 'demo_missing', interval: 0 })).rejects.toMatchObject({
      status: 400,
      serviceMessage: 'Package [demo_missing] does not exist.',
    });
  });

  it('sends an anonymous upload to the login page', async () => {
    await expect(client().uploadZip({ name: 'demo.zip', data: zip({}) })).rejects.toMatchObject({ name: 'ResponseFormatError' });
  });
});

describe('faults', () => {
  it('a 503 every 2nd request is retried by the client', async () => {
    sim.faults.set({ every: 2, status: 503, retryAfter: 0 });
    const m = client({ retry: { limit: 2, delay: 0 } });
    const rows = await m.get('demo_sightings', { pageSize: 2 }).toArray();
    expect(rows).toHaveLength(5);
    expect(sim.requests.length).toBeGreaterThan(4);
  });

  it('a write hit by a 503 is not retried and is reported as refused', async () => {
    const m = await admin();
    sim.faults.set({ every: 1, status: 503 });
    const error = await m.addAll('demo_sightings', [{ id: '170', type: 'elf' }]).catch((e: unknown) => e);
    expect(isMolgenisBatchError(error) && error.refused).toHaveLength(1);
    expect(sim.requests.filter((r) => r.method === 'POST' && r.url.pathname === '/api/v2/demo_sightings')).toHaveLength(1);
  });
});
