// The IDR search engine: `resources/` and `{resource}/search/` (key/value with operators, hits
// paged by `bookmark`, `return_containers=true`). Its traps: zero hits are a bare list, errors
// are HTTP 200 `{"Error": …}`.
import type { RouteContext } from './context.js';
import { imagePairs, pairsOf } from './keyvalues.js';
import { type IdrSimulatorState, links, type SimParentType } from './state.js';
import { FLASGGER_PAGE, htmlPage, json, notFoundPage } from './wire.js';

const RESOURCES = ['image', 'project', 'screen', 'well', 'plate'] as const;
type Resource = (typeof RESOURCES)[number];
const OPERATORS = ['equals', 'not_equals', 'contains', 'not_contains', 'in', 'not_in'];

interface Hit {
  id: number;
  name: string;
  pairs: [string, string, string | null][];
  containers: Record<string, number | string | null>;
  screen: number | null;
  project: number | null;
}

function matcher(value: string, operator: string, caseSensitive: boolean): (v: string) => boolean {
  const norm = (s: string) => (caseSensitive ? s : s.toLowerCase());
  const want = norm(value);
  const list = want.split(',').map((s) => s.trim());
  switch (operator) {
    case 'not_equals':
      return (v) => norm(v) !== want;
    case 'contains':
      return (v) => norm(v).includes(want);
    case 'not_contains':
      return (v) => !norm(v).includes(want);
    case 'in':
      return (v) => list.includes(norm(v));
    case 'not_in':
      return (v) => !list.includes(norm(v));
    default:
      return (v) => norm(v) === want;
  }
}

/** Keys compare through the lower-cased `keynamenormalize` field unless the search is case-sensitive (utils.py templates). */
function keyMatcher(key: string | null, caseSensitive: boolean): (k: string) => boolean {
  if (key === null) return () => true;
  const want = key.trim();
  return caseSensitive ? (k) => k === want : (k) => k.toLowerCase() === want.toLowerCase();
}

function imageHits(state: IdrSimulatorState): Hit[] {
  const l = links(state);
  return [...state.images.values()].map((image) => {
    const well = state.wells.get(l.wellOfImage.get(image.id) ?? -1);
    const plate = well ? state.plates.get(well.plateId) : undefined;
    const screen = plate ? state.screens.get(l.screenOfPlate.get(plate.id) ?? -1) : undefined;
    const dataset = state.datasets.get(l.datasetsOfImage.get(image.id)?.[0] ?? -1);
    const project = dataset ? state.projects.get(l.projectsOfDataset.get(dataset.id)?.[0] ?? -1) : undefined;
    return {
      id: image.id,
      name: image.name,
      pairs: imagePairs(state, image.id),
      screen: screen?.id ?? null,
      project: project?.id ?? null,
      containers: {
        screen_id: screen?.id ?? null,
        screen_name: screen?.name ?? null,
        plate_id: plate?.id ?? null,
        plate_name: plate?.name ?? null,
        well_id: well?.id ?? null,
        wellsample_id: well ? well.id * 10 + well.imageIds.indexOf(image.id) : null,
        project_id: project?.id ?? null,
        project_name: project?.name ?? null,
        dataset_id: dataset?.id ?? null,
        dataset_name: dataset?.name ?? null,
      },
    };
  });
}

function containerHits(state: IdrSimulatorState, resource: Exclude<Resource, 'image'>): Hit[] {
  const type: SimParentType = resource;
  const table = { project: state.projects, screen: state.screens, plate: state.plates, well: state.wells }[resource] as Map<
    number,
    { id: number; name?: string }
  >;
  return [...table.values()].map((o) => ({
    id: o.id,
    name: o.name ?? String(o.id),
    pairs: pairsOf(state, type, o.id),
    containers: {},
    screen: resource === 'screen' ? o.id : null,
    project: resource === 'project' ? o.id : null,
  }));
}

