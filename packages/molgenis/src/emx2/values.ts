// Values as the column type says (reference §7): decoding answers (LONG strings → number or
// bigint, DATE/DATETIME → Date, references → key objects, absent → null or []), and encoding
// rows for mutations (Date → EMX2's text, bigint → string, a bare key → a key object).
import { ResponseFormatError, ValidationError } from '@bio/core-http';
import { type Catalog, isLayoutColumn, isRefArrayColumn, isRefColumn, refTableOf } from './internal/catalog.js';
import { nearest } from './internal/names.js';
import type { ColumnMetadata, Emx2Row, TableMetadata } from './types.js';

const base = (c: ColumnMetadata): string => c.columnType.replace(/_ARRAY$/, '');
const isList = (c: ColumnMetadata): boolean => c.columnType.endsWith('_ARRAY') || isRefArrayColumn(c) || c.columnType === 'REFBACK';

function bad(column: ColumnMetadata, value: unknown): ResponseFormatError {
  return new ResponseFormatError({
    service: 'molgenis',
    message: `column "${column.name}" (${column.columnType}) answered ${JSON.stringify(value)?.slice(0, 80)}`,
  });
}

/** A LONG: a number while it is safe, else a bigint (never a rounded number). */
export function decodeLong(text: unknown, column: ColumnMetadata): number | bigint {
  if (typeof text === 'number' && Number.isSafeInteger(text)) return text;
  if (typeof text !== 'string' || !/^-?\d+$/.test(text)) throw bad(column, text);
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : BigInt(text);
}

const DATE_TEXT = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;

function decodeDate(text: unknown, column: ColumnMetadata): Date {
  // EMX2 DATE and DATETIME carry no zone: read as UTC, so writing the Date back gives the same text
  if (typeof text !== 'string' || !DATE_TEXT.test(text)) throw bad(column, text);
  const iso = text.length === 10 ? `${text}T00:00:00Z` : `${text.length === 16 ? `${text}:00` : text}Z`;
  const ms = Date.parse(text.charCodeAt(10) === 32 ? `${iso.slice(0, 10)}T${iso.slice(11)}` : iso);
  if (Number.isNaN(ms)) throw bad(column, text);
  return new Date(ms);
}

function decodeScalar(value: unknown, column: ColumnMetadata, kind: string): unknown {
  switch (kind) {
    case 'INT':
    case 'NON_NEGATIVE_INT':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw bad(column, value);
      return value;
    case 'LONG':
      return decodeLong(value, column);
    case 'DECIMAL':
      if (typeof value !== 'number') throw bad(column, value);
      return value;
    case 'BOOL':
      if (typeof value !== 'boolean') throw bad(column, value);
      return value;
    case 'DATE':
    case 'DATETIME':
      return decodeDate(value, column);
    case 'JSON':
      if (typeof value !== 'string') return value;
      try {
        return JSON.parse(value);
      } catch {
        throw bad(column, value);
      }
    case 'FILE':
      return value;
    default:
      if (typeof value !== 'string') throw bad(column, value);
      return value;
  }
}

type Decode = (value: unknown) => unknown;
interface Field {
  id: string;
  list: boolean;
  column: ColumnMetadata;
  one: Decode;
}

// One decoder per selection (built once, reused for every row of every page).
const DECODERS = new WeakMap<readonly ColumnSelection[], (raw: unknown) => Emx2Row>();

function rowDecoder(catalog: Catalog, table: TableMetadata, selected: readonly ColumnSelection[]): (raw: unknown) => Emx2Row {
  const cached = DECODERS.get(selected);
  if (cached) return cached;
  const fields: Field[] = selected.map(({ column, nested }) => {
    const kind = base(column);
    const one: Decode = nested === undefined ? (v) => decodeScalar(v, column, kind) : rowDecoder(catalog, refTableOf(catalog, table, column), nested);
    return { id: column.id, list: isList(column), column, one };
  });
  const decode = (raw: unknown): Emx2Row => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw new ResponseFormatError({ service: 'molgenis', message: `a ${table.name} row is not an object` });
    const obj = raw as Record<string, unknown>;
    const out: Emx2Row = {};
    for (const f of fields) {
      const value = obj[f.id];
      if (value === undefined || value === null) out[f.id] = f.list ? [] : null;
      else if (!f.list) out[f.id] = f.one(value);
      else if (Array.isArray(value)) out[f.id] = value.map(f.one);
      else throw bad(f.column, value);
    }
    return out;
  };
  DECODERS.set(selected, decode);
  return decode;
}

