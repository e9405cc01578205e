import { describe, expect, it } from 'vitest';
import { collect, isAbortError, isResponseFormatError, isValidationError, paginateCursor, paginateOffset, paginatePages } from '@bio/core-http';

const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

/** A fake offset API over `data`, serving at most `cap` items per page. */
function offsetApi(data: number[], o: { cap?: number; withTotal?: boolean } = {}) {
  const calls: { offset: number; limit: number; signal?: AbortSignal }[] = [];
  const fetchPage = async (p: { offset: number; limit: number; signal?: AbortSignal }) => {
    calls.push(p);
    const n = Math.min(p.limit, o.cap ?? Number.POSITIVE_INFINITY);
    const items = data.slice(p.offset, p.offset + n);
    return o.withTotal === false ? { items } : { items, total: data.length };
  };
  return { calls, fetchPage };
}

describe('paginateOffset', () => {
  it('walks every page and stops at total', async () => {
    const api = offsetApi(range(0, 25));
    expect(await collect(paginateOffset(api.fetchPage, { pageSize: 10 }))).toEqual(range(0, 25));
    expect(api.calls.map((c) => [c.offset, c.limit])).toEqual([
      [0, 10],
      [10, 10],
      [20, 10],
    ]);
  });

  it('stops exactly at total without fetching an empty page', async () => {
    const api = offsetApi(range(0, 20));
    expect(await collect(paginateOffset(api.fetchPage, { pageSize: 10 }))).toHaveLength(20);
    expect(api.calls).toHaveLength(2);
  });

  it('stops on a short page when no total is known', async () => {
    const api = offsetApi(range(0, 25), { withTotal: false });
    expect(await collect(paginateOffset(api.fetchPage, { pageSize: 10 }))).toEqual(range(0, 25));
    expect(api.calls).toHaveLength(3);
  });

  it('advances by what the server sent when it caps the page size', async () => {
    const api = offsetApi(range(0, 25), { cap: 4 });
    expect(await collect(paginateOffset(api.fetchPage, { pageSize: 10 }))).toEqual(range(0, 25));
    expect(api.calls.map((c) => c.offset)).toEqual([0, 4, 8, 12, 16, 20, 24]);
  });

  it('starts at `start` and asks only for what `max` still needs', async () => {
    const api = offsetApi(range(0, 100));
    expect(await collect(paginateOffset(api.fetchPage, { pageSize: 10, start: 5, max: 23 }))).toEqual(range(5, 28));
    expect(api.calls.map((c) => [c.offset, c.limit])).toEqual([
      [5, 10],
      [15, 10],
      [25, 3],
    ]);
  });

  it('fetches nothing with max 0 and rejects a bad pageSize before any request', async () => {
    const api = offsetApi(range(0, 10));
    expect(await collect(paginateOffset(api.fetchPage, { pageSize: 10, max: 0 }))).toEqual([]);
    expect(api.calls).toHaveLength(0);
    await expect(collect(paginateOffset(api.fetchPage, { pageSize: 0 }))).rejects.toSatisfy(isValidationError);
    await expect(collect(paginateOffset(api.fetchPage, { pageSize: 1.5 }))).rejects.toSatisfy(isValidationError);
    expect(api.calls).toHaveLength(0);
  });

  it('passes the signal to every page and stops with an AbortError', async () => {
    const api = offsetApi(range(0, 100));
    const controller = new AbortController();
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const n of paginateOffset(api.fetchPage, { pageSize: 10, signal: controller.signal })) {
          seen.push(n);
          if (n === 14) controller.abort();
        }
      })(),
    ).rejects.toSatisfy(isAbortError);
    expect(seen).toEqual(range(0, 15));
    expect(api.calls).toHaveLength(2);
    expect(api.calls.every((c) => c.signal === controller.signal)).toBe(true);
  });

  it('reports an abort during a fetch as an AbortError', async () => {
    const controller = new AbortController();
    const fetchPage = ({ signal }: { signal?: AbortSignal }) =>
      new Promise<{ items: number[] }>((_, reject) => {
        signal?.addEventListener('abort', () => reject(new DOMException('This operation was aborted', 'AbortError')));
      });
    const pending = collect(paginateOffset(fetchPage, { pageSize: 10, signal: controller.signal }));
    controller.abort(new Error('navigated away'));
    await expect(pending).rejects.toSatisfy((e) => isAbortError(e) && /navigated away/.test(String(e)));
  });

  it('lets the fetch error through', async () => {
    const boom = new Error('boom');
    await expect(collect(paginateOffset(() => Promise.reject(boom), { pageSize: 10 }))).rejects.toBe(boom);
  });
});

