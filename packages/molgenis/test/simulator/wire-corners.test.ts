// Corners of the classic REST API where the simulator must answer as the MOLGENIS source does:
// paging-parameter binding errors, unknown attributes, read-only cell updates, v2 body errors,
// and the page links (prevHref/nextHref) of v1 and v2.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, DEFAULT_BASE_URL } from '../../src/testing/index.js';
import { client } from './helpers.js';

const sim = createSimulator();
const server = setupServer(...sim.handlers());
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => sim.reset());
afterAll(() => server.close());

type Answer = { status: number; body: unknown };

async function raw(path: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(`${DEFAULT_BASE_URL}${path}`, init);
  const text = await response.text();
  return { status: response.status, body: (response.headers.get('content-type') ?? '').includes('json') && text !== '' ? JSON.parse(text) : text };
}

/** A request as admin (writes need a login). */
async function asAdmin(path: string, init: RequestInit = {}): Promise<Answer> {
  const login = await raw('/api/v1/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'admin' }),
  });
  const { token } = login.body as { token: string };
  return raw(path, { ...init, headers: { 'content-type': 'application/json', 'x-molgenis-token': token, ...init.headers } });
}

function errors(status: number, ...list: { message: string; code?: string }[]): Answer {
  return { status, body: { errors: list } };
}

describe('start/num binding errors (BindException → GlobalControllerExceptionHandler)', () => {
  it('v2: @Max/@Min violations name the field and the request object, coded by the constraint', async () => {
    expect(await raw('/api/v2/demo_sightings?num=10001')).toEqual(
      errors(400, { message: "Field 'num' of 'entityCollectionRequestV2' must be less than or equal to 10000", code: 'Max' }),
    );
    expect(await raw('/api/v2/demo_sightings?start=-1&num=-2')).toEqual(
      errors(
        400,
        { message: "Field 'start' of 'entityCollectionRequestV2' must be greater than or equal to 0", code: 'Min' },
        { message: "Field 'num' of 'entityCollectionRequestV2' must be greater than or equal to 0", code: 'Min' },
      ),
    );
  });

  it('v2: a value that is no Java int is a typeMismatch (MessageFormat drops the single quotes)', async () => {
    expect(await raw('/api/v2/demo_sightings?num=ten')).toEqual(
      errors(400, {
        message:
          "Field 'num' of 'entityCollectionRequestV2' Failed to convert property value of type java.lang.String to required type int for property num; nested exception is java.lang.NumberFormatException: For input string: \"ten\"",
        code: 'typeMismatch',
      }),
    );
    expect((await raw('/api/v2/demo_sightings?start=2147483648')).body).toMatchObject({ errors: [{ code: 'typeMismatch' }] });
  });

  it("v1: the same binding, with EntityCollectionRequest's own @Max message", async () => {
    expect(await raw('/api/v1/demo_sightings?num=10001')).toEqual(
      errors(400, { message: "Field 'num' of 'entityCollectionRequest' No more than 10000 rows can be requested", code: 'Max' }),
    );
  });
});

describe('unknown attributes (UnknownAttributeException: 404, D04, the entity type by label)', () => {
  const unknownColour = errors(404, { message: "Unknown attribute 'colour' of entity type 'Sightings'.", code: 'D04' });

  it('in q, in attrs and in v2 attribute metadata', async () => {
    expect(await raw('/api/v2/demo_sightings?q=colour==red')).toEqual(unknownColour);
    expect(await raw('/api/v2/demo_sightings?attrs=id,colour')).toEqual(unknownColour);
    expect(await raw('/api/v2/demo_sightings/meta/colour')).toEqual(unknownColour);
  });

  it('in the attrs of a single-row read, checked before the row is looked up', async () => {
    expect(await raw('/api/v2/demo_sightings/151?attrs=id,colour')).toEqual(unknownColour);
    expect(await raw('/api/v2/demo_sightings/999?attrs=colour')).toEqual(unknownColour);
  });

  it('a dotted selector names the whole path and the entity type it failed in', async () => {
    expect(await raw('/api/v2/demo_reports?q=sighting.colour==red')).toEqual(
      errors(404, { message: "Unknown attribute 'sighting.colour' of entity type 'Sightings'.", code: 'D04' }),
    );
  });

  it('v1 attribute metadata throws UnknownEntityTypeException instead (D01)', async () => {
    expect(await raw('/api/v1/demo_sightings/meta/colour')).toEqual(errors(404, { message: "Unknown entity type 'demo_sightings'.", code: 'D01' }));
  });
});

