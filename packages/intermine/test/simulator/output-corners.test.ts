// Corners of the server's outputs, as the InterMine source writes them:
// - a region export asked for `format=text|json` gets initOutput's TEXT or JSON branch, so
//   AbstractRegionExportService.getDefaultOutput never hands the exporter a stream: a 500 in that
//   output. The query exports (BioQueryService) serve their default only: any format is a 406.
// - setTabHeader / setCSVHeader / setPlainTextHeader set no-cache and a file name
//   (getRequestFileName + extension) beside the type.
// - QueryToListService has no header attributes before the list is made: its errors carry no
//   list keys; TemplateToListService refuses an attribute that is not the id.
// - ListInput never refuses a missing name: it is `new_list` (`new_list_2`…).
import { describe, expect, it } from 'vitest';
import { client, ROOT, useSimulatorServer } from './setup.js';

const { sim } = useSimulatorServer();
const token = sim.users[0]!.token;
const SERVICE = `${ROOT}/service`;
const REGIONS = JSON.stringify({ organism: 'D. melanogaster', featureTypes: ['Gene'], regions: ['2R:9979319..9980796'] });
const EVE = '<query model="genomic" view="Gene.symbol"><constraint path="Gene.symbol" op="=" value="eve" code="A"/></query>';
const EVE_IDS = '<query model="genomic" view="Gene.id"><constraint path="Gene.symbol" op="=" value="eve" code="A"/></query>';
const NO_CACHE = { pragma: 'no-cache', 'cache-control': 'must-revalidate, max-age=0' };

interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
}

// The exact type the region services need to read `query` as a parameter (GenomicRegionSearchListInput).
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

async function post(path: string, form: Record<string, string>, auth = true): Promise<Answer> {
  const response = await fetch(`${SERVICE}/${path}`, {
    method: 'POST',
    body: new URLSearchParams(form),
    headers: auth ? { ...FORM, authorization: `Token ${token}` } : FORM,
  });
  const h = response.headers;
  const headers: Record<string, string> = {};
  for (const k of ['content-type', 'content-disposition', 'pragma', 'cache-control']) if (h.get(k) !== null) headers[k] = h.get(k)!;
  return { status: response.status, headers, text: await response.text() };
}

const exportFile = (name: string) => expect.stringMatching(new RegExp(`^attachment; filename="results\\d+${name.replaceAll('.', '\\.')}"$`));

describe('simulator: region exports asked for another format', () => {
  it('format=text: initOutput TEXT branch, the exporter has no stream, a 500 [ERROR] line', async () => {
    for (const kind of ['fasta', 'sequence', 'gff3', 'bed']) {
      const a = await post(`regions/${kind}`, { query: REGIONS, format: 'text' }, false);
      expect(a.status).toBe(500);
      expect(a.text).toBe('[ERROR] 500 Service failed. Please contact support.');
      expect(a.headers).toEqual({
        'content-type': 'text/plain;charset=UTF-8',
        'content-disposition': exportFile(kind === 'sequence' ? '.fasta' : `.${kind}`),
        ...NO_CACHE,
      });
    }
  });

  it('format=json: a 500 JSON error with the ListMakerService header (listName, type, invalidSpans)', async () => {
    const a = await post('regions/gff3', { query: REGIONS, format: 'json' }, false);
    expect(a.status).toBe(500);
    expect(a.headers).toEqual({ 'content-type': 'application/json;charset=UTF-8', 'content-disposition': exportFile('.gff3.json'), ...NO_CACHE });
    expect(JSON.parse(a.text)).toEqual({
      listName: 'new_list',
      type: 'Gene',
      invalidSpans: [],
      executionTime: expect.any(String),
      wasSuccessful: false,
      error: 'Service failed. Please contact support.',
      statusCode: 500,
    });
  });

  it('an input error comes first, in the asked output; a format it cannot serve is a bare 406', async () => {
    const bad = await post('regions/bed', { query: '{', format: 'json' }, false);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toMatchObject({ invalidSpans: [], statusCode: 400 });
    expect(JSON.parse(bad.text)).not.toHaveProperty('listName');
    const csv = await post('regions/fasta', { query: REGIONS, format: 'csv' }, false);
    expect([csv.status, csv.text]).toEqual([406, '']);
  });

  it('the default output writes an input error as an [ERROR] line under the export headers', async () => {
    const a = await post('regions/fasta', { query: '{' }, false);
    expect(a.status).toBe(400);
    expect(a.text).toMatch(/^\[ERROR\] 400 /);
    expect(a.headers).toEqual({ 'content-type': 'text/x-fasta', 'content-disposition': exportFile('.fasta'), ...NO_CACHE });
  });
});

