import { type CallOptions, checkListOptions, cursorPages, type Page, type Paged, paged, path, ResponseFormatError } from '@bio/core-http';
import { type Context, callOf } from './internal/context.js';
import { attrsParam, qParam, sortParam, withQ } from './internal/params.js';
import { startOf } from './internal/url.js';
import { assertEntity, assertId, assertInteger, MAX_PAGE_SIZE } from './internal/validate.js';
import { idAttributeOf } from './metadata.js';
import type { AttributeOptions, GetOptions, Row } from './types.js';

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
export async function getById<T extends Row = Row>(
  ctx: Context,
  entity: string,
  id: string | number,
  options: AttributeOptions & CallOptions = {},
): Promise<T> {
  assertEntity(entity);
  assertId(id, 'id');
  const attrs = attrsParam(options.attributes, options.expand);
  return ctx.http.get(path`api/v2/${entity}/${id}`, { searchParams: { attrs }, ...callOf(options) }).json<T>();
}

/** A `get` call, validated and encoded once; every iteration of its {@link Paged} runs it again. */
interface RowQuery {
  entity: string;
  q: string | undefined;
  attrs: string | undefined;
  /** The caller's sort; undefined means "by the id attribute when more than one request may be needed". */
  sort: string | undefined;
  start: number;
  pageSize: number;
  call: CallOptions;
}

/**
 * The pages of `GET /api/v2/<entity>`, while the server sends `nextHref` and until `max` rows.
 * The next `start` is read from `nextHref`, but the request is rebuilt from our own
 * parameters rather than replaying the server's URL, so `q` keeps its exact encoding.
 */
async function* rowPages<T extends Row>(ctx: Context, query: RowQuery, max: number | undefined, signal: AbortSignal | undefined): AsyncGenerator<Page<T>> {
  const call = { ...query.call, signal };
  const oneRequest = max !== undefined && max <= query.pageSize;
  // More than one request: sort by id so rows neither repeat nor go missing between pages.
  const sort = query.sort ?? (oneRequest ? undefined : `${await idAttributeOf(ctx, query.entity, call)}:asc`);
  const url = withQ(path`api/v2/${query.entity}`, query.q);
  let fetched = 0;
  yield* cursorPages<T, number>(
    async ({ cursor, signal: pageSignal }) => {
      const start = cursor ?? query.start;
      const num = Math.max(1, max === undefined ? query.pageSize : Math.min(query.pageSize, max - fetched));
      const page = await ctx.http
        .get(url, { searchParams: { attrs: query.attrs, sort, start, num }, ...callOf({ ...query.call, signal: pageSignal }) })
        .json<CollectionPage<T>>();
      if (typeof page !== 'object' || page === null || !Array.isArray(page.items)) {
        throw new ResponseFormatError({ service: 'molgenis', method: 'GET', url: ctx.http.url(url), message: `GET ${url}: the reply has no "items" array` });
      }
      fetched += page.items.length;
      const total = typeof page.total === 'number' ? page.total : undefined;
      const more = typeof page.nextHref === 'string' && page.items.length > 0 && (max === undefined || fetched < max);
      if (!more) return { items: page.items, total };
      return { items: page.items, total, next: startOf(page.nextHref as string, ctx.root) ?? start + page.items.length };
    },
    { max, signal },
  );
}

/** `get`: the rows from `start`, lazily, in pages of ≤ 10,000, with the server's `total`. */
export function get<T extends Row = Row>(ctx: Context, entity: string, options: GetOptions = {}): Paged<T> {
  assertEntity(entity);
  checkListOptions(options, MAX_PAGE_SIZE);
  const start = options.start ?? 0;
  assertInteger(start, 'start', 0);
  const query: RowQuery = {
    entity,
    q: qParam(options.q),
    attrs: attrsParam(options.attributes, options.expand),
    sort: sortParam(options.sort),
    start,
    pageSize: options.pageSize ?? MAX_PAGE_SIZE,
    call: { timeout: options.timeout },
  };
  return paged<T>(({ max, signal }) => rowPages<T>(ctx, query, max, signal), options);
}
