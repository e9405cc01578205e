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
import { isAbortError, isBioError } from '@bio/core-http';
import { Idr } from '@bio/idr';
import { createSimulator as createIdrSimulator } from '@bio/idr/testing';
import { InterMine } from '@bio/intermine';
import { createSimulator as createInterMineSimulator, failAfter } from '@bio/intermine/testing';
import { isMolgenisBatchError, Molgenis, type MolgenisBatchError, type Row } from '@bio/molgenis';
import { createSimulator as createMolgenisSimulator } from '@bio/molgenis/testing';
import { isScrollExpiredError, MyGene } from '@bio/mygene';
import { createSimulator as createMyGeneSimulator } from '@bio/mygene/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Step } from '../src/chaos-server.js';
import { activeResources, leakedResources, type SimulatorStage, startSimulatorStage, trapUnhandled } from '../src/harness.js';

const RETRY = { limit: 2, delay: 0, maxRetryAfter: 0 };
const TIMEOUT = 1500;

/** A fault of this matrix, or `abort`: the caller's signal aborts when the middle request is sent. */
type Cell = Step | 'abort';
const READ_FAULTS: Cell[] = [
  'reset-before-headers',
  'reset-mid-body',
  'stall-mid-body',
  '500',
  '503',
  '503-retry-after',
  '429-retry-after-seconds',
  '408',
  '413',
  'truncated-json',
  'html-200',
  'html-mid-body',
  'abort',
];
/** Faults a read must recover from under the default policy (idempotent, no answer or a retryable status). */
const MUST_RECOVER = new Set<Cell>(['reset-before-headers', '500', '503', '503-retry-after', '429-retry-after-seconds', '408']);
const STREAM_FAULTS: Cell[] = ['reset-mid-body', 'reset-before-trailer', 'trailer-failure', 'truncated-json', 'html-mid-body', 'stall-mid-body', 'abort'];

/**
 * Cells of open client defects, reproduced in known-bugs/ (failing until fixed): printed as 🐞,
 * no test run. Delete an entry once its reproduction passes, and move the reproduction to test/.
 */
const KNOWN_BUGS: Record<string, string> = {
  'InterMine tsv (text export) × truncated-json': 'known-bugs/intermine-tsv-truncated.test.ts',
};

const results: { op: string; cell: string; pass: boolean }[] = [];
const trap = trapUnhandled();
let before: Record<string, number>;
beforeAll(() => {
  before = activeResources();
});
afterAll(async () => {
  trap.stop();
  const pass = results.filter((r) => r.pass).length;
  const ops = [...new Set(results.map((r) => r.op))];
  console.log(
    `multi-request matrix: ${results.length + Object.keys(KNOWN_BUGS).length} cells, ${pass} pass, ${Object.keys(KNOWN_BUGS).length} 🐞 known bugs\n` +
      Object.entries(KNOWN_BUGS)
        .map(([cell, file]) => `  🐞 ${cell} (${file})\n`)
        .join('') +
      ops.map((op) => `  ${op}: ${results.filter((r) => r.op === op && r.pass).length}/${results.filter((r) => r.op === op).length}`).join('\n'),
  );
  expect(trap.errors).toEqual([]);
  expect(await leakedResources(before, 100)).toEqual({});
});

/** What one run delivered. */
interface Outcome<T> {
  items: T[];
  error: unknown;
}

interface ReadOp<T> {
  /** Build a client (retry and timeout of the matrix) on the stage, with the call's signal and a request counter. */
  run(stage: SimulatorStage, call: { signal?: AbortSignal | undefined; onRequest: () => void }): AsyncIterable<T>;
  /** Items are compared as JSON (order kept). */
  key?: (item: T) => string;
}

async function consume<T>(iterable: AsyncIterable<T>): Promise<Outcome<T>> {
  const items: T[] = [];
  try {
    for await (const item of iterable) items.push(item);
    return { items, error: undefined };
  } catch (error) {
    return { items, error };
  }
}

/** Plan `fault` at request `at` (0-based) and run; `abort` aborts the call's signal as request `at` is sent. */
async function runCell<T>(stage: SimulatorStage, op: ReadOp<T>, fault: Cell, at: number): Promise<Outcome<T>> {
  const controller = new AbortController();
  let sent = 0;
  const onRequest = () => {
    if (fault === 'abort' && sent === at) controller.abort();
    sent++;
  };
  stage.chaos.plan(fault === 'abort' ? ['ok'] : [...Array.from({ length: at }, () => 'ok' as const), fault, 'ok']);
  return consume(op.run(stage, { signal: controller.signal, onRequest }));
}

