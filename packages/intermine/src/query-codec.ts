// PathQuery XML and JSON, read and written as plain data (QueryJSON). The builder (query.ts)
// turns that data into a Query; nothing here knows the Query class.
import { ValidationError } from '@bio/core-http';
import type { PathConstraint, Switchable } from './constraints.js';
import { parseXml, type XmlElement, writeElement, writeTextElement } from './internal/xml.js';
import type { QueryJSON, SortDirection, SortOrder } from './query-types.js';

const SORT_WORD = /^(asc|desc)$/i;

function boolAttr(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  return value.toLowerCase() === 'true';
}

function switchableOf(value: unknown): Switchable | undefined {
  if (value === undefined || value === null) return undefined;
  const v = String(value).toLowerCase();
  if (v === 'on' || v === 'off' || v === 'locked') return v;
  if (v === 'true') return 'on';
  if (v === 'false') return 'locked';
  return undefined;
}

/** PathQuery XML of a query's JSON form; every attribute and value is escaped. */
export function writeQueryXML(json: QueryJSON): string {
  const children: string[] = [];
  for (const [pathString, description] of Object.entries(json.pathDescriptions ?? {}))
    children.push(writeElement('pathDescription', { pathString, description }));
  for (const path of json.joins) children.push(writeElement('join', { path, style: 'OUTER' }));
  for (const c of json.where) children.push(constraintXML(c));
  return writeElement(
    'query',
    {
      name: json.name,
      model: json.model.name,
      view: json.select.join(' '),
      longDescription: json.description,
      title: json.title,
      sortOrder: json.orderBy.length > 0 ? json.orderBy.map((s) => `${s.path} ${s.direction}`).join(' ') : undefined,
      constraintLogic: json.constraintLogic,
    },
    children,
  );
}

/** Read PathQuery XML (`<query>` or a `<template>` wrapping one) into its JSON form, constraints in document order. */
export function readQueryXML(xml: string): QueryJSON {
  return readQueryElement(parseXml(xml));
}

/** {@link readQueryXML} of a parsed `<query>` or `<template>` element. */
export function readQueryElement(root: XmlElement): QueryJSON {
  let el = root;
  let template: XmlElement | undefined;
  if (el.name === 'template') {
    template = el;
    const inner = el.children.find((c) => c.name === 'query');
    if (!inner) throw new ValidationError({ message: 'XML: <template> has no <query>', field: 'xml' });
    el = inner;
  }
  if (el.name !== 'query') throw new ValidationError({ message: `XML: expected <query>, found <${el.name}>`, field: 'xml' });
  const a = el.attributes;
  const written = (a.view ?? '').split(/\s+/).filter(Boolean);
  if (written.length === 0) throw new ValidationError({ message: 'XML: <query> has no view', field: 'xml' });
  // Old saved queries mark outer joins with colons in the view (`Gene:pathways.name`); the mine
  // (PathQueryHandler) reads each colon as the outer join of the path up to the next separator.
  const oldJoins = written.flatMap(colonJoins);
  const select = written.map(dotted);
  const json: QueryJSON = { model: { name: a.model ?? 'genomic' }, from: (select[0] ?? '').split('.')[0]!, select, where: [], joins: [], orderBy: [] };
  for (const path of oldJoins) if (!json.joins.includes(path)) json.joins.push(path);
  for (const child of el.children) {
    if (child.name === 'join') {
      const path = child.attributes.path;
      if ((child.attributes.style ?? 'INNER').toUpperCase() === 'OUTER' && path && !json.joins.includes(path)) json.joins.push(path);
    } else if (child.name === 'constraint') {
      json.where.push(constraintFromXML(child));
    } else if (child.name === 'pathDescription') {
      const { pathString, description } = child.attributes;
      if (pathString === undefined || description === undefined)
        throw new ValidationError({ message: 'XML: <pathDescription> needs pathString and description', field: 'xml' });
      json.pathDescriptions = { ...json.pathDescriptions, [pathString]: description };
    } else {
      throw new ValidationError({ message: `XML: unexpected <${child.name}> in <query>`, field: 'xml' });
    }
  }
  if (a.sortOrder) json.orderBy = parseSortOrder(a.sortOrder);
  if (a.constraintLogic) json.constraintLogic = a.constraintLogic;
  // The mine writes `longDescription=""` on every query and drops a blank one when it reads it.
  const present = (text: string | undefined): string | undefined => (text === undefined || text.trim() === '' ? undefined : text);
  const name = template?.attributes.name ?? a.name;
  const title = present(template?.attributes.title) ?? present(a.title);
  const description = present(template?.attributes.longDescription) ?? present(a.longDescription);
  if (name !== undefined) json.name = name;
  if (title !== undefined) json.title = title;
  if (description !== undefined) json.description = description;
  return json;
}

