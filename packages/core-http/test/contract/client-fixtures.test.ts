// The client against msw replaying recorded-style exchanges (shapes from the services' wire
// facts): MyGene gene/query/404/400, an IDR redirect to the login page, a 503-then-200 poll.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, isBadRequestError, isNotFoundError, isResponseFormatError, path } from '@bio/core-http';
import { createFixtureServer, type Fixture, fixtureHandlers } from '@bio/core-http/testing';

const MYGENE = 'https://mygene.info/v3';
const IDR = 'https://idr.openmicroscopy.org';

const mygene: Fixture[] = [
  {
    name: 'gene-1017',
    exchanges: [
      {
        request: { method: 'GET', path: '/gene/1017', query: { fields: 'symbol,name,taxid' } },
        response: {
          status: 200,
          headers: { 'content-type': 'application/json; charset=UTF-8' },
          body: { json: { _id: '1017', _version: 1, name: 'cyclin dependent kinase 2', symbol: 'CDK2', taxid: 9606 } },
        },
      },
    ],
  },
  {
    name: 'gene-unknown',
    exchanges: [
      {
        request: { method: 'GET', path: '/gene/0' },
        response: {
          status: 404,
          headers: { 'content-type': 'application/json; charset=UTF-8' },
          body: { json: { code: 404, success: false, error: 'Not Found.' } },
        },
      },
    ],
  },
  {
    name: 'query-batch',
    exchanges: [
      {
        request: { method: 'POST', path: '/query', body: { form: { q: '1017,1018', scopes: 'entrezgene', fields: 'symbol' } } },
        response: {
          status: 200,
          headers: { 'content-type': 'application/json; charset=UTF-8' },
          body: {
            json: [
              { query: '1017', _id: '1017', _score: 22.4, symbol: 'CDK2' },
              { query: '1018', _id: '1018', _score: 22.4, symbol: 'CDK3' },
            ],
          },
        },
      },
    ],
  },
  {
    name: 'query-too-large',
    exchanges: [
      {
        request: { method: 'GET', path: '/query', query: { q: 'cdk2', size: '1001' } },
        response: {
          status: 400,
          headers: { 'content-type': 'application/json; charset=UTF-8' },
          body: { json: { code: 400, success: false, error: 'Bad Request', keyword: 'size', max: 1000, num: 1001 } },
        },
      },
    ],
  },
  {
    name: 'metadata-poll',
    exchanges: [
      {
        request: { method: 'GET', path: '/metadata' },
        response: { status: 503, headers: { 'content-type': 'text/html' }, body: { text: '<html><title>503 Service Temporarily Unavailable</title></html>' } },
      },
      {
        request: { method: 'GET', path: '/metadata' },
        response: { status: 200, headers: { 'content-type': 'application/json' }, body: { json: { build_version: '20260101', stats: { total: 1 } } } },
      },
    ],
  },
];

const idr: Fixture[] = [
  {
    name: 'mapr-redirect',
    exchanges: [
      {
        request: { method: 'GET', path: '/mapr/api/gene/', query: { value: 'CDK2' } },
        response: { status: 302, headers: { location: '/webclient/login/?url=%2Fmapr%2Fapi%2Fgene%2F' } },
      },
      {
        request: { method: 'GET', path: '/webclient/login/', query: { url: '/mapr/api/gene/' } },
        response: {
          status: 200,
          headers: { 'content-type': 'text/html; charset=utf-8' },
          body: { text: '<!DOCTYPE html><html><head><title>OMERO.web - Login</title></head><body></body></html>' },
        },
      },
    ],
  },
];

const server = createFixtureServer({ handlers: [...fixtureHandlers(mygene, { baseUrl: MYGENE }), ...fixtureHandlers(idr, { baseUrl: IDR })] });
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const mg = () => createHttpClient({ baseUrl: MYGENE, service: 'mygene', retry: { delay: 0 } });

describe('client against MyGene fixtures', () => {
  it('GET a gene with fields', async () => {
    const gene = await mg()
      .get(path`gene/${'1017'}`, { searchParams: { fields: ['symbol', 'name', 'taxid'] } })
      .json<{ symbol: string }>();
    expect(gene.symbol).toBe('CDK2');
  });
  it('404 gives NotFoundError with the server words and body', async () => {
    const e = await mg()
      .get('gene/0')
      .json()
      .catch((x: unknown) => x);
    expect(isNotFoundError(e)).toBe(true);
    expect(e).toMatchObject({ status: 404, service: 'mygene', serviceMessage: 'Not Found.', body: { code: 404, success: false } });
  });
  it('an idempotent form POST', async () => {
    const hits = await mg()
      .post('query', { form: { q: ['1017', '1018'].join(','), scopes: 'entrezgene', fields: 'symbol' }, idempotent: true })
      .json<{ symbol: string }[]>();
    expect(hits.map((h) => h.symbol)).toEqual(['CDK2', 'CDK3']);
  });
  it('400 keeps the structured body', async () => {
    const e = await mg()
      .get('query', { searchParams: { q: 'cdk2', size: 1001 } })
      .catch((x: unknown) => x);
    expect(isBadRequestError(e)).toBe(true);
    expect((e as { body: { max: number } }).body.max).toBe(1000);
  });
  it('a 503 HTML page then 200: retried', async () => {
    const attempts: number[] = [];
    const c = createHttpClient({ baseUrl: MYGENE, retry: { delay: 0 }, hooks: { onRetry: (e) => attempts.push(e.attempt) } });
    await expect(c.get('metadata').json()).resolves.toMatchObject({ build_version: '20260101' });
    expect(attempts).toEqual([2]);
  });
});

describe('client against IDR fixtures', () => {
  it('a 302 to the login page ends in ResponseFormatError naming the page', async () => {
    const c = createHttpClient({ baseUrl: IDR, service: 'idr' });
    const e = await c
      .get('mapr/api/gene/', { searchParams: { value: 'CDK2' } })
      .json()
      .catch((x: unknown) => x);
    expect(isResponseFormatError(e)).toBe(true);
    expect((e as Error).message).toContain('after a redirect to https://idr.openmicroscopy.org/webclient/login/');
    expect((e as { contentType: string }).contentType).toContain('text/html');
    expect((e as { service: string }).service).toBe('idr');
  });
});
