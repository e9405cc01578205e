import type { QueryValue } from '@bio/core-http';
import type { FetchAllOptions, GeneOptions, QueryManyOptions, QueryOptions } from '../options.js';
import { speciesParam } from '../species.js';
import { checkBoolean, checkInt, checkList, checkString, fail, LIMITS } from './validate.js';

/** Parameters in a neutral form: lists stay lists (JSON bodies); GET joins them with commas. */
export type WireValue = string | number | boolean | readonly string[];
export type WireParams = Record<string, WireValue>;

/**
 * Names the server reads as one option (biothings.web settings/default.py `alias`): it takes the
 * canonical name first, then the aliases in order, so a pass-through `_source` would beat the typed
 * `fields` the client sends. A pass-through name is dropped when its option is already set.
 */
const ALIAS_GROUPS: readonly (readonly string[])[] = [
  ['_source', 'fields', 'field'],
  ['size', 'limit'],
  ['from', 'skip'],
  ['aggs', 'facets'],
  ['id', 'ids'],
  ['userquery', 'userfilter'],
];

function sameOption(key: string): readonly string[] {
  return ALIAS_GROUPS.find((group) => group.includes(key)) ?? [key];
}

/** Parameters a call sets itself (its term, ids or scroll), which `params` must not replace. */
export type Reserved = readonly string[];

function addPassThrough(out: WireParams, params: Record<string, QueryValue> | undefined, reserved: Reserved): void {
  if (params === undefined) return;
  if (typeof params !== 'object' || params === null || Array.isArray(params)) fail('params', 'expected an object of extra parameters');
  const taken = new Set(reserved.flatMap(sameOption));
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (taken.has(key)) fail(`params.${key}`, `is set by the call itself (${reserved.join(', ')}), not a pass-through parameter`);
    if (sameOption(key).some((name) => Object.hasOwn(out, name))) continue;
    if (Array.isArray(value)) out[key] = value.map(String);
    else if (typeof value === 'bigint') out[key] = value.toString();
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
    else fail(`params.${key}`, 'expected a string, number, boolean or list');
  }
}

/** fields, dotfield, always_list, allow_null, email and pass-through params. */
export function documentParams(o: GeneOptions, clientEmail: string | undefined): WireParams {
  const p: WireParams = {};
  if (o.fields !== undefined) p.fields = checkList('fields', o.fields, LIMITS.fields);
  if (o.dotfield !== undefined) p.dotfield = checkBoolean('dotfield', o.dotfield);
  if (o.alwaysList !== undefined) p.always_list = checkList('alwaysList', o.alwaysList, LIMITS.fields);
  if (o.allowNull !== undefined) p.allow_null = checkList('allowNull', o.allowNull, LIMITS.fields);
  const email = o.email ?? clientEmail;
  if (email !== undefined) p.email = checkString('email', email);
  return p;
}

export function finish(p: WireParams, o: GeneOptions, reserved: Reserved): WireParams {
  addPassThrough(p, o.params, reserved);
  return p;
}

export function speciesList(value: Parameters<typeof speciesParam>[0], field: string): string[] {
  return speciesParam(value, field).split(',');
}

function filterParams(p: WireParams, o: { species?: QueryOptions['species']; entrezonly?: boolean | undefined; ensemblonly?: boolean | undefined }): void {
  if (o.species !== undefined) p.species = speciesList(o.species, 'species');
  if (o.entrezonly !== undefined) p.entrezonly = checkBoolean('entrezonly', o.entrezonly);
  if (o.ensemblonly !== undefined) p.ensemblonly = checkBoolean('ensemblonly', o.ensemblonly);
}

