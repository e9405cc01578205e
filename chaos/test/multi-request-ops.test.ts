// The multi-request matrix, continued (issue 21 §1) — reads the first file
// (test/multi-request.test.ts) does not cover: IDR batched `thumbnails()` and bulk tables
// (`tableRows`, `tableCsv`), MOLGENIS classic `csv()` (its other paged iteration; the classic
// client has no method named `iterate`, `get()` is in the first file) and the EMX2 client's
// `rows()` paging — under every fault, each service's own error dialect mid-way (MyGene,
// InterMine and IDR `/api/v0` too), a body trickled slower than the timeout, and the caller's
// signal aborting mid-way. Writes and polled jobs: test/multi-request-writes.test.ts. Shared
// machinery: src/multi-request-matrix.ts, src/multi-request-ops.ts.
//
// Every cell asserts: a read ends with exactly the fault-free items (none lost or duplicated,
// same order) or a typed BioError after a prefix of them (retryable faults must recover; a
// dialect answer must end in the right typed error with the server's words); no socket is left
// carrying a request; after the file, no unhandled rejection and no extra socket or timer.
//
// Slow bytes — what the timeout means (ky's `timeout` is per attempt, and core-http reads a
// buffered body inside the attempt; a streamed body gets the timeout per wait for the next chunk):
//   - a buffered read (JSON pages, `tableCsv`'s text pages, EMX2 GraphQL) whose body trickles in
//     for longer than `timeout` ends with a TimeoutError after about `timeout`, not retried (the
//     server already did the work; a retry could cost attempts × timeout again) — never a hang,
//     never a quiet short result;
//   - a streamed read (MOLGENIS `csv()`, InterMine `rows`) that is never idle for `timeout`
//     completes with every row, however long it takes in total.
import { isBadRequestError, isBatchError, isNotFoundError, isServerError } from '@bio/core-http';
import { isThumbnailsError, type ThumbnailsError } from '@bio/idr';
import { InterMine } from '@bio/intermine';
import type { Emx2Row } from '@bio/molgenis/emx2';
import { createEmx2Simulator } from '@bio/molgenis/testing';
import { MyGene } from '@bio/mygene';
import { expect } from 'vitest';
import { startSimulatorStage } from '../src/harness.js';
import { type Cell, dialect, itemsOf, multiRequestMatrix, READ_FAULTS, RETRY, recoverExcept } from '../src/multi-request-matrix.js';
import {
  emx2,
  emx2Errors,
  IMAGES,
  idr,
  idrStage,
  imageIds,
  molgenisCsvOp,
  molgenisCsvStage,
  TABLE_ID,
  TABLE_ROWS,
  TIMEOUT,
  tableCsvOp,
  tableCsvStage,
} from '../src/multi-request-ops.js';
import { GENES, intermineStage, mygeneStage } from '../src/stages.js';

/** OMERO.web's error page (`handlerInternalError` → feedback `error.html`) with the view's message. */
const omeroErrorPage = (message: string) =>
  `<?xml version="1.0" encoding="iso-8859-1"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n  <title>Web - Internal Error</title>\n</head>\n<body>\n<div class="error">\n  <h1>\n    Go back to: <a href="/webclient/" target="_top">OMERO.web</a>\n  </h1>\n  <div class="error"><h1>${message}</h1></div>\n</div>\n</body>\n</html>`;
/** Django's 500 page (an exception in an OMERO.web view). */
const DJANGO_500 =
  '<!doctype html>\n<html lang="en">\n<head>\n  <title>Server Error (500)</title>\n</head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>';

/**
 * Cells of open client defects, reproduced in known-bugs/ (failing until fixed): printed as 🐞,
 * no test run. Delete an entry once its reproduction passes, and move the reproduction to test/.
 */
const KNOWN_BUGS: Record<string, string> = {};
const { describeReads } = multiRequestMatrix('multi-request matrix (more reads)', KNOWN_BUGS);

