// The multi-request matrix: faults in the middle of operations that span requests — MyGene
// fetchAll (scroll) and multi-batch queryMany/genes, InterMine rows/records/tsv failing mid-stream
// in every shape, MOLGENIS get past 10,000 rows (concurrent pages) and addAll/updateAll/deleteList.
// The services are the clients' simulators behind the chaos proxy. Each cell: the fault once, in
// the middle of the operation, then `ok`. Every cell asserts
//   - a read either ends with exactly the fault-free items (none lost, none duplicated, same order)
//     or throws a typed BioError after delivering a prefix of them — never a quiet short result;
//     faults the client's retry policy covers (network errors before an answer, 408/429/5xx) must
//     end with the full result;
//   - a write either completes (every row stored once) or throws MolgenisBatchError whose
//     written/refused/unknown/not-sent rows partition the input, in order, and agree with what
//     the simulator stored;
//   - no socket is left carrying a request; after the file, no extra socket or timer.
import { Idr } from '@bio/idr';
import { createSimulator as createIdrSimulator } from '@bio/idr/testing';
import { InterMine } from '@bio/intermine';
import { failAfter } from '@bio/intermine/testing';
import { isMolgenisBatchError, Molgenis, type MolgenisBatchError, type Row } from '@bio/molgenis';
import { createSimulator as createMolgenisSimulator } from '@bio/molgenis/testing';
import { isScrollExpiredError, MyGene } from '@bio/mygene';
import type { createSimulator as createMyGeneSimulator } from '@bio/mygene/testing';
import { isBioError } from '@bio/core-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimulatorStage, startSimulatorStage } from '../src/harness.js';
import { GENES, intermineStage, molgenisMeta, mygeneStage, seedRows } from '../src/stages.js';
import {
  type Cell,
  consume,
  expectPartition,
  itemsOf,
  multiRequestMatrix,
  type Outcome,
  planAt,
  READ_FAULTS,
  RETRY,
  recoverExcept,
  WRITE_FAULTS,
} from '../src/multi-request-matrix.js';

const TIMEOUT = 1500;
const STREAM_FAULTS: Cell[] = ['reset-mid-body', 'reset-before-trailer', 'trailer-failure', 'truncated-json', 'html-mid-body', 'stall-mid-body', 'abort'];

/**
 * Cells of open client defects, reproduced in known-bugs/ (failing until fixed): printed as 🐞,
 * no test run. Delete an entry once its reproduction passes, and move the reproduction to test/.
 */
const KNOWN_BUGS: Record<string, string> = {};
const { describeReads, record } = multiRequestMatrix('multi-request matrix', KNOWN_BUGS);

// ---------------------------------------------------------------- MyGene

describeReads(
  'MyGene fetchAll',
  mygeneStage,
  {
    run: (stage, call) =>
      new MyGene({ baseUrl: stage.baseUrl, retry: RETRY, timeout: TIMEOUT, hooks: { onRequest: call.onRequest } }).fetchAll('chaosgene', {
        fields: ['symbol'],
        signal: call.signal,
      }),
    key: (h) => (h as { _id: string })._id,
  },
  READ_FAULTS,
  // A scroll advances on every page served: after a connection failure the client cannot know
  // whether the page was served, so it ends with the typed error instead of retrying (a retry
  // could skip a page). Refusals (5xx, 429, 408) are still retried and must recover.
  recoverExcept('reset-before-headers'),
);

describe('MyGene fetchAll: the scroll expires mid-way', () => {
  let sim: ReturnType<typeof createMyGeneSimulator>;
  let stage: SimulatorStage;
  beforeAll(async () => {
    ({ sim, stage } = await mygeneStage());
  });
  afterAll(() => stage.close());

  async function expiringAfterFirstPage(restartOnExpiry: boolean): Promise<Outcome<{ _id: string }>> {
    const mg = new MyGene({ baseUrl: stage.baseUrl, retry: RETRY, timeout: TIMEOUT });
    const items: { _id: string }[] = [];
    try {
      for await (const hit of mg.fetchAll('chaosgene', { fields: ['symbol'], restartOnExpiry })) {
        items.push(hit);
        if (items.length === 1000) sim.expireScrolls(); // before page 3 is asked for (page 2 is prefetched)
      }
      return { items, error: undefined };
    } catch (error) {
      return { items, error };
    }
  }

  it('without restartOnExpiry: ScrollExpiredError says how many hits were delivered', () =>
    record('MyGene fetchAll', 'scroll expired', async () => {
      const { items, error } = await expiringAfterFirstPage(false);
      expect(isScrollExpiredError(error)).toBe(true);
      expect((error as { yielded: number }).yielded).toBe(items.length);
      expect(items.length).toBeGreaterThanOrEqual(1000);
      expect(new Set(items.map((h) => h._id)).size).toBe(items.length);
      expect(await stage.chaos.drain()).toBe(0);
    }));

  it('with restartOnExpiry: every hit exactly once', () =>
    record('MyGene fetchAll', 'scroll expired, restart', async () => {
      const { items, error } = await expiringAfterFirstPage(true);
      expect(error).toBeUndefined();
      expect(items).toHaveLength(GENES);
      expect(new Set(items.map((h) => h._id)).size).toBe(GENES);
      expect(await stage.chaos.drain()).toBe(0);
    }));
});

