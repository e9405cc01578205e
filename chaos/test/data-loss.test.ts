// Data-loss proofs: under failures, every row is accounted for, output equals the fault-free run,
// a failed stream never ends quietly, and a write is never sent twice behind the caller's back.
import { isBioHttpError, isNetworkError, isServerError, NetworkError } from '@bio/core-http';
import { InterMine } from '@bio/intermine';
import { fixtures as intermineFixtures } from '@bio/intermine/testing';
import { isMolgenisBatchError, Molgenis, type MolgenisBatchError } from '@bio/molgenis';
import { MyGene } from '@bio/mygene';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInterMineReplica, startMolgenisReplica, startMyGeneReplica } from '../src/replicas.js';
import { fixtureJson, type Stage, startStage } from '../src/harness.js';

const RETRY = { limit: 2, delay: 0 };

describe('MOLGENIS addAll of 10,001 rows, batch 7 fails', () => {
  const rows = Array.from({ length: 10_001 }, (_, i) => ({ id: `row${String(i).padStart(5, '0')}`, value: i }));

  it('names exactly which rows were written and which were not; resuming writes each row exactly once', async () => {
    const replica = await startMolgenisReplica();
    try {
      replica.failPosts.add(7);
      const m = new Molgenis({ baseUrl: replica.url, token: 'tok', retry: RETRY, timeout: 5000 });
      const error = (await m.addAll('bulk_rows', rows).catch((e: unknown) => e)) as MolgenisBatchError<(typeof rows)[number]>;
      expect(isMolgenisBatchError(error)).toBe(true);
      expect(replica.posts).toBe(7); // stopped at the failure: nothing sent after it, nothing resent
      // Written: batches 1–6 exactly.
      expect(error.processed).toEqual(rows.slice(0, 6000));
      expect(error.ids).toEqual(rows.slice(0, 6000).map((r) => r.id));
      expect(error.failed).toEqual(rows.slice(6000, 7000));
      expect(error.unprocessed).toEqual(rows.slice(7000));
      expect(error.notWritten).toEqual(rows.slice(6000));
      expect(error.errors).toHaveLength(1);
      expect(error.errors[0]?.batchIndex).toBe(6);
      expect(isServerError(error.errors[0]?.error)).toBe(true);
      expect(error.message).toMatch(/batch 7: 6000 written, 1000 refused, 3001 not sent/);
      // The replica agrees with the error, row by row.
      expect([...replica.writes.keys()].sort()).toEqual(error.processed.map((r) => r.id));

      // Resume with the remainder.
      const ids = await m.addAll('bulk_rows', error.notWritten);
      expect(ids).toEqual(rows.slice(6000).map((r) => r.id));
      expect(replica.writes.size).toBe(10_001);
      expect([...replica.writes.values()].every((n) => n === 1)).toBe(true);
      expect(replica.posts).toBe(7 + 5);
    } finally {
      await replica.close();
    }
  });
});

describe('MyGene queryMany of 100,000 terms, some batches get 503 first', () => {
  const terms = Array.from({ length: 100_000 }, (_, i) => (i % 97 === 0 ? `term ${i}, "quoted"` : `t${i}`));

  it('returns exactly the fault-free output, in the same order', async () => {
    const clean = await startMyGeneReplica();
    const faulty = await startMyGeneReplica();
    try {
      faulty.failFirst = (first) => Number(/\d+/.exec(first)?.[0] ?? 0) % 7000 < 1000; // 15 of 100 batches
      const run = (url: string) =>
        new MyGene({ baseUrl: `${url}/v3`, retry: RETRY, timeout: 10_000, concurrency: 4 }).queryMany(terms, { scopes: 'symbol', species: 'human' });
      const expected = await run(clean.url);
      const actual = await run(faulty.url);
      expect(faulty.failedOnce).toBeGreaterThanOrEqual(10);
      expect(faulty.posts).toBe(100 + faulty.failedOnce);
      expect(clean.posts).toBe(100);
      expect(actual.hits.length).toBe(expected.hits.length);
      expect(JSON.stringify(actual.hits)).toBe(JSON.stringify(expected.hits));
      expect(actual.missing).toEqual(expected.missing);
      expect(actual.duplicates).toEqual(expected.duplicates);
      expect([...actual.byQuery.keys()]).toEqual([...expected.byQuery.keys()]);
      // Input order, every term answered once.
      const seen = new Set(actual.hits.map((h) => h.query));
      for (const term of actual.missing) seen.add(term);
      expect(seen.size).toBe(terms.length);
      const missing = new Set(actual.missing);
      expect([...new Set(actual.hits.map((h) => h.query))]).toEqual(terms.filter((t) => !missing.has(t)));
    } finally {
      await clean.close();
      await faulty.close();
    }
  });
});

