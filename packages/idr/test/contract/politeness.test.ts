import { isAbortError, isBatchError, isNetworkError, isServerError } from '@bio/core-http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_TIMEOUT, Idr, sessionAuth } from '../../src/index.js';
import { createSimulator } from '../../src/testing/index.js';
import { inFlightCounter } from './server.js';

afterEach(() => vi.useRealTimers());

const screenBody = JSON.stringify({
  data: { '@id': 102, '@type': 'http://www.openmicroscopy.org/Schemas/OME/2016-06#Screen', 'url:plates': 'x', 'url:screen': 'y' },
});
const ok = () => new Response(screenBody, { status: 200, headers: { 'content-type': 'application/json' } });

function scripted(statuses: (number | 'network')[]) {
  const calls: string[] = [];
  const fetch = (async (input: RequestInfo | URL) => {
    calls.push(input instanceof Request ? input.url : String(input));
    const next = statuses.shift() ?? 200;
    if (next === 'network') throw new TypeError('fetch failed');
    return next === 200 ? ok() : new Response(`<html><title>${next}</title></html>`, { status: next, headers: { 'content-type': 'text/html' } });
  }) as typeof globalThis.fetch;
  return { calls, fetch };
}

describe('polite defaults', () => {
  it('retries network errors and 502/503/504', async () => {
    const { calls, fetch } = scripted(['network', 503, 200]);
    const idr = new Idr({ fetch, retry: { delay: 0, backoffLimit: 0 } });
    expect((await idr.screen(102))['@id']).toBe(102);
    expect(calls).toHaveLength(3);
    const again = scripted([502, 504, 'network']);
    await expect(new Idr({ fetch: again.fetch, retry: { delay: 0, backoffLimit: 0 } }).screen(102)).rejects.toSatisfy(isNetworkError);
    expect(again.calls).toHaveLength(3);
  });

  it('does not retry 500 or 4xx other than 408/429', async () => {
    const limited = scripted([429, 408, 200]);
    expect((await new Idr({ fetch: limited.fetch, retry: { delay: 0, backoffLimit: 0 } }).screen(102))['@id']).toBe(102);
    expect(limited.calls).toHaveLength(3);
    for (const status of [500, 404, 400]) {
      const { calls, fetch } = scripted([status, 200]);
      await expect(new Idr({ fetch, retry: { delay: 0, backoffLimit: 0 } }).screen(102)).rejects.toThrow();
      expect(calls).toHaveLength(1);
    }
    const { fetch } = scripted([500]);
    await expect(new Idr({ fetch }).screen(102)).rejects.toSatisfy(isServerError);
  });

  it('keeps at most `concurrency` requests in flight (default 4)', async () => {
    const { fetch, peak, reset } = inFlightCounter(ok);
    const idr = new Idr({ fetch });
    await Promise.all(Array.from({ length: 20 }, () => idr.screen(102)));
    expect(peak()).toBe(4);
    reset();
    const two = new Idr({ fetch, concurrency: 2 });
    await Promise.all(Array.from({ length: 10 }, () => two.screen(102)));
    expect(peak()).toBe(2);
    expect(() => new Idr({ concurrency: 0 })).toThrow(/concurrency must be a positive integer/);
    expect(() => new Idr({ webclientPageSize: 0 })).toThrow(/webclientPageSize/);
  });

  it('sends no cache-buster parameters', async () => {
    const { calls, fetch } = scripted([200, 200]);
    const idr = new Idr({ fetch });
    await idr.screen(102);
    await idr.screen(102);
    expect(calls).toEqual(['https://idr.openmicroscopy.org/api/v0/m/screens/102/', 'https://idr.openmicroscopy.org/api/v0/m/screens/102/']);
  });

  it('times out later than the server (90 s by default), and the limit is configurable', async () => {
    expect(DEFAULT_TIMEOUT).toBe(90_000);
    const hanging = ((_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      })) as typeof globalThis.fetch;
    // The default, on a fake clock: still waiting at 89.9 s, a TimeoutError at 90 s.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const settled = vi.fn();
      const pending = new Idr({ fetch: hanging, retry: 0 }).screen(102).then(settled, (e: unknown) => {
        settled(e);
        return e;
      });
      await vi.advanceTimersByTimeAsync(89_900);
      expect(settled).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(200);
      expect(await pending).toMatchObject({ name: 'TimeoutError' });
      // A configured limit: still waiting at 19 ms, a TimeoutError at 20 ms.
      const configured = vi.fn();
      const short = new Idr({ fetch: hanging, timeout: 20, retry: 0 }).screen(102).then(configured, (e: unknown) => {
        configured(e);
        return e;
      });
      await vi.advanceTimersByTimeAsync(19);
      expect(configured).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(configured).toHaveBeenCalled();
      expect(await short).toMatchObject({ name: 'TimeoutError' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps an optional cookie session (IDR: sessionid_idr) when asked', async () => {
    const cookies: (string | null)[] = [];
    const fetch = (async (input: RequestInfo | URL) => {
      cookies.push(input instanceof Request ? input.headers.get('cookie') : null);
      return new Response(screenBody, { status: 200, headers: { 'content-type': 'application/json', 'set-cookie': 'sessionid_idr=abc123; HttpOnly; Path=/' } });
    }) as typeof globalThis.fetch;
    const idr = new Idr({ fetch, auth: sessionAuth() });
    await idr.screen(102);
    await idr.screen(102);
    expect(cookies).toEqual([null, 'sessionid_idr=abc123']);
    expect(idr.sessionCookies()).toEqual({ sessionid_idr: 'abc123' });
    const plain = new Idr({ fetch });
    await plain.screen(102);
    await plain.screen(102);
    expect(cookies.slice(2)).toEqual([null, null]);
  });

  it("stops a list when the caller's signal aborts", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }); // to wait a minute after the abort in no time
    const controller = new AbortController();
    let calls = 0;
    const fetch = (async () => {
      calls++;
      const data = Array.from({ length: 2 }, (_, i) => ({ '@id': calls * 10 + i, Row: 0, Column: i }));
      return new Response(JSON.stringify({ data, meta: { offset: 0, limit: 2, maxLimit: 2, totalCount: 100 } }), {
        headers: { 'content-type': 'application/json' },
      });
    }) as typeof globalThis.fetch;
    const idr = new Idr({ fetch });
    const seen: number[] = [];
    const error = await (async () => {
      for await (const w of idr.wells({ plate: 1 }, { signal: controller.signal })) {
        seen.push(w['@id']);
        if (seen.length === 3) controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    // The first page, then at most the concurrent window (4 on IDR) ahead of the consumer; nothing after the abort.
    expect(calls).toBeLessThanOrEqual(5);
    const atAbort = calls;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(atAbort);
  });

  it('reports a failed thumbnail chunk as a BatchError (ThumbnailsError) carrying what was fetched', async () => {
    let call = 0;
    const fetch = (async (input: RequestInfo | URL) => {
      call++;
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (call === 2) return new Response('<html><title>Server Error (500)</title></html>', { status: 500, headers: { 'content-type': 'text/html' } });
      const body = Object.fromEntries(url.searchParams.getAll('id').map((id) => [id, null]));
      return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    }) as typeof globalThis.fetch;
    const idr = new Idr({ fetch, concurrency: 1 });
    const error = await idr.thumbnails([1, 2, 3, 4, 5], { chunkSize: 2 }).catch((e: unknown) => e);
    expect(isBatchError(error)).toBe(true);
    expect(error).toMatchObject({ processed: [1, 2, 5], failed: [3, 4], unprocessed: [] });
    expect([...(error as { thumbnails: Map<number, unknown> }).thumbnails.keys()]).toEqual([1, 2, 5]);
  });

  it('does not cache capabilities when the server cannot be reached', async () => {
    // A generic OMERO.web (the public IDR's capabilities are known without asking).
    const sim = createSimulator({ baseUrl: 'https://omero.example.org', mapr: 'available', searchEngine: false });
    const served = await sim.listen();
    try {
      let down = true;
      let calls = 0;
      const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
        calls++;
        if (down) throw new TypeError('fetch failed');
        return globalThis.fetch(input, init);
      }) as typeof globalThis.fetch;
      const idr = new Idr({ baseUrl: served.baseUrl, fetch, retry: 0 });
      await expect(idr.capabilities()).rejects.toSatisfy(isNetworkError);
      const failed = calls;
      down = false;
      // Without `refresh`: a cached failure would reject again without asking the server.
      const caps = await idr.capabilities();
      expect(calls).toBeGreaterThan(failed);
      expect(caps.apiVersions.length).toBeGreaterThan(0);
      // And now it is cached: no further request.
      const after = calls;
      await idr.capabilities();
      expect(calls).toBe(after);
    } finally {
      await served.close();
    }
  });
});
