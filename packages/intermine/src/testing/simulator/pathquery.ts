// PathQuery XML as the server reads it: parsed, verified against the model (with InterMine's
// problem messages), and evaluated over the simulated objects — joins, outer joins, every
// constraint operator the client emits, constraint logic, sort order and distinct rows.
import { parseXml, type XmlElement } from '@bio/core-http/testing';
import { badRequest } from './envelope.js';
import { type SimModel, shortType } from './model.js';
import { escapeRegExp, type ObjectStore, type SimObject, wildcardEquals } from './store.js';

/** One constraint of a query. */
export interface SimConstraint {
  path: string;
  op?: string | undefined;
  value?: string | undefined;
  values: string[];
  extraValue?: string | undefined;
  code?: string | undefined;
  loopPath?: string | undefined;
  ids?: number[] | undefined;
  type?: string | undefined;
}

/** A parsed PathQuery. */
export interface SimQuery {
  root: string;
  views: string[];
  sortOrder: [string, 'asc' | 'desc'][];
  outerJoins: string[];
  constraints: SimConstraint[];
  logic?: string | undefined;
  subclasses: Record<string, string>;
}

/** How a query reaches a list it names: `(name) => object ids`, or `undefined` when the caller cannot see it. */
export type ListAccess = (name: string) => number[] | undefined;

const PREFIX = 'XML is well formatted but query contains errors:\n';

function refuse(problems: string[]): never {
  badRequest(PREFIX + problems.map((p) => (p.endsWith('.') ? `${p}\n` : `${p}.\n`)).join(''), { results: [] });
}

/** Parse query XML (`<query model view …>`); malformed XML is the server's 400. */
export function parseQuery(xml: string, model: SimModel): SimQuery {
  let el: XmlElement;
  try {
    el = parseXml(xml);
  } catch (error) {
    badRequest(`Query does not pass XML validation. ${(error as Error).message}`, { results: [] });
  }
  if (el.name !== 'query') badRequest('Query does not pass XML validation. The root element must be <query>', { results: [] });
  const views = (el.attributes.view ?? '').split(/[\s,]+/).filter(Boolean);
  const constraints: SimConstraint[] = [];
  const outerJoins: string[] = [];
  for (const child of el.children) {
    if (typeof child === 'string') continue;
    if (child.name === 'join' && (child.attributes.style ?? 'OUTER').toUpperCase() === 'OUTER' && child.attributes.path) outerJoins.push(child.attributes.path);
    if (child.name === 'constraint') {
      const a = child.attributes;
      const values = child.children
        .filter((c): c is XmlElement => typeof c !== 'string' && c.name === 'value')
        .map((v) => v.children.filter((t) => typeof t === 'string').join(''));
      constraints.push({
        path: a.path ?? '',
        op: a.op,
        value: a.value,
        values,
        extraValue: a.extraValue,
        code: a.code,
        loopPath: a.loopPath,
        ids:
          a.ids === undefined
            ? undefined
            : a.ids
                .split(/[\s,]+/)
                .filter(Boolean)
                .map(Number),
        type: a.type,
      });
    }
  }
  const sortOrder: [string, 'asc' | 'desc'][] = [];
  const sortWords = (el.attributes.sortOrder ?? '').split(/\s+/).filter(Boolean);
  for (let i = 0; i < sortWords.length; i++) {
    const next = sortWords[i + 1]?.toLowerCase();
    if (next === 'asc' || next === 'desc') {
      sortOrder.push([sortWords[i]!, next]);
      i++;
    } else sortOrder.push([sortWords[i]!, 'asc']);
  }
  const subclasses: Record<string, string> = {};
  for (const c of constraints) if (c.type !== undefined && c.op === undefined) subclasses[c.path] = c.type;
  const root = (views[0] ?? constraints[0]?.path ?? '').split('.')[0] ?? '';
  const query: SimQuery = { root, views, sortOrder, outerJoins, constraints, logic: el.attributes.constraintLogic, subclasses };
  verify(query, model);
  return query;
}

const NUMERIC = new Set(['Integer', 'int', 'Long', 'long', 'Double', 'double', 'Float', 'float', 'Short', 'short']);

