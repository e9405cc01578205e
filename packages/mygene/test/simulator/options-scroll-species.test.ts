// What biothings.web and MyGene's config_web.py define for /gene and for scrolls, and how
// config_web.py's species translations work (re.sub over each item, then the taxid check of
// MygeneQueryBuilder.apply_extras).
import { MyGene } from '@bio/mygene';
import { describe, expect, it } from 'vitest';
import { raw, syntheticGenes, useSimulator } from './helpers.js';

const BOOSTED = [
  { _id: '880001', symbol: 'BOOSTX', name: 'boost test gene', taxid: 9999 },
  { _id: '880002', symbol: 'BOOSTX', name: 'boost test gene', taxid: 10116 },
  { _id: '880003', symbol: 'BOOSTX', name: 'boost test gene', taxid: 7227 },
  { _id: '880004', symbol: 'BOOSTX', name: 'boost test gene', taxid: 9606 },
  { _id: '880005', symbol: 'BOOSTX', name: 'boost test pseudogene 7', taxid: 9606 },
];
useSimulator({ seed: { genes: [...syntheticGenes(1005, 'scrollable'), ...BOOSTED] } });

const post = (path: string, body: unknown, type = 'application/json') =>
  raw(path, { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });

type Page = { _scroll_id: string; total: number; hits?: Record<string, unknown>[]; facets?: Record<string, unknown> };

describe('/gene options (ANNOTATION_KWARGS: size is checked, then replaced by fetch)', () => {
  it('size must be an int of at most 1000, on GET and POST, and changes nothing', async () => {
    expect((await raw('gene/1017?size=abc')).body).toEqual({
      code: 400,
      success: false,
      error: 'Bad Request',
      reason: 'Expect type int.',
      keyword: 'size',
      alias: 'limit',
    });
    expect(await post('gene', { ids: ['1017'], limit: 1001 })).toMatchObject({
      status: 400,
      body: { code: 400, error: 'Bad Request', keyword: 'size', max: 1000, num: 1001 },
    });
    expect(await raw('gene/1017?size=0&fields=symbol')).toMatchObject({ status: 200, body: { _id: '1017', symbol: 'CDK2' } });
  });

  it('species_facet_filter is checked (max 1000) though /gene has no facets', async () => {
    const many = Array.from({ length: 1001 }, () => '9606').join(',');
    expect((await raw(`gene/1017?species_facet_filter=${many}`)).body).toMatchObject({ keyword: 'species_facet_filter', max: 1000, size: 1001 });
  });

  it('a form `ids` value is split as a list, never read as JSON (no jsoninput on id)', async () => {
    const { status, body } = await post('gene', new URLSearchParams({ ids: '["1017","7157"]' }).toString(), 'application/x-www-form-urlencoded');
    expect(status).toBe(200);
    expect(body).toEqual([
      { query: '[1017', notfound: true },
      { query: '7157]', notfound: true },
    ]);
  });
});

