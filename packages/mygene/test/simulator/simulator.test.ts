// The simulator driven through the real client (msw), asserting the server's behaviour: fields,
// batches, paging limits, scrolls, refusals with their real bodies, reset, seed and faults.
import { isBadRequestError, isNotFoundError, isResponseFormatError, isValidationError, isBatchError, MyGene, isScrollExpiredError } from '@bio/mygene';
import { createSimulator } from '@bio/mygene/testing';
import { describe, expect, it } from 'vitest';
import { raw, syntheticGenes, useSimulator } from './helpers.js';

let clock = 1_000_000;
const sim = useSimulator({ seed: { genes: syntheticGenes(2500) }, now: () => clock });

const quick = { retry: { delay: 0, maxRetryAfter: 0 } };

describe('GET /gene/{id}', () => {
  it('answers with no options: every field, keys sorted, _version kept', async () => {
    const doc = await new MyGene().gene('1017');
    expect(doc).toMatchObject({ _id: '1017', _version: 1, symbol: 'CDK2', taxid: 9606, entrezgene: '1017' });
    expect(doc?.genomic_pos).toEqual({ chr: '12', end: 55972784, ensemblgene: 'ENSG00000123374', start: 55966769, strand: 1 });
    expect(Object.keys(doc ?? {}).slice(2)).toEqual(
      Object.keys(doc ?? {})
        .slice(2)
        .sort(),
    );
    expect(doc).not.toHaveProperty('_score');
  });

  it('filters fields, accepts and ignores email, and flattens with dotfield', async () => {
    const mg = new MyGene({ email: 'me@lab.org' });
    expect(await mg.gene('1017', { fields: ['symbol', 'name'] })).toEqual({ _id: '1017', _version: 1, name: 'cyclin dependent kinase 2', symbol: 'CDK2' });
    expect(sim.requests[0]?.url.searchParams.get('email')).toBe('me@lab.org');
    const flat = await mg.gene('1017', { fields: ['refseq.rna', 'genomic_pos.chr', 'alias'], dotfield: true, alwaysList: ['genomic_pos.chr'] });
    expect(flat).toEqual({
      _id: '1017',
      _version: 1,
      alias: ['CDKN2', 'p33(CDK2)'],
      'genomic_pos.chr': ['12'],
      'refseq.rna': ['NM_001290230.2', 'NM_001798.5', 'NM_052827.4', 'XM_011537732.2'],
    });
  });

  it('finds Ensembl ids and CURIEs; an unknown id is the 404 JSON body (null from the client)', async () => {
    const mg = new MyGene();
    expect((await mg.gene('ENSG00000141510', { fields: 'symbol' }))?.symbol).toBe('TP53');
    expect((await mg.gene('NCBIGene:1017', { fields: 'symbol' }))?._id).toBe('1017');
    expect(await mg.gene('0')).toBeNull();
    expect(await raw('gene/0')).toEqual({ status: 404, type: 'application/json; charset=UTF-8', body: { code: 404, success: false, error: 'Not Found.' } });
  });

  it('an unknown route is tornado’s HTML 404, which the client does not mistake for an unknown gene', async () => {
    const r = await raw('genes/1017');
    expect(r.status).toBe(404);
    expect(r.type).toMatch(/^text\/html/);
    const wrongBase = new MyGene({ baseUrl: 'https://mygene.info/v2', retry: 0 });
    const error = await wrongBase.gene('1017').catch((e: unknown) => e);
    expect(isNotFoundError(error) || isResponseFormatError(error)).toBe(true);
  });
});

describe('POST /gene', () => {
  it('answers in input order with a query echo and notfound entries; duplicate ids give duplicate rows', async () => {
    const mg = new MyGene();
    const { hits, missing } = await mg.genes(['1017', '695', 'xyz'], { fields: ['symbol', 'name', 'refseq.rna'] });
    expect(hits.map((h) => [h.query, h.symbol])).toEqual([
      ['1017', 'CDK2'],
      ['695', 'BTK'],
    ]);
    expect(missing).toEqual(['xyz']);
    const r = await raw('gene', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ids: ['7157', '7157', 'nope'], fields: 'symbol' }),
    });
    expect(r.body).toEqual([
      { query: '7157', _id: '7157', _version: 1, symbol: 'TP53' },
      { query: '7157', _id: '7157', _version: 1, symbol: 'TP53' },
      { query: 'nope', notfound: true },
    ]);
  });

  it('refuses 1001 ids with 400 keyword id, max 1000, size 1001', async () => {
    const ids = Array.from({ length: 1001 }, (_, i) => String(i));
    const r = await raw('gene', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ids }) });
    expect(r).toMatchObject({ status: 400, body: { code: 400, success: false, error: 'Bad Request', keyword: 'id', max: 1000, size: 1001 } });
  });

  it('reads form bodies the way the server splits them, and refuses an unbalanced quote and invalid JSON', async () => {
    const form = await raw('gene', { method: 'POST', body: new URLSearchParams({ ids: '"1017","7157"', fields: 'symbol' }) });
    expect((form.body as { symbol: string }[]).map((h) => h.symbol)).toEqual(['CDK2', 'TP53']);
    const unbalanced = await raw('query', { method: 'POST', body: new URLSearchParams({ q: '"CDK 2,1017', scopes: 'symbol' }) });
    expect(unbalanced).toMatchObject({ status: 400, body: { code: 400, success: false, keyword: 'q' } });
    const bad = await raw('gene', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"ids": [' });
    expect(bad).toMatchObject({ status: 400, body: { code: 400, success: false, error: 'Invalid JSON body.' } });
  });
});

