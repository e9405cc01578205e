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
    const { mg, requests } = client();
    const iter = mg.fetchAll('brain')[Symbol.asyncIterator]();
    const first = await iter.next();
    expect(first.value?.symbol).toBe('BSX');
    // Let the prefetch go out while the consumer is still on page 1.
    await new Promise((r) => setTimeout(r, 20));
    expect(requests.filter((r) => r.includes('scroll_id=')).length).toBeGreaterThanOrEqual(1);
    await iter.return?.(undefined);
  });

  it('stopping early cancels the prefetch quietly', async () => {
    const { mg } = client();
    const seen: string[] = [];
    for await (const hit of mg.fetchAll('brain')) {
      seen.push(hit._id);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(['390259', '10409']);
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
