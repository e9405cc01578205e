import { ResponseFormatError, ValidationError } from './errors.js';
import { abortErrorFrom, throwIfAborted } from './internal/abort-reason.js';
import type { Page } from './paged.js';

/**
 * Options shared by the paginators.
 *
 * @example
 * ```ts
 * const options: PageOptions = { signal: AbortSignal.timeout(120_000), max: 10_000 };
 * const hits = paginateOffset(fetchPage, { ...options, pageSize: 1000 });
 * ```
 */
export interface PageOptions {
  /** Cancels the iteration; passed on to every `fetchPage` call. The iterator rejects with an `AbortError`. */
  signal?: AbortSignal | undefined;
  /** Stop after this many items (default: no limit). */
  max?: number | undefined;
}

function checkCount(value: number | undefined, field: string, min: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min) {
    throw new ValidationError({ message: `${field} must be an integer ≥ ${min}, got ${value}`, field });
  }
}

// Call `fetchPage` with `params` and the signal (when there is one). A fetch that failed
// because our signal fired is reported as the abort, not as whatever the fetch layer threw.
async function fetchGuarded<P extends object, R>(
  fetchPage: (p: P & { signal?: AbortSignal }) => Promise<R>,
  params: P,
  signal: AbortSignal | undefined,
): Promise<R> {
  throwIfAborted(signal);
  try {
    return await fetchPage(signal === undefined ? params : { ...params, signal });
  } catch (error) {
    if (signal?.aborted) throw abortErrorFrom(signal);
    throw error;
  }
}

// The loop every paginator shares: check `max`, then fetch one page at a time, only when the
// consumer asks, yield it and count its items; stop after `max` items or when `nextPage` says
// the page was the last. `nextPage` gets how many items are still wanted.
async function* pageLoop<T>(o: PageOptions, nextPage: (remaining: number) => Promise<{ page: Page<T>; last: boolean }>): AsyncGenerator<Page<T>> {
  checkCount(o.max, 'max', 0);
  const max = o.max ?? Number.POSITIVE_INFINITY;
  let count = 0;
  while (count < max) {
    const { page, last } = await nextPage(max - count);
    yield page;
    count += page.items.length;
    if (last) return;
  }
}

async function* itemsOf<T>(pages: AsyncIterable<Page<T>>, o: PageOptions): AsyncGenerator<T> {
  const max = o.max ?? Number.POSITIVE_INFINITY;
  if (max === 0) return;
  let count = 0;
  for await (const page of pages) {
    for (const item of page.items) {
      throwIfAborted(o.signal);
      yield item;
      if (++count >= max) return;
    }
  }
}

/** Options of {@link offsetPages} and {@link paginateOffset}. */
export interface OffsetPageOptions extends PageOptions {
  /** Items to request per page (integer ≥ 1). */
  pageSize: number;
  /** First offset (default 0). */
  start?: number | undefined;
  /**
   * Pages in flight at once once the first page has told the `total` (default 1: one page at
   * a time). Pages are still yielded in order, and only requested while the consumer keeps
   * iterating: at most `concurrency` pages ahead of it.
   */
  concurrency?: number | undefined;
}

/** Fetches the page of `limit` items starting at `offset` (0-based); `signal` cancels it. */
type OffsetFetch<T> = (p: { offset: number; limit: number; signal?: AbortSignal }) => Promise<Page<T>>;

/**
 * The pages of an offset/limit API (MyGene `from`/`size`, InterMine `start`/`size`, MOLGENIS
 * `start`/`num`), fetched only when the consumer needs them.
 *
 * Ends when a page is empty, when `offset` reaches `total` (if the server says), when a page
 * is shorter than requested and no `total` is known, or after `max` items (the last request
 * asks only for what is left). The offset advances by the number of items received, so a
 * server that caps the page size is handled.
 *
 * With `concurrency > 1` and a first page that carries `total`, the remaining pages are
 * requested up to `concurrency` at a time, ahead of the consumer, and yielded in order.
 * Stopping early (or the signal firing) cancels the requests in flight. A page shorter than
 * requested before the end (a server cap, or rows deleted meanwhile) re-syncs: the pages
 * requested after it are dropped and paging goes on from where that page ended, so no item is
 * skipped or repeated because of it.
 *
 * @example
 * ```ts
 * const pages = offsetPages(
 *   async ({ offset, limit, signal }) => {
 *     const r = await client.get('query', { searchParams: { q: 'cdk2', from: offset, size: limit }, signal }).json<{ hits: Gene[]; total: number }>();
 *     return { items: r.hits, total: r.total };
 *   },
 *   { pageSize: 1000, max: 5000, concurrency: 4 },
 * );
 * ```
 */
