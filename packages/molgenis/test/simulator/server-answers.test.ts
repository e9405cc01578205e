// Answers the simulator must give as the MOLGENIS source builds them: the `meta` of a v1
// collection (EntityCollectionResponse), v2 reads sorted on an unknown attribute, and the CSV
// export's refusal of a query.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Molgenis } from '../../src/index.js';
import { molgenisServiceMessage } from '../../src/internal/error-body.js';
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

  it('reaches the client: getEntityMetaData() reads `permissions` and `writable` as typed fields', async () => {
    const meta = await new Molgenis({ baseUrl: DEFAULT_BASE_URL, retry: 0 }).getEntityMetaData('demo_sightings');
    const permissions: string[] | undefined = meta.permissions; // typed: no cast needed
    const writable: boolean | undefined = meta.writable;
    expect(sorted(permissions)).toEqual(sorted(READ));
    expect(writable).toBe(false);
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

describe('GET /api/v1/csv/E: num, start and sortOrder as QueryStringParser and the CSV method read them', () => {
  const csv = async (query: string) => get(`/api/v1/csv/demo_sightings?${query}`);
  const lines = (text: string) => text.trim().split('\n').length - 1;

  it('is a 500, not a 400, for a num or start that is no integer or empty (DataConversionException, an unboxed null)', async () => {
    for (const query of ['num=abc', 'start=1.5', 'num=', 'num=99999999999']) {
      const answer = await csv(query);
      expect([query, answer.status, answer.type.startsWith('text/csv')]).toEqual([query, 500, false]);
    }
  });

  it("reads Spring's integers (trimmed, hex) and lets a negative num or start through (no LIMIT/OFFSET)", async () => {
    expect(lines((await csv('num=0x2')).text)).toBe(2);
    expect(lines((await csv(`num=${encodeURIComponent(' 3 ')}`)).text)).toBe(3);
    expect(lines((await csv('num=-1')).text)).toBe(5);
    const negative = await csv('start=-3&num=2');
    expect([negative.status, negative.text]).toEqual([200, (await csv('start=0&num=2')).text]);
  });

  it('checks in the server order: q, then the sort order, then num, then the attribute names', async () => {
    const q = await csv(`q=${encodeURIComponent('nope==1')}&attributes=zzz&num=20000`);
    expect([q.status, q.text.includes('type:demo_sightings attribute:nope')]).toEqual([400, true]);
    const order = await csv('sortColumn=year&sortOrder=up&num=20000');
    // RuntimeException("unknown sort order"), uncaught: the container's 500 page like every other uncaught refusal
    expect([order.status, order.type]).toEqual([500, 'text/html;charset=UTF-8']);
    const num = await csv('num=20000&attributes=zzz');
    expect([num.status, num.text.includes('Num exceeded the maximum of 10000 rows')]).toEqual([400, true]);
  });

  it('reads an empty sortOrder as ASC and ignores sortOrder without a sortColumn', async () => {
    expect((await csv('sortColumn=year&sortOrder=')).text).toBe((await csv('sortColumn=year&sortOrder=ASC')).text);
    expect((await csv('sortOrder=up')).status).toBe(200);
    expect((await csv('sortColumn=&sortOrder=up')).status).toBe(200);
  });
});

describe('GET /api/v1/E/meta?attributes=&expand= (RestController#retrieveEntityType → EntityTypeResponse, AttributeResponse)', () => {
  const meta = async (query: string) => JSON.parse((await get(`/api/v1/demo_sightings/meta?${query}`)).text) as Record<string, unknown>;
  const ALWAYS = ['href', 'hrefCollection', 'languageCode', 'permissions', 'writable'];

  it('keeps only the fields `attributes` names (lower-cased; `abstract` for isAbstract), but always href, languageCode, permissions, writable', async () => {
    expect(Object.keys(await meta('attributes=name,idAttribute')).sort()).toEqual([...ALWAYS, 'idAttribute', 'name'].sort());
    expect(Object.keys(await meta('attributes=LABEL&attributes=abstract')).sort()).toEqual([...ALWAYS, 'isAbstract', 'label'].sort());
    expect(Object.keys(await meta('attributes=')).length).toBeGreaterThan(ALWAYS.length + 5); // empty: everything
  });

  it('expand=attributes[a;b] expands each attribute with only those fields (and its href)', async () => {
    const attributes = (await meta('expand=attributes[name;fieldType;isVisible]')).attributes as Record<string, Record<string, unknown>>;
    expect(Object.keys(attributes).length).toBeGreaterThan(1);
    for (const [name, attr] of Object.entries(attributes)) {
      expect(
        Object.keys(attr)
          .filter((k) => k !== 'mappedBy')
          .sort(),
      ).toEqual(['fieldType', 'href', 'name', 'visible']);
      expect(attr.name).toBe(name);
    }
    expect(attributes.reports?.mappedBy).toBe('sighting'); // AttributeResponse sets mappedBy whatever is selected
    const linked = (await meta('expand=other')).attributes as Record<string, Record<string, unknown>>;
    expect(Object.values(linked).every((attr) => Object.keys(attr).join() === 'href')).toBe(true);
  });

  it("refuses an expand value that is not `name` or `name[a;b]` (MolgenisDataException: RestController's own handler, 400)", async () => {
    const answer = await get(`/api/v1/demo_sightings/meta?expand=${encodeURIComponent('[x]')}`);
    expect([answer.status, answer.type, JSON.parse(answer.text)]).toEqual([
      400,
      'application/json;charset=UTF-8',
      { errors: [{ message: 'invalid expand value: [x]' }] },
    ]);
    const response = await fetch(`${DEFAULT_BASE_URL}/api/v1/demo_sightings/meta?expand=${encodeURIComponent('[x]')}`, {
      headers: { accept: 'application/json' },
    });
    expect(molgenisServiceMessage(await response.json(), response)).toBe('invalid expand value: [x]');
  });
});

describe('GET /api/v2/E/<id>?attrs= (RestControllerV2#retrieveEntity: EntityTypeResponseV2 gets the fetch)', () => {
  it('lists only the selected attributes in `_meta`, as the collection `meta` does', async () => {
    const names = (body: { attributes: { name: string }[] }) => body.attributes.map((a) => a.name);
    const row = JSON.parse((await get('/api/v2/demo_sightings/151?attrs=id,year')).text);
    const page = JSON.parse((await get('/api/v2/demo_sightings?attrs=id,year&num=1')).text);
    expect(names(row._meta)).toEqual(['id', 'year']);
    expect(names(row._meta)).toEqual(names(page.meta));
    const all = JSON.parse((await get('/api/v2/demo_sightings/151')).text);
    expect(names(all._meta).length).toBeGreaterThan(2);
  });
});

describe('GET /api/v2/E?q=<search>&num=0&sort=<unknown> (createEntityCollectionResponse: count only, no findAll)', () => {
  it('answers the count: the sort reaches no SortGenerator', async () => {
    const answer = await get(`/api/v2/demo_sightings?q=${encodeURIComponent('type=q=UNI')}&sort=nope&num=0`);
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.text);
    expect(body.total).toBeGreaterThan(0);
    expect(body.items).toEqual([]);
  });

  it('is still the 500 without a search: the PostgreSQL count checks the sort (QueryImpl copies it)', async () => {
    const answer = await get('/api/v2/demo_sightings?sort=nope&num=0');
    expect(answer.status).toBe(500);
  });
});
