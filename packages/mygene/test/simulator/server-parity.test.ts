// Corners where the simulator follows the server source (biothings.api web/, mygene.info
// src/config_web.py and src/web/pipeline/build.py): option errors, boolean and integer reading,
// species mapping, GET /query without q, facet totals, the with_total message, allow_null /
// always_list and dotfield lists.
import { isUnmatchedRequestError } from '@bio/core-http/testing';
import { describe, expect, it, vi } from 'vitest';
import { raw, useSimulator, postJson } from './helpers.js';

// A gene whose list values are out of alphabetical order, with a list of genomic positions.
const UNSORTED = {
  _id: '990001',
  taxid: 9606,
  symbol: 'ZZ1',
  alias: ['b', 'a'],
  genomic_pos: [
    { chr: '2', start: 5, end: 9 },
    { chr: '1', start: 1, end: 3 },
  ],
};
const sim = useSimulator({ seed: { genes: [UNSORTED] } });

describe('option errors (biothings/web/options/manager.py OptionSet.parse)', () => {
  it('a value that is not an integer is "Expect type int." with the option’s alias', async () => {
    expect(await raw('query?q=cdk2&size=ten')).toEqual({
      status: 400,
      type: 'application/json; charset=UTF-8',
      body: { code: 400, success: false, error: 'Bad Request', reason: 'Expect type int.', keyword: 'size', alias: 'limit' },
    });
    expect((await raw('query?q=cdk2&from=1.5')).body).toEqual({
      code: 400,
      success: false,
      error: 'Bad Request',
      reason: 'Expect type int.',
      keyword: 'from',
      alias: 'skip',
    });
  });

  it('a JSON body must hold JSON integers and booleans (JsonArgCvter is strict)', async () => {
    expect((await postJson('query', { q: ['cdk2'], scopes: 'symbol', size: '2' })).body).toEqual({
      code: 400,
      success: false,
      error: 'Bad Request',
      reason: 'Expect type int.',
      keyword: 'size',
      alias: 'limit',
    });
    expect((await postJson('gene', { ids: ['1017'], dotfield: 'true' })).body).toEqual({
      code: 400,
      success: false,
      error: 'Bad Request',
      reason: 'Expect type bool.',
      keyword: 'dotfield',
    });
  });

  it('a missing required option is {"missing": name, "alias": …}', async () => {
    expect((await postJson('gene', { fields: 'symbol' })).body).toEqual({ code: 400, success: false, error: 'Bad Request', missing: 'id', alias: 'ids' });
    expect((await postJson('query', { scopes: 'symbol' })).body).toEqual({ code: 400, success: false, error: 'Bad Request', missing: 'q' });
  });

  it('a list over its maximum names the list aliases', async () => {
    const fields = Array.from({ length: 1001 }, (_, i) => `f${i}`).join(',');
    expect((await raw(`query?q=cdk2&fields=${fields}`)).body).toEqual({
      code: 400,
      success: false,
      error: 'Bad Request',
      keyword: '_source',
      max: 1000,
      size: 1001,
      alias: ['fields', 'field'],
    });
  });

  it('limit is size, and the query string wins over the body', async () => {
    expect((await raw('query?q=symbol:cdk2&limit=1')).body).toMatchObject({ total: 3, hits: [{ symbol: 'CDK2' }] });
    const r = await postJson('query?size=1', { q: ['cdk2'], scopes: 'symbol', size: 3 });
    expect((r.body as unknown[]).length).toBe(1);
  });
});

describe('booleans (Converter.str_to_bool, QueryArgCvter)', () => {
  it('a bare key in the query string is true; unknown words are false, never an error', async () => {
    expect((await raw('gene/1017?fields=genomic_pos.chr&dotfield')).body).toEqual({ _id: '1017', _version: 1, 'genomic_pos.chr': '12' });
    expect((await raw('gene/1017?fields=genomic_pos.chr&dotfield=on')).body).toEqual({ _id: '1017', _version: 1, genomic_pos: { chr: '12' } });
    const notAScroll = await raw('query?q=symbol:cdk2&fetch_all=maybe');
    expect(notAScroll.status).toBe(200);
    expect(notAScroll.body).not.toHaveProperty('_scroll_id');
    expect((await raw('gene/1017?fields=genomic_pos.chr&dotfield=2')).body).toHaveProperty(['genomic_pos.chr'], '12');
  });
});

