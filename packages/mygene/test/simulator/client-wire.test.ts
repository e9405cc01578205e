// What the client sends and reads, against the options the server defines (biothings.web
// settings/default.py, options/manager.py; mygene.info config_web.py) and the answers it writes
// (ESResultFormatter.transform).
import { isValidationError } from '@bio/core-http';
import { isMultipleGenesError, MyGene, type MultipleGenesError } from '@bio/mygene';
import { describe, expect, it } from 'vitest';
import { postJson, raw, syntheticGenes, useSimulator } from './helpers.js';

const SHARED = [
  { _id: '990001', entrezgene: '990001', symbol: 'SHARE1', name: 'shared ensembl one', taxid: 9606, ensembl: { gene: 'ENSGSHARED01' } },
  { _id: '990002', entrezgene: '990002', symbol: 'SHARE2', name: 'shared ensembl two', taxid: 9606, ensembl: { gene: 'ENSGSHARED01' } },
];
const sim = useSimulator({ seed: { genes: [...syntheticGenes(1001, 'wirecheck'), ...SHARED] } });
const client = (email?: string) => new MyGene({ retry: { delay: 0, maxRetryAfter: 0 }, ...(email === undefined ? {} : { email }) });

describe('GET /gene/{id} answers a list when the id matches several genes (formatter `one`)', () => {
  it('gene() picks none: a MultipleGenesError carries every one, in the server’s order; genes() returns them', async () => {
    const mg = client();
    const error = await mg.gene('ENSGSHARED01', { fields: 'symbol' }).catch((e: unknown) => e);
    expect(isMultipleGenesError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'MULTIPLE_GENES', id: 'ENSGSHARED01' });
    expect((error as MultipleGenesError).genes).toEqual([
      { _id: '990001', _version: 1, symbol: 'SHARE1' },
      { _id: '990002', _version: 1, symbol: 'SHARE2' },
    ]);
    expect((error as Error).message).toBe('GET gene/ENSGSHARED01: 2 genes have this id (990001, 990002); use genes([id]) for all of them');
    const { hits } = await mg.genes(['ENSGSHARED01'], { fields: 'symbol' });
    expect(hits.map((h) => h.symbol)).toEqual(['SHARE1', 'SHARE2']);
  });
});

describe('params (pass-through) cannot take over what the call sets itself', () => {
  it('q, ids/id, fetch_all and scroll_id in params are refused, not sent', async () => {
    const mg = client();
    const refused = async (call: () => Promise<unknown>) => {
      const e = await Promise.resolve()
        .then(call)
        .then(
          () => undefined,
          (x: unknown) => x,
        );
      expect(isValidationError(e)).toBe(true);
    };
    await refused(() => mg.query('cdk2', { params: { q: 'tp53' } }));
    await refused(() => mg.queryMany(['cdk2'], { scopes: 'symbol', params: { q: ['tp53'] } }));
    await refused(() => mg.genes(['1017'], { params: { id: ['7157'] } }));
    await refused(() => mg.genes(['1017'], { params: { ids: ['7157'] } }));
    await refused(() => mg.fetchAll('wirecheck', { params: { fetch_all: false } }).toArray());
    await refused(() => mg.fetchAll('wirecheck', { params: { scroll_id: 'x' } }).toArray());
    expect(sim.requests).toHaveLength(0);
  });

  it('a pass-through alias of a typed option does not override it (the server reads _source before fields)', async () => {
    const mg = client();
    const r = await mg.query('symbol:cdk2', { fields: 'symbol', species: 'human', params: { _source: ['name'], facets: 'x', limit: 1 } });
    expect(r.hits).toEqual([{ _id: '1017', _score: expect.any(Number), symbol: 'CDK2' }]);
    const sent = sim.requests[0]?.url.searchParams;
    expect(sent?.has('_source')).toBe(false);
    expect(sent?.get('limit')).toBe('1');
  });
});

describe('a JSON body must hold each option’s type (JsonArgCvter is strict)', () => {
  it('pass-through text values are converted as the server converts them from a form', async () => {
    const mg = client();
    const r = await mg.queryMany(['cdk2'], { scopes: 'symbol', fields: 'symbol', params: { with_total: 'true', size: '1', sort: '-taxid', dotfield: '0' } });
    expect(r.hits.map((h) => h._id)).toEqual(['362817']);
    expect(sim.requests[0]?.json()).toMatchObject({ q: ['cdk2'], with_total: true, size: 1, sort: ['-taxid'], dotfield: false });
  });
});

describe('simulator: POST /query reads sort (strict list) and string options strictly from JSON', () => {
  it('a JSON string sort is "Expect type list.", a JSON number filter "Expect type str."; a form sort orders each term', async () => {
    expect(await postJson('query', { q: ['cdk2'], scopes: ['symbol'], sort: '-taxid' })).toMatchObject({
      status: 400,
      body: { error: 'Bad Request', keyword: 'sort', reason: 'Expect type list.' },
    });
    expect(await postJson('query', { q: ['cdk2'], scopes: ['symbol'], filter: 5 })).toMatchObject({
      status: 400,
      body: { error: 'Bad Request', keyword: 'filter', reason: 'Expect type str.' },
    });
    const form = await raw('query', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'q=cdk2&scopes=symbol&fields=taxid&sort=-taxid',
    });
    expect((form.body as { taxid: number }[]).map((h) => h.taxid)).toEqual([10116, 10090, 9606]);
  });
});

describe('the client email goes with every request', () => {
  it('metadata, fields and every scroll page carry it', async () => {
    const mg = client('me@lab.org');
    await mg.metadata();
    await mg.fields({ prefix: 'symbol' });
    expect(await mg.fetchAll('wirecheck', { fields: 'symbol' }).toArray()).toHaveLength(1001);
    const urls = sim.requests.map((r) => r.url);
    expect(urls.map((u) => u.pathname.replace(/^\/v3\//, ''))).toEqual(['metadata', 'metadata/fields', 'query', 'query', 'query']);
    expect(urls.map((u) => u.searchParams.get('email'))).toEqual(Array(5).fill('me@lab.org'));
  });
});
