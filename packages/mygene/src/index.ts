// The public surface of @bio/mygene, listed by hand. src/internal/ is never exported.

export { MyGene, MYGENE_BASE_URL } from './client.js';
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
// The family contract's types, as users of this client name them (docs/client-contract.md).
export type { CallOptions, ClientOptions, ErrorCode, ListOptions, Page, Paged, Progress } from '@bio/core-http';
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
export { isScrollExpiredError, ScrollExpiredError } from './errors.js';
// The errors this client throws, from @bio/core-http (one class per failure, guards survive duplicate copies).
export {
  AbortError,
  BadRequestError,
  BatchError,
  BioError,
  BioHttpError,
  isAbortError,
  isBadRequestError,
  isBatchError,
  isBioError,
  isBioHttpError,
  isNetworkError,
  isNotFoundError,
  isRateLimitError,
  isResponseFormatError,
  isResponseTooLargeError,
  isServerError,
  isTimeoutError,
  isUnauthorizedError,
  isForbiddenError,
  isValidationError,
  NetworkError,
  NotFoundError,
  ForbiddenError,
  RateLimitError,
  ResponseFormatError,
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
  UnauthorizedError,
  ValidationError,
} from '@bio/core-http';
export { SPECIES, speciesParam, taxidOf } from './species.js';
export type { Species, SpeciesName } from './species.js';
export { escapeLucene, fielded, interval, phrase } from './query-syntax.js';
export { flatten, toColumns, toCsv, toRows, toTsv } from './tabular.js';
export type { Cell, Row, Scalar, ToRowsOptions, WriterOptions } from './tabular.js';
export { LruCache, memoryCache } from './cache.js';
export type { MemoryCacheOptions, MyGeneCache } from './cache.js';
