// The batch API: CSV per table (download streamed, with the server's filter; upload = upsert;
// delete by keys) and ZIP per schema (download; upload as a task, polled).
import { type CallOptions, type Paged, paged, path, ValidationError } from '@bio/core-http';
import { csvLine, readUploadedArrayCell, serverArrayCell } from '../internal/csv.js';
import { checkedCsvRecords, csvDownloadFailure } from '../internal/csv-download.js';
import { decodingAnswer, formatError } from '../internal/format-error.js';
import { compileFilter, prepareFilter } from './filter.js';
import { callOf, type Ctx } from './internal/context.js';
import { csvFields, csvRowDecoder, needsSystemColumns } from './internal/csv-values.js';
import { checkUpload, postUpload } from './internal/upload.js';
import { type TableRef, tableMeta } from './read.js';
import { waitForTask } from './tasks.js';
import { selection } from './select.js';
import type { CsvExportOptions, CsvImportOptions, CsvRecordsOptions, Emx2Row, Emx2Task, ZipImportOptions } from './types.js';

/**
 * A CSV download not yet read: take it as text, as a byte stream, as rows of cell texts, or as
 * records typed as `rows()` types them — each parsed as it arrives.
 *
 * @example
 * ```ts
 * const download = pets.exportCsv({ filter: 'status==sold' });
 * const sold = await download.records().toArray(); // [{ name: 'spike', category: { name: 'dog' }, weight: 15.7, … }]
 * ```
 */
export interface CsvExport<T extends object = Emx2Row> {
  /**
   * The whole CSV text.
   *
   * @example
   * ```ts
   * const csv = await pets.exportCsv().text(); // 'name,category,photoUrls,status,tags,weight,orders,mg_draft\npooky,cat,…'
   * ```
   */
  text(): Promise<string>;
  /**
   * The body as it arrives.
   *
   * @example
   * ```ts
   * import { createWriteStream } from 'node:fs';
   *
   * const out = createWriteStream('Pet.csv');
   * const reader = (await pets.exportCsv().stream()).getReader();
   * for (let part = await reader.read(); !part.done; part = await reader.read()) out.write(part.value);
   * out.end();
   * ```
   */
  stream(): Promise<ReadableStream<Uint8Array>>;
  /**
   * Rows as `{ column name: cell text }`, parsed while streaming. A body that is not CSV (an HTML
   * page with 200), holds an HTML page or ends inside a record rejects with a `ResponseFormatError`
   * naming the rows delivered before it — never with half a row.
   *
   * @example
   * ```ts
   * for await (const row of pets.exportCsv({ filter: 'status==sold' }).rows()) console.log(row.name, Number(row.weight));
   * ```
   */
  rows(): AsyncIterable<Record<string, string>>;
  /**
   * The whole table in one download (the pyclient's `get` route), each row decoded as `rows()`
   * decodes it — the same values for the same row: LONG as a number (a bigint past 2^53), DECIMAL
   * and INT as numbers, DATE/DATETIME as `Date` (UTC), BOOL, JSON parsed, arrays as arrays,
   * references as key objects (`{ name: 'cat' }`), empty cells as `null` or `[]`. Rows come in
   * the server's order (none: PostgreSQL's heap order), and are parsed while the body arrives;
   * one page per piece of the body.
   *
   * What CSV cannot carry is refused with a `ValidationError` before the download: FILE columns,
   * references to a table with a composite key, columns of a referenced table beyond its key —
   * leave them out with `columns`, or use `rows()`. Known differences from `rows()`: the server
   * trims every cell, so TEXT loses leading and trailing white space; `ref_array` keys come in the
   * stored order (GraphQL gives the referenced table's order); an array element starting with a
   * double quote cannot be read back (the server does not escape it) and fails that read with a
   * `ResponseFormatError`. A body that is not CSV (an HTML page with 200), holds an HTML page or
   * ends inside a record rejects with a `ResponseFormatError`; a dropped connection with a
   * `NetworkError` — never with half a row.
   *
   * @example
   * ```ts
   * for await (const s of samples.exportCsv({ filter: 'flag==true' }).records()) console.log(s.id, s.count, s.day.toISOString());
   * const heavy = await pets.exportCsv({ filter: 'weight=gt=5' }).records({ columns: ['name', 'weight'] }).toArray();
   * ```
   */
  records(options?: CsvRecordsOptions): Paged<T>;
}

