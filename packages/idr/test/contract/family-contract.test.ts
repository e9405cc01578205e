// The family client contract (docs/client-contract.md) as @bio/idr implements it.
import { tokenAuth } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import {
  BioError,
  DEFAULT_RETRY,
  EndpointRemovedError,
  Idr,
  isBioError,
  isBioHttpError,
  isEndpointRemovedError,
  isNotFoundError,
  isTimeoutError,
  isValidationError,
  ResponseFormatError,
  ValidationError,
} from '../../src/index.js';
import { VERSION } from '../../src/internal/version.js';
import { inFlightCounter, newIdr, useFixtureServer } from './server.js';
import { settlesAt } from '../../../../scripts/test-clock.js';

useFixtureServer();

const screenBody = JSON.stringify({ data: { '@id': 102, Name: 'idr0002-heriche-condensation/screenA' } });

function recording(
  respond: (request: Request) => Response | Promise<Response> = () => new Response(screenBody, { headers: { 'content-type': 'application/json' } }),
) {
  const requests: Request[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(request);
    return respond(request);
  }) as typeof globalThis.fetch;
  return { requests, fetch };
}

const never = ((input: RequestInfo | URL, init?: RequestInit) =>
  new Promise<Response>((_resolve, reject) => {
    // The caller's own signal: a `new Request(…)` copy follows it only weakly and may be collected.
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    if (signal?.aborted) reject(signal.reason); // as the real fetch does
    signal?.addEventListener('abort', () => reject(signal.reason));
  })) as typeof globalThis.fetch;

describe('Paged lists', () => {
  it('reports /api/v0 meta.totalCount as total(), and iterates from the page total() fetched', async () => {
    const urls: string[] = [];
    const wells = newIdr({ hooks: { onRequest: (e) => void urls.push(e.url) } }).wells({ plate: 8958 });
    expect(await wells.total()).toBe(384);
    expect(urls).toHaveLength(1);
    expect(await wells.toArray()).toHaveLength(384);
    expect(urls).toHaveLength(1); // one page of 1000 holds them all; it was not asked for again
  });

  it('yields the pages as the server sent them, the last one cut at max', async () => {
    const pages = [];
    for await (const page of newIdr().screens({}, { pageSize: 2, max: 3 }).pages()) pages.push(page);
    expect(pages.map((p) => p.items.map((s) => s['@id']))).toEqual([[3, 102], [206]]);
    expect(pages.every((p) => typeof p.total === 'number' && p.total >= 3)).toBe(true);
  });

  it('toArray({ max }) takes at most max, and at most the call max', async () => {
    const plates = newIdr().webclient.plates({ screen: 102 }, { max: 5 });
    expect(await plates.toArray({ max: 2 })).toHaveLength(2);
    expect(await plates.toArray({ max: 50 })).toHaveLength(5);
    expect(await plates.toArray()).toHaveLength(5);
    await expect(plates.toArray({ max: -1 })).rejects.toSatisfy(isValidationError);
  });

  it("reports the search engine's size as total()", async () => {
    const hits = newIdr().search({ key: 'Gene Symbol', value: 'CDC20' }, { max: 10 });
    expect(await hits.total()).toBe(1040); // not cut at max
    expect(await hits.toArray()).toHaveLength(10);
    expect(await newIdr().search({ key: 'Gene Symbol', value: 'NOSUCHGENE' }).total()).toBe(0);
  });

  it('refuses bad max and pageSize when the call is made, before any request', () => {
    const urls: string[] = [];
    const idr = newIdr({ hooks: { onRequest: (e) => void urls.push(e.url) } });
    expect(() => idr.screens({}, { max: 1.5 })).toThrow(ValidationError);
    expect(() => idr.wells({ plate: 1 }, { pageSize: 0 })).toThrow(expect.objectContaining({ field: 'pageSize', code: 'VALIDATION' }));
    expect(() => idr.search({ key: 'k', value: 'v' }, { max: -1 })).toThrow(/max must be an integer/);
    expect(urls).toEqual([]);
  });
});

