// Reads: `GET /api/v2/E` (q, attrs, sort, start, num ≤ 10,000, total, prevHref/nextHref),
// `GET /api/v2/E/<id>?attrs=`, and the v1 forms `GET /api/v1/E/<id>` and `GET /api/v1/E`.
import { classicError, json } from './http.js';
import { v2EntityMeta } from './metadata.js';
import { parseQuery, rowTest } from './query.js';
import type { Node } from '@bio/rsql';
import type { MolgenisSimulatorState, SimEntity, SimRow } from './types.js';
import { parseAttrs, renderV1, renderV2 } from './values.js';

/** The most rows one request may ask for (`@Max(10000)` on `num`). */
export const MAX_ROWS = 10_000;
const DEFAULT_ROWS = 100;

function integerParam(params: URLSearchParams, name: string, fallback: number): number {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw.trim())) {
    throw classicError(
      400,
      `Failed to convert property value of type 'java.lang.String' to required type 'int' for property '${name}'; nested exception is java.lang.NumberFormatException: For input string: "${raw}"`,
    );
  }
  const value = Number(raw);
  if (value < 0) throw classicError(400, `${name}: must be greater than or equal to 0`);
  return value;
}

function compare(a: unknown, b: unknown): number {
  const aEmpty = a === null || a === undefined;
  const bEmpty = b === null || b === undefined;
  if (aEmpty || bEmpty) return aEmpty === bEmpty ? 0 : aEmpty ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/**
 * Sort rows by `sort` (`a`, `a:desc`, `a:desc,b`) as PostgreSqlQueryGenerator.getSqlSort does:
 * no sort means the id attribute, and the id attribute breaks ties of any other sort. An
 * unknown attribute is a 400.
 */
function sortRows(entity: SimEntity, rows: SimRow[], sort: string | null): SimRow[] {
  const given = sort === null || sort.trim() === '' ? [] : sort.split(',');
  const keys = given.map((part) => {
    const [name = '', order = 'asc'] = part.trim().split(':');
    if (!entity.meta.attributes.some((a) => a.name === name)) throw classicError(400, `Unknown attribute [${name}] in entity type [${entity.meta.name}].`);
    if (!/^(asc|desc)$/i.test(order)) throw classicError(400, `Invalid sort order [${order}]`);
    return { name, sign: order.toLowerCase() === 'desc' ? -1 : 1 };
  });
  if (!keys.some((k) => k.name === entity.meta.idAttribute)) keys.push({ name: entity.meta.idAttribute, sign: 1 });
  return [...rows].sort((x, y) => {
    for (const { name, sign } of keys) {
      const c = compare(x[name], y[name]);
      if (c !== 0) return c * sign;
    }
    return 0;
  });
}

/** Whether a query has a full-text search (=q=, =sq=), which MOLGENIS answers from Elasticsearch. */
function searching(node: Node): boolean {
  return node.type === 'comparison' ? node.operator === '=q=' || node.operator === '=sq=' : node.children.some(searching);
}

/**
 * The rows matching `q`, in `sort` order (PostgreSQL's: by id unless sorted otherwise). A
 * full-text search without a sort keeps the order the rows were stored in, standing in for
 * Elasticsearch's relevance order, which is not the id order.
 */
export function matchingRows(state: MolgenisSimulatorState, entity: SimEntity, q: string | null, sort: string | null): SimRow[] {
  let rows = [...entity.rows.values()];
  if (q !== null && q.trim() !== '') {
    const node = parseQuery(q);
    rows = rows.filter(rowTest(state, entity, node));
    if (searching(node) && (sort === null || sort.trim() === '')) return rows;
  }
  return sortRows(entity, rows, sort);
}

function withStart(url: URL, start: number): string {
  const next = new URL(url.href);
  next.searchParams.set('start', String(start));
  return next.href;
}

/** `GET /api/v2/E`: `{href, meta, start, num, total, prevHref?, nextHref?, items}`. */
export function v2Collection(state: MolgenisSimulatorState, entity: SimEntity, url: URL, params: URLSearchParams): Response {
  const start = integerParam(params, 'start', 0);
  const num = integerParam(params, 'num', DEFAULT_ROWS);
  if (num > MAX_ROWS) throw classicError(400, `No more than ${MAX_ROWS} rows can be requested`);
  const selection = parseAttrs(params.get('attrs'));
  if (selection !== undefined) {
    for (const name of selection.keys()) {
      if (!entity.meta.attributes.some((a) => a.name === name)) throw classicError(400, `Unknown attribute [${name}] in entity type [${entity.meta.name}].`);
    }
  }
  const rows = matchingRows(state, entity, params.get('q'), params.get('sort'));
  const total = rows.length;
  const page = rows.slice(start, start + num);
  return json({
    href: `/api/v2/${encodeURIComponent(entity.meta.name)}`,
    meta: v2EntityMeta(state, entity, selection === undefined ? undefined : (name) => selection.has(name)),
    start,
    num,
    total,
    ...(start > 0 ? { prevHref: withStart(url, Math.max(0, start - num)) } : {}),
    ...(num > 0 && start + num < total ? { nextHref: withStart(url, start + num) } : {}),
    items: page.map((row) => renderV2(state, entity, row, selection)),
  });
}

/** The row with this id, or MOLGENIS's 404 (code D02). */
export function rowOf(entity: SimEntity, id: string): SimRow {
  const row = entity.rows.get(id);
  if (row === undefined) throw classicError(404, `Unknown entity with '${entity.meta.idAttribute}' '${id}' of type '${entity.meta.label}'.`, 'D02');
  return row;
}

/** `GET /api/v2/E/<id>?attrs=`: the row with its `_meta`. */
export function v2Row(state: MolgenisSimulatorState, entity: SimEntity, id: string, params: URLSearchParams): Response {
  const row = rowOf(entity, id);
  const selection = parseAttrs(params.get('attrs'));
  return json({ _meta: v2EntityMeta(state, entity), ...renderV2(state, entity, row, selection) });
}

function v1Attributes(params: URLSearchParams): ReadonlySet<string> | undefined {
  const raw = params.get('attributes');
  return raw === null || raw.trim() === '' ? undefined : new Set(raw.split(',').map((s) => s.trim()));
}

/** `GET /api/v1/E/<id>?attributes=`. */
export function v1Row(state: MolgenisSimulatorState, entity: SimEntity, id: string, params: URLSearchParams): Response {
  return json(renderV1(state, entity, rowOf(entity, id), v1Attributes(params)));
}

/** `GET /api/v1/E?start=&num=&q=`: `{href, meta, start, num, total, items}` in the v1 shape. */
export function v1Collection(state: MolgenisSimulatorState, entity: SimEntity, url: URL, params: URLSearchParams): Response {
  const start = integerParam(params, 'start', 0);
  const num = integerParam(params, 'num', DEFAULT_ROWS);
  if (num > MAX_ROWS) throw classicError(400, `No more than ${MAX_ROWS} rows can be requested`);
  const rows = matchingRows(state, entity, params.get('q'), null);
  const name = encodeURIComponent(entity.meta.name);
  return json({
    href: `/api/v1/${name}`,
    meta: { href: `/api/v1/${name}/meta` },
    start,
    num,
    total: rows.length,
    ...(start > 0 ? { prevHref: withStart(url, Math.max(0, start - num)) } : {}),
    ...(num > 0 && start + num < rows.length ? { nextHref: withStart(url, start + num) } : {}),
    items: rows.slice(start, start + num).map((row) => renderV1(state, entity, row, v1Attributes(params))),
  });
}
