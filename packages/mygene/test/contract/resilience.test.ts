import { isAbortError, isBatchError } from '@bio/core-http';
import { type Fixture, fixtureHandlers } from '@bio/core-http/testing';
import { memoryCache } from '@bio/mygene';
import { DEFAULT_BASE_URL } from '@bio/mygene/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { client, useFixtureServer } from './helpers.js';

const server = useFixtureServer();
afterEach(() => vi.useRealTimers());

/** Runs `work` on a fake clock (timers, `Date` and `performance.now()`), advancing it 1 ms at a time until it settles. */
async function onFakeClock<T>(work: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
  let settled = false;
  const result = work().finally(() => {
    settled = true;
  });
  while (!settled) await vi.advanceTimersByTimeAsync(1);
  return result;
}

const JSON_CT = { 'content-type': 'application/json; charset=UTF-8' };

function threeBatches(): { ids: string[]; fixture: Fixture } {
  const ids = ['1017', '1018', '695', '7157', '5925'];
  const symbols: Record<string, string> = { '1017': 'CDK2', '1018': 'CDK3', '695': 'BTK', '7157': 'TP53', '5925': 'RB1' };
  const chunk = (list: string[]) => ({
    request: { method: 'POST', path: '/v3/gene', body: { json: { ids: list, fields: ['symbol'] } } },
    response: { status: 200, headers: JSON_CT, body: { json: list.map((id) => ({ query: id, _id: id, _version: 1, symbol: symbols[id] })) } },
  });
  return { ids, fixture: { name: 'genes-small-batches', exchanges: [chunk(ids.slice(0, 2)), chunk(ids.slice(2, 4)), chunk(ids.slice(4))] } };
}

describe('resilience', () => {
  it('retries a batch POST after a network error (it is marked idempotent)', async () => {
    let calls = 0;
    const { mg, requests } = client({
      fetch: async (input, init) => {
        calls++;
        if (calls === 1) throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
        return globalThis.fetch(input, init);
      },
    });
    const r = await mg.queryMany(['1017', 'tp53', 'dummy'], { scopes: ['entrezgene', 'symbol'], species: ['human', 'rat'] });
    expect(r.hits).toHaveLength(3);
    expect(requests).toHaveLength(2);
  });

  it('delay spaces the batch requests, with no pause after the last one', async () => {
    const { ids, fixture } = threeBatches();
    server.use(...fixtureHandlers([fixture], { baseUrl: DEFAULT_BASE_URL }));
    const starts: number[] = [];
    const ends: number[] = [];
    const { mg } = client({ hooks: { onRequest: () => starts.push(performance.now()), onResponse: () => ends.push(performance.now()) } });
    const { hits, total } = await onFakeClock(async () => {
      const t0 = performance.now();
      const r = await mg.genes(ids, { fields: ['symbol'], batchSize: 2, delay: 150 });
      return { hits: r.hits, total: performance.now() - t0 - (ends[2]! - t0) };
    });
    expect(hits.map((h) => h.symbol)).toEqual(['CDK2', 'CDK3', 'BTK', 'TP53', 'RB1']);
    expect(starts).toHaveLength(3);
    expect(starts[1]! - ends[0]!).toBeGreaterThanOrEqual(150);
    expect(starts[2]! - ends[1]!).toBeGreaterThanOrEqual(150);
    expect(total).toBeLessThan(150); // nothing waits after the last batch
  });

  it('batches answered from the cache do not wait', async () => {
    const { ids, fixture } = threeBatches();
    server.use(...fixtureHandlers([fixture], { baseUrl: DEFAULT_BASE_URL }));
    const { mg, requests } = client({ cache: memoryCache() });
    await mg.genes(ids, { fields: ['symbol'], batchSize: 2 });
    expect(requests).toHaveLength(3);
    const { again, elapsed } = await onFakeClock(async () => {
      const t0 = performance.now();
      const r = await mg.genes(ids, { fields: ['symbol'], batchSize: 2, delay: 200 });
      return { again: r, elapsed: performance.now() - t0 };
    });
    expect(elapsed).toBeLessThan(200); // waiting between the three cached batches would take 400 ms
    expect(requests).toHaveLength(3);
    expect(again.hits).toHaveLength(5);
  });

  it('an aborted signal stops the work with an AbortError', async () => {
    const { mg, requests } = client();
    const e = await mg
      .queryMany(['1017', 'tp53', 'dummy'], { scopes: ['entrezgene', 'symbol'], species: ['human', 'rat'], signal: AbortSignal.abort() })
      .catch((x: unknown) => x);
    expect(isAbortError(e) || (isBatchError(e) && isAbortError(e.errors[0]?.error))).toBe(true);
    expect(requests).toHaveLength(0);
  });

  it('breaking out of genesStream stops reading the input', async () => {
    const { ids, fixture } = threeBatches();
    server.use(...fixtureHandlers([fixture], { baseUrl: DEFAULT_BASE_URL }));
    const { mg, requests } = client();
    let read = 0;
    function* input() {
      for (const id of ids) {
        read++;
        yield id;
      }
    }
    for await (const entry of mg.genesStream(input(), { fields: ['symbol'], batchSize: 2 })) {
      expect(entry.query).toBe('1017');
      break;
    }
    expect(requests).toHaveLength(1);
    expect(read).toBeLessThanOrEqual(3);
  });
});
