// Data-loss proofs: under failures, every row is accounted for, output equals the fault-free run,
// a failed stream never ends quietly, and a write is never sent twice behind the caller's back.
// The services are the clients' simulators behind the chaos proxy; what a replica used to count
// (rows written, batches and terms received) is read from the simulator's state and request log.
import { isBioHttpError, isNetworkError, isServerError, NetworkError } from '@bio/core-http';
import type { SimulatedRequest } from '@bio/core-http/testing';
import { InterMine } from '@bio/intermine';
import { fixtures as intermineFixtures, createSimulator as createInterMineSimulator } from '@bio/intermine/testing';
import { isMolgenisBatchError, Molgenis, type MolgenisBatchError } from '@bio/molgenis';
import { createSimulator as createMolgenisSimulator } from '@bio/molgenis/testing';
import { MyGene } from '@bio/mygene';
import { createSimulator as createMyGeneSimulator } from '@bio/mygene/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimulatorStage, type Stage, startSimulatorStage, startStage } from '../src/harness.js';

const RETRY = { limit: 2, delay: 0 };

/** The ids of every row each batch POST to `/api/v2/<entity>` carried, in arrival order. */
function postedIds(requests: readonly SimulatedRequest[], entity: string): string[][] {
  return requests
    .filter((r) => r.method === 'POST' && r.url.pathname === `/api/v2/${entity}`)
    .map((r) => (r.json() as { entities: { id: string }[] }).entities.map((row) => row.id));
}

describe('MOLGENIS addAll of 10,001 rows, batch 7 fails', () => {
  const rows = Array.from({ length: 10_001 }, (_, i) => ({ id: `row${String(i).padStart(5, '0')}`, value: i }));

  it('names exactly which rows were written and which were not; resuming writes each row exactly once', async () => {
    const sim = createMolgenisSimulator({
      seed: { entities: { bulk_rows: { meta: { idAttribute: 'id', attributes: { id: { fieldType: 'STRING' }, value: { fieldType: 'INT' } } } } } },
    });
    const stage = await startSimulatorStage(sim);
    try {
      const m = new Molgenis({ baseUrl: stage.baseUrl, retry: RETRY, timeout: 5000 });
      await m.login('admin', sim.users.admin?.password ?? '');
      const stored = () => [...(sim.state.entities.get('bulk_rows')?.rows.keys() ?? [])];
      sim.faults.set({ every: 7, status: 500 }); // the 7th batch POST is refused before anything is stored
      const error = (await m.addAll('bulk_rows', rows).catch((e: unknown) => e)) as MolgenisBatchError<(typeof rows)[number]>;
      sim.faults.clear();
      expect(isMolgenisBatchError(error)).toBe(true);
      const posts = postedIds(sim.requests, 'bulk_rows');
      expect(posts).toHaveLength(7); // stopped at the failure: nothing sent after it, nothing resent
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
      // The service agrees with the error, row by row.
      expect(stored().sort()).toEqual(error.processed.map((r) => r.id));

      // Resume with the remainder.
      const ids = await m.addAll('bulk_rows', error.notWritten);
      expect(ids).toEqual(rows.slice(6000).map((r) => r.id));
      expect(postedIds(sim.requests, 'bulk_rows')).toHaveLength(7 + 5);
      // Every row stored, and — leaving out the refused batch 7 — every row sent exactly once
      // (the simulator refuses a duplicate id, so a second write could not hide either).
      expect(stored().sort()).toEqual(rows.map((r) => r.id));
      const written = postedIds(sim.requests, 'bulk_rows')
        .filter((_, i) => i !== 6)
        .flat();
      expect(written.sort()).toEqual(rows.map((r) => r.id));
    } finally {
      await stage.close();
    }
  });
});

