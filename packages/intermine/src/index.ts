// The public surface of @bio/intermine, listed by hand. src/internal/ is never exported.

export { FLYMINE, InterMine, normaliseRoot } from './intermine.js';
export type { InterMineOptions, InterMineUser } from './intermine.js';

export { Model, isNumericType } from './model.js';
export type { ModelAttribute, ModelClass, ModelJson, ModelReference, PathInfo, PathKind } from './model.js';

export { Query } from './query.js';
export type { Join, QueryJSON, QueryOptions, SortDirection, SortOrder } from './query.js';
export type { QueryRunner } from './internal/runner.js';

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

export type { Cell, ColumnSummary, CountOptions, ListFromQueryOptions, RowsOptions, TextFormat, TextOptions } from './results.js';

export { InterMineList, Lists, ListTags, splitIdentifiers } from './lists.js';
export type { CreateListOptions, ListContent, ListInfo, ListOperationOptions } from './lists.js';

export { CORRECTIONS } from './enrichment.js';
export type { Correction, EnrichmentOptions, EnrichmentResult, EnrichmentRow, Widget } from './enrichment.js';

export { Template } from './templates.js';
export type { TemplateValues } from './templates.js';

export type { SearchHit, SearchOptions, SearchResult } from './search.js';

export { IdResolutionResult } from './ids.js';
export type { IdIssue, IdMatch, IdResolutionStats, MatchKind, ResolveIdsOptions } from './ids.js';

export { formatRegion, parseRegion, RegionQuery } from './regions.js';
export type { GenomicRegion, RegionListResult, RegionSearchOptions } from './regions.js';

export { REGISTRY_URL, Registry } from './registry.js';
export type { MineInstance, RegistryOptions } from './registry.js';
