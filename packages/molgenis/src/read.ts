import { type CallOptions, checkListOptions, offsetPages, type Page, type Paged, paged, path, ValidationError } from '@bio/core-http';
import type { Context } from './internal/context.js';
import { formatError, jsonSnippet } from './internal/format-error.js';
import { withFastItems } from './internal/fast-items.js';
import { readV2 } from './internal/long-read.js';
import { attrsParam, qParam, searches, sortParam } from './internal/params.js';
import { type Shape, shapeOf, shapeRows } from './internal/row-shapes.js';
import { assertEntity, assertId, assertInteger, MAX_PAGE_SIZE } from './internal/validate.js';
import { idAttributeOf } from './metadata.js';
import type { AttributeOptions, GetOptions, Row, RowsResult, V2Collection } from './types.js';

/** `GET /api/v2/<entity>/<id>?attrs=…` (a `POST …?_method=GET` when `attrs` would make the URL too long). */
export async function getById<T extends Row = Row>(
  ctx: Context,
  entity: string,
  id: string | number,
  options: AttributeOptions & CallOptions & Pick<GetOptions, 'uploadable' | 'flat'> = {},
): Promise<T> {
  assertEntity(entity);
  assertId(id, 'id');
  const shape = checkedShape(options);
  const attrs = attrsParam(options.attributes, options.expand);
  const row = await readV2(ctx, path`api/v2/${entity}/${id}`, undefined, { attrs }, options).answer.json<Row & { _meta?: V2Collection['meta'] }>();
  return shapeRows<T>([row], shape, row?._meta, ctx.root)[0] as T;
}

/** A `get` call, validated and encoded once; every iteration of its {@link Paged} runs it again. */
interface RowQuery {
  entity: string;
  q: string | undefined;
  /** `q` uses full-text search (=q=, =sq=), which MOLGENIS answers in relevance order. */
  search: boolean;
  attrs: string | undefined;
  /** The caller's sort; undefined means the server's id order (or by id for a search read over several requests). */
  sort: string | undefined;
  start: number;
  pageSize: number;
  shape: Shape;
  concurrency: number;
  call: CallOptions;
}

function checkedShape(options: Pick<GetOptions, 'uploadable' | 'flat'>): Shape {
  if (options.uploadable !== undefined && typeof options.uploadable !== 'boolean') {
    throw new ValidationError({ message: 'uploadable must be true or false', field: 'uploadable' });
  }
  const { flat } = options;
  if (flat !== undefined && typeof flat !== 'boolean') {
    if (typeof flat !== 'object' || flat === null || (flat.references !== undefined && flat.references !== 'id' && flat.references !== 'label')) {
      throw new ValidationError({ message: 'flat must be true, false or { references: "id" | "label" }', field: 'flat' });
    }
  }
  if (options.uploadable === true && flat !== undefined && flat !== false) {
    throw new ValidationError({ message: 'give uploadable or flat, not both', field: 'flat' });
  }
  return shapeOf(options);
}

/** Validate and encode a `get` call (a `ValidationError` before any request). */
function rowQuery(ctx: Context, entity: string, options: GetOptions): RowQuery {
  assertEntity(entity);
  checkListOptions(options, MAX_PAGE_SIZE);
  const start = options.start ?? 0;
  assertInteger(start, 'start', 0);
  const concurrency = options.concurrency ?? ctx.concurrency ?? DEFAULT_CONCURRENCY;
  assertInteger(concurrency, 'concurrency', 1);
  const q = qParam(options.q);
  return {
    entity,
    q,
    search: searches(q),
    attrs: attrsParam(options.attributes, options.expand),
    sort: sortParam(options.sort),
    start,
    pageSize: options.pageSize ?? MAX_PAGE_SIZE,
    shape: checkedShape(options),
    concurrency,
    call: { timeout: options.timeout },
  };
}

/** Pages after the first requested at once when neither the call nor the client says. */
const DEFAULT_CONCURRENCY = 4;