export async function* offsetPages<T>(fetchPage: OffsetFetch<T>, o: OffsetPageOptions): AsyncGenerator<Page<T>> {
  checkCount(o.pageSize, 'pageSize', 1);
  checkCount(o.start, 'start', 0);
  checkCount(o.concurrency, 'concurrency', 1);
  if ((o.concurrency ?? 1) > 1) {
    yield* concurrentOffsetPages(fetchPage, o);
    return;
  }
  let offset = o.start ?? 0;
  yield* pageLoop(o, async (remaining) => {
    const limit = Math.min(o.pageSize, remaining);
    const page = await fetchGuarded(fetchPage, { offset, limit }, o.signal);
    offset += page.items.length;
    const last = page.items.length === 0 || (page.total !== undefined ? offset >= page.total : page.items.length < limit);
    return { page, last };
  });
}

interface PendingPage<T> {
  offset: number;
  limit: number;
  result: Promise<Page<T>>;
}

// offsetPages with a window of requests ahead of the consumer. `end` (the first offset not
// wanted) follows the newest `total` and `max`; the window is refilled after every page.
async function* concurrentOffsetPages<T>(fetchPage: OffsetFetch<T>, o: OffsetPageOptions): AsyncGenerator<Page<T>> {
  checkCount(o.max, 'max', 0);
  const start = o.start ?? 0;
  const stop = start + (o.max ?? Number.POSITIVE_INFINITY);
  const concurrency = o.concurrency ?? 1;
  let step = o.pageSize;
  let offset = start;
  let total: number | undefined;
  let window = new AbortController();
  let pending: PendingPage<T>[] = [];
  let next = start; // offset of the next page to request
  const request = (at: number, limit: number): PendingPage<T> => {
    const signal = o.signal ? AbortSignal.any([o.signal, window.signal]) : window.signal;
    const result = fetchGuarded(fetchPage, { offset: at, limit }, signal);
    result.catch(() => {}); // awaited in order below; a page dropped unawaited must not be an unhandled rejection
    return { offset: at, limit, result };
  };
  try {
    while (offset < stop) {
      // Without a total (before the first page, or a server that never says) one page at a time.
      const end = Math.min(stop, total ?? next + step);
      while (pending.length < (total === undefined ? 1 : concurrency) && next < end) {
        const limit = Math.min(step, end - next);
        pending.push(request(next, limit));
        next += limit;
      }
      const head = pending.shift();
      if (head === undefined) return;
      const page = await head.result;
      const received = page.items.length;
      if (received === 0) return;
      yield page;
      offset = head.offset + received;
      if (page.total !== undefined) total = page.total;
      else if (received < head.limit) return; // no total: a short page is the last
      if (total !== undefined && offset >= total) return;
      if (received !== head.limit) {
        // Short before the end (or longer than asked): drop what was requested after it and go
        // on from where this page ended, with the page size the server actually gives.
        window.abort();
        window = new AbortController();
        pending = [];
        next = offset;
        step = Math.min(step, received);
      }
    }
  } finally {
    window.abort(); // the consumer stopped or a page failed: cancel what is still in flight
  }
}

/**
 * {@link offsetPages} as one stream of items.
 *
 * @example
 * ```ts
 * for await (const gene of paginateOffset(fetchPage, { pageSize: 1000, max: 5000 })) console.log(gene._id);
 * ```
 */
export function paginateOffset<T>(fetchPage: OffsetFetch<T>, o: OffsetPageOptions): AsyncGenerator<T> {
  return itemsOf(offsetPages(fetchPage, o), o);
}

/**
 * The pages of a page-number API (IDR's `webclient/api` `page`). Ends on an empty page, on a
 * page that says `last: true`, or after `max` items.
 *
 * @param o.firstPage number of the first page (default 1)
 * @example
 * ```ts
 * // IDR sends no total: a page shorter than `limit` is the last one.
 * const pages = numberedPages(
 *   async ({ page, signal }) => {
 *     const r = await client.get('webclient/api/images/', { searchParams: { id: 4501, page, limit: 500 }, signal }).json<{ images: Image[] }>();
 *     return { items: r.images, last: r.images.length < 500 };
 *   },
 *   { max: 2000 },
 * );
 * ```
 */
