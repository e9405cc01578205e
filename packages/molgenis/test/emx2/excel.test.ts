// Excel: schema and table export as real .xlsx, import (sync and as a polled task) through the
// simulator, bad input refused before any request, server errors as the family's classes.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  type Emx2TaskError,
  isConflictError,
  isEmx2TaskError,
  isForbiddenError,
  isNotFoundError,
  isResponseFormatError,
  isValidationError,
} from '../../src/emx2/index.js';
import { BASE, emx2, useEmx2Simulator } from './helpers.js';

const sim = useEmx2Simulator({ syntheticRows: 10 });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function admin() {
  const client = emx2();
  await client.signin('admin', 'admin');
  return client;
}

// --- an independent reader and writer, so the simulator's own are not checked against themselves ---

/** Sheet names of a workbook, in order. */
function sheetNames(xlsx: Uint8Array): string[] {
  const workbook = strFromU8(unzipSync(xlsx)['xl/workbook.xml'] as Uint8Array);
  return [...workbook.matchAll(/<sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => (m[1] as string).replaceAll('&amp;', '&'));
}

/** The rows of sheet n (1-based) as text: inline strings only, which is what EMX2 (and the simulator) write. */
function sheetRows(xlsx: Uint8Array, n: number): string[][] {
  const xml = strFromU8(unzipSync(xlsx)[`xl/worksheets/sheet${n}.xml`] as Uint8Array);
  return [...xml.matchAll(/<row\b[^>]*>(.*?)<\/row>/g)].map((row) => {
    const out: string[] = [];
    for (const c of (row[1] as string).matchAll(/<c r="([A-Z]+)\d+" t="inlineStr"><is><t[^>]*>(.*?)<\/t><\/is><\/c>/g)) {
      out[(c[1] as string).charCodeAt(0) - 65] = (c[2] as string).replaceAll('&lt;', '<').replaceAll('&amp;', '&');
    }
    return Array.from(out, (v) => v ?? '');
  });
}

type Cell = string | number | boolean | { shared: string } | { formula: string };

/** A workbook as Excel writes it: a shared-string table, numbers as numbers, `x:`-free. */
function excelWorkbook(sheets: Record<string, Cell[][]>): Uint8Array {
  const shared: string[] = [];
  const esc = (t: string) => t.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
  const cell = (v: Cell, ref: string): string => {
    if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
    if (typeof v === 'boolean') return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
    if (typeof v === 'string') return `<c r="${ref}" t="inlineStr"><is><r><t>${esc(v)}</t></r></is></c>`;
    if ('formula' in v) return `<c r="${ref}"><f>${esc(v.formula)}</f><v>1</v></c>`;
    shared.push(v.shared);
    return `<c r="${ref}" t="s"><v>${shared.length - 1}</v></c>`;
  };
  const names = Object.keys(sheets);
  const files: Record<string, Uint8Array> = {};
  names.forEach((name, i) => {
    const rows = (sheets[name] as Cell[][])
      .map((r, ri) => `<row r="${ri + 1}">${r.map((v, ci) => (v === '' ? '' : cell(v, `${String.fromCharCode(65 + ci)}${ri + 1}`))).join('')}</row>`)
      .join('');
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(
      `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`,
    );
  });
  const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  files['xl/sharedStrings.xml'] = strToU8(
    `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.length}">${shared.map((s) => `<si><t>${esc(s)}</t></si>`).join('')}</sst>`,
  );
  files['xl/workbook.xml'] = strToU8(
    `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${R}"><sheets>${names.map((n, i) => `<sheet name="${esc(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${R}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join('')}<Relationship Id="rIdS" Type="${R}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  files['_rels/.rels'] = strToU8(
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  files['[Content_Types].xml'] = strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  return zipSync(files);
}

describe('Excel export', () => {
  it('exports the schema as a real .xlsx: a metadata sheet, then one sheet per table with column names as header', async () => {
    const xlsx = await emx2().schema('pet store').exportExcel();
    const parts = Object.keys(unzipSync(xlsx));
    expect(parts).toEqual(expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet6.xml']));
    expect(sheetNames(xlsx)).toEqual(['molgenis', 'Category', 'Order', 'Pet', 'Tag', 'User']);
    const pet = sheetRows(xlsx, 4);
    const csv = await emx2().schema('pet store').table('Pet').exportCsv().rows();
    const first = (await csv[Symbol.asyncIterator]().next()).value as Record<string, string>;
    expect(pet[0]).toEqual(Object.keys(first));
    expect(pet.find((r) => r[0] === 'spike')).toEqual(['spike', 'dog', '', 'sold', 'red,green', '15.7', 'ORDER:e27c852c-29e2-4459-bcf1-98d8907ff77b']);
    const request = sim.requests.find((r) => r.url.pathname === '/pet%20store/api/excel');
    expect(request?.method).toBe('GET');
    expect(request?.headers.get('accept')).toBe(XLSX);
    expect([...(request?.url.searchParams.keys() ?? [])]).toEqual([]);
  });

  it('answers with the server content type and an unquoted file name carrying the time', async () => {
    const schema = await fetch(`${BASE}/pet%20store/api/excel`);
    expect(schema.headers.get('content-type')).toBe(XLSX);
    expect(schema.headers.get('content-disposition')).toMatch(/^attachment; filename=pet store\d{13}\.xlsx$/);
    const table = await fetch(`${BASE}/pet%20store/api/excel/pet`);
    expect(table.headers.get('content-disposition')).toMatch(/^attachment; filename=pet store_Pet\d{13}\.xlsx$/);
  });

  it('exports one table with the filter run on the server, and system columns only when asked', async () => {
    const xlsx = await emx2().schema('pet store').table('Pet').exportExcel({ filter: 'category.name==cat' });
    expect(sheetNames(xlsx)).toEqual(['Pet']);
    expect(sheetRows(xlsx, 1).map((r) => r[0])).toEqual(['name', 'pooky', 'tom', 'sylvester']);
    const sent = sim.requests.at(-1);
    expect(sent?.url.pathname).toBe('/pet%20store/api/excel/Pet');
    expect(JSON.parse(sent?.url.searchParams.get('filter') ?? 'null')).toEqual({ category: { name: { equals: ['cat'] } } });
    const system = await emx2().schema('pet store').table('Category').exportExcel({ includeSystemColumns: true });
    expect(sheetRows(system, 1)[0]).toEqual(['name', 'mg_draft', 'mg_insertedBy', 'mg_insertedOn', 'mg_updatedBy', 'mg_updatedOn']);
    expect(sheetRows(await emx2().schema('pet store').table('Category').exportExcel(), 1)[0]).toEqual(['name', 'mg_draft']);
  });

  it('exports EMX1 when asked (and refuses emx1 with system columns before any request)', async () => {
    const xlsx = await emx2().schema('pet store').exportExcel({ emx1: true });
    expect(sim.requests.at(-1)?.url.searchParams.has('emx1')).toBe(true);
    expect(sheetNames(xlsx).slice(0, 3)).toEqual(['entities', 'attributes', 'Category']);
    const before = sim.requests.length;
    const error = await emx2()
      .schema('pet store')
      .exportExcel({ emx1: true, includeSystemColumns: true })
      .catch((e: unknown) => e);
    expect(isValidationError(error)).toBe(true);
    expect(sim.requests.length).toBe(before);
  });

  it('maps errors: an unknown schema is NotFoundError, a download that is no .xlsx a ResponseFormatError', async () => {
    expect(
      isNotFoundError(
        await emx2()
          .schema('no such')
          .exportExcel()
          .catch((e: unknown) => e),
      ),
    ).toBe(true);
    const html = emx2({ fetch: async () => new Response('<html>sign in</html>', { headers: { 'content-type': 'text/html' } }) });
    const error = await html
      .schema('pet store')
      .exportExcel()
      .catch((e: unknown) => e);
    expect(isResponseFormatError(error)).toBe(true);
  });
});

describe('Excel import', () => {
  it('round trip: an exported workbook imported back restores what was deleted, reporting the task progress', async () => {
    const client = await admin();
    const petStore = client.schema('pet store');
    const xlsx = await petStore.exportExcel();
    await petStore.table('Pet').delete([{ name: 'tom' }]);
    expect(await petStore.table('Pet').get('tom')).toBeUndefined();
    const progress: { status: string; done: number; total: number | undefined }[] = [];
    const task = await petStore.importExcel(xlsx, { interval: 0, onProgress: (p) => progress.push({ status: p.task.status, done: p.done, total: p.total }) });
    expect(task?.status).toBe('COMPLETED');
    expect(progress.map((p) => p.status)).toEqual(['RUNNING', 'COMPLETED']);
    expect(progress.at(-1)).toEqual({ status: 'COMPLETED', done: 6, total: 6 }); // 5 tables + committing
    expect(task?.subTasks.map((s) => s.description)).toEqual([
      'Modified 7 rows in Category',
      'Modified 8 rows in Tag',
      'Modified 10 rows in Pet',
      'Modified 2 rows in Order',
      'Modified 2 rows in User',
      'Committing',
    ]);
    expect(await petStore.table('Pet').get('tom', { columns: ['name', 'weight'] })).toEqual({ name: 'tom', weight: 3.14 });
    const sent = sim.requests.find((r) => r.url.pathname === '/pet%20store/api/excel' && r.method === 'POST');
    if (sent === undefined) throw new Error('no upload was sent');
    expect(sent.url.searchParams.get('async')).toBe('true');
    const form = await new Request(sent.url, { method: 'POST', headers: sent.headers, body: new Uint8Array(sent.body) }).formData();
    const part = form.get('file') as File;
    expect(part.name).toBe('upload.xlsx');
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(xlsx);
  });

  it('reads shared and inline strings and numbers; skips sheets naming no table; warns of unknown columns', async () => {
    const client = await admin();
    const xlsx = excelWorkbook({
      Pet: [
        [{ shared: 'name' }, { shared: 'category' }, 'weight', 'colour'],
        [{ shared: 'rex' }, 'dog', 12.5, 'brown'],
        [' max ', { shared: 'cat' }, 3, ''],
        ['', '', '', ''],
      ],
      Notes: [['anything'], ['at all']],
    });
    const task = await client.schema('pet store').importExcel(xlsx, { fileName: 'pets.xlsx', interval: 0 });
    expect(task?.subTasks.map((s) => [s.status, s.description])).toEqual([
      ['WARNING', 'Found unknown columns [colour] in sheet Pet'],
      ['COMPLETED', 'Modified 2 rows in Pet'],
      ['SKIPPED', "Skipped sheet with name 'Notes': no table with that name found"],
      ['COMPLETED', 'Committing'],
    ]);
    const pets = client.schema('pet store').table('Pet');
    expect(await pets.get('rex', { columns: ['category', 'weight'] })).toEqual({ category: { name: 'dog' }, weight: 12.5 });
    expect(await pets.get('max', { columns: ['category', 'weight'] })).toEqual({ category: { name: 'cat' }, weight: 3 });
  });

  it('fails with the task own message, writing nothing of the workbook (one transaction)', async () => {
    const client = await admin();
    const bad = excelWorkbook({
      Category: [['name'], ['fish']],
      Pet: [
        ['name', 'category', 'weight'],
        ['nemo', 'whale', 1],
      ],
    });
    const error = await client
      .schema('pet store')
      .importExcel(bad, { interval: 0 })
      .catch((e: unknown) => e);
    expect(isEmx2TaskError(error)).toBe(true);
    expect((error as Emx2TaskError).task.description).toMatch(/^Import failed: Upsert into table 'Pet' failed.*whale/);
    expect((error as Emx2TaskError).message).toMatch(/ended ERROR: Import failed: .*whale/);
    expect(await client.schema('pet store').table('Category').count('name==fish')).toBe(0);
    const formula = await client
      .schema('pet store')
      .importExcel(excelWorkbook({ Category: [['name'], [{ formula: 'A1&"x"' }]] }), { interval: 0 })
      .catch((e: unknown) => e);
    expect((formula as Emx2TaskError).task.description).toBe('Import failed: Found formula in Excel file; currently not supported');
    const headless = await client
      .schema('pet store')
      .importExcel(excelWorkbook({ Category: [['name'], ['fish', 'stray']] }), { interval: 0 })
      .catch((e: unknown) => e);
    expect((headless as Emx2TaskError).task.description).toBe(
      "Import failed: Read of table 'Category' failed: column index 1 has no column name and contains value 'stray'",
    );
  });

  it('imports synchronously when async is false; a refused write is the family error', async () => {
    const client = await admin();
    const schema = client.schema('pet store');
    expect(await schema.importExcel(excelWorkbook({ Category: [['name'], ['fish']] }), { async: false })).toBeUndefined();
    expect(sim.requests.at(-1)?.url.searchParams.has('async')).toBe(false);
    expect(await schema.table('Category').count('name==fish')).toBe(1);
    const conflict = await schema
      .importExcel(
        excelWorkbook({
          Pet: [
            ['name', 'category', 'weight'],
            ['nemo', 'whale', 1],
          ],
        }),
        { async: false },
      )
      .catch((e: unknown) => e);
    expect(isConflictError(conflict)).toBe(true);
    expect((conflict as Error).message).toMatch(/whale/);
    const anonymous = await emx2()
      .schema('pet store')
      .importExcel(excelWorkbook({ Category: [['name'], ['bird']] }), { async: false })
      .catch((e: unknown) => e);
    expect(isForbiddenError(anonymous)).toBe(true);
    const unknownSchema = await client
      .schema('no such')
      .importExcel(excelWorkbook({ Category: [['name'], ['bird']] }))
      .catch((e: unknown) => e);
    expect(isNotFoundError(unknownSchema)).toBe(true);
    const notXlsx = await schema.importExcel(zipSync({ 'a.txt': strToU8('a') }), { async: false }).catch((e: unknown) => e);
    expect((notXlsx as Error).message).toMatch(/Error reading excel file/);
  });

  it('refuses bad input with a ValidationError before any request', async () => {
    const schema = (await admin()).schema('pet store');
    const before = sim.requests.length;
    const good = excelWorkbook({ Category: [['name'], ['fish']] });
    const cases: [unknown, object | undefined, RegExp][] = [
      [good, { fileName: 'pets.zip' }, /fileName must end \.xlsx, got "pets\.zip"/],
      [good, { fileName: 'pets' }, /fileName must end \.xlsx/],
      [new Uint8Array(), undefined, /file is empty/],
      [new Blob([]), undefined, /file is empty/],
      [strToU8('name\nfish\n'), undefined, /not an \.xlsx workbook: it does not start with a ZIP signature/],
      [new Blob([strToU8('<html></html>')]), undefined, /not an \.xlsx workbook/],
      ['name\nfish\n', undefined, /file must be a Uint8Array or a Blob/],
      [strToU8('PK\u0005\u0006'), undefined, /ZIP signature/], // an empty ZIP: no entries
    ];
    for (const [file, options, message] of cases) {
      const error = await schema.importExcel(file as Uint8Array, options).catch((e: unknown) => e);
      expect(isValidationError(error), String(message)).toBe(true);
      expect((error as Error).message).toMatch(message);
    }
    const zipAsZip = await schema.importZip(strToU8('not a zip'), { fileName: 'x.zip' }).catch((e: unknown) => e);
    expect(isValidationError(zipAsZip) && (zipAsZip as Error).message).toMatch(/zip is not a ZIP file/);
    expect(sim.requests.length).toBe(before);
  });

  it('importZip with an .xlsx file name imports it as Excel, as a polled task', async () => {
    const client = await admin();
    const task = await client.schema('pet store').importZip(excelWorkbook({ Category: [['name'], ['fish']] }), { fileName: 'cats.xlsx', interval: 0 });
    expect(task?.status).toBe('COMPLETED');
    expect(sim.requests.some((r) => r.url.pathname === '/pet%20store/api/excel' && r.url.searchParams.has('async'))).toBe(true);
    expect(await client.schema('pet store').table('Category').count('name==fish')).toBe(1);
  });
});

describe('the simulator Excel endpoints, raw', () => {
  const token = async () => {
    const r = await fetch(`${BASE}/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { signin(email: "admin", password: "admin") { token } }' }),
    });
    return ((await r.json()) as { data: { signin: { token: string } } }).data.signin.token;
  };
  const upload = async (path: string, bytes: Uint8Array, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
    return fetch(`${BASE}${path}`, { method: 'POST', body: form, headers: { 'x-molgenis-token': await token() } });
  };

  it('answers a sync import with text, an async one with a task reference; /api/zip imports .xlsx synchronously even with ?async', async () => {
    const book = excelWorkbook({ Category: [['name'], ['fish']] });
    const sync = await upload('/pet%20store/api/excel', book, 'anything.bin');
    expect({ status: sync.status, type: sync.headers.get('content-type') }).toEqual({ status: 200, type: 'text/plain' });
    expect(await sync.text()).toMatch(/^Import success in \d+ms$/);
    const async = await upload('/pet%20store/api/excel?async', book, 'b.xlsx');
    const reference = (await async.json()) as { id: string; url: string };
    expect(reference.url).toBe(`/pet store/api/tasks/${reference.id}`);
    const viaZip = await upload('/pet%20store/api/zip?async=true', book, 'b.xlsx');
    expect(await viaZip.text()).toMatch(/^Import success in \d+ms$/);
  });

  it('still fails every request it does not know', async () => {
    for (const [method, path] of [
      ['DELETE', '/pet%20store/api/excel'],
      ['POST', '/pet%20store/api/excel/Pet'],
      ['GET', '/pet%20store/api/excel/Pet/extra'],
    ] as const) {
      const r = await fetch(`${BASE}${path}`, { method });
      expect({ path, status: r.status }).toEqual({ path, status: 404 });
      expect(await r.text()).toMatch(/the EMX2 simulator has no endpoint/);
    }
  });
});