/** A promise-returning batch call as an iterable of its hits (delivered only on success). */
const hitsOf = <T>(result: Promise<{ hits: T[] }>) => itemsOf(result.then((r) => r.hits));

const TERMS = Array.from({ length: 2_500 }, (_, i) => (i % 3 === 0 ? `CHX${i}` : `nothing${i}`));
describeReads(
  'MyGene queryMany (3 batches)',
  async () => ({ ...(await mygeneStage()), minItems: 800 }),
  {
    run: (stage, call) =>
      hitsOf(
        new MyGene({ baseUrl: stage.baseUrl, retry: RETRY, timeout: TIMEOUT, hooks: { onRequest: call.onRequest } }).queryMany(TERMS, {
          scopes: 'symbol',
          fields: ['symbol'],
          batchSize: 1000,
          signal: call.signal,
        }),
      ),
  },
  READ_FAULTS,
);

const IDS = Array.from({ length: 2_500 }, (_, i) => String(800_000 + i));
describeReads(
  'MyGene genes (3 batches)',
  mygeneStage,
  {
    run: (stage, call) =>
      hitsOf(
        new MyGene({ baseUrl: stage.baseUrl, retry: RETRY, timeout: TIMEOUT, hooks: { onRequest: call.onRequest } }).genes(IDS, {
          fields: ['symbol'],
          batchSize: 1000,
          signal: call.signal,
        }),
      ),
  },
  READ_FAULTS,
);

// ---------------------------------------------------------------- InterMine

const geneQuery = (mine: InterMine) => mine.query('Gene').select('symbol', 'primaryIdentifier', 'length').orderBy('primaryIdentifier');
/**
 * The streamed request is the last of the operation (the model, then the results), so `at` =
 * requests / 2 lands on it for two requests: the stream shapes below are faults of that answer.
 */
const mine = (stage: SimulatorStage, call: { onRequest: () => void }) =>
  new InterMine({ baseUrl: stage.baseUrl, retry: RETRY, timeout: TIMEOUT, hooks: { onRequest: call.onRequest } });

describeReads(
  'InterMine rows (stream)',
  intermineStage,
  { run: (stage, call) => mine(stage, call).rows(geneQuery(mine(stage, call)), { signal: call.signal }) },
  STREAM_FAULTS,
);
describeReads(
  'InterMine records (stream)',
  intermineStage,
  { run: (stage, call) => mine(stage, call).records(geneQuery(mine(stage, call)), { signal: call.signal }) },
  STREAM_FAULTS,
);
describeReads(
  'InterMine tsv (text export)',
  intermineStage,
  { run: (stage, call) => mine(stage, call).tsv(geneQuery(mine(stage, call)), { signal: call.signal }) },
  ['reset-mid-body', 'truncated-json', 'html-mid-body', 'stall-mid-body', 'abort'],
);

describe('InterMine: the mine fails after some rows (trailer after a dangling comma)', () => {
  let stage: SimulatorStage;
  beforeAll(async () => {
    stage = (await intermineStage()).stage;
  });
  afterAll(() => stage.close());
  const shapes = [
    ['rows', (m: InterMine, q: ReturnType<InterMine['query']>) => m.rows(q)],
    ['records', (m: InterMine, q: ReturnType<InterMine['query']>) => m.records(q)],
    ['tsv', (m: InterMine, q: ReturnType<InterMine['query']>) => m.tsv(q)],
  ] as const;
  it.each(shapes)('%s: a typed error after exactly the rows the mine sent', (name, call) =>
    record(`InterMine ${name} failAfter`, 'wasSuccessful:false trailer', async () => {
      const m = new InterMine({ baseUrl: stage.baseUrl, retry: RETRY, timeout: TIMEOUT });
      stage.chaos.plan(['ok']);
      const q = geneQuery(m).where('symbol', '!=', failAfter(1234, { status: 500, message: 'Database connection lost' }));
      const { items, error } = await consume(call(m, q) as AsyncIterable<unknown>);
      expect(isBioError(error), String(error)).toBe(true);
      expect(String((error as Error).message)).toMatch(/Database connection lost/);
      expect(items.length).toBeLessThanOrEqual(1234 + 1); // tsv: no header line is counted as a row
      expect(items.length).toBeGreaterThanOrEqual(1234);
      expect(await stage.chaos.drain()).toBe(0);
    }),
  );
});

