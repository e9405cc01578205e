// The operations of test/multi-request-ops.test.ts and test/multi-request-writes.test.ts that
// known-bugs/ reproductions share: their simulators (seeded for operations spanning requests),
// clients (the matrix's retry and timeout) and, for polled server jobs, one cell — so a
// reproduction is the matrix cell itself.
import { isAbortError, isBadRequestError, isBioError } from '@bio/core-http';
import { Idr } from '@bio/idr';
import { createSimulator as createIdrSimulator } from '@bio/idr/testing';
import { Molgenis } from '@bio/molgenis';
import { Emx2 } from '@bio/molgenis/emx2';
import { createEmx2Simulator, createSimulator as createMolgenisSimulator } from '@bio/molgenis/testing';
import { expect } from 'vitest';
import { type SimulatorStage, startSimulatorStage } from './harness.js';
import {
  abortAt,
  type CallHooks,
  type Cell,
  dialect,
  expectDialectError,
  isDialect,
  MUST_RECOVER,
  planAt,
  type ReadOp,
  RETRY,
} from './multi-request-matrix.js';
import { molgenisMeta, seedRows } from './stages.js';

/** Per attempt; `trickle` sends its body over ≈ 1.6 s, never idle more than 40 ms. */
export const TIMEOUT = 1000;

/** EMX2's error answer: HTTP 400 `{"errors":[{"message"}]}`. */
export const emx2Errors = (message: string) => ({ status: 400, body: { errors: [{ message }] } });

// ---------------------------------------------------------------- IDR

export const IMAGES = 120; // 5 chunks of 25 ids
export const imageIds = Array.from({ length: IMAGES }, (_, i) => 9_000_001 + i);
export const TABLE_ID = 7_000_001;
export const TABLE_ROWS = 1_000;

/** An IDR simulator with 120 images (every 7th without a thumbnail) and a 1,000-row OMERO.table. */
export async function idrStage(): Promise<{ stage: SimulatorStage; minItems: number }> {
  const sim = createIdrSimulator({
    seed: { images: imageIds.map((id, i) => ({ id, name: `chaos ${i}`, sizeX: 64 + (i % 5) * 8, sizeY: 64, thumbnail: i % 7 !== 3 })) },
  });
  sim.state.tables.set(TABLE_ID, {
    fileId: TABLE_ID,
    annotationId: 7_000_002,
    columns: [
      { name: 'Well', type: 'WellColumn' },
      { name: 'Gene', type: 'StringColumn' },
      { name: 'Score', type: 'DoubleColumn' },
    ],
    rows: Array.from({ length: TABLE_ROWS }, (_, i) => [100_000 + i, i % 9 === 0 ? 'has, "quotes"' : `G${i}`, i / 8]),
    addedOn: 1_700_000_000_000,
  });
  return { stage: await startSimulatorStage(sim), minItems: 4 };
}
/** An IDR client on the stage with the matrix's retry and timeout (2 requests at a time). */
export const idr = (stage: SimulatorStage, call: CallHooks) =>
  new Idr({ baseUrl: stage.baseUrl, retry: RETRY, timeout: TIMEOUT, concurrency: 2, hooks: { onRequest: call.onRequest } });

/** A byte stream as its lines (a last line without its end is yielded too: it is what arrived). */
export async function* linesOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let rest = '';
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    const lines = (rest + decoder.decode(chunk, { stream: true })).split(/\r?\n/);
    rest = lines.pop() ?? '';
    yield* lines;
  }
  rest += decoder.decode();
  if (rest !== '') yield rest;
}

/** `tableCsv` of the 1,000-row table in text pages of 250, as lines. */
export const tableCsvOp: ReadOp<string> = {
  run: (stage, call) => linesOf(idr(stage, call).tableCsv(TABLE_ID, { pageSize: 250, signal: call.signal })),
  slow: 'times-out',
};
/** {@link idrStage} for {@link tableCsvOp}: the header and every row. */
export const tableCsvStage = async () => ({ ...(await idrStage()), minItems: TABLE_ROWS + 1 });

// ---------------------------------------------------------------- MOLGENIS classic

/** A MOLGENIS classic client on the stage with the matrix's retry and timeout. */
export const molgenis = (stage: SimulatorStage, call: Partial<CallHooks>) =>
  new Molgenis({ baseUrl: stage.baseUrl, retry: RETRY, timeout: TIMEOUT, concurrency: 2, signal: call.signal, hooks: { onRequest: () => call.onRequest?.() } });

/** A MOLGENIS simulator with 1,000 rows in `big`. */
export async function molgenisCsvStage(): Promise<{ stage: SimulatorStage; minItems: number }> {
  const sim = createMolgenisSimulator({ seed: { entities: { big: { meta: molgenisMeta, rows: seedRows(1_000) } } } });
  return { stage: await startSimulatorStage(sim), minItems: 1_000 };
}
/** `csv()` of `big` in pages of 250 (a streamed read; the fourth page is full, a fifth, empty, ends it). */
export const molgenisCsvOp: ReadOp<unknown> = {
  run: (stage, call) => molgenis(stage, call).csv('big', { pageSize: 250, signal: call.signal }),
  slow: 'completes',
};

