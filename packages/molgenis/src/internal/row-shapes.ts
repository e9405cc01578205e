// Rows as the v2 API sends them → rows to send back (`uploadable`) or flat rows for tables
// (`flat`). Types come from the `meta` every v2 answer carries, so no extra request is needed.
import type { FlatRow, FlatValue, GetOptions, Row, V2AttributeMeta, V2EntityMeta } from '../types.js';
import { isPlainObject } from './validate.js';
import { lastSegment } from './url.js';

/** Reference types: their values are rows of `refEntity` (`{_href, <id>, <label>}` when not expanded). */
const REFERENCE = new Set(['XREF', 'CATEGORICAL', 'FILE', 'MREF', 'CATEGORICAL_MREF', 'ONE_TO_MANY']);
const INTEGER = new Set(['INT', 'LONG']);

/** How a read's rows are shaped. */
export type Shape = { kind: 'as-sent' } | { kind: 'uploadable' } | { kind: 'flat'; references: 'id' | 'label' };

export function shapeOf(options: Pick<GetOptions, 'uploadable' | 'flat'>): Shape {
  if (options.uploadable === true) return { kind: 'uploadable' };
  if (options.flat === undefined || options.flat === false) return { kind: 'as-sent' };
  return { kind: 'flat', references: (options.flat === true ? undefined : options.flat.references) ?? 'id' };
}

/** The attributes of a v2 `meta`, compound attributes opened up, by name. */
export function attributesOf(meta: V2EntityMeta | undefined): Map<string, V2AttributeMeta> {
  const out = new Map<string, V2AttributeMeta>();
  const add = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (const attr of list as V2AttributeMeta[]) {
      if (!isPlainObject(attr) || typeof attr.name !== 'string') continue;
      if (attr.fieldType === 'COMPOUND') add(attr.attributes);
      else out.set(attr.name, attr);
    }
  };
  add(meta?.attributes);
  return out;
}

/** The id of a reference value: its id attribute when the meta names it, else the last segment of `_href`. */
function refId(value: Record<string, unknown>, attr: V2AttributeMeta | undefined, root: string): unknown {
  const idAttribute = attr?.refEntity?.idAttribute;
  if (typeof idAttribute === 'string' && value[idAttribute] !== undefined) return value[idAttribute];
  if (typeof value._href === 'string') return lastSegment(value._href, root);
  if (attr?.fieldType === 'FILE' && value.id !== undefined) return value.id;
  return undefined;
}

function refLabel(value: Record<string, unknown>, attr: V2AttributeMeta | undefined, root: string): unknown {
  const labelAttribute = attr?.refEntity?.labelAttribute;
  if (typeof labelAttribute === 'string' && value[labelAttribute] !== undefined && value[labelAttribute] !== null) return value[labelAttribute];
  return refId(value, attr, root);
}

function isReference(value: unknown, attr: V2AttributeMeta | undefined): value is Record<string, unknown> {
  return isPlainObject(value) && (attr === undefined ? '_href' in value : REFERENCE.has(attr.fieldType));
}

/**
 * A row ready to send back with `add`/`addAll`/`updateAll`: `_href` and `_meta` removed,
 * references replaced by their ids (lists of ids for MREF, CATEGORICAL_MREF and ONE_TO_MANY),
 * every other value as sent — as Python's `to_upload_format`.
 */
export function toUploadable(row: Row, attributes: Map<string, V2AttributeMeta>, root: string): Row {
  const out: Row = {};
  for (const [name, value] of Object.entries(row)) {
    if (name === '_href' || name === '_meta') continue;
    const attr = attributes.get(name);
    if (Array.isArray(value)) out[name] = value.map((v) => (isReference(v, attr) ? refId(v, attr, root) : v));
    else out[name] = isReference(value, attr) ? refId(value, attr, root) : value;
  }
  return out;
}

function number(value: unknown, attr: V2AttributeMeta): FlatValue {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value.trim() === '') return value as FlatValue;
  const n = Number(value);
  if (!Number.isFinite(n) || (INTEGER.has(attr.fieldType) && !Number.isSafeInteger(n))) return value; // keep what a number cannot hold
  return n;
}

/** DATE `yyyy-mm-dd` → midnight UTC; DATE_TIME (ISO 8601 with offset) → that instant. Unparseable text stays text. */
function date(value: unknown): FlatValue {
  if (typeof value !== 'string') return value as FlatValue;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(ms) ? value : new Date(ms);
}

function cell(value: unknown, attr: V2AttributeMeta | undefined, references: 'id' | 'label', root: string): FlatValue {
  if (value === null || value === undefined) return null;
  if (isReference(value, attr)) return (references === 'id' ? refId(value, attr, root) : refLabel(value, attr, root)) as FlatValue;
  if (attr === undefined) return value as FlatValue;
  switch (attr.fieldType) {
    case 'INT':
    case 'LONG':
    case 'DECIMAL':
      return number(value, attr);
    case 'BOOL':
      return value === 'true' ? true : value === 'false' ? false : (value as FlatValue);
    case 'DATE':
    case 'DATE_TIME':
      return date(value);
    default:
      return value as FlatValue;
  }
}

/**
 * A flat row for tables: no `_href`/`_meta`; references as ids or labels (lists for multi
 * references); INT/LONG/DECIMAL as numbers, BOOL as booleans, DATE and DATE_TIME as `Date`s;
 * an attribute the server left out (null) is `null`, so every row has every column.
 */
export function toFlat(row: Row, attributes: Map<string, V2AttributeMeta>, references: 'id' | 'label', root: string): FlatRow {
  const out: FlatRow = {};
  for (const name of attributes.keys()) out[name] = null;
  for (const [name, value] of Object.entries(row)) {
    if (name === '_href' || name === '_meta') continue;
    const attr = attributes.get(name);
    out[name] = Array.isArray(value)
      ? value.map((v) => cell(v, attr, references, root) as Exclude<FlatValue, FlatValue[]>)
      : cell(value, attr, references, root);
  }
  return out;
}

/** Shape one page of rows. */
export function shapeRows<T>(rows: Row[], shape: Shape, meta: V2EntityMeta | undefined, root: string): T[] {
  if (shape.kind === 'as-sent') return rows as T[];
  const attributes = attributesOf(meta);
  if (shape.kind === 'uploadable') return rows.map((r) => toUploadable(r, attributes, root)) as T[];
  return rows.map((r) => toFlat(r, attributes, shape.references, root)) as T[];
}
