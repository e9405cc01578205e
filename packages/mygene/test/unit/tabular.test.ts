import { flatten, toColumns, toCsv, toRows, toTsv } from '@bio/mygene';
import { describe, expect, it } from 'vitest';

const hits = [
  {
    query: 'CDK2',
    _id: '1017',
    symbol: 'CDK2',
    taxid: 9606,
    genomic_pos: { chr: '12', start: 55966769, end: 55972784, strand: 1 },
    refseq: { rna: ['NM_001290230.2', 'NM_001798.5'] },
  },
  {
    query: 'TP53',
    _id: '7157',
    symbol: 'TP53',
    taxid: 9606,
    name: 'tumor protein p53',
    ensembl: [{ gene: 'ENSG00000141510' }, { gene: 'ENSG00000288864' }],
  },
];

describe('flatten', () => {
  it('flattens nested objects to dotted keys and gathers values from lists of objects', () => {
    expect(flatten(hits[0]!)).toEqual({
      query: 'CDK2',
      _id: '1017',
      symbol: 'CDK2',
      taxid: 9606,
      'genomic_pos.chr': '12',
      'genomic_pos.start': 55966769,
      'genomic_pos.end': 55972784,
      'genomic_pos.strand': 1,
      'refseq.rna': ['NM_001290230.2', 'NM_001798.5'],
    });
    expect(flatten(hits[1]!)['ensembl.gene']).toEqual(['ENSG00000141510', 'ENSG00000288864']);
  });
  it('keeps dotfield documents as they are', () => {
    expect(flatten({ _id: '1017', 'genomic_pos.chr': '12', 'refseq.rna': ['a', 'b'] })).toEqual({
      _id: '1017',
      'genomic_pos.chr': '12',
      'refseq.rna': ['a', 'b'],
    });
  });
});

describe('toRows', () => {
  it('gives every row every column (null when absent), first-seen order', () => {
    const rows = toRows(hits);
    expect(Object.keys(rows[0]!)).toEqual(Object.keys(rows[1]!));
    expect(rows[0]!.name).toBeNull();
    expect(rows[1]!['genomic_pos.chr']).toBeNull();
  });
  it('selects columns and expands a prefix', () => {
    expect(toRows(hits, { columns: ['query', 'genomic_pos', 'missing'] })).toEqual([
      { query: 'CDK2', 'genomic_pos.chr': '12', 'genomic_pos.start': 55966769, 'genomic_pos.end': 55972784, 'genomic_pos.strand': 1, missing: null },
      { query: 'TP53', 'genomic_pos.chr': null, 'genomic_pos.start': null, 'genomic_pos.end': null, 'genomic_pos.strand': null, missing: null },
    ]);
  });
  it('gives columns for Arrow', () => {
    expect(toColumns(hits, { columns: ['symbol', 'taxid'] })).toEqual({ symbol: ['CDK2', 'TP53'], taxid: [9606, 9606] });
  });
});

describe('toTsv / toCsv', () => {
  it('writes TSV with joined lists and escaped tabs/newlines', () => {
    const tsv = toTsv([...hits, { query: 'x\ty', _id: 'a\nb\\c' }], { columns: ['query', '_id', 'refseq.rna'] });
    expect(tsv).toBe('query\t_id\trefseq.rna\nCDK2\t1017\tNM_001290230.2;NM_001798.5\nTP53\t7157\t\nx\\ty\ta\\nb\\\\c\t\n');
  });
  it('writes RFC 4180 CSV', () => {
    const csv = toCsv([{ symbol: 'CDK2', name: 'cyclin dependent kinase 2, "CDK2"', alias: ['CDKN2', 'p33(CDK2)'] }], { listSeparator: '|' });
    expect(csv).toBe('symbol,name,alias\nCDK2,"cyclin dependent kinase 2, ""CDK2""",CDKN2|p33(CDK2)\n');
  });
  it('handles empty input and no header', () => {
    expect(toCsv([])).toBe('');
    expect(toCsv([], { columns: ['a', 'b'] })).toBe('a,b\n');
    expect(toTsv([{ a: 1 }], { header: false })).toBe('1\n');
  });
});
