// Issue 21 §3 (mutation testing of src/scroll.ts, the pages of one fetchAll scroll): which
// continuation failures are retried (refusals) and which end the listing (a connection failure —
// a retry would skip a page the server already served), the prefetched page being used rather
// than asked again, restarts that skip what was yielded, and the end of a scroll.
import { isNetworkError, isResponseFormatError, isTimeoutError } from '@bio/core-http';
import { isScrollExpiredError, MyGene, type ScrollExpiredError } from '@bio/mygene';
import { describe, expect, it } from 'vitest';

type Fault = 'reset' | 503 | 400;

/**
 * A scroll server: `pages` of ids, 1000 a page in reality, a handful here. Each `fetch_all` starts
 * a new scroll (`g<n>-<page>`); a continuation past the last page answers MyGene's end message.
 * `faults[i]` replaces the answer to request i.
 */
function scrollServer(pages: string[][], faults: Record<number, Fault> = {}, options: { emptyScrollIdOnLast?: boolean } = {}) {
  const requests: string[] = [];
  let scrolls = 0;
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const page = (generation: number, index: number) => {
    const hits = (pages[index] ?? []).map((id) => ({ _id: id, symbol: `S${id}` }));
    const last = index === pages.length - 1;
    const scrollId = last && options.emptyScrollIdOnLast ? '' : `g${generation}-${index + 1}`;
    return json({ total: pages.flat().length, max_score: 1, took: 1, hits, _scroll_id: scrollId });
  };
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(new Request(input, init).url);
    const n = requests.push(url.search) - 1;
    const fault = faults[n];
    if (fault === 'reset') throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
    if (fault === 503) return json({ code: 503, success: false, error: 'Service Unavailable' }, 503);
    if (fault === 400) return json({ code: 400, success: false, error: 'ValueError', details: 'Invalid or stale scroll_id.' }, 400);
    if (url.searchParams.get('fetch_all') === 'true') return page(++scrolls, 0);
    const [generation, index] = (url.searchParams.get('scroll_id') ?? '').slice(1).split('-').map(Number) as [number, number];
    if (index >= pages.length) return json({ success: false, error: 'No more results to return.' });
    return page(generation, index);
  };
  return { fetch, requests };
}

const client = (fetch: typeof globalThis.fetch) => new MyGene({ fetch, retry: { delay: 0, backoffLimit: 0 } });

async function ids(iterable: AsyncIterable<{ _id: string }>): Promise<string[]> {
  const out: string[] = [];
  for await (const hit of iterable) out.push(hit._id);
  return out;
}

async function collect(iterable: AsyncIterable<{ _id: string }>): Promise<{ ids: string[]; error: unknown }> {
  const out: string[] = [];
  try {
    for await (const hit of iterable) out.push(hit._id);
  } catch (error) {
    return { ids: out, error };
  }
  return { ids: out, error: undefined };
}

