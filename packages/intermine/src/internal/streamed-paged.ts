// A Paged<T> over InterMine's start/size results whose items are streamed, never buffered:
// core-http's paged() collects each page into an array, which a million-row page cannot afford.
import { checkListOptions, type Page, type Paged } from '@bio/core-http';
import { deferred } from './deferred.js';

/** How to stream one response of a listing, and how to count all of it. */
export interface StreamedListing<T> {
  /** The items of one request for `size` rows from `start` (`size` undefined: to the end). */
  open(range: { start: number; size: number | undefined }): AsyncIterator<T>;
  /** The server's count of all items (a separate request, only made when asked). */
  count(): Promise<number | undefined>;
  /** First row. */
  start: number;
  max: number | undefined;
  /** Rows per request; undefined: one request for everything. */
  pageSize: number | undefined;
}

function lower(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

/**
 * The requests of a listing, each as an iterator over its streamed items; the items it yielded
 * are counted so the next request starts after them. Ends on a short response or after `max`.
 */
async function* ranges<T>(listing: StreamedListing<T>, max: number | undefined): AsyncGenerator<AsyncIterator<T>> {
  let offset = listing.start;
  let remaining = max ?? Number.POSITIVE_INFINITY;
  while (remaining > 0) {
    const size = listing.pageSize === undefined ? max : Math.min(listing.pageSize, remaining);
    let received = 0;
    const items = listing.open({ start: offset, size });
    const counted: AsyncIterator<T> = {
      next: async () => {
        const r = await items.next();
        if (!r.done) received++;
        return r;
      },
      return: async (value?: unknown) => (items.return ? items.return(value) : { done: true, value: undefined }),
    };
    yield counted;
    if (listing.pageSize === undefined) return;
    offset += received;
    remaining -= received;
    if (received < size!) return;
  }
}

async function* itemsOf<T>(listing: StreamedListing<T>, max: number | undefined): AsyncGenerator<T> {
  for await (const range of ranges(listing, max)) {
    const iterable = { [Symbol.asyncIterator]: () => range };
    yield* iterable;
  }
}

/** A {@link Paged} whose iteration streams every response item by item. `max`/`pageSize` are checked now. */
export function streamedPaged<T>(listing: StreamedListing<T>): Paged<T> {
  checkListOptions({ max: listing.max, pageSize: listing.pageSize });
  const iterate = (max: number | undefined): AsyncIterator<T> => {
    if (max === 0) return deferred<T>(async () => ({ next: async () => ({ done: true, value: undefined }) }));
    // One request: hand its stream out directly (no generator hop per item, which counts at a million rows).
    if (listing.pageSize === undefined) return deferred<T>(async () => listing.open({ start: listing.start, size: max }));
    return itemsOf(listing, max);
  };
  return {
    [Symbol.asyncIterator]: () => iterate(listing.max),
    async *pages(): AsyncGenerator<Page<T>> {
      if (listing.max === 0) return;
      for await (const range of ranges(listing, listing.max)) {
        const items: T[] = [];
        for (let r = await range.next(); !r.done; r = await range.next()) items.push(r.value);
        yield { items };
      }
    },
    async toArray(options = {}) {
      checkListOptions({ max: options.max });
      const out: T[] = [];
      const iterator = iterate(lower(options.max, listing.max));
      for (let r = await iterator.next(); !r.done; r = await iterator.next()) out.push(r.value);
      return out;
    },
    total: () => listing.count(),
  };
}
