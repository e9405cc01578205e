import { isUnauthorizedError, isValidationError, UnauthorizedError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { InterMine, normaliseBaseUrl } from '../../src/index.js';
import { testMine, useFixtureServer } from './setup.js';

useFixtureServer();

describe('connection and metadata', () => {
  it('normalises the root URL', () => {
    expect(normaliseBaseUrl('www.flymine.org/flymine')).toBe('https://www.flymine.org/flymine/service');
    expect(normaliseBaseUrl('https://www.flymine.org/flymine/service/')).toBe('https://www.flymine.org/flymine/service');
    expect(new InterMine({ baseUrl: 'http://localhost:8080/biotestmine/' }).baseUrl).toBe('http://localhost:8080/biotestmine/service');
    expect(() => new InterMine({ baseUrl: '' })).toThrow(/baseUrl must be the URL of a mine/);
    expect(() => new InterMine({ baseUrl: 'https://x', token: '' })).toThrow(/token must be a non-empty string/);
  });

  it('reads version, release and InterMine version, and caches them', async () => {
    const { mine, requests } = testMine();
    expect(await mine.version()).toBe(33);
    expect(await mine.version()).toBe(33);
    expect(await mine.release()).toBe('FlyMine 2024 (release 58.1)');
    expect(await mine.release()).toBe('FlyMine 2024 (release 58.1)');
    expect(await mine.intermineVersion()).toBe('5.1.0');
    expect(requests).toEqual([
      'GET https://www.flymine.org/flymine/service/version?format=json',
      'GET https://www.flymine.org/flymine/service/version/release?format=json',
      'GET https://www.flymine.org/flymine/service/version/intermine?format=json',
    ]);
    mine.clearCache();
    await mine.version();
    expect(requests).toHaveLength(4);
  });

  it('parses and caches the model, summary fields and class keys', async () => {
    const { mine, requests } = testMine();
    const model = await mine.model();
    expect(model.getClass('Gene').collections.pathways?.referencedType).toBe('Pathway');
    expect(await mine.model()).toBe(model);
    expect((await mine.summaryFields()).Pathway).toEqual(['Pathway.identifier', 'Pathway.name']);
    expect((await mine.classKeys()).Gene).toContain('Gene.symbol');
    expect(requests.filter((r) => r.includes('/model'))).toHaveLength(1);
  });

  it('lists the possible values of a path, after checking it against the model', async () => {
    const { mine } = testMine();
    expect(await mine.pathValues('Organism.shortName')).toEqual([
      { value: 'D. melanogaster', count: 1 },
      { value: 'H. sapiens', count: 1 },
    ]);
    await expect(mine.pathValues('Organism.shortNam')).rejects.toThrow(/did you mean "shortName"/);
  });

  it('sends the token only in the Authorization header (whoami)', async () => {
    const { mine, requests } = testMine({ token: 'good-token-0123456789' });
    expect(await mine.whoami()).toEqual({ username: 'demo@flymine.org', id: '1000012', preferences: { 'default-list-tags': 'favourite' } });
    expect(requests.join('\n')).not.toContain('good-token');
  });

  it('gets an anonymous session token and uses it in the header', async () => {
    const requests: string[] = [];
    const mine = await InterMine.withAnonymousToken({ baseUrl: 'www.flymine.org/flymine', retry: 0, hooks: { onRequest: (e) => requests.push(e.url) } });
    expect((await mine.whoami()).username).toBe('temp-user-7f3c2a91');
    expect(requests.join('\n')).not.toContain('anon-7f3c2a91b8e4d6');
  });

  it('explains a 401 caused by a bad or expired token, without leaking it', async () => {
    const { mine } = testMine({ token: 'expired-token-xyz' });
    const error = await mine.version().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(isUnauthorizedError(error)).toBe(true);
    const e = error as UnauthorizedError;
    expect(e.status).toBe(401);
    expect(e.service).toBe('intermine');
    expect(e.message).toMatch(/token was rejected — it is wrong, expired/);
    expect(e.message).toMatch(/even on public endpoints/);
    expect(JSON.stringify(e)).not.toContain('expired-token-xyz');
    expect(e.message).not.toContain('expired-token-xyz');
  });

  it('rejects bad input before any request', async () => {
    const { mine, requests } = testMine();
    await expect(mine.pathValues('')).rejects.toSatisfy(isValidationError);
    expect(requests).toEqual([]);
  });
});