/** `GET /{schema}/api/csv/{table}` (column names, not ids; no paging). */
export function exportCsv<T extends object = Emx2Row>(ref: TableRef, options: CsvExportOptions = {}): CsvExport<T> {
  const prepared = prepareFilter(options.filter);
  if (options.separator !== undefined && options.separator !== ',' && options.separator !== '\t')
    throw new ValidationError({ message: 'separator must be "," or "\\t"', field: 'separator' });
  const params = async (system: boolean, call: CallOptions): Promise<{ url: string; searchParams: Record<string, string> }> => {
    const { catalog, table } = await tableMeta(ref, call);
    const filter = compileFilter(catalog, table, prepared);
    const searchParams: Record<string, string> = {};
    if (filter !== undefined) searchParams.filter = JSON.stringify(filter);
    if (options.separator === '\t') searchParams.separator = 'TAB';
    if (options.includeSystemColumns || system) searchParams.includeSystemColumns = 'true';
    return { url: path`${ref.schema}/api/csv/${table.name}`, searchParams };
  };
  const request = async (): Promise<{ url: string; searchParams: Record<string, string>; response: Response }> => {
    const { url, searchParams } = await params(false, options);
    return { url, searchParams, response: await ref.ctx.http.get(url, { searchParams, accept: 'text/csv', ...callOf(options) }) };
  };
  const separator = options.separator ?? ',';
  return {
    records: (o = {}) => typedRecords<T>(ref, options, o, separator, params),
    text: async () => (await request()).response.text(),
    stream: async () => {
      const { url, searchParams, response } = await request();
      if (response.body === null) throw formatError(ref.ctx.http, { method: 'GET', path: url, searchParams, response }, 'the CSV download has no body');
      return response.body;
    },
    async *rows() {
      const { url, searchParams } = await params(false, options);
      let delivered = 0;
      const fail = csvDownloadFailure('download', ref.ctx.http, { path: url, searchParams }, () => delivered);
      let header: string[] | undefined;
      for await (const records of checkedCsvRecords(ref.ctx.http.get(url, { searchParams, accept: 'text/csv', ...callOf(options) }), fail, {
        kind: 'download',
        separator,
      })) {
        for (const record of records) {
          if (header === undefined) {
            header = record;
            continue;
          }
          if (record.length !== header.length) throw fail(`a row has ${record.length} cells, the header ${header.length}`);
          delivered++;
          yield Object.fromEntries(header.map((h, i) => [h, record[i] as string]));
        }
      }
      if (header === undefined) throw fail('the body has no header line');
    },
  };
}

/** `exportCsv().records()`: the download's rows decoded per column type, one page per piece of the body. */
function typedRecords<T>(
  ref: TableRef,
  options: CsvExportOptions,
  o: CsvRecordsOptions,
  separator: string,
  params: (system: boolean, call: CallOptions) => Promise<{ url: string; searchParams: Record<string, string> }>,
): Paged<T> {
  if (typeof o !== 'object' || o === null) throw new ValidationError({ message: 'records options must be an object', field: 'options' });
  if (o.columns !== undefined && (!Array.isArray(o.columns) || o.columns.length === 0))
    throw new ValidationError({ message: 'columns must be a non-empty array of column names', field: 'columns' });
  for (const [i, c] of (o.columns ?? []).entries())
    if (typeof c !== 'string' || c === '') throw new ValidationError({ message: `columns[${i}] must be a non-empty string`, field: `columns[${i}]` });
  return paged<T>(
    async function* ({ signal }) {
      const call: CallOptions = { ...callOf(options), ...(signal === undefined ? {} : { signal }) };
      const { catalog, table } = await tableMeta(ref, call);
      const fields = csvFields(catalog, table, selection(catalog, table, o.columns)); // refuses before the download
      const { url, searchParams } = await params(needsSystemColumns(table, fields), call);
      let delivered = 0;
      const fail = csvDownloadFailure('download', ref.ctx.http, { path: url, searchParams }, () => delivered);
      let decode: ((cells: readonly string[]) => Emx2Row) | undefined;
      for await (const records of checkedCsvRecords(ref.ctx.http.get(url, { searchParams, accept: 'text/csv', ...call }), fail, {
        kind: 'download',
        separator,
      })) {
        const items: T[] = [];
        decodingAnswer(fail, () => {
          for (const cells of records) {
            if (decode === undefined) decode = csvRowDecoder(table, fields, cells);
            else items.push(decode(cells) as T);
          }
        });
        delivered += items.length;
        if (items.length > 0) yield { items };
      }
      if (decode === undefined) throw fail('the body has no header line');
    },
    { max: o.max, signal: options.signal },
  );
}