describe('nested attrs (AttributeFilterConverter, AttributeFilterToFetchConverter)', () => {
  const inSightings = errors(404, { message: "Unknown attribute 'colour' of entity type 'Sightings'.", code: 'D04' });
  const inReports = errors(404, { message: "Unknown attribute 'colour' of entity type 'Reports'.", code: 'D04' });

  it('checks the names inside a reference against the referenced entity type: 404 D04 naming it', async () => {
    expect(await raw('/api/v2/demo_reports?attrs=id,sighting(colour)')).toEqual(inSightings);
    expect(await raw('/api/v2/demo_reports?attrs=sighting(year,colour)')).toEqual(inSightings);
    expect(await raw('/api/v2/demo_reports/r1?attrs=sighting(colour)')).toEqual(inSightings);
    // before the row is looked up, as for a top-level name
    expect(await raw('/api/v2/demo_reports/zzz?attrs=sighting(colour)')).toEqual(inSightings);
  });

  it('at any depth, and also beside a `*` (only a lone `*` is not checked)', async () => {
    expect(await raw('/api/v2/demo_reports?attrs=sighting(reports(colour))')).toEqual(inReports);
    expect(await raw('/api/v2/demo_sightings?attrs=reports(sighting(reports(text,colour)))')).toEqual(inReports);
    expect(await raw('/api/v2/demo_reports?attrs=sighting(*,colour)')).toEqual(inSightings);
    expect(await raw('/api/v2/demo_reports?attrs=*,sighting(colour)')).toEqual(inSightings);
    expect((await raw('/api/v2/demo_reports?attrs=sighting(*)')).status).toBe(200);
  });

  it('ignores parentheses after an attribute that is no reference', async () => {
    const answer = await raw('/api/v2/demo_sightings/151?attrs=year(colour)');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ _href: '/api/v2/demo_sightings/151', year: 1996 });
    expect(answer.body).not.toHaveProperty('type');
  });

  it('selects nested attributes: only those named, with `_href`, at every depth', async () => {
    const { body } = await raw('/api/v2/demo_reports/r1?attrs=sighting(year,reports(text))');
    const { _meta, ...row } = body as Record<string, unknown>;
    expect(row).toEqual({
      _href: '/api/v2/demo_reports/r1',
      sighting: { _href: '/api/v2/demo_sightings/151', year: 1996, reports: [{ _href: '/api/v2/demo_reports/r1', text: 'A gnome in the garden' }] },
    });
  });

  it('reads `*` beside names as every attribute plus the named selections, `~id` and `~lbl` as the id and label attributes', async () => {
    const star = await raw('/api/v2/demo_reports?attrs=*,sighting(year)&q=id==r1');
    const page = star.body as { meta: { attributes: { name: string }[] }; items: unknown[] };
    expect(page.items).toEqual([
      { _href: '/api/v2/demo_reports/r1', id: 'r1', sighting: { _href: '/api/v2/demo_sightings/151', year: 1996 }, text: 'A gnome in the garden' },
    ]);
    expect(page.meta.attributes.map((a) => a.name)).toEqual(['id', 'sighting', 'text']);
    const { body } = await raw('/api/v2/demo_reports/r1?attrs=~id,sighting(~lbl)');
    const { _meta, ...row } = body as Record<string, unknown>;
    expect(row).toEqual({ _href: '/api/v2/demo_reports/r1', id: 'r1', sighting: { _href: '/api/v2/demo_sightings/151', type: 'gnome' } });
  });

  // AttributeFilterToFetchConverter.createReferenceFetchContentRec: a reference without a
  // sub-filter gets createDefaultAttributeFetch (id and label), as in its test testConvertIdSelfRef
  // (`id,selfRef` → `selfRef(id,label)`); RestControllerV2.createEntityValuesResponseRec renders it.
  it('gives a reference named without a selection its id and label, as when it comes by default', async () => {
    const page = (await raw('/api/v2/demo_reports?attrs=id,sighting&q=id==r1')).body as { items: unknown[] };
    expect(page.items).toEqual([{ _href: '/api/v2/demo_reports/r1', id: 'r1', sighting: { _href: '/api/v2/demo_sightings/151', id: '151', type: 'gnome' } }]);
    const { body } = await raw('/api/v2/demo_sightings/153?attrs=reports');
    const { _meta, ...row } = body as Record<string, unknown>;
    expect(row).toEqual({ _href: '/api/v2/demo_sightings/153', reports: [{ _href: '/api/v2/demo_reports/r2', id: 'r2', text: 'A troll under the bridge' }] });
  });
});