describe('species (mygene src/web/pipeline/build.py MygeneQueryBuilder.apply_extras)', () => {
  it('a name that maps to no taxid is 400 "cannot map some species to taxids."', async () => {
    const body = { code: 400, success: false, error: 'cannot map some species to taxids.' };
    expect(await raw('query?q=cdk2&species=human,dog')).toEqual({ status: 400, type: 'application/json; charset=UTF-8', body });
    expect((await postJson('query', { q: ['cdk2'], scopes: 'symbol', species: 'dog' })).body).toEqual(body);
    expect((await raw('gene/1017?species=dog')).body).toEqual(body);
  });

  it('names are matched case-insensitively and all means every species', async () => {
    expect((await raw('query?q=symbol:cdk2&species=Human')).body).toMatchObject({ total: 1 });
    expect((await raw('query?q=symbol:cdk2&species=all')).body).toMatchObject({ total: 3 });
  });
});

describe('GET /query without q (biothings/web/query/builder.py ESQueryBuilder._build_string_query)', () => {
  it('no q matches every gene; an empty q matches none', async () => {
    expect((await raw('query?fields=symbol')).body).toMatchObject({ total: sim.state.genes.size, hits: expect.any(Array) });
    expect((await raw('query?q=__all__&size=1')).body).toMatchObject({ total: sim.state.genes.size });
    expect((await raw('query?q=')).body).toEqual({ took: expect.any(Number), total: 0, max_score: null, hits: [] });
  });

  it('no q with facets and no size answers the facets only', async () => {
    const body = (await raw('query?facets=taxid')).body as Record<string, unknown>;
    expect(body).not.toHaveProperty('hits');
    expect(body).toHaveProperty('facets.taxid._type', 'terms');
  });
});

describe('facets and with_total (biothings/web/query/formatter.py)', () => {
  it('a facet carries total: the count of its shown buckets (transform_aggs)', async () => {
    const r = await raw('query?q=cdk2&size=0&facets=taxid&facet_size=2');
    expect(r.body).toMatchObject({ facets: { taxid: { other: 1, total: 2 } } });
  });

  it('species_facet_filter only narrows the hits when facets are asked for', async () => {
    expect((await raw('query?q=symbol:cdk2&species_facet_filter=human')).body).toMatchObject({ total: 3 });
    expect((await raw('query?q=symbol:cdk2&species_facet_filter=human&facets=taxid')).body).toMatchObject({ total: 1 });
  });

  it('with_total counts terms with more than size hits and points past from + size (transform)', async () => {
    const r = await postJson('query', { q: ['cdk2', 'tp53'], scopes: 'symbol', size: 1, from: 1, with_total: true, fields: 'symbol' });
    expect(r.body).toMatchObject({ max_total: 3, msg: '2 query terms return > 1 hits, using from=2 to retrieve the remaining hits' });
  });
});

describe('allow_null, always_list and dotfield (biothings/web/query/formatter.py ESResultFormatter._transform_hit)', () => {
  it('always_list turns an allow_null null into []', async () => {
    expect((await raw('gene/990001?fields=symbol&allow_null=foo&always_list=foo')).body).toEqual({ _id: '990001', _version: 1, foo: [], symbol: 'ZZ1' });
    expect((await raw('gene/990001?fields=symbol&allow_null=foo&always_list=foo&dotfield=true')).body).toEqual({
      _id: '990001',
      _version: 1,
      foo: [],
      symbol: 'ZZ1',
    });
  });

  it('allow_null adds a nested field only where its parent exists, in every item of a list', async () => {
    expect((await raw('gene/990001?fields=symbol&allow_null=genomic_pos.chr')).body).toEqual({ _id: '990001', _version: 1, symbol: 'ZZ1' });
    expect((await raw('gene/990001?fields=symbol&allow_null=genomic_pos.chr&dotfield=true')).body).toEqual({ _id: '990001', _version: 1, symbol: 'ZZ1' });
    expect((await raw('gene/990001?fields=genomic_pos&allow_null=genomic_pos.strand')).body).toEqual({
      _id: '990001',
      _version: 1,
      genomic_pos: [
        { chr: '2', end: 9, start: 5, strand: null },
        { chr: '1', end: 3, start: 1, strand: null },
      ],
    });
  });

  it('dotfield keeps several values in document order (_sorted only sorts objects)', async () => {
    expect((await raw('gene/990001?fields=alias,genomic_pos.chr&dotfield=true')).body).toEqual({
      _id: '990001',
      _version: 1,
      alias: ['b', 'a'],
      'genomic_pos.chr': ['2', '1'],
    });
  });
});