describe('GET /query', () => {
  it('full text with from/size windows over the matches, scores descending, default fields', async () => {
    const mg = new MyGene();
    const first = await mg.query('synthetic', { size: 5 });
    const second = await mg.query('synthetic', { size: 5, from: 5 });
    expect(first.total).toBe(2500);
    expect(first.hits).toHaveLength(5);
    expect(Object.keys(first.hits[0] ?? {}).sort()).toEqual(['_id', '_score', 'entrezgene', 'name', 'symbol', 'taxid']);
    expect(new Set([...first.hits, ...second.hits].map((h) => h._id)).size).toBe(10);
    const cdk2 = await mg.query('symbol:cdk2');
    expect(cdk2.hits.map((h) => [h.symbol, h.taxid])).toEqual([
      ['CDK2', 9606],
      ['Cdk2', 10090],
      ['Cdk2', 10116],
    ]);
    expect((await mg.query('symbol:cdk2', { species: 'human' })).total).toBe(1);
  });

  it('refuses size 1001 the way MyGene does (400 keyword size, max 1000, num 1001, alias limit)', async () => {
    const mg = new MyGene(quick);
    const error = await mg.query('cdk2', { params: { size: 1001 } }).catch((e: unknown) => e);
    expect(isBadRequestError(error)).toBe(true);
    expect((error as { body: unknown }).body).toEqual({
      code: 400,
      success: false,
      error: 'Bad Request',
      keyword: 'size',
      max: 1000,
      num: 1001,
      alias: 'limit',
    });
  });

  it('refuses a from+size window past 10 000 with the Elasticsearch error, and accepts 9000+1000', async () => {
    expect((await raw('query?q=synthetic&from=9000&size=1000')).status).toBe(200);
    const r = await raw('query?q=synthetic&from=9500&size=501');
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 400, success: false, error: 'search_phase_execution_exception' });
    expect((r.body as Record<string, string>).root_cause_line_00).toContain('Result window is too large');
    expect(await raw('query?q=cdk2&from=10001&size=0')).toMatchObject({ status: 400, body: { keyword: 'from', max: 10000, num: 10001 } });
  });

  it('answers a syntax error with 400 and the root cause, and a bad integer with keyword/reason', async () => {
    const error = await new MyGene(quick).query('symbol:(cdk2').catch((e: unknown) => e);
    expect(isBadRequestError(error)).toBe(true);
    expect((error as { body: unknown }).body).toEqual({
      code: 400,
      success: false,
      error: 'search_phase_execution_exception',
      root_cause_line_00: '[query_shard_exception] Reason: Failed to parse query [symbol:(cdk2]',
    });
    expect(await raw('query?q=cdk2&size=ten')).toMatchObject({ status: 400, body: { error: 'Bad Request', keyword: 'size' } });
  });

  it('facets count the matches and size=0 leaves hits out', async () => {
    const r = await raw('query?q=cdk2&size=0&facets=taxid&facet_size=2');
    expect(r.body).toEqual({
      took: expect.any(Number),
      total: 3,
      max_score: null,
      facets: {
        taxid: {
          _type: 'terms',
          terms: [
            { count: 1, term: 9606 },
            { count: 1, term: 10090 },
          ],
          other: 1,
          missing: 0,
          total: 2,
        },
      },
    });
    expect((await new MyGene().query('cdk2', { size: 0, facets: 'taxid' })).hits).toEqual([]);
  });

  it('sorts, filters with boolean syntax and phrases', async () => {
    const mg = new MyGene();
    const sorted = await mg.query('symbol:cdk2', { sort: '-taxid', fields: 'taxid' });
    expect(sorted.hits.map((h) => h.taxid)).toEqual([10116, 10090, 9606]);
    const p53 = await mg.query('name:"tumor protein p53" AND NOT taxid:10116', { fields: 'symbol' });
    expect(p53.hits.map((h) => h.symbol)).toEqual(['TP53']);
  });
});

