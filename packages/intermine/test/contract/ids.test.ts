import { BadRequestError, isValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { testMine, useFixtureServer } from './setup.js';

useFixtureServer();

describe('id resolution', () => {
  it('submits, polls through RUNNING and a 204 "job not ready", returns typed results and deletes the job', async () => {
    const { mine, requests } = testMine();
    const result = await mine.resolveIds({ type: 'Gene', identifiers: ['eve', 'zen', 'l(3)85Ac', 'not-a-gene'], extra: 'D. melanogaster', interval: 0 });
    expect(result.type).toBe('Gene');
    expect(result.matches.MATCH.map((m) => m.summary.symbol)).toEqual(['eve', 'zen']);
    expect(result.matches.OTHER[0]).toMatchObject({ input: 'l(3)85Ac', reason: 'searched synonyms' });
    expect(result.matches.DUPLICATE).toEqual([]);
    expect(result.unresolved).toEqual(['not-a-gene']);
    expect(result.stats?.identifiers.notFound).toBe(1);
    expect(result.ids()).toEqual([1016298, 1064198]);
    expect(result.ids(['MATCH', 'OTHER'])).toEqual([1016298, 1064198, 1013712]);
    const path = (r: string) => r.replace('https://www.flymine.org/flymine/service/', '');
    expect(requests.map(path)).toEqual([
      'POST ids',
      'GET ids/2b1f6a5e-3c7d-4e91-9a0b-8f2c1d4e5a6b/status',
      'GET ids/2b1f6a5e-3c7d-4e91-9a0b-8f2c1d4e5a6b/status',
      'GET ids/2b1f6a5e-3c7d-4e91-9a0b-8f2c1d4e5a6b/results',
      'GET ids/2b1f6a5e-3c7d-4e91-9a0b-8f2c1d4e5a6b/status',
      'GET ids/2b1f6a5e-3c7d-4e91-9a0b-8f2c1d4e5a6b/results',
      'DELETE ids/2b1f6a5e-3c7d-4e91-9a0b-8f2c1d4e5a6b',
    ]);
    const list = await result.toList('resolved-genes');
    expect([list.name, list.size]).toEqual(['resolved-genes', 2]);
  });

  it('surfaces a 400 from the job submission', async () => {
    const { mine } = testMine();
    const error = await mine.resolveIds({ type: 'Gen', identifiers: ['eve'], interval: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).serviceMessage).toBe('Gen is not a class in the genomic model');
  });

  it('validates before sending', async () => {
    const { mine, requests } = testMine();
    await expect(mine.resolveIds({ type: '', identifiers: ['eve'] })).rejects.toSatisfy(isValidationError);
    await expect(mine.resolveIds({ type: 'Gene', identifiers: [] })).rejects.toSatisfy(isValidationError);
    await expect(mine.resolveIds({ type: 'Gene', identifiers: [' '] })).rejects.toSatisfy(isValidationError);
    expect(requests).toEqual([]);
  });

  it('gives up after the deadline', async () => {
    const { mine } = testMine();
    const error = await mine
      .resolveIds({ type: 'Gene', identifiers: ['eve', 'zen', 'l(3)85Ac', 'not-a-gene'], extra: 'D. melanogaster', interval: 10, deadline: 5 })
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe('TimeoutError');
    expect((error as Error).message).toMatch(
      /id resolution job 2b1f6a5e-3c7d-4e91-9a0b-8f2c1d4e5a6b still not done after \d+ ms and 1 checks \(deadline 5 ms\)/,
    );
  });
});
