// The Excel API (`/{schema}/api/excel`): the schema or one table as an .xlsx workbook (one sheet
// per table, header row = column names), and an .xlsx imported in one transaction, sync or as a task.
import { type CallOptions, path, ValidationError } from '@bio/core-http';
import { formatError } from '../internal/format-error.js';
import { compileFilter, prepareFilter } from './filter.js';
import { callOf, type Ctx } from './internal/context.js';
import { checkUpload, postUpload } from './internal/upload.js';
import { type TableRef, tableMeta } from './read.js';
import type { Emx2Task, ExcelExportOptions, ExcelImportOptions, TableExcelExportOptions } from './types.js';

/** The content type of an .xlsx workbook. */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `GET url` as .xlsx bytes. */
async function workbook(ctx: Ctx, url: string, searchParams: Record<string, string>, options: CallOptions): Promise<Uint8Array> {
  const answer = ctx.http.get(url, { searchParams, accept: XLSX, ...callOf(options) });
  const bytes = await answer.bytes();
  // An .xlsx is a ZIP: anything else (a proxy's HTML page, a login form) is not the download.
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    const problem = `the Excel download is not an .xlsx workbook (${bytes.length} bytes, no ZIP signature)`;
    throw formatError(ctx.http, { method: 'GET', path: url, searchParams, response: await answer }, problem, new TextDecoder().decode(bytes.subarray(0, 1024)));
  }
  return bytes;
}

/** `GET /{schema}/api/excel`: the schema (a `molgenis` metadata sheet and one sheet per table) as .xlsx bytes; `?emx1` for EMX1. */
export async function exportExcel(ctx: Ctx, schema: string, options: ExcelExportOptions = {}): Promise<Uint8Array> {
  if (options.emx1 && options.includeSystemColumns)
    throw new ValidationError({ message: 'emx1 exports have no system columns: give emx1 or includeSystemColumns, not both', field: 'emx1' });
  const searchParams: Record<string, string> = {};
  if (options.includeSystemColumns) searchParams.includeSystemColumns = 'true';
  if (options.emx1) searchParams.emx1 = 'true';
  return workbook(ctx, path`${schema}/api/excel`, searchParams, options);
}

/** `GET /{schema}/api/excel/{table}`: one sheet, with the server's filter. */
export async function exportTableExcel(ref: TableRef, options: TableExcelExportOptions = {}): Promise<Uint8Array> {
  const prepared = prepareFilter(options.filter);
  const { catalog, table } = await tableMeta(ref, options);
  const filter = compileFilter(catalog, table, prepared);
  const searchParams: Record<string, string> = {};
  if (filter !== undefined) searchParams.filter = JSON.stringify(filter);
  if (options.includeSystemColumns) searchParams.includeSystemColumns = 'true';
  return workbook(ref.ctx, path`${ref.schema}/api/excel/${table.name}`, searchParams, options);
}

/**
 * `POST /{schema}/api/excel` (multipart `file`): metadata sheet then data sheets, in one
 * transaction. As a task (default) polled with `_tasks(id:)` until it ends; a failed import
 * rejects with `Emx2TaskError` carrying the task's message.
 */
export async function importExcel(ctx: Ctx, schema: string, file: Uint8Array | Blob, options: ExcelImportOptions = {}): Promise<Emx2Task | undefined> {
  const fileName = options.fileName ?? 'upload.xlsx';
  await checkUpload(file, fileName, 'file', ['.xlsx'], 'an .xlsx workbook');
  return postUpload(ctx, schema, 'excel', file, fileName, options);
}
