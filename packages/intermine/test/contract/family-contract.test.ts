// The family client contract (docs/client-contract.md) as this client implements it.
import { describe, expect, it } from 'vitest';
import {
  IdResolutionError,
  InterMine,
  isBioError,
  isBioHttpError,
  isIdResolutionError,
  isServerError,
  isTimeoutError,
  isUnauthorizedError,
  isValidationError,
  type UnauthorizedError,
} from '../../src/index.js';
import { VERSION } from '../../src/internal/version.js';
import { ROOT, testMine, useFixtureServer } from './setup.js';
import { settlesAt } from '../../../../scripts/test-clock.js';

useFixtureServer();

const eveZen = (mine: InterMine) =>
  mine.query('Gene').select('symbol', 'primaryIdentifier', 'length').where('symbol', 'ONE OF', ['eve', 'zen']).orderBy('symbol');
const demoList = (mine: InterMine) => mine.query('Gene').select('symbol', 'length').where('Gene', 'IN', 'demo-list');

/** A fetch that answers `GET /version` and records the request headers. */
function versionFetch(seen: Headers[]): typeof fetch {
  return async (input, init) => {
    seen.push(new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined)));
    return new Response(JSON.stringify({ version: 33 }), { headers: { 'content-type': 'application/json' } });
  };
}

describe('Paged results', () => {
  it('yields one page per response, streamed items, and cuts at max', async () => {
    const { mine, requests } = testMine();
    const pages = [];
    for await (const page of mine.rows(demoList(mine), { pageSize: 2 }).pages()) pages.push(page.items.map((r) => r[0]));
    expect(pages).toEqual([['eve', 'zen'], ['bcd', 'hb'], ['Kr']]);
    expect(requests.filter((r) => r.includes('query/results'))).toHaveLength(3);
    expect(await mine.rows(demoList(mine), { start: 1, max: 2 }).toArray()).toEqual([
      ['zen', 1326],
      ['bcd', 3837],
    ]);
    // toArray({ max }) lowers the request's size too (one request for rows 1..2).
    expect((await mine.rows(demoList(mine), { start: 1 }).toArray({ max: 2 })).map((r) => r[0])).toEqual(['zen', 'bcd']);
  });

  it('asks for the count only when total() is called', async () => {
    const { mine, requests } = testMine();
    const rows = mine.rows(eveZen(mine));
    expect(await rows.toArray()).toHaveLength(2);
    expect(requests.filter((r) => r.includes('query/results'))).toHaveLength(1);
    expect(await rows.total()).toBe(2);
    expect(requests.filter((r) => r.includes('query/results'))).toHaveLength(2);
  });

  it('is re-iterable and lazy', async () => {
    const { mine, requests } = testMine();
    const rows = mine.rows(eveZen(mine));
    expect(requests).toEqual([]);
    const first = [];
    for await (const row of rows) first.push(row[0]);
    const second = [];
    for await (const row of rows) second.push(row[0]);
    expect(second).toEqual(first);
    expect(first).toEqual(['eve', 'zen']);
  });

  it('rejects a bad max or pageSize when the call is made, before any request', () => {
    const { mine, requests } = testMine();
    expect(() => mine.rows(eveZen(mine), { max: -1 })).toThrow(expect.objectContaining({ field: 'max' }));
    expect(() => mine.records(eveZen(mine), { pageSize: 1.5 })).toThrow(expect.objectContaining({ field: 'pageSize' }));
    expect(() => mine.rows(eveZen(mine), { start: -1 })).toThrow(expect.objectContaining({ field: 'start' }));
    expect(requests).toEqual([]);
  });

  it('pages the list listing (one response) with a total', async () => {
    const { mine } = testMine();
    const lists = mine.lists.all({ max: 1 });
    expect((await lists.toArray()).map((l) => l.name)).toEqual(['demo-list']);
    expect(await lists.total()).toBe(2);
  });
});

describe('constructor and call options', () => {
  it("sends @bio/intermine/<version> as User-Agent, after the caller's value", async () => {
    const seen: Headers[] = [];
    await new InterMine({ baseUrl: ROOT, fetch: versionFetch(seen) }).version();
    await new InterMine({ baseUrl: ROOT, fetch: versionFetch(seen), userAgent: 'my-pipeline/1.4' }).version();
    expect(seen.map((h) => h.get('user-agent'))).toEqual([`@bio/intermine/${VERSION}`, `my-pipeline/1.4 @bio/intermine/${VERSION}`]);
  });

  it('accepts undefined for every optional option', async () => {
    const seen: Headers[] = [];
    const mine = new InterMine({
      baseUrl: ROOT,
      fetch: versionFetch(seen),
      token: undefined,
      auth: undefined,
      headers: undefined,
      userAgent: undefined,
      timeout: undefined,
      retry: undefined,
      hooks: undefined,
      signal: undefined,
      concurrency: undefined,
    });
    expect(await mine.version({ signal: undefined, timeout: undefined })).toBe(33);
    expect(seen[0]?.get('authorization')).toBeNull();
  });

  it('maps token to Authorization: Token, and refuses token with auth', () => {
    expect(() => new InterMine({ baseUrl: ROOT, token: 'a', auth: { kind: 'header', headerNames: [], apply() {}, secrets: () => [] } })).toThrow(
      /token or auth, not both/,
    );
  });

  it("applies a per-call timeout instead of the client's", async () => {
    const hang: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true }));
    const mine = new InterMine({ baseUrl: ROOT, fetch: hang, retry: 0, timeout: 60_000 });
    const error = await settlesAt(30, () => mine.version({ timeout: 30 }));
    expect(isTimeoutError(error)).toBe(true);
  });
});

describe('errors', () => {
  it("adds the token hint to a 401 with a beforeError hook, before the caller's hooks", async () => {
    const seenByCaller: string[] = [];
    const { mine } = testMine({
      token: 'expired-token-xyz',
      hooks: {
        beforeError: [
          (e) => {
            seenByCaller.push(e.message);
            return e;
          },
        ],
      },
    });
    const error = (await mine.version().catch((e: unknown) => e)) as UnauthorizedError;
    expect(isUnauthorizedError(error)).toBe(true);
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toMatch(/the API token was rejected/);
    expect(seenByCaller).toEqual([error.message]);
    // The server's own words are kept apart from the hint.
    expect(error.serviceMessage ?? '').not.toMatch(/the API token was rejected/);
    expect(error.message).not.toContain('expired-token-xyz');
  });

  it('gives every class its own code; validation errors are not HTTP errors', async () => {
    const { mine } = testMine();
    const invalid = await mine.pathValues('').catch((e: unknown) => e);
    expect(isValidationError(invalid)).toBe(true);
    expect(isBioError(invalid)).toBe(true);
    expect(isBioHttpError(invalid)).toBe(false);
    expect((invalid as { code: string }).code).toBe('VALIDATION');
    const failed = new IdResolutionError({ status: 500, jobId: 'job-1', service: 'intermine', serviceMessage: 'boom' });
    expect([failed.name, failed.code, failed.jobId, failed.retryable]).toEqual(['IdResolutionError', 'ID_RESOLUTION_FAILED', 'job-1', false]);
    expect(isIdResolutionError(failed) && isServerError(failed) && isBioHttpError(failed)).toBe(true);
    // A copy from another installed version is recognised by name and marker.
    expect(isIdResolutionError({ isBioError: true, name: 'IdResolutionError' })).toBe(true);
    expect(isIdResolutionError(new Error('x'))).toBe(false);
  });
});