/** Read a query's JSON form, or a template of `GET /templates?format=json`, into {@link QueryJSON}. */
export function readQueryJSON(raw: Partial<QueryJSON> & Record<string, unknown>): QueryJSON {
  const select = (raw.select ?? (raw as { view?: string[] }).view ?? []) as string[];
  const from = raw.from ?? (raw as { root?: string }).root ?? select[0]?.split('.')[0];
  if (!from) throw new ValidationError({ message: 'query JSON needs "from" or an absolute "select"', field: 'from' });
  const where = (raw.where ?? (raw as { constraints?: unknown[] }).constraints ?? []) as Record<string, unknown>[];
  const json: QueryJSON = {
    model: { name: raw.model?.name ?? 'genomic' },
    from,
    select: [...select],
    where: where.map(constraintFromJSON),
    joins: [],
    orderBy: [],
  };
  for (const j of (raw.joins ?? []) as (string | { path: string; style?: string })[]) {
    if (typeof j === 'string') json.joins.push(j);
    else if ((j.style ?? 'OUTER').toUpperCase() === 'OUTER') json.joins.push(j.path);
  }
  for (const s of (raw.orderBy ?? (raw as { sortOrder?: unknown[] }).sortOrder ?? []) as (SortOrder | Record<string, string>)[]) {
    if ('path' in s && typeof s.path === 'string')
      json.orderBy.push({ path: s.path, direction: ((s as SortOrder).direction ?? 'asc').toLowerCase() as SortDirection });
    else for (const [path, dir] of Object.entries(s)) json.orderBy.push({ path, direction: String(dir).toLowerCase() as SortDirection });
  }
  if (typeof raw.constraintLogic === 'string' && raw.constraintLogic.trim().length > 0) json.constraintLogic = raw.constraintLogic;
  const descriptions = pathDescriptionsOf(raw.pathDescriptions ?? (raw as { descriptions?: unknown }).descriptions);
  if (descriptions) json.pathDescriptions = descriptions;
  if (typeof raw.name === 'string') json.name = raw.name;
  if (typeof raw.title === 'string') json.title = raw.title;
  const description = raw.description ?? (raw as { longDescription?: string }).longDescription;
  if (typeof description === 'string' && description.length > 0) json.description = description;
  return json;
}

function constraintXML(c: PathConstraint): string {
  const children = (c.values ?? []).map((v) => {
    // PathQueryHandler fails on an empty <value> ("No value provided in value tag") and trims the rest.
    if (v.trim() === '') throw new ValidationError({ message: `${c.path} ${c.op ?? ''}: a value cannot be empty or blank in query XML`, field: 'value' });
    return writeTextElement('value', v);
  });
  return writeElement(
    'constraint',
    {
      path: c.path,
      type: c.type,
      op: c.op,
      value: c.value,
      extraValue: c.extraValue,
      loopPath: c.loopPath,
      ids: c.ids ? c.ids.join(', ') : undefined,
      code: c.code,
      editable: c.editable === undefined ? undefined : String(c.editable),
      switchable: c.switchable,
      description: c.description,
      identifier: c.identifier,
    },
    children,
  );
}

