// Pins the public types of @bio/intermine. The checks run in `tsc --noEmit` (this file is in
// tsconfig's `include`); at run time expectTypeOf is a no-op and nothing is requested.
import { describe, expectTypeOf, it } from 'vitest';
import {
  type Cell,
  type ColumnSummary,
  type EnrichmentResult,
  type EnrichmentRow,
  type IdResolutionResult,
  InterMine,
  type InterMineList,
  type InterMineUser,
  type MatchKind,
  type MineInstance,
  type Model,
  type Operator,
  Query,
  type RegionListResult,
  type RegionQuery,
  type SearchResult,
  type Template,
  type Widget,
} from '../src/index.js';

describe('public types', () => {
  it('pins the client surface', () => {
    expectTypeOf(InterMine).constructorParameters.toMatchTypeOf<[{ root: string; token?: string }]>();
    expectTypeOf<InterMine['version']>().returns.toEqualTypeOf<Promise<number>>();
    expectTypeOf<InterMine['release']>().returns.toEqualTypeOf<Promise<string>>();
    expectTypeOf<InterMine['model']>().returns.toEqualTypeOf<Promise<Model>>();
    expectTypeOf<InterMine['whoami']>().returns.toEqualTypeOf<Promise<InterMineUser>>();
    expectTypeOf<InterMine['query']>().returns.toEqualTypeOf<Query>();
    expectTypeOf<InterMine['widgets']>().returns.toEqualTypeOf<Promise<Widget[]>>();
    expectTypeOf<InterMine['enrichment']>().returns.toEqualTypeOf<Promise<EnrichmentResult>>();
    expectTypeOf<InterMine['templates']>().returns.toEqualTypeOf<Promise<Template[]>>();
    expectTypeOf<InterMine['template']>().returns.toEqualTypeOf<Promise<Template>>();
    expectTypeOf<InterMine['search']>().returns.toEqualTypeOf<Promise<SearchResult>>();
    expectTypeOf<InterMine['resolveIds']>().returns.toEqualTypeOf<Promise<IdResolutionResult>>();
    expectTypeOf<InterMine['regions']>().returns.toEqualTypeOf<RegionQuery>();
    expectTypeOf<InterMine['lists']['get']>().returns.toEqualTypeOf<Promise<InterMineList>>();
    expectTypeOf<InterMine['lists']['all']>().returns.toEqualTypeOf<Promise<InterMineList[]>>();
    expectTypeOf<ReturnType<typeof InterMine.registry>['mines']>().returns.toEqualTypeOf<Promise<MineInstance[]>>();
  });

  it('pins the query builder and results', () => {
    expectTypeOf<Query['select']>().returns.toEqualTypeOf<Query>();
    expectTypeOf<Query['where']>().returns.toEqualTypeOf<Query>();
    expectTypeOf<Query['toXML']>().returns.toEqualTypeOf<string>();
    expectTypeOf(Query.fromXML).returns.toEqualTypeOf<Query>();
    expectTypeOf<Query['count']>().returns.toEqualTypeOf<Promise<number>>();
    expectTypeOf<Query['tsv']>().returns.toEqualTypeOf<AsyncGenerator<string>>();
    expectTypeOf<Query['summarise']>().returns.toEqualTypeOf<Promise<ColumnSummary>>();
    expectTypeOf<ReturnType<Query['rows']>>().toEqualTypeOf<AsyncGenerator<Cell[]>>();
    expectTypeOf<Cell>().toEqualTypeOf<string | number | boolean | null>();
    expectTypeOf<'NOT LIKE'>().toMatchTypeOf<Operator>();
    expectTypeOf<'DOES NOT OVERLAP'>().toMatchTypeOf<Operator>();
    // @ts-expect-error not an operator
    expectTypeOf<'NEAR'>().toMatchTypeOf<Operator>();
  });

  it('pins result shapes', () => {
    expectTypeOf<EnrichmentRow>().toHaveProperty('pValue').toEqualTypeOf<number>();
    expectTypeOf<EnrichmentRow>().toHaveProperty('matches').toEqualTypeOf<number>();
    expectTypeOf<MatchKind>().toEqualTypeOf<'MATCH' | 'TYPE_CONVERTED' | 'OTHER' | 'DUPLICATE' | 'WILDCARD'>();
    expectTypeOf<RegionListResult>().toHaveProperty('invalidSpans').toEqualTypeOf<string[]>();
    expectTypeOf<InterMineList['delete']>().returns.toEqualTypeOf<Promise<void>>();
  });
});