/**
 * An array as one cell, refused when the server would read back something else: its CSV reader
 * drops empty elements, trims white space and unescapes no quotes (`TypeUtils#splitCsvString`).
 */
function arrayCell(elements: string[], field: string): string {
  const cell = serverArrayCell(elements);
  const back = readUploadedArrayCell(cell);
  if (back.length === elements.length && back.every((v, i) => v === elements[i])) return cell;
  // Name the element at fault: one that does not survive on its own, else one whose quotes change
  // how the cell splits.
  const survives = (v: string): boolean => readUploadedArrayCell(serverArrayCell([v]))[0] === v;
  let at = elements.findIndex((v) => !survives(v));
  if (at === -1) at = elements.findIndex((v) => v.includes('"'));
  if (at === -1)
    at = Math.max(
      0,
      elements.findIndex((v, i) => v !== back[i]),
    );
  throw new ValidationError({
    message: `${field}[${at}]: ${JSON.stringify(elements[at] ?? null)} cannot go through EMX2's CSV API as it is (the server drops empty array elements, trims their white space and unescapes no quotes: it would store ${JSON.stringify(back)}); send this row with table.save() (GraphQL) instead`,
    field: `${field}[${at}]`,
  });
}

function cellOf(value: unknown, field: string): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value))
    return arrayCell(
      value.map((v, i) => cellOf(v, `${field}[${i}]`)),
      field,
    );
  if (value instanceof Date) return value.toISOString().replace(/Z$/, '');
  if (typeof value === 'object') {
    const keys = Object.values(value as Record<string, unknown>);
    if (keys.length !== 1)
      throw new ValidationError({ message: `${field}: a reference in CSV is its one key value; got an object with ${keys.length} fields`, field });
    return cellOf(keys[0], field);
  }
  return String(value);
}

/**
 * Rows (column name or id → value) as an EMX2 CSV text; the header is the union of keys in first-seen order.
 * A reference is written as its one key value, a list as one comma-joined cell, an absent or
 * `null` value as an empty cell. An array element the server's CSV reader would not read back as
 * given (empty, white space at an edge, a quote that changes how the cell splits) is a
 * `ValidationError` naming it: send such rows with `table.save()`.
 *
 * @example
 * ```ts
 * import { toCsv } from '@bio/molgenis/emx2';
 *
 * toCsv([{ name: 'rex', category: { name: 'dog' }, weight: 12.5, tags: ['red', 'green'] }, { name: 'pooky', category: { name: 'cat' } }]);
 * // 'name,category,weight,tags\nrex,dog,12.5,"red,green"\npooky,cat,,\n'
 * ```
 */
export function toCsv(rows: readonly Record<string, unknown>[]): string {
  const header: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const k of Object.keys(row)) {
      if (seen.has(k)) continue;
      seen.add(k);
      header.push(k);
    }
  }
  const lines = [csvLine(header)];
  for (const [i, row] of rows.entries()) lines.push(csvLine(header.map((h) => cellOf(row[h], `rows[${i}].${h}`))));
  return `${lines.join('\n')}\n`;
}

function csvBody(input: string | readonly Record<string, unknown>[], field: string): string {
  if (typeof input === 'string') return input;
  if (!Array.isArray(input)) throw new ValidationError({ message: `${field} must be CSV text or an array of rows`, field });
  return toCsv(input);
}

// `CsvApi#mergeMetadata` writes the task reference's JSON text with `ctx.result`, so it comes as
// `text/plain` (Javalin's default), not `application/json`: parse the text, whatever the type.
// Without an id the error names the request (method, redacted url, status) as the family's
// other ResponseFormatErrors do.
function csvTaskId(ctx: Ctx, url: string, searchParams: Record<string, string>, response: Response, text: string): string {
  let reference: unknown;
  try {
    reference = JSON.parse(text);
  } catch {
    reference = undefined;
  }
  const id = (reference as { id?: unknown } | null | undefined)?.id;
  if (typeof id === 'string') return id;
  throw formatError(ctx.http, { method: 'POST', path: url, searchParams, response }, 'the async CSV import answered no task id', text);
}

