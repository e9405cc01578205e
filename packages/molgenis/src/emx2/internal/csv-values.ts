// A CSV download's cells decoded as `rows()` decodes the GraphQL answer: each cell text is turned
// into the value GraphQL would have sent (a number for INT and DECIMAL, a boolean for BOOL, the
// text otherwise) and handed to the same `decodeScalar`; references become the same key objects.
// What CSV cannot carry faithfully is refused before the download (`csvFields`).
import { ResponseFormatError, ValidationError } from '@bio/core-http';
import { readServerArrayCell } from '../../internal/csv.js';
import { valueForMessage } from '../../internal/format-error.js';
import type { ColumnMetadata, Emx2Row, TableMetadata } from '../types.js';
import { base, type ColumnSelection, decodeScalar, isList } from '../values.js';
import { type Catalog, isRefColumn, isReferenceColumn, isSystemColumn, refTableOf } from './catalog.js';

// Base types whose CSV text is the value GraphQL sends (reference §7, `TypeUtils#toString`).
const SCALAR = new Set([
  'STRING',
  'TEXT',
  'EMAIL',
  'HYPERLINK',
  'UUID',
  'AUTO_ID',
  'PERIOD',
  'JSON',
  'INT',
  'NON_NEGATIVE_INT',
  'LONG',
  'DECIMAL',
  'BOOL',
  'DATE',
  'DATETIME',
]);
const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/; // Java's Double.toString: `9.4`, `1500.0`, `1.0E-4`

type CellDecode = (text: string) => unknown;
const same: CellDecode = (t) => t;

/** One selected column of a CSV download: its id in the row, its header name, its cell decoder. */
export interface CsvField {
  id: string;
  name: string;
  decode: CellDecode;
}

function refuse(field: string, message: string): ValidationError {
  return new ValidationError({ message: `${field}: ${message}; read it with rows() instead`, field });
}

// Cell text → the value GraphQL would have answered (anything else is left as text, so that
// `decodeScalar` rejects it with the same ResponseFormatError as a bad GraphQL value).
function graphqlShaped(kind: string): (text: string) => unknown {
  switch (kind) {
    case 'INT':
    case 'NON_NEGATIVE_INT':
      return (t) => (INTEGER.test(t) ? Number(t) : t);
    case 'DECIMAL':
      return (t) => (DECIMAL.test(t) ? Number(t) : t);
    case 'BOOL':
      return (t) => (t === 'true' ? true : t === 'false' ? false : t);
    default:
      return (t) => t;
  }
}

function scalarDecoder(column: ColumnMetadata, field: string): CellDecode {
  const kind = base(column);
  if (!SCALAR.has(kind) || (column.columnType.endsWith('_ARRAY') && (kind === 'JSON' || kind === 'AUTO_ID')))
    throw refuse(field, `column "${column.name}" is ${column.columnType}, which the CSV download does not carry as rows() reads it`);
  const shaped = graphqlShaped(kind);
  if (kind === 'STRING' || kind === 'TEXT' || kind === 'EMAIL' || kind === 'HYPERLINK' || kind === 'UUID' || kind === 'AUTO_ID' || kind === 'PERIOD')
    return same; // what decodeScalar does with a string
  return (t) => decodeScalar(t === '' ? null : shaped(t), column, kind);
}

// A reference's key object from the one key value the CSV holds (following a key that is itself a reference).
function keyDecoder(catalog: Catalog, table: TableMetadata, column: ColumnMetadata, nested: readonly ColumnSelection[], field: string): CellDecode {
  const target = refTableOf(catalog, table, column);
  if (target.primaryKey.length !== 1)
    throw refuse(
      field,
      `column "${column.name}" refers to "${target.name}", whose key has ${target.primaryKey.length} columns (${target.primaryKey.join(', ')}); EMX2 writes such a reference as one CSV column per key part ("${column.name}.…"), which this read does not decode`,
    );
  const keyId = target.primaryKey[0] as string;
  const key = target.columns.find((c) => c.id === keyId) as ColumnMetadata;
  const only = nested[0];
  if (nested.length !== 1 || only?.column.id !== keyId) {
    const extra = nested.find((s) => s.column.id !== keyId);
    throw refuse(
      field,
      `the CSV download holds a reference to "${target.name}" as its key ("${key.name}") only, not "${column.name}.${extra?.column.name ?? '?'}"`,
    );
  }
  let inner: CellDecode;
  if (isRefColumn(key)) inner = keyDecoder(catalog, target, key, only.nested ?? [], field);
  else if (isReferenceColumn(key) || isList(key)) throw refuse(field, `the key of "${target.name}" is ${key.columnType}`);
  else inner = scalarDecoder(key, field);
  return (t) => ({ [keyId]: inner(t) });
}

