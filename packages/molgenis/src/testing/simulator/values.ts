// Values by attribute type: what a write stores, and how a stored row is rendered in the v1 and
// v2 shapes (references as `{_href, id, label}`, `ref(*)` expansion, ONE_TO_MANY computed).
import { rowHref } from './http.js';
import type { MolgenisSimulatorState, SimAttribute, SimEntity, SimFile, SimRow } from './types.js';

/** The reference types: their values are ids of `refEntity` rows. */
export const REFERENCE_TYPES: ReadonlySet<string> = new Set(['XREF', 'CATEGORICAL', 'MREF', 'CATEGORICAL_MREF', 'ONE_TO_MANY', 'FILE']);
/** The types holding several references. */
export const MULTI_TYPES: ReadonlySet<string> = new Set(['MREF', 'CATEGORICAL_MREF', 'ONE_TO_MANY']);
/** The types `<`, `>`, `=rng=` accept (MolgenisRSQLVisitor.validateNumericOrDate). */
export const ORDERED_TYPES: ReadonlySet<string> = new Set(['INT', 'LONG', 'DECIMAL', 'DATE', 'DATE_TIME']);

export type Stored = { value: unknown } | { problem: string };

function refId(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value as Record<string, unknown>)) if (typeof v === 'string' || typeof v === 'number') return String(v);
  }
  return undefined;
}

/** The value a write stores for `attr` (null for empty), or the reason it cannot. */
export function storedValue(attr: SimAttribute, value: unknown): Stored {
  if (value === undefined || value === null || value === '') return { value: null };
  const bad = (): Stored => ({
    problem: `Invalid [${attr.fieldType.toLowerCase()}] value [${typeof value === 'object' ? JSON.stringify(value) : String(value)}] for attribute [${attr.label}].`,
  });
  switch (attr.fieldType) {
    case 'INT':
    case 'LONG': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && /^[-+]?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
      return Number.isSafeInteger(n) ? { value: n } : bad();
    }
    case 'DECIMAL': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
      return Number.isFinite(n) ? { value: n } : bad();
    }
    case 'BOOL':
      if (typeof value === 'boolean') return { value };
      if (value === 'true' || value === 'false') return { value: value === 'true' };
      return bad();
    case 'XREF':
    case 'CATEGORICAL':
    case 'FILE': {
      const id = refId(value);
      return id === undefined ? bad() : { value: id };
    }
    case 'MREF':
    case 'CATEGORICAL_MREF':
    case 'ONE_TO_MANY': {
      const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',').map((s) => s.trim()) : undefined;
      if (list === undefined) return bad();
      const ids = list.map(refId);
      return ids.some((id) => id === undefined) ? bad() : { value: ids };
    }
    case 'ENUM':
      if (typeof value !== 'string' || !(attr.enumOptions ?? []).includes(value)) return bad();
      return { value };
    default:
      return typeof value === 'object' ? bad() : { value: String(value) };
  }
}

