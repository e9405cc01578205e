// OMERO.tables through webgateway: the bulk annotation of a well
// (`/webgateway/table/Screen.plateLinks.child.wells/{well}/query/?query=Well-{well}`) and
// queries of a table by file id. Soft errors are HTTP 200 `{"error": …}` (see omeroErrorInBody).
import {
  type CallOptions,
  CsvHtmlDocumentScan,
  createHttpError,
  isNotFoundError,
  offsetPages,
  paged,
  type Paged,
  path,
  ResponseFormatError,
  ValidationError,
} from '@bio/core-http';
import { DEFAULT_CONCURRENCY } from './constants.js';
import { NoTableError, omeroErrorInBody } from './errors.js';
import { withProgress } from './internal/progress.js';
import { callSignal } from './internal/signal.js';
import type { IdrListOptions } from './list-options.js';
import { fileAnnotations } from './annotations.js';
import { annotationId, type AnnotationId, fileId, type FileId, type IdInput, type PlateId, type ScreenId, type WellId, wellId } from './ids.js';
import { singleTarget } from './internal/targets.js';
import { withCall } from './internal/call.js';
import type { IdrContext } from './internal/context.js';
import { type Exchange, isObject, jsonOf, unexpectedShape } from './internal/json.js';

/** A table cell as sent: numbers for id/long/double columns, strings, booleans. @example `row.Well as number` */
export type TableCell = string | number | boolean | null;

/** A column with its OMERO.tables type (`WellColumn`, `StringColumn`, `LongColumn`, …). @example `table.columns.map((c) => `${c.name}: ${c.type}`)` */
export interface TableColumn {
  /** The column's name, e.g. `Well`, `Characteristics [Organism]`. */
  name: string;
  /** The OMERO.tables column type (`column_types`), e.g. `WellColumn`; `unknown` when the server sends no types. */
  type: string;
}

/**
 * Rows of an OMERO.table, as arrays (`rawRows`) and as objects keyed by column name (`rows`).
 *
 * @example
 * ```ts
 * const t = await idr.bulkAnnotations({ well: 45217 });
 * t.rows[0]?.['Characteristics [Organism]']; // 'Homo sapiens'
 * ```
 */
export interface TableResult {
  /** The columns returned, in order. */
  columns: TableColumn[];
  /** The rows as objects keyed by column name (`null` for a missing cell). */
  rows: Record<string, TableCell>[];
  /** The rows as the server sent them: one array per row, cells in `columns` order. */
  rawRows: TableCell[][];
  /** `rowCount`: rows in the whole table; `totalCount`: rows matching the query; `limit` (null when none) and `offset` as applied. */
  meta: { rowCount: number; totalCount: number; limit: number | null; offset: number };
  /** The OMERO.table's original file id. */
  tableId: FileId | undefined;
  /** The file annotation holding the table (download it with `idr.download(annotationId)`). */
  annotationId: AnnotationId | undefined;
  /** Bulk annotations only: the OMERO type of the object the table is attached to, e.g. `Screen`. */
  parentType?: string;
  /** Bulk annotations only: the id of the object the table is attached to, e.g. screen 206. */
  parentId?: number;
  /** Bulk annotations only: the owner of the file annotation holding the table, `"first last"` (`Public data` on IDR). */
  owner?: string;
  /** Bulk annotations only: who linked the table to the object (the link's owner), `"first last"`. */
  addedBy?: string;
  /** Bulk annotations only: when the table was linked to the object, milliseconds since the epoch. */
  addedOn?: number;
}

/**
 * Options of {@link Idr.table}: which rows and columns, plus {@link CallOptions}.
 *
 * @example
 * ```ts
 * await idr.table(15026339, { query: '(Well==45217)', columns: ['Plate', 'Well'], max: 100 });
 * ```
 */
export interface TableQueryOptions extends CallOptions {
  /** `*`, `Well-123` (→ `(Well==123)`) or a PyTables condition like `(Gene==b'CDC20')`. Default `*`. */
  query?: string | undefined;
  /** Only these columns (`col_names`). */
  columns?: readonly string[] | undefined;
  /** First matching row to return (0-based). Default 0. */
  offset?: number | undefined;
  /** At most this many rows (sent as `limit`). The server refuses more than 10 000 matching rows without it. */
  max?: number | undefined;
}