function arrayDecoder(column: ColumnMetadata, one: CellDecode): CellDecode {
  return (cell) => {
    const elements = readServerArrayCell(cell);
    if (elements === undefined)
      throw new ResponseFormatError({
        service: 'molgenis',
        message: `column "${column.name}" (${column.columnType}): the cell ${valueForMessage(cell)} has an element starting with a double quote, which EMX2's CSV writer does not escape, so it cannot be read back unambiguously; read this column with rows()`,
      });
    const out = new Array<unknown>(elements.length);
    for (let i = 0; i < elements.length; i++) out[i] = one(elements[i] as string);
    return out;
  };
}

/**
 * The decoders of the selected columns (as `selection()` gives them for `rows()`). A
 * `ValidationError` for what the CSV download cannot carry as `rows()` reads it: FILE columns
 * (only the id and file name are written), references to a table with a composite key (one CSV
 * column per key part), columns of a referenced table other than its key, unknown types.
 */
export function csvFields(catalog: Catalog, table: TableMetadata, selected: readonly ColumnSelection[]): CsvField[] {
  return selected.map(({ column, nested }) => {
    const field = `columns.${column.id}`;
    if (column.columnType === 'FILE')
      throw refuse(
        field,
        `column "${column.name}" is a FILE: the CSV download holds its id and file name only, not the { id, size, filename, extension, url } rows() gives; leave it out with \`columns\``,
      );
    const list = isList(column);
    let one: CellDecode;
    if (isReferenceColumn(column)) one = keyDecoder(catalog, table, column, nested ?? [], field);
    else one = scalarDecoder(column, field);
    if (list) {
      const many = arrayDecoder(column, one);
      return { id: column.id, name: column.name, decode: (t) => (t === '' ? [] : many(t)) };
    }
    return { id: column.id, name: column.name, decode: one === same ? (t) => (t === '' ? null : t) : (t) => (t === '' ? null : one(t)) };
  });
}

/** Whether the download must include the `mg_` columns (other than `mg_draft`, always there) for these fields. */
export function needsSystemColumns(table: TableMetadata, fields: readonly CsvField[]): boolean {
  return fields.some((f) => f.name !== 'mg_draft' && table.columns.some((c) => c.id === f.id && isSystemColumn(c)));
}

/** A row decoder for the header the download sent: every selected column must be in it. */
export function csvRowDecoder(table: TableMetadata, fields: readonly CsvField[], header: readonly string[]): (cells: readonly string[]) => Emx2Row {
  const width = header.length;
  const at = fields.map((f) => {
    const i = header.indexOf(f.name);
    if (i === -1)
      throw new ResponseFormatError({
        service: 'molgenis',
        message: `the CSV download of "${table.name}" has no column "${f.name}" (header: ${header.slice(0, 20).join(', ')})`,
      });
    return i;
  });
  const ids = fields.map((f) => f.id);
  const decoders = fields.map((f) => f.decode);
  const m = fields.length;
  return (cells) => {
    if (cells.length !== width)
      throw new ResponseFormatError({ service: 'molgenis', message: `a CSV row of "${table.name}" has ${cells.length} cells, the header ${width}` });
    const out: Emx2Row = {};
    for (let k = 0; k < m; k++) out[ids[k] as string] = (decoders[k] as CellDecode)(cells[at[k] as number] as string);
    return out;
  };
}
