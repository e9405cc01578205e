// The Excel API (`web/ExcelApi.java`): the schema or one table as .xlsx (POI's `TableStoreForXlsxFile`,
// one sheet per table, header row = column names, every cell a string), and the import of an
// .xlsx as `ImportExcelTask` runs it — sheets named exactly as a table are imported (referenced
// tables first), all in one transaction; other sheets are skipped, unknown columns only warned.
import { randomUUID } from 'node:crypto';
import { dependencyOrder, metadataRecords, recordInputs, tableRecords } from './files.js';
import { Emx2SimError, javaDouble } from './json.js';
import { applyRows } from './mutate.js';
import type { ExecContext } from './query.js';
import type { SimRow, SimSchema, SimSubTask, SimTable } from './types.js';
import { readXlsx, writeXlsx, type XlsxCell, type XlsxReadSheet, type XlsxSheet } from './xlsx.js';

/** The content type EMX2 answers Excel downloads with. */
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// `ExcelIOUtil.toExcelFormat`: a text starting `=` is written `'=` so Excel does not run it.
const excelText = (text: string): string => (text.startsWith('=') ? `'${text}` : text);

function sheet(name: string, records: string[][]): XlsxSheet {
  if (name.length > 30) throw new Emx2SimError(`Writing of excel failed: Excel sheet name '${name}' is too long. Maximum 30 characters`);
  return { name, rows: records.map((r) => r.map(excelText)) };
}

/** `GET /{schema}/api/excel`: the `molgenis` metadata sheet, then one sheet per table. */
export function schemaXlsx(schema: SimSchema, system: boolean): Uint8Array {
  return writeXlsx([sheet('molgenis', metadataRecords(schema)), ...schema.tables.map((t) => sheet(t.name, tableRecords(schema, t, { system })))]);
}

/**
 * `GET /{schema}/api/excel?emx1`: EMX1 (classic MOLGENIS) `entities` and `attributes` sheets, then
 * the data sheets. The simulator writes the EMX1 columns it can derive (name, package, label,
 * description; attribute name, entity, dataType, idAttribute, nillable, refEntity).
 */
export function schemaEmx1Xlsx(schema: SimSchema): Uint8Array {
  const pkg = schema.name.replaceAll(' ', '_');
  const entities = [['name', 'package', 'label', 'description'], ...schema.tables.map((t) => [t.name, pkg, t.name, t.description ?? ''])];
  const attributes = [['name', 'entity', 'dataType', 'idAttribute', 'nillable', 'refEntity', 'description']];
  for (const t of schema.tables)
    for (const c of t.columns) {
      if (c.name.startsWith('mg_') || c.columnType === 'HEADING' || c.columnType === 'SECTION') continue;
      attributes.push([
        c.name,
        `${pkg}_${t.name}`,
        emx1Type(c.columnType),
        c.key === 1 ? 'TRUE' : '',
        c.required === 'true' || c.key === 1 ? 'FALSE' : 'TRUE',
        c.refTableName === undefined ? '' : `${pkg}_${c.refTableName}`,
        c.description ?? '',
      ]);
    }
  return writeXlsx([sheet('entities', entities), sheet('attributes', attributes), ...schema.tables.map((t) => sheet(t.name, tableRecords(schema, t, {})))]);
}

function emx1Type(type: string): string {
  if (type === 'REF' || type === 'SELECT' || type === 'RADIO' || type === 'ONTOLOGY') return 'xref';
  if (type === 'REF_ARRAY' || type === 'MULTISELECT' || type === 'CHECKBOX' || type === 'ONTOLOGY_ARRAY') return 'mref';
  if (type === 'REFBACK') return 'one_to_many';
  if (type === 'DECIMAL') return 'decimal';
  if (type === 'INT' || type === 'NON_NEGATIVE_INT') return 'int';
  if (type === 'BOOL') return 'bool';
  if (type === 'DATETIME') return 'datetime';
  return type.toLowerCase().replace(/_array$/, '');
}

/** `GET /{schema}/api/excel/{table}`: one sheet, with the download's filter and system columns. */
export function tableXlsx(schema: SimSchema, table: SimTable, options: { filter?: unknown; system?: boolean }): Uint8Array {
  return writeXlsx([sheet(table.name, tableRecords(schema, table, options))]);
}

