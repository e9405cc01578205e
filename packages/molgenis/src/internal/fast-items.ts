import type { Paged } from '@bio/core-http';

/**
 * The same {@link Paged}, with a row iterator that hands out each page's rows from an array
 * instead of an async generator's `yield*` (which costs several promise ticks per row: ~60 ms
 * of the 25,000-row read benchmark). Pages, `max`, `total()`, early exit and the abort (checked
 * before every row) are the Paged's own.
 */
export function withFastItems<T>(paged: Paged<T>, signal: AbortSignal | undefined): Paged<T> {
  return {
    pages: () => paged.pages(),
    toArray: (options) => paged.toArray(options),
    total: () => paged.total(),
    [Symbol.asyncIterator](): AsyncIterator<T> {
      let pages: AsyncIterator<{ items: T[] }> | undefined;
      let items: T[] = [];
      let at = 0;
      let finished = false;
      return {
        async next(): Promise<IteratorResult<T>> {
          // Aborted: drop the page in hand, so the Paged's own next page throws its AbortError.
          if (signal?.aborted === true && !finished) at = items.length;
          while (at >= items.length) {
            if (finished) return { done: true, value: undefined };
            pages ??= paged.pages()[Symbol.asyncIterator]();
            const page = await pages.next();
            if (page.done) {
              finished = true;
              return { done: true, value: undefined };
            }
            items = page.value.items;
            at = 0;
          }
          return { done: false, value: items[at++] as T };
        },
        async return(): Promise<IteratorResult<T>> {
          // Leaving the loop early: stop the pages (cancels requests in flight).
          if (!finished) {
            finished = true;
            await pages?.return?.();
          }
          return { done: true, value: undefined };
        },
      };
    },
  };
}
