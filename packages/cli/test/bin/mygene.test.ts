import { describe, expect, it } from 'vitest';
import { bio, tsv } from './run-bin.js';

describe.concurrent('bio mygene (built binary, --offline)', () => {
  it('gene 1017 prints the gene as TSV when stdout is a pipe', async () => {
    const r = await bio(['mygene', 'gene', '1017', '--offline']);
    expect(r.code).toBe(0);
    expect(tsv(r.stdout)).toEqual([
      ['symbol', 'name'],
      ['CDK2', 'cyclin dependent kinase 2'],
    ]);
    expect(r.stderr).toBe('');
  });

  it('gene 1017 --format json prints the document', async () => {
    const r = await bio(['mygene', 'gene', '1017', '--offline', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ _id: '1017', symbol: 'CDK2', name: 'cyclin dependent kinase 2' });
  });

  it("query 'symbol:cdk2' lists the hits with MyGene's default fields and a count on stderr", async () => {
    const r = await bio(['mygene', 'query', 'symbol:cdk2', '--offline']);
    expect(r.code).toBe(0);
    const rows = tsv(r.stdout);
    expect(rows[0]).toEqual(['_id', 'symbol', 'name', 'taxid', 'entrezgene']);
    expect(rows.slice(1).map((row) => row[1])).toEqual(['CDK2', 'Cdk2', 'Cdk2']);
    expect(r.stderr).toBe('3 of 3 hits\n');
  });

  it('query with --facets and --size 0 prints the facet counts', async () => {
    const r = await bio(['mygene', 'query', 'cdk2', '--size', '0', '--facets', 'taxid', '--facet-size', '3', '--offline', '-f', 'csv']);
    expect(r.code).toBe(0);
    // Counts from the simulator's small index: CDK2 of human, mouse and rat.
    expect(r.stdout).toBe('facet,term,count\ntaxid,9606,1\ntaxid,10090,1\ntaxid,10116,1\n');
    expect(r.stderr).toContain('0 of 3 hits');
  });

  it('map: one row per term from stdin, with its status (found, missing, ambiguous and the count)', async () => {
    const r = await bio(['mygene', 'map', '--scopes', 'entrezgene,symbol', '--species', 'human,rat', '--offline'], {
      input: '1017\ntp53\n\n# a comment\ndummy\n',
    });
    expect(r.code).toBe(0);
    const rows = tsv(r.stdout);
    expect(rows[0]).toEqual(['query', 'status', 'hits', '_id', 'symbol', 'name', 'taxid', 'entrezgene']);
    expect(rows.slice(1).map((row) => row.slice(0, 5).join(' '))).toEqual([
      '1017 found 1 1017 CDK2',
      'tp53 ambiguous 2 7157|24842 TP53|Tp53',
      'dummy missing 0  ',
    ]);
    expect(r.stderr).toBe('3 terms: 1 found, 1 missing, 1 ambiguous\n');
  });

  it('map --fields chooses the columns and the request fields', async () => {
    const r = await bio(['mygene', 'map', '--scopes', 'symbol', '--species', 'human,rat', '--fields', 'symbol,taxid', '--offline', '--format', 'ndjson'], {
      input: 'tp53\ncdk2\nCDK 2\n',
    });
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      { query: 'tp53', status: 'ambiguous', hits: 2, _id: ['7157', '24842'], symbol: ['TP53', 'Tp53'], taxid: [9606, 10116] },
      { query: 'cdk2', status: 'ambiguous', hits: 2, _id: ['1017', '362817'], symbol: ['CDK2', 'Cdk2'], taxid: [9606, 10116] },
      { query: 'CDK 2', status: 'missing', hits: 0, _id: null, symbol: null, taxid: null },
    ]);
    expect(r.stderr).toBe('3 terms: 0 found, 1 missing, 2 ambiguous\n');
  });
});