// What POI's streaming reader gives `getTypedCellValue`, as the text a Row then holds.
function cellValue(cell: XlsxCell): string {
  if (cell.kind === 'formula') throw new Emx2SimError('Found formula in Excel file; currently not supported');
  if (cell.kind === 'error') throw new Emx2SimError('Found unknown type ERROR in Excel file; should not happen in this function');
  if (cell.kind === 'number') {
    const n = Number(cell.text);
    return Number.isInteger(n) ? BigInt(n).toString() : javaDouble(n); // a whole number is read as a long
  }
  const text = cell.text.trim(); // `ExcelIOUtil.fromExcelFormat`
  return text.startsWith("'=") ? text.slice(1) : text;
}

/** A sheet as header + records, as `TableStoreForXlsxFile` reads it (empty rows dropped). */
function sheetRecords(s: XlsxReadSheet): { header: string[]; records: string[][] } {
  const [first, ...rest] = s.rows;
  const header: string[] = [];
  for (const [i, cell] of first ?? []) header[i] = cell.text.trim();
  const records: string[][] = [];
  for (const row of rest) {
    const record: string[] = header.map(() => '');
    let any = false;
    for (const [i, cell] of row) {
      if (cell.text.trim() === '') continue;
      const name = header[i];
      if (name === undefined || name === '')
        throw new Emx2SimError(`Read of table '${s.name}' failed: column index ${i} has no column name and contains value '${cell.text}'`);
      record[i] = cellValue(cell);
      any = true;
    }
    if (any) records.push(record);
  }
  return { header: Array.from(header, (h) => h ?? ''), records };
}

const step = (status: string, description: string): SimSubTask => ({ id: randomUUID(), status, description, subTasks: [] });
const NOT_DATA = new Set(['molgenis', 'molgenis_settings', 'molgenis_members', 'molgenis_roles']);

/**
 * Import an .xlsx into the schema in one transaction (any failure puts every table back); returns
 * the task's sub-tasks: per table `Modified n rows in T` (or skipped when empty), unknown columns
 * as a WARNING, sheets that name no table as SKIPPED.
 */
export function importXlsx(ctx: ExecContext, schema: SimSchema, bytes: Uint8Array): SimSubTask[] {
  let sheets: XlsxReadSheet[];
  try {
    sheets = readXlsx(bytes);
  } catch (error) {
    // POI's message for bytes that are not an OOXML package, wrapped as `TableStoreForXlsxFile` does
    throw new Emx2SimError(
      `Error reading excel file: java.lang.Exception: org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException: ${(error as Error).message}`,
    );
  }
  const steps: SimSubTask[] = [];
  const byName = new Map(sheets.map((s) => [s.name, s]));
  const snapshot = new Map<SimTable, SimRow[]>(schema.tables.map((t) => [t, t.rows]));
  try {
    const tables = dependencyOrder(
      schema,
      schema.tables.filter((t) => byName.has(t.name)),
    );
    for (const table of tables) {
      const { header, records } = sheetRecords(byName.get(table.name) as XlsxReadSheet);
      // the download's column names (a FILE column adds `<name>_filename`), as `ImportRowProcessor` knows them
      const known = new Set([...table.columns.flatMap((c) => (c.columnType === 'FILE' ? [c.name, `${c.name}_filename`] : [c.name])), 'mg_delete']);
      const unknown = header.filter((h) => h !== '' && !known.has(h));
      if (unknown.length > 0 && records.length > 0) steps.push(step('WARNING', `Found unknown columns [${unknown.join(', ')}] in sheet ${table.name}`));
      const { rows, deletes } = recordInputs(schema, table, header, records);
      for (let i = 0; i < rows.length; i += 100) applyRows(ctx, schema, table, 'save', rows.slice(i, i + 100), 'excel');
      if (deletes.length > 0) applyRows(ctx, schema, table, 'delete', deletes, 'excel');
      const n = rows.length + deletes.length;
      steps.push(n > 0 ? step('COMPLETED', `Modified ${n} rows in ${table.name}`) : step('SKIPPED', `Skipped table ${table.name}: sheet was empty`));
    }
    for (const s of sheets) {
      const plain = s.name.toLowerCase().replaceAll(' ', '');
      if (NOT_DATA.has(plain) || plain.startsWith('_files/')) continue;
      if (!schema.tables.some((t) => t.name.toLowerCase().replaceAll(' ', '') === plain || t.id.toLowerCase() === plain))
        steps.push(step('SKIPPED', `Skipped sheet with name '${s.name}': no table with that name found`));
    }
    if (tables.length === 0) steps.push(step('SKIPPED', 'Import data skipped: No data sheet included'));
  } catch (error) {
    for (const [t, rows] of snapshot) t.rows = rows;
    throw error;
  }
  steps.push(step('COMPLETED', 'Committing'));
  return steps;
}
