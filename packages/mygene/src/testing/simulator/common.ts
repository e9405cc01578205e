// The parameters every search and fetch shares: how documents are shaped and which ones pass.
import type { ShapeOptions } from './documents.js';
import { UnmatchedRequestError } from '@bio/core-http/testing';
import { MAX, optionError, type Params } from './params.js';
import { type DocFilter, speciesFilter } from './search.js';

/** `fields` of `/query` (GET and POST) when the request names none. */
export const QUERY_DEFAULT_FIELDS = ['name', 'symbol', 'taxid', 'entrezgene'] as const;

/** `fields`, `dotfield`, `always_list`, `allow_null` (`defaultFields` when `fields` is absent). */
export function shapeOf(params: Params, defaultFields: readonly string[] | undefined): ShapeOptions {
  return {
    fields: params.list('_source', MAX.fields) ?? defaultFields,
    dotfield: params.bool('dotfield') ?? false,
    alwaysList: params.list('always_list', MAX.fields) ?? [],
    allowNull: params.list('allow_null', MAX.fields) ?? [],
  };
}

/**
 * The filter options as the options stage reads them (types and maximums only): `species`,
 * `species_facet_filter`, and for `/query` `entrezonly` and `ensemblonly` — MyGene's config_web.py
 * adds those two to the query options only (FIELD_FILTERS), so `/gene` never reads them.
 */
export interface FilterParams {
  species: readonly string[] | undefined;
  speciesFacetFilter: readonly string[] | undefined;
  /** A JSON body gave `species` items that are not strings (kept as they are, strict: False). */
  speciesNotStrings: boolean;
  entrezonly: boolean;
  ensemblonly: boolean;
}

export function filterParams(params: Params, endpoint: 'query' | 'gene'): FilterParams {
  const query = endpoint === 'query';
  const found = params.find('species');
  const value = found?.source === 'json' ? found.value : undefined;
  const speciesNotStrings = typeof value === 'number' || (Array.isArray(value) && value.some((item) => typeof item !== 'string'));
  return {
    species: params.list('species', MAX.species),
    speciesFacetFilter: params.list('species_facet_filter', MAX.species),
    speciesNotStrings,
    entrezonly: (query && params.bool('entrezonly')) ?? false,
    ensemblonly: (query && params.bool('ensemblonly')) ?? false,
  };
}

/** The query builder's filters from the parsed options (MygeneQueryBuilder.apply_extras): a species that maps to no taxid is its 400. */
export function docFilter(f: FilterParams): DocFilter {
  return { species: speciesFilter(f.species, f.speciesNotStrings), entrezonly: f.entrezonly, ensemblonly: f.ensemblonly };
}

/** `format` values of `/gene` and `/query` (biothings.web COMMON_KWARGS). */
const FORMATS = ['json', 'yaml', 'html', 'msgpack'] as const;

/**
 * Check `format`: another value is the server's 400 `{"keyword":"format","allowed":[…]}`; yaml,
 * html and msgpack the real service writes but the simulator does not, so the request fails
 * (as an unmatched fixture does) rather than get a JSON answer it did not ask for.
 */
export function checkFormat(params: Params): void {
  const format = params.string('format');
  if (format === undefined || format === 'json') return;
  if (!(FORMATS as readonly string[]).includes(format)) optionError('format', { allowed: FORMATS });
  throw new UnmatchedRequestError(`the MyGene simulator does not write format=${format} answers (the real service does); it writes json`);
}

/** A deterministic `took` (ms) for an answer. */
export function took(matched: number): number {
  return 1 + (matched % 7);
}
