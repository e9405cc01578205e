// OMERO.tables through webgateway: the bulk annotation of a well
// (`/webgateway/table/Screen.plateLinks.child.wells/{well}/query/?query=Well-{well}`) and
// queries of a table by file id. Soft errors are HTTP 200 `{"error": …}` (see omeroErrorInBody).
import { type CallOptions, path, ValidationError } from '@bio/core-http';
import { annotationId, type AnnotationId, fileId, type FileId, type IdInput, type WellId, wellId } from './ids.js';
import { withCall } from './internal/call.js';
import type { IdrContext } from './internal/context.js';
import { isObject, unexpectedShape } from './internal/json.js';

/** A table cell as sent: numbers for id/long/double columns, strings, booleans. @example `row.Well as number` */
export type TableCell = string | number | boolean | null;

/** A column with its OMERO.tables type (`WellColumn`, `StringColumn`, `LongColumn`, …). @example `table.columns.map((c) => `${c.name}: ${c.type}`)` */
export interface TableColumn {
  name: string;
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
  columns: TableColumn[];
  rows: Record<string, TableCell>[];
  rawRows: TableCell[][];
  meta: { rowCount: number; totalCount: number; limit: number | null; offset: number };
  /** The OMERO.table's original file id. */
  tableId: FileId | undefined;
  /** The file annotation holding the table (download it with `idr.download(annotationId)`). */
  annotationId: AnnotationId | undefined;
  parentType?: string;
  parentId?: number;
  owner?: string;
  addedBy?: string;
  /** Milliseconds since the epoch. */
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

function toTable(body: unknown, url: string): TableResult {
  if (!isObject(body) || !isObject(body.data) || !Array.isArray(body.data.columns) || !Array.isArray(body.data.rows)) {
    throw unexpectedShape('a table query result ({"data": {"columns", "rows"}})', url, body);
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
  const body = await ctx.http.get(route, withCall({ searchParams }, options)).json<unknown>();
  return toTable(body, ctx.http.url(route, searchParams));
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
  const body = await ctx.http.get(route, withCall({ searchParams, arrayFormat: 'repeat' as const }, options)).json<unknown>();
  return toTable(body, ctx.http.url(route, searchParams));
}