describe('fetchAll scroll pages', () => {
  it('reads every page once: each continuation is asked once (the prefetch is used), then the end', async () => {
    const server = scrollServer([['1', '2'], ['3', '4'], ['5']]);
    expect(await ids(client(server.fetch).fetchAll('q'))).toEqual(['1', '2', '3', '4', '5']);
    expect(server.requests).toEqual(['?q=q&fetch_all=true', '?scroll_id=g1-1', '?scroll_id=g1-2', '?scroll_id=g1-3']);
  });

  it('reports the total of the first page', async () => {
    const server = scrollServer([['1', '2'], ['3']]);
    expect(await client(server.fetch).fetchAll('q').total()).toBe(3);
  });

  it('an empty scroll id or an empty page ends the scroll without another request', async () => {
    const noId = scrollServer([['1'], ['2']], {}, { emptyScrollIdOnLast: true });
    expect(await ids(client(noId.fetch).fetchAll('q'))).toEqual(['1', '2']);
    expect(noId.requests).toEqual(['?q=q&fetch_all=true', '?scroll_id=g1-1']);
    const empty = scrollServer([['1'], []]);
    expect(await ids(client(empty.fetch).fetchAll('q'))).toEqual(['1']);
    expect(empty.requests).toEqual(['?q=q&fetch_all=true', '?scroll_id=g1-1']);
  });

  it('a connection failure on a continuation ends the listing with its error, never retried', async () => {
    const server = scrollServer([['1', '2'], ['3'], ['4']], { 1: 'reset' });
    const { ids: got, error } = await collect(client(server.fetch).fetchAll('q'));
    expect(got).toEqual(['1', '2']);
    expect(isNetworkError(error)).toBe(true);
    expect(server.requests).toEqual(['?q=q&fetch_all=true', '?scroll_id=g1-1']);
  });

  it('a connection failure on the first page is retried (nothing was served yet)', async () => {
    const server = scrollServer([['1'], ['2']], { 0: 'reset' });
    expect(await ids(client(server.fetch).fetchAll('q'))).toEqual(['1', '2']);
    expect(server.requests.filter((r) => r.includes('fetch_all'))).toHaveLength(2);
  });

  it('a refusal (503) on a continuation is retried and loses nothing', async () => {
    const server = scrollServer([['1', '2'], ['3'], ['4']], { 1: 503 });
    expect(await ids(client(server.fetch).fetchAll('q'))).toEqual(['1', '2', '3', '4']);
    expect(server.requests.slice(0, 3)).toEqual(['?q=q&fetch_all=true', '?scroll_id=g1-1', '?scroll_id=g1-1']);
  });

  it('without restartOnExpiry an expired scroll is a ScrollExpiredError counting what was yielded', async () => {
    const server = scrollServer([['1', '2'], ['3'], ['4']], { 2: 400 });
    const { ids: got, error } = await collect(client(server.fetch).fetchAll('q'));
    expect(got).toEqual(['1', '2', '3']);
    expect(isScrollExpiredError(error)).toBe(true);
    const e = error as ScrollExpiredError;
    expect(e.yielded).toBe(3);
    expect(e.message).toBe(
      'fetchAll: the scroll expired or was rejected after 3 hits (ValueError: Invalid or stale scroll_id.). ' +
        'MyGene keeps a scroll for 60 s after each page: consume faster, or pass restartOnExpiry: true',
    );
    expect(e.cause).toBeDefined();
  });

  it('restartOnExpiry starts over, skips the pages already yielded and yields each hit once', async () => {
    // Request 2 (the continuation to page 3) expires; the restart serves pages 1 and 2 again.
    const server = scrollServer([['1', '2'], ['3', '4'], ['5']], { 2: 400 });
    expect(await ids(client(server.fetch).fetchAll('q', { restartOnExpiry: true }))).toEqual(['1', '2', '3', '4', '5']);
    expect(server.requests).toEqual([
      '?q=q&fetch_all=true',
      '?scroll_id=g1-1',
      '?scroll_id=g1-2',
      '?q=q&fetch_all=true',
      '?scroll_id=g2-1',
      '?scroll_id=g2-2',
      '?scroll_id=g2-3',
    ]);
  });

  it('after a restart, pages already delivered are skipped, not handed on empty', async () => {
    const server = scrollServer([['1', '2'], ['3', '4'], ['5']], { 2: 400 });
    const sizes: number[] = [];
    for await (const page of client(server.fetch).fetchAll('q', { restartOnExpiry: true }).pages()) sizes.push(page.items.length);
    // The pages before the end of the scroll (which may come as a last, empty page).
    const end = sizes.indexOf(0);
    expect(end === -1 ? sizes : sizes.slice(0, end)).toEqual([2, 2, 1]);
    expect(sizes.slice(3).every((n) => n === 0)).toBe(true);
  });

  it('a restart that finds only pages already yielded, then the end, yields nothing more', async () => {
    // Request 2 (the continuation past the last page) expires; the restart serves both pages again.
    const server = scrollServer([['1'], ['2']], { 2: 400 });
    expect(await ids(client(server.fetch).fetchAll('q', { restartOnExpiry: true }))).toEqual(['1', '2']);
    expect(server.requests.slice(3)).toEqual(['?q=q&fetch_all=true', '?scroll_id=g2-1', '?scroll_id=g2-2']);
  });

  it('gives up after maxRestarts restarts, saying so', async () => {
    const server = scrollServer([['1'], ['2'], ['3']], { 1: 400, 3: 400 });
    const { ids: got, error } = await collect(client(server.fetch).fetchAll('q', { restartOnExpiry: true, maxRestarts: 1 }));
    expect(got).toEqual(['1']);
    expect(isScrollExpiredError(error)).toBe(true);
    expect((error as Error).message).toMatch(/after 1 hits .*pass restartOnExpiry: true \(gave up after 1 restarts\)$/);
    const zero = scrollServer([['1'], ['2']], { 1: 400 });
    const none = await collect(client(zero.fetch).fetchAll('q', { restartOnExpiry: true, maxRestarts: 0 }));
    expect((none.error as Error).message).toMatch(/\(gave up after 0 restarts\)$/);
    expect(zero.requests.filter((r) => r.includes('fetch_all'))).toHaveLength(1);
  });

  it("the caller's signal aborts a page request in flight", async () => {
    const controller = new AbortController();
    let aborted = false;
    const base = scrollServer([['1'], ['2']]);
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const request = new Request(input, init);
      if (!request.url.includes('scroll_id=')) return base.fetch(input, init);
      return new Promise<Response>((_, reject) => {
        request.signal.addEventListener('abort', () => {
          aborted = true;
          reject(request.signal.reason);
        });
        setTimeout(() => reject(new Error('not aborted')), 3000);
      });
    };
    const iterator = client(fetch).fetchAll('q', { signal: controller.signal })[Symbol.asyncIterator]();
    expect((await iterator.next()).value?._id).toBe('1');
    const second = iterator.next().catch((e: unknown) => e);
    controller.abort(new Error('stop'));
    await second;
    expect(aborted).toBe(true);
  });

  it('a malformed page is a ResponseFormatError naming the request', async () => {
    const answers = [{ hits: 'none' }, { total: 1, hits: [{ _id: '1' }], _scroll_id: 'g1-1' }, { total: 1 }];
    for (const [from, where] of [
      [0, 'GET query?fetch_all=true'],
      [1, 'GET query?scroll_id'],
    ] as const) {
      let n = from;
      const fetch: typeof globalThis.fetch = async () => new Response(JSON.stringify(answers[n++]), { headers: { 'content-type': 'application/json' } });
      const { error } = await collect(client(fetch).fetchAll('q'));
      expect(isResponseFormatError(error)).toBe(true);
      expect((error as Error).message).toMatch(new RegExp(`^${where.replace('?', '\\?')}: expected a page of hits, got `));
    }
  });

  it('the per-call timeout applies to every page request', async () => {
    const base = scrollServer([['1'], ['2']]);
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const request = new Request(input, init);
      if (!request.url.includes('scroll_id=')) return base.fetch(input, init);
      return new Promise<Response>((_, reject) => {
        const timer = setTimeout(() => reject(new Error('no timeout')), 3000);
        request.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(request.signal.reason);
        });
      });
    };
    const { ids: got, error } = await collect(client(fetch).fetchAll('q', { timeout: 100 }));
    expect(got).toEqual(['1']);
    expect(isTimeoutError(error)).toBe(true);
  });
});