describe('MyGene queryMany of 100,000 terms, some batches get 503 first', () => {
  const terms = Array.from({ length: 100_000 }, (_, i) => (i % 97 === 0 ? `term ${i}, "quoted"` : `t${i}`));
  // Some terms name genes of the simulator (one or two hits each), the others are not found. Few
  // genes: the simulator matches every term against every gene (100,000 × genes, twice).
  const seed = {
    genes: Array.from({ length: 20 }, (_, k) => {
      const i = 5000 * k + 1;
      return [
        { _id: String(900_000 + k), symbol: `t${i}`, name: `gene t${i}`, taxid: 9606, entrezgene: String(900_000 + k) },
        ...(k % 4 === 0 ? [{ _id: `ENSG${String(k).padStart(11, '0')}`, symbol: `t${i}`, name: `gene t${i} (Ensembl)`, taxid: 9606 }] : []),
      ];
    }).flat(),
  };

  it('returns exactly the fault-free output, in the same order', async () => {
    const sim = createMyGeneSimulator({ seed });
    const stage = await startSimulatorStage(sim);
    try {
      const run = () =>
        new MyGene({ baseUrl: stage.baseUrl, retry: RETRY, timeout: 10_000, concurrency: 4 }).queryMany(terms, { scopes: 'symbol', species: 'human' });
      const expected = await run();
      expect(sim.requests).toHaveLength(100);
      sim.reset();
      sim.faults.set({ every: 7, status: 503, retryAfter: 0 }); // every 7th POST: 16 of the 100 batches
      const actual = await run();
      // Each 503 cost exactly one more POST: 100 batches, plus one per refused request.
      const failedOnce = Math.floor(sim.requests.length / 7);
      expect(failedOnce).toBeGreaterThanOrEqual(10);
      expect(sim.requests).toHaveLength(100 + failedOnce);
      expect(expected.hits.length).toBeGreaterThanOrEqual(seed.genes.length); // the control finds genes (some terms twice)
      expect(expected.duplicates.length).toBeGreaterThan(0);
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
      await stage.close();
    }
  }, 120_000);
});

describe('InterMine streaming that fails part-way', () => {
  /** A mine with `extra` more genes than the built-in ones (added to its state: seeding validates each one). */
  async function mineWith(extra: number): Promise<{ sim: ReturnType<typeof createInterMineSimulator>; stage: SimulatorStage; total: number }> {
    const sim = createInterMineSimulator();
    const store = sim.state.store;
    const builtIn = store.all('Gene').length;
    for (let i = 0; i < extra; i++) {
      const primaryIdentifier = `FBgn${String(i).padStart(7, '0')}x`;
      store.add({
        class: 'Gene',
        id: 20_000_000 + i,
        primaryIdentifier,
        secondaryIdentifier: null,
        symbol: `gene${i}`,
        name: null,
        description: null,
        length: 1000 + (i % 5000),
      });
    }
    return { sim, stage: await startSimulatorStage(sim), total: builtIn + extra };
  }
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
    const { stage, total } = await mineWith(20_000);
    try {
      const { n, error } = await consume(new InterMine({ baseUrl: stage.baseUrl, retry: RETRY, timeout: 5000 }));
      expect(error).toBeUndefined();
      expect(n).toBe(total);
    } finally {
      await stage.close();
    }
  });

  it('wasSuccessful:false in the trailer after HTTP 200: the iterator throws a typed error', async () => {
    const { stage, total } = await mineWith(20_000);
    try {
      stage.chaos.plan(['ok', 'trailer-failure']); // the model, then the results with a failed trailer
      const { n, error } = await consume(new InterMine({ baseUrl: stage.baseUrl, retry: RETRY, timeout: 5000 }));
      expect(stage.chaos.log.map((r) => r.step)).toEqual(['ok', 'trailer-failure']);
      expect(n).toBe(total);
      expect(isServerError(error)).toBe(true);
      expect((error as Error).message).toMatch(/Service failed/);
    } finally {
      await stage.close();
    }
  });

  it('connection reset after 500,000 rows: the iterator throws, never a silent short result', async () => {
    const { sim, stage, total } = await mineWith(500_000);
    try {
      stage.chaos.plan(['ok', 'reset-before-trailer']); // the model, then every row and no end
      // A longer timeout than the others: the simulator evaluates the query over 500,000 genes
      // before it answers (the proxy then forwards the whole answer but the trailer).
      const { n, error } = await consume(new InterMine({ baseUrl: stage.baseUrl, retry: RETRY, timeout: 30_000 }));
      expect(stage.chaos.log.map((r) => r.step)).toEqual(['ok', 'reset-before-trailer']);
      expect(sim.requests.filter((r) => r.url.pathname.endsWith('/query/results'))).toHaveLength(1);
      expect(total).toBeGreaterThanOrEqual(500_000);
      expect(n).toBeLessThanOrEqual(total);
      expect(isBioHttpError(error)).toBe(true);
      expect(isNetworkError(error), String(error)).toBe(true);
      // Nearly every row reached the caller before the break — then the loop threw, not ended.
      expect(n).toBeGreaterThanOrEqual(499_000);
      expect((error as Error).message).toMatch(/broke off|terminated|network/i);
    } finally {
      await stage.close();
    }
  }, 90_000);
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