describe('paginatePages', () => {
  it('starts at page 1 and ends on an empty page', async () => {
    const pages: number[] = [];
    const items = await collect(
      paginatePages(async ({ page }) => {
        pages.push(page);
        return { items: page <= 3 ? [page * 10, page * 10 + 1] : [] };
      }, {}),
    );
    expect(items).toEqual([10, 11, 20, 21, 30, 31]);
    expect(pages).toEqual([1, 2, 3, 4]);
  });

  it('ends on `last` and honours firstPage and max', async () => {
    const pages: number[] = [];
    const fetchPage = async ({ page }: { page: number }) => {
      pages.push(page);
      return { items: [page, page], last: page === 2 };
    };
    expect(await collect(paginatePages(fetchPage, { firstPage: 0 }))).toEqual([0, 0, 1, 1, 2, 2]);
    pages.length = 0;
    expect(await collect(paginatePages(fetchPage, { firstPage: 0, max: 3 }))).toEqual([0, 0, 1]);
    expect(pages).toEqual([0, 1]);
  });

  it('stops between pages when the signal aborts', async () => {
    const controller = new AbortController();
    let calls = 0;
    const iter = paginatePages(
      async () => {
        calls++;
        return { items: [1] };
      },
      { signal: controller.signal },
    );
    expect((await iter.next()).value).toBe(1);
    controller.abort();
    await expect(iter.next()).rejects.toSatisfy(isAbortError);
    expect(calls).toBe(1);
  });
});

describe('paginateCursor', () => {
  it('follows cursors until there is no next one', async () => {
    const cursors: (string | undefined)[] = [];
    const items = await collect(
      paginateCursor<number, string>(async ({ cursor }) => {
        cursors.push(cursor);
        if (cursor === undefined) return { items: [1, 2], next: 'c2' };
        if (cursor === 'c2') return { items: [3], next: 'c3' };
        return { items: [4] };
      }),
    );
    expect(items).toEqual([1, 2, 3, 4]);
    expect(cursors).toEqual([undefined, 'c2', 'c3']);
  });

  it('throws when the server echoes the same cursor with the same page forever', async () => {
    let calls = 0;
    const fetchPage = async () => {
      calls++;
      return { items: ['CDK2', 'CDK3'], next: 'DXF1ZXJ5QW5kRmV0Y2gBAAAAAAAAAD4WYm9laVYtZndUQlNsdDcwakFMNjU1QQ==' };
    };
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const s of paginateCursor(fetchPage)) seen.push(s);
      })(),
    ).rejects.toSatisfy((e) => isResponseFormatError(e) && /again with the same page/.test(String(e)));
    // the second page repeats the first under the same cursor: not yielded, no third request
    expect(seen).toEqual(['CDK2', 'CDK3']);
    expect(calls).toBe(2);
  });

  it('accepts an unchanged cursor while the pages move on (Elasticsearch scroll ids)', async () => {
    const scrollId = 'cXVlcnlUaGVuRmV0Y2g7MzsxMjM0';
    const pages = [['1017', '1018'], ['1019', '1020'], ['1021']];
    let i = 0;
    const items = await collect(
      paginateCursor<string, string>(async () => {
        const page = pages[i++]!;
        return i < pages.length ? { items: page, next: scrollId } : { items: page };
      }),
    );
    expect(items).toEqual(['1017', '1018', '1019', '1020', '1021']);
  });

  it('throws when an unchanged cursor brings an empty page again', async () => {
    let calls = 0;
    await expect(
      collect(
        paginateCursor(async () => {
          calls++;
          return { items: [], next: 'same' };
        }),
      ),
    ).rejects.toSatisfy(isResponseFormatError);
    expect(calls).toBe(2);
  });

  it('detects a cycle of object cursors', async () => {
    const next = [{ page: 2 }, { page: 3 }, { page: 2 }];
    let i = 0;
    await expect(collect(paginateCursor(async () => ({ items: [i], next: next[i++]! })))).rejects.toSatisfy(isResponseFormatError);
  });

  it('honours max without fetching more pages', async () => {
    let calls = 0;
    const iter = paginateCursor<number, number>(
      async ({ cursor }) => {
        calls++;
        const c = cursor ?? 0;
        return { items: [c * 2, c * 2 + 1], next: c + 1 };
      },
      { max: 5 },
    );
    expect(await collect(iter)).toEqual([0, 1, 2, 3, 4]);
    expect(calls).toBe(3);
  });
});

describe('collect', () => {
  it('stops early after max and calls return() on the iterator', async () => {
    let fetched = 0;
    let finalised = false;
    async function* source(): AsyncGenerator<number> {
      try {
        for (let i = 0; ; i++) {
          fetched++;
          yield i;
        }
      } finally {
        finalised = true;
      }
    }
    expect(await collect(source(), { max: 3 })).toEqual([0, 1, 2]);
    expect(fetched).toBe(3);
    expect(finalised).toBe(true);
  });

  it('collects everything without max, and rejects a negative max', async () => {
    const api = offsetApi(range(0, 7));
    expect(await collect(paginateOffset(api.fetchPage, { pageSize: 3 }))).toEqual(range(0, 7));
    await expect(collect(paginateOffset(api.fetchPage, { pageSize: 3 }), { max: -1 })).rejects.toSatisfy(isValidationError);
  });
});