function describeReads<T>(
  name: string,
  setup: () => Promise<{ stage: SimulatorStage; reset?: () => void; minItems: number }>,
  op: ReadOp<T>,
  faults: Cell[],
  mustRecover: ReadonlySet<Cell> = MUST_RECOVER,
): void {
  describe(name, () => {
    let stage: SimulatorStage;
    let reset: (() => void) | undefined;
    let baseline: T[] = [];
    let requests = 0;
    beforeAll(async () => {
      const s = await setup();
      stage = s.stage;
      reset = s.reset;
      stage.chaos.plan(['ok']);
      const control = await runCell(stage, op, 'ok', 0);
      expect(control.error).toBeUndefined();
      baseline = control.items;
      requests = stage.chaos.log.length;
      expect(baseline.length).toBeGreaterThanOrEqual(s.minItems);
      expect(requests).toBeGreaterThanOrEqual(2);
    }, 60_000);
    afterAll(() => stage?.close());

    it.each(faults.filter((f) => !(`${name} × ${f}` in KNOWN_BUGS)))('%s in the middle', async (fault) => {
      let pass = false;
      try {
        reset?.();
        const at = Math.floor(requests / 2);
        const { items, error } = await runCell(stage, op, fault, at);
        const json = (list: T[]) => list.map((x) => (op.key ? op.key(x) : JSON.stringify(x)));
        if (error === undefined) {
          expect(fault, 'a fault the client cannot repair must not end quietly').not.toBe('abort');
          expect(json(items)).toEqual(json(baseline));
        } else {
          expect(mustRecover.has(fault), `${String(error)}`).toBe(false);
          expect(isBioError(error), String(error)).toBe(true);
          if (fault === 'abort') expect(isAbortError(error), String(error)).toBe(true);
          // A prefix of the fault-free items (all of them when the failure came after the last row).
          expect(items.length).toBeLessThanOrEqual(baseline.length);
          expect(json(items)).toEqual(json(baseline.slice(0, items.length)));
        }
        expect(await stage.chaos.drain()).toBe(0);
        pass = true;
      } finally {
        results.push({ op: name, cell: String(fault), pass });
      }
    });
  });
}

// ---------------------------------------------------------------- MyGene

const GENES = 2_500; // three scroll pages of 1000
function mygeneSeed() {
  return {
    genes: Array.from({ length: GENES }, (_, i) => ({
      _id: String(800_000 + i),
      symbol: `CHX${i}`,
      name: `chaosgene protein ${i}`,
      taxid: 9606,
      entrezgene: String(800_000 + i),
    })),
  };
}

describeReads(
  'MyGene fetchAll',
  async () => {
    const sim = createMyGeneSimulator({ seed: mygeneSeed(), builtIn: false });
    return { stage: await startSimulatorStage(sim), reset: () => sim.reset(), minItems: GENES };
  },
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
  new Set([...MUST_RECOVER].filter((f) => f !== 'reset-before-headers')),
);

