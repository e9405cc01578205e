// Known bug (found by test/multi-request-writes.test.ts, cells "EMX2 importCsv async ×
// stall-mid-body, 413, truncated-json, html-200, html-mid-body, abort, EMX2 GraphQL errors
// (400)"): when a `_tasks` poll fails (a timeout, a status no retry covers, a body that is not
// EMX2's, the caller's abort), async `importCsv`/`importZip` (packages/molgenis/src/emx2/files.ts,
// which return `waitForTask` of packages/molgenis/src/emx2/tasks.ts) reject with the bare HTTP
// error of `POST /api/graphql` — it names no task. The upload was accepted and the import goes on
// (the simulator has the rows), but the caller cannot tell that anything was written nor wait for
// the task again (`emx2.waitForTask(id)` needs the id, which only the answer to the upload had).
// MOLGENIS classic's `importData` keeps the run in the poll's URL. A fix: wrap a failed wait in
// an error carrying the task (id, last state), e.g. `Emx2TaskError` or a `cause`-wrapping error
// with `taskId`.
import { it } from 'vitest';
import { type Cell, cellName } from '../src/multi-request-matrix.js';
import { EMX2_TASK_DIALECT, emx2ImportCase, pollCell } from '../src/multi-request-ops.js';

const cells: Cell[] = ['stall-mid-body', '413', 'truncated-json', 'html-200', 'html-mid-body', 'abort', EMX2_TASK_DIALECT];
it.each(cells.map((f) => [cellName(f), f] as const))('a failed _tasks poll names the task still running (%s)', (_label, fault) =>
  pollCell(emx2ImportCase, fault),
);
