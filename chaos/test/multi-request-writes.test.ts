// The multi-request matrix, continued (issue 21 §1) — writes and polled server jobs: the EMX2
// client's chunked `insert`/`save`/`delete`, MOLGENIS classic `importData` (sys_ImportRun polling)
// and EMX2 async `importCsv` (`_tasks` polling), under every fault, the service's own error
// dialect mid-way and the caller's signal aborting mid-way. Reads: test/multi-request-ops.test.ts.
//
// Every cell asserts: a write completes, or its Emx2BatchError's written/refused/unknown/unsent
// rows partition the input in order, agree with the simulator (written applied, refused and
// unsent not) and are counted in its message, and no chunk is sent twice; a poll recovers, or
// its typed error names the job still running on the server (whose work is done either way); no
// socket is left carrying a request; after the file, no unhandled rejection and no extra socket
// or timer.
import { isAbortError, isNotFoundError } from '@bio/core-http';
import { type Emx2BatchError, type Emx2Row, isEmx2BatchError } from '@bio/molgenis/emx2';
import { createEmx2Simulator } from '@bio/molgenis/testing';
import { describe, expect, it } from 'vitest';
import { startSimulatorStage } from '../src/harness.js';
import {
  abortAt,
  type CallHooks,
  type Cell,
  cellName,
  dialect,
  expectDialectError,
  expectPartition,
  isDialect,
  multiRequestMatrix,
  planAt,
  READ_FAULTS,
  WRITE_FAULTS,
} from '../src/multi-request-matrix.js';
import { EMX2_TASK_DIALECT, emx2, emx2Errors, emx2ImportCase, molgenisImportCase, type PollCase, pollCell } from '../src/multi-request-ops.js';

/**
 * Cells of open client defects, reproduced in known-bugs/ (failing until fixed): printed as 🐞,
 * no test run. Delete an entry once its reproduction passes, and move the reproduction to test/.
 */
const KNOWN_BUGS: Record<string, string> = {};
const matrix = multiRequestMatrix('multi-request matrix (writes and polls)', KNOWN_BUGS);
const { record } = matrix;

// ---------------------------------------------------------------- EMX2 chunked writes

const WRITE_KINDS = ['insert', 'save', 'delete'] as const;
type WriteKind = (typeof WRITE_KINDS)[number];
const WRITE_ROWS = 350; // 4 chunks of 100
const EMX2_DUPLICATE = 'duplicate key value violates unique constraint "Sample_pkey"';
const EMX2_WRITE_DIALECT = dialect('EMX2 GraphQL errors (400)', emx2Errors(`Transaction failed: ${EMX2_DUPLICATE}`), {
  is: isEmx2BatchError,
  says: EMX2_DUPLICATE,
});

/** The rows (keys for delete) of a write, and the value that shows a row was written. */
function writeInput(kind: WriteKind): { rows: Emx2Row[]; applied: (stored: Map<string, Emx2Row>, id: string) => boolean } {
  const n = Array.from({ length: WRITE_ROWS }, (_, i) => i);
  if (kind === 'insert')
    return { rows: n.map((i) => ({ id: `N${String(i).padStart(6, '0')}`, site: 'Berlin', index: 100_000 + i })), applied: (s, id) => s.has(id) };
  const id = (i: number) => `S${String(i + 1).padStart(6, '0')}`;
  if (kind === 'save')
    return { rows: n.map((i) => ({ id: id(i), site: 'Cairo', index: -(i + 1) })), applied: (s, key) => s.get(key)?.index === -Number(key.slice(1)) };
  return { rows: n.map((i) => ({ id: id(i) })), applied: (s, key) => !s.has(key) };
}

