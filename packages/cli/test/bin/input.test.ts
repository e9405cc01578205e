// Item 1 of issue 19: terms from a file, `-` or stdin, one per line or a TSV/CSV column; blank
// lines and `#` comments skipped; `--base-url` and one environment variable per service.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSimulator as idrSimulator } from '@bio/idr/testing';
import { createSimulator as intermineSimulator } from '@bio/intermine/testing';
import { createSimulator as mygeneSimulator } from '@bio/mygene/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bio, scratch, tsv } from './run-bin.js';

const dir = scratch();
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const MAP = ['mygene', 'map', '--scopes', 'symbol', '--species', 'human', '--fields', 'symbol', '--offline'];
const queries = (stdout: string): string[] =>
  tsv(stdout)
    .slice(1)
    .map((r) => `${r[0]}:${r[1]}`);

describe.concurrent('bio mygene map: where the terms come from (built binary, --offline)', () => {
  it('a file argument, blank lines and # comments skipped, one row per term in file order', async () => {
    const ids = file('ids.txt', '# my genes\nNEFL\n\n  BASP1  \n# done?\nnot-a-gene\nCDK2\n');
    const r = await bio([...MAP, ids]);
    expect(r.code).toBe(0);
    expect(queries(r.stdout)).toEqual(['NEFL:found', 'BASP1:found', 'not-a-gene:missing', 'CDK2:found']);
  });

  it('- and no argument both read stdin', async () => {
    for (const args of [[...MAP, '-'], MAP]) {
      const r = await bio(args, { input: 'NRGN\r\nTP53\r\n' });
      expect(r.code).toBe(0);
      expect(queries(r.stdout)).toEqual(['NRGN:found', 'TP53:found']);
    }
  });

  it('--column NAME reads that column of a TSV (the first line is the header)', async () => {
    const table = file('genes.tsv', 'id\tsymbol\tnote\n1\tNEFM\tx\n# skipped\n2\tBTK\ty\n\n3\tnope\tz\n');
    const r = await bio([...MAP, table, '--column', 'symbol']);
    expect(r.code).toBe(0);
    expect(queries(r.stdout)).toEqual(['NEFM:found', 'BTK:found', 'nope:missing']);
  });

  it('--column N reads that column of a CSV, every line data; quoted cells keep their commas', async () => {
    const table = file('genes.csv', '"a, b",BRCA1\nc,"RGS6"\n"d ""e""",MIER1\n');
    const r = await bio([...MAP, table, '--column', '2']);
    expect(r.code).toBe(0);
    expect(queries(r.stdout)).toEqual(['BRCA1:found', 'RGS6:found', 'MIER1:found']);
    const first = await bio([...MAP, table, '--column', '1', '-f', 'ndjson']);
    expect(first.stdout.split('\n')[0]).toContain('"query":"a, b"');
  });

  it('a column the header lacks: one line naming it and the columns there are, nothing on stdout', async () => {
    const table = file('cols.tsv', 'id\tsymbol\n1\tNEFM\n');
    const r = await bio([...MAP, table, '--column', 'gene']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`error: invalid argument: ${table}: no column "gene" in the header (columns: id, symbol)\n`);
  });

  it('--column 0 and a missing file are refused before anything is read', async () => {
    const zero = await bio([...MAP, '--column', '0'], { input: 'NEFM\n' });
    expect(zero.code).toBe(1);
    expect(zero.stderr).toBe('error: invalid argument: --column 0: an index starts at 1 (or give a header name)\n');
    const missing = await bio([...MAP, join(dir, 'nope.txt')]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toBe(`error: invalid argument: cannot read ${join(dir, 'nope.txt')}: no such file\n`);
  });
});

describe('--base-url and the per-service environment variables (built binary, loopback simulators)', () => {
  const mygene = mygeneSimulator();
  const intermine = intermineSimulator();
  const idr = idrSimulator();
  const urls: Record<string, string> = {};
  const closers: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    for (const [name, sim] of [
      ['mygene', mygene],
      ['intermine', intermine],
      ['idr', idr],
    ] as const) {
      const server = await sim.listen();
      urls[name] = server.baseUrl;
      closers.push(() => server.close());
    }
  });
  afterAll(async () => {
    for (const close of closers) await close();
  });

  it('mygene: --base-url (before or after the subcommand) and $MYGENE_URL send the requests there', async () => {
    for (const [args, env] of [
      [['mygene', '--base-url', urls.mygene!, 'gene', '1017'], {}],
      [['mygene', 'gene', '1017', '--base-url', urls.mygene!], {}],
      [['mygene', 'gene', '1017'], { MYGENE_URL: urls.mygene! }],
    ] as const) {
      const before = mygene.requests.length;
      const r = await bio(args, { env });
      expect(r.stderr).toBe('');
      expect(tsv(r.stdout)[1]).toEqual(['CDK2', 'cyclin dependent kinase 2']);
      expect(mygene.requests.length).toBe(before + 1);
    }
  });

  it('--base-url wins over the environment variable', async () => {
    const r = await bio(['mygene', 'gene', '1017', '--base-url', urls.mygene!], { env: { MYGENE_URL: 'http://127.0.0.1:9/nothing' } });
    expect(r.code).toBe(0);
  });

  it('intermine: $INTERMINE_URL and --base-url', async () => {
    const before = intermine.requests.length;
    const env = await bio(['intermine', 'lists'], { env: { INTERMINE_URL: urls.intermine! } });
    expect(env.code).toBe(0);
    expect(env.stdout).toContain('demo-list');
    const flag = await bio(['intermine', 'lists', '--base-url', urls.intermine!]);
    expect(flag.code).toBe(0);
    expect(flag.stdout).toBe(env.stdout);
    expect(intermine.requests.length).toBeGreaterThan(before);
  });

  it('idr: $IDR_URL and --base-url', async () => {
    const env = await bio(['idr', 'screens', '--max', '2'], { env: { IDR_URL: urls.idr! } });
    expect(env.code).toBe(0);
    expect(tsv(env.stdout)).toHaveLength(3);
    const flag = await bio(['idr', '--base-url', urls.idr!, 'screens', '--max', '2']);
    expect(flag.stdout).toBe(env.stdout);
  });
});