/** One v2 collection request: the answer as sent, checked for its `items`. */
async function v2Page<T>(
  ctx: Context,
  query: RowQuery,
  params: { sort: string | undefined; start: number; num: number },
  call: CallOptions,
): Promise<V2Collection<T>> {
  const url = path`api/v2/${query.entity}`;
  const { answer, exchange } = readV2(ctx, url, query.q, { attrs: query.attrs, sort: params.sort, start: params.start, num: params.num }, call);
  const page = await answer.json<V2Collection<T>>();
  if (typeof page !== 'object' || page === null || !Array.isArray(page.items)) {
    throw formatError(ctx.http, { ...exchange, response: await answer }, 'the reply has no "items" array', jsonSnippet(page));
  }
  return page;
}

/**
 * The pages of `GET /api/v2/<entity>` from `start` until `total` (or `max` rows), with core-http's
 * `offsetPages`: once the first page has told the total, the pages after it are requested up to
 * `concurrency` at a time (only while the consumer keeps reading) and still yielded in order.
 * Each request is built from our own, correctly encoded, parameters.
 */
async function* rowPages<T extends Row>(ctx: Context, query: RowQuery, max: number | undefined, signal: AbortSignal | undefined): AsyncGenerator<Page<T>> {
  const call = { ...query.call, signal };
  const oneRequest = max !== undefined && max <= query.pageSize;
  // PostgreSQL already pages in id order; a full-text search (Elasticsearch, relevance order)
  // read over more than one request is sorted by id here so rows neither repeat nor go missing.
  const sort = query.sort ?? (oneRequest || !query.search ? undefined : `${await idAttributeOf(ctx, query.entity, call)}:asc`);
  yield* offsetPages<T>(
    async ({ offset, limit, signal: pageSignal }) => {
      const page = await v2Page<Row>(ctx, query, { sort, start: offset, num: limit }, { ...query.call, signal: pageSignal });
      const total = typeof page.total === 'number' ? page.total : undefined;
      return { items: shapeRows<T>(page.items, query.shape, page.meta, ctx.root), total };
    },
    { pageSize: query.pageSize, start: query.start, max, signal, concurrency: query.concurrency },
  );
}

/** `get`: the rows from `start`, lazily, in pages of ≤ 10,000, with the server's `total`. */
export function get<T extends Row = Row>(ctx: Context, entity: string, options: GetOptions = {}): Paged<T> {
  const query = rowQuery(ctx, entity, options);
  return withFastItems(
    paged<T>(({ max, signal }) => rowPages<T>(ctx, query, max, signal), options),
    options.signal,
  );
}

/** `getRaw`: one request, the v2 answer as sent (`num` = `pageSize`, at most `max`). */
export async function getRaw<T = Row>(ctx: Context, entity: string, options: GetOptions = {}): Promise<V2Collection<T>> {
  const query = rowQuery(ctx, entity, options);
  const num = options.max === undefined ? query.pageSize : Math.min(query.pageSize, options.max);
  const page = await v2Page<Row>(ctx, query, { sort: query.sort, start: query.start, num }, { timeout: options.timeout, signal: options.signal });
  return { ...page, items: shapeRows<T>(page.items, query.shape, page.meta, ctx.root) };
}

/**
 * `getRows`: the rows up to `max` (default all), with the server's `total` and whether rows
 * were left behind — a bounded read that cannot be mistaken for the whole table.
 */
export async function getRows<T extends Row = Row>(ctx: Context, entity: string, options: GetOptions = {}): Promise<RowsResult<T>> {
  const rows = get<T>(ctx, entity, options);
  const items: T[] = [];
  let total: number | undefined;
  for await (const page of rows.pages()) {
    total ??= page.total;
    items.push(...page.items);
  }
  const start = options.start ?? 0;
  return { items, total, hasMore: total !== undefined && start + items.length < total };
}

/** `getAll`: every row matching `q` (no `max`). */
export async function getAll<T extends Row = Row>(ctx: Context, entity: string, options: Omit<GetOptions, 'max'> = {}): Promise<T[]> {
  if ((options as GetOptions).max !== undefined) throw new ValidationError({ message: 'getAll reads every row: use get() or getRows() for max', field: 'max' });
  return get<T>(ctx, entity, options).toArray();
}