/** One chunked write with `fault` on its third chunk (after sign-in and the metadata read). */
async function emx2WriteCell(kind: WriteKind, fault: Cell): Promise<void> {
  const sim = createEmx2Simulator({ syntheticRows: WRITE_ROWS });
  const stage = await startSimulatorStage(sim);
  try {
    let hooks: CallHooks = { onRequest: () => undefined };
    const client = emx2(stage, { onRequest: () => hooks.onRequest() });
    await client.signin('admin', sim.users.admin?.password ?? '');
    // Requests from here: the metadata, then chunks 1, 2, 3 (the fault), 4.
    hooks = abortAt(fault, 3);
    stage.chaos.plan(planAt(fault, 3));
    const { rows, applied } = writeInput(kind);
    const error = await client
      .schema('synthetic')
      .table('Sample')
      [kind](rows, { chunkSize: 100, signal: hooks.signal })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    const stored = new Map((sim.state.schemas.get('synthetic')?.tables.find((t) => t.name === 'Sample')?.rows ?? []).map((r) => [String(r.id), r as Emx2Row]));
    const idOf = (row: Emx2Row) => String(row.id);
    if (error === undefined) {
      expect(fault === 'abort' || isDialect(fault), 'must not end quietly').toBe(false);
      expect(rows.filter((r) => !applied(stored, idOf(r)))).toEqual([]);
    } else {
      expect(isEmx2BatchError(error), String(error)).toBe(true);
      const e = error as Emx2BatchError<Emx2Row>;
      expectPartition({ written: e.written, failed: e.failed, unknown: e.unknown, unsent: e.unsent }, rows, idOf, (id) => applied(stored, id));
      expect(e.written).toHaveLength(200); // chunks 1 and 2 were confirmed before the fault
      // The message says what was written, refused, unknown and left unsent.
      expect(e.message).toContain(`${e.written.length} written, ${e.refused.length} refused, ${e.unknown.length} unknown, ${e.unsent.length} unsent`);
      if (fault === 'abort') {
        // Aborted as chunk 3 went out: its answer is lost (unknown), nothing refused.
        expect(isAbortError(e.errors[0]?.error), String(e.errors[0]?.error)).toBe(true);
        expect([e.refused.length, e.unknown.length + e.unsent.length]).toEqual([0, 150]);
      }
      if (isDialect(fault)) {
        expectDialectError(error, fault);
        expect(e.refused).toHaveLength(100); // the server refused the chunk: certainly not written
      }
    }
    // Nothing was sent twice: at most the 4 chunks reached the proxy.
    const mutations = stage.chaos.log.filter((r) => r.body?.toString().includes('mutation'));
    expect(mutations.length).toBeLessThanOrEqual(4);
    expect(await stage.chaos.drain()).toBe(0);
  } finally {
    await stage.close();
  }
}

describe('EMX2 chunked writes', () => {
  for (const kind of WRITE_KINDS) {
    const faults = [...WRITE_FAULTS, 'html-mid-body' as const, EMX2_WRITE_DIALECT].filter((f) => !matrix.isKnownBug(`EMX2 ${kind}`, cellName(f)));
    it.each(faults.map((f) => [cellName(f), f] as const))(`${kind}: %s at chunk 3`, (label, fault) =>
      record(`EMX2 ${kind}`, label, () => emx2WriteCell(kind, fault)),
    );
  }
});

// ---------------------------------------------------------------- polling a server job

const POLL_CASES: { c: PollCase; faults: Cell[] }[] = [
  {
    c: molgenisImportCase,
    faults: [
      ...READ_FAULTS,
      dialect(
        'MOLGENIS {errors:[{message}]} (404)',
        { status: 404, body: { errors: [{ message: 'Unknown entity [sys_ImportRun]' }] } },
        {
          is: isNotFoundError,
          says: 'Unknown entity [sys_ImportRun]',
        },
      ),
    ],
  },
  {
    c: emx2ImportCase,
    faults: [...READ_FAULTS, EMX2_TASK_DIALECT],
  },
];

for (const { c, faults } of POLL_CASES) {
  describe(c.name, () => {
    const run = faults.filter((f) => !matrix.isKnownBug(c.name, cellName(f)));
    it.each(run.map((f) => [cellName(f), f] as const))('%s at the second poll', (label, fault) => record(c.name, label, () => pollCell(c, fault)));
  });
}
