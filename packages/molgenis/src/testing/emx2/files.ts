// The batch API: CSV per table (download with `filter`, upload = upsert in 100-row transactions,
// delete by keys), ZIP of the schema (download; upload in one transaction, sync or as a task).
import { randomUUID } from 'node:crypto';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { csvLine, EMX2_CSV, readCsv, readUploadedArrayCell, serverArrayCell } from '../../internal/csv.js';
import { matches } from './filter.js';
import { Emx2SimError, javaDouble } from './json.js';
import { isArray, isLayout, isRef, isRefArray, keyColumn, referenced, refTable } from './model.js';
import { applyRows } from './mutate.js';
import type { ExecContext } from './query.js';
import { holdBack, outcomeOf } from './task-work.js';
import type { SimColumn, SimRow, SimSchema, SimTable, SimTask } from './types.js';

function csvColumns(table: SimTable, system: boolean): SimColumn[] {
  return table.columns.filter((c) => !isLayout(c) && (!c.name.startsWith('mg_') || system || c.name === 'mg_draft'));
}

// `Row#getString` → `TypeUtils#toString`: arrays through `joinCsvString` (an element with a comma
// wrapped in quotes, nothing escaped), then every cell trimmed; DECIMAL as Java's Double.toString,
// DATETIME as LocalDateTime.toString (zero seconds dropped).
function cellText(column: SimColumn, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) {
    const element = { ...column, columnType: column.columnType.replace(/_ARRAY$/, '') as SimColumn['columnType'] };
    return serverArrayCell(value.map((v) => (v === undefined || v === null ? '' : rawText(element, v)))).trim();
  }
  return rawText(column, value).trim();
}

function rawText(column: SimColumn, value: unknown): string {
  if (column.columnType === 'DECIMAL') return javaDouble(value as number);
  if (column.columnType === 'DATETIME') return String(value).replace(/:00$/, ''); // LocalDateTime.toString drops zero seconds
  if (column.columnType === 'FILE') return String((value as { id?: unknown }).id ?? '');
  return String(value);
}

/**
 * A table's download as cells: a header of column names, then the rows in stored order (CSV and
 * Excel alike). A FILE column is two columns, `<name>` (the file id) and `<name>_filename`
 * (`TableMetadata#getDownloadColumnNames`).
 */
export function tableRecords(schema: SimSchema, table: SimTable, options: { filter?: unknown; system?: boolean }): string[][] {
  const columns = csvColumns(table, options.system === true);
  const records = [columns.flatMap((c) => (c.columnType === 'FILE' ? [c.name, `${c.name}_filename`] : [c.name]))];
  for (const row of table.rows) {
    if (!matches(schema, table, row, options.filter)) continue;
    const cells: string[] = [];
    for (const c of columns) {
      if (c.columnType === 'REFBACK') {
        const key = keyColumn(refTable(schema, c)).id;
        cells.push(serverArrayCell(referenced(schema, table, c, row).map((r) => String(r[key]))).trim());
      } else if (c.columnType === 'FILE') {
        const file = row[c.id] as { filename?: unknown } | undefined | null;
        cells.push(cellText(c, row[c.id]), file?.filename === undefined || file.filename === null ? '' : String(file.filename).trim());
      } else cells.push(cellText(c, row[c.id]));
    }
    records.push(cells);
  }
  return records;
}

/** `GET /{schema}/api/csv/{table}`: header of column names, rows in stored order. */
export function tableCsv(schema: SimSchema, table: SimTable, options: { filter?: unknown; separator?: string; system?: boolean }): string {
  const sep = options.separator ?? ',';
  return `${tableRecords(schema, table, options)
    .map((r) => csvLine(r, sep))
    .join('\n')}\n`;
}

