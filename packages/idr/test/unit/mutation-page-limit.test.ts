// Issue 21 §3 (mutation testing of src/internal/page-limit.ts): the page/limit lists of the
// webclient family pass the caller's signal and timeout to every page request, so a cancelled or
// slow listing stops the request in flight rather than leaving it running.
import { isTimeoutError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { Idr } from '../../src/index.js';

interface Seen {
  urls: string[];
  aborted: boolean[];
}

/**
 * A webclient that answers `plates` pages of `limit` items (3 pages in all) and holds page
 * `hold` until the request is aborted — or, when nothing aborts it, answers after 3 s.
 */
function server(hold: number): { fetch: typeof globalThis.fetch; seen: Seen; entered: Promise<void> } {
  const seen: Seen = { urls: [], aborted: [] };
  let enter: () => void = () => undefined;
  const entered = new Promise<void>((resolve) => {
    enter = resolve;
  });
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    seen.urls.push(request.url);
    const index = seen.aborted.push(false) - 1;
    const page = Number(url.searchParams.get('page'));
    const limit = Number(url.searchParams.get('limit'));
    if (page === hold) {
      enter();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 3000);
        request.signal.addEventListener('abort', () => {
          seen.aborted[index] = true;
          clearTimeout(timer);
          resolve();
        });
      });
      if (request.signal.aborted) throw request.signal.reason;
    }
    const count = page < 3 ? limit : 1;
    const plates = Array.from({ length: count }, (_, i) => ({ id: (page - 1) * limit + i + 1, name: `plate ${page}.${i}` }));
    return new Response(JSON.stringify({ plates }), { headers: { 'content-type': 'application/json' } });
  };
  return { fetch, seen, entered };
}

const client = (fetch: typeof globalThis.fetch) => new Idr({ fetch, retry: 0 });

describe('page/limit lists', () => {
  it('read pages until a short one, with page and limit in every request', async () => {
    const { fetch, seen } = server(0);
    const plates = await client(fetch).webclient.plates({ screen: 102 }, { pageSize: 2 }).toArray();
    expect(plates.map((p) => p.id)).toEqual([1, 2, 3, 4, 5]);
    expect(seen.urls.map((u) => [new URL(u).searchParams.get('page'), new URL(u).searchParams.get('limit'), new URL(u).searchParams.get('id')])).toEqual([
      ['1', '2', '102'],
      ['2', '2', '102'],
      ['3', '2', '102'],
    ]);
  });

  it("aborting the caller's signal aborts the page request in flight", async () => {
    const { fetch, seen, entered } = server(2);
    const controller = new AbortController();
    const listing = client(fetch).webclient.plates({ screen: 102 }, { pageSize: 2, signal: controller.signal }).toArray();
    const settled = listing.then(
      () => 'resolved',
      () => 'rejected',
    );
    await entered;
    controller.abort(new Error('stop'));
    expect(await settled).toBe('rejected');
    expect(seen.aborted).toEqual([false, true]);
  });

  it('the per-call timeout applies to each page request', async () => {
    const { fetch, seen } = server(2);
    const error = await client(fetch)
      .webclient.plates({ screen: 102 }, { pageSize: 2, timeout: 100 })
      .toArray()
      .catch((e: unknown) => e);
    expect(isTimeoutError(error)).toBe(true);
    expect(seen.aborted).toEqual([false, true]);
  });
});