function constraintFromXML(el: XmlElement): PathConstraint {
  const a = el.attributes;
  if (!a.path) throw new ValidationError({ message: 'XML: <constraint> without a path', field: 'xml' });
  // As PathQueryHandler: a `type` makes a subclass constraint, whatever else the element has.
  if (a.type !== undefined) return { path: a.path, type: a.type };
  const c: PathConstraint = { path: dotted(a.path) };
  if (a.op !== undefined) c.op = a.op;
  if (a.value !== undefined) c.value = a.value;
  if (a.extraValue !== undefined && a.extraValue !== '') c.extraValue = a.extraValue;
  if (a.loopPath !== undefined) c.loopPath = dotted(a.loopPath);
  if (a.code !== undefined) c.code = a.code;
  if (a.ids !== undefined) {
    c.ids = a.ids
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map(Number);
    if (c.ids.some((n) => !Number.isInteger(n))) throw new ValidationError({ message: `XML: bad ids "${a.ids}"`, field: 'xml' });
  }
  // The mine trims every <value> (PathQueryHandler.processConstraint).
  const values = el.children.filter((x) => x.name === 'value').map((x) => x.text.trim());
  if (values.length > 0) c.values = values;
  const editable = boolAttr(a.editable);
  if (editable !== undefined) c.editable = editable;
  const switchable = switchableOf(a.switchable);
  if (switchable !== undefined) c.switchable = switchable;
  if (a.description !== undefined) c.description = a.description;
  if (a.identifier !== undefined) c.identifier = a.identifier;
  return c;
}

function constraintFromJSON(raw: Record<string, unknown>): PathConstraint {
  if (typeof raw.path !== 'string') throw new ValidationError({ message: 'constraint JSON without a path', field: 'where' });
  const c: PathConstraint = { path: raw.path };
  if (typeof raw.op === 'string') c.op = raw.op;
  if (typeof raw.type === 'string') c.type = raw.type;
  if (Array.isArray(raw.values)) c.values = raw.values.map(String);
  else if (Array.isArray(raw.value)) c.values = raw.value.map(String);
  else if (raw.value !== undefined && raw.value !== null) c.value = String(raw.value);
  const extra = raw.extraValue ?? raw.extra;
  if (extra !== undefined && extra !== null && extra !== '') c.extraValue = String(extra);
  if (typeof raw.loopPath === 'string') c.loopPath = raw.loopPath;
  if (Array.isArray(raw.ids)) c.ids = raw.ids.map(Number);
  if (typeof raw.code === 'string') c.code = raw.code;
  if (typeof raw.editable === 'boolean') c.editable = raw.editable;
  if (raw.switchable === false) c.switchable = 'locked';
  else if (raw.switchable === true) c.switchable = switchableOf(raw.switched) === 'off' ? 'off' : 'on';
  else {
    const s = switchableOf(raw.switchable ?? raw.switched);
    if (s !== undefined) c.switchable = s;
  }
  if (typeof raw.description === 'string') c.description = raw.description;
  if (typeof raw.identifier === 'string') c.identifier = raw.identifier;
  return c;
}

/** An old-style path with its outer-join colons read as dots. */
function dotted(path: string): string {
  return path.replace(/:/g, '.');
}

/** The outer joins an old-style path marks with colons: each colon's path up to the next `.` or `:`. */
function colonJoins(path: string): string[] {
  const joins: string[] = [];
  for (let i = path.indexOf(':'); i >= 0; i = path.indexOf(':', i + 1)) {
    const rest = path.slice(i + 1).search(/[.:]/);
    joins.push(dotted(rest < 0 ? path : path.slice(0, i + 1 + rest)));
  }
  return joins;
}

function parseSortOrder(text: string): SortOrder[] {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  const out: SortOrder[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const path = tokens[i]!;
    if (SORT_WORD.test(path)) throw new ValidationError({ message: `XML: bad sortOrder "${text}"`, field: 'xml' });
    const next = tokens[i + 1];
    let direction: SortDirection = 'asc';
    if (next !== undefined && SORT_WORD.test(next)) {
      direction = next.toLowerCase() as SortDirection;
      i++;
    }
    out.push({ path, direction });
  }
  return out;
}

/** Path descriptions as an object by path, or the server's JSON list of `{ path, description }`. */
function pathDescriptionsOf(raw: unknown): Record<string, string> | undefined {
  if (raw === undefined || raw === null) return undefined;
  const out: Record<string, string> = {};
  const entries = Array.isArray(raw)
    ? raw.map((d: { path?: unknown; pathString?: unknown; description?: unknown }) => [d.path ?? d.pathString, d.description] as const)
    : Object.entries(raw as Record<string, unknown>);
  for (const [path, description] of entries) {
    if (typeof path !== 'string' || typeof description !== 'string')
      throw new ValidationError({ message: 'pathDescriptions must map paths to descriptions', field: 'pathDescriptions' });
    out[path] = description;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
