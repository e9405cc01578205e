/**
 * `@bio/mygene` under the umbrella: the MyGene.info v3 client and its types.
 *
 * @example
 * ```ts
 * import { mygene } from '@bio/sdk';
 * const mg = new mygene.MyGene({ email: 'me@lab.org' });
 * ```
 *
 * @packageDocumentation
 */
// `@bio/sdk/mygene`: the MyGene.info client, name by name (the same list as `@bio/mygene`'s index less the family's
// errors, which are in `@bio/sdk/core-http`; a test compares them, so a name added there must be added here).
export {
  DEFAULT_BASE_URL,
  escapeLucene,
  fielded,
  flatten,
  interval,
  isNotFound,
  isMultipleGenesError,
  isScrollExpiredError,
  LruCache,
  memoryCache,
  MyGene,
  MYGENE_BASE_URL,
  phrase,
  MultipleGenesError,
  ScrollExpiredError,
  SPECIES,
  speciesParam,
  taxidOf,
  toColumns,
  toCsv,
  toRows,
  toTsv,
} from '@bio/mygene';
export type {
  BatchCallOptions,
  CallOptions,
  Cell,
  ClientOptions,
  DotfieldGene,
  Duplicate,
  EnsemblEntry,
  Facets,
  FacetTerm,
  FetchAllOptions,
  FieldInfo,
  FieldsMap,
  FieldsOptions,
  Gene,
  GeneDoc,
  GeneOptions,
  GenesOptions,
  GenesResult,
  GenomicPos,
  GoTerm,
  Hit,
  Ids,
  ListOptions,
  MapIdsOptions,
  MemoryCacheOptions,
  Metadata,
  MyGeneCache,
  MyGeneOptions,
  NotFound,
  OneOrMany,
  Page,
  Paged,
  PathwayRef,
  Progress,
  QueryManyOptions,
  QueryManyResult,
  QueryOptions,
  QueryResponse,
  Row,
  Scalar,
  Species,
  SpeciesName,
  TermsFacet,
  ToRowsOptions,
  WriterOptions,
} from '@bio/mygene';
