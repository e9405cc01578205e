// Answers the simulator must give as the MOLGENIS source builds them: the `meta` of a v1
// collection (EntityCollectionResponse), v2 reads sorted on an unknown attribute, and the CSV
// export's refusal of a query.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
