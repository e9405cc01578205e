// The page/limit lists of OMERO.web's webclient family (`webclient/api/*`, annotations, mapr):
// no totals, so a page shorter than `limit` is the last one.
import { numberedPages, type Paged, paged, type QueryValue } from '@bio/core-http';
import type { IdrListOptions } from '../list-options.js';
import { withCall } from './call.js';
import type { IdrContext } from './context.js';
import { withProgress } from './progress.js';
import { callSignal } from './signal.js';
import { arrayAt, type Exchange, jsonOf } from './json.js';

/** What a page read from the body gave: the items kept, and how many the server sent. */
export interface PageRead<T> {
  items: T[];
  received: number;
}

/** Iterate a page/limit list from page 1 until a short (or empty) page. `limit` is `pageSize`, else the client's `webclientPageSize`. */
export function pageLimitList<T>(
  ctx: IdrContext,
  route: string,
  params: Record<string, QueryValue>,
  options: IdrListOptions,
  read: (body: unknown, at: Exchange) => PageRead<T>,
): Paged<T> {
  const limit = options.pageSize ?? ctx.webclientPageSize;
  return paged<T>(
    withProgress(
      ({ signal }) =>
        numberedPages<T>(
          async ({ page, signal: pageSignal }) => {
            const searchParams = { ...params, page, limit };
            const request = withCall({ searchParams, arrayFormat: 'repeat' as const }, { signal: pageSignal, timeout: options.timeout });
            const { body, at } = await jsonOf(ctx.http.get(route, request), 'GET', ctx.http.url(route, searchParams));
            const { items, received } = read(body, at);
            return { items, last: received < limit };
          },
          { signal },
        ),
      options.onProgress,
    ),
    { ...options, signal: callSignal(ctx, options) },
  );
}

/** Read the array under `key` as the page (every item kept). */
export function itemsAt<T>(key: string): (body: unknown, at: Exchange) => PageRead<T> {
  return (body, at) => {
    const items = arrayAt<T>(body, key, at);
    return { items, received: items.length };
  };
}