/** Parameters of GET /query (validated against the server's limits). */
export function queryParams(o: QueryOptions, clientEmail: string | undefined): WireParams {
  const p = documentParams(o, clientEmail);
  filterParams(p, o);
  if (o.size !== undefined) p.size = checkInt('size', o.size, 0, LIMITS.size);
  if (o.from !== undefined) {
    p.from = checkInt('from', o.from, 0, LIMITS.from);
    const size = o.size ?? 10;
    if (p.from + size > LIMITS.window)
      fail('from', `from + size must be at most ${LIMITS.window} (got ${p.from} + ${size}); use fetchAll() for deeper results`);
  }
  if (o.sort !== undefined) p.sort = checkList('sort', o.sort, LIMITS.sort);
  if (o.facets !== undefined) p.facets = checkList('facets', o.facets, LIMITS.facets);
  if (o.facetSize !== undefined) p.facet_size = checkInt('facetSize', o.facetSize, 1, LIMITS.facetSize);
  if (o.speciesFacetFilter !== undefined) p.species_facet_filter = speciesList(o.speciesFacetFilter, 'speciesFacetFilter');
  return finish(p, o, ['q']);
}

/** Parameters of GET /query with fetch_all (the scroll decides size, from and order). */
export function fetchAllParams(o: FetchAllOptions, clientEmail: string | undefined): WireParams {
  const p = documentParams(o, clientEmail);
  filterParams(p, o);
  return finish(p, o, ['q', 'fetch_all', 'scroll_id']);
}

/** Parameters of POST /query (the terms go in `q`, added per batch). */
export function queryManyParams(o: QueryManyOptions, clientEmail: string | undefined): WireParams {
  const p = documentParams(o, clientEmail);
  if (o.scopes !== undefined) p.scopes = checkList('scopes', o.scopes, LIMITS.scopes);
  filterParams(p, o);
  if (o.size !== undefined) p.size = checkInt('size', o.size, 1, LIMITS.size);
  return finish(p, o, ['q']);
}

/** Parameters of GET /gene/{id} and POST /gene. */
export function geneParams(o: GeneOptions & { species?: QueryOptions['species'] }, clientEmail: string | undefined): WireParams {
  const p = documentParams(o, clientEmail);
  if (o.species !== undefined) p.species = speciesList(o.species, 'species');
  return finish(p, o, ['id']);
}

/** For the query string: lists are joined with commas by core-http. */
export function toSearchParams(p: WireParams): Record<string, QueryValue> {
  return { ...p };
}

/** The start of a stable cache key: endpoint and parameters (sorted, without `email`); the id or term follows. */
export function cacheKeyPrefix(endpoint: string, p: WireParams): string {
  const entries = Object.entries(p)
    .filter(([k]) => k !== 'email')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `mygene:${endpoint}:${JSON.stringify(entries)}:`;
}

/** Options of POST /gene and POST /query whose JSON value must have their type (JsonArgCvter is strict for them). */
const JSON_BOOLEANS = new Set(['raw', 'rawquery', 'dotfield', '_sorted', 'jmespath_exclude_empty', 'with_total', 'entrezonly', 'ensemblonly']);
const JSON_INTEGERS = new Set(['size', 'limit', 'from', 'skip']);
const JSON_LISTS = new Set(['sort']);
const JSON_STRINGS = new Set(['jmespath', 'format', 'filter', 'post_filter', 'analyzer']);
const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y', 't']);

/**
 * The parameters as a JSON body: a form or query-string value is converted by the server
 * (`"true"` → true, `"5"` → 5, `"a,b"` → a list), while a JSON body must already hold the option's
 * type (400 "Expect type bool." otherwise). Pass-through values given as text (as they would be in a
 * URL) are converted the server's way; anything else is left for the server to judge.
 */
export function toJsonBody(p: WireParams): Record<string, WireValue> {
  const out: Record<string, WireValue> = { ...p };
  for (const [key, value] of Object.entries(p)) {
    if (JSON_BOOLEANS.has(key) && typeof value !== 'boolean') {
      const text = String(value).trim();
      const n = Number(text);
      if (typeof value === 'number' || typeof value === 'string') out[key] = text !== '' && !Number.isNaN(n) ? n > 0 : TRUE_WORDS.has(text.toLowerCase());
    } else if (JSON_INTEGERS.has(key) && typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) {
      out[key] = Number.parseInt(value, 10);
    } else if (JSON_LISTS.has(key) && typeof value === 'string') {
      out[key] = value.split(/[\s,|+]+/).filter((item) => item !== '');
    } else if (JSON_STRINGS.has(key) && (typeof value === 'number' || typeof value === 'boolean')) {
      out[key] = String(value);
    }
  }
  return out;
}
