import { isServerError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { client, useFixtureServer } from './helpers.js';

useFixtureServer();

describe('queryMany (POST /query)', () => {
  it('groups duplicate hits under one query and lists the missing terms', async () => {
    const { mg, requests } = client();
    const r = await mg.queryMany(['1017', 'tp53', 'dummy'], { scopes: ['entrezgene', 'symbol'], species: ['human', 'rat'] });
    expect(r.hits.map((h) => [h.query, h._id, h.taxid])).toEqual([
      ['1017', '1017', 9606],
      ['tp53', '7157', 9606],
      ['tp53', '24842', 10116],
    ]);
    expect(r.missing).toEqual(['dummy']);
    expect(r.duplicates).toEqual([{ query: 'tp53', count: 2 }]);
    expect([...r.byQuery.keys()]).toEqual(['1017', 'tp53', 'dummy']);
    expect(r.byQuery.get('tp53')?.map((h) => h.symbol)).toEqual(['TP53', 'Tp53']);
    expect(r.byQuery.get('dummy')).toEqual([]);
    expect(requests).toEqual(['POST https://mygene.info/v3/query']);
  });

  it('a term repeated in the input is sent once and answered twice (like the server)', async () => {
    const { mg } = client();
    const r = await mg.queryMany(['1017', 'tp53', 'tp53', 'dummy', 'dummy'], { scopes: 'entrezgene,symbol', species: ['human', 'rat'] });
    expect(r.hits.map((h) => h._id)).toEqual(['1017', '7157', '24842', '7157', '24842']);
    expect(r.missing).toEqual(['dummy', 'dummy']);
    expect(r.duplicates).toEqual([{ query: 'tp53', count: 4 }]);
  });

  it('terms with spaces travel safely in the JSON body', async () => {
    const { mg } = client();
    const r = await mg.queryMany(['tp53', 'cdk2', 'CDK 2'], { scopes: 'symbol', species: ['human', 'rat'], fields: ['symbol', 'taxid'] });
    expect(r.missing).toEqual(['CDK 2']);
    expect(r.duplicates).toEqual([
      { query: 'tp53', count: 2 },
      { query: 'cdk2', count: 2 },
    ]);
  });

  it('passes entrezonly through on POST (mygene.py#11)', async () => {
    const { mg } = client();
    const m = await mg.mapIds(['ENSG00000123374', 'ENSG00000141510'], { scopes: 'ensembl.gene', fields: 'symbol,entrezgene', entrezonly: true });
    expect([...m.values()].map((h) => h?.entrezgene)).toEqual(['1017', '7157']);
  });

  it('retries a 503 with Retry-After (batch POSTs are idempotent) and then succeeds', async () => {
    const retries: { status: number; retryAfter: number | undefined; attempt: number }[] = [];
    const { mg, requests } = client({
      hooks: { onRetry: (e) => retries.push({ status: e.error.status, retryAfter: e.error.retryAfter, attempt: e.attempt }) },
    });
    const r = await mg.queryMany(['cdk2'], { scopes: 'symbol', species: 'human' });
    expect(r.hits.map((h) => h._id)).toEqual(['1017']);
    expect(retries).toEqual([{ status: 503, retryAfter: 1000, attempt: 2 }]);
    expect(requests).toHaveLength(2);
  });

  it('without retries the 503 surfaces as a ServerError inside the BatchError', async () => {
    const { mg } = client({ retry: 0 });
    const e = await mg.queryMany(['cdk2'], { scopes: 'symbol', species: 'human' }).catch((x: unknown) => x);
    const cause = (e as { errors?: { error: unknown }[] }).errors?.[0]?.error;
    expect(isServerError(cause)).toBe(true);
    expect((cause as { serviceMessage?: string }).serviceMessage).toBe('Service Unavailable');
  });
});

describe('mapIds', () => {
  it('keeps the first hit per term, 1:1 in input order, null when missing', async () => {
    const { mg } = client();
    const m = await mg.mapIds(['tp53', 'cdk2', 'CDK 2'], { scopes: 'symbol', species: ['human', 'rat'], fields: ['symbol', 'taxid'] });
    expect([...m.keys()]).toEqual(['tp53', 'cdk2', 'CDK 2']);
    expect(m.get('tp53')?._id).toBe('7157');
    expect(m.get('cdk2')?._id).toBe('1017');
    expect(m.get('CDK 2')).toBeNull();
  });

  it("pick: 'best' keeps the highest _score", async () => {
    const { mg } = client();
    const m = await mg.mapIds(['tp53', 'cdk2', 'CDK 2'], { scopes: 'symbol', species: ['human', 'rat'], fields: ['symbol', 'taxid'], pick: 'best' });
    expect(m.get('tp53')?._id).toBe('7157');
    expect(m.get('cdk2')?._id).toBe('1017');
  });
});