/**
 * One row of a GraphQL answer, decoded for the selected columns: every selected column is
 * present (absent scalars and references as `null`, absent lists as `[]`).
 */
export function decodeRow(catalog: Catalog, table: TableMetadata, raw: unknown, selected: readonly ColumnSelection[]): Emx2Row {
  return rowDecoder(catalog, table, selected)(raw);
}

/** A selected column, with the columns selected of the table it refers to. */
export interface ColumnSelection {
  column: ColumnMetadata;
  nested?: ColumnSelection[] | undefined;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function encodeDate(value: Date, column: ColumnMetadata, field: string): string {
  if (Number.isNaN(value.getTime())) throw new ValidationError({ message: `${field} is an invalid Date`, field });
  const day = `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  if (base(column) === 'DATE') return day;
  return `${day}T${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}.${pad(value.getUTCMilliseconds(), 3)}`;
}

function encodeScalar(value: unknown, column: ColumnMetadata, field: string): unknown {
  if (value instanceof Date) {
    if (base(column) !== 'DATE' && base(column) !== 'DATETIME')
      throw new ValidationError({ message: `${field} is a Date, but column "${column.name}" is ${column.columnType}`, field });
    return encodeDate(value, column, field);
  }
  if (typeof value === 'bigint') return value.toString();
  if (base(column) === 'JSON' && typeof value !== 'string') return JSON.stringify(value);
  if (typeof value === 'number' && !Number.isFinite(value)) throw new ValidationError({ message: `${field} is ${value}, which EMX2 cannot store`, field });
  return value;
}

function encodeKey(catalog: Catalog, table: TableMetadata, column: ColumnMetadata, value: unknown, field: string): unknown {
  const target = refTableOf(catalog, table, column);
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) return encodeRow(catalog, target, value as Emx2Row, field, { keysOnly: false });
  // a bare value for a one-column key: `category: 'cat'` → `{ name: 'cat' }`
  if (target.primaryKey.length !== 1)
    throw new ValidationError({ message: `${field} must be a key object of table "${target.name}" (${target.primaryKey.join(', ')})`, field });
  const keyColumn = target.columns.find((c) => c.id === target.primaryKey[0]) as ColumnMetadata;
  return { [keyColumn.id]: isRefColumn(keyColumn) ? encodeKey(catalog, target, keyColumn, value, field) : encodeScalar(value, keyColumn, field) };
}

// Data columns by id, per table (writes look a column up for every value).
const BY_ID = new WeakMap<TableMetadata, Map<string, ColumnMetadata>>();
function columnsById(table: TableMetadata): Map<string, ColumnMetadata> {
  let map = BY_ID.get(table);
  if (!map) {
    map = new Map(table.columns.filter((c) => !isLayoutColumn(c)).map((c) => [c.id, c]));
    BY_ID.set(table, map);
  }
  return map;
}

/** A row for a mutation: known columns only (else a `ValidationError` with the nearest name), values encoded. */
export function encodeRow(catalog: Catalog, table: TableMetadata, row: Emx2Row, field: string, o: { keysOnly: boolean }): Emx2Row {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new ValidationError({ message: `${field} must be an object`, field });
  const out: Emx2Row = {};
  for (const [key, value] of Object.entries(row)) {
    if (value === undefined) continue;
    const column = columnsById(table).get(key);
    if (!column) throw unknownColumn(table, key, field);
    if (o.keysOnly && column.key !== 1) continue;
    if (column.columnType === 'REFBACK') continue; // EMX2 ignores refbacks on input
    const f = `${field}.${key}`;
    if (value === null) out[key] = null;
    else if (isRefColumn(column)) out[key] = encodeKey(catalog, table, column, value, f);
    else if (isList(column)) {
      if (!Array.isArray(value)) throw new ValidationError({ message: `${f} must be an array (column "${column.name}" is ${column.columnType})`, field: f });
      out[key] = value.map((v, i) => (isRefArrayColumn(column) ? encodeKey(catalog, table, column, v, `${f}[${i}]`) : encodeScalar(v, column, `${f}[${i}]`)));
    } else out[key] = encodeScalar(value, column, f);
  }
  return out;
}

function unknownColumn(table: TableMetadata, key: string, field: string): ValidationError {
  const best = nearest(
    key,
    table.columns.filter((c) => !isLayoutColumn(c)).map((c) => c.id),
  );
  return new ValidationError({
    message: `${field}: unknown column "${key}" of table "${table.name}"${best ? ` — did you mean "${best}"?` : ''}`,
    field: `${field}.${key}`,
  });
}
