// Known bug (found by test/multi-request-ops.test.ts, cells "IDR tableCsv × truncated-json,
// html-200, html-mid-body"): `Idr.tableCsv` (packages/idr/src/tables.ts, `tableCsv`'s `pull`)
// takes any non-JSON body as a CSV page. A page cut short with a clean end of message, an HTML
// page with HTTP 200, or a page ending in a proxy's HTML has fewer records than `limit`, so the
// stream enqueues it (HTML lines or a half record included) and closes: with the third of five
// requests faulted, the rest of the table (375–500 of its 1,000 rows) is lost without an error. A fix: refuse a body that is not `text/csv` or does not end with a
// line end (a cut record), and treat a short page as the end only when it is complete.
import { it } from 'vitest';
import { type Cell, expectReadOutcome, readUnderFault, recoverExcept } from '../src/multi-request-matrix.js';
import { tableCsvOp, tableCsvStage } from '../src/multi-request-ops.js';

it.each([['truncated-json'], ['html-200'], ['html-mid-body']] as [Cell][])('IDR tableCsv never ends quietly after %s on a middle page', async (fault) => {
  const { baseline, outcome } = await readUnderFault(tableCsvStage, tableCsvOp, fault);
  expectReadOutcome(outcome, baseline, fault, tableCsvOp, recoverExcept('500'));
});
