// Reads: `rows()` pages with limit/offset under an explicit, stable order (EMX2 has none by
// default), the total from `<Table>_agg { count }` in the first request; `count()`; `get(key)`.
import { type CallOptions, checkListOptions, offsetPages, type Paged, paged, ValidationError } from '@bio/core-http';
import { compileFilter, prepareFilter } from './filter.js';
import { type Catalog, isRefArrayColumn, loadCatalog } from './internal/catalog.js';
import { callOf, type Ctx } from './internal/context.js';
import { decodingAnswer } from '../internal/format-error.js';
import { type GraphqlAnswer, graphqlAnswer } from './internal/graphql.js';
import { columnOf, tableOf } from './metadata.js';
import { selection, selectionText } from './select.js';
import type { Emx2Filter, Emx2Row, Filter, OrderBy, QueryOptions, RowsOptions, TableMetadata } from './types.js';
import { decodeRow, encodeRow } from './values.js';

const DEFAULT_PAGE_SIZE = 1000;
const DEFAULT_CONCURRENCY = 4;

/** Where a table lives. */
export interface TableRef {
  ctx: Ctx;
  schema: string;
  table: string;
}

/** The metadata a read needs. */
export async function tableMeta(ref: TableRef, options: CallOptions): Promise<{ catalog: Catalog; table: TableMetadata }> {
  const catalog = await loadCatalog(ref.ctx, ref.schema, callOf(options));
  return { catalog, table: tableOf(catalog.get(ref.schema) as NonNullable<ReturnType<Catalog['get']>>, ref.table) };
}

function checkOrderby(orderby: OrderBy | undefined): void {
  if (orderby === undefined) return;
  for (const item of Array.isArray(orderby) ? orderby : [orderby]) {
    if (typeof item !== 'object' || item === null)
      throw new ValidationError({ message: 'orderby must be { column: "ASC" | "DESC" } or a list of them', field: 'orderby' });
    for (const [k, dir] of Object.entries(item)) {
      if (dir !== 'ASC' && dir !== 'DESC')
        throw new ValidationError({ message: `orderby.${k} must be "ASC" or "DESC", got ${JSON.stringify(dir)}`, field: 'orderby' });
    }
  }
}

// The caller's order (names → ids; refbacks refused: EMX2 ignores them) then the primary key.
function stableOrder(table: TableMetadata, orderby: OrderBy | undefined): Record<string, 'ASC' | 'DESC'>[] {
  const out: Record<string, 'ASC' | 'DESC'>[] = [];
  const seen = new Set<string>();
  for (const item of orderby === undefined ? [] : Array.isArray(orderby) ? orderby : [orderby]) {
    for (const [k, dir] of Object.entries(item as Record<string, 'ASC' | 'DESC'>)) {
      const column = columnOf(table, k, 'orderby');
      if (column.columnType === 'REFBACK' || isRefArrayColumn(column) || column.columnType.endsWith('_ARRAY')) {
        throw new ValidationError({ message: `orderby: EMX2 cannot sort by "${column.name}" (${column.columnType})`, field: 'orderby' });
      }
      if (!seen.has(column.id)) out.push({ [column.id]: dir });
      seen.add(column.id);
    }
  }
  if (table.primaryKey.length === 0)
    throw new ValidationError({ message: `table "${table.name}" has no primary key, so it cannot be paged in a stable order`, field: 'table' });
  for (const id of table.primaryKey) if (!seen.has(id)) out.push({ [id]: 'ASC' });
  return out;
}

function countOf(raw: unknown, table: TableMetadata, fail: GraphqlAnswer<unknown>['fail']): number {
  // EMX2 leaves out zero-valued fields: no `_agg` or no `count` means 0
  if (raw === undefined || raw === null) return 0;
  const count = (raw as { count?: unknown }).count;
  if (count === undefined) return 0;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) throw fail(`${table.id}_agg.count is not a count of rows`, raw);
  return count;
}

function rowsOf(raw: unknown, table: TableMetadata, fail: GraphqlAnswer<unknown>['fail']): unknown[] {
  if (raw === undefined || raw === null) return []; // an empty result has no key at all
  if (!Array.isArray(raw)) throw fail(`${table.id} is not a list`, raw);
  return raw;
}

