import { createFixtureServer } from '@bio/core-http/testing';
import { MyGene } from '@bio/mygene';
import { DEFAULT_BASE_URL, fixtures, handlers } from '@bio/mygene/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MIRROR = 'http://mirror.example.org/mygene/v3';
const server = createFixtureServer({ handlers: handlers({ baseUrl: MIRROR }) });
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('@bio/mygene/testing', () => {
  it('exports the default base URL and every fixture', () => {
    expect(DEFAULT_BASE_URL).toBe('https://mygene.info/v3');
    const names = fixtures().map((f) => f.name);
    for (const name of [
      'gene-1017',
      'gene-404',
      'gene-dotfield',
      'genes-batch',
      'query-cdk2',
      'query-facets',
      'querymany',
      'querymany-503',
      'scroll',
      'scroll-stale',
      'metadata',
      'proxy-html',
    ]) {
      expect(names).toContain(name);
    }
  });

  it('serves the fixtures under another base URL', async () => {
    const mg = new MyGene({ baseUrl: MIRROR, retry: 0 });
    expect((await mg.gene('1017', { fields: 'symbol,name' }))?.symbol).toBe('CDK2');
    expect(await mg.gene('0')).toBeNull();
  });

  it('fixtures follow the MyGene wire format', () => {
    for (const fixture of fixtures()) {
      for (const { request, response } of fixture.exchanges) {
        expect(request.path, fixture.name).toMatch(/^\/v3\//);
        const type = response.headers?.['content-type'] ?? '';
        if ('json' in (response.body ?? {})) expect(type, fixture.name).toMatch(/^application\/json/);
        const body = (response.body as { json?: unknown } | undefined)?.json as Record<string, unknown> | undefined;
        // Errors: {"code":<status>,"success":false,"error":<reason>, …}
        if (response.status >= 400 && body) {
          expect(body, fixture.name).toMatchObject({ code: response.status, success: false });
          expect(typeof body.error, fixture.name).toBe('string');
        }
        // POST bodies are JSON, with lists as arrays and at most 1000 ids per request.
        if (request.method === 'POST') {
          const json = (request.body as { json?: Record<string, unknown> } | undefined)?.json;
          expect(json, fixture.name).toBeDefined();
          const list = (json?.ids ?? json?.q) as unknown[];
          expect(Array.isArray(list), fixture.name).toBe(true);
          expect(list.length).toBeLessThanOrEqual(1000);
        }
      }
    }
  });
});