// ---------------------------------------------------------------- IDR

describeReads(
  'IDR images (paged)',
  async () => {
    const sim = createIdrSimulator();
    return { stage: await startSimulatorStage(sim), reset: () => sim.reset(), minItems: 4 };
  },
  {
    run: (stage, call) =>
      new Idr({ baseUrl: stage.baseUrl, retry: RETRY, timeout: TIMEOUT, hooks: { onRequest: call.onRequest } }).images(
        {},
        { pageSize: 2, signal: call.signal },
      ),
  },
  READ_FAULTS,
  // IDR never retries a 500 (OMERO.web answers 500 for failures a retry repeats: see README).
  recoverExcept('500'),
);

// ---------------------------------------------------------------- MOLGENIS

const ROWS = 25_000;
const meta = molgenisMeta;

describeReads(
  'MOLGENIS get past 10,000 rows (concurrent pages)',
  async () => {
    const sim = createMolgenisSimulator({ seed: { entities: { big: { meta, rows: seedRows(ROWS) } } } });
    return { stage: await startSimulatorStage(sim), minItems: ROWS };
  },
  {
    run: (stage, call) =>
      new Molgenis({ baseUrl: stage.baseUrl, retry: RETRY, timeout: TIMEOUT * 3, concurrency: 2, hooks: { onRequest: call.onRequest } }).get('big', {
        pageSize: 5_000,
        signal: call.signal,
      }),
    key: (r) => String((r as Row).id),
  },
  READ_FAULTS,
);

describe('MOLGENIS batch writes', () => {
  const WRITE_ROWS = 3_500; // 4 batches of 1000
  const ops = ['addAll', 'updateAll', 'deleteList'] as const;

  async function writeCell(op: (typeof ops)[number], fault: Cell) {
    const rows = seedRows(WRITE_ROWS);
    const sim = createMolgenisSimulator({ seed: { entities: { w: { meta, rows: op === 'addAll' ? [] : rows } } } });
    const stage = await startSimulatorStage(sim);
    try {
      const controller = new AbortController();
      let posts = 0;
      const m = new Molgenis({
        baseUrl: stage.baseUrl,
        retry: RETRY,
        timeout: TIMEOUT,
        signal: controller.signal,
        hooks: {
          onRequest: (e) => {
            if (e.method === 'GET') return;
            posts++;
            if (fault === 'abort' && posts === 3) controller.abort();
          },
        },
      });
      await m.login('admin', sim.users.admin?.password ?? '');
      const stored = () => sim.state.entities.get('w')?.rows as Map<string, Row>;
      // The third request after login gets the fault (the client aborts as its third write is sent).
      stage.chaos.plan(planAt(fault, 2));
      const changed = rows.map((r) => ({ ...r, value: -r.value }));
      const run =
        op === 'addAll'
          ? m.addAll('w', rows)
          : op === 'updateAll'
            ? m.updateAll('w', changed)
            : m.deleteList(
                'w',
                rows.map((r) => r.id),
              );
      const error = await run.then(
        () => undefined,
        (e: unknown) => e,
      );
      const applied = (id: string) =>
        op === 'addAll' ? stored().has(id) : op === 'updateAll' ? stored().get(id)?.value === -Number(id.slice(1)) : !stored().has(id);
      if (error === undefined) {
        expect(fault).not.toBe('abort');
        expect(rows.every((r) => applied(r.id))).toBe(true);
      } else {
        expect(isMolgenisBatchError(error), String(error)).toBe(true);
        const e = error as MolgenisBatchError<unknown>;
        const idOf = (x: unknown) => (typeof x === 'string' ? x : String((x as Row).id));
        // written, failed (refused or unknown), not sent: the input, each row once, in order.
        expectPartition(
          { written: e.processed, failed: e.failed, unknown: e.unknown, unsent: e.unprocessed },
          op === 'deleteList' ? rows.map((r) => r.id) : rows,
          idOf,
          applied,
        );
        expect(e.notWritten.every((x) => !applied(idOf(x)))).toBe(true);
      }
      // Nothing was sent twice.
      const writes = stage.chaos.log.filter((r) => r.method !== 'GET');
      expect(writes.length).toBeLessThanOrEqual(4);
      expect(await stage.chaos.drain()).toBe(0);
    } finally {
      await stage.close();
    }
  }

  for (const op of ops) {
    it.each(WRITE_FAULTS)(`${op}: %s at batch 3`, (fault) =>
      record(`MOLGENIS ${op}`, String(fault), async () => {
        await writeCell(op, fault);
      }),
    );
  }
});