describe('InterMine streaming that fails part-way', () => {
  const modelJson = fixtureJson(intermineFixtures(), '/service/model');
  const query = (mine: InterMine) => mine.query('Gene').select('symbol', 'primaryIdentifier', 'length');

  async function consume(mine: InterMine): Promise<{ n: number; error: unknown }> {
    let n = 0;
    try {
      for await (const _row of mine.rows(query(mine))) n++;
      return { n, error: undefined };
    } catch (error) {
      return { n, error };
    }
  }

  it('a complete stream yields every row (control)', async () => {
    const replica = await startInterMineReplica({ model: modelJson, rows: 20_000, ending: 'success' });
    try {
      const { n, error } = await consume(new InterMine({ baseUrl: replica.baseUrl, retry: RETRY, timeout: 5000 }));
      expect(error).toBeUndefined();
      expect(n).toBe(20_000);
    } finally {
      await replica.close();
    }
  });

  it('wasSuccessful:false in the trailer after HTTP 200: the iterator throws a typed error', async () => {
    const replica = await startInterMineReplica({ model: modelJson, rows: 20_000, ending: 'trailer-failure' });
    try {
      const { n, error } = await consume(new InterMine({ baseUrl: replica.baseUrl, retry: RETRY, timeout: 5000 }));
      expect(n).toBe(20_000);
      expect(isServerError(error)).toBe(true);
      expect((error as Error).message).toMatch(/Service failed/);
    } finally {
      await replica.close();
    }
  });

  it('connection reset after 500,000 rows: the iterator throws, never a silent short result', async () => {
    const replica = await startInterMineReplica({ model: modelJson, rows: 500_000, ending: 'reset' });
    try {
      const { n, error } = await consume(new InterMine({ baseUrl: replica.baseUrl, retry: RETRY, timeout: 5000 }));
      expect(replica.rowsSent).toBe(500_000);
      expect(n).toBeLessThanOrEqual(500_000);
      expect(isBioHttpError(error)).toBe(true);
      expect(isNetworkError(error), String(error)).toBe(true);
      // Nearly every row reached the caller before the break — then the loop threw, not ended.
      expect(n).toBeGreaterThanOrEqual(499_000);
      expect((error as Error).message).toMatch(/broke off|terminated|network/i);
    } finally {
      await replica.close();
    }
  }, 60_000);
});

describe('InterMine list creation interrupted by a network error', () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await startStage(intermineFixtures());
  });
  afterAll(() => stage.close());

  const create = (mine: InterMine) =>
    mine.lists.create(['eve', 'zen', 'not-a-gene'], {
      name: 'my-genes',
      type: 'Gene',
      description: 'three fly genes',
      tags: ['demo', 'fly'],
      organism: 'D. melanogaster',
    });

  it.each([['reset-before-headers'], ['reset-mid-body']] as const)('%s: one POST, a NetworkError, no automatic retry', async (fault) => {
    // A generous retry policy for reads must not apply to the list-creating POST.
    const mine = new InterMine({ baseUrl: `${stage.chaos.url}/flymine/service`, token: 'tok', retry: { limit: 5, delay: 0 }, timeout: 2000 });
    stage.chaos.plan([fault, 'ok']);
    const error = await create(mine).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    const posts = stage.chaos.log.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(await stage.chaos.drain()).toBe(0);
    // The server did receive it once (reset-mid-body: the list exists); a caller retrying by hand sees it.
    if (fault === 'reset-mid-body') expect(posts[0]?.step).toBe('reset-mid-body');
  });
});
