// The public surface of @bio/intermine, listed by hand. src/internal/ is never exported.

export { FLYMINE, InterMine, QUERY_CODE_LANGUAGES } from './intermine.js';
export type { InterMineOptions, InterMineUser, QueryCodeLanguage, RootOf, TypedMine } from './intermine.js';
export { SavedQueries, UserPreferences } from './account.js';
export type { SavedQuery } from './account.js';
export { normaliseBaseUrl } from './base-url.js';

export { Model, isNumericType } from './model.js';
export { modelToTypeScript } from './model-types.js';
export type { CheckedPaths, ModelToTypeScriptOptions, NotAPath, PathValue, RowOf, ViewValue } from './model-types.js';
export type { ModelAttribute, ModelClass, ModelJson, ModelReference, PathInfo, PathKind } from './model.js';

export { Query } from './query.js';
export type { QueryOptions } from './query.js';
export type { Join, QueryJSON, SortDirection, SortOrder } from './query-types.js';

export {
  LIST_OPERATORS,
  LOOP_OPERATORS,
  MULTI_VALUE_OPERATORS,
  NULL_OPERATORS,
  RANGE_OPERATORS,
  TYPE_OPERATORS,
  VALUE_OPERATORS,
} from './constraints.js';
export type { ConstraintValue, Operator, PathConstraint, Switchable } from './constraints.js';
export { formatLogic, parseLogic, validateLogic } from './logic.js';
export type { LogicNode } from './logic.js';

export { Columns, Row } from './row.js';
export type { Cell, ColumnSummary, HistogramBucket, RowsOptions, SummaryOptions, TextFormat, TextOptions } from './results.js';

export { InterMineList, Lists, ListTags, splitIdentifiers } from './lists.js';
export type {
  CreateListOptions,
  ListContent,
  ListInfo,
  ListOperationOptions,
  ListRef,
  ListShares,
  ListSimilarity,
  PrepareQuery,
  RegionListSource,
  SetOperationOptions,
  SubtractSets,
} from './lists.js';

export { CORRECTIONS } from './enrichment.js';
export type { Correction, EnrichmentOptions, EnrichmentResult, EnrichmentRow, Widget } from './enrichment.js';

export { Template } from './templates.js';
export type { TemplateListOptions, TemplateOptions, TemplateValues } from './templates.js';

export type { SearchFacets, SearchHit, SearchOptions, SearchResults } from './search.js';

export { IdResolutionResult } from './ids.js';
export type { IdIssue, IdMatch, IdResolutionJSON, IdResolutionStats, MatchKind, ResolveIdsOptions } from './ids.js';

export { formatRegion, parseRegion, RegionQuery } from './regions.js';
export type { GenomicRegion, RegionListResult, RegionSearchOptions } from './regions.js';

export { REGISTRY_URL, Registry } from './registry.js';
export type { MineInstance, RegistryOptions } from './registry.js';
export type { AcrossMinesOptions, AcrossMinesResult, MineOutcome, MineTask, RowsAcrossMines } from './across-mines.js';

// Errors: this package's own, and the core-http ones it throws.
export { IdResolutionError, isIdResolutionError } from './errors.js';

// The family contract types that appear in this package's signatures.
export { tokenAuth } from '@bio/core-http';
export type { AuthStrategy, CallOptions, ClientOptions, ListOptions, Page, Paged } from '@bio/core-http';

// The family's error classes, guards and error types (the same objects in every client), so
// `import { isNotFoundError } from '@bio/intermine'` needs no second import.
export * from '@bio/core-http/errors';
