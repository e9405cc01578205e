// The family client contract (docs/client-contract.md) as @bio/mygene implements it.
import * as api from '@bio/mygene';
import {
  isBioError,
  isBioHttpError,
  isResponseFormatError,
  isScrollExpiredError,
  isTimeoutError,
  isValidationError,
  MyGene,
  type Paged,
  type Progress,
  ScrollExpiredError,
} from '@bio/mygene';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/internal/version.js';
import { client, countingFetch, useFixtureServer } from './helpers.js';
import { settlesAt } from '../../../../scripts/test-clock.js';

useFixtureServer();

const STALE = 'name:neurofilament OR symbol:nrgn';

describe('fetchAll returns a Paged listing', () => {
  it('pages() gives the pages as the server sent them; total() is the server count', async () => {
    const { mg, requests } = client();
    const brain = mg.fetchAll('brain');
    expect(requests).toEqual([]); // lazy: nothing is asked before iterating
    const sizes: number[] = [];
    const totals: (number | undefined)[] = [];
    for await (const page of brain.pages()) {
      sizes.push(page.items.length);
      totals.push(page.total);
    }
    expect(sizes).toEqual([3, 3, 1, 0]); // the end-of-scroll answer is an empty last page
    expect(totals).toEqual([7, 7, 7, undefined]);
  });

  it('total() fetches the first page once and the next iteration starts from it', async () => {
    const { mg, requests } = client();
    const brain = mg.fetchAll('brain');
    expect(await brain.total()).toBe(7);
    expect(requests.filter((r) => r.includes('fetch_all=true'))).toHaveLength(1);
    const all = await brain.toArray();
    expect(all).toHaveLength(7);
    expect(requests.filter((r) => r.includes('fetch_all=true'))).toHaveLength(1);
  });

  it('max bounds the items and the requests', async () => {
    const { mg, requests } = client();
    const brain = mg.fetchAll('brain', { max: 4 });
    expect((await brain.toArray()).map((h) => h.symbol)).toEqual(['BSX', 'BASP1', 'BDNF', 'Bdnf']);
    // Page 1 (3 hits), page 2 (cut at the 4th hit) and the prefetch of page 3; never the end request.
    expect(requests.filter((r) => r.includes('scroll_id='))).toHaveLength(2);
    const before = requests.length;
    expect(await mg.fetchAll('brain', { max: 0 }).toArray()).toEqual([]);
    expect(requests.length).toBe(before); // max 0 sends nothing
  });

  it('toArray({ max }) lowers the call’s max and never raises it', async () => {
    const { mg } = client();
    const bdnf = mg.fetchAll('symbol:bdnf', { fields: ['symbol', 'taxid'], species: ['human', 'mouse'], max: 1 });
    expect((await bdnf.toArray({ max: 0 })).length).toBe(0);
    expect((await bdnf.toArray({ max: 100 })).map((h) => h._id)).toEqual(['627']);
    const all = mg.fetchAll('symbol:bdnf', { fields: ['symbol', 'taxid'], species: ['human', 'mouse'] });
    expect((await all.toArray({ max: 1 })).map((h) => h._id)).toEqual(['627']);
    await expect(all.toArray({ max: -1 })).rejects.toSatisfy(isValidationError);
  });

  it('is re-iterable: each iteration runs a new scroll', async () => {
    const { mg, requests } = client();
    const bdnf: Paged<api.Gene> = mg.fetchAll('symbol:bdnf', { fields: ['symbol', 'taxid'], species: ['human', 'mouse'] });
    const a = await bdnf.toArray();
    const b = await bdnf.toArray();
    expect(b).toEqual(a);
    expect(requests.filter((r) => r.includes('fetch_all=true'))).toHaveLength(2);
  });

  it('pageSize 1000 (the server scroll size) is accepted and sends nothing more', async () => {
    const { mg, requests } = client();
    expect(await mg.fetchAll('brain', { pageSize: 1000, max: 1 }).toArray()).toHaveLength(1);
    expect(requests[0]).toBe('GET https://mygene.info/v3/query?q=brain&fetch_all=true');
  });
});

describe('errors', () => {
  it('ScrollExpiredError has its own code, is a BioHttpError and a BioError', async () => {
    const { mg } = client();
    const e = await mg
      .fetchAll(STALE, { fields: 'symbol,taxid', species: 'human' })
      .toArray()
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ScrollExpiredError);
    const err = e as ScrollExpiredError;
    expect(err.code).toBe('SCROLL_EXPIRED');
    expect(err.name).toBe('ScrollExpiredError');
    expect(isBioHttpError(err) && isBioError(err)).toBe(true);
    expect(err.retryable).toBe(false);
    expect(err.toJSON()).toMatchObject({ code: 'SCROLL_EXPIRED', status: 400 });
  });

  it('isScrollExpiredError holds for a copy from another installed package (marker + name)', () => {
    const copy = Object.assign(new Error('scroll expired'), { name: 'ScrollExpiredError', isBioError: true, isBioHttpError: true });
    expect(isScrollExpiredError(copy)).toBe(true);
    expect(isScrollExpiredError(Object.assign(new Error('x'), { name: 'ScrollExpiredError' }))).toBe(false);
  });

  it('a malformed answer is a ResponseFormatError, never a ValidationError', async () => {
    const json = (body: unknown) => async () => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    const cases: [MyGene, () => Promise<unknown>][] = [];
    const metadata = new MyGene({ fetch: json(['not', 'an', 'object']), retry: 0 });
    cases.push([metadata, () => metadata.metadata()]);
    const fields = new MyGene({ fetch: json('text'), retry: 0 });
    cases.push([fields, () => fields.fields()]);
    const query = new MyGene({ fetch: json({ total: 1, hits: 'nope' }), retry: 0 });
    cases.push([query, () => query.query('cdk2')]);
    const gene = new MyGene({ fetch: json([1, 2]), retry: 0 });
    cases.push([gene, () => gene.gene('1017')]);
    const scroll = new MyGene({ fetch: json({ total: 3 }), retry: 0 });
    cases.push([scroll, () => scroll.fetchAll('brain').toArray()]);
    for (const [, call] of cases) {
      const e = await call().catch((x: unknown) => x);
      expect(isResponseFormatError(e), String(e)).toBe(true);
      expect(isValidationError(e)).toBe(false);
      expect((e as api.ResponseFormatError).service).toBe('mygene');
    }
  });

  it('re-exports the error classes and guards it throws', () => {
    for (const name of [
      'BioError',
      'BioHttpError',
      'ValidationError',
      'NotFoundError',
      'ResponseFormatError',
      'TimeoutError',
      'NetworkError',
      'AbortError',
      'BatchError',
      'BadRequestError',
      'ServerError',
      'RateLimitError',
      'ScrollExpiredError',
    ]) {
      expect(typeof (api as Record<string, unknown>)[name], name).toBe('function');
      expect(typeof (api as Record<string, unknown>)[`is${name}`], `is${name}`).toBe('function');
    }
  });
});

