// Item 4 of issue 19: every service's commands — InterMine templates and lists, MOLGENIS add and
// export, MyGene fetch-all and metadata — against the simulators (offline, or loopback when
// state must last from one command to the next).
import { Molgenis } from '@bio/molgenis';
import { createSimulator as intermineSimulator } from '@bio/intermine/testing';
import { createSimulator as molgenisSimulator } from '@bio/molgenis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bio, tsv } from './run-bin.js';

describe.concurrent('bio --offline: the other commands of each service', () => {
  it('intermine templates and template --value', async () => {
    const list = await bio(['intermine', 'templates', '--offline']);
    expect(tsv(list.stdout).map((r) => r[0])).toEqual(['name', 'Gene_Pathways', 'Gene_Proteins']);
    const run = await bio(['intermine', 'template', 'Gene_Pathways', '--value', 'A=zen', '--offline']);
    expect(run.code).toBe(0);
    expect(tsv(run.stdout)).toEqual([
      ['Gene.symbol', 'Gene.pathways.identifier', 'Gene.pathways.name'],
      ['zen', 'dme04320', 'Dorso-ventral axis formation - Drosophila melanogaster (fruit fly)'],
      ['zen', 'R-DME-212436', 'Generic Transcription Pathway'],
    ]);
  });

  it('intermine template: an unknown template or constraint code is named with what there is', async () => {
    const name = await bio(['intermine', 'template', 'Nope', '--offline']);
    expect(name.stderr).toBe('error: invalid argument: no template "Nope" on this mine (templates: Gene_Pathways, Gene_Proteins)\n');
    const code = await bio(['intermine', 'template', 'Gene_Proteins', '--value', 'Z=eve', '--offline']);
    expect(code.stderr).toBe('error: invalid argument: template Gene_Proteins has no editable constraint Z (it has: A)\n');
    const op = await bio(['intermine', 'template', 'Gene_Proteins', '--op', 'A=SIDEWAYS', '--offline']);
    expect(op.stderr).toMatch(/^error: invalid argument: --op "SIDEWAYS" is not one of: =, !=, .*LOOKUP/);
  });

  it('intermine list show: the summary fields of a list', async () => {
    const r = await bio(['intermine', 'list', 'show', 'demo-list', '--select', 'Gene.symbol', '--offline']);
    expect(r.code).toBe(0);
    expect(tsv(r.stdout)[0]).toEqual(['Gene.symbol']);
    expect(r.stderr).toMatch(/^\d+ of \d+ members of demo-list\n$/);
  });

  it('mygene fetch-all and metadata', async () => {
    const all = await bio(['mygene', 'fetch-all', 'symbol:cdk*', '--fields', 'symbol,taxid', '--offline']);
    expect(tsv(all.stdout)).toEqual([
      ['_id', 'symbol', 'taxid'],
      ['1017', 'CDK2', '9606'],
      ['12566', 'Cdk2', '10090'],
      ['362817', 'Cdk2', '10116'],
    ]);
    const meta = await bio(['mygene', 'metadata', '--offline']);
    expect(tsv(meta.stdout)).toContainEqual(['taxonomy.human', '9606']);
    expect(JSON.parse((await bio(['mygene', 'metadata', '--offline', '-f', 'json'])).stdout)).toHaveProperty('build_version');
  });

  it('molgenis export streams the CSV export', async () => {
    const r = await bio(['molgenis', 'export', 'hospitals', '--sort', 'beds:desc', '--max', '2', '--offline']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('"id","name","city","beds","academic"');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('"amc"');
  });
});

describe('stateful commands against loopback simulators', () => {
  const intermine = intermineSimulator();
  const molgenis = molgenisSimulator();
  const urls: Record<string, string> = {};
  const closers: (() => Promise<void>)[] = [];
  let molgenisToken = '';
  beforeAll(async () => {
    for (const [name, sim] of [
      ['intermine', intermine],
      ['molgenis', molgenis],
    ] as const) {
      const server = await sim.listen();
      urls[name] = server.baseUrl;
      closers.push(() => server.close());
    }
    molgenisToken = (await new Molgenis({ baseUrl: urls.molgenis!, retry: 0 }).login('admin', molgenis.users.admin!.password)).token;
  });
  afterAll(async () => {
    for (const close of closers) await close();
  });

  it('intermine list create, append, show, rename, delete', async () => {
    const env = { INTERMINE_TOKEN: intermine.users[0]!.token, INTERMINE_URL: urls.intermine! };
    const created = await bio(['intermine', 'list', 'create', 'cli-genes', '--type', 'Gene'], { env, input: 'eve\n# comment\nzen\nnope\n' });
    expect(created.code).toBe(0);
    expect(tsv(created.stdout)).toEqual([
      ['name', 'type', 'size', 'unmatched'],
      ['cli-genes', 'Gene', '2', 'nope'],
    ]);
    const appended = await bio(['intermine', 'list', 'append', 'cli-genes', '-'], { env, input: 'hb\n' });
    expect(tsv(appended.stdout)[1]?.slice(0, 2)).toEqual(['cli-genes', '3']);
    const shown = await bio(['intermine', 'list', 'show', 'cli-genes', '--select', 'Gene.symbol'], { env });
    expect(
      tsv(shown.stdout)
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(['eve', 'hb', 'zen']);
    expect((await bio(['intermine', 'list', 'rename', 'cli-genes', 'cli-renamed'], { env })).code).toBe(0);
    const deleted = await bio(['intermine', 'list', 'delete', 'cli-renamed'], { env });
    expect(deleted.stderr).toBe('deleted cli-renamed\n');
    const gone = await bio(['intermine', 'list', 'show', 'cli-renamed'], { env });
    expect(gone.code).toBe(1);
  });

  it('molgenis add: a TSV from stdin, new ids in input order; the rows are there after', async () => {
    const env = { MOLGENIS_TOKEN: molgenisToken, MOLGENIS_URL: urls.molgenis! };
    const r = await bio(['molgenis', 'add', 'demo_sightings'], { env, input: 'id\ttype\tyear\n171\tfairy\t1998\n172\tgnome\t1999\n' });
    expect(r.code).toBe(0);
    expect(tsv(r.stdout)).toEqual([
      ['row', 'id'],
      ['1', '171'],
      ['2', '172'],
    ]);
    const got = await bio(['molgenis', 'get', 'demo_sightings', '--q', 'id=in=(171,172)', '--attrs', 'id,type'], { env });
    expect(tsv(got.stdout)).toEqual([
      ['id', 'type'],
      ['171', 'fairy'],
      ['172', 'gnome'],
    ]);
  });

  it('molgenis add: a row wider than the header is refused before any request', async () => {
    const before = molgenis.requests.length;
    const r = await bio(['molgenis', 'add', 'demo_sightings', '--base-url', urls.molgenis!], {
      env: { MOLGENIS_TOKEN: molgenisToken },
      input: 'id,type\n1,a,b\n',
    });
    expect(r.stderr).toBe('error: invalid argument: stdin line 2: 3 cells, the header has 2\n');
    expect(molgenis.requests.length).toBe(before);
  });
});
