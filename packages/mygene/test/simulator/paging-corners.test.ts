// Paging values biothings.web does not check (no `min` in web/settings/default.py), which reach
// Elasticsearch, and formatter corners (web/query/formatter.py ESResultFormatter): where `hits`
// is left out, allow_null's text-prefix matching, and `_id`/`_score` sorted with the fields.
import { MyGene } from '@bio/mygene';
import { describe, expect, it } from 'vitest';
import { raw, useSimulator, postJson } from './helpers.js';

// Two position objects whose names share a prefix, a field that sorts before `_id`, and reporter keys
// whose dotted paths sort differently from the objects they come from.
const GENE = {
  _id: '990002',
  taxid: 9606,
  symbol: 'ZZ2',
  HGNC: '4242',
  genomic_pos: { chr: '3', start: 1, end: 2 },
  genomic_pos_hg19: { chr: '3', start: 5, end: 6 },
  // An object key that is a prefix of a sibling continuing with a character before '.'.
  reporter: { 'HG-U133': '1_at', HG: { sub: '2_at' } },
};
useSimulator({ seed: { genes: [GENE] } });

const JSON_TYPE = 'application/json; charset=UTF-8';

describe('negative paging reaches Elasticsearch, which refuses the search body (pipeline.py capturesESExceptions)', () => {
  it('GET /query: size and from are illegal_argument_exception 400s, from reported first', async () => {
    expect(await raw('query?q=cdk2&size=-1')).toEqual({
      status: 400,
      type: JSON_TYPE,
      body: { code: 400, success: false, error: 'illegal_argument_exception', root_cause_line_00: '[size] parameter cannot be negative, found [-1]' },
    });
    expect((await raw('query?q=cdk2&skip=-3&size=-2')).body).toEqual({
      code: 400,
      success: false,
      error: 'illegal_argument_exception',
      root_cause_line_00: '[from] parameter cannot be negative but was [-3]',
    });
  });

  it('GET /query: fetch_all drops size, not from', async () => {
    expect((await raw('query?q=cdk2&fetch_all=true&size=-5')).body).toHaveProperty('_scroll_id');
    expect((await raw('query?q=cdk2&fetch_all=true&from=-1')).body).toMatchObject({ code: 400, error: 'illegal_argument_exception' });
  });

  it('GET /query: facet_size 0 means 10; a negative one fails parsing the terms aggregation', async () => {
    const body = (await raw('query?q=cdk2&size=0&facets=taxid&facet_size=0')).body as { facets: { taxid: { terms: unknown[] } } };
    expect(body.facets.taxid.terms.length).toBeGreaterThan(0);
    expect(await raw('query?q=cdk2&facets=taxid&facet_size=-1&from=-1')).toEqual({
      status: 400,
      type: JSON_TYPE,
      body: { code: 400, success: false, error: 'x_content_parse_exception', root_cause_line_00: '[terms] failed to parse field [size]' },
    });
    // Without facets facet_size is never used.
    expect((await raw('query?q=cdk2&facet_size=-1')).status).toBe(200);
  });

  it('an Elasticsearch reason is written with single quotes (_simplify_ES_exception)', async () => {
    expect((await raw('query?q=cdk2&facets=taxid&species_facet_filter=dog')).body).toEqual({
      code: 400,
      success: false,
      error: 'search_phase_execution_exception',
      root_cause_line_00: "[query_shard_exception] Reason: failed to create query: For input string: 'dog'",
    });
  });

  it('POST /query: the msearch is refused as a whole; size 0 is no hit per term', async () => {
    expect((await postJson('query', { q: ['cdk2'], scopes: 'symbol', size: -1 })).body).toEqual({
      code: 400,
      success: false,
      error: 'illegal_argument_exception',
      root_cause_line_00: '[size] parameter cannot be negative, found [-1]',
    });
    expect((await postJson('query', { q: ['cdk2'], scopes: 'symbol', from: -2 })).body).toMatchObject({
      root_cause_line_00: '[from] parameter cannot be negative but was [-2]',
    });
    expect(await postJson('query', { q: ['cdk2', 'tp53'], scopes: 'symbol', size: 0 })).toEqual({
      status: 200,
      type: JSON_TYPE,
      body: [
        { query: 'cdk2', notfound: true },
        { query: 'tp53', notfound: true },
      ],
    });
  });

  it('POST /query: with size 0 the with_total message counts against 10 (max_size = options.size or 10)', async () => {
    const r = await postJson('query', { q: ['cdk2'], scopes: 'symbol', size: 0, with_total: true });
    expect(r.body).toEqual({ max_total: 3, hits: [{ query: 'cdk2', notfound: true }] });
  });

  it('POST /query: a search failing on the shards fails alone, and the formatter’s assertion is a 500 "N/A"', async () => {
    const na = { status: 500, type: JSON_TYPE, body: { code: 500, success: false, error: 'N/A' } };
    expect(await postJson('query', { q: ['cdk2'], scopes: 'symbol', from: 9995, size: 10 })).toEqual(na);
    expect(await postJson('query', { q: ['cdk2'], scopes: 'symbol', filter: 'symbol:(cdk2' })).toEqual(na);
    // On GET the same filter is the search's own 400.
    expect((await raw('query?q=cdk2&filter=symbol:(cdk2')).status).toBe(400);
  });
});

