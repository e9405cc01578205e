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
 * `species`, and for `/query` `entrezonly` and `ensemblonly`: MyGene's config_web.py adds those
 * two to the query options only (FIELD_FILTERS), so `/gene` never reads them.
 */
export function filterOf(params: Params, endpoint: 'query' | 'gene'): DocFilter {
  const query = endpoint === 'query';
  return {
    species: speciesFilter(params.list('species', MAX.species)),
    entrezonly: (query && params.bool('entrezonly')) ?? false,
    ensemblonly: (query && params.bool('ensemblonly')) ?? false,
  };
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
