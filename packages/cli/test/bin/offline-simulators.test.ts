// `bio --offline` answers from the clients' simulators, not from recorded fixtures: one command per
// leaf command, each with arguments no fixture request in packages/*/fixtures uses, and an unknown
// id that comes back as the service's own error in one line.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bio, scratch, tsv, zip } from './run-bin.js';

describe.concurrent('bio --offline runs against the simulators', () => {
  it('mygene gene: rat Bdnf by its Entrez id', async () => {
    const r = await bio(['mygene', 'gene', '24225', '--fields', 'symbol,name,taxid', '--offline']);
    expect(r.code).toBe(0);
    expect(tsv(r.stdout)).toEqual([
      ['symbol', 'name', 'taxid'],
      ['Bdnf', 'brain-derived neurotrophic factor', '10116'],
    ]);
  });

  it('mygene query: a fielded query with a species', async () => {
    const r = await bio(['mygene', 'query', 'symbol:bdnf', '--species', 'mouse', '--offline']);
    expect(r.code).toBe(0);
    expect(tsv(r.stdout)).toEqual([
      ['_id', 'symbol', 'name', 'taxid', 'entrezgene'],
      ['12064', 'Bdnf', 'brain derived neurotrophic factor', '10090', '12064'],
    ]);
    expect(r.stderr).toBe('1 of 1 hits\n');
  });

  it('mygene map: symbols from stdin, one missing', async () => {
    const r = await bio(['mygene', 'map', '--scopes', 'symbol', '--fields', 'symbol,taxid', '--offline'], { input: 'NEFL\nBASP1\nnot-a-gene\n' });
    expect(r.code).toBe(0);
    expect(tsv(r.stdout)).toEqual([
      ['query', 'status', 'hits', '_id', 'symbol', 'taxid'],
      ['NEFL', 'found', '1', '4747', 'NEFL', '9606'],
      ['BASP1', 'found', '1', '10409', 'BASP1', '9606'],
      ['not-a-gene', 'missing', '0', '', '', ''],
    ]);
    expect(r.stderr).toBe('3 terms: 2 found, 1 missing, 0 ambiguous\n');
  });

  it("mygene gene: an unknown id is MyGene's 404 in one line", async () => {
    const r = await bio(['mygene', 'gene', '99999999', '--offline']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: 404 mygene: no gene with id 99999999 (check the identifier or name)\n');
  });

  it('intermine query: two genes by symbol, sorted by length', async () => {
    const r = await bio([
      'intermine',
      'query',
      '--select',
      'Gene.symbol,Gene.length',
      '--where',
      'Gene.symbol ONE OF bcd,hb',
      '--sort',
      'Gene.length desc',
      '--offline',
    ]);
    expect(r.code).toBe(0);
    expect(tsv(r.stdout)).toEqual([
      ['Gene.symbol', 'Gene.length'],
      ['bcd', '3837'],
      ['hb', '3291'],
    ]);
    expect(r.stderr).toBe('2 rows\n');
  });

  it('intermine lists --type Pathway: the public pathway list', async () => {
    const r = await bio(['intermine', 'lists', '--type', 'Pathway', '--offline']);
    expect(r.code).toBe(0);
    expect(tsv(r.stdout)).toEqual([
      ['name', 'type', 'size', 'status', 'tags', 'description'],
      ['demo-pathways', 'Pathway', '2', 'CURRENT', 'im:public', 'Two pathways (demo)'],
    ]);
  });

  it('intermine enrich: every pathway of demo-list with --maxp 1 and no correction', async () => {
    const r = await bio(['intermine', 'enrich', '--list', 'demo-list', '--maxp', '1', '--correction', 'None', '--offline']);
    expect(r.code).toBe(0);
    const [header, ...rows] = tsv(r.stdout);
    expect(header).toEqual(['identifier', 'description', 'pValue', 'matches']);
    expect(rows.map((row) => row[0]).sort()).toEqual(['R-DME-212436', 'R-DME-373076', 'R-DME-74160', 'dme04320', 'dme04330']);
    expect(r.stderr).toBe('5 terms with p ≤ 1; 0 not analysed; population 16\n');
  });

  it('intermine regions --gff3: the genes of a stretch of 3R', async () => {
    const r = await bio(['intermine', 'regions', '--organism', 'D. melanogaster', '--type', 'Gene', '3R:6700000..6900000', '--gff3', '--offline']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('##gff-version 3');
    expect(lines.slice(1).map((l) => l.split('\t')[8])).toEqual(['ID=FBgn0000166;Name=bcd', 'ID=FBgn0001077;Name=ftz', 'ID=FBgn0004053;Name=zen']);
  });

  it("intermine query: an unknown list is the mine's 400 in one line", async () => {
    const r = await bio(['intermine', 'query', '--select', 'Gene.symbol', '--where', 'Gene IN my-missing-list', '--offline']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: 400 intermine: XML is well formatted but query contains errors: You do not have access to a list called my-missing-list.\n');
  });

  it('idr screens: three screens, two per request', async () => {
    const r = await bio(['idr', 'screens', '--max', '3', '--page-size', '2', '--offline']);
    expect(r.code).toBe(0);
    expect(tsv(r.stdout).map((row) => row.slice(0, 2))).toEqual([
      ['id', 'name'],
      ['3', 'idr0001-graml-sysgro/screenA'],
      ['102', 'idr0002-heriche-condensation/screenA'],
      ['206', 'idr0008-rohn-actinome/screenA'],
    ]);
  });

  it('idr annotations --image: the gene of a CDC20 image', async () => {
    const r = await bio(['idr', 'annotations', '--image', '1900001', '--offline']);
    expect(r.code).toBe(0);
    expect(tsv(r.stdout)).toContainEqual(['openmicroscopy.org/mapr/gene', 'Gene Symbol', 'CDC20']);
  });

  it('idr search: the images of a gene', async () => {
    const r = await bio(['idr', 'search', '--key', 'Gene Symbol', '--value', 'CDK5RAP2', '--offline']);
    expect(r.code).toBe(0);
    expect(tsv(r.stdout)).toEqual([
      ['id', 'name', 'study', 'container'],
      ['1884807', 'CDK5RAP2-C_Control_1.tif', 'idr0021-lawo-pericentriolarmaterial/experimentA', 'CDK5RAP2-C'],
    ]);
    expect(r.stderr).toBe('1 images\n');
  });

  it('idr thumbnail: a JPEG of another image', async () => {
    const dir = scratch();
    const out = join(dir, 't.jpg');
    const r = await bio(['idr', 'thumbnail', '1900001', '-o', out, '--offline']);
    expect(r.code).toBe(0);
    expect([...readFileSync(out).subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(r.stderr).toMatch(/^wrote \d+ bytes to .*t\.jpg \(https:\/\/idr\.openmicroscopy\.org\/webgateway\/render_thumbnail\/1900001\/\)\n$/);
  });

  it("idr thumbnail: an unknown image is IDR's 404 in one line", async () => {
    const r = await bio(['idr', 'thumbnail', '987654', '-o', join(scratch(), 'none.jpg'), '--offline']);
    expect(r.code).toBe(1);
    // The simulator's own 404 text (OMERO.web's page), in one line, with the hint.
    expect(r.stderr).toMatch(/^error: 404 idr: [^\n]*not found[^\n]* \(check the identifier or name\)\n$/i);
  });

  it('molgenis get: another entity type, sorted, with --attrs', async () => {
    const r = await bio(['molgenis', 'get', 'hospitals', '--sort', 'beds:desc', '--max', '2', '--attrs', 'id,beds', '--offline']);
    expect(r.code).toBe(0);
    expect(tsv(r.stdout)).toEqual([
      ['id', 'beds'],
      ['amc', '1733'],
      ['umcg', '1339'],
    ]);
    expect(r.stderr).toBe('2 rows\n');
  });

  it("molgenis get: a private entity type needs a login; offline logs in as the simulator's admin", async () => {
    const admin = await bio(['molgenis', 'get', 'demo_private', '--offline', '-f', 'json']);
    expect(admin.code).toBe(0);
    expect(JSON.parse(admin.stdout)).toHaveLength(1);
    // A token the (fresh) simulator never issued counts as none: anonymous, refused.
    const anonymous = await bio(['molgenis', 'get', 'demo_private', '--offline'], { env: { MOLGENIS_TOKEN: 'not-issued-by-the-simulator' } });
    expect(anonymous.code).toBe(1);
    expect(anonymous.stderr).toMatch(/^error: 401 molgenis: No 'Read data' permission on entity type 'Private' with id 'demo_private'\. /);
  });

  it('molgenis import: an EMX zip with new rows of demo_sightings', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'more.zip'), zip({ 'demo_sightings.tsv': 'id\ttype\tyear\n201\tkraken\t2001\n' }));
    const r = await bio(['molgenis', 'import', 'more.zip', '--action', 'add', '--offline'], { cwd: dir });
    expect(r.code).toBe(0);
    const rows = tsv(r.stdout);
    expect(rows[0]).toEqual(['id', 'status', 'importedEntities', 'message']);
    expect(rows[1]?.slice(1)).toEqual(['FINISHED', 'demo_sightings', 'Imported 1 demo_sightings entities.<br />']);
  });

  it("molgenis get: an unknown entity type is MOLGENIS's 404 in one line", async () => {
    const r = await bio(['molgenis', 'get', 'no_such_entity', '--offline']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("error: 404 molgenis: Unknown entity type 'no_such_entity'. (check the identifier or name)\n");
  });

  it('rsql parse and format need no network', async () => {
    const parsed = await bio(['rsql', 'parse', 'name=in=(Rosalind,Grace);born=lt=1910', '--offline']);
    expect(parsed.code).toBe(0);
    expect(tsv(parsed.stdout)).toEqual([
      ['depth', 'type', 'selector', 'operator', 'args', 'children'],
      ['0', 'and', '', '', '', '2'],
      ['1', 'comparison', 'name', '=in=', 'Rosalind|Grace', ''],
      ['1', 'comparison', 'born', '=lt=', '1910', ''],
    ]);
    const formatted = await bio(['rsql', 'format', "lab=='Wet Lab' or year=ge=2020", '--offline']);
    expect(formatted.stdout).toBe("lab=='Wet Lab',year=ge=2020\n");
  });
});