/** InterMine's `verifyQuery`: every problem, as the server words it. */
function verify(q: SimQuery, model: SimModel): void {
  const problems: string[] = [];
  if (q.views.length === 0) problems.push('No columns selected for output');
  for (const view of q.views) {
    const r = model.resolve(view, q.subclasses);
    if (!r) problems.push(`Path ${view} in view list is not in the model`);
    else if (!r.attribute) problems.push(`Path ${view} in view list must be an attribute`);
    else if (r.root !== q.root) problems.push(`Multiple root classes in query: ${q.root} and ${r.root}`);
  }
  for (const c of q.constraints) {
    const r = model.resolve(c.path, q.subclasses);
    if (!r) {
      problems.push(c.op === undefined ? `Path ${c.path} (from subclass constraint) is not in the model` : `Path ${c.path} in constraint is not in the model`);
      continue;
    }
    if (c.op === undefined) {
      if (c.type === undefined || !model.has(c.type)) problems.push(`Subclass ${c.type} (for path ${c.path}) is not in the model`);
      continue;
    }
    const type = r.attribute ? shortType(r.attribute.type) : undefined;
    const comparison = ['<', '<=', '>', '>=', '=', '!=', '==', '!=='].includes(c.op) && c.loopPath === undefined;
    if (type && NUMERIC.has(type) && comparison && c.value !== undefined && Number.isNaN(Number(c.value))) {
      problems.push(`Value in constraint ${c.path} ${c.op} ${c.value} is not in correct format for type of ${type === 'int' ? 'Integer' : type}`);
    }
    if (!r.attribute && comparison && c.loopPath === undefined) problems.push(`Constraint ${c.path} ${c.op} ${c.value ?? ''} must be on an attribute`);
  }
  if (q.logic) {
    const codes = new Set(q.constraints.map((c) => c.code).filter(Boolean));
    for (const code of q.logic.match(/\b[A-Z]\b/g) ?? [])
      if (!codes.has(code)) problems.push(`Constraint logic "${q.logic}" refers to a constraint code ${code} that is not in the query`);
  }
  if (problems.length > 0) refuse(problems);
}

/** The class path of a path (itself when it ends on a class, else its parent). */
function classPathOf(path: string, model: SimModel, q: SimQuery): string {
  const r = model.resolve(path, q.subclasses);
  return r?.attribute ? path.slice(0, path.lastIndexOf('.')) : path;
}

type Assignment = Map<string, SimObject | null>;

/** One result row: the objects bound to every class path of the query. */
export interface Binding {
  objects: Assignment;
}

