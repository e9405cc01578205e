// The search engine's GET {resource}/search/ as omero_search_engine answers it (query_handler.py
// simple_search): no key searches every key, a missing value is a malformed filter, `study` matches
// project names only and ignores the bookmark, and `study` with `return_containers` raises.
import { describe, expect, it } from 'vitest';
import { createSimulator, type IdrSeed } from '../../src/testing/index.js';
import { IDR, serve } from './helpers.js';

const image = (id: number) => ({ id, name: `img ${id}`, mapAnnotations: [{ ns: 'test', values: [['Marker', 'M1'] as [string, string]] }] });
const seed: IdrSeed = {
  projects: [{ id: 9201, name: 'idr9201-mine/experimentA', datasets: [{ id: 9301, name: 'D', images: [image(9401), image(9402), image(9403)] }] }],
};
const sim = createSimulator({ seed, searchPageSize: 2 });
serve([sim]);

const SEARCH = `${IDR}/searchengine/api/v1/resources/image/search/`;
const get = async (query: string) => (await fetch(`${SEARCH}?${query}`)).json();
const ids = (body: { results: { results: { id: number }[] } }) => body.results.results.map((h) => h.id);

describe('GET {resource}/search/', () => {
  it('without a key, matches the value under any key', async () => {
    const body = await get('value=CDC20');
    expect([ids(body), body.results.size]).toEqual([[1900000, 1900001], 3]); // pages of 2
    expect(body.query_details.and_filters).toEqual([{ value: 'CDC20', operator: 'equals', resource: 'image' }]);
  });

  it('without a value, answers the query builder error (and nothing else)', async () => {
    expect(await get('key=Gene%20Symbol')).toEqual({ Error: `Each Filter needs to have, name,${' '.repeat(20)}value and operator keywords.` });
  });

  it('study: project names containing it, in any case; screens never match', async () => {
    expect(ids(await get('key=Gene%20Symbol&value=CDK5RAP2&study=IDR0021'))).toEqual([1884807]);
    const screenStudy = await get('key=Gene%20Symbol&value=CDC20&study=idr0002');
    expect([screenStudy.results, screenStudy.Error]).toEqual([[], 'none']);
  });

  it('study: always the first page, whatever the bookmark, with "Error": "none"', async () => {
    const first = await get('key=Marker&value=M1&study=idr9201&bookmark=9402');
    expect([ids(first), first.results.size, first.results.pagination.current_page, first.Error]).toEqual([[9401, 9402], 3, 1, 'none']);
  });

  it('study with return_containers: a Flask 500 page', async () => {
    const res = await fetch(`${SEARCH}?key=Marker&value=M1&study=idr9201&return_containers=true`);
    expect([res.status, res.headers.get('content-type')]).toEqual([500, 'text/html; charset=utf-8']);
    expect(await res.text()).toContain('<title>500 Internal Server Error</title>');
  });

  it('keys compare case-insensitively unless case_sensitive is sent, and any value of it (even "false") counts', async () => {
    expect((await get('key=gene%20symbol&value=CDC20')).results.size).toBe(3);
    expect((await get('key=gene%20symbol&value=CDC20&case_sensitive=true')).results).toEqual([]);
    expect((await get('key=Gene%20Symbol&value=cdc20&case_sensitive=false')).results).toEqual([]);
  });
});

describe('POST submitquery/', () => {
  it('matches filter names case-insensitively by default', async () => {
    const query = { query_details: { and_filters: [{ name: 'gene symbol', value: 'CDC20', operator: 'equals', resource: 'image' }] } };
    const res = await fetch(`${IDR}/searchengine/api/v1/resources/submitquery/`, { method: 'POST', body: JSON.stringify(query) });
    expect((await res.json()).results.size).toBe(3);
  });

  it('answers a missing query with the Error alone', async () => {
    for (const route of ['submitquery/', 'async_submitquery/']) {
      const res = await fetch(`${IDR}/searchengine/api/v1/resources/${route}`, { method: 'POST' });
      expect([res.status, await res.json()]).toEqual([200, { Error: 'No query is provided' }]);
    }
  });
});