describe('cell updates of unknown and read-only attributes', () => {
  it('v1 PUT E/<id>/<attr>: unknown is 404 D04, read-only is a 401 (MolgenisDataAccessException)', async () => {
    const put = { method: 'PUT', body: '"x"' };
    expect(await asAdmin('/api/v1/demo_sightings/151/colour', put)).toEqual(
      errors(404, { message: "Unknown attribute 'colour' of entity type 'Sightings'.", code: 'D04' }),
    );
    expect(await asAdmin('/api/v1/demo_sightings/151/id', put)).toEqual(errors(401, { message: "Attribute 'id' of entity 'demo_sightings' is readonly" }));
    expect(sim.state.entities.get('demo_sightings')?.rows.has('151')).toBe(true);
  });

  it('v2 PUT E/<attr>: the same refusals, v2 wording', async () => {
    const put = { method: 'PUT', body: JSON.stringify({ entities: [{ id: '151', id2: 'x' }] }) };
    expect(await asAdmin('/api/v2/demo_sightings/id', put)).toEqual(
      errors(401, { message: "Operation failed. Attribute 'id' of entity 'demo_sightings' is readonly" }),
    );
    expect(await asAdmin('/api/v2/demo_sightings/colour', put)).toEqual(
      errors(404, { message: "Unknown attribute 'colour' of entity type 'Sightings'.", code: 'D04' }),
    );
  });

  it('the client reports the read-only refusal as it is, without the expired-token hint', async () => {
    const m = client();
    await m.login('admin', 'admin');
    const error = (await m.updateOne('demo_sightings', '151', 'id', '999').catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ status: 401, serviceMessage: "Attribute 'id' of entity 'demo_sightings' is readonly" });
    expect(error.message).not.toMatch(/unknown or expired/);
  });
});

describe('v2 request bodies (RestControllerV2 handlers)', () => {
  it('an unreadable body is "Invalid request body."', async () => {
    const invalid = errors(400, { message: 'Invalid request body.' });
    expect(await asAdmin('/api/v2/demo_notes', { method: 'POST', body: '{"entities": [' })).toEqual(invalid);
    expect(await asAdmin('/api/v2/demo_notes', { method: 'POST', body: '{"entities": [1]}' })).toEqual(invalid);
    expect(await asAdmin('/api/v2/demo_notes', { method: 'PUT' })).toEqual(invalid);
    expect(await asAdmin('/api/v2/demo_notes', { method: 'DELETE', body: 'null' })).toEqual(invalid);
    expect(await asAdmin('/api/v2/demo_notes', { method: 'DELETE', body: '["n1"]' })).toEqual(invalid);
  });

  it('DELETE with more than 1000 entityIds uses its own @Size message', async () => {
    const entityIds = Array.from({ length: 1001 }, (_, i) => `n${i}`);
    expect(await asAdmin('/api/v2/demo_notes', { method: 'DELETE', body: JSON.stringify({ entityIds }) })).toEqual(
      errors(400, { message: 'Number of entity identifiers cannot be more than 1000.' }),
    );
  });
});

describe('page links', () => {
  it('v2 keeps the query as sent and moves start to the end (replaceQueryParam)', async () => {
    const answer = await raw('/api/v2/demo_sightings?start=2&q=type=in=(gnome,troll,%22big%20foot%22)&num=1&sort=year:desc');
    expect(answer.body).toMatchObject({
      prevHref: `${DEFAULT_BASE_URL}/api/v2/demo_sightings?q=type=in=(gnome,troll,%22big%20foot%22)&num=1&sort=year:desc&start=1`,
    });
  });

  it('v2 with num=0 links the same start again as next page (EntityPager.getNextStart)', async () => {
    const answer = await raw('/api/v2/demo_sightings?num=0');
    expect(answer.body).toMatchObject({ start: 0, num: 0, total: 5, items: [], nextHref: `${DEFAULT_BASE_URL}/api/v2/demo_sightings?num=0&start=0` });
    expect((await raw('/api/v2/demo_sightings?num=0&start=5')).body).not.toHaveProperty('nextHref');
  });

  it('v1 links are the collection path with start and num only', async () => {
    const answer = await raw('/api/v1/demo_sightings?start=2&num=2&attributes=id');
    expect(answer.body).toMatchObject({ prevHref: '/api/v1/demo_sightings?start=0&num=2', nextHref: '/api/v1/demo_sightings?start=4&num=2' });
  });
});