describe('fetchAll (fetch_all + scroll_id)', () => {
  it('pages 1000 hits at a time with a scroll id, then ends on the HTTP 200 end marker', async () => {
    const mg = new MyGene({ fetch: (input, init) => fetch(input, init) });
    const pages: number[] = [];
    for await (const page of mg.fetchAll('brain', { fields: 'symbol' }).pages()) pages.push(page.items.length);
    expect(pages.filter((n) => n > 0)).toEqual([1000, 1000, 505]);
    const urls = sim.requests.map((r) => r.url);
    expect(urls[0]?.searchParams.get('fetch_all')).toBe('true');
    const scrollId = urls[1]?.searchParams.get('scroll_id');
    expect(scrollId).toBeTruthy();
    expect(urls.slice(1).every((u) => u.searchParams.get('scroll_id') === scrollId)).toBe(true);
    expect(await raw(`query?scroll_id=${encodeURIComponent(scrollId ?? '')}`)).toEqual({
      status: 200,
      type: 'application/json; charset=UTF-8',
      body: { success: false, error: 'No more results to return.' },
    });
  });

  it('two fetchAll in a row get the same hits, each with its own scroll', async () => {
    const mg = new MyGene();
    const a = (await mg.fetchAll('brain', { species: 'human' }).toArray()).map((h) => h._id);
    const b = (await mg.fetchAll('brain', { species: 'human' }).toArray()).map((h) => h._id);
    expect(a).toHaveLength(2503);
    expect(b).toEqual(a);
    expect(sim.state.scrolls.size).toBe(2);
    expect(await mg.fetchAll('brain').total()).toBe(2505);
  });

  it('an expired scroll is 400 "Invalid or stale scroll_id." (ScrollExpiredError), after 60 s or expireScrolls()', async () => {
    const first = await raw('query?q=brain&fetch_all=true&fields=symbol');
    const id = (first.body as { _scroll_id: string })._scroll_id;
    clock += 59_000;
    expect((await raw(`query?scroll_id=${encodeURIComponent(id)}`)).status).toBe(200);
    clock += 61_000;
    expect(await raw(`query?scroll_id=${encodeURIComponent(id)}`)).toEqual({
      status: 400,
      type: 'application/json; charset=UTF-8',
      body: { code: 400, success: false, error: 'ValueError', details: 'Invalid or stale scroll_id.' },
    });
    const mg = new MyGene(quick);
    const iterator = mg.fetchAll('synthetic')[Symbol.asyncIterator]();
    await iterator.next();
    sim.expireScrolls();
    const error = await (async () => {
      for (let r = await iterator.next(); !r.done; r = await iterator.next());
    })().catch((e: unknown) => e);
    expect(isScrollExpiredError(error)).toBe(true);
  });
});

