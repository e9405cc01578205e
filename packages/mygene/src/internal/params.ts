import type { QueryValue } from '@bio/core-http';
import type { FetchAllOptions, GeneOptions, QueryManyOptions, QueryOptions } from '../options.js';
import { speciesParam } from '../species.js';
import { checkBoolean, checkInt, checkList, checkString, fail, LIMITS } from './validate.js';

/** Parameters in a neutral form: lists stay lists (JSON bodies); GET joins them with commas. */
export type WireValue = string | number | boolean | readonly string[];
export type WireParams = Record<string, WireValue>;

function addPassThrough(out: WireParams, params: Record<string, QueryValue> | undefined): void {
  if (params === undefined) return;
  if (typeof params !== 'object' || params === null || Array.isArray(params)) fail('params', 'expected an object of extra parameters');
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || Object.hasOwn(out, key)) continue;
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

export function finish(p: WireParams, o: GeneOptions): WireParams {
  addPassThrough(p, o.params);
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
  return finish(p, o);
}

/** Parameters of GET /query with fetch_all (the scroll decides size, from and order). */
export function fetchAllParams(o: FetchAllOptions, clientEmail: string | undefined): WireParams {
  const p = documentParams(o, clientEmail);
  filterParams(p, o);
  return finish(p, o);
}

/** Parameters of POST /query (the terms go in `q`, added per batch). */
export function queryManyParams(o: QueryManyOptions, clientEmail: string | undefined): WireParams {
  const p = documentParams(o, clientEmail);
  if (o.scopes !== undefined) p.scopes = checkList('scopes', o.scopes, LIMITS.scopes);
  filterParams(p, o);
  if (o.size !== undefined) p.size = checkInt('size', o.size, 1, LIMITS.size);
  return finish(p, o);
}

/** Parameters of GET /gene/{id} and POST /gene. */
export function geneParams(o: GeneOptions & { species?: QueryOptions['species'] }, clientEmail: string | undefined): WireParams {
  const p = documentParams(o, clientEmail);
  if (o.species !== undefined) p.species = speciesList(o.species, 'species');
  return finish(p, o);
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
