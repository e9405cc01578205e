import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, fixtureScenarios, type LoopbackFixtureServer, recordScenarios, requestOf, startLoopbackFixtureServer } from '../../src/testing/index.js';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const fixtures: Fixture[] = [
  {
    name: 'gene',
    provenance: { kind: 'written', from: 'a test' },
    exchanges: [
      {
        request: { method: 'GET', path: '/v3/gene/1017', query: { fields: ['symbol', 'name'] } },
        response: { status: 200, headers: { 'content-type': 'application/json' }, body: { json: { symbol: 'CDK2' } } },
      },
      {
        request: { method: 'GET', path: '/v3/gene/nope' },
        response: { status: 404, headers: { 'content-type': 'application/json' }, body: { json: { success: false } } },
      },
    ],
  },
  {
    name: 'batch',
    exchanges: [
      {
        request: { method: 'POST', path: '/v3/query', body: { form: { q: ['1017', '1018'], scopes: 'entrezgene' } } },
        response: { status: 200, headers: { 'content-type': 'application/json' }, body: { json: [{ query: '1017' }] } },
      },
    ],
  },
  {
    name: 'login',
    exchanges: [
      {
        request: { method: 'POST', path: '/api/v1/login', body: { json: { username: 'admin', password: '[REDACTED]' } } },
        response: { status: 200, headers: { 'content-type': 'application/json' }, body: { json: { token: '[REDACTED]' } } },
      },
    ],
  },
];

describe('fixtureScenarios', () => {
  let server: LoopbackFixtureServer;
  beforeAll(async () => {
    server = await startLoopbackFixtureServer({ fixtures });
  });
  afterAll(() => server.close());

  it('turns a fixture request into the same Request (query, form body)', async () => {
    const request = requestOf(fixtures[1]!.exchanges[0]!.request, 'https://mygene.info/v3');
    expect(request.url).toBe('https://mygene.info/v3/query');
    expect(request.method).toBe('POST');
    expect(await request.text()).toBe('q=1017&q=1018&scopes=entrezgene');
  });

  it('re-records every fixture from a service that answers them, with recorded provenance, exchanges equal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bio-fixture-scenarios-'));
    const { scenarios, needsSecrets } = fixtureScenarios(fixtures, { baseUrl: server.url });
    expect(Object.keys(scenarios)).toEqual(['gene', 'batch']);
    expect(needsSecrets).toEqual(['login']);
    const results = await recordScenarios({ dir, scenarios, serviceVersion: '3.2' });
    expect(results.map((r) => [r.name, r.exchanges, r.error])).toEqual([
      ['gene', 2, undefined],
      ['batch', 1, undefined],
    ]);
    const gene = JSON.parse(readFileSync(join(dir, 'gene.json'), 'utf8')) as Fixture;
    expect(gene.provenance).toMatchObject({ kind: 'recorded', serviceVersion: '3.2' });
    expect(gene.exchanges.map((e) => [e.request.path, e.request.query, e.response.status, e.response.body])).toEqual([
      ['/v3/gene/1017', { fields: ['symbol', 'name'] }, 200, { json: { symbol: 'CDK2' } }],
      ['/v3/gene/nope', undefined, 404, { json: { success: false } }],
    ]);
    expect(server.unmatchedRequests()).toEqual([]);
  });

  it('fills [REDACTED] from the secrets given, in order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bio-fixture-scenarios-'));
    const { scenarios, needsSecrets } = fixtureScenarios(fixtures, { baseUrl: server.url, secrets: ['s3cret'] });
    expect(needsSecrets).toEqual([]);
    const [login] = await recordScenarios({ dir, scenarios, only: ['login'] });
    expect(login?.error).toBeUndefined();
    const recorded = readFileSync(join(dir, 'login.json'), 'utf8');
    expect(recorded).not.toContain('s3cret'); // the recorder scrubs the password again
  });
});