describe('POST /query (queryMany, mapIds)', () => {
  it('unknown terms are notfound, a term with several hits gives several entries, duplicates are counted', async () => {
    const mg = new MyGene();
    const r = await mg.queryMany(['1017', 'tp53', 'dummy'], { scopes: ['entrezgene', 'symbol'], species: ['human', 'rat'] });
    expect(r.hits.map((h) => [h.query, h._id])).toEqual([
      ['1017', '1017'],
      ['tp53', '7157'],
      ['tp53', '24842'],
    ]);
    expect(r.missing).toEqual(['dummy']);
    expect(r.duplicates).toEqual([{ query: 'tp53', count: 2 }]);
  });

  it('uses the default scopes (_id, entrezgene, ensembl.gene, retired): symbols are not found without scopes', async () => {
    const r = await new MyGene().queryMany(['CDK2', 'ENSG00000123374']);
    expect(r.missing).toEqual(['CDK2']);
    expect(r.byQuery.get('ENSG00000123374')?.[0]?._id).toBe('1017');
  });

  it('answers duplicate input terms with their own groups and with_total with max_total and msg', async () => {
    const body = JSON.stringify({ q: ['cdk2', 'cdk2', 'synthetic brain gene 1'], scopes: ['symbol', 'name'], size: 2, with_total: true, fields: 'symbol' });
    const r = await raw('query', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const out = r.body as { max_total: number; hits: { query: string }[]; msg?: string };
    expect(out.max_total).toBe(3);
    expect(out.hits.map((h) => h.query)).toEqual(['cdk2', 'cdk2', 'cdk2', 'cdk2', 'synthetic brain gene 1']);
    expect(out.msg).toBe('2 query terms return > 2 hits, using from=2 to retrieve the remaining hits');
  });

  it('mapIds picks one hit per term (best score: human first)', async () => {
    const m = await new MyGene().mapIds(['tp53', 'cdk2', 'CDK 2'], { scopes: 'symbol', species: ['human', 'rat'], pick: 'best' });
    expect([...m].map(([term, hit]) => [term, hit?._id ?? null])).toEqual([
      ['tp53', '7157'],
      ['cdk2', '1017'],
      ['CDK 2', null],
    ]);
  });
});

describe('metadata and fields', () => {
  it('metadata stats count the simulator’s genes, seed included', async () => {
    const m = await new MyGene().metadata();
    expect(m.build_version).toBe('20200329');
    expect(m.genome_assembly.human).toBe('hg38');
    expect(m.stats.total_genes).toBe(2519);
    expect(m.stats.total_species).toBe(3);
  });

  it('fields filters by a case-sensitive substring or a prefix', async () => {
    const mg = new MyGene();
    expect(Object.keys(await mg.fields({ search: 'refseq' }))).toEqual(['refseq', 'refseq.genomic', 'refseq.protein', 'refseq.rna', 'refseq_agg']);
    expect(await mg.fields({ search: 'REFSEQ' })).toEqual({});
    expect((await mg.fields({ prefix: 'genomic_pos' }))['genomic_pos.chr']).toEqual({ index: true, type: 'keyword' });
  });
});

describe('state, reset, faults', () => {
  it('reset drops scrolls and the request log', async () => {
    await raw('query?q=brain&fetch_all=true');
    expect(sim.state.scrolls.size).toBe(1);
    expect(sim.requests).toHaveLength(1);
    sim.reset();
    expect(sim.state.scrolls.size).toBe(0);
    expect(sim.requests).toHaveLength(0);
  });

  it('genes added to the state are served at once; reset restores the initial set', async () => {
    sim.state.genes.set('5468', { _id: '5468', _version: 1, symbol: 'PPARG', taxid: 9606 });
    expect((await new MyGene().gene('5468'))?.symbol).toBe('PPARG');
    sim.reset();
    expect(await new MyGene().gene('5468')).toBeNull();
  });

  it('a 503 on every 2nd request is retried by the client (batch POSTs too)', async () => {
    sim.faults.set({ every: 2, status: 503, retryAfter: 0 });
    const mg = new MyGene(quick);
    const { hits } = await mg.queryMany(['CDK2'], { scopes: 'symbol', species: 'human' });
    const doc = await mg.gene('7157', { fields: 'symbol' });
    expect(hits.map((h) => h._id)).toEqual(['1017']);
    expect(doc?.symbol).toBe('TP53');
    expect(sim.requests.map((r) => r.method)).toEqual(['POST', 'GET', 'GET']);
  });

  it('without retries the fault reaches the caller', async () => {
    sim.faults.set({ status: 503 });
    const error = await new MyGene({ retry: 0 }).queryMany(['CDK2'], { scopes: 'symbol' }).catch((e: unknown) => e);
    expect(isBatchError(error)).toBe(true);
  });
});

describe('seed validation', () => {
  it.each([
    [{ genes: [{ symbol: 'X', taxid: 9606 }] }, 'seed.genes[0]._id'],
    [{ genes: [{ _id: '1', taxid: 'human' }] }, 'seed.genes[0].taxid'],
    [
      {
        genes: [
          { _id: '1', taxid: 9606 },
          { _id: '1', taxid: 9606 },
        ],
      },
      'seed.genes[1]._id',
    ],
    [{ genes: [{ _id: '1', taxid: 9606, entrezgene: 'abc' }] }, 'seed.genes[0].entrezgene'],
    [{ genes: [{ _id: '1', taxid: 9606, genomic_pos: { chr: '1', start: 10, end: 'x' } }] }, 'seed.genes[0].genomic_pos.end'],
    [{ genes: [{ _id: '1', taxid: 9606, alias: ['A', 3] }] }, 'seed.genes[0].alias[1]'],
    [{ genes: [{ _id: '1', taxid: 9606, _score: 3 }] }, 'seed.genes[0]._score'],
    [{ genes: [{ _id: '1', taxid: 9606, when: new Date() }] }, 'seed.genes[0].when'],
    [{ genes: 'CDK2' }, 'seed.genes'],
    [{ variants: [] }, 'seed.variants'],
  ])('refuses %j naming %s', (seed, field) => {
    let error: unknown;
    try {
      createSimulator({ seed: seed as never });
    } catch (e) {
      error = e;
    }
    expect(isValidationError(error)).toBe(true);
    expect((error as { field: string }).field).toBe(field);
  });

  it('builtIn: false serves the seed only; a seed gene replaces a built-in one with the same _id', () => {
    const only = createSimulator({ builtIn: false, seed: { genes: [{ _id: '1', taxid: 9606 }] } });
    expect([...only.state.genes.keys()]).toEqual(['1']);
    const replaced = createSimulator({ seed: { genes: [{ _id: '1017', symbol: 'MYCDK2', taxid: 9606 }] } });
    expect(replaced.state.genes.get('1017')?.symbol).toBe('MYCDK2');
  });
});
