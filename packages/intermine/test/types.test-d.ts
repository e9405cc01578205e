// Never executed: type-checked by `tsc -p tsconfig.json` (the package's `typecheck`; `test/` is in
// tsconfig's `include`) to pin the public types of @bio/intermine. vitest does not run it.
import { expectTypeOf } from 'vitest';
import {
  type Cell,
  type ColumnSummary,
  type EnrichmentResult,
  type EnrichmentRow,
  type HistogramBucket,
  type IdResolutionResult,
  type InterMine,
  type InterMineList,
  type InterMineUser,
  type MatchKind,
  type MineInstance,
  type Model,
  type Operator,
  Query,
  type RegionListResult,
  type RegionQuery,
  type Registry,
  type Paged,
  type SearchResults,
  type Template,
  type Widget,
} from '../src/index.js';

export function pinned(): void {
  expectTypeOf<{ baseUrl: string; token?: string }>().toMatchTypeOf<ConstructorParameters<typeof InterMine>[0]>();
  expectTypeOf<InterMine['version']>().returns.toEqualTypeOf<Promise<number>>();
  expectTypeOf<InterMine['release']>().returns.toEqualTypeOf<Promise<string>>();
  expectTypeOf<InterMine['model']>().returns.toEqualTypeOf<Promise<Model>>();
  expectTypeOf<InterMine['whoami']>().returns.toEqualTypeOf<Promise<InterMineUser>>();
  expectTypeOf<InterMine['query']>().returns.toEqualTypeOf<Query>();
  expectTypeOf<InterMine['widgets']>().returns.toEqualTypeOf<Promise<Widget[]>>();
  expectTypeOf<InterMine['enrichment']>().returns.toEqualTypeOf<Promise<EnrichmentResult>>();
  expectTypeOf<InterMine['templates']>().returns.toEqualTypeOf<Promise<Template[]>>();
  expectTypeOf<InterMine['template']>().returns.toEqualTypeOf<Promise<Template>>();
  expectTypeOf<InterMine['search']>().returns.toEqualTypeOf<SearchResults>();
  expectTypeOf<InterMine['resolveIds']>().returns.toEqualTypeOf<Promise<IdResolutionResult>>();
  expectTypeOf<InterMine['regions']>().returns.toEqualTypeOf<RegionQuery>();
  expectTypeOf<InterMine['lists']['get']>().returns.toEqualTypeOf<Promise<InterMineList>>();
  expectTypeOf<InterMine['lists']['all']>().returns.toEqualTypeOf<Paged<InterMineList>>();
  expectTypeOf<Registry['mines']>().returns.toEqualTypeOf<Promise<MineInstance[]>>();
  expectTypeOf<Query['select']>().returns.toEqualTypeOf<Query>();
  expectTypeOf<Query['where']>().returns.toEqualTypeOf<Query>();
  expectTypeOf<Query['toXML']>().returns.toEqualTypeOf<string>();
  expectTypeOf(Query.fromXML).returns.toEqualTypeOf<Query>();
  expectTypeOf<InterMine['count']>().returns.toEqualTypeOf<Promise<number>>();
  expectTypeOf<InterMine['tsv']>().returns.toEqualTypeOf<AsyncGenerator<string>>();
  expectTypeOf<InterMine['summarise']>().returns.toEqualTypeOf<Promise<ColumnSummary>>();
  // A numeric summary carries the histogram the mine sends (one row per bucket), typed.
  expectTypeOf<Extract<ColumnSummary, { kind: 'numeric' }>['histogram']>().toEqualTypeOf<HistogramBucket[]>();
  expectTypeOf<HistogramBucket>().toEqualTypeOf<{ bucket: number; count: number }>();
  expectTypeOf<Extract<ColumnSummary, { kind: 'numeric' }>['buckets']>().toEqualTypeOf<number | undefined>();
  expectTypeOf<InterMine['rows']>().returns.toEqualTypeOf<Paged<Cell[]>>();
  // Optional options accept undefined explicitly (exactOptionalPropertyTypes).
  expectTypeOf<{ timeout: undefined; userAgent: undefined; token: undefined; baseUrl: string }>().toMatchTypeOf<ConstructorParameters<typeof InterMine>[0]>();
  expectTypeOf<Cell>().toEqualTypeOf<string | number | boolean | null>();
  expectTypeOf<'NOT LIKE'>().toMatchTypeOf<Operator>();
  expectTypeOf<'DOES NOT OVERLAP'>().toMatchTypeOf<Operator>();
  // @ts-expect-error not an operator
  expectTypeOf<'NEAR'>().toMatchTypeOf<Operator>();
  expectTypeOf<EnrichmentRow>().toHaveProperty('pValue').toEqualTypeOf<number>();
  expectTypeOf<EnrichmentRow>().toHaveProperty('matches').toEqualTypeOf<number>();
  expectTypeOf<MatchKind>().toEqualTypeOf<'MATCH' | 'TYPE_CONVERTED' | 'OTHER' | 'DUPLICATE' | 'WILDCARD'>();
  expectTypeOf<RegionListResult>().toHaveProperty('invalidSpans').toEqualTypeOf<string[]>();
  expectTypeOf<InterMineList['delete']>().returns.toEqualTypeOf<Promise<void>>();
}