describe('client options', () => {
  it('userAgent: the default is @bio/mygene/<version>; the caller’s value comes first', async () => {
    const plain = client();
    await plain.mg.gene('1017', { fields: ['symbol', 'name'] });
    expect(plain.userAgents).toEqual([`@bio/mygene/${VERSION}`]);
    const mine = client({ userAgent: 'my-pipeline/1.4' });
    await mine.mg.gene('1017', { fields: ['symbol', 'name'] });
    expect(mine.userAgents).toEqual([`my-pipeline/1.4 @bio/mygene/${VERSION}`]);
  });

  it('the default baseUrl is exported as DEFAULT_BASE_URL (the family name), the testing kit serves it, MYGENE_BASE_URL is its old name', async () => {
    const testing = await import('@bio/mygene/testing');
    expect(new MyGene().baseUrl.replace(/\/$/, '')).toBe(api.DEFAULT_BASE_URL);
    expect(api.DEFAULT_BASE_URL).toBe('https://mygene.info/v3');
    expect(testing.DEFAULT_BASE_URL).toBe(api.DEFAULT_BASE_URL);
    expect(api.MYGENE_BASE_URL).toBe(api.DEFAULT_BASE_URL);
  });

  it('baseUrl is exposed; undefined is accepted for the options and for every option', async () => {
    expect(new MyGene(undefined).baseUrl).toMatch(/^https:\/\/mygene\.info\/v3\/?$/);
    const { mg } = client({
      baseUrl: undefined,
      email: undefined,
      concurrency: undefined,
      timeout: undefined,
      delay: undefined,
      batchSize: undefined,
      cache: undefined,
      userAgent: undefined,
    });
    expect((await mg.query('symbol:cdk2', undefined)).total).toBe(3);
    expect((await mg.gene('1017', { fields: ['symbol', 'name'], signal: undefined, timeout: undefined, dotfield: undefined }))?.symbol).toBe('CDK2');
    expect((await mg.metadata(undefined)).build_version).toBeTypeOf('string');
    expect(await mg.fetchAll('brain', { max: undefined, pageSize: undefined, restartOnExpiry: undefined }).total()).toBe(7);
  });

  it('concurrency limits requests in flight across all calls of the client (default 1)', async () => {
    const peakWith = async (concurrency: number | undefined): Promise<number> => {
      const counting = countingFetch();
      const mg = new MyGene({ retry: 0, concurrency, fetch: counting.fetch });
      await Promise.all(Array.from({ length: 4 }, () => mg.gene('1017', { fields: ['symbol', 'name'] })));
      return counting.peak();
    };
    expect(await peakWith(undefined)).toBe(1);
    expect(await peakWith(2)).toBe(2);
  });
});

describe('CallOptions', () => {
  // A server that never answers: only a timeout or an abort ends the request.
  const silent: typeof fetch = (input, init) =>
    new Promise((_, reject) => {
      const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
      if (signal?.aborted) reject(signal.reason);
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    });

  it('timeout per call replaces the client’s for that call’s requests', async () => {
    const mg = new MyGene({ fetch: silent, retry: 0, timeout: 10_000 });
    const e = await settlesAt(50, () => mg.gene('1017', { timeout: 50 }));
    expect(isTimeoutError(e)).toBe(true);
    expect((e as api.TimeoutError).message).toMatch(/50 ms/);
    const scroll = await settlesAt(50, () => mg.fetchAll('brain', { timeout: 50 }).toArray());
    expect(isTimeoutError(scroll)).toBe(true);
    const batch = await settlesAt(50, () => mg.genes(['1017'], { timeout: 50 }));
    expect(api.isBatchError(batch) && isTimeoutError(batch.errors[0]?.error)).toBe(true);
  });

  it('the call’s signal cancels that call only', async () => {
    const controller = new AbortController();
    const mg = new MyGene({ fetch: silent, retry: 0 });
    const pending = mg.metadata({ signal: controller.signal }).catch((x: unknown) => x);
    controller.abort();
    expect(api.isAbortError(await pending)).toBe(true);
  });
});

describe('progress', () => {
  it('onProgress gets the family Progress ({ done, total, batches }) after each batch', async () => {
    const { mg } = client();
    const seen: Progress[] = [];
    await mg.queryMany(['1017', 'tp53', 'dummy'], { scopes: ['entrezgene', 'symbol'], species: ['human', 'rat'], onProgress: (p) => seen.push(p) });
    expect(seen).toEqual([{ done: 3, total: 3, batches: 1 }]);
  });
});