describe('CallOptions', () => {
  it("a call's timeout replaces the client's for that call only", async () => {
    const idr = new Idr({ fetch: never, retry: 0 });
    const error = await settlesAt(20, () => idr.screen(102, { timeout: 20 })); // the client's own is minutes
    expect(isTimeoutError(error)).toBe(true);
  });

  it.each([
    ['a list', (idr: Idr) => idr.wells({ plate: 1 }, { timeout: 20 }).toArray()],
    ['a JPEG', (idr: Idr) => idr.thumbnail(1, { timeout: 20 })],
    ['the capability probe', (idr: Idr) => idr.capabilities({ timeout: 20, refresh: true })],
  ])("the call's timeout applies to %s", async (_what, call) => {
    expect(isTimeoutError(await settlesAt(20, () => call(new Idr({ fetch: never, retry: 0 }))))).toBe(true);
  });

  it("a call's signal cancels only that call", async () => {
    const controller = new AbortController();
    const idr = new Idr({ fetch: never, retry: 0 });
    const pending = idr.imageData(1, { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort();
    expect(await pending).toMatchObject({ name: 'AbortError', code: 'ABORTED' });
  });

  it('accepts undefined for every optional field', async () => {
    const { requests, fetch } = recording();
    const idr = new Idr({
      fetch,
      baseUrl: undefined,
      timeout: undefined,
      retry: undefined,
      concurrency: undefined,
      userAgent: undefined,
      auth: undefined,
      webclientPageSize: undefined,
    });
    expect(idr.baseUrl).toBe('https://idr.openmicroscopy.org');
    await idr.screen(102, { signal: undefined, timeout: undefined, childCount: undefined });
    await idr
      .screens(undefined, { max: undefined, pageSize: undefined, signal: undefined, timeout: undefined })
      .toArray()
      .catch(() => undefined);
    expect(requests[0]?.url).toBe('https://idr.openmicroscopy.org/api/v0/m/screens/102/');
  });
});

describe('client options', () => {
  it('sends @bio/idr/<version> as User-Agent, after the caller’s value', async () => {
    const { requests, fetch } = recording();
    await new Idr({ fetch }).screen(102);
    await new Idr({ fetch, userAgent: 'my-pipeline/1.4' }).screen(102);
    expect(requests.map((r) => r.headers.get('user-agent'))).toEqual([`@bio/idr/${VERSION}`, `my-pipeline/1.4 @bio/idr/${VERSION}`]);
  });

  it('retries by DEFAULT_RETRY merged with the caller’s fields (500 stays final)', async () => {
    expect(DEFAULT_RETRY.statusCodes).toEqual([408, 429, 502, 503, 504]);
    let calls = 0;
    const fetch = (async () => {
      calls++;
      return new Response('<html><title>Server Error (500)</title></html>', { status: 500, headers: { 'content-type': 'text/html' } });
    }) as typeof globalThis.fetch;
    await expect(new Idr({ fetch, retry: { limit: 5, delay: 0 } }).screen(102)).rejects.toMatchObject({ code: 'SERVER_ERROR', status: 500 });
    expect(calls).toBe(1);
  });

  it('limits requests in flight only on the public IDR by default', async () => {
    const { fetch, peak } = inFlightCounter(() => new Response(screenBody, { headers: { 'content-type': 'application/json' } }));
    const other = new Idr({ fetch, baseUrl: 'https://omero.example.org/' });
    await Promise.all(Array.from({ length: 10 }, () => other.screen(102)));
    expect(peak()).toBe(10);
  });
});

describe('sessions through auth', () => {
  it('login refuses a non-session auth before any request', async () => {
    const { requests, fetch } = recording();
    const error = await new Idr({ fetch, auth: tokenAuth({ token: 'secret-token' }) }).login({ username: 'alice', password: 'x' }).catch((e: unknown) => e);
    expect(isValidationError(error)).toBe(true);
    expect(error).toMatchObject({ field: 'auth' });
    expect(JSON.stringify(error)).not.toContain('secret-token');
    expect(requests).toEqual([]);
  });
});

describe('errors', () => {
  it('gives every class its own code and keeps the family markers', () => {
    const removed = new EndpointRemovedError({ endpoint: '/mapr/api/gene/', replacement: 'idr.search(…)' });
    expect(removed).toMatchObject({ name: 'EndpointRemovedError', code: 'ENDPOINT_REMOVED', status: 410, service: 'idr' });
    expect(isBioError(removed) && isBioHttpError(removed) && isNotFoundError(removed)).toBe(true);
    expect(removed).toBeInstanceOf(BioError);
    // A copy from another installed version: not instanceof, but marker + name.
    const copy = { name: 'EndpointRemovedError', isBioError: true, isBioHttpError: true, code: 'ENDPOINT_REMOVED' };
    expect(isEndpointRemovedError(copy)).toBe(true);
    expect(isEndpointRemovedError({ name: 'EndpointRemovedError' })).toBe(false);
    const invalid = new ValidationError({ message: 'bad', field: 'x' });
    expect(isBioHttpError(invalid)).toBe(false);
    expect(new ResponseFormatError({}).code).toBe('RESPONSE_FORMAT');
  });

  it('reports a malformed answer as ResponseFormatError, never ValidationError', async () => {
    const { fetch } = recording(() => new Response(JSON.stringify({ data: 'not a list' }), { headers: { 'content-type': 'application/json' } }));
    const error = await new Idr({ fetch })
      .screens()
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ResponseFormatError', code: 'RESPONSE_FORMAT' });
    const config = await new Idr({ fetch: recording(() => new Response('[]', { headers: { 'content-type': 'application/json' } })).fetch }).mapr
      .config()
      .catch((e: unknown) => e);
    expect(config).toMatchObject({ name: 'ResponseFormatError' });
  });
});
