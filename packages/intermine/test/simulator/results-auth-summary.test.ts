// A bad token on a results service is answered in the request's format, since the server picks
// the output before it authenticates (WebService.service: initOutput, then authenticate; errors
// through sendError into that output). Column summaries page with start and size and report
// `filteredCount` for a filterTerm (QueryResultService.runResults, FilteringResultIterator).
import { describe, expect, it } from 'vitest';
import { client, ROOT, useSimulator } from './setup.js';

const RESULTS = `${ROOT}/service/query/results`;
const TEMPLATE = `${ROOT}/service/template/results`;
const EVE = '<query model="genomic" view="Gene.symbol"><constraint path="Gene.symbol" op="=" value="eve" code="A"/></query>';
const DEMO = '<query model="genomic" view="Gene.symbol"><constraint path="Gene" op="IN" value="demo-list" code="A"/></query>';
const BAD = 'This token is not a valid access key: nope';

function post(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', body: new URLSearchParams(form), headers });
}

async function answer(response: Response): Promise<[number, string | null, string]> {
  return [response.status, response.headers.get('content-type'), await response.text()];
}

describe('simulator: a bad token on a results request', () => {
  useSimulator();

  it('is an [ERROR] line with the flat content type for TSV, CSV and count', async () => {
    expect(await answer(await post(RESULTS, { query: EVE, token: 'nope' }))).toEqual([401, 'text/tab-separated-values;charset=UTF-8', `[ERROR] 401 ${BAD}`]);
    expect(await answer(await post(RESULTS, { query: EVE, format: 'csv' }, { authorization: 'Token nope' }))).toEqual([
      401,
      'text/comma-separated-values;charset=UTF-8',
      `[ERROR] 401 ${BAD}`,
    ]);
    expect(await answer(await post(TEMPLATE, { name: 'Gene_Pathways', format: 'count', token: 'nope' }))).toEqual([
      401,
      'text/plain;charset=UTF-8',
      `[ERROR] 401 ${BAD}`,
    ]);
  });

  it('keeps the JSON layout of the format: "results":[] for rows, none for a JSON count', async () => {
    const rows = (await (await post(RESULTS, { query: EVE, format: 'json', token: 'nope' })).json()) as Record<string, unknown>;
    expect(rows).toMatchObject({ results: [], error: BAD, statusCode: 401 });
    expect(await (await post(RESULTS, { query: EVE, format: 'jsoncount', token: 'nope' })).json()).not.toHaveProperty('results');
  });

  it('comes after a 406 for a format the service cannot serve, and before the paging checks', async () => {
    expect(await answer(await post(RESULTS, { query: EVE, format: 'yaml', token: 'nope' }, { accept: 'application/x-yaml' }))).toEqual([406, null, '']);
    expect(await answer(await post(RESULTS, { query: EVE, format: 'csv', size: '0', token: 'nope' }))).toEqual([
      401,
      'text/comma-separated-values;charset=UTF-8',
      `[ERROR] 401 ${BAD}`,
    ]);
  });
});

describe('simulator: column summaries', () => {
  useSimulator();
  const summarise = async (form: Record<string, string>) =>
    (await (await post(RESULTS, { query: DEMO, format: 'jsonrows', summaryPath: 'Gene.symbol', ...form })).json()) as Record<string, unknown>;
  const items = (body: Record<string, unknown>) => (body.results as { item: unknown }[]).map((r) => r.item);

  it('pages the items with start and size, and says where the page starts', async () => {
    const all = items(await summarise({}));
    expect(all).toHaveLength(5);
    const page = await summarise({ start: '1', size: '2' });
    expect(items(page)).toEqual(all.slice(1, 3));
    expect(page).toMatchObject({ start: 1, uniqueValues: 5, columnHeaders: ['item', 'count'] });
  });

  it('counts the items matching a filterTerm as filteredCount, and pages within them', async () => {
    const filtered = await summarise({ filterTerm: 'E' });
    expect(filtered).toMatchObject({ filteredCount: 2, uniqueValues: 5 });
    expect(items(filtered)).toEqual(['eve', 'zen']);
    expect(items(await summarise({ filterTerm: 'e', start: '1' }))).toEqual(['zen']);
    // A blank filterTerm is no filter (getOptionalParameter), so there is no filteredCount.
    const blank = await summarise({ filterTerm: ' ' });
    expect(blank).not.toHaveProperty('filteredCount');
    expect(items(blank)).toHaveLength(5);
  });

  it('reaches the client: filteredCount beside the page of matching items', async () => {
    const mine = client();
    const q = mine.query('Gene').select('symbol').where('Gene', 'IN', 'demo-list');
    expect(await mine.summarise(q, 'symbol', { filter: 'E', max: 1 })).toEqual({
      kind: 'items',
      items: [{ item: 'eve', count: 1 }],
      uniqueValues: 5,
      filteredCount: 2,
    });
  });
});

describe('simulator: column summaries with a null value', () => {
  useSimulator({ seed: { genes: [{ primaryIdentifier: 'FBgn9999001' }] } });

  it('never matches a null with the filterTerm (a CONTAINS constraint)', async () => {
    const query = '<query model="genomic" view="Gene.symbol"><constraint path="Gene.primaryIdentifier" op="=" value="FBgn9999001" code="A"/></query>';
    const summary = async (form: Record<string, string>) =>
      (await (await post(RESULTS, { query, format: 'jsonrows', summaryPath: 'Gene.symbol', ...form })).json()) as Record<string, unknown>;
    // JSONSummaryProcessor's JSONObject (org.json 20170516) leaves out the null item: the row is count only.
    expect((await summary({})).results).toEqual([{ count: 1 }]);
    expect(await summary({ filterTerm: 'nul' })).toMatchObject({ filteredCount: 0, results: [] });
  });

  it('reaches the client as item: null, counted', async () => {
    const mine = client();
    const q = mine.query('Gene').select('symbol').where('primaryIdentifier', '=', 'FBgn9999001');
    expect(await mine.summarise(q, 'symbol')).toEqual({ kind: 'items', items: [{ item: null, count: 1 }], uniqueValues: 1 });
  });
});
