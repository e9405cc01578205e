import { type BatchError, isBatchError, isBadRequestError } from '@bio/core-http';
import { type Fixture, fixtureHandlers } from '@bio/core-http/testing';
import { isNotFound, memoryCache } from '@bio/mygene';
import { DEFAULT_BASE_URL } from '@bio/mygene/testing';
import { describe, expect, it } from 'vitest';
import { client, countingFetch, toArray, useFixtureServer } from './helpers.js';

const server = useFixtureServer();
const JSON_CT = { 'content-type': 'application/json; charset=UTF-8' };

// Entrez ids 1..n; every 97th is a discontinued id (notfound), the rest answer with their entrezgene.
function idsUpTo(n: number): string[] {
  return Array.from({ length: n }, (_, i) => String(i + 1));
}
function answer(ids: readonly string[]): unknown[] {
  return ids.map((id) => (Number(id) % 97 === 0 ? { query: id, notfound: true } : { query: id, _id: id, _version: 1, entrezgene: id }));
}
function batchFixture(name: string, batches: readonly string[][], extra: Fixture['exchanges'] = [], delays: number[] = []): Fixture {
  return {
    name,
    description: 'generated: POST /gene in batches of at most 1000 ids',
    exchanges: [
      ...batches.map((ids, i) => ({
        request: { method: 'POST', path: '/v3/gene', body: { json: { ids, fields: ['entrezgene'] } } },
        response: { status: 200, headers: JSON_CT, body: { json: answer(ids) }, ...(delays[i] ? { delayMs: delays[i] } : {}) },
      })),
      ...extra,
    ],
  };
}