function toTable(body: unknown, at: Exchange): TableResult {
  if (!isObject(body) || !isObject(body.data) || !Array.isArray(body.data.columns) || !Array.isArray(body.data.rows)) {
    throw unexpectedShape('a table query result ({"data": {"columns", "rows"}})', at, body);
  }
  const names = body.data.columns as string[];
  const types = Array.isArray(body.data.column_types) ? (body.data.column_types as string[]) : [];
  const rawRows = body.data.rows as TableCell[][];
  const columns = names.map((name, i) => ({ name, type: types[i] ?? 'unknown' }));
  const rows = rawRows.map((row) => Object.fromEntries(names.map((name, i) => [name, row[i] ?? null])));
  const meta = isObject(body.meta) ? (body.meta as TableResult['meta']) : { rowCount: rawRows.length, totalCount: rawRows.length, limit: null, offset: 0 };
  const out: TableResult = {
    columns,
    rows,
    rawRows,
    meta,
    tableId: typeof body.id === 'number' ? fileId(body.id) : undefined,
    annotationId: typeof body.annId === 'number' ? annotationId(body.annId) : undefined,
  };
  if (typeof body.parentType === 'string') out.parentType = body.parentType;
  if (typeof body.parentId === 'number') out.parentId = body.parentId;
  if (typeof body.owner === 'string') out.owner = body.owner;
  if (typeof body.addedBy === 'string') out.addedBy = body.addedBy;
  if (typeof body.addedOn === 'number') out.addedOn = body.addedOn;
  return out;
}

/** GET the screen's bulk annotation rows for one well. */
export async function bulkAnnotations(ctx: IdrContext, target: { well: IdInput<WellId> }, options?: CallOptions): Promise<TableResult> {
  if (!isObject(target) || target.well === undefined) throw new ValidationError({ message: 'bulkAnnotations needs { well }', field: 'well' });
  const well = wellId(target.well, 'well');
  const route = path`webgateway/table/Screen.plateLinks.child.wells/${well}/query/`;
  const searchParams = { query: `Well-${well}` };
  let got: { body: unknown; at: Exchange };
  try {
    got = await jsonOf(ctx.http.get(route, withCall({ searchParams }, options)), 'GET', ctx.http.url(route, searchParams));
  } catch (error) {
    // HTTP 200 {"error": "Could not retrieve bulk annotations table"}: the screen has none.
    if (isNotFoundError(error) && /could not retrieve/i.test(error.serviceMessage ?? ''))
      throw new NoTableError({
        target: `well ${well}`,
        method: 'GET',
        url: ctx.http.url(route, searchParams),
        serviceMessage: error.serviceMessage ?? '',
        cause: error,
      });
    throw error;
  }
  return toTable(got.body, got.at);
}

/** GET `/webgateway/table/{fileId}/query/?query=…`. */
export async function table(ctx: IdrContext, id: IdInput<FileId>, options: TableQueryOptions = {}): Promise<TableResult> {
  const file = fileId(id, 'table');
  const route = path`webgateway/table/${file}/query/`;
  for (const [field, value, min] of [
    ['offset', options.offset, 0],
    ['max', options.max, 1],
  ] as const) {
    if (value !== undefined && (!Number.isSafeInteger(value) || value < min))
      throw new ValidationError({ message: `${field} must be an integer ≥ ${min}, got ${value}`, field });
  }
  const searchParams = { query: options.query ?? '*', col_names: options.columns, offset: options.offset, limit: options.max };
  const { body, at } = await jsonOf(
    ctx.http.get(route, withCall({ searchParams, arrayFormat: 'repeat' as const }, options)),
    'GET',
    ctx.http.url(route, searchParams),
  );
  return toTable(body, at);
}

/**
 * Options of {@link Idr.tableRows}: which rows and columns, and the paging of an
 * {@link IdrListOptions} (`pageSize` default 1000; the server refuses more than 10 000 rows per
 * request without a limit, so every request has one).
 *
 * @example
 * ```ts
 * idr.tableRows(15026339, { query: "(Gene==b'CDC20')", columns: ['Well', 'Gene'], pageSize: 5000 });
 * ```
 */