/**
 * `POST /{schema}/api/csv/{table}`: upsert the rows (whole rows). EMX2 saves them in batches of
 * 100 rows, each its own transaction — a failure leaves earlier batches written. With
 * `async: true` the server runs the import as a task (`POST /{schema}/api/csv?async` with the
 * table in a `fileName` header), polled until it ends; its failure is an `Emx2TaskError`.
 */
export async function importCsv(
  ref: TableRef,
  input: string | readonly Record<string, unknown>[],
  options: CsvImportOptions = {},
): Promise<Emx2Task | undefined> {
  const body = csvBody(input, 'csv');
  const { table } = await tableMeta(ref, options);
  if (options.async === true) {
    const url = path`${ref.schema}/api/csv`;
    const searchParams = { async: 'true' };
    const answer = ref.ctx.http.post(url, {
      body,
      searchParams,
      headers: { 'content-type': 'text/csv', fileName: table.name },
      retry: false,
      ...callOf(options),
    });
    const reference = await answer.text();
    return waitForTask(ref.ctx, csvTaskId(ref.ctx, url, searchParams, await answer, reference), options);
  }
  const response = await ref.ctx.http.post(path`${ref.schema}/api/csv/${table.name}`, {
    body,
    headers: { 'content-type': 'text/csv' },
    retry: false,
    ...callOf(options),
  });
  await response.arrayBuffer(); // the body is `null` (since 2025-10) or a row count
  return undefined;
}

/** `DELETE /{schema}/api/csv/{table}` with the keys as CSV; returns how many rows were deleted. */
export async function deleteCsv(ref: TableRef, input: string | readonly Record<string, unknown>[], options: CallOptions = {}): Promise<number> {
  const body = csvBody(input, 'keys');
  const { table } = await tableMeta(ref, options);
  const url = path`${ref.schema}/api/csv/${table.name}`;
  const answer = ref.ctx.http.delete(url, { body, headers: { 'content-type': 'text/csv' }, retry: false, ...callOf(options) });
  const text = (await answer.text()).trim();
  if (!/^\d+$/.test(text))
    throw formatError(ref.ctx.http, { method: 'DELETE', path: url, response: await answer }, 'the CSV delete answered no count of deleted rows', text);
  return Number(text);
}

/** `GET /{schema}/api/zip`: the schema (metadata and every table) as ZIP bytes. */
export async function exportZip(ctx: Ctx, schema: string, options: CallOptions & { includeSystemColumns?: boolean | undefined } = {}): Promise<Uint8Array> {
  return ctx.http
    .get(path`${schema}/api/zip`, { searchParams: options.includeSystemColumns ? { includeSystemColumns: 'true' } : {}, ...callOf(options) })
    .bytes();
}

/**
 * `POST /{schema}/api/zip` (multipart `file`): metadata then data, in one transaction. As a task
 * (default) it is polled with `_tasks(id:)` until it ends; a failed import rejects with
 * `Emx2TaskError` carrying the task's message. An `.xlsx` goes to `/api/excel` (`importExcel`):
 * `/api/zip` imports one synchronously even when asked `?async`, answering no task.
 */
export async function importZip(ctx: Ctx, schema: string, zip: Uint8Array | Blob, options: ZipImportOptions = {}): Promise<Emx2Task | undefined> {
  const fileName = options.fileName ?? 'upload.zip';
  if (typeof fileName === 'string' && /\.xlsx$/i.test(fileName)) {
    await checkUpload(zip, fileName, 'zip', ['.xlsx'], 'an .xlsx workbook');
    return postUpload(ctx, schema, 'excel', zip, fileName, options);
  }
  await checkUpload(zip, fileName, 'zip', ['.zip', '.xlsx'], 'a ZIP file');
  // `ZipApi#postZip` tests the part's file name with `endsWith(".zip")`, case-sensitively: a
  // `DATA.ZIP` would be refused ("extension .ZIP not supported"), so the extension goes lower-case.
  return postUpload(ctx, schema, 'zip', zip, fileName.replace(/\.zip$/i, '.zip'), options);
}
