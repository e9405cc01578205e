// The parameters every search and fetch shares: how documents are shaped and which ones pass.
import type { ShapeOptions } from './documents.js';
import { MAX, type Params } from './params.js';
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

/** `species`, `entrezonly`, `ensemblonly`. */
export function filterOf(params: Params): DocFilter {
  return {
    species: speciesFilter(params.list('species', MAX.species)),
    entrezonly: params.bool('entrezonly') ?? false,
    ensemblonly: params.bool('ensemblonly') ?? false,
  };
}

/** A deterministic `took` (ms) for an answer. */
export function took(matched: number): number {
  return 1 + (matched % 7);
}
