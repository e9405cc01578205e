import { describe, expect, it } from 'vitest';
import { bio, tsv } from './run-bin.js';

const EVE_ZEN = [
  'intermine',
  'query',
  '--select',
  'Gene.symbol,Gene.primaryIdentifier,Gene.length',
  '--where',
  'Gene.symbol ONE OF eve,zen',
  '--sort',
  'Gene.symbol',
  '--offline',
];

describe.concurrent('bio intermine (built binary, --offline)', () => {
  it('query prints rows under their paths (tsv)', async () => {
    const r = await bio([...EVE_ZEN, '--format', 'tsv']);
    expect(r.code).toBe(0);
    expect(tsv(r.stdout)).toEqual([
      ['Gene.symbol', 'Gene.primaryIdentifier', 'Gene.length'],
      ['eve', 'FBgn0000606', '1478'],
      ['zen', 'FBgn0004053', '1326'],
    ]);
    expect(r.stderr).toBe('2 rows\n');
  });

  it('query in every --format', async () => {
    const json = await bio([...EVE_ZEN, '--format', 'json']);
    expect(JSON.parse(json.stdout)).toEqual([
      { 'Gene.symbol': 'eve', 'Gene.primaryIdentifier': 'FBgn0000606', 'Gene.length': 1478 },
      { 'Gene.symbol': 'zen', 'Gene.primaryIdentifier': 'FBgn0004053', 'Gene.length': 1326 },
    ]);
    const ndjson = await bio([...EVE_ZEN, '--format', 'ndjson']);
    expect(
      ndjson.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l)['Gene.symbol']),
    ).toEqual(['eve', 'zen']);
    const csv = await bio([...EVE_ZEN, '--format', 'csv']);
    expect(csv.stdout).toBe('Gene.symbol,Gene.primaryIdentifier,Gene.length\neve,FBgn0000606,1478\nzen,FBgn0004053,1326\n');
    const table = await bio([...EVE_ZEN, '--format', 'table']);
    expect(table.stdout).toMatch(/┌─+┬/);
    expect(table.stdout).toMatch(/│ eve\s+│ FBgn0000606\s+│ 1478\s+│/);
  });

  it('query --max bounds the rows (--max 0: no request at all); the old --size is refused', async () => {
    const none = await bio([...EVE_ZEN, '--max', '0', '--format', 'tsv']);
    expect({ code: none.code, stdout: none.stdout, stderr: none.stderr }).toEqual({
      code: 0,
      stdout: 'Gene.symbol\tGene.primaryIdentifier\tGene.length\n',
      stderr: '0 rows\n',
    });
    const bad = await bio([...EVE_ZEN, '--page-size', '0']);
    expect(bad.stderr).toBe("error: option '--page-size <n>' argument '0' is invalid. expected a whole number ≥ 1 (1, 2, 3, …)\n");
    const old = await bio([...EVE_ZEN, '--size', '1']);
    expect(old.code).not.toBe(0);
    expect(old.stderr).toBe("error: unknown option '--size'\n");
  });

  it("query: the mine's error (a message over two lines) is one error line and exit 1", async () => {
    const r = await bio(['intermine', 'query', '--select', 'Gene.symbol,Gene.length', '--where', 'Gene IN no-such-list', '--offline']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: 400 intermine: XML is well formatted but query contains errors: You do not have access to a list called no-such-list.\n');
  });

  it('query: a --where that does not parse is a validation error, before any request', async () => {
    const r = await bio(['intermine', 'query', '--select', 'Gene.symbol', '--where', 'Gene.symbol ~ eve', '--offline']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `error: invalid argument: --where "Gene.symbol ~ eve" does not parse; use PATH OP VALUE, e.g. 'Gene.length>5000', 'Gene.symbol ONE OF eve,zen' or 'Gene IN demo-list'\n`,
    );
    expect(r.stdout).toBe('');
  });

  it('lists prints name, type, size and tags', async () => {
    const r = await bio(['intermine', 'lists', '--offline', '-f', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('name,type,size,status,tags,description');
    expect(r.stdout).toContain('demo-list,Gene,5,CURRENT,im:frontpage|im:public,Segmentation genes (demo)');
  });

  it('enrich prints the enriched pathways and a summary', async () => {
    // The simulator's mine is small (16 genes), so no pathway reaches p ≤ 0.05: --maxp 1 shows them all.
    const r = await bio(['intermine', 'enrich', '--list', 'demo-list', '--widget', 'pathway_enrichment', '--maxp', '1', '--offline']);
    expect(r.code).toBe(0);
    const rows = tsv(r.stdout);
    expect(rows[0]).toEqual(['identifier', 'description', 'pValue', 'matches']);
    expect(rows.slice(1).map((row) => row[0])).toEqual(['dme04320', 'dme04330', 'R-DME-212436', 'R-DME-373076', 'R-DME-74160']);
    expect(r.stderr).toBe('5 terms with p ≤ 1; 0 not analysed; population 16\n');
  });

  it('enrich rejects --maxp outside (0, 1] before any request', async () => {
    const r = await bio(['intermine', 'enrich', '--list', 'demo-list', '--maxp', '7', '--offline']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--maxp must be a number in (0, 1], got 7');
  });

  it('regions --fasta prints the sequences of the features', async () => {
    const r = await bio([
      'intermine',
      'regions',
      '--organism',
      'D. melanogaster',
      '--type',
      'Exon,Intron',
      '2L:14614843..14619614',
      '2R:5866646..5868384',
      '--fasta',
      '--offline',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('>'))).toEqual([
      '>FBgn0031930:1 Exon D. melanogaster 2L:14615003..14615271',
      '>CG10362:intron1 Intron D. melanogaster 2L:14615272..14615330',
      '>FBgn0031930:2 Exon D. melanogaster 2L:14615331..14616100',
    ]);
  });

  it('regions rejects a backwards region with one line', async () => {
    const r = await bio(['intermine', 'regions', '--organism', 'D. melanogaster', '2L:100..50', '--offline']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: invalid argument: region "2L:100..50": end 50 is before start 100\n');
  });
  it('summarise: value counts of a column, with the number of distinct values', async () => {
    const r = await bio(['intermine', 'summarise', 'Gene.symbol', '--where', 'Gene IN demo-list', '--format', 'tsv', '--offline']);
    expect(r.code).toBe(0);
    const [header, ...rows] = tsv(r.stdout);
    expect(header).toEqual(['value', 'count']);
    expect(rows.map(([value]) => value).sort()).toEqual(['Kr', 'bcd', 'eve', 'hb', 'zen']);
    expect(rows.every(([, count]) => count === '1')).toBe(true);
    expect(r.stderr).toBe('5 distinct values\n');
  });

  it('summarise --filter --max: the values containing the text, and how many there are in all', async () => {
    const r = await bio(['intermine', 'summarise', 'Gene.symbol', '--filter', 'e', '--max', '2', '--format', 'tsv', '--offline']);
    expect(r.code).toBe(0);
    expect(tsv(r.stdout)).toHaveLength(3); // header and two values
    expect(r.stderr).toMatch(/^\d+ distinct values \(3 containing "e"\)\n$/);
  });

  it('summarise of a numeric column: the histogram with each bucket’s range, the statistics on stderr', async () => {
    const r = await bio(['intermine', 'summarise', 'Gene.length', '--where', 'Gene IN demo-list', '--format', 'tsv', '--offline']);
    expect(r.code).toBe(0);
    // demo-list's lengths 1326 … 3837 in 20 buckets of (3837 × 1.01 − 1326) / 20 = 127.4685.
    expect(tsv(r.stdout)).toEqual([
      ['bucket', 'from', 'to', 'count'],
      ['1', '1326', '1453.47', '1'],
      ['2', '1453.47', '1580.94', '1'],
      ['10', '2473.22', '2600.68', '1'],
      ['16', '3238.03', '3365.5', '1'],
      ['20', '3747.9', '3875.37', '1'],
    ]);
    expect(r.stderr).toBe('5 distinct values; min 1326, max 3837, average 2493.2, stdev 1099.6516266527321\n');
    const json = JSON.parse((await bio(['intermine', 'summarize', 'Gene.length', '--where', 'Gene IN demo-list', '--format', 'json', '--offline'])).stdout);
    expect(json).toMatchObject({ kind: 'numeric', min: 1326, max: 3837, buckets: 20 });
    expect(json.histogram).toHaveLength(5);
  });

  it('summarise refuses a path without a class before any request', async () => {
    const r = await bio(['intermine', 'summarise', 'length', '--offline']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('<path> must name a column of a class, such as Gene.length; got "length"');
  });
});