describe('where GET /query leaves hits out (ESResultFormatter.transform)', () => {
  it('size=0 without facets keeps an empty hits list; with facets an empty page is left out', async () => {
    expect((await raw('query?q=symbol:cdk2&size=0')).body).toEqual({ took: expect.any(Number), total: 3, max_score: null, hits: [] });
    const faceted = (await raw('query?q=symbol:cdk2&from=5&facets=taxid')).body as Record<string, unknown>;
    expect(faceted).toHaveProperty('total', 3);
    expect(faceted).not.toHaveProperty('hits');
    expect(faceted).toHaveProperty('facets.taxid.total', 3);
  });
});

describe('allow_null / always_list match fields as text prefixes (ESResultFormatter._allow_null, _always_list)', () => {
  it('genomic_pos_hg19 names "_hg19" inside genomic_pos, and genomic_pos names "" inside itself', async () => {
    expect((await raw('gene/990002?fields=genomic_pos,genomic_pos_hg19&allow_null=genomic_pos_hg19')).body).toEqual({
      _id: '990002',
      _version: 1,
      genomic_pos: { _hg19: null, chr: '3', end: 2, start: 1 },
      genomic_pos_hg19: { '': null, chr: '3', end: 6, start: 5 },
    });
    expect((await raw('gene/990002?fields=genomic_pos&allow_null=genomic_pos&always_list=genomic_pos')).body).toEqual({
      _id: '990002',
      _version: 1,
      // and always_list then wraps the object itself at the root.
      genomic_pos: [{ '': [], chr: '3', end: 2, start: 1 }],
    });
  });

  it('the root holds _id, _version and _score: allow_null cannot blank them, always_list wraps them', async () => {
    expect((await raw('gene/990002?fields=symbol&allow_null=_id,_score')).body).toEqual({ _id: '990002', _score: null, _version: 1, symbol: 'ZZ2' });
    expect((await raw('gene/990002?fields=symbol&always_list=_id')).body).toEqual({ _id: ['990002'], _version: 1, symbol: 'ZZ2' });
  });
});

describe('key order: _id and _score are sorted with the fields (ESResultFormatter._sorted)', () => {
  it('an upper-case field comes before _id, in hits and in flattened documents', async () => {
    const hit = ((await raw('query?q=symbol:ZZ2&fields=HGNC,symbol')).body as { hits: object[] }).hits[0] as object;
    expect(Object.keys(hit)).toEqual(['HGNC', '_id', '_score', 'symbol']);
    const flat = (await raw('gene/990002?fields=HGNC,genomic_pos.chr,genomic_pos_hg19.chr&dotfield=true')).body as object;
    expect(Object.keys(flat)).toEqual(['HGNC', '_id', '_version', 'genomic_pos.chr', 'genomic_pos_hg19.chr']);
    // Flattened keys come in traverse order over the sorted document, not sorted as dotted text.
    const reporter = (await raw('gene/990002?fields=reporter&dotfield=true')).body as object;
    expect(Object.keys(reporter)).toEqual(['_id', '_version', 'reporter.HG.sub', 'reporter.HG-U133']);
  });
});

describe('facet totals through the client (ESResultFormatter.transform_aggs, TermsFacet.total)', () => {
  it('each facet carries total, the sum of its shown buckets; other counts the rest', async () => {
    const r = await new MyGene().query('symbol:cdk2', { size: 0, facets: 'taxid', facetSize: 2 });
    const total: number | undefined = r.facets?.taxid?.total;
    expect(total).toBe(2);
    expect(r.facets?.taxid).toMatchObject({ _type: 'terms', other: 1, missing: 0 });
    expect(r.facets?.taxid?.terms.reduce((sum, t) => sum + t.count, 0)).toBe(total);
    expect(r.hits).toEqual([]);
  });
});