export async function* numberedPages<T>(
  fetchPage: (p: { page: number; signal?: AbortSignal }) => Promise<Page<T> & { last?: boolean | undefined }>,
  o: PageOptions & { firstPage?: number | undefined } = {},
): AsyncGenerator<Page<T>> {
  checkCount(o.firstPage, 'firstPage', 0);
  let pageNumber = o.firstPage ?? 1;
  yield* pageLoop(o, async () => {
    const { last, ...page } = await fetchGuarded(fetchPage, { page: pageNumber++ }, o.signal);
    return { page, last: page.items.length === 0 || last === true };
  });
}

/**
 * {@link numberedPages} as one stream of items.
 *
 * @example
 * ```ts
 * const images = paginatePages(fetchPage, { max: 2000 });
 * ```
 */
export function paginatePages<T>(
  fetchPage: (p: { page: number; signal?: AbortSignal }) => Promise<Page<T> & { last?: boolean | undefined }>,
  o: PageOptions & { firstPage?: number | undefined } = {},
): AsyncGenerator<T> {
  return itemsOf(numberedPages(fetchPage, o), o);
}

function cursorKey(cursor: unknown): unknown {
  return typeof cursor === 'object' && cursor !== null ? JSON.stringify(cursor) : cursor;
}

function samePage(a: readonly unknown[] | undefined, b: readonly unknown[]): boolean {
  if (a === undefined || a.length !== b.length) return false;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

/**
 * The pages of a cursor API (MyGene `scroll_id`, MOLGENIS `nextHref`). The first call gets
 * `cursor: undefined`; iteration ends when a page has no `next`, or after `max` items.
 *
 * Loop guard: a cursor may come back unchanged while the pages move on (Elasticsearch scroll ids,
 * as MyGene sends them, often stay the same). But when the server sends the same cursor with the
 * same page again, or cycles back to an older cursor, the iterator rejects with a
 * `ResponseFormatError` instead of looping forever.
 *
 * @example
 * ```ts
 * const pages = cursorPages<Row, string>(
 *   async ({ cursor, signal }) => {
 *     const r = await client.get(cursor ?? 'api/v2/hospitals?num=1000', { signal }).json<{ items: Row[]; nextHref?: string }>();
 *     return { items: r.items, next: r.nextHref };
 *   },
 *   { max: 10_000 },
 * );
 * ```
 */
export async function* cursorPages<T, C>(
  fetchPage: (p: { cursor: C | undefined; signal?: AbortSignal }) => Promise<Page<T> & { next?: C | undefined }>,
  o: PageOptions = {},
): AsyncGenerator<Page<T>> {
  const seen = new Set<unknown>(); // every cursor sent so far (one per page, not per item)
  let cursor: C | undefined;
  let previousItems: T[] | undefined; // the page before, to tell an echo from a scroll
  yield* pageLoop(o, async () => {
    const { next, ...page } = await fetchGuarded(fetchPage, { cursor }, o.signal);
    if (next !== undefined) {
      const key = cursorKey(next);
      const unchanged = cursor !== undefined && key === cursorKey(cursor);
      if (unchanged ? samePage(previousItems, page.items) : seen.has(key)) {
        throw new ResponseFormatError({
          message: `the server sent the cursor ${String(key).slice(0, 80)} again ${unchanged ? 'with the same page' : 'after other cursors'}; stopping instead of looping forever`,
        });
      }
      seen.add(key);
    }
    previousItems = page.items;
    cursor = next;
    return { page, last: next === undefined };
  });
}

/**
 * {@link cursorPages} as one stream of items.
 *
 * @example
 * ```ts
 * const rows = paginateCursor<Row, string>(fetchPage, { max: 10_000 });
 * ```
 */
export function paginateCursor<T, C>(
  fetchPage: (p: { cursor: C | undefined; signal?: AbortSignal }) => Promise<Page<T> & { next?: C | undefined }>,
  o: PageOptions = {},
): AsyncGenerator<T> {
  return itemsOf(cursorPages(fetchPage, o), o);
}

/**
 * Gather the items of an async iterable into an array, stopping early after `max` items (the
 * iterator's `return()` is called, so a paginator stops fetching and a stream is cancelled).
 *
 * @param o.max stop after this many items (default: no limit)
 * @example
 * ```ts
 * const first100 = await collect(paginateOffset(fetchPage, { pageSize: 50 }), { max: 100 });
 * ```
 */
export async function collect<T>(iter: AsyncIterable<T>, o: { max?: number | undefined } = {}): Promise<T[]> {
  checkCount(o.max, 'max', 0);
  const max = o.max ?? Number.POSITIVE_INFINITY;
  const out: T[] = [];
  if (max === 0) return out;
  for await (const item of iter) {
    out.push(item);
    if (out.length >= max) break;
  }
  return out;
}
