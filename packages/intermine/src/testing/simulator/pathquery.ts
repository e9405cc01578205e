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

/** Evaluate a query over the store: the bound rows, distinct on the view objects, sorted. */
export function evaluate(q: SimQuery, store: ObjectStore, lists: ListAccess): Binding[] {
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
  const outerOf = (p: string) => scoped.filter((c) => isOuter(constraintPath(c)) && constraintPath(c) === p);

  const valueAt = (a: Assignment, path: string): unknown => {
    const r = model.resolve(path, q.subclasses);
    if (r?.attribute) {
      const owner = a.get(path.slice(0, path.lastIndexOf('.')));
      return owner ? (owner[r.attribute.name] ?? null) : null;
    }
    return a.get(path) ?? null;
  };
  const test = (c: SimConstraint, a: Assignment): boolean => satisfies(c, valueAt(a, c.path), a, store, lists);

  const out: Assignment[] = [];
  const expand = (i: number, a: Assignment): void => {
    if (i === ordered.length) {
      if (evalLogic(q.logic, inner, (c) => test(c, a))) out.push(new Map(a));
      return;
    }
    const path = ordered[i]!;
    let candidates: SimObject[];
    if (path === q.root) candidates = store.all(q.subclasses[q.root] ?? q.root);
    else {
      const parent = a.get(path.slice(0, path.lastIndexOf('.')));
      const field = path.slice(path.lastIndexOf('.') + 1);
      candidates = parent ? store.follow(parent, field) : [];
      const cast = q.subclasses[path];
      if (cast) candidates = candidates.filter((o) => model.isa(o.class, cast));
    }
    if (isOuter(path)) {
      const filters = outerOf(path);
      candidates = candidates.filter((o) => {
        a.set(path, o);
        return filters.every((c) => test(c, a));
      });
      if (candidates.length === 0) {
        a.set(path, null);
        expand(i + 1, a);
        a.delete(path);
        return;
      }
    }
    for (const o of candidates) {
      a.set(path, o);
      expand(i + 1, a);
    }
    a.delete(path);
  };
  expand(0, new Map());

  // Distinct on the objects the views read.
  const viewPaths = [...new Set(q.views.map((v) => classPathOf(v, model, q)))];
  const seen = new Set<string>();
  const distinct = out.filter((a) => {
    const key = viewPaths.map((p) => a.get(p)?.id ?? 'null').join('|');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (q.sortOrder.length > 0) {
    distinct.sort((x, y) => {
      for (const [path, dir] of q.sortOrder) {
        const c = compare(valueAt(x, path), valueAt(y, path));
        if (c !== 0) return dir === 'asc' ? c : -c;
      }
      return 0;
    });
  }
  return distinct.map((objects) => ({ objects }));
}

/** The value a view path reads in a row. */
export function cell(binding: Binding, path: string, model: SimModel, q: SimQuery): string | number | boolean | null {
  const r = model.resolve(path, q.subclasses);
  if (!r?.attribute) return null;
  const owner = binding.objects.get(path.slice(0, path.lastIndexOf('.')));
  if (!owner) return null;
  if (r.attribute.name === 'id') return owner.id;
  const v = owner[r.attribute.name];
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
function satisfies(c: SimConstraint, value: unknown, a: Assignment, store: ObjectStore, lists: ListAccess): boolean {
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
      const ids = c.ids ?? lists(target) ?? [];
      return ids.includes(object.id) === (op === 'IN');
    }
    case 'LOOKUP': {
      if (!object) return false;
      const found = store.lookup(object.class, target, c.extraValue || undefined).objects;
      return found.some((o) => o.id === object.id);
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

/** Evaluate constraint logic (`A and (B or C)`); without logic every coded constraint must hold. */
function evalLogic(logic: string | undefined, constraints: SimConstraint[], holds: (c: SimConstraint) => boolean): boolean {
  const uncoded = constraints.filter((c) => !c.code);
  if (!uncoded.every(holds)) return false;
  const byCode = new Map(constraints.filter((c) => c.code).map((c) => [c.code!, c]));
  if (!logic) return [...byCode.values()].every(holds);
  const tokens = logic.match(/\(|\)|[A-Za-z]+/g) ?? [];
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
