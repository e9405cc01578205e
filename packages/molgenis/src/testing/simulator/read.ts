// Reads: `GET /api/v2/E` (q, attrs, sort, start, num ≤ 10,000, total, prevHref/nextHref),
// `GET /api/v2/E/<id>?attrs=`, and the v1 forms `GET /api/v1/E/<id>` and `GET /api/v1/E`.
import { classicError, classicErrors, json, unknownAttribute } from './http.js';
import { v1EntityTypeBody, v2EntityMeta } from './metadata.js';
import { parseQuery, rowTest, syntaxError } from './query.js';
import type { Node } from '@bio/rsql';
import type { MolgenisSimulatorState, SimEntity, SimRow } from './types.js';
import { parseAttrs, REFERENCE_TYPES, renderV1, renderV2, type Selection } from './values.js';

/** The most rows one request may ask for (`@Max(10000)` on `num`). */
export const MAX_ROWS = 10_000;
const DEFAULT_ROWS = 100;

/** The object MOLGENIS binds `start`/`num` into, and its `@Max` message, per API version. */
const PAGING = {
  v1: { objectName: 'entityCollectionRequest', maxMessage: `No more than ${MAX_ROWS} rows can be requested` },
  v2: { objectName: 'entityCollectionRequestV2', maxMessage: `must be less than or equal to ${MAX_ROWS}` },
} as const;

const INT_RANGE = 2 ** 31;

/**
 * A default message as MOLGENIS renders it: through java.text.MessageFormat, which drops single
 * quotes (`''` is one quote, text between quotes is literal). A brace outside quotes would be a
 * format element; the simulator leaves such text unformatted.
 */
function messageFormatted(text: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === "'") {
      if (text[i + 1] === "'") {
        out += "'";
        i++;
      } else quoted = !quoted;
    } else if (!quoted && (c === '{' || c === '}')) return text;
    else out += c;
  }
  return out;
}

/** Spring's TypeMismatchException text for a value that is no Java int. */
function typeMismatchText(name: string, value: string): string {
  return messageFormatted(
    `Failed to convert property value of type 'java.lang.String' to required type 'int' for property '${name}'; nested exception is java.lang.NumberFormatException: For input string: "${value}"`,
  );
}

/**
 * v2's `q` that does not parse: QueryRsqlConverter (RsqlConfig) throws QueryParseException while
 * the request object is bound, so the conversion service's ConversionFailedException becomes a
 * TypeMismatchException on `q`: a binding error coded `typeMismatch`, not API03. The words after
 * `parseException:` are the simulator's parser's, not jirutka's.
 */
function qTypeMismatchText(q: string, parserMessage: string): string {
  const rsql = 'org.molgenis.web.rsql.QueryRsql';
  return messageFormatted(
    `Failed to convert property value of type 'java.lang.String' to required type '${rsql}' for property 'q'; nested exception is org.springframework.core.convert.ConversionFailedException: Failed to convert from type [java.lang.String] to type [${rsql}] for value '${q}'; nested exception is org.molgenis.api.convert.QueryParseException: parseException: ${parserMessage}`,
  );
}

/**
 * `start` and `num` (and v2's `q`) as Spring binds them into the request object (whitespace
 * removed, a Java int) and validates them (`@Min(0)`, `num` `@Max(10000)`). Any bad field is a
 * BindException, which GlobalControllerExceptionHandler answers with one error per field:
 * "Field 'num' of 'entityCollectionRequestV2' must be …", coded by the constraint. Binding errors
 * come first, by parameter name (WebUtils.getParametersStartingWith sorts them), then the
 * constraint violations.
 */
function pagingOf(params: URLSearchParams, version: 'v1' | 'v2'): { start: number; num: number } {
  const { objectName, maxMessage } = PAGING[version];
  const binding: { field: string; message: string; code: string }[] = [];
  const constraints: { message: string; code: string }[] = [];
  const message = (name: string, text: string): string => `Field '${name}' of '${objectName}' ${text}`;
  const read = (name: 'start' | 'num', fallback: number): number => {
    const raw = params.get(name);
    const value = raw?.replace(/\s+/g, '') ?? '';
    if (value === '') return fallback;
    const n = /^[-+]?\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!(n >= -INT_RANGE && n < INT_RANGE)) {
      binding.push({ field: name, message: message(name, typeMismatchText(name, value)), code: 'typeMismatch' });
      return fallback;
    }
    if (n < 0) constraints.push({ message: message(name, 'must be greater than or equal to 0'), code: 'Min' });
    if (name === 'num' && n > MAX_ROWS) constraints.push({ message: message(name, maxMessage), code: 'Max' });
    return n;
  };
  const paging = { start: read('start', 0), num: read('num', DEFAULT_ROWS) };
  const q = params.get('q');
  if (version === 'v2' && q !== null && q.trim() !== '') {
    const refusal = syntaxError(q);
    if (refusal !== undefined) binding.push({ field: 'q', message: message('q', qTypeMismatchText(q, refusal)), code: 'typeMismatch' });
  }
  binding.sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
  const errors = [...binding.map(({ message, code }) => ({ message, code })), ...constraints];
  if (errors.length > 0) throw classicErrors(400, errors);
  return paging;
}