function parseRange(text: string): { chr: string; start: number; end: number } | undefined {
  const m = /^([^:\t]+)[:\t](\d+)(?:(?:\.\.|-|\t)(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  return { chr: m[1]!, start: Number(m[2]), end: Number(m[3] ?? m[2]) };
}

/** A cache for one evaluation: list members and LOOKUP answers, read once instead of once per row. */
interface Context {
  store: ObjectStore;
  lists: ListAccess;
  members: Map<SimConstraint, Set<number>>;
  lookups: Map<SimConstraint, Map<string, Set<number>>>;
}

/** How to read one path of a row: an attribute of the object at its class path, or the object itself. */
type Reader = (a: Assignment) => unknown;

// Resolved paths per query: cell() and the evaluator ask per row, resolve() once.
const RESOLVED = new WeakMap<SimQuery, Map<string, { owner: string; attribute: string | undefined } | undefined>>();

function resolved(q: SimQuery, path: string, model: SimModel): { owner: string; attribute: string | undefined } | undefined {
  let known = RESOLVED.get(q);
  if (!known) {
    known = new Map();
    RESOLVED.set(q, known);
  }
  if (known.has(path)) return known.get(path);
  const r = model.resolve(path, q.subclasses);
  const found = r
    ? r.attribute
      ? { owner: path.slice(0, path.lastIndexOf('.')), attribute: r.attribute.name }
      : { owner: path, attribute: undefined }
    : undefined;
  known.set(path, found);
  return found;
}

function reader(q: SimQuery, path: string, model: SimModel): Reader {
  const r = resolved(q, path, model);
  if (r?.attribute !== undefined) {
    const { owner, attribute } = r;
    return (a) => {
      const o = a.get(owner);
      return o ? (o[attribute] ?? null) : null;
    };
  }
  return (a) => a.get(path) ?? null;
}

/**
 * Evaluate a query over the store, lazily: the bound rows, distinct on the view objects, sorted.
 * Refusals about the query itself (a list the caller cannot see) are thrown now; the rows are
 * found as the result is read, one at a time, unless the query sorts (then every row is found
 * first, sorted by index, and handed out one at a time). A yielded row is only valid until the
 * next one is read: copy what you keep (see {@link evaluate}).
 */
export function bindings(q: SimQuery, store: ObjectStore, lists: ListAccess): Iterable<Binding> {
  const model = store.model;
  // Every list a constraint names must be visible.
  for (const c of q.constraints) {
    if ((c.op === 'IN' || c.op === 'NOT IN') && c.ids === undefined && c.value !== undefined && lists(c.value) === undefined) {
      refuse([`You do not have access to a list called ${c.value}`]);
    }
  }
  const paths = new Set<string>([q.root]);
  const addPrefixes = (classPath: string) => {
    const parts = classPath.split('.');
    for (let i = 1; i <= parts.length; i++) paths.add(parts.slice(0, i).join('.'));
  };
  for (const v of q.views) addPrefixes(classPathOf(v, model, q));
  for (const c of q.constraints) {
    addPrefixes(classPathOf(c.path, model, q));
    if (c.loopPath) addPrefixes(c.loopPath);
  }
  for (const [p] of q.sortOrder) if (model.resolve(p, q.subclasses)) addPrefixes(classPathOf(p, model, q));
  const ordered = [...paths].sort((a, b) => a.split('.').length - b.split('.').length);
  const isOuter = (p: string) => q.outerJoins.some((j) => p === j || p.startsWith(`${j}.`));
  // Constraints inside an outer join filter the joined objects, not the row.
  const constraintPath = (c: SimConstraint) => classPathOf(c.path, model, q);
  const scoped = q.constraints.filter((c) => c.op !== undefined);
  const inner = scoped.filter((c) => !isOuter(constraintPath(c)));
  const outer = new Map(ordered.map((p) => [p, scoped.filter((c) => isOuter(constraintPath(c)) && constraintPath(c) === p)]));
  const outerPaths = new Set(ordered.filter(isOuter));
  const readers = new Map(q.constraints.map((c) => [c, reader(q, c.path, model)]));
  const context: Context = { store, lists, members: new Map(), lookups: new Map() };
  const test = (c: SimConstraint, a: Assignment): boolean => satisfies(c, readers.get(c)!(a), a, context);
  const rootClass = q.subclasses[q.root] ?? q.root;
  const steps = ordered.map((path) => ({
    path,
    parent: path.slice(0, path.lastIndexOf('.')),
    field: path.slice(path.lastIndexOf('.') + 1),
    cast: q.subclasses[path],
  }));

  // Depth-first over the class paths, as a generator: one full assignment at a time, the live map.
  // The row being tested; one `holds` for every row rather than a closure per row.
  let current: Assignment = new Map();
  const holds = (c: SimConstraint) => test(c, current);
  const logic = compileLogic(q.logic, inner);
  function* expand(i: number, a: Assignment): Generator<Assignment> {
    if (i === steps.length) {
      current = a;
      if (logic(holds)) yield a;
      return;
    }
    const { path, parent, field, cast } = steps[i]!;
    let candidates: SimObject[];
    if (path === q.root) candidates = store.all(rootClass);
    else {
      const owner = a.get(parent);
      candidates = owner ? store.follow(owner, field) : [];
      if (cast) candidates = candidates.filter((o) => model.isa(o.class, cast));
    }
    if (outerPaths.has(path)) {
      const filters = outer.get(path)!;
      candidates = candidates.filter((o) => {
        a.set(path, o);
        return filters.every((c) => test(c, a));
      });
      if (candidates.length === 0) {
        a.set(path, null);
        yield* expand(i + 1, a);
        a.delete(path);
        return;
      }
    }
    for (const o of candidates) {
      a.set(path, o);
      yield* expand(i + 1, a);
    }
    a.delete(path);
  }

  // Distinct on the objects the views read. When every class path of the query is one the views
  // read, two rows always differ there, so nothing needs remembering.
  const viewPaths = [...new Set(q.views.map((v) => classPathOf(v, model, q)))];
  const needsDistinct = !ordered.every((p) => viewPaths.includes(p));
  function* distinct(): Generator<Assignment> {
    const seen = new Set<string>();
    for (const a of expand(0, new Map())) {
      if (needsDistinct) {
        const key = viewPaths.map((p) => a.get(p)?.id ?? 'null').join('|');
        if (seen.has(key)) continue;
        seen.add(key);
      }
      yield a;
    }
  }
  if (q.sortOrder.length === 0) {
    return {
      *[Symbol.iterator]() {
        const binding: Binding = { objects: new Map() };
        for (const a of distinct()) {
          binding.objects = a;
          yield binding;
        }
      },
    };
  }
  const sortReaders = q.sortOrder.map(([path, dir]) => ({ read: reader(q, path, model), sign: dir === 'asc' ? 1 : -1 }));
  return {
    *[Symbol.iterator]() {
      // Every row as the objects along `ordered`, its sort values beside it; sort the indices, then hand rows out.
      const tuples: (SimObject | null)[][] = [];
      const keys: unknown[][] = sortReaders.map(() => []);
      for (const a of distinct()) {
        tuples.push(ordered.map((p) => a.get(p) ?? null));
        for (const [k, s] of sortReaders.entries()) keys[k]!.push(s.read(a));
      }
      const order = Array.from(tuples.keys());
      // Array#sort is stable: rows that tie keep the order they were found in.
      order.sort((x, y) => {
        for (const [k, s] of sortReaders.entries()) {
          const c = compare(keys[k]![x], keys[k]![y]);
          if (c !== 0) return s.sign * c;
        }
        return 0;
      });
      const binding: Binding = { objects: new Map() };
      for (const i of order) {
        const tuple = tuples[i]!;
        binding.objects = new Map(ordered.map((p, j) => [p, tuple[j]!]));
        yield binding;
      }
    },
  };
}

/** Evaluate a query over the store: every bound row (each its own copy), distinct on the view objects, sorted. */
export function evaluate(q: SimQuery, store: ObjectStore, lists: ListAccess): Binding[] {
  return Array.from(bindings(q, store, lists), (b) => ({ objects: new Map(b.objects) }));
}

/** The value a view path reads in a row. */
export function cell(binding: Binding, path: string, model: SimModel, q: SimQuery): string | number | boolean | null {
  const r = resolved(q, path, model);
  if (r?.attribute === undefined) return null;
  const owner = binding.objects.get(r.owner);
  if (!owner) return null;
  if (r.attribute === 'id') return owner.id;
  const v = owner[r.attribute];
  return v === undefined ? null : (v as string | number | boolean | null);
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'object' && typeof b === 'object') return (a as SimObject).id - (b as SimObject).id;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  // Code-point order, as PostgreSQL sorts under the C collation.
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function like(value: string, pattern: string): boolean {
  return new RegExp(`^${pattern.split(/[*%]/).map(escapeRegExp).join('.*')}$`, 'is').test(value);
}

function overlaps(location: SimObject, range: { chr: string; start: number; end: number }, store: ObjectStore): 'overlaps' | 'within' | 'contains' | 'outside' {
  const chr = store.follow(location, 'locatedOn')[0];
  const start = Number(location.start);
  const end = Number(location.end);
  if (!chr || chr.primaryIdentifier !== range.chr || end < range.start || start > range.end) return 'outside';
  if (start >= range.start && end <= range.end) return 'within';
  if (start <= range.start && end >= range.end) return 'contains';
  return 'overlaps';
}

/** Does one constraint hold for the value at its path? */
function satisfies(c: SimConstraint, value: unknown, a: Assignment, context: Context): boolean {
  const { store, lists } = context;
  const op = (c.op ?? '').toUpperCase();
  const object = typeof value === 'object' && value !== null ? (value as SimObject) : undefined;
  if (c.loopPath !== undefined) {
    const other = a.get(c.loopPath);
    const same = object !== undefined && other !== undefined && other !== null && other.id === object.id;
    return op === '=' || op === 'IS' ? same : !same;
  }
  const text = value === null || value === undefined ? undefined : object ? undefined : String(value);
  const target = c.value ?? '';
  switch (op) {
    case 'IS NULL':
      return value === null || value === undefined;
    case 'IS NOT NULL':
      return value !== null && value !== undefined;
    case '=':
      return text !== undefined && (typeof value === 'number' ? value === Number(target) : wildcardEquals(text, target));
    case '!=':
      return text !== undefined && !(typeof value === 'number' ? value === Number(target) : wildcardEquals(text, target));
    case '==':
      return text !== undefined && text === target;
    case '!==':
      return text !== undefined && text !== target;
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (text === undefined) return false;
      const d = typeof value === 'number' ? value - Number(target) : text.localeCompare(target);
      return op === '<' ? d < 0 : op === '<=' ? d <= 0 : op === '>' ? d > 0 : d >= 0;
    }
    case 'LIKE':
      return text !== undefined && like(text, target);
    case 'NOT LIKE':
      return text !== undefined && !like(text, target);
    case 'ONE OF':
      return text !== undefined && c.values.some((v) => text.toLowerCase() === v.toLowerCase());
    case 'NONE OF':
      return text !== undefined && !c.values.some((v) => text.toLowerCase() === v.toLowerCase());
    case 'IN':
    case 'NOT IN': {
      if (!object) return false;
      let ids = context.members.get(c);
      if (!ids) {
        ids = new Set(c.ids ?? lists(target) ?? []);
        context.members.set(c, ids);
      }
      return ids.has(object.id) === (op === 'IN');
    }
    case 'LOOKUP': {
      if (!object) return false;
      let byClass = context.lookups.get(c);
      if (!byClass) {
        byClass = new Map();
        context.lookups.set(c, byClass);
      }
      let found = byClass.get(object.class);
      if (!found) {
        found = new Set(store.lookup(object.class, target, c.extraValue || undefined).objects.map((o) => o.id));
        byClass.set(object.class, found);
      }
      return found.has(object.id);
    }
    case 'ISA':
    case 'ISNT': {
      if (!object) return false;
      const isa = c.values.some((t) => store.model.isa(object.class, t));
      return op === 'ISA' ? isa : !isa;
    }
    case 'CONTAINS':
    case 'DOES NOT CONTAIN':
      if (object) {
        const hit = (c.values.length > 0 ? c.values : [target]).some((v) => {
          const range = parseRange(v);
          return range !== undefined && overlaps(object, range, store) === 'contains';
        });
        return op === 'CONTAINS' ? hit : !hit;
      }
      if (text === undefined) return false;
      return text.toLowerCase().includes(target.toLowerCase()) === (op === 'CONTAINS');
    case 'OVERLAPS':
    case 'DOES NOT OVERLAP':
    case 'WITHIN':
    case 'OUTSIDE': {
      if (!object) return false;
      const relation = (c.values.length > 0 ? c.values : [target]).map((v) => {
        const range = parseRange(v);
        return range === undefined ? 'outside' : overlaps(object, range, store);
      });
      if (op === 'WITHIN') return relation.includes('within');
      if (op === 'OUTSIDE') return relation.every((r) => r === 'outside');
      const any = relation.some((r) => r !== 'outside');
      return op === 'OVERLAPS' ? any : !any;
    }
    default:
      badRequest(`${PREFIX}Unknown constraint operator ${c.op}.\n`, { results: [] });
  }
}

/**
 * Constraint logic (`A and (B or C)`) as a test of one row; without logic every coded constraint
 * must hold. Built once per query, run once per row.
 */
function compileLogic(logic: string | undefined, constraints: SimConstraint[]): (holds: (c: SimConstraint) => boolean) => boolean {
  const uncoded = constraints.filter((c) => !c.code);
  const byCode = new Map(constraints.filter((c) => c.code).map((c) => [c.code!, c]));
  const coded = [...byCode.values()];
  const tokens = logic ? (logic.match(/\(|\)|[A-Za-z]+/g) ?? []) : [];
  return (holds) => {
    if (!uncoded.every(holds)) return false;
    if (!logic) return coded.every(holds);
    return evalLogic(tokens, byCode, holds);
  };
}

/** Evaluate tokens of constraint logic for one row. */
function evalLogic(tokens: readonly string[], byCode: Map<string, SimConstraint>, holds: (c: SimConstraint) => boolean): boolean {
  let i = 0;
  const value = (code: string) => {
    const c = byCode.get(code);
    return c === undefined ? true : holds(c);
  };
  const primary = (): boolean => {
    const t = tokens[i++];
    if (t === '(') {
      const v = or();
      i++;
      return v;
    }
    return value(t ?? '');
  };
  const and = (): boolean => {
    let v = primary();
    while (tokens[i]?.toLowerCase() === 'and') {
      i++;
      v = primary() && v;
    }
    return v;
  };
  const or = (): boolean => {
    let v = and();
    while (tokens[i]?.toLowerCase() === 'or') {
      i++;
      v = and() || v;
    }
    return v;
  };
  // Codes whose constraints sit inside an outer join were applied there; treat them as true here.
  return or();
}
