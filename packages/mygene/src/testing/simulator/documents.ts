// What the server does to a document before it answers: `fields` (_source filtering),
// `allow_null` / `always_list`, `dotfield` flattening, keys sorted alphabetically, and the leaf values of a
// dotted path (for matching, sorting and facets).
import type { SimGene } from './dataset.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every scalar at a dotted path (lists and lists of objects are walked; `*` matches any key). */
export function valuesAt(doc: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  const segments = path.split('.');
  // `depth`: how many segments are consumed (no slicing: the index walks every gene with this).
  const walk = (value: unknown, depth: number): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth);
      return;
    }
    if (depth === segments.length) {
      if (isObject(value)) for (const v of Object.values(value)) walk(v, depth);
      else if (value !== undefined && value !== null) out.push(value);
      return;
    }
    if (!isObject(value)) return;
    const head = segments[depth] as string;
    if (head === '*') for (const v of Object.values(value)) walk(v, depth + 1);
    else if (Object.hasOwn(value, head)) walk(value[head], depth + 1);
  };
  walk(doc, 0);
  return out;
}

interface FieldNode {
  whole: boolean;
  children: Map<string, FieldNode>;
}

function fieldTree(fields: readonly string[]): FieldNode {
  const root: FieldNode = { whole: false, children: new Map() };
  for (const field of fields) {
    let node = root;
    for (const segment of field.split('.')) {
      if (segment === '*') {
        node.whole = true;
        break;
      }
      let child = node.children.get(segment);
      if (!child) {
        child = { whole: false, children: new Map() };
        node.children.set(segment, child);
      }
      node = child;
    }
    node.whole = true;
  }
  return root;
}

function prune(value: unknown, node: FieldNode): unknown {
  if (node.whole) return value;
  if (Array.isArray(value)) {
    const items = value.map((item) => prune(item, node)).filter((item) => item !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (!isObject(value)) return undefined;
  const out: Json = {};
  for (const [key, child] of node.children) {
    if (!Object.hasOwn(value, key)) continue;
    const kept = prune(value[key], child);
    if (kept !== undefined) out[key] = kept;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

const trees = new WeakMap<readonly string[], FieldNode>();

/** `fields` as the server applies it: `undefined`, `all` or `*` keep everything; unknown fields are left out silently. */
export function selectFields(doc: SimGene, fields: readonly string[] | undefined): Json {
  const { _id, _version, ...body } = doc;
  if (fields === undefined || fields.some((f) => f === 'all' || f === '*')) return structuredClone(body);
  // Prune, then copy what is kept (a batch shapes 1000 hits with the same `fields`: one tree).
  let tree = trees.get(fields);
  if (tree === undefined) {
    tree = fieldTree(fields);
    trees.set(fields, tree);
  }
  const kept = prune(body, tree) as Json | undefined;
  return kept === undefined ? {} : structuredClone(kept);
}

/** A key's path under `path`, as biothings.utils.common.traverse writes it: joined with a dot, dots trimmed at both ends. */
function childPath(path: string, key: string): string {
  return `${path}.${key}`.replace(/^\.+|\.+$/g, '');
}

/**
 * `dotfield=true` on a document whose keys are already sorted: dotted leaf paths in the order
 * `traverse` walks them (an empty list counts as a leaf, an empty object has none); one value → a
 * scalar, several → a list in document order with falsy items dropped (ESResultFormatter._dotfield:
 * its `_sorted` step only sorts objects, so the lists stay unsorted).
 */
export function flattenDotfield(doc: Json, alwaysList: ReadonlySet<string>): Json {
  const paths = new Map<string, unknown[]>();
  const walk = (value: unknown, prefix: string): void => {
    if (Array.isArray(value) && value.length > 0) {
      for (const item of value) walk(item, prefix);
    } else if (isObject(value)) {
      for (const [key, v] of Object.entries(value)) walk(v, childPath(prefix, key));
    } else {
      const list = paths.get(prefix) ?? [];
      list.push(value);
      paths.set(prefix, list);
    }
  };
  walk(doc, '');
  const out: Json = {};
  for (const [path, values] of paths) {
    if (values.length === 1 && !alwaysList.has(path)) out[path] = values[0];
    else out[path] = values.filter((v) => Boolean(v) && !(Array.isArray(v) && v.length === 0));
  }
  return out;
}

/** Keys sorted alphabetically at every level (the server's default). */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
  return out;
}

/** Every object of a document with its dotted path, children first (list items share their list's path), as `traverse` walks it. */
function eachObject(value: unknown, path: string, visit: (obj: Json, path: string) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) eachObject(item, path, visit);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, child] of Object.entries(value)) eachObject(child, childPath(path, key), visit);
  visit(value, path);
}

/**
 * The key `field` names inside the object at `path`, as _allow_null and _always_list read it: `field`
 * must start with `path` (as text, so `genomic_pos_hg19` starts with `genomic_pos` and names `_hg19`
 * in it, and `genomic_pos` names `""` in itself), then loses its leading dots and must hold no other.
 */
function childKey(field: string, path: string): string | undefined {
  if (!field.startsWith(path)) return undefined;
  const key = field.slice(path.length).replace(/^\.+/, '');
  return key.includes('.') ? undefined : key;
}

/**
 * `allow_null` then `always_list`, object by object (ESResultFormatter._transform_hit): a missing
 * field is added as null only where its parent object exists (in every item of a list of objects),
 * and `always_list` wraps a value in a list, turning null into `[]`. The root object holds `_id`,
 * `_score` or `_version` too.
 */
function applyNullAndList(body: Json, allowNull: readonly string[], alwaysList: readonly string[]): void {
  eachObject(body, '', (obj, path) => {
    for (const field of allowNull) {
      const key = childKey(field, path);
      if (key !== undefined && !Object.hasOwn(obj, key)) obj[key] = null;
    }
    for (const field of alwaysList) {
      const key = childKey(field, path);
      if (key === undefined || !Object.hasOwn(obj, key) || Array.isArray(obj[key])) continue;
      obj[key] = obj[key] === null ? [] : [obj[key]];
    }
  });
}

/** How a document is shaped for one answer. */
export interface ShapeOptions {
  fields: readonly string[] | undefined;
  dotfield: boolean;
  alwaysList: readonly string[];
  allowNull: readonly string[];
}

/**
 * A document as the answer carries it: `head` (`_id` with `_score` or `_version`, the hit's
 * metadata that the formatter treats as fields like any other) and the selected fields; then
 * allow_null / always_list, keys sorted at every level, and dotfield flattening last
 * (ESResultFormatter._transform_hit).
 */
export function shapeBody(doc: SimGene, o: ShapeOptions, head: Json): Json {
  const body: Json = { ...head, ...selectFields(doc, o.fields) };
  if (o.allowNull.length > 0 || o.alwaysList.length > 0) applyNullAndList(body, o.allowNull, o.alwaysList);
  const sorted = sortKeys(body) as Json;
  return o.dotfield ? flattenDotfield(sorted, new Set(o.alwaysList)) : sorted;
}
