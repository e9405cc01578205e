// Values as the column type says (reference §7): decoding answers (LONG strings → number or
// bigint, DATE/DATETIME → Date, references → key objects, absent → null or []), and encoding
// rows for mutations (Date → EMX2's text, bigint → string, a bare key → a key object).
import { ResponseFormatError, ValidationError } from '@bio/core-http';
import { valueForMessage } from '../internal/format-error.js';
import { type Catalog, isLayoutColumn, isRefArrayColumn, isRefColumn, refTableOf } from './internal/catalog.js';
import { nearest } from './internal/names.js';
import type { ColumnMetadata, Emx2Row, TableMetadata } from './types.js';

export const base = (c: ColumnMetadata): string => c.columnType.replace(/_ARRAY$/, '');
export const isList = (c: ColumnMetadata): boolean => c.columnType.endsWith('_ARRAY') || isRefArrayColumn(c) || c.columnType === 'REFBACK';

function bad(column: ColumnMetadata, value: unknown): ResponseFormatError {
  return new ResponseFormatError({
    service: 'molgenis',
    message: `column "${column.name}" (${column.columnType}) answered ${valueForMessage(value)}`,
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

const digit = (text: string, i: number): number => text.charCodeAt(i) - 48;
const two = (text: string, i: number): number => digit(text, i) * 10 + digit(text, i + 1);
const isDigit = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
};
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil), so the
// common forms need neither Date.parse nor Date.UTC.
function epochDays(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

// The common forms, `2026-01-01`, `2026-01-01T12:34`, `…:56`, `…:56.789` (DATE_TEXT's, with
// `T`), read by character codes: the ms since the epoch, or NaN for anything else (a day or
// time out of range, a year before 100 included), which the general path then decides.
function fastDateMs(text: string): number {
  const n = text.length;
  if (n !== 10 && n !== 16 && n !== 19 && n !== 23) return Number.NaN;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return Number.NaN;
  if (
    !isDigit(text, 0) ||
    !isDigit(text, 1) ||
    !isDigit(text, 2) ||
    !isDigit(text, 3) ||
    !isDigit(text, 5) ||
    !isDigit(text, 6) ||
    !isDigit(text, 8) ||
    !isDigit(text, 9)
  )
    return Number.NaN;
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + two(text, 2);
  const month = two(text, 5);
  const day = two(text, 8);
  if (year < 100 || month < 1 || month > 12 || day < 1) return Number.NaN;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (DAYS_IN_MONTH[month - 1] as number) + (leap ? 1 : 0)) return Number.NaN;
  let ms = epochDays(year, month, day) * 86_400_000;
  if (n === 10) return ms;
  if (text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || !isDigit(text, 11) || !isDigit(text, 12) || !isDigit(text, 14) || !isDigit(text, 15))
    return Number.NaN;
  const hour = two(text, 11);
  const minute = two(text, 14);
  if (hour > 23 || minute > 59) return Number.NaN;
  ms += hour * 3_600_000 + minute * 60_000;
  if (n === 16) return ms;
  if (text.charCodeAt(16) !== 58 || !isDigit(text, 17) || !isDigit(text, 18)) return Number.NaN;
  const second = two(text, 17);
  if (second > 59) return Number.NaN;
  ms += second * 1000;
  if (n === 19) return ms;
  if (text.charCodeAt(19) !== 46 || !isDigit(text, 20) || !isDigit(text, 21) || !isDigit(text, 22)) return Number.NaN;
  return ms + digit(text, 20) * 100 + two(text, 21);
}

function decodeDate(text: unknown, column: ColumnMetadata): Date {
  // EMX2 DATE and DATETIME carry no zone: read as UTC, so writing the Date back gives the same text
  if (typeof text !== 'string') throw bad(column, text);
  const fast = fastDateMs(text);
  if (!Number.isNaN(fast)) return new Date(fast);
  if (!DATE_TEXT.test(text)) throw bad(column, text);
  const iso = text.length === 10 ? `${text}T00:00:00Z` : `${text.length === 16 ? `${text}:00` : text}Z`;
  const ms = Date.parse(text.charCodeAt(10) === 32 ? `${iso.slice(0, 10)}T${iso.slice(11)}` : iso);
  if (Number.isNaN(ms)) throw bad(column, text);
  return new Date(ms);
}

/** One value of a column of base type `kind` (the `_ARRAY` suffix removed), as GraphQL answers it. */
export function decodeScalar(value: unknown, column: ColumnMetadata, kind: string): unknown {
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
