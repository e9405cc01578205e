// omero_search_engine's answers to an operator it does not know and to a bookmark that is not an
// integer, as its source gives them: GET {resource}/search/ never validates (urls.py `search` →
// query_handler.py `simple_search`), the POST routes run `query_validator` (schemas/*.json); and what
// the client makes of those answers, and that `searchContainers({ study })` keeps off the GET route.
import { isBadRequestError, isServerError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { createSimulator, type IdrSeed } from '../../src/testing/index.js';
import { failure, IDR, newIdr, serve } from './helpers.js';

const image = (id: number) => ({ id, name: `img ${id}`, mapAnnotations: [{ ns: 'test', values: [['Marker', 'M1'] as [string, string]] }] });
const seed: IdrSeed = {
  projects: [{ id: 9201, name: 'idr9201-mine/experimentA', datasets: [{ id: 9301, name: 'D', images: [image(9401), image(9402), image(9403)] }] }],
};
const sim = createSimulator({ seed, searchPageSize: 2 });
serve([sim]);

const ROOT = `${IDR}/searchengine/api/v1/resources/`;
const SEARCH = `${ROOT}image/search/`;
const post = async (route: string, body: unknown) => {
  const res = await fetch(`${ROOT}${route}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  return [res.status, await res.json()];
};
const filter = (extra: Record<string, unknown> = {}) => ({ name: 'Marker', value: 'M1', operator: 'equals', resource: 'image', ...extra });

describe('GET {resource}/search/: no validation', () => {
  it('an unknown operator adds no clause (elasticsearch_query_builder has no branch for it): every image matches', async () => {
    const res = await fetch(`${SEARCH}?key=Marker&value=no-such-value&operator=like`);
    const body = await res.json();
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/json']);
    expect(body.Error).toBeUndefined();
    expect(body.results.size).toBe(sim.state.images.size);
    expect(body.results.results.map((h: { id: number }) => h.id)).toEqual([...sim.state.images.keys()].sort((a, b) => a - b).slice(0, 2));
    expect(body.query_details.and_filters).toEqual([{ name: 'Marker', value: 'no-such-value', operator: 'like', resource: 'image' }]);
  });

  it('a bookmark that is not an integer reaches Elasticsearch as search_after: a Flask 500 page', async () => {
    for (const bookmark of ['abc', '[9401]', '9401.5']) {
      const res = await fetch(`${SEARCH}?key=Marker&value=M1&bookmark=${encodeURIComponent(bookmark)}`);
      expect([bookmark, res.status, res.headers.get('content-type')]).toEqual([bookmark, 500, 'text/html; charset=utf-8']);
      expect(await res.text()).toContain('<title>500 Internal Server Error</title>');
    }
    // Even with no hits (the search still runs with search_after).
    expect((await fetch(`${SEARCH}?key=Marker&value=none&bookmark=abc`)).status).toBe(500);
  });

  it('an integer bookmark pages, an empty one is none, and the study path never reads it', async () => {
    const ids = async (q: string) => ((await (await fetch(`${SEARCH}?${q}`)).json()).results.results as { id: number }[]).map((h) => h.id);
    expect(await ids('key=Marker&value=M1&bookmark=9402')).toEqual([9403]);
    expect(await ids('key=Marker&value=M1&bookmark=')).toEqual([9401, 9402]);
    expect(await ids('key=Marker&value=M1&study=idr9201&bookmark=abc')).toEqual([9401, 9402]);
  });
});

describe('POST submitquery/ and async_submitquery/: query_validator (jsonschema) messages at HTTP 200', () => {
  it('an unknown operator, a missing one and a resource out of the enum', async () => {
    for (const route of ['submitquery/', 'async_submitquery/']) {
      expect(await post(route, { query_details: { and_filters: [filter({ operator: 'like' })] } })).toEqual([
        200,
        { Error: "'like' is not one of ['equals', 'not_equals', 'contains', 'not_contains', 'in', 'not_in']" },
      ]);
      const { operator: _, ...noOperator } = filter();
      expect(await post(route, { query_details: { or_filters: [[noOperator]] } })).toEqual([200, { Error: "'operator' is a required property" }]);
      expect(await post(route, { query_details: { and_filters: [filter({ resource: 'dataset' })] } })).toEqual([
        200,
        { Error: "'dataset' is not one of ['image', 'screen', 'project', 'plate', 'well']" },
      ]);
    }
  });

  it('a bookmark that is not a list of integers', async () => {
    const query = { query_details: { and_filters: [filter()] } };
    expect(await post('submitquery/', { ...query, bookmark: ['abc'] })).toEqual([200, { Error: "'abc' is not of type 'integer'" }]);
    expect(await post('submitquery/', { ...query, bookmark: [9401.5] })).toEqual([200, { Error: "9401.5 is not of type 'integer'" }]);
    expect(await post('submitquery/', { ...query, bookmark: '9401' })).toEqual([200, { Error: "'9401' is not of type 'array'" }]);
    const [status, page] = await post('submitquery/', { ...query, bookmark: [9402] });
    expect([status, page.results.results.map((h: { id: number }) => h.id)]).toEqual([200, [9403]]);
  });
});

/** A client whose every request has its bookmark replaced (query string and JSON body), as if the server had sent `bad`. */
function withBookmark(bad: unknown): ReturnType<typeof newIdr> {
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.searchParams.has('bookmark')) url.searchParams.set('bookmark', String(bad));
    if (request.method !== 'POST') return globalThis.fetch(new Request(url, request));
    const body = (await request.json()) as Record<string, unknown>;
    if ('bookmark' in body) body.bookmark = [bad];
    return globalThis.fetch(url, { method: 'POST', headers: request.headers, body: JSON.stringify(body) });
  };
  return newIdr({ fetch, retry: 0 });
}

describe('the client and those answers', () => {
  it('GET: the Flask 500 page is a ServerError naming the request and the page’s words', async () => {
    const error = await failure(withBookmark('abc').search({ key: 'Marker', value: 'M1' }).toArray());
    expect(isServerError(error)).toBe(true);
    expect(error).toMatchObject({ status: 500, method: 'GET', serviceMessage: expect.stringContaining('Internal Server Error') });
    // (the URL is the request the client made: the server's bookmark, which this fetch then replaced)
    expect(error.message).toMatch(
      /^500 GET https:\/\/idr\.openmicroscopy\.org\/searchengine\/api\/v1\/resources\/image\/search\/\?key=Marker&.*bookmark=\d+: Internal Server Error/,
    );
  });

  it('POST: the validator’s {"Error"} is a BadRequestError carrying its message', async () => {
    const error = await failure(
      withBookmark('abc')
        .query({ and: [{ key: 'Marker', value: 'M1' }] })
        .toArray(),
    );
    expect(isBadRequestError(error)).toBe(true);
    expect(error).toMatchObject({ status: 400, method: 'POST', serviceMessage: "'abc' is not of type 'integer'" });
    expect(error.message).toContain("'abc' is not of type 'integer'");
  });

  it('searchContainers({ study }) posts to submitquery/containers/, never the GET route that answers it with a 500', async () => {
    const before = sim.requests.length;
    const containers = await newIdr().searchContainers({ key: 'Marker', value: 'M1', study: 'idr9201' });
    expect(containers.map((c) => [c.type, c.id, c['image count']])).toEqual([['project', 9201, 3]]);
    expect(sim.requests.slice(before).map((r) => `${r.method} ${r.url.pathname}`)).toEqual(['POST /searchengine/api/v1/resources/submitquery/containers/']);
    // What the GET route would answer:
    const res = await fetch(`${SEARCH}?key=Marker&value=M1&study=idr9201&return_containers=true`);
    expect(res.status).toBe(500);
    // Without a study (or with an empty one, which simple_search treats as none) the GET route is asked.
    expect((await newIdr().searchContainers({ key: 'Marker', value: 'M1', study: '' })).map((c) => c.id)).toEqual([9201]);
  });
});
