import { isNotFoundError, isResponseFormatError, isServerError, NotFoundError, ServerError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { client, useFixtureServer } from './helpers.js';
import { VERSION } from '../../src/internal/version.js';

useFixtureServer();

describe('gene (GET /gene/{id})', () => {
  it('returns the document with the requested fields', async () => {
    const { mg, requests, userAgents } = client();
    const cdk2 = await mg.gene('1017', { fields: ['symbol', 'name'] });
    expect(cdk2).toEqual({ _id: '1017', _version: 1, name: 'cyclin dependent kinase 2', symbol: 'CDK2' });
    expect(requests).toEqual(['GET https://mygene.info/v3/gene/1017?fields=symbol,name']);
    expect(userAgents).toHaveLength(1);
    expect(userAgents[0]).toBe(`@bio/mygene/${VERSION}`);
  });

  it('returns nested documents by default', async () => {
    const { mg } = client();
    const doc = await mg.gene('1017', { fields: 'symbol,taxid,entrezgene,alias,genomic_pos,refseq.rna' });
    expect(doc?.entrezgene).toBe('1017');
    expect(doc?.genomic_pos).toEqual({ chr: '12', end: 55972784, ensemblgene: 'ENSG00000123374', start: 55966769, strand: 1 });
    expect(doc?.refseq?.rna).toContain('NM_001798.5');
    expect(doc?.alias).toEqual(['CDKN2', 'p33(CDK2)']);
  });

  it('returns dotfield documents with dotfield: true', async () => {
    const { mg } = client();
    const flat = await mg.gene('1017', { fields: ['refseq.rna', 'genomic_pos.chr'], dotfield: true });
    expect(flat?.['genomic_pos.chr']).toBe('12');
    expect(flat?.['refseq.rna']).toEqual(['NM_001290230.2', 'NM_001798.5', 'NM_052827.4', 'XM_011537732.2']);
    expect(flat).not.toHaveProperty('genomic_pos');
  });

  it('returns null for an unknown id (404 with the JSON error body)', async () => {
    const { mg } = client();
    expect(await mg.gene('0')).toBeNull();
  });

  it('keeps a 404 without a MyGene body (wrong baseUrl) as NotFoundError', async () => {
    const { mg } = client({
      fetch: async () =>
        new Response('<html><title>404: Not Found</title><body>404: Not Found</body></html>', { status: 404, headers: { 'content-type': 'text/html' } }),
    });
    const e = await mg.gene('1017').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(NotFoundError);
    expect(isNotFoundError(e) && e.serviceMessage).toBe('404: Not Found');
  });

  it('turns an HTML 502 page from a proxy into a ServerError with a readable message, after retries', async () => {
    const { mg, requests } = client();
    const e = await mg.gene('7157', { fields: 'symbol' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ServerError);
    expect(isServerError(e)).toBe(true);
    const err = e as ServerError;
    expect(err.status).toBe(502);
    expect(err.serviceMessage).toBe('502 Bad Gateway');
    expect(err.message).toContain('502 Bad Gateway');
    expect(err.service).toBe('mygene');
    expect(err.attempts).toBe(3);
    expect(requests).toHaveLength(3);
    expect(isResponseFormatError(e)).toBe(false);
  });

  it('uses the cache for repeated calls', async () => {
    const { memoryCache } = await import('@bio/mygene');
    const { mg, requests } = client({ cache: memoryCache() });
    const a = await mg.gene('1017', { fields: ['symbol', 'name'] });
    const b = await mg.gene('1017', { fields: ['symbol', 'name'] });
    expect(b).toEqual(a);
    expect(requests).toHaveLength(1);
  });
});