/** A BatchError whose failed batch failed with a `kind` error. */
const batchOf = (kind: (e: unknown) => boolean) => (e: unknown) => isBatchError(e) && kind(e.errors[0]?.error);

/** Every read's faults: the matrix's, and a body trickled slower than the timeout. */
const FAULTS: Cell[] = [...READ_FAULTS, 'trickle'];

// ---------------------------------------------------------------- IDR

/** IDR never retries a 500 (OMERO.web answers 500 for failures a retry repeats). */
const IDR_RECOVERS = recoverExcept('500');

/** The thumbnails as `[id, base64 | null]`, by id (a chunk's place in the map is its arrival). */
const thumbEntries = (map: Map<number, Uint8Array | null>) =>
  [...map].sort(([a], [b]) => a - b).map(([id, bytes]) => [id, bytes === null ? null : Buffer.from(bytes).toString('base64')] as const);
const THUMB_CHUNK = 25;
describeReads(
  'IDR thumbnails (batched)',
  idrStage,
  {
    run: (stage, call) => itemsOf(idr(stage, call).thumbnails(imageIds, { chunkSize: THUMB_CHUNK, signal: call.signal }).then(thumbEntries)),
    slow: 'times-out',
    // ThumbnailsError: the chunks fetched are in `thumbnails` (as in the fault-free run), the
    // failed chunk's ids in `failed`, together every id once; an abort delivers nothing (AbortError).
    checkError: (error, _outcome, baseline, cell) => {
      if (cell === 'abort') return;
      expect(isThumbnailsError(error), String(error)).toBe(true);
      const e = error as ThumbnailsError;
      expect([...e.processed, ...e.failed].sort((a, b) => a - b)).toEqual(imageIds);
      const first = imageIds.indexOf(e.failed[0] as number);
      expect(first % THUMB_CHUNK).toBe(0);
      expect(e.failed).toEqual(imageIds.slice(first, first + THUMB_CHUNK)); // one chunk, the faulted one
      expect(thumbEntries(e.thumbnails)).toEqual(baseline.filter(([id]) => e.processed.includes(id as never)));
      expect(e.message).toContain(`${e.processed.length} items processed, ${e.failed.length} failed, 0 not sent`);
    },
  },
  [
    ...FAULTS,
    dialect(
      'OMERO.web HTML error page (404)',
      { status: 404, body: omeroErrorPage('Image 9000051 not found') },
      { is: isThumbnailsError, says: 'Image 9000051 not found' },
    ),
  ],
  IDR_RECOVERS,
);

describeReads(
  'IDR tableRows (bulk table, paged)',
  async () => ({ ...(await idrStage()), minItems: TABLE_ROWS }),
  { run: (stage, call) => idr(stage, call).tableRows(TABLE_ID, { pageSize: 250, signal: call.signal }), slow: 'times-out' },
  [
    ...FAULTS,
    // webgateway's soft error: HTTP 200, {"error"}.
    dialect(
      'webgateway {error} (200)',
      { status: 200, body: { error: `Table ${TABLE_ID} not found` } },
      { is: isNotFoundError, says: `Table ${TABLE_ID} not found` },
    ),
  ],
  IDR_RECOVERS,
);

describeReads(
  'IDR tableCsv (bulk table, text pages)',
  tableCsvStage,
  tableCsvOp,
  [...FAULTS, dialect('Django HTML 500 page', { status: 500, body: DJANGO_500 }, { is: isServerError, says: 'Server Error (500)' })],
  IDR_RECOVERS,
);

describeReads(
  'IDR images (/api/v0, paged)',
  async () => ({ stage: (await idrStage()).stage, minItems: IMAGES }),
  { run: (stage, call) => idr(stage, call).images({}, { pageSize: 40, signal: call.signal }), slow: 'times-out' },
  [
    dialect(
      '/api/v0 JSON {message} (404)',
      { status: 404, body: { message: 'Dataset 51 not found', stacktrace: 'Traceback …' } },
      {
        is: isNotFoundError,
        says: 'Dataset 51 not found',
      },
    ),
    'trickle',
  ],
  IDR_RECOVERS,
);

