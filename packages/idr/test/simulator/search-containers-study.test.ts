// searchContainers({ study }) through POST submitquery/containers/ (urls.py submit_query_return_containers):
// a `"resource": "container"` filter on `name` (utils.py adjust_query_for_container) selects screens and
// projects whose name contains the study, in any case (query_handler.py check_get_names); the answer is
// the studies (projects, then screens, each by image count) as utils.py get_studies_titles sends them.
// Also the engine's own plain-text 404 (omero_search_engine/__init__.py page_not_found).
import { isNotFoundError, isValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { createSimulator, type IdrSeed } from '../../src/testing/index.js';
import { failure, IDR, newIdr, serve } from './helpers.js';

const image = (id: number, marker = 'M1') => ({ id, name: `img ${id}`, mapAnnotations: [{ ns: 'test', values: [['Marker', marker] as [string, string]] }] });
const study = (key: string, value: string) => [{ ns: 'idr.openmicroscopy.org/study/info', values: [[key, value] as [string, string]] }];
const seed: IdrSeed = {
  projects: [
    {
      id: 9201,
      name: 'idr9201-mine/experimentA',
      mapAnnotations: study('Study Type', 'imaging'),
      datasets: [{ id: 9301, name: 'D', images: [image(9401), image(9402)] }],
    },
    { id: 9202, name: 'idr9202-other/experimentA', datasets: [{ id: 9302, name: 'E', images: [image(9403)] }] },
  ],
  screens: [
    {
      id: 9101,
      name: 'IDR9201-mine/screenA',
      mapAnnotations: study('Organism', 'Homo sapiens'),
      plates: [
        {
          id: 9111,
          name: 'P',
          wells: [
            { id: 9121, row: 0, column: 0, images: [image(9501)] },
            { id: 9122, row: 0, column: 1, images: [image(9502)] },
            { id: 9123, row: 0, column: 2, images: [image(9503)] },
            { id: 9124, row: 0, column: 3, images: [image(9504, 'M2')] },
          ],
        },
      ],
    },
  ],
};
const sim = createSimulator({ seed });
serve([sim]);

const ROOT = `${IDR}/searchengine/api/v1/resources/`;
const post = async (body: string) => {
  const res = await fetch(`${ROOT}submitquery/containers/`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
};
const query = (studyName: string) =>
  JSON.stringify({
    query_details: {
      and_filters: [
        { name: 'Marker', value: 'M1', operator: 'equals', resource: 'image' },
        { name: 'name', value: studyName, operator: 'equals', resource: 'container' },
      ],
    },
  });

describe('POST submitquery/containers/ (simulator)', () => {
  it('a container name filter keeps the screens and projects whose name contains it, in any case', async () => {
    const { status, type, body } = await post(query('idr9201'));
    expect([status, type, body.Error, body.resource]).toEqual([200, 'application/json', 'none', 'image']);
    expect(body.results.results).toEqual([
      {
        id: 9201,
        name: 'idr9201-mine/experimentA',
        type: 'project',
        key_values: [{ value: 'imaging', index: 0, key: 'Study Type' }],
        'image count': 2,
        data_source: 'omero1',
      },
      {
        id: 9101,
        name: 'IDR9201-mine/screenA',
        type: 'screen',
        key_values: [{ value: 'Homo sapiens', index: 0, key: 'Organism' }],
        'image count': 3,
        data_source: 'omero1',
      },
    ]);
  });

  it('no study matching: an empty list in the envelope, never a bare list', async () => {
    const { body } = await post(query('idr0000'));
    expect([body.results, body.Error]).toEqual([{ results: [] }, 'none']);
  });

  it('follows the validator and the parser: {"Error"} at 200; an empty body lists every study', async () => {
    const bad = await post(JSON.stringify({ query_details: { and_filters: [{ name: 'Marker', value: 'M1', operator: 'like' }] } }));
    expect([bad.status, bad.body]).toEqual([200, { Error: "'like' is not one of ['equals', 'not_equals', 'contains', 'not_contains', 'in', 'not_in']" }]);
    expect((await post('{oops')).body).toEqual({ Error: "query parsing error: b'{oops'" });
    const all = await post('');
    expect(all.body.Error).toBeNull();
    const mine = all.body.results.results.filter((c: { id: number }) => c.id > 9000);
    expect(mine.map((c: { type: string; id: number; 'image count': number }) => [c.type, c.id, c['image count']])).toEqual([
      ['project', 9201, 2],
      ['project', 9202, 1],
      ['screen', 9101, 4],
    ]);
  });

  it('GET return_containers answers the same study shape, with "Error": "none"', async () => {
    const body = await (await fetch(`${ROOT}image/search/?key=Marker&value=M1&return_containers=true`)).json();
    expect(body.Error).toBe('none');
    expect(body.results.results.map((c: { type: string; id: number; 'image count': number }) => [c.type, c.id, c['image count']])).toEqual([
      ['project', 9201, 2],
      ['project', 9202, 1],
      ['screen', 9101, 3],
    ]);
    expect(body.results.results[0]).not.toHaveProperty('description');
  });
});

describe('Idr.searchContainers({ study })', () => {
  it('posts the key/value and a container name filter, and returns the screen and project of that study', async () => {
    const before = sim.requests.length;
    const containers = await newIdr().searchContainers({ key: 'Marker', value: 'M1', study: 'idr9201', dataSource: 'omero1' });
    expect(containers.map((c) => [c.type, c.id, c['image count']])).toEqual([
      ['project', 9201, 2],
      ['screen', 9101, 3],
    ]);
    const sent = sim.requests.slice(before);
    expect(sent.map((r) => [r.method, r.url.pathname, r.url.search])).toEqual([
      ['POST', '/searchengine/api/v1/resources/submitquery/containers/', '?data_source=omero1'],
    ]);
    expect(sent[0]?.json()).toEqual({
      resource: 'image',
      query_details: {
        and_filters: [
          { name: 'Marker', value: 'M1', operator: 'equals', resource: 'image' },
          { name: 'name', value: 'idr9201', operator: 'equals', resource: 'container' },
        ],
        or_filters: [],
        case_sensitive: false,
      },
    });
  });

  it('a study that matches nothing is an empty list', async () => {
    expect(await newIdr().searchContainers({ key: 'Marker', value: 'M1', study: 'idr0000' })).toEqual([]);
  });

  it('reads {} (every data source skipped for answering only {"Error"}) as no study', async () => {
    const empty: typeof fetch = async () => new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    expect(await newIdr({ fetch: empty }).searchContainers({ key: 'Marker', value: 'M1', study: 'idr9201' })).toEqual([]);
  });

  it('refuses study with another resource before any request (the engine would drop that filter)', async () => {
    const before = sim.requests.length;
    const error = await failure(newIdr().searchContainers({ key: 'Marker', value: 'M1', study: 'idr9201', resource: 'project' }));
    expect(isValidationError(error)).toBe(true);
    expect(error).toMatchObject({ field: 'resource' });
    expect(sim.requests.length).toBe(before);
  });
});

describe('the search engine’s own 404', () => {
  it('is plain text pointing at the API root and the Swagger page', async () => {
    const res = await fetch(`${ROOT}image/no-such-route/`);
    expect([res.status, res.headers.get('content-type')]).toEqual([404, 'text/plain; charset=utf-8']);
    expect(await res.text()).toBe(
      "404 Not Found: The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again., You may use '/searchengine/api/v1/resources/' to test        the deployment and '/searchengine/apidocs/' for the Swagger documents.",
    );
  });

  it('reads well in the client’s error (an engine without submitquery/containers/)', async () => {
    const misroute: typeof fetch = (input, init) =>
      fetch(input instanceof Request ? new Request(input.url.replace('/containers/', '/containerz/'), input) : input, init);
    const error = await failure(newIdr({ fetch: misroute }).searchContainers({ key: 'Marker', value: 'M1', study: 'idr9201' }));
    expect(isNotFoundError(error)).toBe(true);
    expect(error.message).toBe(
      "404 POST https://idr.openmicroscopy.org/searchengine/api/v1/resources/submitquery/containers/: 404 Not Found: The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again., You may use '/searchengine/api/v1/resources/' to test the deployment and '/searchengine/apidocs/' for the Swagger documents.",
    );
  });
});

describe('the other search-engine routes the client uses, as urls.py answers them', () => {
  it('return_query_results/: HTTP 500 {"error"} worded by the job state (return_query_results)', async () => {
    const submit = async (value: string) => {
      const res = await fetch(`${ROOT}async_submitquery/`, {
        method: 'POST',
        body: JSON.stringify({ query_details: { and_filters: [{ name: 'Marker', value, operator: 'equals', resource: 'image' }] } }),
      });
      return ((await res.json()) as { query_id: string }).query_id;
    };
    const results = async (id: string) => {
      const res = await fetch(`${ROOT}return_query_results/?query_id=${id}&file_type=csv`);
      return [res.status, res.headers.get('content-type'), res.status === 200 ? await res.text() : await res.json()];
    };
    const check = (id: string) => fetch(`${ROOT}check_query_job/?query_id=${id}`);
    const found = await submit('M2');
    expect(await results(found)).toEqual([500, 'application/json', { error: `Query status for (query id ='${found})' is PENDING` }]);
    await check(found);
    await check(found);
    expect(await results(found)).toEqual([500, 'application/json', { error: `Query status for (query id ='${found})' is STARTED` }]);
    await check(found);
    expect(await results(found)).toEqual([200, 'application/octet-stream', expect.stringContaining('9504,img 9504')]);
    const none = await submit('no such marker');
    for (let i = 0; i < 3; i++) await check(none);
    expect(await results(none)).toEqual([500, 'application/json', { error: `Query (query id =${none}') is SUCCESS, it did not return any results` }]);
  });

  it('a route asked with a method it does not take: Werkzeug’s 405 page; an unknown route: the 404 text', async () => {
    const get = await fetch(`${ROOT}submitquery/containers/`);
    expect([get.status, get.headers.get('content-type')]).toEqual([405, 'text/html; charset=utf-8']);
    expect(await get.text()).toContain('<title>405 Method Not Allowed</title>');
    const post = await fetch(`${ROOT}image/search/?key=Marker&value=M1`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    const unknown = await fetch(`${ROOT}no-such-route/`, { method: 'POST', body: '{}' });
    expect([unknown.status, unknown.headers.get('content-type')]).toEqual([404, 'text/plain; charset=utf-8']);
  });
});