/** `table.rows()`: a `Paged` of decoded rows. */
export function rows<T = Emx2Row>(ref: TableRef, options: RowsOptions = {}): Paged<T> {
  checkListOptions(options);
  const prepared = prepareFilter(options.filter);
  checkOrderby(options.orderby);
  if (options.search !== undefined && typeof options.search !== 'string') throw new ValidationError({ message: 'search must be a string', field: 'search' });
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new ValidationError({ message: `concurrency must be an integer ≥ 1, got ${concurrency}`, field: 'concurrency' });
  return paged<T>(async function* ({ max, signal }) {
    const call = { ...callOf(options), ...(signal === undefined ? {} : { signal }) };
    const { catalog, table } = await tableMeta(ref, call);
    const filter = compileFilter(catalog, table, prepared);
    const selected = selection(catalog, table, options.columns);
    const orderby = stableOrder(table, options.orderby);
    const fields = selectionText(selected);
    const args = `filter: $filter, search: $search`;
    const vars = `$filter: ${table.id}Filter, $search: String, $limit: Int, $offset: Int, $orderby: [${table.id}orderby]`;
    const first = `query(${vars}) { ${table.id}(${args}, limit: $limit, offset: $offset, orderby: $orderby) ${fields} ${table.id}_agg(${args}) { count } }`;
    const next = `query(${vars}) { ${table.id}(${args}, limit: $limit, offset: $offset, orderby: $orderby) ${fields} }`;
    yield* offsetPages<T>(
      async ({ offset, limit, signal: pageSignal }) => {
        const { data, fail } = await graphqlAnswer<Record<string, unknown>>(
          ref.ctx,
          ref.schema,
          offset === 0 ? first : next,
          { filter, search: options.search, limit, offset, orderby },
          { ...call, ...(pageSignal === undefined ? {} : { signal: pageSignal }) },
        );
        const found = rowsOf(data[table.id], table, fail);
        const items = decodingAnswer(fail, () => found.map((r) => decodeRow(catalog, table, r, selected) as T));
        return offset === 0 ? { items, total: countOf(data[`${table.id}_agg`], table, fail) } : { items };
      },
      { pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE, max, signal, concurrency },
    );
  }, options);
}

/** `table.count(filter)`: `<Table>_agg { count }`. */
export async function count(ref: TableRef, filter: Filter | undefined, options: QueryOptions = {}): Promise<number> {
  const prepared = prepareFilter(filter);
  const { catalog, table } = await tableMeta(ref, options);
  const compiled = compileFilter(catalog, table, prepared);
  const { data, fail } = await graphqlAnswer<Record<string, unknown>>(
    ref.ctx,
    ref.schema,
    `query($filter: ${table.id}Filter, $search: String) { ${table.id}_agg(filter: $filter, search: $search) { count } }`,
    { filter: compiled, search: options.search },
    callOf(options),
  );
  return countOf(data[`${table.id}_agg`], table, fail);
}

/** `table.get(key)`: the row with that primary key, or `undefined`. A bare value is the one key column's. */
export async function get<T = Emx2Row>(ref: TableRef, key: unknown, options: QueryOptions = {}): Promise<T | undefined> {
  if (key === undefined || key === null) throw new ValidationError({ message: 'key is required', field: 'key' });
  const { catalog, table } = await tableMeta(ref, options);
  const keyObject =
    typeof key === 'object' && !(key instanceof Date) ? (key as Emx2Row) : table.primaryKey.length === 1 ? { [table.primaryKey[0] as string]: key } : undefined;
  if (keyObject === undefined)
    throw new ValidationError({
      message: `table "${table.name}" has a key of ${table.primaryKey.length} columns (${table.primaryKey.join(', ')}): pass a key object`,
      field: 'key',
    });
  const encoded = encodeRow(catalog, table, keyObject, 'key', { keysOnly: false });
  for (const id of table.primaryKey)
    if (encoded[id] === undefined || encoded[id] === null) throw new ValidationError({ message: `key.${id} is missing`, field: `key.${id}` });
  const filter: Emx2Filter = {};
  for (const [id, value] of Object.entries(encoded)) {
    if (!table.primaryKey.includes(id))
      throw new ValidationError({ message: `key.${id} is not a key column of "${table.name}" (${table.primaryKey.join(', ')})`, field: `key.${id}` });
    filter[id] = typeof value === 'object' && value !== null ? keyFilter(value as Emx2Row) : { equals: [value] };
  }
  const selected = selection(catalog, table, options.columns);
  const { data, fail } = await graphqlAnswer<Record<string, unknown>>(
    ref.ctx,
    ref.schema,
    `query($filter: ${table.id}Filter) { ${table.id}(filter: $filter, limit: 2) ${selectionText(selected)} }`,
    { filter },
    callOf(options),
  );
  const found = rowsOf(data[table.id], table, fail);
  if (found.length > 1) throw fail(`${found.length} rows of ${table.name} matched one primary key`);
  return found.length === 0 ? undefined : decodingAnswer(fail, () => decodeRow(catalog, table, found[0], selected) as T);
}

function keyFilter(key: Emx2Row): Emx2Filter {
  const out: Emx2Filter = {};
  for (const [k, v] of Object.entries(key)) out[k] = typeof v === 'object' && v !== null ? keyFilter(v as Emx2Row) : { equals: [v] };
  return out;
}
