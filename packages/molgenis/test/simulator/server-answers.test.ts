// Answers the simulator must give as the MOLGENIS source builds them: the `meta` of a v1
// collection (EntityCollectionResponse), v2 reads sorted on an unknown attribute, and the CSV
// export's refusal of a query.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Molgenis } from '../../src/index.js';
import { createSimulator, DEFAULT_BASE_URL } from '../../src/testing/index.js';

const sim = createSimulator();
const server = setupServer(...sim.handlers());
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => sim.reset());
afterAll(() => server.close());

async function get(path: string): Promise<{ status: number; type: string; text: string }> {
  const response = await fetch(`${DEFAULT_BASE_URL}${path}`);
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

describe('GET /api/v1/E (RestController#retrieveEntityCollection)', () => {
  it('carries the full entity type as `meta`, as GET /api/v1/E/meta gives it (EntityTypeResponse)', async () => {
    const collection = JSON.parse((await get('/api/v1/demo_sightings?num=1')).text);
    const meta = JSON.parse((await get('/api/v1/demo_sightings/meta')).text);
    expect(meta.name).toBe('demo_sightings');
    expect(collection.meta).toEqual(meta);
  });
});

describe("writable and permissions of the entity type (EntityTypeResponse, EntityTypeResponseV2: the request user's)", () => {
  const ALL = ['READ_METADATA', 'COUNT_DATA', 'AGGREGATE_DATA', 'READ_DATA', 'ADD_DATA', 'UPDATE_DATA', 'DELETE_DATA', 'UPDATE_METADATA', 'DELETE_METADATA'];
  const READ = ['READ_METADATA', 'COUNT_DATA', 'AGGREGATE_DATA', 'READ_DATA'];
  const sorted = (list: unknown) => [...(list as string[])].sort();

  async function token(): Promise<string> {
    const response = await fetch(`${DEFAULT_BASE_URL}/api/v1/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'admin' }),
    });
    return ((await response.json()) as { token: string }).token;
  }
  async function metas(headers: Record<string, string>): Promise<Record<string, unknown>[]> {
    const body = async (path: string) => (await fetch(`${DEFAULT_BASE_URL}${path}`, { headers })).json();
    return [
      await body('/api/v1/demo_sightings/meta'),
      await body('/api/v1/demo_sightings/meta?expand=attributes'),
      (await body('/api/v1/demo_sightings?num=1')).meta,
      (await body('/api/v2/demo_sightings?num=1')).meta,
      (await body('/api/v2/demo_sightings?num=1&attrs=id')).meta,
      (await body('/api/v2/demo_sightings/151'))._meta,
    ];
  }

  it('gives a signed-in user (who may do everything, as the superuser) all nine EntityTypePermissions and writable', async () => {
    for (const meta of await metas({ 'x-molgenis-token': await token() })) {
      expect(sorted(meta.permissions)).toEqual(sorted(ALL));
      expect(meta.writable).toBe(true);
    }
  });

  it('gives anonymous on a public entity type the READ permission set (DataPermissionConfig) and writable false', async () => {
    for (const meta of await metas({})) {
      expect(sorted(meta.permissions)).toEqual(sorted(READ));
      expect(meta.writable).toBe(false);
    }
  });
});

describe('GET /api/v2/E?sort= on an unknown attribute (SortConverter: names are not checked)', () => {
  const npe =
    'Cannot invoke "org.molgenis.data.meta.model.Attribute.hasExpression()" because the return value of "org.molgenis.data.meta.model.EntityType.getAttribute(String)" is null';

  it('is a 500 from the PostgreSQL path (QueryUtils.containsComputedAttribute), also for a suffix other than :asc/:desc', async () => {
    for (const sort of ['nope', 'year:DESC', 'year:up', 'year,nope:desc']) {
      const answer = await get(`/api/v2/demo_sightings?sort=${encodeURIComponent(sort)}`);
      expect([sort, answer.status, JSON.parse(answer.text)]).toEqual([sort, 500, { errors: [{ message: npe }] }]);
    }
  });

  it('is a 404 D04 from a full-text search once rows are fetched (SortGenerator), none when nothing matches', async () => {
    const found = await get(`/api/v2/demo_sightings?q=${encodeURIComponent('type=q=UNI')}&sort=nope`);
    expect([found.status, JSON.parse(found.text)]).toEqual([
      404,
      { errors: [{ message: "Unknown attribute 'nope' of entity type 'Sightings'.", code: 'D04' }] },
    ]);
    const none = await get(`/api/v2/demo_sightings?q=${encodeURIComponent('type=q=zzz')}&sort=nope`);
    expect([none.status, JSON.parse(none.text).total]).toEqual([200, 0]);
  });

  it('still sorts on known attributes: `:desc` and `:asc` suffixes, ascending by default', async () => {
    const ids = async (sort: string) => JSON.parse((await get(`/api/v2/demo_sightings?attrs=id&sort=${sort}`)).text).items.map((i: { id: string }) => i.id);
    expect(await ids('year:desc')).toEqual(['153', '154', '155', '151', '152']);
    expect(await ids('year:asc')).toEqual(['151', '152', '153', '154', '155']);
    expect(await ids('type')).toEqual(['152', '151', '155', '153', '154']);
  });
});

describe('GET /api/v1/csv/E with a bad q (RestController: sendError(400, e.getMessage()))', () => {
  const page = async (q: string) => get(`/api/v1/csv/demo_sightings?q=${encodeURIComponent(q)}`);

  it("sends UnknownAttributeException's own message: the entity type id and the selector as given", async () => {
    const answer = await page('nope==1');
    expect([answer.status, answer.type]).toEqual([400, 'text/html;charset=UTF-8']);
    expect(answer.text).toContain('<p>type:demo_sightings attribute:nope</p>');
    const dotted = await page('reports.nope==1');
    expect(dotted.text).toContain('<p>type:demo_reports attribute:reports.nope</p>');
  });

  it("sends the NumberFormatException's message for a value that is no number", async () => {
    const answer = await page('year==abc');
    expect([answer.status, answer.text.includes('<p>For input string: &quot;abc&quot;</p>')]).toEqual([400, true]);
  });
});

describe('GET /api/v1/csv/E with a refusal the CSV method does not catch (FallbackExceptionHandler: 500)', () => {
  const csv = async (query: string) => get(`/api/v1/csv/demo_sightings?${query}`);

  it('is a 500, not a 400, for an RSQL syntax error (QueryParseException), =out= and < on a string', async () => {
    for (const q of ['year==(1996', 'year=out=(1996)', 'type<b']) {
      const answer = await csv(`q=${encodeURIComponent(q)}`);
      expect([q, answer.status, answer.type.startsWith('text/csv'), answer.text.includes('invalid query')]).toEqual([q, 500, false, false]);
    }
  });

  it('is a 500 for an unknown sortColumn, which fails only when the rows are fetched', async () => {
    const answer = await csv('sortColumn=nope');
    expect([answer.status, answer.type.startsWith('text/csv')]).toEqual([500, false]);
  });

  it('reaches the client as a 500 error, not as rows', async () => {
    const m = new Molgenis({ baseUrl: DEFAULT_BASE_URL, retry: 0 });
    await expect(m.csv('demo_sightings', { q: 'type<b' }).toArray()).rejects.toMatchObject({ status: 500 });
  });
});
