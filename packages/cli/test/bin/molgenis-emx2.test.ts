import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bio, scratch, tsv, zip } from './run-bin.js';

const PET_STORE = ['--schema', 'pet store', '--offline'];
const TOKEN = 'eyJhbGciOiJub25lIn0.c2VjcmV0LXRva2Vu.c2ln'; // never to be printed

/** The entries of a ZIP (an .xlsx), read from its central directory: stored or deflated. */
function unzipSync(zip: Uint8Array): Record<string, Uint8Array> {
  const b = Buffer.from(zip);
  const end = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const out: Record<string, Uint8Array> = {};
  let at = b.readUInt32LE(end + 16);
  for (let n = b.readUInt16LE(end + 10); n > 0; n--) {
    const [method, size, nameLength, extra, comment, local] = [
      b.readUInt16LE(at + 10),
      b.readUInt32LE(at + 20),
      b.readUInt16LE(at + 28),
      b.readUInt16LE(at + 30),
      b.readUInt16LE(at + 32),
      b.readUInt32LE(at + 42),
    ];
    const name = b.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    const data = b.subarray(start, start + size);
    out[name] = method === 8 ? new Uint8Array(inflateRawSync(data)) : new Uint8Array(data);
    at += 46 + nameLength + extra + comment;
  }
  return out;
}