function guessSeparator(text: string): string {
  const first = text.slice(0, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n'));
  return first.includes(';') ? ';' : first.includes('\t') ? '\t' : ',';
}

function inputValue(schema: SimSchema, column: SimColumn, cell: string): unknown {
  if (cell === '') return null;
  const scalar = (c: SimColumn, v: string): unknown => {
    const base = c.columnType.replace(/_ARRAY$/, '');
    if (base === 'INT' || base === 'NON_NEGATIVE_INT' || base === 'DECIMAL') {
      const n = Number(v);
      if (Number.isNaN(n)) throw new Emx2SimError(`Validation failed: ${v} is not valid ${base}`);
      return n;
    }
    if (base === 'BOOL') return v.toLowerCase() === 'true';
    return v;
  };
  if (isRef(column)) return { [keyColumn(refTable(schema, column)).id]: cell };
  // The server's array reader (`TypeUtils#splitCsvString`): no unescaping, trimmed, empty dropped.
  if (isRefArray(column)) return readUploadedArrayCell(cell).map((k) => ({ [keyColumn(refTable(schema, column)).id]: k }));
  if (isArray(column)) return readUploadedArrayCell(cell).map((v) => scalar(column, v));
  return scalar(column, cell);
}

/** CSV text → GraphQL-style input rows (unknown columns ignored, as EMX2 does with a warning). */
export function csvInputs(schema: SimSchema, table: SimTable, text: string): { rows: Record<string, unknown>[]; deletes: Record<string, unknown>[] } {
  const records = readCsv(text, guessSeparator(text), EMX2_CSV);
  return recordInputs(schema, table, records.shift() ?? [], records);
}

/** Header and records (cell texts) → GraphQL-style input rows (unknown columns ignored). */
export function recordInputs(
  schema: SimSchema,
  table: SimTable,
  header: readonly string[],
  records: readonly (readonly string[])[],
): { rows: Record<string, unknown>[]; deletes: Record<string, unknown>[] } {
  const key = keyColumn(table);
  const columns = header.map((h) => table.columns.find((c) => c.name === h || c.id === h));
  const keyAt = columns.indexOf(key);
  const deleteAt = header.indexOf('mg_delete');
  if (records.length > 0 && keyAt < 0 && key.columnType !== 'AUTO_ID') throw new Emx2SimError(`Missing keys found in table '${table.name}': ${key.name}`);
  const rows: Record<string, unknown>[] = [];
  const deletes: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const record of records) {
    const row: Record<string, unknown> = {};
    columns.forEach((c, i) => {
      if (!c || isLayout(c) || c.columnType === 'REFBACK' || (c.name.startsWith('mg_') && c.name !== 'mg_draft')) return;
      const v = inputValue(schema, c, record[i] ?? '');
      if (v !== null) row[c.id] = v;
    });
    if (keyAt >= 0) {
      const k = record[keyAt] ?? '';
      if (seen.has(k)) duplicates.push(k);
      seen.add(k);
    }
    (deleteAt >= 0 && record[deleteAt] === 'true' ? deletes : rows).push(row);
  }
  if (duplicates.length > 0) throw new Emx2SimError(`Duplicate keys found in table ${table.name}: [${duplicates.join(', ')}]`);
  return { rows, deletes };
}

/** `POST /{schema}/api/csv/{table}`: save in batches of 100, each its own transaction; then the deletes. */
export function importCsv(ctx: ExecContext, schema: SimSchema, table: SimTable, text: string): number {
  const { rows, deletes } = csvInputs(schema, table, text);
  for (let i = 0; i < rows.length; i += 100) applyRows(ctx, schema, table, 'save', rows.slice(i, i + 100), 'csv');
  if (deletes.length > 0) applyRows(ctx, schema, table, 'delete', deletes, 'csv');
  return rows.length + deletes.length;
}

/**
 * `POST /{schema}/api/csv` with a `fileName` header, synchronous: `Table#save` of every row in one
 * transaction (a bad row writes nothing) and no `mg_delete` handling (`CsvApi#mergeMetadata`).
 */
export function saveCsv(ctx: ExecContext, schema: SimSchema, table: SimTable, text: string): number {
  const { rows, deletes } = csvInputs(schema, table, text);
  return applyRows(ctx, schema, table, 'save', [...rows, ...deletes], 'csv');
}

/** `DELETE /{schema}/api/csv/{table}`: the count of rows deleted. */
export function deleteCsv(ctx: ExecContext, schema: SimSchema, table: SimTable, text: string): number {
  const { rows } = csvInputs(schema, table, text);
  return applyRows(ctx, schema, table, 'delete', rows, 'csv');
}