export interface TableRowsOptions extends IdrListOptions {
  /** `*` (default), `Well-123` or a PyTables condition. */
  query?: string | undefined;
  /** Only these columns. */
  columns?: readonly string[] | undefined;
}

const TABLE_PAGE = 1000;
const TABLE_CAP = 10_000;

/** Every row of a table query, page by page past the server's 10 000-row cap; `total()` is `meta.totalCount`. */
export function tableRows(ctx: IdrContext, id: IdInput<FileId>, options: TableRowsOptions = {}): Paged<Record<string, TableCell>> {
  const file = fileId(id, 'table');
  if (options.pageSize !== undefined && options.pageSize > TABLE_CAP)
    throw new ValidationError({ message: `pageSize must be at most ${TABLE_CAP} (the server's row cap)`, field: 'pageSize' });
  const route = path`webgateway/table/${file}/query/`;
  const fetchPage = async ({ offset, limit, signal }: { offset: number; limit: number; signal?: AbortSignal }) => {
    const searchParams = { query: options.query ?? '*', col_names: options.columns, offset, limit };
    const request = withCall({ searchParams, arrayFormat: 'repeat' as const }, { signal, timeout: options.timeout });
    const { body, at } = await jsonOf(ctx.http.get(route, request), 'GET', ctx.http.url(route, searchParams));
    const result = toTable(body, at);
    return { items: result.rows, total: result.meta.totalCount };
  };
  return paged(
    withProgress(
      ({ max, signal }) =>
        offsetPages(fetchPage, { pageSize: options.pageSize ?? TABLE_PAGE, max, signal, concurrency: ctx.concurrency ?? DEFAULT_CONCURRENCY }),
      options.onProgress,
    ),
    { ...options, signal: callSignal(ctx, options) },
  );
}

/** CSV records in `text` (line ends inside quotes do not count). */
function csvRecords(text: string): { records: number; complete: boolean } {
  let records = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === '\n' && !quoted) records++;
  }
  // csv.writer ends every record with \r\n: a page that does not was cut inside a record.
  return { records, complete: !quoted && (text.length === 0 || text.endsWith('\n')) };
}

/**
 * Options of {@link Idr.tableCsv}.
 *
 * @example
 * ```ts
 * await idr.tableCsv(15026339, { query: '*', pageSize: 5000 });
 * ```
 */
export interface TableCsvOptions extends CallOptions {
  /** `*` (default) or a PyTables condition. */
  query?: string | undefined;
  /** Rows per request (default 5000). */
  pageSize?: number | undefined;
}

/**
 * A whole table query as CSV (`webclient/omero_table/{id}/csv/`: the header, then the rows),
 * streamed page by page as the reader asks for more: the server sends at most its page size (500
 * on IDR) per request, so every request names its `offset` and `limit`.
 */
