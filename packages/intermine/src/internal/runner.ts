import type { InterMineList } from '../lists.js';
import type { Model } from '../model.js';
import type { Query } from '../query.js';
import type { ColumnSummary, CountOptions, ListFromQueryOptions, RowsOptions, TextFormat, TextOptions } from '../results.js';

/**
 * What a {@link Query} needs from a mine to run. Implemented by `InterMine`.
 *
 * @example
 * ```ts
 * const q = new Query('Gene', { mine }); // mine: InterMine implements QueryRunner
 * ```
 */
export interface QueryRunner {
  model(options?: { signal?: AbortSignal }): Promise<Model>;
  summaryFields(options?: { signal?: AbortSignal }): Promise<Record<string, string[]>>;
  runRows<T>(query: Query, format: 'json' | 'jsonobjects', options: RowsOptions): AsyncGenerator<T>;
  runCount(query: Query, options: CountOptions): Promise<number>;
  runText(query: Query, format: TextFormat, options: TextOptions): AsyncGenerator<string>;
  runSummary(query: Query, path: string, options: CountOptions & { filter?: string; size?: number }): Promise<ColumnSummary>;
  runToList(query: Query, options: ListFromQueryOptions): Promise<InterMineList>;
}
