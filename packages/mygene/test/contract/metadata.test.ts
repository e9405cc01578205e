import { isResponseFormatError, ServerError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { client, useFixtureServer } from './helpers.js';

useFixtureServer();

describe('metadata and fields', () => {
  it('reads /metadata', async () => {
    const { mg } = client();
    const m = await mg.metadata();
    expect(m.biothing_type).toBe('gene');
    expect(m.build_version).toBe('20200329');
    expect(m.stats.total_genes).toBe(59433917);
    expect(m.taxonomy.human).toBe(9606);
    expect(m.genome_assembly.human).toBe('hg38');
  });

  it('reads /metadata/fields with search and prefix', async () => {
    const { mg, requests } = client();
    const refseq = await mg.fields({ search: 'refseq' });
    expect(Object.keys(refseq)).toEqual(['refseq', 'refseq.genomic', 'refseq.protein', 'refseq.rna', 'refseq_agg']);
    const pos = await mg.fields({ prefix: 'genomic_pos' });
    expect(pos['genomic_pos.chr']).toEqual({ index: true, type: 'keyword' });
    expect(requests).toEqual(['GET https://mygene.info/v3/metadata/fields?search=refseq', 'GET https://mygene.info/v3/metadata/fields?prefix=genomic_pos']);
  });

  it('drops the free-text notes key', async () => {
    const { mg } = client();
    const f = await mg.fields({ search: 'symbol' });
    expect(f).toEqual({ symbol: { index: true, searched_by_default: true, type: 'keyword' } });
  });

  it('an HTML page where JSON was expected is a ResponseFormatError', async () => {
    const { mg } = client();
    const e = await mg.query('symbol:tp53').catch((x: unknown) => x);
    expect(isResponseFormatError(e)).toBe(true);
    expect((e as Error).message).toMatch(/expected JSON but got text\/html/);
    expect((e as { snippet?: string }).snippet).toContain('Access to this site is blocked');
    expect(e).not.toBeInstanceOf(ServerError);
  });
});
