// Issue 21 §3 (mutation testing of src/internal/streamed-paged.ts, the start/size paging of
// `rows()`/`records()`): which ranges are requested for a `max` and a `pageSize`, when paging stops,
// and that stopping early cancels the response being streamed. A wrong range repeats or skips rows.
import { isValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { type StreamedListing, streamedPaged } from '../../src/internal/streamed-paged.js';

/** A listing over `rows` items; records every range opened and every stream cancelled. */
function listing(rows: number, options: { start?: number; max?: number; pageSize?: number } = {}) {
  const opened: { start: number; size: number | undefined }[] = [];
  const cancelled: number[] = [];
  const l: StreamedListing<number> = {
    start: options.start ?? 0,
    max: options.max,
    pageSize: options.pageSize,
    count: async () => rows,
    open(range) {
      opened.push(range);
      let i = range.start;
      const end = range.size === undefined ? rows : Math.min(rows, range.start + range.size);
      return {
        next: async () => (i < end ? { done: false, value: i++ } : { done: true, value: undefined }),
        return: async () => {
          cancelled.push(range.start);
          return { done: true, value: undefined };
        },
      };
    },
  };
  return { l, opened, cancelled };
}

async function all(iterable: AsyncIterable<number>): Promise<number[]> {
  const out: number[] = [];
  for await (const n of iterable) out.push(n);
  return out;
}

describe('streamedPaged ranges', () => {
  it('asks pageSize rows at a time, the last request only for what max leaves', async () => {
    const { l, opened } = listing(100, { max: 5, pageSize: 2 });
    expect(await all(streamedPaged(l))).toEqual([0, 1, 2, 3, 4]);
    expect(opened).toEqual([
      { start: 0, size: 2 },
      { start: 2, size: 2 },
      { start: 4, size: 1 },
    ]);
  });

  it('without max, stops after a short response — or an empty one when the rows divide evenly', async () => {
    const short = listing(5, { pageSize: 2 });
    expect(await all(streamedPaged(short.l))).toEqual([0, 1, 2, 3, 4]);
    expect(short.opened.map((r) => r.start)).toEqual([0, 2, 4]);
    const even = listing(4, { pageSize: 2 });
    expect(await all(streamedPaged(even.l))).toEqual([0, 1, 2, 3]);
    expect(even.opened.map((r) => r.start)).toEqual([0, 2, 4]);
  });

  it('without pageSize, one request from start for max rows (or to the end)', async () => {
    const capped = listing(100, { start: 10, max: 3 });
    expect(await all(streamedPaged(capped.l))).toEqual([10, 11, 12]);
    expect(capped.opened).toEqual([{ start: 10, size: 3 }]);
    const whole = listing(4);
    expect(await all(streamedPaged(whole.l))).toEqual([0, 1, 2, 3]);
    expect(whole.opened).toEqual([{ start: 0, size: undefined }]);
  });

  it('max 0 sends nothing, by iteration, toArray and pages', async () => {
    const { l, opened } = listing(10, { max: 0, pageSize: 2 });
    const paged = streamedPaged(l);
    expect(await all(paged)).toEqual([]);
    expect(await paged.toArray()).toEqual([]);
    const pages: unknown[] = [];
    for await (const page of paged.pages()) pages.push(page);
    expect(pages).toEqual([]);
    expect(opened).toEqual([]);
  });

  it('toArray({ max }) takes the lower of its max and the listing max', async () => {
    const own = listing(100);
    expect(await streamedPaged(own.l).toArray({ max: 2 })).toEqual([0, 1]);
    expect(own.opened).toEqual([{ start: 0, size: 2 }]);
    const listed = listing(100, { max: 3 });
    expect(await streamedPaged(listed.l).toArray()).toEqual([0, 1, 2]);
    expect(await streamedPaged(listed.l).toArray({ max: 5 })).toEqual([0, 1, 2]);
    expect(listed.opened).toEqual([
      { start: 0, size: 3 },
      { start: 0, size: 3 },
    ]);
    const error = await streamedPaged(listing(1).l)
      .toArray({ max: -1 })
      .catch((e: unknown) => e);
    expect(isValidationError(error)).toBe(true);
  });

  it('without pageSize, pages() is one page from one request, and max 0 sends nothing', async () => {
    const one = listing(3, { start: 1, max: 5 });
    const pages: number[][] = [];
    for await (const page of streamedPaged(one.l).pages()) pages.push(page.items);
    expect(pages).toEqual([[1, 2]]);
    expect(one.opened).toEqual([{ start: 1, size: 5 }]);
    const whole = listing(3);
    const wholePages: number[][] = [];
    for await (const page of streamedPaged(whole.l).pages()) wholePages.push(page.items);
    expect(wholePages).toEqual([[0, 1, 2]]);
    expect(whole.opened).toEqual([{ start: 0, size: undefined }]);
    const none = listing(3, { max: 0 });
    expect(await all(streamedPaged(none.l))).toEqual([]);
    expect(await streamedPaged(none.l).toArray()).toEqual([]);
    expect(none.opened).toEqual([]);
  });

  it('pages() yields one page per request; total() is the listing count', async () => {
    const { l } = listing(5, { pageSize: 2 });
    const paged = streamedPaged(l);
    const pages: number[][] = [];
    for await (const page of paged.pages()) pages.push(page.items);
    expect(pages).toEqual([[0, 1], [2, 3], [4]]);
    expect(await paged.total()).toBe(5);
  });

  it('stopping early cancels the response being streamed', async () => {
    const { l, cancelled, opened } = listing(100, { pageSize: 10 });
    for await (const n of streamedPaged(l)) if (n === 12) break;
    expect(opened.map((r) => r.start)).toEqual([0, 10]);
    expect(cancelled).toEqual([10]);
  });
});