/** The ids a reference attribute of `row` points to (ONE_TO_MANY computed from `mappedBy`). */
export function referencedIds(state: MolgenisSimulatorState, entity: SimEntity, attr: SimAttribute, row: SimRow): string[] {
  if (attr.fieldType === 'ONE_TO_MANY' && attr.refEntity !== undefined && attr.mappedBy !== undefined) {
    const ref = state.entities.get(attr.refEntity);
    const id = String(row[entity.meta.idAttribute]);
    if (ref === undefined) return [];
    return [...ref.rows.entries()].filter(([, r]) => r[attr.mappedBy as string] === id).map(([key]) => key);
  }
  const value = row[attr.name];
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

/** What `attrs` selects: `undefined` = the default (every attribute, references as id + label). */
export type Selection = Map<string, Selection | '*' | undefined> | undefined;

/**
 * Parse `attrs` (`a,b,ref(*),ref(x,y)`, `*`); returns `undefined` for absent or a lone `*`. A `*`
 * beside names (`*,ref(x)`) stays a `*` key: every attribute, plus the named ones' own selections
 * (AttributeFilter.isStar is true only when `*` stands alone).
 */
export function parseAttrs(attrs: string | null): Selection {
  if (attrs === null || attrs.trim() === '' || attrs.trim() === '*') return undefined;
  const selection = new Map<string, Selection | '*' | undefined>();
  let i = 0;
  const read = (into: Map<string, Selection | '*' | undefined>, closing: boolean): void => {
    while (i < attrs.length) {
      let name = '';
      while (i < attrs.length && !',()'.includes(attrs[i] as string)) name += attrs[i++];
      name = name.trim();
      let sub: Selection | '*' | undefined;
      if (attrs[i] === '(') {
        i++;
        const inner = new Map<string, Selection | '*' | undefined>();
        read(inner, true);
        sub = inner.size === 1 && inner.has('*') ? '*' : inner;
      }
      if (name !== '') into.set(name, sub);
      if (attrs[i] === ',') i++;
      else if (attrs[i] === ')') {
        if (closing) {
          i++;
          return;
        }
        i++;
      }
    }
  };
  read(selection, false);
  return selection.size === 1 && selection.has('*') ? undefined : selection;
}

function fileValue(state: MolgenisSimulatorState, id: string): Record<string, unknown> {
  const file: SimFile | undefined = state.files.get(id);
  return {
    _href: rowHref('v2', 'sys_FileMeta', id),
    id,
    ...(file ? { filename: file.filename, contentType: file.contentType, size: file.size, url: `/files/${encodeURIComponent(id)}` } : {}),
  };
}

/**
 * A reference in the v2 shape: rows for `ref(…)`, else `_href` with the referenced id and label,
 * whether the attribute is listed by name in `attrs` or comes by default (`*`, no `attrs`):
 * molgenis's `AttributeFilterToFetchConverter.createReferenceFetchContentRec` gives a reference
 * without a sub-filter `createDefaultAttributeFetch` (id and label), which
 * `RestControllerV2.createEntityValuesResponseRec` renders (`AttributeFilterToFetchConverterTest.
 * testConvertIdSelfRef`: `attrs=id,selfRef` fetches `selfRef(id,label)`).
 */
function v2Reference(state: MolgenisSimulatorState, attr: SimAttribute, id: string, sub: Selection | '*' | undefined): Record<string, unknown> {
  if (attr.fieldType === 'FILE') return fileValue(state, id);
  const ref = state.entities.get(attr.refEntity as string);
  const href = rowHref('v2', attr.refEntity as string, id);
  const target = ref?.rows.get(id);
  if (ref === undefined || target === undefined) return { _href: href };
  if (sub === '*') return renderV2(state, ref, target, undefined);
  if (sub !== undefined) return renderV2(state, ref, target, sub);
  const { idAttribute, labelAttribute } = ref.meta;
  return { _href: href, [idAttribute]: target[idAttribute], ...(target[labelAttribute] == null ? {} : { [labelAttribute]: target[labelAttribute] }) };
}

/**
 * A row in the v2 shape: `_href` first, then the selected attributes (all by default); null
 * values are left out; references follow {@link Selection}.
 */
export function renderV2(state: MolgenisSimulatorState, entity: SimEntity, row: SimRow, selection: Selection): SimRow {
  const id = String(row[entity.meta.idAttribute]);
  const out: SimRow = { _href: rowHref('v2', entity.meta.name, id) };
  // `*` beside names selects every attribute (AttributeFilterToFetchConverter.createFetchContentRec:
  // isIncludeAllAttrs), those not named with their default fetch (id and label of a reference).
  const all = selection === undefined || selection.has('*');
  for (const attr of entity.meta.attributes) {
    if (!all && !selection.has(attr.name)) continue;
    const sub = selection?.get(attr.name);
    if (REFERENCE_TYPES.has(attr.fieldType)) {
      const ids = referencedIds(state, entity, attr, row);
      if (MULTI_TYPES.has(attr.fieldType)) out[attr.name] = ids.map((refId) => v2Reference(state, attr, refId, sub));
      else if (ids[0] !== undefined) out[attr.name] = v2Reference(state, attr, ids[0], sub);
      continue;
    }
    const value = row[attr.name];
    if (value !== null && value !== undefined) out[attr.name] = value;
  }
  return out;
}

/** A row in the v1 shape: `href`, values, references as `{href}`. */
export function renderV1(state: MolgenisSimulatorState, entity: SimEntity, row: SimRow, attributes: ReadonlySet<string> | undefined): SimRow {
  const id = String(row[entity.meta.idAttribute]);
  const out: SimRow = { href: rowHref('v1', entity.meta.name, id) };
  for (const attr of entity.meta.attributes) {
    if (attributes !== undefined && !attributes.has(attr.name)) continue;
    if (REFERENCE_TYPES.has(attr.fieldType)) {
      const target = attr.fieldType === 'FILE' ? 'sys_FileMeta' : (attr.refEntity as string);
      const ids = referencedIds(state, entity, attr, row);
      if (MULTI_TYPES.has(attr.fieldType))
        out[attr.name] = {
          href: `${rowHref('v1', entity.meta.name, id)}/${encodeURIComponent(attr.name)}`,
          items: ids.map((r) => ({ href: rowHref('v1', target, r) })),
        };
      else if (ids[0] !== undefined) out[attr.name] = { href: rowHref('v1', target, ids[0]) };
      continue;
    }
    const value = row[attr.name];
    if (value !== null && value !== undefined) out[attr.name] = value;
  }
  return out;
}
