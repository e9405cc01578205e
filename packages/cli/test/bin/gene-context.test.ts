// Item 5 of issue 19: `bio gene-context` — genes → MyGene.info → IDR images → pathways from the
// species' mine, one row per gene × image; genes without images, pathways or a match say so.
// The simulators' built-in data barely overlap (see the test below), so the full chain runs
// against loopback simulators seeded with a human and a fly gene.
import { createSimulator as idrSimulator } from '@bio/idr/testing';
import { createSimulator as intermineSimulator } from '@bio/intermine/testing';
import { createSimulator as mygeneSimulator } from '@bio/mygene/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bio, tsv } from './run-bin.js';

const COLUMNS = ['gene', 'status', 'symbol', 'mygene_id', 'taxid', 'pathways', 'mine', 'image_id', 'image_name', 'study', 'image_link', 'note'];

describe('bio gene-context (built binary, loopback simulators)', () => {
  const mygene = mygeneSimulator({
    seed: {
      genes: [
        { _id: '991', entrezgene: '991', symbol: 'CDC20', name: 'cell division cycle 20', taxid: 9606 },
        { _id: '36039', entrezgene: '36039', symbol: 'eve', name: 'even skipped', taxid: 7227 },
      ],
    },
  });
  const idr = idrSimulator({
    seed: {
      projects: [
        {
          id: 9202,
          name: 'idr9202-fly/experimentA',
          datasets: [
            {
              id: 9102,
              name: 'embryos',
              images: [{ id: 9100001, name: 'embryo eve', mapAnnotations: [{ ns: 'openmicroscopy.org/mapr/gene', values: [['Gene Symbol', 'eve']] }] }],
            },
          ],
        },
      ],
    },
  });
  const humanmine = intermineSimulator({
    seed: {
      pathways: [{ identifier: 'R-HSA-68886', name: 'M Phase', dataSet: 'Reactome data set' }],
      genes: [{ primaryIdentifier: '991', symbol: 'CDC20', organism: 'H. sapiens', pathways: ['R-HSA-68886'] }],
    },
  });
  const flymine = intermineSimulator();
  const env: Record<string, string> = {};
  const closers: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    for (const [name, sim] of [
      ['MYGENE_URL', mygene],
      ['IDR_URL', idr],
      ['HUMANMINE_URL', humanmine],
      ['FLYMINE_URL', flymine],
    ] as const) {
      const server = await sim.listen();
      env[name] = server.baseUrl;
      closers.push(() => server.close());
    }
  });
  afterAll(async () => {
    for (const close of closers) await close();
  });

  it('one row per gene × image, in input order, with pathways and provenance; a gene without images or a match is a row that says so', async () => {
    const r = await bio(['gene-context', 'CDC20', 'CDK2', 'nope', 'eve'], { env });
    expect(r.code).toBe(0);
    const rows = tsv(r.stdout);
    expect(rows[0]).toEqual(COLUMNS);
    const by = (row: string[]) => Object.fromEntries(COLUMNS.map((c, i) => [c, row[i]]));
    const body = rows.slice(1).map(by);
    expect(body.map((row) => `${row.gene}:${row.image_id}`)).toEqual(['CDC20:1900000', 'CDC20:1900001', 'CDC20:1938559', 'CDK2:', 'nope:', 'eve:9100001']);
    expect(body[0]).toMatchObject({
      status: 'found',
      symbol: 'CDC20',
      mygene_id: '991',
      taxid: '9606',
      pathways: 'M Phase (R-HSA-68886)',
      mine: env.HUMANMINE_URL,
      image_link: `${env.IDR_URL}/webclient/?show=image-1900000`,
      note: '',
    });
    expect(body[3]).toMatchObject({ symbol: 'CDK2', pathways: '', image_id: '', note: 'no pathways in HumanMine; no images in IDR' });
    expect(body[4]).toMatchObject({ status: 'missing', note: 'MyGene.info: no gene matches nope in human, fruitfly' });
    expect(body[5]).toMatchObject({ taxid: '7227', mine: env.FLYMINE_URL, image_name: 'embryo eve', study: 'idr9202-fly/experimentA' });
    // eve's pathways in the FlyMine simulator (KEGG Notch, Reactome Rhodopsin-like and transcription).
    expect(body[5]!.pathways!.split('|').sort()).toEqual([
      'Class A/1 (Rhodopsin-like receptors) (R-DME-373076)',
      'Generic Transcription Pathway (R-DME-212436)',
      'Notch signaling pathway - Drosophila melanogaster (fruit fly) (dme04330)',
    ]);
    expect(r.stderr).toBe('6 rows\n');
  });

  it('genes from a file column; a mine that fails is a note on the row, not a crash', async () => {
    const down = { ...env, HUMANMINE_URL: 'http://127.0.0.1:9/humanmine' };
    const r = await bio(['gene-context', '--file', '-', '--column', '1', '--max-images', '1'], { env: down, input: 'CDC20\n' });
    expect(r.code).toBe(0);
    const [, row] = tsv(r.stdout);
    expect(row?.[7]).toBe('1900000');
    expect(row?.[11]).toMatch(/^HumanMine failed: .*could not be reached/);
  });
});

describe('bio gene-context --offline', () => {
  it('joins the seeded simulators: CDC20 with its IDR images and HumanMine pathways, eve with FlyMine pathways', async () => {
    const r = await bio(['gene-context', 'CDC20', 'eve', 'CDK2', '--offline']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('5 rows\n');
    const [header, ...rows] = tsv(r.stdout);
    const body = rows.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i] ?? ''])));
    expect(body.map((row) => `${row.gene}:${row.status}:${row.image_id}`)).toEqual([
      'CDC20:found:1900000',
      'CDC20:found:1900001',
      'CDC20:found:1938559',
      'eve:found:',
      'CDK2:found:',
    ]);
    expect(body[0]).toMatchObject({
      mygene_id: '991',
      taxid: '9606',
      mine: 'https://www.humanmine.org/humanmine/service',
      pathways:
        'APC/C:Cdh1 mediated degradation of Cdc20 and other APC/C:Cdh1 targeted proteins in late mitosis/early G1 (R-HSA-174178)|Inactivation of APC/C via direct inhibition of the APC/C complex (R-HSA-141430)',
      study: 'idr0002-heriche-condensation/screenA',
      note: '',
    });
    expect(body[3]).toMatchObject({ mygene_id: '36039', taxid: '7227', mine: 'https://www.flymine.org/flymine/service', note: 'no images in IDR' });
    expect(body[3]?.pathways).toContain('Notch signaling pathway - Drosophila melanogaster (fruit fly) (dme04330)');
    // CDK2 is in MyGene.info's simulator but in neither HumanMine's seed nor IDR's images.
    expect(body[4]).toMatchObject({ pathways: '', note: 'no pathways in HumanMine; no images in IDR' });
  });
});