/** The schema's metadata as EMX2's `molgenis` table: one line per table, then one per column. */
export function metadataRecords(schema: SimSchema): string[][] {
  const lines = [['tableName', 'columnName', 'columnType', 'key', 'required', 'refTable', 'refBack', 'description']];
  for (const t of schema.tables) {
    lines.push([t.name, '', '', '', '', '', '', t.description ?? '']);
    for (const c of t.columns)
      if (!c.name.startsWith('mg_'))
        lines.push([
          t.name,
          c.name,
          c.columnType.toLowerCase(),
          c.key ? String(c.key) : '',
          c.required ?? '',
          c.refTableName ?? '',
          c.refBackName ?? '',
          c.description ?? '',
        ]);
  }
  return lines;
}

function metadataCsv(schema: SimSchema): string {
  return `${metadataRecords(schema)
    .map((r) => csvLine(r))
    .join('\n')}\n`;
}

/** `GET /{schema}/api/zip[/{table}]`: `molgenis.csv` and one CSV per table. */
export function schemaZip(schema: SimSchema, only: SimTable | undefined, system: boolean): Uint8Array {
  const files: Record<string, Uint8Array> = { 'molgenis.csv': strToU8(metadataCsv(schema)) };
  for (const t of only ? [only] : schema.tables) files[`${t.name}.csv`] = strToU8(tableCsv(schema, t, { system }));
  return zipSync(files);
}

/** Referenced tables before the tables referring to them (self references aside). */
export function dependencyOrder(schema: SimSchema, tables: SimTable[]): SimTable[] {
  const out: SimTable[] = [];
  const visit = (t: SimTable, path: Set<SimTable>): void => {
    if (out.includes(t) || path.has(t)) return;
    path.add(t);
    for (const c of t.columns) if ((isRef(c) || isRefArray(c)) && c.refTableName !== t.name) visit(refTable(schema, c), path);
    if (tables.includes(t)) out.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return out;
}

/** Import a ZIP's table CSVs in one transaction: any failure puts every table back. */
export function importZip(ctx: ExecContext, schema: SimSchema, zip: Uint8Array): void {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch (error) {
    throw new Emx2SimError(`Import failed: not a valid zip file (${(error as Error).message})`);
  }
  const tables: [SimTable, string][] = [];
  for (const [name, bytes] of Object.entries(files)) {
    if (!name.endsWith('.csv') || name.startsWith('molgenis') || name.includes('/')) continue;
    const table = schema.tables.find((t) => t.name === name.slice(0, -4));
    if (table) tables.push([table, strFromU8(bytes)]);
  }
  const snapshot = new Map<SimTable, SimRow[]>(schema.tables.map((t) => [t, t.rows]));
  try {
    for (const t of dependencyOrder(
      schema,
      tables.map(([t]) => t),
    )) {
      const text = tables.find(([x]) => x === t)?.[1] ?? '';
      const { rows } = csvInputs(schema, t, text);
      if (rows.length > 0) applyRows(ctx, schema, t, 'save', rows, 'zip');
    }
  } catch (error) {
    for (const [t, rows] of snapshot) t.rows = rows;
    throw error;
  }
}

/**
 * Start a task that ends (after `taskPolls` polls) as the work did; answers EMX2's task reference
 * (`web/TaskReference.java`, compact JSON) as `contentType`: `application/json` where the server
 * sends it with `ctx.json` (ZIP, Excel), Javalin's default `text/plain` where it writes its text
 * with `ctx.result` (the CSV upload, `CsvApi#mergeMetadata`). Sub-tasks the work returns (an array)
 * are the task's own once it ends. `oneTransaction` (ZIP and Excel imports, which the server runs
 * in one transaction): the work runs when the task ends, so nothing of it is visible while the task
 * is WAITING or RUNNING; otherwise (a CSV import, committed every 100 rows) it runs at once.
 */
export function startTask(
  ctx: ExecContext,
  schema: SimSchema,
  what: string,
  work: () => unknown,
  { oneTransaction = false, contentType = 'application/json' }: { oneTransaction?: boolean; contentType?: string } = {},
): Response {
  const id = randomUUID();
  const outcome = oneTransaction ? undefined : outcomeOf(what, work);
  const task: SimTask = { id, status: 'WAITING', description: `${what} (waiting)`, subTasks: [], pollsLeft: ctx.state.taskPolls, outcome };
  if (oneTransaction) holdBack(task, what, work);
  ctx.state.tasks.set(id, task);
  return new Response(JSON.stringify({ id, url: `/${schema.name}/api/tasks/${id}` }), { headers: { 'content-type': contentType } });
}
