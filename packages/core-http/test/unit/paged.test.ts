import { describe, expect, it } from 'vitest';
import { cursorPages, isAbortError, isValidationError, numberedPages, offsetPages, type Page, paged } from '@bio/core-http';

const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

/** An offset API over 0..n-1 that reports its total and records every request. */
function offsetApi(n: number, withTotal = true) {
  const calls: [number, number][] = [];
  const fetchPage = async ({ offset, limit }: { offset: number; limit: number }): Promise<Page<number>> => {
    calls.push([offset, limit]);
    const items = range(offset, Math.min(n, offset + limit));
    return withTotal ? { items, total: n } : { items };
  };
  return { calls, fetchPage };
}

describe('paged', () => {
  it('is lazy: nothing is requested before iteration', () => {
    const api = offsetApi(25);
    paged(({ max, signal }) => offsetPages(api.fetchPage, { pageSize: 10, max, signal }));
    expect(api.calls).toEqual([]);
  });

  it('iterates every item, and again from the first page on each iteration', async () => {
    const api = offsetApi(25);
    const list = paged(({ max, signal }) => offsetPages(api.fetchPage, { pageSize: 10, max, signal }));
    const first: number[] = [];
    for await (const n of list) first.push(n);
    expect(first).toEqual(range(0, 25));
    expect(await list.toArray()).toEqual(range(0, 25));
    expect(api.calls).toEqual([
      [0, 10],
      [10, 10],
      [20, 10],
      [0, 10],
      [10, 10],
      [20, 10],
    ]);
  });

  it('toArray({ max }) asks only for what it needs and never exceeds the list max', async () => {
    const api = offsetApi(100);
    const list = paged(({ max, signal }) => offsetPages(api.fetchPage, { pageSize: 10, max, signal }), { max: 15 });
    expect(await list.toArray({ max: 12 })).toEqual(range(0, 12));
    expect(api.calls).toEqual([
      [0, 10],
      [10, 2],
    ]);
    expect(await list.toArray({ max: 50 })).toEqual(range(0, 15));
  });

  it('pages() yields the pages as sent, the last cut at max', async () => {
    const api = offsetApi(25);
    const list = paged(({ signal }) => offsetPages(api.fetchPage, { pageSize: 10, signal }), { max: 14 });
    const sizes: number[] = [];
    for await (const page of list.pages()) sizes.push(page.items.length);
    expect(sizes).toEqual([10, 4]);
  });

  it('total() reports the server count once and the next iteration reuses that first page', async () => {
    const api = offsetApi(25);
    const list = paged(({ max, signal }) => offsetPages(api.fetchPage, { pageSize: 10, max, signal }));
    expect(await list.total()).toBe(25);
    expect(await list.total()).toBe(25);
    expect(api.calls).toEqual([[0, 10]]);
    expect(await list.toArray()).toEqual(range(0, 25));
    expect(api.calls).toEqual([
      [0, 10],
      [10, 10],
      [20, 10],
    ]);
  });

  it('total() is undefined when the service does not say', async () => {
    const api = offsetApi(5, false);
    expect(await paged(({ signal }) => offsetPages(api.fetchPage, { pageSize: 10, signal })).total()).toBeUndefined();
  });

  it('refuses a bad max or pageSize before any request', async () => {
    const api = offsetApi(5);
    const source = ({ signal }: { signal: AbortSignal | undefined }) => offsetPages(api.fetchPage, { pageSize: 10, signal });
    expect(() => paged(source, { max: -1 })).toThrow(expect.objectContaining({ name: 'ValidationError', field: 'max' }));
    expect(() => paged(source, { pageSize: 0 })).toThrow(expect.objectContaining({ field: 'pageSize' }));
    await expect(paged(source).toArray({ max: 1.5 })).rejects.toSatisfy(isValidationError);
    expect(api.calls).toEqual([]);
  });

  it('accepts undefined for every option', async () => {
    const api = offsetApi(3);
    const list = paged(({ max, signal }) => offsetPages(api.fetchPage, { pageSize: 10, max, signal }), {
      max: undefined,
      pageSize: undefined,
      signal: undefined,
      timeout: undefined,
    });
    expect(await list.toArray({ max: undefined })).toEqual([0, 1, 2]);
  });

  it('stops with an AbortError when the signal fires between pages', async () => {
    const controller = new AbortController();
    const api = offsetApi(30);
    const list = paged(({ max, signal }) => offsetPages(api.fetchPage, { pageSize: 10, max, signal }), { signal: controller.signal });
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const n of list) {
          seen.push(n);
          if (n === 12) controller.abort();
        }
      })(),
    ).rejects.toSatisfy(isAbortError);
    expect(seen.at(-1)).toBeLessThanOrEqual(19);
    expect(api.calls.length).toBeLessThanOrEqual(2);
  });

  it('breaking out of for-await stops fetching', async () => {
    const api = offsetApi(100);
    const list = paged(({ max, signal }) => offsetPages(api.fetchPage, { pageSize: 10, max, signal }));
    for await (const n of list) if (n === 3) break;
    expect(api.calls).toEqual([[0, 10]]);
  });
});

describe('page generators', () => {
  it('numberedPages drops the `last` flag from the page and stops on it', async () => {
    const pages: Page<number>[] = [];
    for await (const page of numberedPages(async ({ page }) => ({ items: [page], last: page === 3 }))) pages.push(page);
    expect(pages).toEqual([{ items: [1] }, { items: [2] }, { items: [3] }]);
  });

  it('cursorPages drops `next` from the page and follows it', async () => {
    const pages: Page<string>[] = [];
    const next: Record<string, string | undefined> = { start: 'b', b: undefined };
    for await (const page of cursorPages<string, string>(async ({ cursor }) => ({ items: [cursor ?? 'start'], next: next[cursor ?? 'start'] })))
      pages.push(page);
    expect(pages).toEqual([{ items: ['start'] }, { items: ['b'] }]);
  });
});