describe.concurrent('bio molgenis emx2 (built binary, --offline: the EMX2 simulator)', () => {
  it('schemas and tables', async () => {
    const schemas = await bio(['molgenis', 'emx2', 'schemas', '--offline']);
    expect(schemas.code).toBe(0);
    expect(tsv(schemas.stdout).map((r) => r[0])).toEqual(['name', 'pet store', 'synthetic']);
    const tables = await bio(['molgenis', 'emx2', 'tables', ...PET_STORE]);
    expect(tables.code).toBe(0);
    const rows = tsv(tables.stdout);
    expect(rows[0]).toEqual(['name', 'id', 'type', 'columns', 'key', 'description']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['Category', 'Order', 'Pet', 'Tag', 'User']);
    expect(rows.find((r) => r[0] === 'Pet')?.[4]).toBe('name');
  });

  it('get with an RSQL --filter, --order and --columns; references by key when flat, whole in JSON', async () => {
    const r = await bio([
      'molgenis',
      'emx2',
      'get',
      'Pet',
      '--filter',
      'category.name==cat;weight=gt=1',
      '--order',
      'weight:desc',
      '--columns',
      'name,category,weight',
      ...PET_STORE,
    ]);
    expect(r.code).toBe(0);
    expect(tsv(r.stdout)).toEqual([
      ['name', 'category', 'weight'],
      ['pooky', 'cat', '9.4'],
      ['tom', 'cat', '3.14'],
      ['sylvester', 'cat', '1.337'],
    ]);
    expect(r.stderr).toBe('3 rows\n');
    const dotted = await bio(['molgenis', 'emx2', 'get', 'Pet', '--columns', 'name,category.name,tags.name', '--max', '1', '-f', 'csv', ...PET_STORE]);
    expect(dotted.stdout).toBe('name,category.name,tags.name\nfire ant,ant,red|green|purple\n');
    const json = await bio(['molgenis', 'emx2', 'get', 'Pet', '--columns', 'name,category', '--max', '2', '-f', 'json', ...PET_STORE]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([
      { name: 'fire ant', category: { name: 'ant' } },
      { name: 'jerry', category: { name: 'mouse' } },
    ]);
  });

  it('get --page-size sizes the GraphQL requests; --max defaults to 100', async () => {
    const pages = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('> POST') && line.includes('/graphql')).length;
    const whole = await bio(['molgenis', 'emx2', 'get', 'Pet', '--verbose', ...PET_STORE]);
    const paged = await bio(['molgenis', 'emx2', 'get', 'Pet', '--page-size', '3', '--verbose', ...PET_STORE]);
    expect([whole.code, paged.code]).toEqual([0, 0]);
    expect(tsv(whole.stdout)).toHaveLength(11);
    expect(paged.stdout).toBe(whole.stdout);
    // The 10 pets in pages of 3, 3, 3 and 1 instead of one page: three more requests.
    expect(pages(paged.stderr) - pages(whole.stderr)).toBe(3);
    const help = await bio(['molgenis', 'emx2', 'get', '--help']);
    expect(help.stdout).toMatch(/--max <n>\s+at most this many rows \(default: 100\)/);
    expect(help.stdout).toMatch(/--page-size <n>\s+rows per request/);
  });

  it('count with and without --filter', async () => {
    const cats = await bio(['molgenis', 'emx2', 'count', 'Pet', '--filter', 'category.name==cat', ...PET_STORE]);
    expect({ code: cats.code, rows: tsv(cats.stdout) }).toEqual({
      code: 0,
      rows: [
        ['table', 'count'],
        ['Pet', '3'],
      ],
    });
    const all = await bio(['molgenis', 'emx2', 'count', 'Pet', '-f', 'json', ...PET_STORE]);
    expect(JSON.parse(all.stdout)).toEqual([{ table: 'Pet', count: 10 }]);
  });

  it('bad options are refused in one line before any request', async () => {
    const cases: [string[], RegExp][] = [
      [['get', 'Pet', '--filter', 'weight=gt=', ...PET_STORE], /^error: .*position/],
      [['get', 'Pet', '--order', 'weight:sideways', ...PET_STORE], /--order "weight:sideways": use column\[:asc\|desc\]/],
      [['get', 'Pet', '--max', '-1', ...PET_STORE], /--max/],
      [['get', 'Pet', '--page-size', '0', ...PET_STORE], /--page-size <n>' argument '0' is invalid/],
      [['get', 'Pet', '--offline'], /required option '--schema <name>' not specified/],
      [['save', 'Pet', 'missing.tsv', ...PET_STORE], /cannot read missing.tsv: no such file/],
      [['export', ...PET_STORE], /export needs a table, or --zip <file>/],
      [['import', 'pets.txt', ...PET_STORE], /cannot read pets.txt|a \.csv, \.tsv, \.zip or \.xlsx file/],
    ];
    for (const [args, message] of cases) {
      const r = await bio(['molgenis', 'emx2', ...args]);
      expect({ args, code: r.code, stdout: r.stdout }).toEqual({ args, code: 1, stdout: '' });
      expect(r.stderr).toMatch(message);
    }
    const noServer = await bio(['molgenis', 'emx2', 'schemas']);
    expect(noServer.stderr).toBe('error: no MOLGENIS EMX2 server: pass --base-url or set MOLGENIS_EMX2_URL (or use --offline)\n');
  });

  it('save upserts CSV/TSV/JSON rows with typed cells; a refused chunk reports written, refused and unsent', async () => {
    const ok = await bio(['molgenis', 'emx2', 'save', 'Pet', '-', ...PET_STORE], { input: 'name\tcategory\tweight\ttags\nrex\tdog\t12.5\tred|green\n' });
    expect({ code: ok.code, stderr: ok.stderr, rows: tsv(ok.stdout) }).toEqual({
      code: 0,
      stderr: '',
      rows: [
        ['table', 'saved', 'chunks'],
        ['Pet', '1', '1'],
      ],
    });
    const json = await bio(['molgenis', 'emx2', 'save', 'Pet', '-', ...PET_STORE], {
      input: JSON.stringify([{ name: 'rex', category: { name: 'dog' }, weight: 12.5 }]),
    });
    expect(json.code).toBe(0);
    const bad = await bio(['molgenis', 'emx2', 'save', 'Pet', '-', '--chunk-size', '1', ...PET_STORE], {
      input: 'name,category,weight\nrex,dog,12.5\nuni,unicorn,1\nmax,dog,3\n',
    });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    const lines = bad.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^error: 400 molgenis: .*unicorn/);
    expect(lines[1]).toBe('save Pet: 1 written, 1 refused, 0 unknown (sent, answer lost), 1 unsent');
  });

  it('delete takes keys; a key still referenced is refused with the counts', async () => {
    const ok = await bio(['molgenis', 'emx2', 'delete', 'Pet', '-', ...PET_STORE], { input: 'name\ntom\nnobody\n' });
    expect({ code: ok.code, rows: tsv(ok.stdout)[0] }).toEqual({ code: 0, rows: ['table', 'deleted', 'chunks'] });
    const refused = await bio(['molgenis', 'emx2', 'delete', 'Category', '-', ...PET_STORE], { input: 'name\ncat\n' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('delete Category: 0 written, 1 refused, 0 unknown (sent, answer lost), 0 unsent');
  });

  it('export streams CSV; --zip writes a file and never overwrites it without --force; import takes the CSV or the ZIP', async () => {
    const dir = scratch();
    const csv = await bio(['molgenis', 'emx2', 'export', 'Pet', '--filter', 'category.name==cat', ...PET_STORE]);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')[0]).toMatch(/^name,category,/);
    expect(
      csv.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[0]),
    ).toEqual(['pooky', 'tom', 'sylvester']);
    const out = join(dir, 'petstore.zip');
    const first = await bio(['molgenis', 'emx2', 'export', '--zip', out, ...PET_STORE]);
    expect(first.code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    writeFileSync(out, 'mine');
    const again = await bio(['molgenis', 'emx2', 'export', '--zip', out, ...PET_STORE]);
    expect({ code: again.code, stderr: again.stderr }).toEqual({ code: 1, stderr: `error: invalid argument: ${out} exists; pass --force to overwrite it\n` });
    expect(readFileSync(out, 'utf8')).toBe('mine');
    const forced = await bio(['molgenis', 'emx2', 'export', '--zip', out, '--force', ...PET_STORE]);
    expect(forced.code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');

    const imported = await bio(['molgenis', 'emx2', 'import', out, ...PET_STORE]);
    expect({ code: imported.code, status: tsv(imported.stdout)[1]?.[1] }).toEqual({ code: 0, status: 'COMPLETED' });
    const pets = join(dir, 'Pet.csv');
    writeFileSync(pets, 'name,category,weight\nrex,dog,12.5\n');
    const csvImport = await bio(['molgenis', 'emx2', 'import', pets, ...PET_STORE]);
    expect({ code: csvImport.code, row: tsv(csvImport.stdout)[1]?.slice(0, 3) }).toEqual({ code: 0, row: ['Pet.csv', 'Pet', 'COMPLETED'] });
    const badZip = join(dir, 'bad.zip');
    writeFileSync(badZip, zip({ 'Pet.csv': 'name,category,weight\nuni,unicorn,1\n' }));
    const failed = await bio(['molgenis', 'emx2', 'import', badZip, ...PET_STORE]);
    expect({ code: failed.code, stdout: failed.stdout }).toEqual({ code: 1, stdout: '' });
    expect(failed.stderr).toMatch(/^error: molgenis: Import failed: .*unicorn.*\n$/);
  });

  it('export --excel writes the schema or one table as .xlsx, never overwriting without --force; import takes the .xlsx', { timeout: 150_000 }, async () => {
    const dir = scratch();
    const book = join(dir, 'petstore.xlsx');
    const first = await bio(['molgenis', 'emx2', 'export', '--excel', book, ...PET_STORE]);
    expect({ code: first.code, stdout: first.stdout }).toEqual({ code: 0, stdout: '' });
    expect(first.stderr).toMatch(/^\d+ bytes written to .*petstore\.xlsx\n$/);
    const parts = unzipSync(new Uint8Array(readFileSync(book)));
    expect(Object.keys(parts)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet4.xml']));
    expect([...new TextDecoder().decode(parts['xl/workbook.xml']).matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'molgenis',
      'Category',
      'Order',
      'Pet',
      'Tag',
      'User',
    ]);
    const cats = join(dir, 'cats.xlsx');
    const table = await bio(['molgenis', 'emx2', 'export', 'Pet', '--excel', cats, '--filter', 'category.name==cat', ...PET_STORE]);
    expect(table.code).toBe(0);
    const sheet = new TextDecoder().decode(unzipSync(new Uint8Array(readFileSync(cats)))['xl/worksheets/sheet1.xml']);
    expect([...sheet.matchAll(/<c r="A\d+" t="inlineStr"><is><t>([^<]*)<\/t>/g)].map((m) => m[1])).toEqual(['name', 'pooky', 'tom', 'sylvester']);
    const imported = await bio(['molgenis', 'emx2', 'import', book, ...PET_STORE]);
    expect({ code: imported.code, stderr: imported.stderr, rows: tsv(imported.stdout).map((r) => r.slice(0, 2)) }).toEqual({
      code: 0,
      stderr: '',
      rows: [
        ['file', 'status'],
        ['petstore.xlsx', 'COMPLETED'],
      ],
    });
    writeFileSync(book, 'mine');
    const again = await bio(['molgenis', 'emx2', 'export', '--excel', book, ...PET_STORE]);
    expect({ code: again.code, stderr: again.stderr }).toEqual({ code: 1, stderr: `error: invalid argument: ${book} exists; pass --force to overwrite it\n` });
    expect(readFileSync(book, 'utf8')).toBe('mine');
    const notXlsx = join(dir, 'fake.xlsx');
    writeFileSync(notXlsx, 'name,category\nrex,dog\n');
    const refused = await bio(['molgenis', 'emx2', 'import', notXlsx, '--verbose', ...PET_STORE]);
    expect({ code: refused.code, stdout: refused.stdout }).toEqual({ code: 1, stdout: '' });
    expect(refused.stderr).toMatch(/^error: invalid argument: file is not an \.xlsx workbook/);
    expect(refused.stderr).not.toMatch(/POST|GET/); // refused before any request
    const both = await bio(['molgenis', 'emx2', 'export', '--excel', book, '--zip', join(dir, 'x.zip'), ...PET_STORE]);
    expect({ code: both.code, stderr: both.stderr }).toEqual({ code: 1, stderr: 'error: invalid argument: give --zip or --excel, not both\n' });
    const withTable = await bio(['molgenis', 'emx2', 'import', book, '--table', 'Pet', ...PET_STORE]);
    expect(withTable.stderr).toBe('error: invalid argument: --table is for a CSV file; a workbook names its tables\n');
  });

  it('types prints generateTypes for the schema', async () => {
    const r = await bio(['molgenis', 'emx2', 'types', ...PET_STORE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('export interface Pet {');
    expect(r.stdout).toContain('export interface Category {');
  });

  it('the token: from MOLGENIS_EMX2_TOKEN silently; from --token with a warning; never printed', async () => {
    const env = await bio(['molgenis', 'emx2', 'count', 'Pet', ...PET_STORE, '--verbose', '--debug'], { env: { MOLGENIS_EMX2_TOKEN: TOKEN } });
    expect(env.stderr).not.toContain('warning');
    expect(env.stdout + env.stderr).not.toContain(TOKEN);
    const flag = await bio(['molgenis', 'emx2', 'count', 'Pet', '--token', TOKEN, ...PET_STORE, '--verbose', '--debug']);
    expect(flag.stderr).toContain('warning: a token given with --token is kept in your shell history; set MOLGENIS_EMX2_TOKEN instead');
    expect(flag.stdout + flag.stderr).not.toContain(TOKEN);
  });
});