function envelope(key: string | null, value: string, operator: string, resource: string): Record<string, unknown> {
  const filter = key === null ? { value, operator, resource } : { name: key, value, operator, resource };
  return {
    query_details: { and_filters: [filter], case_sensitive: null, bookmark: [null] },
    resource,
    server_query_time: '0.01',
    raw_elasticsearch_query: {
      query: { bool: { must: [{ nested: { path: 'key_values', query: { bool: { must: [{ term: { 'key_values.name.keyword': key } }] } } } }] } },
    },
    notice: '',
  };
}

// elasticsearch_query_builder (utils.py) calls `value.strip()`; a missing value lands in its except clause,
// whose message keeps the 20 spaces of a backslash-continued Python string.
const FILTER_ERROR = `Each Filter needs to have, name,${' '.repeat(20)}value and operator keywords.`;

/**
 * The search engine's own 404 (omero_search_engine/__init__.py page_not_found): plain text, Werkzeug's
 * NotFound then a pointer to the API root and the Swagger page (the 8 spaces come from a
 * backslash-continued Python string).
 */
function searchEngineNotFound(): Response {
  const text =
    "404 Not Found: The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again., You may use '/searchengine/api/v1/resources/' to test" +
    `${' '.repeat(8)}the deployment and '/searchengine/apidocs/' for the Swagger documents.`;
  return new Response(text, { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/** Werkzeug's MethodNotAllowed page: a route of the app asked with a method it does not take. */
function methodNotAllowed(allow: string): Response {
  const text =
    '<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n' +
    '<p>The method is not allowed for the requested URL.</p>\n';
  return new Response(text, { status: 405, headers: { 'content-type': 'text/html; charset=utf-8', allow } });
}

/** Werkzeug's page for an exception raised in a Flask view. */
function flaskServerError(): Response {
  const text =
    '<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n' +
    '<p>The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.</p>\n';
  return new Response(text, { status: 500, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

/**
 * `study` (query_handler.py `simple_search`) adds an `equals` filter on the project `name`, which
 * `check_get_names` resolves to every project whose name contains it, case-insensitively: screens never match.
 */
function inStudy(state: IdrSimulatorState, hits: Hit[], study: string): Hit[] {
  const want = study.trim().toLowerCase();
  return hits.filter(
    (h) =>
      state.projects
        .get(h.project ?? -1)
        ?.name.toLowerCase()
        .includes(want) === true,
  );
}

/**
 * The test of one key/value filter on image hits: the image's own pairs, or — for a filter on
 * another resource — the pairs of the image's container of that kind (query_handler.py
 * get_image_non_image_query turns such a filter into `{resource}_id` conditions on the images).
 */
function filterTest(s: IdrSimulatorState, f: { name?: string | null; value: string; operator: string; resource: string }, caseSensitive: boolean) {
  // The query builder has no branch for an unknown operator: the filter adds no clause (every document matches).
  if (!OPERATORS.includes(f.operator)) return () => true;
  const test = matcher(f.value, f.operator, caseSensitive);
  const keyTest = keyMatcher(f.name ?? null, caseSensitive);
  const matches = (pairs: [string, string, string | null][]) => pairs.some(([k, v]) => keyTest(k) && test(v));
  if (f.resource === 'image') return (h: Hit) => matches(h.pairs);
  const type = f.resource as SimParentType;
  return (h: Hit) => {
    const id = h.containers[`${type}_id`];
    return typeof id === 'number' && matches(pairsOf(s, type, id));
  };
}

function search(ctx: RouteContext, resourceTable: string): Response {
  const key = ctx.params.get('key') || null; // simple_search: no key (or an empty one) searches every key
  const value = ctx.params.get('value');
  const operator = ctx.params.get('operator') ?? 'equals';
  const study = ctx.params.get('study');
  const containers = ctx.params.get('return_containers') === 'true';
  // simple_search passes the bare query_details on, and determine_search_results_ raises reading it.
  if (study && containers) return flaskServerError();
  const s = ctx.state;
  const known = (RESOURCES as readonly string[]).includes(resourceTable);
  // The raw string reaches `if case_sensitive:` in the query builder: any non-empty value, even "false", counts.
  const caseSensitive = Boolean(ctx.params.get('case_sensitive'));
  const base = envelope(key, value ?? '', operator, resourceTable);
  if (containers) {
    // search_query overwrites the {"Error"} of a filter without a value, or of an unknown resource, with
    // "none"; search_resource_annotation_return_containers_only skips such an answer: {} is left.
    if (value === null) return json({});
    // An unknown resource's ids match nothing (`{resource}_id` = -1 on the images).
    const test = known ? filterTest(s, { name: key, value, operator, resource: resourceTable }, caseSensitive) : () => false;
    return containersAnswer(s, imageHits(s).filter(test), base);
  }
  // search_resource_annotation: no Elasticsearch index for the resource.
  // With a study, determine_search_results_ runs it and search_query overwrites the error with "none":
  // an unknown resource then matches no image, a missing value answers {"Error": "none"} alone.
  if (!known) return study ? hitsPage(ctx, [], { ...base, Error: 'none' }, null) : json({ Error: `${resourceTable} is not a valid resource` });
  if (value === null) return json(study ? { Error: 'none' } : { Error: FILTER_ERROR });
  const resource = resourceTable as Resource;
  const test = matcher(value, operator, caseSensitive);
  const keyTest = keyMatcher(key, caseSensitive);
  const all = resource === 'image' ? imageHits(s) : containerHits(s, resource);
  // GET search never validates the operator (no query_validator on this route): the query builder
  // (utils.py elasticsearch_query_builder) has no branch for an unknown one, so the key/value
  // filter adds no clause at all and every document of the data source matches.
  const knownOperator = OPERATORS.includes(operator);
  const hits = all.filter((h) => !knownOperator || h.pairs.some(([k, v]) => keyTest(k) && test(v))).sort((a, b) => a.id - b.id);
  // The study path (determine_search_results_ → search_query) loses the bookmark and adds "Error": "none".
  if (study) return hitsPage(ctx, inStudy(s, hits, study), { ...base, Error: 'none' }, null);
  // simple_search sends the raw string as Elasticsearch's `search_after` on the long `id` sort:
  // anything Java's Long.parseLong refuses is an ES 400, raised through the view as a Flask 500 page.
  const bookmark = ctx.params.get('bookmark') || null; // `if bookmark:` — an empty one is none
  if (bookmark !== null && !/^[+-]?\d+$/.test(bookmark)) return flaskServerError();
  return hitsPage(ctx, hits, base, bookmark);
}

/** A study's map-annotation pairs as get_studies_titles (utils.py) sends them: the indexed `name` renamed `key`. */
function studyPairs(s: IdrSimulatorState, type: 'project' | 'screen', id: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const a of s.annotations.values())
    if (a.kind === 'map' && a.parent.type === type && a.parent.id === id) {
      for (const [index, [k, v]] of a.values.entries()) out.push({ value: v, index, key: k });
    }
  return out;
}

/**
 * The studies of `hits` (utils.py search_resource_annotation with return_containers): a terms
 * aggregation on `project_name`, then one on `screen_name` — each in Elasticsearch's bucket order
 * (image count descending, then name) — every bucket looked up by name (get_studies_titles: id,
 * name, type, key_values; no description) with its `image count` and `data_source`.
 */
function studiesOf(s: IdrSimulatorState, hits: Hit[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const type of ['project', 'screen'] as const) {
    const counts = new Map<number, number>();
    for (const h of hits) {
      const id = h[type];
      if (id !== null) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const table = type === 'project' ? s.projects : s.screens;
    const rows = [...counts].map(([id, count]) => ({ id, count, name: table.get(id)?.name ?? '' }));
    rows.sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const r of rows) out.push({ id: r.id, name: r.name, type, key_values: studyPairs(s, type, r.id), 'image count': r.count, data_source: 'omero1' });
  }
  return out;
}

/** The containers answer (determine_search_results_ → search_query adds `"Error": "none"`); never a bare list. */
function containersAnswer(s: IdrSimulatorState, hits: Hit[], base: Record<string, unknown>): Response {
  return json({ results: { results: studiesOf(s, hits) }, ...base, Error: 'none' });
}

/** One page of hits after `bookmarkRaw` (the last id of the page before), in the engine's envelope. */
function hitsPage(ctx: RouteContext, hits: Hit[], base: Record<string, unknown>, bookmarkRaw: string | null): Response {
  // Zero hits: a bare list (idr-notebooks#120).
  if (hits.length === 0) return json({ results: [], ...base });
  const size = ctx.settings.searchPageSize;
  const after = bookmarkRaw === null ? undefined : Number(bookmarkRaw); // callers pass integers only
  const start = after === undefined ? 0 : hits.findIndex((h) => h.id > after);
  const page = start < 0 ? [] : hits.slice(start, start + size);
  const totalPages = Math.ceil(hits.length / size);
  const current = start < 0 ? totalPages : Math.floor(start / size) + 1;
  const last = page.at(-1)?.id ?? after ?? null;
  const results = page.map((h) => ({
    id: h.id,
    name: h.name,
    description: '',
    key_values: h.pairs.map(([name, v]) => ({ name, value: v, index: 0 })),
    owner_id: 2,
    group_id: 3,
    data_source: 'omero1',
    ...h.containers,
  }));
  const pageRecords = Array.from({ length: Math.max(0, totalPages - 1) }, (_, i) => ({ page: i + 2, bookmark: [hits[(i + 1) * size - 1]?.id] }));
  return json({
    results: {
      results,
      total_pages: totalPages,
      bookmark: [last],
      size: hits.length,
      pagination: { total_pages: totalPages, page_records: pageRecords, current_page: current, next_page: current < totalPages ? current + 1 : null },
    },
    ...base,
  });
}

interface Filter {
  name?: string;
  value: string | string[];
  operator: string;
  resource: string;
  /** Set by adjust_query_for_container on the filters it makes of a container filter. */
  org_type?: string;
}

/** Python's `repr` of a JSON value, as jsonschema quotes the instance in its messages. */
function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v.includes("'") && !v.includes('"') ? `"${v}"` : `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  return `{${Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`)
    .join(', ')}}`;
}

const RESOURCE_ENUM = ['image', 'screen', 'project', 'plate', 'well'];
const typeError = (v: unknown, types: string) => `${pyRepr(v)} is not of type ${types}`;
const isJsonObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** filter_schema.json: `value` and `operator` required, the operator and resource from their enums. */
function filterSchemaError(f: unknown): string | undefined {
  if (!isJsonObject(f)) return typeError(f, "'object'");
  for (const required of ['value', 'operator']) if (!(required in f)) return `'${required}' is a required property`;
  if ('name' in f && typeof f.name !== 'string') return typeError(f.name, "'string'");
  if (typeof f.value !== 'string' && !Array.isArray(f.value)) return typeError(f.value, "'array', 'string'");
  if (typeof f.operator !== 'string') return typeError(f.operator, "'string'");
  if (!OPERATORS.includes(f.operator)) return `${pyRepr(f.operator)} is not one of ${pyRepr(OPERATORS)}`;
  if ('resource' in f) {
    if (typeof f.resource !== 'string') return typeError(f.resource, "'string'");
    if (!RESOURCE_ENUM.includes(f.resource)) return `${pyRepr(f.resource)} is not one of ${pyRepr(RESOURCE_ENUM)}`;
  }
  return undefined;
}

/**
 * `query_validator` (query_handler.py) against schemas/query_data.json: jsonschema's message for the
 * first violation, which the POST routes answer as HTTP 200 `{"Error": message}` (urls.py).
 */
function querySchemaError(q: Record<string, unknown>): string | undefined {
  if (!('query_details' in q)) return "'query_details' is a required property";
  if ('bookmark' in q) {
    if (!Array.isArray(q.bookmark)) return typeError(q.bookmark, "'array'");
    const bad = q.bookmark.find((b) => typeof b !== 'number' || !Number.isInteger(b));
    if (bad !== undefined) return typeError(bad, "'integer'");
  }
  const details = q.query_details;
  if (!isJsonObject(details)) return typeError(details, "'object'");
  if ('case_sensitive' in details && typeof details.case_sensitive !== 'boolean') return typeError(details.case_sensitive, "'boolean'");
  if ('and_filters' in details) {
    if (!Array.isArray(details.and_filters)) return typeError(details.and_filters, "'array'");
    for (const f of details.and_filters) {
      const error = filterSchemaError(f);
      if (error) return error;
    }
  }
  if ('or_filters' in details) {
    if (!Array.isArray(details.or_filters)) return typeError(details.or_filters, "'array'");
    for (const group of details.or_filters) {
      if (!Array.isArray(group)) return typeError(group, "'array'");
      for (const f of group) {
        const error = filterSchemaError(f);
        if (error) return error;
      }
    }
  }
  return undefined;
}

/** A query as both POST endpoints read it from their body. */
interface PostedQuery {
  and: Filter[];
  or: Filter[][];
  caseSensitive: boolean;
  bookmark: string | null;
}

/** `POST submitquery/` body → its and/or filters, or the engine's error text. */
function readQuery(body: unknown): PostedQuery | string {
  // submit_query: a body that is not JSON, or an empty one, is no query.
  if (!isJsonObject(body) || Object.keys(body).length === 0) return 'No query is provided';
  const invalid = querySchemaError(body);
  if (invalid !== undefined) return invalid;
  const details = body.query_details as { and_filters?: Filter[]; or_filters?: Filter[][]; case_sensitive?: boolean };
  const and = details.and_filters ?? [];
  const or = details.or_filters ?? [];
  if (and.length === 0 && or.length === 0) return 'No query is provided';
  const norm = (f: Filter): Filter => ({ ...f, value: Array.isArray(f.value) ? f.value.join(',') : f.value, resource: f.resource ?? 'image' });
  const marks = body.bookmark as number[] | undefined;
  const bookmark = marks && marks.length > 0 ? String(marks[marks.length - 1]) : null;
  return { and: and.map(norm), or: or.map((g) => g.map(norm)), caseSensitive: details.case_sensitive === true, bookmark };
}

/** The query of a POST body, or the engine's HTTP 200 `{"Error": …}` (a body that is not JSON counts as no query). */
function postedQuery(ctx: RouteContext): PostedQuery | Response {
  let body: unknown;
  try {
    body = ctx.request.json();
  } catch {
    body = undefined;
  }
  const query = readQuery(body);
  return typeof query === 'string' ? json({ Error: query }) : query; // build_error_message: the Error alone
}

/** The image hits matching every and-filter and one filter of each or-group. */
function queryHits(state: IdrSimulatorState, query: { and: Filter[]; or: Filter[][]; caseSensitive: boolean }): Hit[] {
  const test = (f: Filter) => {
    const match = matcher(String(f.value), f.operator, query.caseSensitive);
    const keyTest = keyMatcher(f.name ?? null, query.caseSensitive);
    return (h: Hit) => h.pairs.some(([k, v]) => keyTest(k) && match(v));
  };
  const and = query.and.map(test);
  const or = query.or.map((g) => g.map(test));
  return imageHits(state)
    .filter((h) => and.every((t) => t(h)) && or.every((g) => g.some((t) => t(h))))
    .sort((a, b) => a.id - b.id);
}

/** `POST submitquery/`: a JSON query (and/or filters), paged by the `bookmark` of the body. */
function submitQuery(ctx: RouteContext): Response {
  const query = postedQuery(ctx);
  if (query instanceof Response) return query;
  const hits = queryHits(ctx.state, query);
  const base = {
    query_details: { and_filters: query.and, or_filters: query.or, case_sensitive: query.caseSensitive },
    resource: 'image',
    server_query_time: '0.01',
    notice: '',
  };
  return hitsPage(ctx, hits, base, query.bookmark);
}

/**
 * utils.py adjust_query_for_container: every `"resource": "container"` filter leaves its list and
 * becomes an or-group of itself on `project` and on `screen` (with `org_type` and/or); emptied
 * or-groups go. False when the engine's own code raises on the shape (a filter that is no object).
 */
function adjustForContainer(query: Record<string, unknown>): boolean {
  const details = query.query_details;
  if (!details) return true;
  if (!isJsonObject(details)) return false; // `query_details.get` on a list or string
  const objects = (v: unknown): v is Record<string, unknown>[] => Array.isArray(v) && v.every(isJsonObject);
  const split = (f: Record<string, unknown>, orgType: string) => (['project', 'screen'] as const).map((resource) => ({ ...f, resource, org_type: orgType }));
  const groups: Record<string, unknown>[][] = [];
  if (details.and_filters) {
    if (!objects(details.and_filters)) return false;
    const and = details.and_filters;
    for (const f of and.filter((f) => f.resource === 'container')) groups.push(split(f, 'and'));
    details.and_filters = and.filter((f) => f.resource !== 'container');
  }
  let or = details.or_filters;
  if (or) {
    if (!Array.isArray(or)) return false;
    or = or.map((g: unknown) => {
      if (Array.isArray(g)) {
        if (!objects(g)) throw new TypeError('filter');
        for (const f of g.filter((f) => f.resource === 'container')) groups.push(split(f, 'or'));
        return g.filter((f) => f.resource !== 'container');
      }
      if (!isJsonObject(g)) throw new TypeError('filter');
      if (g.resource !== 'container') return g;
      groups.push(split(g, 'or'));
      return undefined;
    });
  } else or = [];
  details.or_filters = [...(or as unknown[]).filter((g) => g !== undefined), ...groups].filter((g) => !Array.isArray(g) || g.length > 0);
  return true;
}

/**
 * The project and screen ids a container or-group selects (query_handler.py). `name` is looked up
 * among names containing the value, in any case, whatever the operator (check_get_names; the id
 * conditions land in a "should" group that ignores it); another key matches the studies' own pairs.
 */
function studiesMatching(s: IdrSimulatorState, f: Filter, caseSensitive: boolean): { project: Set<number>; screen: Set<number> } {
  const value = String(f.value);
  const pick = (type: 'project' | 'screen') => {
    const table: Map<number, { id: number; name: string }> = type === 'project' ? s.projects : s.screens;
    const ids = new Set<number>();
    const test = matcher(value, f.operator, caseSensitive);
    const keyTest = keyMatcher(f.name ?? null, caseSensitive);
    for (const c of table.values()) {
      const hit =
        f.name === 'name' ? c.name.toLowerCase().includes(value.trim().toLowerCase()) : pairsOf(s, type, c.id).some(([k, v]) => keyTest(k) && test(v));
      if (hit) ids.add(c.id);
    }
    return ids;
  };
  return { project: pick('project'), screen: pick('screen') };
}

/**
 * `POST submitquery/containers/` (urls.py submit_query_return_containers): the studies holding the
 * images a query finds, with their image counts. An empty body (or `{}`) lists every study
 * (return_containers_images); a body that is not JSON is `{"Error": "query parsing error: b'…'"}`.
 */
function submitQueryContainers(ctx: RouteContext): Response {
  const s = ctx.state;
  const text = ctx.request.text();
  let body: unknown = {};
  if (text.trim().length > 0) {
    try {
      body = JSON.parse(text);
    } catch {
      return json({ Error: `query parsing error: b${pyRepr(text)}` });
    }
  }
  const empty = (isJsonObject(body) && Object.keys(body).length === 0) || body === '' || (Array.isArray(body) && body.length === 0);
  if (empty) {
    // resource_analyser.py get_containets_using_id_or_name over get_resource_names("all").
    const all = (['project', 'screen'] as const).flatMap((type) =>
      [...(type === 'project' ? s.projects : s.screens).values()].map((c) => ({
        id: c.id,
        name: c.name,
        data_source: 'omero1',
        'image count': imageHits(s).filter((h) => h[type] === c.id).length,
        type,
      })),
    );
    return json({ Error: null, results: { results: all } });
  }
  // `len(query)` or `query.get` raising on anything but an object.
  if (!isJsonObject(body)) return flaskServerError();
  try {
    if (!adjustForContainer(body)) return flaskServerError();
  } catch {
    return flaskServerError();
  }
  const invalid = querySchemaError(body);
  if (invalid !== undefined) return json({ Error: invalid });
  const details = (body.query_details ?? {}) as { and_filters?: Filter[]; or_filters?: Filter[][]; case_sensitive?: boolean };
  const caseSensitive = details.case_sensitive === true;
  const and = details.and_filters ?? [];
  const or = details.or_filters ?? [];
  const isStudy = (f: Filter) => f.org_type !== undefined && (f.resource === 'project' || f.resource === 'screen') && or.some((g) => g.includes(f));
  const studyGroups = or.filter((g) => g.length === 2 && g.every(isStudy));
  const all = [...and, ...or.flat()];
  // determine_search_results_ refuses a description filter; the per-source loop then keeps nothing.
  if (all.some((f) => f.name === 'description' && (f.resource === 'project' || f.resource === 'screen'))) return json({});
  // check_get_names calls `.strip()` on the value.
  if (studyGroups.some((g) => g[0]?.name === 'name' && typeof g[0].value !== 'string')) return flaskServerError();
  const value = (f: Filter) => ({ ...f, value: Array.isArray(f.value) ? f.value.join(',') : f.value });
  const andTests = and.map((f) => filterTest(s, value(f), caseSensitive));
  const orTests = or.filter((g) => !studyGroups.includes(g)).map((g) => g.map((f) => filterTest(s, value(f), caseSensitive)));
  // get_image_non_image_query: name groups first, each intersected with what came before; then key/value
  // groups, intersected ("and") or joined ("or"); the images then need one of the project or screen ids.
  let chosen: { project: Set<number>; screen: Set<number> } | undefined;
  const ordered = [...studyGroups.filter((g) => g[0]?.name === 'name'), ...studyGroups.filter((g) => g[0]?.name !== 'name')];
  for (const g of ordered) {
    const f = g[0] as Filter;
    const found = studiesMatching(s, f, caseSensitive);
    if (chosen === undefined) chosen = found;
    else {
      const join = f.name !== 'name' && f.org_type === 'or';
      const merge = (a: Set<number>, b: Set<number>) => new Set(join ? [...a, ...b] : [...a].filter((id) => b.has(id)));
      chosen = { project: merge(chosen.project, found.project), screen: merge(chosen.screen, found.screen) };
    }
  }
  const hits = imageHits(s).filter(
    (h) =>
      andTests.every((t) => t(h)) &&
      orTests.every((g) => g.some((t) => t(h))) &&
      (chosen === undefined || (h.project !== null && chosen.project.has(h.project)) || (h.screen !== null && chosen.screen.has(h.screen))),
  );
  const base = {
    query_details: { and_filters: and.filter((f) => f.resource === 'image'), or_filters: [], case_sensitive: caseSensitive },
    resource: 'image',
    server_query_time: '0.01',
    raw_elasticsearch_query: {
      query: { bool: { must: [] } },
      aggs: { key_count: { terms: { field: 'screen_name.keyvalue', size: 10000 } } },
      _source: { includes: [''] },
    },
    notice: '',
  };
  return containersAnswer(s, hits, base);
}

/** `POST async_submitquery/`: a job (`{"query_id"}`); an identical query already run gives its id back. */
function asyncSubmit(ctx: RouteContext): Response {
  const query = postedQuery(ctx);
  if (query instanceof Response) return query;
  const key = JSON.stringify({ and: query.and, or: query.or, caseSensitive: query.caseSensitive });
  const existing = [...ctx.state.searchJobs.values()].find((j) => j.key === key);
  if (existing) return json({ 'message ': 'Existing query, please use the attached query id to retrieve the results', query_id: existing.id });
  ctx.state.serial++;
  const id = `00000000-0000-4000-9000-${String(ctx.state.serial).padStart(12, '0')}`;
  ctx.state.searchJobs.set(id, { id, key, hitIds: queryHits(ctx.state, query).map((h) => h.id), checks: 0 });
  return json({ query_id: id });
}

/** `GET check_query_job/`: PENDING, then STARTED, then SUCCESS with the result files (a job takes three checks here). */
function checkJob(ctx: RouteContext): Response {
  const job = ctx.state.searchJobs.get(ctx.params.get('query_id') ?? '');
  if (job === undefined) return json({ status: 'PENDING' }); // Celery knows no such task: PENDING forever
  job.checks++;
  if (job.checks < 3) return json({ status: job.checks === 1 ? 'PENDING' : 'STARTED' });
  if (job.hitIds.length === 0) return json({ status: 'SUCCESS', Result: 'The query returned no results' });
  return json({ status: 'SUCCESS', Result: { total_results: job.hitIds.length, csv: `${job.id}.csv`, parquet: `${job.id}.parquet` } });
}

/** A job's Celery state as check_query_job/ last reported it (PENDING until checked twice, then STARTED, then SUCCESS). */
function jobStatus(job: { checks: number } | undefined): string {
  if (job === undefined || job.checks <= 1) return 'PENDING';
  return job.checks === 2 ? 'STARTED' : 'SUCCESS';
}

/**
 * `GET return_query_results/?query_id&file_type=csv` (urls.py return_query_results): the result file
 * (octet-stream, an attachment); otherwise HTTP 500 with `{"error"}` worded per the job's state.
 */
function jobResults(ctx: RouteContext): Response {
  const queryId = ctx.params.get('query_id');
  const job = ctx.state.searchJobs.get(queryId ?? '');
  const type = (ctx.params.get('file_type') || 'parquet').toLowerCase();
  const status = jobStatus(job);
  if (job === undefined || status !== 'SUCCESS') return json({ error: `Query status for (query id ='${queryId})' is ${status}` }, 500);
  // A job that found nothing succeeded with a string Result.
  if (job.hitIds.length === 0) return json({ error: `Query (query id =${queryId}') is SUCCESS, it did not return any results` }, 500);
  if (type !== 'csv') return json({ error: `The results file for this Query (query id ='${job.id}') is missing` }, 500);
  const hits = new Map(imageHits(ctx.state).map((h) => [h.id, h]));
  const lines = ['id,name,screen_id,plate_id,well_id,project_id,dataset_id'];
  for (const id of job.hitIds) {
    const h = hits.get(id);
    const c = h?.containers ?? {};
    const cell = (v: unknown) => (v === null || v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
    lines.push([id, h?.name, c.screen_id, c.plate_id, c.well_id, c.project_id, c.dataset_id].map(cell).join(','));
  }
  return new Response(`${lines.join('\n')}\n`, {
    status: 200,
    headers: { 'content-type': 'application/octet-stream', 'content-disposition': `attachment; filename="${job.id}.csv"` },
  });
}

/** Answer `searchengine/…`, or undefined. */
export function handleSearchEngine(ctx: RouteContext): Response | undefined {
  const p = ctx.path;
  if (!p.startsWith('searchengine/')) return undefined;
  if (!ctx.settings.searchEngine) return notFoundPage(p);
  const api = 'searchengine/api/v1/resources/';
  const posts: Record<string, (ctx: RouteContext) => Response> = {
    [`${api}submitquery/`]: submitQuery,
    [`${api}submitquery/containers/`]: submitQueryContainers,
    [`${api}async_submitquery/`]: asyncSubmit,
  };
  const gets: Record<string, (ctx: RouteContext) => Response> = {
    'searchengine/apidocs/': () => htmlPage(FLASGGER_PAGE),
    [api]: () => new Response('OMERO search engine (API V1)', { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } }),
    [`${api}check_query_job/`]: checkJob,
    [`${api}return_query_results/`]: jobResults,
  };
  const read = ctx.request.method === 'GET' || ctx.request.method === 'HEAD';
  const post = posts[p];
  if (post) return ctx.request.method === 'POST' ? post(ctx) : methodNotAllowed('OPTIONS, POST');
  // Flask's `<resource_table>/search/` takes any segment; the view says which ones have no index.
  const m = /^searchengine\/api\/v1\/resources\/([^/]+)\/search\/$/.exec(p);
  const get = gets[p] ?? (m ? (c: RouteContext) => search(c, decodeURIComponent(m[1] as string)) : undefined);
  if (get) return read ? get(ctx) : methodNotAllowed('GET, HEAD, OPTIONS');
  return searchEngineNotFound();
}