export function tableCsv(ctx: IdrContext, id: IdInput<FileId>, options: TableCsvOptions = {}): ReadableStream<Uint8Array> {
  const file = fileId(id, 'table');
  const limit = options.pageSize ?? 5000;
  if (!Number.isSafeInteger(limit) || limit < 1) throw new ValidationError({ message: 'pageSize must be a positive integer', field: 'pageSize' });
  const route = path`webclient/omero_table/${file}/csv/`;
  const encoder = new TextEncoder();
  let offset = 0;
  let delivered = 0;
  const signal = callSignal(ctx, options);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const searchParams = { query: options.query ?? '*', offset, limit, header: offset === 0 ? undefined : 'false' };
      const pending = ctx.http.get(route, withCall({ searchParams, accept: 'text/csv' }, { signal, timeout: options.timeout }));
      const text = await pending.text();
      const contentType = (await pending).headers.get('content-type') ?? '';
      if (contentType.includes('json')) {
        // A query error, or no rows at all: the view answers its JSON context.
        const body = JSON.parse(text) as unknown;
        const failure = omeroErrorInBody(body);
        if (failure)
          throw createHttpError({
            status: failure.status,
            method: 'GET',
            url: ctx.http.url(route, searchParams),
            service: 'idr',
            serviceMessage: failure.message,
          });
        controller.close();
        return;
      }
      // Only a complete text/csv page is data: an HTML page (with HTTP 200, or after some rows) or
      // a page cut inside a record is a ResponseFormatError naming what was delivered before it.
      const refuse = (problem: string) =>
        new ResponseFormatError({
          message: `GET ${ctx.http.url(route, searchParams)}: ${problem}; ${delivered} rows were delivered before it, the rest of the table was not`,
          service: 'idr',
          method: 'GET',
          url: ctx.http.url(route, searchParams),
          contentType,
          snippet: text,
        });
      if (!/^text\/csv\b/i.test(contentType)) throw refuse(`expected a text/csv page, got ${contentType || 'no content type'}`);
      // (an HTML start inside a quoted cell is a value: a string column may hold a web page)
      if (new CsvHtmlDocumentScan().push(text)) throw refuse('the page holds an HTML document (a proxy or server error page)');
      const { records, complete } = csvRecords(text);
      if (!complete) throw refuse('the page ends inside a record (the answer was cut short)');
      const rows = records - (offset === 0 ? 1 : 0);
      if (text.length > 0) controller.enqueue(encoder.encode(text));
      offset += rows;
      delivered += rows;
      // Only an empty page ends the table: a short page may be an answer cut at a record boundary
      // with a clean end, so the next offset is asked for (one more request per export).
      if (rows === 0) controller.close();
    },
  });
}

/**
 * The bulk annotation table of a screen or plate: its ids, and its rows or CSV on demand.
 *
 * @example
 * ```ts
 * const table = await idr.bulkTable({ screen: 206 });
 * for await (const row of table.rows()) console.log(row.Well);
 * await table.csv().pipeTo(Writable.toWeb(createWriteStream('idr0008.csv')));
 * ```
 */
export interface BulkTable {
  /** The OMERO.table's original file id. */
  tableId: FileId;
  /** The file annotation holding it. */
  annotationId: AnnotationId;
  /**
   * Every row (see {@link Idr.tableRows}).
   *
   * @example
   * ```ts
   * const table = await idr.bulkTable({ screen: 206 });
   * const hits = await table.rows({ query: '(Well==45217)' }).toArray();
   * ```
   */
  rows(options?: TableRowsOptions): Paged<Record<string, TableCell>>;
  /**
   * The whole table as CSV (see {@link Idr.tableCsv}).
   *
   * @example
   * ```ts
   * const table = await idr.bulkTable({ screen: 206 });
   * const csv = await new Response(table.csv()).text();
   * ```
   */
  csv(options?: TableCsvOptions): ReadableStream<Uint8Array>;
}

/**
 * The newest OMERO.table linked to a screen or plate, as OMERO.web's table views pick it
 * (webgateway `_bulk_file_annotations` then `object_table_query`): every file annotation in the
 * bulk-annotation namespace *or* whose file is an `OMERO.tables`, highest file id first, the first
 * one that opens as a table. So the namespace is not asked for: a table in another namespace
 * counts, and a bulk-namespace file that is no table (a CSV, whose query fails there) is passed
 * over here by its MIME type.
 */
export async function bulkTable(
  ctx: IdrContext,
  target: { screen: IdInput<ScreenId> } | { plate: IdInput<PlateId> },
  options: CallOptions = {},
): Promise<BulkTable> {
  const [key, id] = singleTarget(target, ['screen', 'plate'], 'bulkTable');
  const files = await fileAnnotations(ctx, { [key]: id }, options).toArray();
  const tables = files.filter((f) => f.file.mimetype === 'OMERO.tables').sort((a, b) => b.file.id - a.file.id);
  const newest = tables[0];
  if (newest === undefined) throw new NoTableError({ target: `${key} ${id}`, url: ctx.http.url('webclient/api/annotations/') });
  const tableId = fileId(newest.file.id, 'table');
  return {
    tableId,
    annotationId: newest.id,
    rows: (o) => tableRows(ctx, tableId, o),
    csv: (o) => tableCsv(ctx, tableId, o),
  };
}
