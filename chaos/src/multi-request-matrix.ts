// The multi-request matrix's shared machinery (test/multi-request*.test.ts): the faults, one
// read cell (a fault in the middle of an operation, compared with the fault-free run), the
// partition check of a chunked write, and the file's report and leak accounting.
import { isAbortError, isBatchError, isBioError, isTimeoutError } from '@bio/core-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, type Step, stepName } from './chaos-server.js';
import { activeResources, leakedResources, type SimulatorStage, trapUnhandled } from './harness.js';

/** Retry of every matrix client: the family's policy, no waiting. */
export const RETRY = { limit: 2, delay: 0, maxRetryAfter: 0 };

/** A step of this matrix, or `abort`: the caller's signal aborts when the request `at` is sent. */
export type Cell = Step | 'abort';

/** The faults of every paged read. */
export const READ_FAULTS: Cell[] = [
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
/** The faults of every chunked write (a write is never retried: each must end in books, not a repeat). */
export const WRITE_FAULTS: Cell[] = [
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
/** Faults a read must recover from under the default policy (idempotent, no answer or a retryable status). */
export const MUST_RECOVER: ReadonlySet<Cell> = new Set<Cell>(['reset-before-headers', '500', '503', '503-retry-after', '429-retry-after-seconds', '408']);
/** {@link MUST_RECOVER} without some faults (a client that never retries a 500, …). */
export const recoverExcept = (...cells: Cell[]): ReadonlySet<Cell> => new Set([...MUST_RECOVER].filter((c) => !cells.includes(c)));

/**
 * A service's own error answer (its dialect), in place of the upstream's answer, and what the
 * client must make of it: a typed error (`is`) whose message carries the server's words (`says`).
 * Dialect answers here are statuses no policy retries: the operation must fail with them.
 */
export interface Dialect extends Answer {
  is: (error: unknown) => boolean;
  says: string;
}

/** A {@link Dialect} answer: `body` as JSON unless a string (then `contentType`, HTML by default). */
export function dialect(
  label: string,
  answer: { status: number; body: unknown; contentType?: string },
  expected: { is: (error: unknown) => boolean; says: string },
): Dialect {
  const text = typeof answer.body === 'string';
  return {
    label,
    status: answer.status,
    headers: { 'content-type': answer.contentType ?? (text ? 'text/html; charset=utf-8' : 'application/json') },
    body: text ? (answer.body as string) : JSON.stringify(answer.body),
    ...expected,
  };
}

/** Is this cell a service's error answer? */
export const isDialect = (cell: Cell): cell is Dialect => typeof cell === 'object' && 'says' in cell;

/** A typed error of the dialect, carrying the server's words in its message. */
export function expectDialectError(error: unknown, fault: Dialect): void {
  expect(fault.is(error), `${fault.label}: ${String(error)}`).toBe(true);
  expect(String((error as Error).message)).toContain(fault.says);
}

/** The name of a cell in reports and test titles. */
export const cellName = (cell: Cell): string => (cell === 'abort' ? 'abort' : stepName(cell));

/** What one run delivered. */
export interface Outcome<T> {
  items: T[];
  error: unknown;
}

/** How a cell's client is called: the call's signal and a hook seeing every request sent. */
export interface CallHooks {
  signal?: AbortSignal | undefined;
  onRequest: () => void;
}

/** A read operation of the matrix. */
export interface ReadOp<T> {
  /** Build a client (retry and timeout of the matrix) on the stage, with the call's signal and a request counter. */
  run(stage: SimulatorStage, call: CallHooks): AsyncIterable<T>;
  /** Items are compared as JSON (order kept) unless a key is given. */
  key?: (item: T) => string;
  /**
   * Under `trickle` (a body slower in total than the timeout, never idle that long): a buffered
   * read `times-out` (the per-attempt timeout covers reading the body; a TimeoutError, not
   * retried), a streamed one `completes` (the timeout bounds each wait for the next chunk).
   */
  slow?: 'times-out' | 'completes';
  /** More checks of a failed run (e.g. what the error says it delivered). */
  checkError?: (error: unknown, outcome: Outcome<T>, baseline: T[], cell: Cell) => void;
}

/** Iterate to the end or the first error. */
export async function consume<T>(iterable: AsyncIterable<T>): Promise<Outcome<T>> {
  const items: T[] = [];
  try {
    for await (const item of iterable) items.push(item);
    return { items, error: undefined };
  } catch (error) {
    return { items, error };
  }
}

/** A promise-returning call as an iterable of what it resolves to (delivered only on success). */
export async function* itemsOf<T>(result: Promise<Iterable<T>>): AsyncGenerator<T> {
  yield* await result;
}

/** The plan that puts `fault` on request `at` (0-based) and `ok` around it; `abort` is all `ok`. */
export function planAt(fault: Cell, at: number): Step[] {
  return fault === 'abort' ? ['ok'] : [...Array.from({ length: at }, () => 'ok' as const), fault, 'ok'];
}

/** Call hooks that abort the call's signal as request `at` is sent, when `fault` is `abort`. */
export function abortAt(fault: Cell, at: number): CallHooks & { controller: AbortController } {
  const controller = new AbortController();
  let sent = 0;
  return {
    controller,
    signal: controller.signal,
    onRequest: () => {
      if (fault === 'abort' && sent === at) controller.abort();
      sent++;
    },
  };
}

/** Plan `fault` at request `at` (0-based) and run; `abort` aborts the call's signal as request `at` is sent. */
export async function runCell<T>(stage: SimulatorStage, op: ReadOp<T>, fault: Cell, at: number): Promise<Outcome<T>> {
  const hooks = abortAt(fault, at);
  stage.chaos.plan(planAt(fault, at));
  return consume(op.run(stage, hooks));
}

/**
 * One read cell on its own (a known-bugs/ reproduction): a fresh stage, the fault-free run, then
 * the run with `fault` at its middle request, as {@link Matrix.describeReads} does.
 */
export async function readUnderFault<T>(
  setup: () => Promise<{ stage: SimulatorStage }>,
  op: ReadOp<T>,
  fault: Cell,
): Promise<{ baseline: T[]; outcome: Outcome<T> }> {
  const { stage } = await setup();
  try {
    await runCell(stage, op, 'ok', 0); // warm-up, as in describeReads
    const control = await runCell(stage, op, 'ok', 0);
    expect(control.error).toBeUndefined();
    const outcome = await runCell(stage, op, fault, Math.floor(stage.chaos.log.length / 2));
    return { baseline: control.items, outcome };
  } finally {
    await stage.close();
  }
}

/** What a read cell may end with, given the fault-free items. */
export function expectReadOutcome<T>(outcome: Outcome<T>, baseline: T[], fault: Cell, op: ReadOp<T>, mustRecover: ReadonlySet<Cell>): void {
  const { items, error } = outcome;
  const json = (list: T[]) => list.map((x) => (op.key ? op.key(x) : JSON.stringify(x)));
  if (fault === 'trickle' && op.slow !== undefined) {
    const timedOut = (e: unknown) => isTimeoutError(e) || (isBatchError(e) && isTimeoutError(e.errors[0]?.error));
    if (op.slow === 'completes') expect(error, String(error)).toBeUndefined();
    else expect(timedOut(error), String(error)).toBe(true);
  }
  if (error === undefined) {
    expect(fault === 'abort' || isDialect(fault), 'a fault the client cannot repair must not end quietly').toBe(false);
    expect(json(items)).toEqual(json(baseline));
    return;
  }
  expect(mustRecover.has(fault), `${String(error)}`).toBe(false);
  expect(isBioError(error), String(error)).toBe(true);
  if (fault === 'abort') expect(isAbortError(error), String(error)).toBe(true);
  if (isDialect(fault)) expectDialectError(error, fault);
  // A prefix of the fault-free items (all of them when the failure came after the last row).
  expect(items.length).toBeLessThanOrEqual(baseline.length);
  expect(json(items)).toEqual(json(baseline.slice(0, items.length)));
  op.checkError?.(error, outcome, baseline, fault);
}

/** The books of a stopped chunked write: `failed` is the chunk that failed (refused or unknown). */
export interface WriteBooks<R> {
  written: readonly R[];
  failed: readonly R[];
  /** The rows of `failed` whose answer was lost: perhaps written. */
  unknown: readonly R[];
  unsent: readonly R[];
}

/**
 * A stopped chunked write's books against the input and the service's state: they partition the
 * input (each row once, in input order: written, failed, unsent), `unknown` is part of `failed`,
 * what is written is applied, what was refused or never sent is not (an unknown row may be either).
 */
export function expectPartition<R>(books: WriteBooks<R>, input: readonly R[], idOf: (row: R) => string, applied: (id: string) => boolean): void {
  const ids = (rows: readonly R[]) => rows.map(idOf);
  expect([...ids(books.written), ...ids(books.failed), ...ids(books.unsent)]).toEqual(ids(input));
  const unknown = new Set(ids(books.unknown));
  expect([...unknown].filter((id) => !ids(books.failed).includes(id))).toEqual([]);
  expect(ids(books.written).filter((id) => !applied(id))).toEqual([]);
  expect(ids(books.failed).filter((id) => !unknown.has(id) && applied(id))).toEqual([]);
  expect(ids(books.unsent).filter(applied)).toEqual([]);
}

/** One matrix file: its results, known bugs, report and leak checks. */
export interface Matrix {
  /** Run `body` as the cell `cell` of `op`, recording whether it passed. */
  record(op: string, cell: string, body: () => Promise<void>): Promise<void>;
  /** Is this cell a known bug (reported 🐞, not run)? */
  isKnownBug(op: string, cell: string): boolean;
  /** A read operation under every fault in `faults`, at the middle request of the fault-free run. */
  describeReads<T>(
    name: string,
    setup: () => Promise<{ stage: SimulatorStage; reset?: () => void; minItems: number }>,
    op: ReadOp<T>,
    faults: readonly Cell[],
    mustRecover?: ReadonlySet<Cell>,
  ): void;
}

/**
 * Install a matrix file's hooks (unhandled-rejection trap, resource baseline; at the end the
 * report — cells, passes, 🐞 known bugs — and no leaked socket or timer) and return its helpers.
 * `knownBugs` maps `"<op> × <cell>"` to the known-bugs/ file reproducing it.
 */
export function multiRequestMatrix(title: string, knownBugs: Record<string, string>): Matrix {
  const results: { op: string; cell: string; pass: boolean }[] = [];
  const trap = trapUnhandled();
  let before: Record<string, number>;
  beforeAll(() => {
    before = activeResources();
  });
  afterAll(async () => {
    trap.stop();
    const pass = results.filter((r) => r.pass).length;
    const bugs = Object.entries(knownBugs);
    const ops = [...new Set(results.map((r) => r.op))];
    console.log(
      `${title}: ${results.length + bugs.length} cells, ${pass} pass, ${bugs.length} 🐞 known bugs\n` +
        bugs.map(([cell, file]) => `  🐞 ${cell} (${file})\n`).join('') +
        ops.map((op) => `  ${op}: ${results.filter((r) => r.op === op && r.pass).length}/${results.filter((r) => r.op === op).length}`).join('\n'),
    );
    expect(trap.errors).toEqual([]);
    expect(await leakedResources(before, 100)).toEqual({});
  });

  const record = async (op: string, cell: string, body: () => Promise<void>): Promise<void> => {
    let pass = false;
    try {
      await body();
      pass = true;
    } finally {
      results.push({ op, cell, pass });
    }
  };
  const isKnownBug = (op: string, cell: string) => `${op} × ${cell}` in knownBugs;

  function describeReads<T>(
    name: string,
    setup: () => Promise<{ stage: SimulatorStage; reset?: () => void; minItems: number }>,
    op: ReadOp<T>,
    faults: readonly Cell[],
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
        // A first run warms the simulator and the client's code paths (a cold first request on
        // a loaded machine can take longer than the matrix's short timeout), then the baseline.
        await runCell(stage, op, 'ok', 0);
        const control = await runCell(stage, op, 'ok', 0);
        expect(control.error).toBeUndefined();
        baseline = control.items;
        requests = stage.chaos.log.length;
        expect(baseline.length).toBeGreaterThanOrEqual(s.minItems);
        expect(requests).toBeGreaterThanOrEqual(2);
      }, 60_000);
      afterAll(() => stage?.close());

      const run = faults.filter((f) => !isKnownBug(name, cellName(f))).map((f) => [cellName(f), f] as const);
      it.each(run)('%s in the middle', (label, fault) =>
        record(name, label, async () => {
          reset?.();
          const outcome = await runCell(stage, op, fault, Math.floor(requests / 2));
          expectReadOutcome(outcome, baseline, fault, op, mustRecover);
          // A read that timed out on a slow body is not sent again.
          if (fault === 'trickle' && op.slow === 'times-out') expect(stage.chaos.log.length).toBeLessThanOrEqual(requests);
          expect(await stage.chaos.drain()).toBe(0);
        }),
      );
    });
  }

  return { record, isKnownBug, describeReads };
}