describe('simulator: /regions/list errors', () => {
  it('carry the invalidSpans header, and listName and type once the input is read', async () => {
    const bad = await post('regions/list', { query: '{', listName: 'r' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toEqual({
      invalidSpans: [],
      executionTime: expect.any(String),
      wasSuccessful: false,
      error: expect.any(String),
      statusCode: 400,
    });
    expect((await post('regions/list', { query: REGIONS, listName: 'r' })).status).toBe(200);
    const taken = await post('regions/list', { query: REGIONS, listName: 'r' });
    expect(JSON.parse(taken.text)).toMatchObject({
      listName: 'r',
      type: 'Gene',
      invalidSpans: [],
      error: "Attempt to overwrite an existing bag - name:'r'",
      statusCode: 400,
    });
  });
});

describe('simulator: query exports asked for a format', () => {
  it('serve their default alone: format=text or json is a 406 with no body', async () => {
    for (const format of ['text', 'json', 'tab']) {
      const a = await post('query/results/fasta', { query: EVE, format }, false);
      expect([a.status, a.text]).toEqual([406, '']);
    }
    expect((await post('query/results/bed', { query: EVE }, false)).status).toBe(200);
  });
});

describe('simulator: flat output headers', () => {
  it('TSV, CSV and count carry no-cache and result.tsv / result.csv / result', async () => {
    const tab = await post('query/results', { query: EVE, format: 'tab' }, false);
    expect(tab.headers).toEqual({
      'content-type': 'text/tab-separated-values;charset=UTF-8',
      'content-disposition': 'attachment; filename="result.tsv"',
      ...NO_CACHE,
    });
    const csv = await post('query/results', { query: EVE, format: 'csv' }, false);
    expect(csv.headers).toEqual({
      'content-type': 'text/comma-separated-values;charset=UTF-8',
      'content-disposition': 'attachment; filename="result.csv"',
      ...NO_CACHE,
    });
    const count = await post('query/results', { query: EVE, format: 'count' }, false);
    expect(count.headers).toEqual({ 'content-type': 'text/plain;charset=UTF-8', 'content-disposition': 'attachment; filename="result"', ...NO_CACHE });
  });

  it('take the filename parameter, and keep the headers on an error', async () => {
    const named = await post('query/results', { query: EVE, format: 'csv', filename: ' genes ' }, false);
    expect(named.headers['content-disposition']).toBe('attachment; filename="genes.csv"');
    const refused = await post('query/results', { query: EVE, format: 'tab', size: '-1' }, false);
    expect(refused.status).toBe(400);
    expect(refused.headers).toEqual({
      'content-type': 'text/tab-separated-values;charset=UTF-8',
      'content-disposition': 'attachment; filename="result.tsv"',
      ...NO_CACHE,
    });
    const badToken = await fetch(`${SERVICE}/lists?format=text&token=nope`);
    expect([badToken.status, badToken.headers.get('content-disposition'), badToken.headers.get('pragma')]).toEqual([
      401,
      'attachment; filename="result"',
      'no-cache',
    ]);
  });
});

describe('simulator: query/tolist and template/tolist errors', () => {
  it('query/tolist: the source messages, no list keys before the list is made', async () => {
    const two = await post('query/tolist', { listName: 'x', query: EVE.replace('view="Gene.symbol"', 'view="Gene.id Gene.symbol"') });
    expect([two.status, JSON.parse(two.text)]).toEqual([
      400,
      expect.objectContaining({ error: 'Queries to the query-to-list service can only have one output column' }),
    ]);
    expect(JSON.parse(two.text)).not.toHaveProperty('listName');
    const noId = await post('query/tolist', { listName: 'x', query: EVE });
    expect(JSON.parse(noId.text)).toMatchObject({ error: 'Queries to the query-to-list service must have ids in their view', statusCode: 400 });
    expect(JSON.parse(noId.text)).not.toHaveProperty('listName');
    const blank = await post('query/tolist', { listName: 'x', query: ' ' });
    expect(JSON.parse(blank.text)).toMatchObject({ error: "The 'query' parameter must not be blank", statusCode: 400 });
  });

  it('query/tolist to a name the user has: the rename fails after the header is set', async () => {
    expect((await post('query/tolist', { listName: 'mine', query: EVE_IDS })).status).toBe(200);
    const again = await post('query/tolist', { listName: 'mine', query: EVE_IDS });
    expect(again.status).toBe(400);
    expect(JSON.parse(again.text)).toEqual({
      listName: 'mine',
      listId: expect.any(Number),
      listSize: null,
      executionTime: expect.any(String),
      wasSuccessful: false,
      error: 'Attempting to rename a bag to a new name that already exists: mine',
      statusCode: 400,
    });
  });

  it('template/tolist: an attribute other than the id is refused, the id taken', async () => {
    const form = { name: 'Gene_Pathways', constraint1: 'Gene', op1: 'LOOKUP', value1: 'eve' };
    const attr = await post('template/tolist', { ...form, listName: 'p', path: 'Gene.symbol' });
    expect(attr.status).toBe(400);
    expect(JSON.parse(attr.text)).toEqual({
      executionTime: expect.any(String),
      wasSuccessful: false,
      error: 'The new view string refers to an attribute which is not the object id',
      statusCode: 400,
    });
    const bad = await post('template/tolist', { ...form, listName: 'p', path: 'Gene.nope' });
    expect(JSON.parse(bad.text)).not.toHaveProperty('listName');
    const id = await post('template/tolist', { ...form, listName: 'p', path: 'Gene.id' });
    // Named after the template: ListInput reads `name` (the template's) before `listName`.
    expect([id.status, JSON.parse(id.text).listName]).toEqual([200, 'Gene_Pathways']);
  });
});

describe('simulator: list names from ListInput', () => {
  it('a missing name is new_list, then new_list_2', async () => {
    const first = await post('query/tolist', { query: EVE_IDS });
    expect([first.status, JSON.parse(first.text).listName]).toEqual([200, 'new_list']);
    const union = await post('lists/union', { lists: 'demo-list;new_list' });
    expect([union.status, JSON.parse(union.text).listName]).toEqual([200, 'new_list_2']);
  });

  it('delete and append name the default list in their errors', async () => {
    const response = await fetch(`${SERVICE}/lists`, { method: 'DELETE', headers: { authorization: `Token ${token}` } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ listName: 'new_list', error: "new_list doesn't exists" });
    const append = await fetch(`${SERVICE}/lists/append`, {
      method: 'POST',
      body: '"eve"',
      headers: { authorization: `Token ${token}`, 'content-type': 'text/plain' },
    });
    expect(append.status).toBe(403);
    expect(await append.json()).toMatchObject({ listName: 'new_list', unmatchedIdentifiers: [], error: 'new_list is not a list you have access to' });
  });
});

describe('client: reads these answers', () => {
  it('a list from a query under a taken name fails with the server message', async () => {
    const mine = client({ token });
    await mine.lists.create(mine.query('Gene').where('symbol', '=', 'eve'), { name: 'eve-genes' });
    const error = await mine.lists.create(mine.query('Gene').where('symbol', '=', 'eve'), { name: 'eve-genes' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400 });
    expect((error as Error).message).toContain('Attempting to rename a bag to a new name that already exists: eve-genes');
    expect((error as Error).message).not.toContain(token);
  });

  it('a region export refused in its own output ([ERROR] line, text/x-fasta) is a typed error with the message', async () => {
    const mine = client();
    const regions = mine.regions({ organism: 'Nowhere', featureTypes: ['Gene'], regions: ['2R:9979319..9980796'] });
    const error = await (async () => {
      for await (const _ of regions.fasta()) void _;
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400 });
    expect((error as Error).message).toContain('Unknown organism: Nowhere');
    expect((error as Error).message).not.toContain('[ERROR]');
  });
});