// ---------------------------------------------------------------- MyGene, InterMine: their dialects mid-way

describeReads(
  'MyGene queryMany (3 batches)',
  async () => ({ ...(await mygeneStage()), minItems: 800 }),
  {
    run: (stage, call) =>
      itemsOf(
        new MyGene({ baseUrl: stage.baseUrl, retry: RETRY, timeout: TIMEOUT, hooks: { onRequest: call.onRequest } })
          .queryMany(
            Array.from({ length: GENES }, (_, i) => (i % 3 === 0 ? `CHX${i}` : `none${i}`)),
            { scopes: 'symbol', fields: ['symbol'], batchSize: 1000, signal: call.signal },
          )
          .then((r) => r.hits),
      ),
  },
  [
    // queryMany reports a failed batch as a BatchError (the batches before it are in `processed`).
    dialect(
      'MyGene {success:false,error} (400)',
      { status: 400, body: { success: false, error: "Expected 'size' parameter to have integer type" } },
      {
        is: batchOf(isBadRequestError),
        says: "Expected 'size' parameter to have integer type",
      },
    ),
    dialect(
      'MyGene {code,success:false,error,reason} (400)',
      {
        status: 400,
        body: { code: 400, success: false, error: 'Bad Request', keyword: 'q', max: 1000, size: 1001, reason: 'q has at most 1000 terms' },
      },
      { is: batchOf(isBadRequestError), says: 'q has at most 1000 terms' },
    ),
  ],
);

describeReads(
  'InterMine rows (stream)',
  intermineStage,
  {
    run: (stage, call) => {
      const m = new InterMine({ baseUrl: stage.baseUrl, retry: RETRY, timeout: TIMEOUT, hooks: { onRequest: call.onRequest } });
      return m.rows(m.query('Gene').select('symbol', 'primaryIdentifier').orderBy('primaryIdentifier'), { signal: call.signal });
    },
    slow: 'completes',
  },
  [
    'trickle',
    dialect(
      'InterMine {error, statusCode} (400)',
      {
        status: 400,
        body: { results: [], wasSuccessful: false, error: 'XML is well formatted but query contains errors: Gene.symbol is not in the model', statusCode: 400 },
      },
      { is: isBadRequestError, says: 'Gene.symbol is not in the model' },
    ),
  ],
);

// ---------------------------------------------------------------- MOLGENIS classic

describeReads('MOLGENIS csv() (paged CSV export)', molgenisCsvStage, molgenisCsvOp, [
  ...FAULTS,
  dialect(
    'MOLGENIS {errors:[{message}]} (400)',
    { status: 400, body: { errors: [{ message: "Unknown attribute 'valu'", code: 'D02' }] } },
    {
      is: isBadRequestError,
      says: "Unknown attribute 'valu'",
    },
  ),
]);

// ---------------------------------------------------------------- EMX2 paging

const SAMPLES = 1_000;
describeReads(
  'EMX2 rows() (concurrent pages)',
  async () => ({ stage: await startSimulatorStage(createEmx2Simulator({ syntheticRows: SAMPLES })), minItems: SAMPLES }),
  {
    run: (stage, call) => emx2(stage, call).schema('synthetic').table('Sample').rows({ pageSize: 250, concurrency: 2, signal: call.signal }),
    key: (row) => `${String((row as Emx2Row).id)} ${String((row as Emx2Row).index)}`,
    slow: 'times-out',
  },
  [
    ...FAULTS,
    dialect('EMX2 GraphQL errors (400)', emx2Errors('Exception while fetching data (/Sample) : canceling statement due to statement timeout'), {
      is: isBadRequestError,
      says: 'canceling statement due to statement timeout',
    }),
  ],
);
