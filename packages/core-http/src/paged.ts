import type { ListOptions } from './contract.js';
import { ValidationError } from './errors.js';
import { throwIfAborted } from './internal/abort-reason.js';

/**
 * One page of a listing, as the service sent it.
 *
 * @example
 * ```ts
 * const page: Page<string> = { items: ['a', 'b'], total: 7 };
 * ```
 */
export interface Page<T> {
  /** The items of this page, in the service's order (may be empty). */
  items: T[];
  /** All matching items, when the service reports it. */
  total?: number | undefined;
}

/**
 * What a page source is asked for: stop after `max` items, cancel on `signal`.
 *
 * @example
 * ```ts
 * const source: PageSource<Gene> = ({ max, signal }) => offsetPages(fetchPage, { pageSize: 1000, max, signal });
 * ```
 */
export interface PageRequest {
  /** Stop after this many items in all; undefined for no limit. */
  max: number | undefined;
  /** Stop (with an {@link AbortError}) when it fires; undefined when the caller gave none. */
  signal: AbortSignal | undefined;
}

/** Yields the pages of a listing from the first; {@link paged} turns it into a {@link Paged}. */
export type PageSource<T> = (request: PageRequest) => AsyncIterable<Page<T>>;

/**
 * The result of every listing call of every client: lazy (nothing is requested until you
 * iterate), re-iterable (each iteration starts from the first page), and bounded by `max`.
 *
 * @example
 * ```ts
 * const screens = idr.screens();
 * for await (const screen of screens) console.log(screen.Name);
 * const first10 = await screens.toArray({ max: 10 });
 * for await (const page of screens.pages()) console.log(page.items.length, page.total);
 * console.log(await screens.total());
 * ```
 */
export interface Paged<T> extends AsyncIterable<T> {
  /**
   * Collect the items (at most `max`, and at most the listing's own `max`).
   *
   * @example
   * ```ts
   * const first10 = await listing.toArray({ max: 10 });
   * ```
   */
  toArray(options?: { max?: number | undefined }): Promise<T[]>;
  /**
   * The pages as the service sent them (the last one cut at `max`).
   *
   * @example
   * ```ts
   * for await (const page of listing.pages()) console.log(page.items.length, page.total);
   * ```
   */
  pages(): AsyncIterable<Page<T>>;
  /**
   * All matching items as the service reports it (not cut at `max`), or `undefined` when the
   * service does not say. Fetches the first page if no iteration did yet; the next iteration
   * starts from that page instead of asking again.
   *
   * @example
   * ```ts
   * const n = await listing.total(); // e.g. 42, or undefined
   * ```
   */
  total(): Promise<number | undefined>;
}

function checkMax(value: number | undefined, field: string): void {
  if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
    throw new ValidationError({ message: `${field} must be an integer ≥ 0, got ${value}`, field });
  }
}

/**
 * Check `max` and `pageSize` of a {@link ListOptions} before any request.
 *
 * @example
 * ```ts
 * checkListOptions({ max: 10, pageSize: 0 }); // ValidationError: pageSize must be an integer ≥ 1, got 0
 * ```
 */
export function checkListOptions(options: ListOptions, pageSizeLimit?: number): void {
  checkMax(options.max, 'max');
  const { pageSize } = options;
  if (pageSize !== undefined && (!Number.isInteger(pageSize) || pageSize < 1 || (pageSizeLimit !== undefined && pageSize > pageSizeLimit))) {
    throw new ValidationError({
      message: `pageSize must be an integer from 1${pageSizeLimit === undefined ? '' : ` to ${pageSizeLimit}`}, got ${pageSize}`,
      field: 'pageSize',
    });
  }
}

interface Started<T> {
  iterator: AsyncIterator<Page<T>>;
  first: IteratorResult<Page<T>>;
}

/**
 * Make a {@link Paged} from a page source. `max` and `signal` of `options` bound every
 * iteration; `toArray({ max })` may lower `max` further. Throws a `ValidationError` for a bad
 * `max` or `pageSize` right away, before any request.
 *
 * @example
 * ```ts
 * return paged(({ max, signal }) => offsetPages(fetchPage, { pageSize: 1000, max, signal }), options);
 * ```
 */
export function paged<T>(source: PageSource<T>, options: ListOptions = {}): Paged<T> {
  checkListOptions(options);
  const { signal } = options;
  let started: Promise<Started<T>> | undefined; // the first page fetched by total(), kept for the next iteration

  async function* pagesUpTo(max: number | undefined): AsyncGenerator<Page<T>> {
    if (max === 0) return;
    const head = started;
    started = undefined;
    let iterator: AsyncIterator<Page<T>>;
    let next: IteratorResult<Page<T>>;
    if (head) {
      ({ iterator, first: next } = await head);
    } else {
      iterator = source({ max, signal })[Symbol.asyncIterator]();
      next = await iterator.next();
    }
    let count = 0;
    try {
      while (!next.done) {
        throwIfAborted(signal);
        const page = next.value;
        const room = max === undefined ? Number.POSITIVE_INFINITY : max - count;
        if (page.items.length >= room) {
          yield { ...page, items: page.items.slice(0, room) };
          return;
        }
        count += page.items.length;
        yield page;
        next = await iterator.next();
      }
    } finally {
      if (!next.done) await iterator.return?.();
    }
  }

  const lower = (max: number | undefined): number | undefined =>
    max === undefined ? options.max : options.max === undefined ? max : Math.min(max, options.max);

  return {
    pages: () => pagesUpTo(options.max),
    async *[Symbol.asyncIterator]() {
      for await (const page of pagesUpTo(options.max)) yield* page.items;
    },
    async toArray(o = {}) {
      checkMax(o.max, 'max');
      const out: T[] = [];
      for await (const page of pagesUpTo(lower(o.max))) for (const item of page.items) out.push(item);
      return out;
    },
    async total() {
      if (!started) {
        const iterator = source({ max: options.max, signal })[Symbol.asyncIterator]();
        started = iterator.next().then((first) => ({ iterator, first }));
      }
      const { first } = await started;
      return first.done ? 0 : first.value.total;
    },
  };
}