describe('MyGene fetchAll: the scroll expires mid-way', () => {
  let sim: ReturnType<typeof createMyGeneSimulator>;
  let stage: SimulatorStage;
  beforeAll(async () => {
    sim = createMyGeneSimulator({ seed: mygeneSeed(), builtIn: false });
    stage = await startSimulatorStage(sim);
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

  it('without restartOnExpiry: ScrollExpiredError says how many hits were delivered', async () => {
    let pass = false;
    try {
      const { items, error } = await expiringAfterFirstPage(false);
      expect(isScrollExpiredError(error)).toBe(true);
      expect((error as { yielded: number }).yielded).toBe(items.length);
      expect(items.length).toBeGreaterThanOrEqual(1000);
      expect(new Set(items.map((h) => h._id)).size).toBe(items.length);
      expect(await stage.chaos.drain()).toBe(0);
      pass = true;
    } finally {
      results.push({ op: 'MyGene fetchAll', cell: 'scroll expired', pass });
    }
  });

  it('with restartOnExpiry: every hit exactly once', async () => {
    let pass = false;
    try {
      const { items, error } = await expiringAfterFirstPage(true);
      expect(error).toBeUndefined();
      expect(items).toHaveLength(GENES);
      expect(new Set(items.map((h) => h._id)).size).toBe(GENES);
      expect(await stage.chaos.drain()).toBe(0);
      pass = true;
    } finally {
      results.push({ op: 'MyGene fetchAll', cell: 'scroll expired, restart', pass });
    }
  });
});

/** A promise-returning batch call as an iterable of its hits (delivered only on success). */
async function* hitsOf<T>(result: Promise<{ hits: T[] }>): AsyncGenerator<T> {
  yield* (await result).hits;
}

const TERMS = Array.from({ length: 2_500 }, (_, i) => (i % 3 === 0 ? `CHX${i}` : `nothing${i}`));
describeReads(
  'MyGene queryMany (3 batches)',
  async () => {
    const sim = createMyGeneSimulator({ seed: mygeneSeed(), builtIn: false });
    return { stage: await startSimulatorStage(sim), reset: () => sim.reset(), minItems: 800 };
  },
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
  async () => {
    const sim = createMyGeneSimulator({ seed: mygeneSeed(), builtIn: false });
    return { stage: await startSimulatorStage(sim), reset: () => sim.reset(), minItems: GENES };
  },
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

const EXTRA_GENES = 5_000;
async function intermineStage(): Promise<{ stage: SimulatorStage; minItems: number }> {
  const sim = createInterMineSimulator();
  for (let i = 0; i < EXTRA_GENES; i++) {
    sim.state.store.add({
      class: 'Gene',
      id: 30_000_000 + i,
      primaryIdentifier: `FBgn${String(i).padStart(7, '0')}c`,
      secondaryIdentifier: null,
      symbol: `chaos${i}`,
      name: null,
      description: null,
      length: 1000 + i,
    });
  }
  return { stage: await startSimulatorStage(sim), minItems: EXTRA_GENES };
}
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
  it.each(shapes)('%s: a typed error after exactly the rows the mine sent', async (name, call) => {
    let pass = false;
    try {
      const m = new InterMine({ baseUrl: stage.baseUrl, retry: RETRY, timeout: TIMEOUT });
      stage.chaos.plan(['ok']);
      const q = geneQuery(m).where('symbol', '!=', failAfter(1234, { status: 500, message: 'Database connection lost' }));
      const { items, error } = await consume(call(m, q) as AsyncIterable<unknown>);
      expect(isBioError(error), String(error)).toBe(true);
      expect(String((error as Error).message)).toMatch(/Database connection lost/);
      expect(items.length).toBeLessThanOrEqual(1234 + 1); // tsv: no header line is counted as a row
      expect(items.length).toBeGreaterThanOrEqual(1234);
      expect(await stage.chaos.drain()).toBe(0);
      pass = true;
    } finally {
      results.push({ op: `InterMine ${name} failAfter`, cell: 'wasSuccessful:false trailer', pass });
    }
  });
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
  new Set([...MUST_RECOVER].filter((f) => f !== '500')),
);

// ---------------------------------------------------------------- MOLGENIS

const ROWS = 25_000;
const meta = { idAttribute: 'id', attributes: { id: { fieldType: 'STRING' as const }, value: { fieldType: 'INT' as const } } };
const seedRows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `r${String(i).padStart(6, '0')}`, value: i }));

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
  const WRITE_FAULTS: Cell[] = [
    'reset-before-headers',
    'reset-mid-body',
    'stall-mid-body',
    '500',
    '503-retry-after',
    '429-retry-after-seconds',
    '408',
    '413',
    'html-200',
    'truncated-json',
    'abort',
  ];
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
      stage.chaos.plan(fault === 'abort' ? ['ok'] : [...Array.from({ length: 2 }, () => 'ok' as const), fault, 'ok']);
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
        expect([...e.processed, ...e.failed, ...e.unprocessed].map(idOf)).toEqual(rows.map((r) => r.id));
        expect(e.processed.every((x) => applied(idOf(x)))).toBe(true);
        expect(e.unprocessed.every((x) => !applied(idOf(x)))).toBe(true);
        const unknown = new Set(e.unknown.map(idOf));
        expect(e.refused.every((x) => !applied(idOf(x)) || unknown.has(idOf(x)))).toBe(true);
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
    it.each(WRITE_FAULTS)(`${op}: %s at batch 3`, async (fault) => {
      let pass = false;
      try {
        await writeCell(op, fault);
        pass = true;
      } finally {
        results.push({ op: `MOLGENIS ${op}`, cell: String(fault), pass });
      }
    });
  }
});