describe('filter and post_filter (settings/default.py QUERY_KWARGS, ESQueryBuilder.apply_extras)', () => {
  it('filter is a query string the hits must also match, not an alias of fields', async () => {
    const r = await raw('query?q=symbol:cdk2&filter=taxid:10090');
    expect(r.body).toMatchObject({ total: 1, hits: [{ symbol: 'Cdk2', taxid: 10090, name: expect.any(String) }] });
    const many = await postJson('query', { q: ['cdk2'], scopes: 'symbol', filter: 'taxid:10116', fields: 'taxid' });
    expect(many.body).toEqual([{ query: 'cdk2', _id: expect.any(String), _score: expect.any(Number), taxid: 10116 }]);
  });

  it('post_filter narrows the hits but not the facets', async () => {
    const r = (await raw('query?q=symbol:cdk2&post_filter=taxid:9606&facets=taxid')).body as { total: number; facets: { taxid: { total: number } } };
    expect(r.total).toBe(1);
    expect(r.facets.taxid.total).toBe(3);
  });

  it('GET /gene has no filter option: every field comes back', async () => {
    expect((await raw('gene/1017?filter=symbol')).body).toHaveProperty('genomic_pos.chr', '12');
  });
});

describe('/gene without an id in the path (BiothingHandler, ANNOTATION_KWARGS)', () => {
  it('GET takes the id from ?id= and is 400 missing id without one', async () => {
    expect((await raw('gene?id=1017&fields=symbol')).body).toEqual({ _id: '1017', _version: 1, symbol: 'CDK2' });
    expect(await raw('gene')).toEqual({
      status: 400,
      type: 'application/json; charset=UTF-8',
      body: { code: 400, success: false, error: 'Bad Request', missing: 'id' },
    });
  });

  it('POST /gene/{id} reads the ids of the body, not the path', async () => {
    const r = await postJson('gene/1017', { ids: ['695'], fields: 'symbol' });
    expect(r.body).toEqual([{ query: '695', _id: '695', _version: 1, symbol: 'BTK' }]);
  });
});

describe('format (COMMON_KWARGS) and the query-only field filters (config_web.py FIELD_FILTERS)', () => {
  it('a format outside json/yaml/html/msgpack is the option error naming the allowed ones', async () => {
    expect(await raw('query?q=cdk2&format=xml')).toEqual({
      status: 400,
      type: 'application/json; charset=UTF-8',
      body: { code: 400, success: false, error: 'Bad Request', allowed: ['json', 'yaml', 'html', 'msgpack'], keyword: 'format' },
    });
    expect((await raw('gene/1017?format=json&fields=symbol')).body).toEqual({ _id: '1017', _version: 1, symbol: 'CDK2' });
  });

  it('yaml, html and msgpack, which the real service writes, fail the request instead of answering JSON', async () => {
    // msw reports the failed request on console.error (a test tool failing loudly), as for an unmatched fixture.
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      for (const path of ['gene/1017?format=yaml', 'query?q=cdk2&format=msgpack']) {
        const error = await fetch(`https://mygene.info/v3/${path}`).catch((e: unknown) => e);
        expect(isUnmatchedRequestError(error)).toBe(true);
        expect((error as Error).message).toMatch(/does not write format=(yaml|msgpack) answers \(the real service does\)/);
      }
    } finally {
      stderr.mockRestore();
    }
  });

  it('entrezonly and ensemblonly narrow /query only; /gene does not read them', async () => {
    expect((await raw('gene/990001?entrezonly=true&fields=symbol')).body).toEqual({ _id: '990001', _version: 1, symbol: 'ZZ1' });
    expect((await raw('query?q=symbol:ZZ1&entrezonly=true')).body).toMatchObject({ total: 0, hits: [] });
    expect((await raw('query?q=symbol:ZZ1')).body).toMatchObject({ total: 1 });
  });
});
