import { collect, paginateCursor, path, ResponseFormatError } from '@bio/core-http';
import { type Context, signalOf } from './internal/context.js';
import { attrsParam, qParam, sortParam, withQ } from './internal/params.js';
import { startOf } from './internal/url.js';
import { assertEntity, assertId, assertInteger, MAX_PAGE_SIZE } from './internal/validate.js';
import { idAttributeOf } from './metadata.js';
import type { AttributeOptions, CallOptions, GetOptions, IterateOptions, Row, SortKey } from './types.js';

/** One page of `GET /api/v2/<entity>`. */
interface CollectionPage<T> {
  href?: string;
  start?: number;
  num?: number;
  total?: number;
  prevHref?: string;
  nextHref?: string;
  items: T[];
}

/** `GET /api/v2/<entity>/<id>?attrs=…`. */
export async function getById<T extends Row = Row>(ctx: Context, entity: string, id: string | number, options: AttributeOptions & CallOptions = {}): Promise<T> {
  assertEntity(entity);
  assertId(id, 'id');
  const attrs = attrsParam(options.attributes, options.expand);
  return ctx.http.get(path`api/v2/${entity}/${id}`, { searchParams: { attrs }, ...signalOf(options) }).json<T>();
}

interface PageQuery {
  q: string | undefined;
  attrs: string | undefined;
  sort: string | undefined;
  start: number;
  pageSize: number;
  max: number | undefined;
  signal: AbortSignal | undefined;
}

/**
 * Rows of `GET /api/v2/<entity>`, page after page while the server sends `nextHref`.
 * The next `start` is read from `nextHref`, but the request is rebuilt from our own
 * parameters rather than replaying the server's URL, so `q` keeps its exact encoding.
 */
function rows<T extends Row>(ctx: Context, entity: string, query: PageQuery): AsyncGenerator<T> {
  let fetched = 0;
  const { max, pageSize } = query;
  return paginateCursor<T, number>(
    async ({ cursor, signal }) => {
      const start = cursor ?? query.start;
      const num = max === undefined ? pageSize : Math.min(pageSize, max - fetched);
      const url = withQ(path`api/v2/${entity}`, query.q);
      const page = await ctx.http
        .get(url, { searchParams: { attrs: query.attrs, sort: query.sort, start, num }, ...(signal === undefined ? {} : { signal }) })
        .json<CollectionPage<T>>();
      if (typeof page !== 'object' || page === null || !Array.isArray(page.items)) {
        throw new ResponseFormatError({ service: 'molgenis', method: 'GET', url: ctx.http.url(url), message: `GET ${url}: the reply has no "items" array` });
      }
      fetched += page.items.length;
      const more = typeof page.nextHref === 'string' && page.items.length > 0 && (max === undefined || fetched < max);
      if (!more) return { items: page.items };
      return { items: page.items, next: startOf(page.nextHref as string, ctx.root) ?? start + page.items.length };
    },
    { ...(query.signal === undefined ? {} : { signal: query.signal }), ...(max === undefined ? {} : { max }) },
  );
}

async function sortOrId(ctx: Context, entity: string, sort: readonly SortKey[] | undefined, options: CallOptions): Promise<string> {
  const given = sortParam(sort);
  if (given !== undefined) return given;
  const id = await idAttributeOf(ctx, entity, options);
  return sortParam([{ attr: id, order: 'asc' }]) as string;
}

/** `get`: at most `num` rows from `start`, in pages of ≤ 10,000. */
export async function get<T extends Row = Row>(ctx: Context, entity: string, options: GetOptions = {}): Promise<T[]> {
  assertEntity(entity);
  const num = options.num ?? 100;
  assertInteger(num, 'num', 0);
  const start = options.start ?? 0;
  assertInteger(start, 'start', 0);
  const pageSize = options.pageSize ?? Math.max(1, Math.min(num, MAX_PAGE_SIZE));
  assertInteger(pageSize, 'pageSize', 1, MAX_PAGE_SIZE);
  const q = qParam(options.q);
  const attrs = attrsParam(options.attributes, options.expand);
  // Validate sort before any request even when it is not needed.
  let sort = sortParam(options.sort);
  if (num === 0) return [];
  // More than one page: sort by id so rows neither repeat nor go missing between pages.
  if (sort === undefined && num > pageSize) sort = await sortOrId(ctx, entity, undefined, options);
  return collect(rows<T>(ctx, entity, { q, attrs, sort, start, pageSize, max: num, signal: options.signal }), { max: num });
}

/** `iterate`: every matching row, page by page, in a stable order. */
export function iterate<T extends Row = Row>(ctx: Context, entity: string, options: IterateOptions = {}): AsyncGenerator<T> {
  assertEntity(entity);
  const pageSize = options.pageSize ?? MAX_PAGE_SIZE;
  assertInteger(pageSize, 'pageSize', 1, MAX_PAGE_SIZE);
  const start = options.start ?? 0;
  assertInteger(start, 'start', 0);
  if (options.max !== undefined) assertInteger(options.max, 'max', 0);
  const q = qParam(options.q);
  const attrs = attrsParam(options.attributes, options.expand);
  sortParam(options.sort);
  const { max, signal } = options;
  return (async function* () {
    if (max === 0) return;
    const sort = await sortOrId(ctx, entity, options.sort, options);
    yield* rows<T>(ctx, entity, { q, attrs, sort, start, pageSize, max, signal });
  })();
}
