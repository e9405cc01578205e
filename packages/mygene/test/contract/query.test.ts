import { BadRequestError, isBadRequestError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { client, useFixtureServer } from './helpers.js';

useFixtureServer();

describe('query (GET /query)', () => {
  it('returns typed hits, total, max_score and took', async () => {
    const { mg, requests } = client();
    const r = await mg.query('symbol:cdk2');
    expect(r.total).toBe(3);
    expect(r.max_score).toBe(87.76775);
    expect(r.took).toBe(4);
    expect(r.hits.map((h) => [h._id, h.symbol, h.taxid])).toEqual([
      ['1017', 'CDK2', 9606],
      ['12566', 'Cdk2', 10090],
      ['362817', 'Cdk2', 10116],
    ]);
    expect(requests).toEqual(['GET https://mygene.info/v3/query?q=symbol:cdk2']);
  });

  it('sends species, paging, fields and flags', async () => {
    const { mg } = client();
    const r = await mg.query('symbol:cdk2', { species: ['human', 'mouse'], size: 1, from: 1, fields: ['symbol', 'taxid'], entrezonly: true });
    expect(r.hits).toEqual([{ _id: '12566', _score: 79.480484, symbol: 'Cdk2', taxid: 10090 }]);
  });

  it('sends the client email, always_list and pass-through parameters', async () => {
    const { mg } = client({ email: 'me@example.org' });
    const r = await mg.query('entrezgene:1017', { fields: ['symbol', 'alias'], alwaysList: ['symbol'], params: { jmespath: 'alias|[0]' } });
    expect(r.hits[0]?.symbol).toEqual(['CDK2']);
    expect(r.hits[0]?.alias).toBe('CDKN2');
  });

  it('accepts the limits exactly (size 1000, from 9000, window 10 000)', async () => {
    const { mg } = client();
    const r = await mg.query('cdk2', { fields: 'symbol', facets: 'taxid', facetSize: 1000, size: 1000, from: 9000, sort: 'taxid', species: 'human' });
    expect(r.hits).toEqual([]);
  });

  it('facets with size=0: the server leaves hits out, the client gives []', async () => {
    const { mg } = client();
    const r = await mg.query('cdk2', { size: 0, facets: 'taxid', facetSize: 3 });
    expect(r.hits).toEqual([]);
    expect(r.total).toBe(26);
    expect(r.max_score).toBeNull();
    expect(r.facets?.taxid).toEqual({
      _type: 'terms',
      terms: [
        { count: 14, term: 9606 },
        { count: 7, term: 10116 },
        { count: 5, term: 10090 },
      ],
      other: 0,
      missing: 0,
      total: 26,
    });
  });

  it('several facets with species_facet_filter', async () => {
    const { mg } = client();
    const r = await mg.query('cdk2', { size: 1, facets: ['taxid', 'type_of_gene'], speciesFacetFilter: 'human' });
    expect(r.hits[0]?.symbol).toBe('CDK2');
    expect(r.facets?.type_of_gene?.terms.map((t) => t.term)).toEqual(['protein-coding', 'pseudo']);
  });

  it('an ES syntax error is a BadRequestError carrying the server message', async () => {
    const { mg } = client();
    const e = await mg.query('symbol:(cdk2').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BadRequestError);
    const err = e as BadRequestError;
    expect(err.serviceMessage).toBe('search_phase_execution_exception: [query_shard_exception] Reason: Failed to parse query [symbol:(cdk2]');
    expect(err.body).toMatchObject({ code: 400, success: false });
    expect(err.attempts).toBe(1); // 400 is not retried
  });

  it('a list over the server maximum is a 400 with keyword, max and size', async () => {
    const { mg } = client();
    const species = Array.from({ length: 1001 }, (_, i) => 100000 + i);
    const e = await mg.query('cdk2', { species }).catch((x: unknown) => x);
    expect(isBadRequestError(e)).toBe(true);
    const err = e as BadRequestError;
    expect(err.status).toBe(400);
    expect(err.serviceMessage).toBe('Bad Request (parameter "species", max 1000, got 1001 entries)');
    expect(err.body).toEqual({ code: 400, success: false, error: 'Bad Request', keyword: 'species', max: 1000, size: 1001 });
  });
});
