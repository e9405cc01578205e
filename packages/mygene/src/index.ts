// The public surface of @bio/mygene, listed by hand. src/internal/ is never exported.

export { DEFAULT_BASE_URL, MYGENE_BASE_URL } from './base-url.js';
export { MyGene } from './client.js';
export type { Ids } from './client.js';
export type {
  BatchCallOptions,
  FetchAllOptions,
  FieldsOptions,
  GeneOptions,
  GenesOptions,
  MapIdsOptions,
  MyGeneOptions,
  QueryManyOptions,
  QueryOptions,
} from './options.js';
export type { CallOptions, ClientOptions, ListOptions, Page, Paged, Progress } from '@bio/core-http';
export type {
  DotfieldGene,
  Duplicate,
  EnsemblEntry,
  Facets,
  FacetTerm,
  FieldInfo,
  FieldsMap,
  Gene,
  GeneDoc,
  GenesResult,
  GenomicPos,
  GoTerm,
  Hit,
  Metadata,
  NotFound,
  OneOrMany,
  PathwayRef,
  QueryManyResult,
  QueryResponse,
  TermsFacet,
} from './types.js';
export { isNotFound } from './genes.js';
export { isMultipleGenesError, isScrollExpiredError, MultipleGenesError, ScrollExpiredError } from './errors.js';
export { SPECIES, speciesParam, taxidOf } from './species.js';
export type { Species, SpeciesName } from './species.js';
export { escapeLucene, fielded, interval, phrase } from './query-syntax.js';
export { flatten, toColumns, toCsv, toRows, toTsv } from './tabular.js';
export type { Cell, Row, Scalar, ToRowsOptions, WriterOptions } from './tabular.js';
export { LruCache, memoryCache } from './cache.js';
export type { MemoryCacheOptions, MyGeneCache } from './cache.js';

// The family's error classes, guards and error types (the same objects in every client), so
// `import { isNotFoundError } from '@bio/mygene'` needs no second import.
export * from '@bio/core-http/errors';