describe('genes (POST /gene)', () => {
  it('returns hits in input order and the ids that matched nothing', async () => {
    const { mg, requests } = client();
    const { hits, missing } = await mg.genes(['1017', '695', 'xyz'], { fields: ['symbol', 'name', 'refseq.rna'] });
    expect(hits.map((h) => [h.query, h.symbol])).toEqual([
      ['1017', 'CDK2'],
      ['695', 'BTK'],
    ]);
    expect(hits[1]?.refseq?.rna).toEqual(['NM_000061.3', 'NM_001287344.2', 'NM_001287345.2']);
    expect(missing).toEqual(['xyz']);
    expect(requests).toEqual(['POST https://mygene.info/v3/gene']);
  });

  it('streams every entry, notfound included, in input order', async () => {
    const { mg } = client();
    const entries = await toArray(mg.genesStream(['1017', '695', 'xyz'], { fields: 'symbol,name,refseq.rna' }));
    expect(entries.map((e) => (isNotFound(e) ? `-${e.query}` : e.symbol))).toEqual(['CDK2', 'BTK', '-xyz']);
  });

  it('accepts Iterable and AsyncIterable inputs', async () => {
    const { mg } = client();
    async function* lines() {
      yield '1017';
      yield '695';
      yield 'xyz';
    }
    const fromAsync = await mg.genes(lines(), { fields: ['symbol', 'name', 'refseq.rna'] });
    const progress: unknown[] = [];
    const fromSet = await mg.genes(new Set(['1017', '695', 'xyz']), { fields: ['symbol', 'name', 'refseq.rna'], onProgress: (p) => progress.push(p) });
    expect(fromAsync).toEqual(fromSet);
    expect(progress).toEqual([{ done: 3, total: 3, batches: 1 }]);
    expect(fromAsync.missing).toEqual(['xyz']);
  });

  it('returns dotfield documents with dotfield: true', async () => {
    const { mg } = client();
    const { hits } = await mg.genes(['1017'], { fields: ['refseq.rna', 'genomic_pos.chr'], dotfield: true });
    expect(hits[0]?.['genomic_pos.chr']).toBe('12');
    expect(hits[0]).not.toHaveProperty('refseq');
  });

  it('a re-run with a cache only fetches the ids not cached yet', async () => {
    const { mg, requests } = client({ cache: memoryCache() });
    const first = await mg.genes(['1017', '7157'], { fields: ['symbol', 'taxid'] });
    expect(requests).toHaveLength(1);
    const second = await mg.genes(['1017', '7157', '695'], { fields: ['symbol', 'taxid'] });
    expect(requests).toHaveLength(2); // only ['695'] was sent (the fixture matches that body exactly)
    expect(second.hits.slice(0, 2)).toEqual(first.hits);
    expect(second.hits.map((h) => h.symbol)).toEqual(['CDK2', 'TP53', 'BTK']);
    const third = await mg.genes(['695', '1017'], { fields: ['symbol', 'taxid'] });
    expect(requests).toHaveLength(2); // everything cached: no request
    expect(third.hits.map((h) => h.symbol)).toEqual(['BTK', 'CDK2']);
  });

  it('splits 1001 ids into a batch of 1000 and a batch of 1 (the server refuses 1001 at once)', async () => {
    const ids = idsUpTo(1001);
    const overLimit = {
      request: { method: 'POST', path: '/v3/gene', body: { json: { ids, fields: ['entrezgene'] } } },
      response: { status: 400, headers: JSON_CT, body: { json: { code: 400, success: false, error: 'Bad Request', keyword: 'id', max: 1000, size: 1001 } } },
    };
    server.use(...fixtureHandlers([batchFixture('genes-1001', [ids.slice(0, 1000), ids.slice(1000)], [overLimit])], { baseUrl: DEFAULT_BASE_URL }));
    const { mg, requests } = client();
    const progress: number[] = [];
    const { hits, missing } = await mg.genes(ids, { fields: ['entrezgene'], onProgress: (p) => progress.push(p.done) });
    expect(requests).toHaveLength(2);
    expect(hits).toHaveLength(1001 - 10);
    expect(missing).toEqual(['97', '194', '291', '388', '485', '582', '679', '776', '873', '970']);
    expect(hits.map((h) => h.query)).toEqual(ids.filter((id) => Number(id) % 97 !== 0));
    expect(progress.at(-1)).toBe(1001);
  });

  it('runs batches concurrently and reassembles them in input order', async () => {
    const ids = idsUpTo(2500);
    const batches = [ids.slice(0, 1000), ids.slice(1000, 2000), ids.slice(2000)];
    // The first batch answers last.
    server.use(...fixtureHandlers([batchFixture('genes-2500', batches, [], [80, 10, 0])], { baseUrl: DEFAULT_BASE_URL }));
    const counting = countingFetch();
    const { mg } = client({ concurrency: 3, fetch: counting.fetch });
    const order: string[] = [];
    for await (const entry of mg.genesStream(ids, { fields: ['entrezgene'] })) order.push(entry.query);
    expect(order).toEqual(ids);
    expect(counting.peak()).toBe(3);
  });

  it('a failing batch stops with a BatchError that says what was processed, failed and not sent', async () => {
    const ids = idsUpTo(1500);
    const bad = {
      request: { method: 'POST', path: '/v3/gene', body: { json: { ids: ids.slice(1000), fields: ['entrezgene'] } } },
      response: {
        status: 400,
        headers: JSON_CT,
        body: { json: { code: 400, success: false, error: 'Bad Request', keyword: 'ids', reason: 'Expect type list.' } },
      },
    };
    server.use(...fixtureHandlers([batchFixture('genes-fail', [ids.slice(0, 1000)], [bad])], { baseUrl: DEFAULT_BASE_URL }));
    const { mg } = client();
    const e = await mg.genes(ids, { fields: ['entrezgene'] }).catch((x: unknown) => x);
    expect(isBatchError(e)).toBe(true);
    const err = e as BatchError<string>;
    expect(err.processed).toHaveLength(1000);
    expect(err.failed).toEqual(ids.slice(1000));
    expect(err.errors).toHaveLength(1);
    const cause = err.errors[0]?.error;
    expect(isBadRequestError(cause)).toBe(true);
    expect((cause as { serviceMessage?: string }).serviceMessage).toBe('Bad Request: Expect type list. (parameter "ids")');
  });
});
