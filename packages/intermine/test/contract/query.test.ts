import { BadRequestError, isServerError, isValidationError, ServerError, ValidationError } from '../../src/index.js';
import { describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { xmlTree } from '../helpers.js';
import { drain, ROOT, testMine, useFixtureServer } from './setup.js';

const server = useFixtureServer();

const eveZen = (mine: ReturnType<typeof testMine>['mine']) =>
  mine.query('Gene').select('symbol', 'primaryIdentifier', 'length').where('symbol', 'ONE OF', ['eve', 'zen']).orderBy('symbol');

describe('query results', () => {
  it('streams rows and validates against the model first', async () => {
    const { mine, requests } = testMine();
    const rows = [];
    for await (const row of mine.rows(eveZen(mine))) rows.push(row);
    expect(rows).toEqual([
      ['eve', 'FBgn0000606', 1478],
      ['zen', 'FBgn0004053', 1326],
    ]);
    expect(requests).toEqual(['GET https://www.flymine.org/flymine/service/model?format=json', 'POST https://www.flymine.org/flymine/service/query/results']);
  });

  it('streams records (jsonobjects) with an outer join', async () => {
    const { mine } = testMine();
    const q = mine.query('Gene').select('symbol', 'pathways.identifier', 'pathways.name').where('symbol', '=', 'eve').outerJoin('pathways');
    const { items, error } = await drain(mine.records<{ symbol: string; pathways: { identifier: string }[] }>(q));
    expect(error).toBeUndefined();
    expect(items).toHaveLength(1);
    expect(items[0]?.symbol).toBe('eve');
    expect(items[0]?.pathways.map((p) => p.identifier)).toEqual(['R-DME-373076', 'dme04330']);
  });

  it('counts', async () => {
    const { mine } = testMine();
    expect(await mine.count(eveZen(mine))).toBe(2);
  });

  it('pages with pageSize, adding a stable sort on the root id', async () => {
    const { mine, requests } = testMine();
    const q = mine.query('Gene').select('symbol', 'length').where('Gene', 'IN', 'demo-list');
    const { items, error } = await drain(mine.rows(q, { pageSize: 2 }));
    expect(error).toBeUndefined();
    expect(items.map((r) => r[0])).toEqual(['eve', 'zen', 'bcd', 'hb', 'Kr']);
    expect(requests.filter((r) => r.includes('query/results'))).toHaveLength(3);
    // The caller's query is not changed.
    expect(q.sortOrder).toEqual([]);
  });

  it('sends start and size', async () => {
    const { mine } = testMine();
    const q = mine.query('Gene').select('symbol', 'length').where('Gene', 'IN', 'demo-list');
    const { items } = await drain(mine.rows(q, { start: 1, max: 2 }));
    expect(items).toEqual([
      ['zen', 1326],
      ['bcd', 3837],
    ]);
  });

  it('throws a typed error when the trailer reports a failure after HTTP 200, after the rows that arrived', async () => {
    const { mine } = testMine();
    const q = mine.query('Gene').select('symbol', 'length').where('length', '>', 1000);
    const { items, error } = await drain(mine.rows(q));
    expect(items).toEqual([
      ['eve', 1478],
      ['zen', 1326],
    ]);
    expect(error).toBeInstanceOf(ServerError);
    const e = error as ServerError;
    expect(e.status).toBe(500);
    expect(e.serviceMessage).toBe('Service failed. Please contact support.');
    expect(e.message).toMatch(/after HTTP 200, part-way through the results/);
  });

  it('maps a 400 query error to BadRequestError with the server message', async () => {
    const { mine } = testMine();
    const error = await drain(mine.rows(mine.query('Gene').select('symbol').where('Gene', 'IN', 'no-such-list'))).then((r) => r.error);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).serviceMessage).toMatch(/You do not have access to a list called no-such-list/);
    expect((error as BadRequestError).status).toBe(400);
  });

  it("sends a range constraint on an attribute and reports the mine's refusal as a BadRequestError", async () => {
    const { mine, requests } = testMine();
    const refusal = 'Query is invalid: Operator OVERLAPS is not valid for Gene.symbol (java.lang.String)';
    let sent: string | undefined;
    server.use(
      http.post(`${ROOT}/service/query/results`, async ({ request }) => {
        sent = new URLSearchParams(await request.text()).get('query') ?? undefined;
        return HttpResponse.json({ error: refusal, statusCode: 400, wasSuccessful: false, executionTime: '2026.12.07 00:00::00' }, { status: 400 });
      }),
    );
    const q = mine.query('Gene').select('symbol').where('symbol', 'OVERLAPS', ['2L:14614843..14619614']);
    const { error } = await drain(mine.rows(q));
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).status).toBe(400);
    expect((error as BadRequestError).serviceMessage).toBe(refusal);
    expect(requests.at(-1)).toBe(`POST ${ROOT}/service/query/results`);
    const constraint = (xmlTree(sent!) as { children: { name: string; attributes: Record<string, string>; children: { text: string }[] }[] }).children.find(
      (c) => c.name === 'constraint',
    );
    expect(constraint?.attributes).toEqual({ path: 'Gene.symbol', op: 'OVERLAPS', code: 'A' });
    expect(constraint?.children.map((v) => v.text)).toEqual(['2L:14614843..14619614']);
  });

  it('rejects an invalid query before sending it', async () => {
    const { mine, requests } = testMine();
    const { error } = await drain(mine.rows(mine.query('Gene').select('symbl')));
    expect(isValidationError(error)).toBe(true);
    expect((error as Error).message).toMatch(/did you mean "symbol"/);
    expect(requests).toEqual(['GET https://www.flymine.org/flymine/service/model?format=json']);
    expect(() => mine.rows(eveZen(mine), { pageSize: 0 })).toThrow(ValidationError);
  });

  it('expands * from the summary fields when the query runs', async () => {
    const { mine } = testMine();
    const { items } = await drain(mine.rows(mine.query('Gene').select('*').where('symbol', '=', 'eve')));
    expect(items).toEqual([['FBgn0000606', 'CG2328', 'eve', 'even skipped', 1478, 'Drosophila melanogaster']]);
  });

  it('validates as the query is built once the model is loaded', async () => {
    const { mine } = testMine();
    await mine.model();
    expect(() => mine.query('Gene').where('lenght', '>', 5)).toThrow(/did you mean "length"/);
  });

  it('streams TSV with headers and CSV', async () => {
    const { mine } = testMine();
    expect((await drain(mine.tsv(eveZen(mine), { headers: 'path' }))).items).toEqual([
      'Gene.symbol\tGene.primaryIdentifier\tGene.length',
      'eve\tFBgn0000606\t1478',
      'zen\tFBgn0004053\t1326',
    ]);
    expect((await drain(mine.csv(eveZen(mine)))).items).toEqual(['"eve","FBgn0000606","1478"', '"zen","FBgn0004053","1326"']);
  });

  it('throws on an [ERROR] line at the end of a flat format', async () => {
    const { mine } = testMine();
    const { items, error } = await drain(mine.tsv(mine.query('Gene').select('symbol', 'length').where('length', '>', 1000)));
    expect(items).toEqual(['eve\t1478', 'zen\t1326']);
    expect(isServerError(error)).toBe(true);
    expect((error as ServerError).serviceMessage).toBe('Service failed. Please contact support.');
  });

  it('exports FASTA, GFF3 and BED', async () => {
    const { mine } = testMine();
    const q = () => mine.query('Gene').select('primaryIdentifier').where('symbol', '=', 'eve');
    const fasta = (await drain(mine.fasta(q()))).items;
    expect(fasta[0]).toMatch(/^>FBgn0000606 /);
    expect((await drain(mine.gff3(q()))).items[0]).toBe('##gff-version 3');
    expect((await drain(mine.bed(q(), { ucscCompatible: true }))).items[1]).toMatch(/^chr2R\t9979318/);
    expect(isValidationError((await drain(mine.fasta(q(), { max: 10 }))).error)).toBe(true);
  });

  it('summarises numeric and item columns', async () => {
    const { mine } = testMine();
    const base = () => mine.query('Gene').where('Gene', 'IN', 'demo-list');
    expect(await mine.summarise(base().select('symbol', 'length'), 'length')).toEqual({
      kind: 'numeric',
      min: 1326,
      max: 3837,
      average: 2493.2,
      stdev: 1099.6516266527321,
      uniqueValues: 5,
      buckets: 20,
      // One row per bucket holding a value: every row's bucket and count, not just the first row.
      histogram: [
        { bucket: 1, count: 1 },
        { bucket: 2, count: 1 },
        { bucket: 10, count: 1 },
        { bucket: 16, count: 1 },
        { bucket: 20, count: 1 },
      ],
    });
    expect(await mine.summarise(base().select('symbol'), 'organism.shortName')).toEqual({
      kind: 'items',
      items: [{ item: 'D. melanogaster', count: 5 }],
      uniqueValues: 1,
    });
  });

  it('saves results as a list', async () => {
    const { mine } = testMine();
    const q = mine.query('Gene').select('symbol').where('length', '>', 3000).where('Gene', 'IN', 'demo-list');
    const list = await mine.lists.create(q, { name: 'long-demo-genes', description: 'demo genes over 3 kb' });
    expect(list.toJSON()).toMatchObject({ name: 'long-demo-genes', size: 2, type: 'Gene', id: 3000121 });
  });

  it('loads query XML and runs it', async () => {
    const { mine } = testMine();
    const xml = eveZen(mine).clone();
    const q = mine.load(
      '<query model="genomic" view="Gene.symbol Gene.primaryIdentifier Gene.length" sortOrder="Gene.symbol asc"><constraint path="Gene.symbol" op="ONE OF"><value>eve</value><value>zen</value></constraint></query>',
    );
    expect(q.constraints).toEqual(xml.constraints);
    expect(await mine.count(q)).toBe(2);
  });
});