// ---------------------------------------------------------------- EMX2

/** An EMX2 client on the stage with the matrix's retry and timeout. */
export const emx2 = (stage: SimulatorStage, call: Partial<CallHooks>) =>
  new Emx2({ baseUrl: stage.baseUrl, retry: RETRY, timeout: TIMEOUT, hooks: { onRequest: () => call.onRequest?.() } });

// ---------------------------------------------------------------- polling a server job

/** What a polled job is: how to start it and wait, the job's id, and whether the server did the work. */
export interface PollCase {
  name: string;
  /** A fresh service, signed in; `run` starts the job and waits for it with the cell's hooks. */
  setup(): Promise<{ stage: SimulatorStage; run: (hooks: CallHooks) => Promise<unknown>; jobId: () => string | undefined; applied: () => boolean }>;
  /** Which request (0-based, after sign-in) is the second poll. */
  at: number;
}

/**
 * A poll that fails mid-way: a fault its retry repairs ends with the finished job; otherwise a
 * typed error that names the job (it goes on on the server: the caller must be able to wait for
 * it again) — the work itself is done on the server either way.
 */
export async function pollCell(c: PollCase, fault: Cell): Promise<void> {
  const { stage, run, jobId, applied } = await c.setup();
  try {
    const hooks = abortAt(fault, c.at);
    stage.chaos.plan(planAt(fault, c.at));
    const error = await run(hooks).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (error === undefined) {
      expect(fault === 'abort' || isDialect(fault), 'must not end quietly').toBe(false);
    } else {
      expect(MUST_RECOVER.has(fault), String(error)).toBe(false);
      expect(isBioError(error), String(error)).toBe(true);
      if (fault === 'abort') expect(isAbortError(error), String(error)).toBe(true);
      if (isDialect(fault)) expectDialectError(error, fault);
      const id = jobId();
      expect(id).toBeDefined();
      const e = error as Error & { url?: string };
      expect(`${e.message} ${e.url ?? ''}`, 'the error names the job still running on the server').toContain(id);
    }
    expect(applied()).toBe(true);
    expect(await stage.chaos.drain()).toBe(0);
  } finally {
    await stage.close();
  }
}

/** EMX2's error answer to a `_tasks` poll. */
export const EMX2_TASK_DIALECT = dialect(
  'EMX2 GraphQL errors (400)',
  emx2Errors('Exception while fetching data (/_tasks) : connection to the task store lost'),
  { is: isBadRequestError, says: 'connection to the task store lost' },
);

/** MOLGENIS classic `importData` of 50 rows: the upload (0), then the run read RUNNING (1, 2) and FINISHED (3). */
export const molgenisImportCase: PollCase = {
  name: 'MOLGENIS importData (sys_ImportRun polling)',
  at: 2,
  async setup() {
    const sim = createMolgenisSimulator({ seed: { entities: { imp: { meta: molgenisMeta, rows: [] } } }, importPolls: 2 });
    const stage = await startSimulatorStage(sim);
    let hooks: CallHooks = { onRequest: () => undefined };
    const m = molgenis(stage, { onRequest: () => hooks.onRequest() });
    await m.login('admin', sim.users.admin?.password ?? '');
    const rows = seedRows(50);
    return {
      stage,
      run: (h) => {
        hooks = h;
        return m.importData({ imp: rows }, { interval: 0, signal: h.signal });
      },
      jobId: () => [...sim.state.importRuns.keys()][0],
      applied: () => rows.every((r) => sim.state.entities.get('imp')?.rows.has(r.id)),
    };
  },
};

/** EMX2 async `importCsv` of 50 rows: the metadata (0), the upload (1), then `_tasks` RUNNING (2, 3) and COMPLETED (4). */
export const emx2ImportCase: PollCase = {
  name: 'EMX2 importCsv async (_tasks polling)',
  at: 3,
  async setup() {
    const sim = createEmx2Simulator({ syntheticRows: 10, taskPolls: 2 });
    const stage = await startSimulatorStage(sim);
    let hooks: CallHooks = { onRequest: () => undefined };
    const client = emx2(stage, { onRequest: () => hooks.onRequest() });
    await client.signin('admin', sim.users.admin?.password ?? '');
    const rows = Array.from({ length: 50 }, (_, i) => ({ id: `T${String(i).padStart(6, '0')}`, site: 'Delhi', index: i }));
    return {
      stage,
      run: (h) => {
        hooks = h;
        return client.schema('synthetic').table('Sample').importCsv(rows, { async: true, interval: 0, backoff: 1, signal: h.signal });
      },
      jobId: () => [...sim.state.tasks.keys()][0],
      applied: () => {
        const stored = new Set(
          sim.state.schemas
            .get('synthetic')
            ?.tables.find((t) => t.name === 'Sample')
            ?.rows.map((r) => String(r.id)),
        );
        return rows.every((r) => stored.has(r.id));
      },
    };
  },
};
