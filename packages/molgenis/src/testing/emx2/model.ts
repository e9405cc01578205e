// Lookups over the simulated schema: tables, columns, keys, references, row text.
import { Emx2SimError } from './json.js';
import type { SimColumn, SimRow, SimSchema, SimTable } from './types.js';

export const REF_TYPES = new Set(['REF', 'SELECT', 'RADIO', 'ONTOLOGY']);
export const REF_ARRAY_TYPES = new Set(['REF_ARRAY', 'MULTISELECT', 'CHECKBOX', 'ONTOLOGY_ARRAY']);
export const NUMERIC_TYPES = new Set(['INT', 'NON_NEGATIVE_INT', 'LONG', 'DECIMAL', 'INT_ARRAY', 'DECIMAL_ARRAY']);

export const isRef = (c: SimColumn): boolean => REF_TYPES.has(c.columnType);
export const isRefArray = (c: SimColumn): boolean => REF_ARRAY_TYPES.has(c.columnType);
export const isReference = (c: SimColumn): boolean => isRef(c) || isRefArray(c) || c.columnType === 'REFBACK';
export const isArray = (c: SimColumn): boolean => c.columnType.endsWith('_ARRAY') || isRefArray(c);
export const isLayout = (c: SimColumn): boolean => c.columnType === 'HEADING' || c.columnType === 'SECTION';
export const isSystem = (c: SimColumn): boolean => c.name.startsWith('mg_');

/** The table whose GraphQL id is `id`. */
export function tableById(schema: SimSchema, id: string): SimTable | undefined {
  return schema.tables.find((t) => t.id === id);
}

/** The table by name or id, case-insensitive (`Schema#getTableByNameOrIdCaseInsensitive`); `undefined` when none. */
export function findTable(schema: SimSchema, name: string): SimTable | undefined {
  const lower = name.toLowerCase();
  return schema.tables.find((t) => t.name.toLowerCase() === lower || t.id.toLowerCase() === lower);
}

/** The table by name or id, case-insensitive (as EMX2's REST paths look them up). */
export function tableByName(schema: SimSchema, name: string): SimTable {
  const found = findTable(schema, name);
  if (!found) throw new Emx2SimError(`Table ${name} unknown`);
  return found;
}

export function refTable(schema: SimSchema, column: SimColumn): SimTable {
  const found = schema.tables.find((t) => t.name === column.refTableName);
  if (!found) throw new Error(`simulator: ${column.name} refers to missing table ${column.refTableName}`);
  return found;
}

export function keyColumn(table: SimTable): SimColumn {
  const key = table.columns.find((c) => c.key === 1);
  if (!key) throw new Error(`simulator: table ${table.name} has no primary key`);
  return key;
}

/** The data columns (no headings), in order. */
export function dataColumns(table: SimTable): SimColumn[] {
  return table.columns.filter((c) => !isLayout(c));
}

/** The referenced rows of a reference column's value (refback: the rows pointing here). */
export function referenced(schema: SimSchema, table: SimTable, column: SimColumn, row: SimRow): SimRow[] {
  const target = refTable(schema, column);
  const targetKey = keyColumn(target).id;
  if (column.columnType === 'REFBACK') {
    const back = target.columns.find((c) => c.name === column.refBackName);
    if (!back) return [];
    const key = row[keyColumn(table).id];
    return target.rows.filter((r) => {
      const v = r[back.id];
      return Array.isArray(v) ? v.includes(key) : v === key;
    });
  }
  const value = row[column.id];
  if (value === undefined || value === null) return [];
  const keys = Array.isArray(value) ? value : [value];
  // in the referenced table's order, not the stored order (EMX2 selects `where key = ANY(array)`)
  return target.rows.filter((r) => keys.includes(r[targetKey]));
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return `{${value.map(String).join(',')}}`;
  return String(value);
}

/** The row's search text: `' ' || col1 || ' ' || col2 …` over stored non-system columns. */
export function searchText(table: SimTable, row: SimRow): string {
  let out = '';
  for (const c of table.columns) if (!isLayout(c) && !isSystem(c) && c.columnType !== 'REFBACK') out += ` ${text(row[c.id])}`;
  return out.toLowerCase();
}