describe('scrolls', () => {
  async function open(query: string): Promise<Page> {
    const { status, body } = await raw(`query?${query}`);
    expect(status).toBe(200);
    return body as Page;
  }

  it('a scroll_id request still has its options checked, though the query stage is skipped', async () => {
    const first = await open('q=scrollable&fetch_all=true&fields=symbol');
    const id = encodeURIComponent(first._scroll_id);
    expect((await raw(`query?scroll_id=${id}&size=5000`)).body).toMatchObject({ code: 400, keyword: 'size', max: 1000, num: 5000 });
    expect((await raw(`query?scroll_id=${id}&sort=${'a,'.repeat(11)}`)).body).toMatchObject({ code: 400, keyword: 'sort', max: 10 });
    // `species` is mapped to taxids while building the query, which a scroll_id skips.
    const next = await raw(`query?scroll_id=${id}&species=nowhere&q=nothing`);
    expect(next.status).toBe(200);
    expect((next.body as Page).hits).toHaveLength(first.total - 1000);
  });

  it('each page is formatted with the options of the request serving it, fields with the opening ones', async () => {
    const first = await open('q=scrollable&fetch_all=true&fields=symbol');
    expect(first.hits?.[0]).toEqual({ _id: expect.any(String), _score: expect.any(Number), symbol: expect.any(String) });
    const next = (await raw(`query?scroll_id=${encodeURIComponent(first._scroll_id)}&always_list=symbol&allow_null=name&fields=taxid`)).body as Page;
    expect(next.hits?.[0]).toEqual({ _id: expect.any(String), _score: expect.any(Number), name: null, symbol: [expect.any(String)] });
  });

  it('fetchAll sends its formatter options with every scroll_id, so every page has the same shape', async () => {
    const mg = new MyGene();
    const hits: Record<string, unknown>[] = [];
    for await (const hit of mg.fetchAll('scrollable', { fields: 'symbol', alwaysList: 'symbol' })) hits.push(hit);
    expect(hits.length).toBeGreaterThan(1000);
    expect(hits.every((hit) => Array.isArray(hit.symbol))).toBe(true);
  });

  it('fetch_all with from > 0 is refused by Elasticsearch (SearchRequest.validate); from=0 is fine', async () => {
    expect(await raw('query?q=scrollable&fetch_all=true&from=5')).toMatchObject({
      status: 400,
      body: {
        code: 400,
        success: false,
        error: 'action_request_validation_exception',
        root_cause_line_00: 'Validation Failed: 1: using [from] is not allowed in a scroll context;',
      },
    });
    expect((await open('q=scrollable&fetch_all=true&from=0')).hits).toHaveLength(1000);
  });

  it('fetch_all with facets: the aggregations come with the first page only; species_facet_filter narrows the hits', async () => {
    const first = await open('q=cdk2&fetch_all=true&facets=taxid&species_facet_filter=mouse&fields=taxid');
    const facet = first.facets?.taxid as { terms: { term: number }[] } | undefined;
    const terms = facet?.terms.map((t) => t.term);
    expect(terms).toEqual(expect.arrayContaining([9606, 10090]));
    expect(first.hits?.length).toBeGreaterThan(0);
    expect(first.hits?.every((hit) => hit.taxid === 10090)).toBe(true);
    expect(first.total).toBe(first.hits?.length);
    const end = (await raw(`query?scroll_id=${encodeURIComponent(first._scroll_id)}`)).body;
    expect(end).toEqual({ success: false, error: 'No more results to return.' });
  });
});

describe('species (config_web.py TAXONOMY translations, MygeneQueryBuilder.apply_extras)', () => {
  it('names are replaced wherever they occur, case-insensitively, before the digit check', async () => {
    const human = (await raw('query?q=symbol:cdk2&species=HUMAN&fields=taxid')).body as Page;
    expect(human.hits?.map((h) => h.taxid)).toEqual([9606]);
    // "humanhuman" becomes "96069606": digits, so a filter on an unknown taxid, not a 400.
    expect(await raw('query?q=symbol:cdk2&species=humanhuman')).toMatchObject({ status: 200, body: { total: 0 } });
    expect((await raw('query?q=symbol:cdk2&species=humans')).body).toEqual({ code: 400, success: false, error: 'cannot map some species to taxids.' });
  });

  it('species that are not strings in a JSON body are a TypeError 400, unless the list holds "all"', async () => {
    expect((await post('query', { q: ['cdk2'], scopes: ['symbol'], species: [9606] })).body).toEqual({
      code: 400,
      success: false,
      error: 'TypeError',
      details: 'species must be strings or integer strings.',
    });
    expect((await post('query', { q: ['cdk2'], scopes: ['symbol'], species: ['all', 9606] })).status).toBe(200);
  });

  it('species_facet_filter is read only with facets, and has no "all"', async () => {
    expect((await raw('query?q=cdk2&species_facet_filter=nowhere')).status).toBe(200);
    expect(await raw('query?q=cdk2&facets=taxid&species_facet_filter=all')).toMatchObject({
      status: 400,
      body: { code: 400, error: 'search_phase_execution_exception' },
    });
    const mouse = (await raw('query?q=cdk2&facets=taxid&species_facet_filter=Mouse&fields=taxid')).body as Page;
    expect(mouse.hits?.every((hit) => hit.taxid === 10090)).toBe(true);
  });
});

describe('ranking (web/pipeline/build.py function_score, score_mode "first")', () => {
  it('weights: pseudogene 0.5 first, human 1.55, mouse 1.3, rat 1.2, other TAXONOMY species 1.1, the rest 1', async () => {
    const body = (await raw('query?q=symbol:BOOSTX&fields=taxid')).body as { hits: { _id: string; _score: number }[] };
    const score = Object.fromEntries(body.hits.map((h) => [h._id, h._score]));
    const base = score['880001'] as number;
    expect((score['880002'] as number) / base).toBeCloseTo(1.2, 3);
    expect((score['880003'] as number) / base).toBeCloseTo(1.1, 3);
    expect((score['880004'] as number) / base).toBeCloseTo(1.55, 3);
    expect((score['880005'] as number) / base).toBeCloseTo(0.5, 3);
    expect(body.hits.map((h) => h._id)).toEqual(['880004', '880002', '880003', '880001', '880005']);
  });
});