function compare(a: unknown, b: unknown): number {
  const aEmpty = a === null || a === undefined;
  const bEmpty = b === null || b === undefined;
  if (aEmpty || bEmpty) return aEmpty === bEmpty ? 0 : aEmpty ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** `sort` as SortConverter reads it: comma-separated, an exact `:desc`/`:asc` suffix, else ascending. */
function sortKeys(sort: string): { name: string; sign: number }[] {
  return sort.split(',').map((part) => {
    if (part.endsWith(':desc')) return { name: part.slice(0, -5), sign: -1 };
    return { name: part.endsWith(':asc') ? part.slice(0, -4) : part, sign: 1 };
  });
}

/**
 * An unknown sort attribute (`x`, but also `a:DESC` or `a:up`, which SortConverter keeps whole)
 * is never checked by name. PostgreSQL-bound reads fail in QueryUtils.containsComputedAttribute
 * (IndexedRepositoryDecorator), a NullPointerException the fallback handler answers as a 500;
 * a full-text search goes to Elasticsearch, whose SortGenerator throws UnknownAttributeException
 * (404 D04), but only once rows are fetched: a search matching nothing, or read with `num=0`,
 * answers normally (RestControllerV2.createEntityCollectionResponse calls findAll only when
 * `count > 0 && pageSize > 0`; the count goes to Elasticsearch without the sort).
 */
function checkSortAttribute(entity: SimEntity, name: string, search: boolean, fetched: boolean): void {
  if (entity.meta.attributes.some((a) => a.name === name)) return;
  if (!search)
    throw classicError(
      500,
      'Cannot invoke "org.molgenis.data.meta.model.Attribute.hasExpression()" because the return value of "org.molgenis.data.meta.model.EntityType.getAttribute(String)" is null',
    );
  if (fetched) throw unknownAttribute(entity.meta.label, name);
}

/**
 * Sort rows by `sort` (`a`, `a:desc`, `a:desc,b`) as PostgreSqlQueryGenerator.getSqlSort does:
 * no sort means the id attribute, and the id attribute breaks ties of any other sort.
 */
function sortRows(entity: SimEntity, rows: SimRow[], sort: string | null, search: boolean, fetches: boolean): SimRow[] {
  const keys = sort === null || sort.trim() === '' ? [] : sortKeys(sort);
  for (const { name } of keys) checkSortAttribute(entity, name, search, fetches && rows.length > 0);
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
 * Elasticsearch's relevance order, which is not the id order. `fetches` is false when the
 * request reads no rows (v2's `num=0`: only counted).
 */
export function matchingRows(state: MolgenisSimulatorState, entity: SimEntity, q: string | null, sort: string | null, fetches = true): SimRow[] {
  let rows = [...entity.rows.values()];
  let search = false;
  if (q !== null && q.trim() !== '') {
    const node = parseQuery(q);
    rows = rows.filter(rowTest(state, entity, node));
    search = searching(node);
    if (search && (sort === null || sort.trim() === '')) return rows;
  }
  return sortRows(entity, rows, sort, search, fetches);
}

/**
 * The previous and next page starts as EntityPager counts them: no previous page at start 0; no
 * next page once `start + num` passes the last row. With `num=0` the "next" page is this one.
 */
function pageStarts(start: number, num: number, total: number): { prev?: number; next?: number } {
  return {
    ...(start === 0 ? {} : { prev: Math.max(0, start - num) }),
    ...(start + num > total - 1 ? {} : { next: start + num }),
  };
}

/**
 * RestControllerV2's page links: the request URL as received, its `start` replaced by one at the
 * end (UriComponentsBuilder.replaceQueryParam), every other parameter as the client encoded it.
 */
function v2PageHrefs(url: URL, start: number, num: number, total: number): { prevHref?: string; nextHref?: string } {
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((param) => param !== '' && param.split('=')[0] !== 'start');
  const href = (at: number): string => `${url.origin}${url.pathname}?${[...kept, `start=${at}`].join('&')}`;
  const { prev, next } = pageStarts(start, num, total);
  return { ...(prev === undefined ? {} : { prevHref: href(prev) }), ...(next === undefined ? {} : { nextHref: href(next) }) };
}

/** v1's page links (EntityCollectionResponse): the collection path with only `start` and `num`. */
function v1PageHrefs(path: string, start: number, num: number, total: number): { prevHref?: string; nextHref?: string } {
  const href = (at: number): string => `${path}?start=${at}&num=${num}`;
  const { prev, next } = pageStarts(start, num, total);
  return { ...(prev === undefined ? {} : { prevHref: href(prev) }), ...(next === undefined ? {} : { nextHref: href(next) }) };
}

/**
 * A parsed `attrs` checked and resolved against the entity type as
 * AttributeFilterToFetchConverter.createFetchContentRec does before any row is read: every named
 * attribute must exist (`getAttribute`: UnknownAttributeException, 404 D04 naming the entity type
 * it was looked up in), and the selection inside a reference attribute's parentheses is checked
 * the same way against the referenced entity type, at any depth
 * (`createReferenceFetchContentRec` → `convert(subAttrFilter, attr.getRefEntity(), …)`); a lone
 * `*` there is not checked (`isStar`: the default fetch). Parentheses after an attribute that is
 * no reference are ignored (`createFetchContentRec`'s default case only fetches the field). The
 * keys `~id` and `~lbl` are the id and label attributes (AttributeFilterConverter.addFilter);
 * `*` beside names stays (see {@link parseAttrs}). A FILE attribute's selection is not checked:
 * the simulator has no sys_FileMeta entity type to check it against.
 */
function checkedSelection(
  state: MolgenisSimulatorState,
  entity: SimEntity,
  raw: Map<string, Selection | '*' | undefined>,
): Map<string, Selection | '*' | undefined> {
  const out = new Map<string, Selection | '*' | undefined>();
  for (const [key, sub] of raw) {
    if (key === '*') {
      out.set(key, sub);
      continue;
    }
    const name = key === '~id' ? entity.meta.idAttribute : key === '~lbl' ? entity.meta.labelAttribute : key;
    const attr = entity.meta.attributes.find((a) => a.name === name);
    if (attr === undefined) throw unknownAttribute(entity.meta.label, name);
    const ref = REFERENCE_TYPES.has(attr.fieldType) && attr.refEntity !== undefined ? state.entities.get(attr.refEntity) : undefined;
    out.set(name, sub instanceof Map && ref !== undefined ? checkedSelection(state, ref, sub) : sub);
  }
  return out;
}

/** `attrs` parsed, then checked and resolved by {@link checkedSelection}. */
function selectionOf(state: MolgenisSimulatorState, entity: SimEntity, params: URLSearchParams): Selection {
  const selection = parseAttrs(params.get('attrs'));
  return selection === undefined ? undefined : checkedSelection(state, entity, selection);
}

/** `GET /api/v2/E`: `{href, meta, start, num, total, prevHref?, nextHref?, items}`. */
export function v2Collection(state: MolgenisSimulatorState, entity: SimEntity, url: URL, params: URLSearchParams, user: string | undefined): Response {
  const { start, num } = pagingOf(params, 'v2');
  const selection = selectionOf(state, entity, params);
  const rows = matchingRows(state, entity, params.get('q'), params.get('sort'), num > 0);
  const total = rows.length;
  const page = rows.slice(start, start + num);
  return json({
    href: `/api/v2/${encodeURIComponent(entity.meta.name)}`,
    meta: v2EntityMeta(state, entity, user, metaSelection(selection)),
    start,
    num,
    total,
    ...v2PageHrefs(url, start, num, total),
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
/** The attributes EntityTypeResponseV2.filterAttributes keeps for the fetch of `attrs` (all without one, or with `*`). */
function metaSelection(selection: ReturnType<typeof selectionOf>): ((name: string) => boolean) | undefined {
  return selection === undefined || selection.has('*') ? undefined : (name) => selection.has(name);
}

export function v2Row(state: MolgenisSimulatorState, entity: SimEntity, id: string, params: URLSearchParams, user: string | undefined): Response {
  const selection = selectionOf(state, entity, params);
  const row = rowOf(entity, id);
  // EntityTypeResponseV2 gets the fetch the row was read with (getEntityResponse → createEntityTypeResponse), so `attrs` selects `_meta`'s attributes too
  return json({ _meta: v2EntityMeta(state, entity, user, metaSelection(selection)), ...renderV2(state, entity, row, selection) });
}

function v1Attributes(params: URLSearchParams): ReadonlySet<string> | undefined {
  const raw = params.get('attributes');
  return raw === null || raw.trim() === '' ? undefined : new Set(raw.split(',').map((s) => s.trim()));
}

/** `GET /api/v1/E/<id>?attributes=`. */
export function v1Row(state: MolgenisSimulatorState, entity: SimEntity, id: string, params: URLSearchParams): Response {
  return json(renderV1(state, entity, rowOf(entity, id), v1Attributes(params)));
}

/** `GET /api/v1/E?start=&num=&q=`: `{href, meta, start, num, total, items}` in the v1 shape, `meta` as `GET /api/v1/E/meta` gives it. */
export function v1Collection(state: MolgenisSimulatorState, entity: SimEntity, params: URLSearchParams, user: string | undefined): Response {
  const { start, num } = pagingOf(params, 'v1');
  const rows = matchingRows(state, entity, params.get('q'), null);
  const name = encodeURIComponent(entity.meta.name);
  return json({
    href: `/api/v1/${name}`,
    meta: v1EntityTypeBody(entity, false, user),
    start,
    num,
    total: rows.length,
    ...v1PageHrefs(`/api/v1/${name}`, start, num, rows.length),
    items: rows.slice(start, start + num).map((row) => renderV1(state, entity, row, v1Attributes(params))),
  });
}
