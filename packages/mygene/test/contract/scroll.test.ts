import { isBadRequestError } from '@bio/core-http';
import { isScrollExpiredError, ScrollExpiredError } from '@bio/mygene';
import { describe, expect, it } from 'vitest';
import { client, toArray, useFixtureServer } from './helpers.js';

useFixtureServer();

describe('fetchAll (fetch_all + scroll_id)', () => {
  it('reads three pages and stops at "No more results to return." (HTTP 200)', async () => {
    const { mg, requests } = client();
    const hits = await toArray(mg.fetchAll('brain'));
    expect(hits.map((h) => h.symbol)).toEqual(['BSX', 'BASP1', 'BDNF', 'Bdnf', 'Bdnf', 'RGS6', 'MIER1']);
    expect(requests.map((r) => r.replace(/scroll_id=.*/, 'scroll_id=…'))).toEqual([
      'GET https://mygene.info/v3/query?q=brain&fetch_all=true',
      'GET https://mygene.info/v3/query?scroll_id=…',
      'GET https://mygene.info/v3/query?scroll_id=…',
      'GET https://mygene.info/v3/query?scroll_id=…',
    ]);
  });

  it('also ends on the older "No results to return"', async () => {
    const { mg } = client();
    const hits = await toArray(mg.fetchAll('symbol:bdnf', { fields: ['symbol', 'taxid'], species: ['human', 'mouse'] }));
    expect(hits.map((h) => h._id)).toEqual(['627', '12064']);
  });

  it('asks for the next page before the consumer has finished the current one', async () => {
    const held = holdScrollRequests();
    const { mg } = client({ fetch: held.fetch });
    const iter = mg.fetchAll('brain')[Symbol.asyncIterator]();
    const first = await iter.next();
    expect(first.value?.symbol).toBe('BSX');
    // The consumer is still on page 1 (and never asks for more): the request for page 2 goes out anyway.
    await held.started;
    expect(held.urls).toHaveLength(1);
    expect(held.urls[0]).toMatch(/scroll_id=/);
    await iter.return?.(undefined);
  });

  it('stopping early cancels the prefetch quietly', async () => {
    const held = holdScrollRequests();
    const { mg } = client({ fetch: held.fetch });
    const seen: string[] = [];
    for await (const hit of mg.fetchAll('brain')) {
      seen.push(hit._id);
      if (seen.length === 2) {
        await held.started; // the prefetch of page 2 is in flight (and held open by the server)
        expect(held.aborted()).toBe(false);
        break;
      }
    }
    expect(seen).toEqual(['390259', '10409']);
    // Leaving the loop aborts the request for page 2; nothing else is sent and no rejection escapes.
    await new Promise((r) => setImmediate(r));
    expect(held.aborted()).toBe(true);
    expect(held.urls).toHaveLength(1);
  });

  it('a stale scroll (400 "Invalid or stale scroll_id.") throws ScrollExpiredError', async () => {
    const { mg } = client();
    const seen: string[] = [];
    const e = await (async () => {
      for await (const hit of mg.fetchAll('name:neurofilament OR symbol:nrgn', { fields: 'symbol,taxid', species: 'human' })) seen.push(hit._id);
    })().catch((x: unknown) => x);
    expect(seen).toEqual(['4741', '4747']);
    expect(e).toBeInstanceOf(ScrollExpiredError);
    expect(isScrollExpiredError(e)).toBe(true);
    expect(isBadRequestError(e)).toBe(true);
    const err = e as ScrollExpiredError;
    expect(err.yielded).toBe(2);
    expect(err.status).toBe(400);
    expect(err.serviceMessage).toBe('ValueError: Invalid or stale scroll_id.');
    expect(err.message).toMatch(/scroll expired or was rejected after 2 hits.*restartOnExpiry/);
  });

  it('restartOnExpiry starts over and skips the ids already yielded', async () => {
    const { mg, requests } = client();
    const hits = await toArray(mg.fetchAll('name:neurofilament OR symbol:nrgn', { fields: 'symbol,taxid', species: 'human', restartOnExpiry: true }));
    expect(hits.map((h) => h.symbol)).toEqual(['NEFM', 'NEFL', 'NEFH', 'NRGN']);
    expect(requests.filter((r) => r.includes('fetch_all=true'))).toHaveLength(2);
  });

  it('gives up after maxRestarts', async () => {
    const { mg } = client();
    const e = await toArray(
      mg.fetchAll('name:neurofilament OR symbol:nrgn', { fields: 'symbol,taxid', species: 'human', restartOnExpiry: true, maxRestarts: 0 }),
    ).catch((x: unknown) => x);
    expect(isScrollExpiredError(e)).toBe(true);
  });
});

/**
 * A fetch that answers the first page from the fixtures and holds every scroll_id request open
 * until its signal aborts: `started` resolves when the first one arrives, `aborted()` says whether
 * it was cancelled.
 */
function holdScrollRequests(): { fetch: typeof globalThis.fetch; started: Promise<void>; urls: string[]; aborted: () => boolean } {
  const urls: string[] = [];
  let aborted = false;
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => {
    markStarted = resolve;
  });
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    if (!request.url.includes('scroll_id=')) return globalThis.fetch(request);
    urls.push(request.url);
    markStarted();
    return new Promise<Response>((_, reject) => {
      request.signal.addEventListener('abort', () => {
        aborted = true;
        reject(request.signal.reason);
      });
    });
  };
  return { fetch, started, urls, aborted: () => aborted };
}
