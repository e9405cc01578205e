import {
  type CallOptions,
  containsHtmlDocument,
  CsvHtmlDocumentScan,
  type HttpClient,
  jsonArrayItems,
  lines,
  type ListOptions,
  type Paged,
  ResponseFormatError,
  ValidationError,
} from '@bio/core-http';
import { deferred } from './internal/deferred.js';
import { interMineErrorInBody, parseErrorLine, streamError } from './internal/errors.js';
import { callOpt } from './internal/request-options.js';
import { streamedPaged } from './internal/streamed-paged.js';
import { RescuableBody, rescued } from './internal/trailer-rescue.js';
import type { Query } from './query.js';

/** The fields of a results request (`query`, `format`, `start`, `size`, …); `undefined` ones are left out. */
export type Form = Record<string, string | string[] | number | undefined>;

import type { Cell } from './cell.js';
export type { Cell };

/**
 * Options of `mine.rows()`, `mine.records()` and a template's `rows()`/`records()`.
 *
 * @example
 * ```ts
 * mine.rows(q, { start: 10, max: 5 });            // one request, rows 10..14
 * mine.rows(q, { pageSize: 10_000 });             // every row, 10 000 per request, stable order
 * ```
 */
export interface RowsOptions extends ListOptions {
  /** First row (0-based). Default 0. */
  start?: number | undefined;
}

/**
 * Flat result formats, each streamed as lines.
 *
 * @example
 * ```ts
 * const format: TextFormat = 'gff3';
 * ```
 */
export type TextFormat = 'tsv' | 'csv' | 'fasta' | 'gff3' | 'bed';

/**
 * Options of the text formats (`tsv`, `csv`, `fasta`, `gff3`, `bed`).
 *
 * @example
 * ```ts
 * mine.tsv(q, { headers: 'friendly', max: 100 });
 * mine.fasta(q, { extension: '5kbp' });
 * ```
 */
export interface TextOptions extends CallOptions {
  /** TSV/CSV: first row (0-based). The bio formats cannot be paged. */
  start?: number | undefined;
  /** TSV/CSV: how many rows at most (1 or more). */
  max?: number | undefined;
  /** TSV/CSV: column headers — `true`/`'friendly'` for display names, `'path'` for paths. Default none. */
  headers?: boolean | 'friendly' | 'path' | undefined;
  /** FASTA: flanking region, e.g. `'5kbp'`. */
  extension?: string | undefined;
  /** FASTA: translate to protein. */
  translate?: boolean | undefined;
  /** BED: UCSC-compatible chromosome names (`chr2L`). Default true on the server. */
  ucscCompatible?: boolean | undefined;
  /** BED: track description. */
  trackDescription?: string | undefined;
  /** FASTA/GFF3/BED: the class path whose sequences/features to export (default: the root). */
  view?: string | undefined;
}

/**
 * Options of `mine.summarise()`.
 *
 * @example
 * ```ts
 * await mine.summarise(q, 'organism.name', { filter: 'mel', max: 10 });
 * ```
 */
export interface SummaryOptions extends CallOptions {
  /** Only values containing this text. */
  filter?: string | undefined;
  /** At most this many values (item summaries) or histogram buckets (numeric summaries); 1 or more. */
  max?: number | undefined;
}

/**
 * One bucket of a numeric column's histogram.
 *
 * @example
 * ```ts
 * const s = await mine.summarise(q, 'length');
 * if (s.kind === 'numeric') for (const { bucket, count } of s.histogram) console.log(bucket, count);
 * ```
 */
export interface HistogramBucket {
  /**
   * The bucket's number, from 1 to `buckets`: the mine cuts `min` … `max × 1.01` into `buckets`
   * equal widths, so bucket `b` holds the values from `min + (b − 1) × w` up to (not including)
   * `min + b × w`, with `w = (max × 1.01 − min) / buckets`. (PostgreSQL's `width_bucket`: when
   * `max` is 0 or below, `max × 1.01` is not above it, and values may land in 0 or `buckets + 1`.)
   */
  bucket: number;
  /** How many of the column's values fall in it (one per result row). */
  count: number;
}

/**
 * A column summary (`summaryPath`): value counts, or statistics and a histogram for numbers.
 *
 * @example
 * ```ts
 * const s = await mine.summarise(q, 'organism.name');
 * if (s.kind === 'items') for (const { item, count } of s.items) console.log(item, count);
 * const lengths = await mine.summarise(q, 'length');
 * if (lengths.kind === 'numeric') console.log(lengths.min, lengths.max, lengths.histogram);
 * ```
 */
export type ColumnSummary =
  | {
      /**
       * A summary of values: how often each occurs. A numeric column with fewer than two
       * distinct values (a null counts as one) is summarised this way too.
       */
      kind: 'items';
      /** The values with their counts, most frequent first (at most `max`; only those matching `filter`). */
      items: { item: Cell; count: number }[];
      /** Distinct values in the whole column (the server's count, or the number of items when it sends none). */
      uniqueValues: number;
      /**
       * With a `filter`: how many distinct values contain it (the header's `filteredCount`, the
       * size of the filtered summary before `max` cuts it). Absent when the server sends none.
       */
      filteredCount?: number;
    }
  | {
      /** A summary of a numeric column: statistics and a histogram. */
      kind: 'numeric';
      /** Smallest value. */
      min: number;
      /** Largest value. */
      max: number;
      /** Arithmetic mean. */
      average: number;
      /** Standard deviation (of a sample; `NaN` when the column has a single non-null value). */
      stdev: number;
      /** Distinct values in the column (a null counts as one). */
      uniqueValues: number;
      /**
       * How many buckets the range is cut into: the mine's `querySummary.no-of-bins` (20 unless
       * configured), for whole-number columns at most `max − min`. Absent when the server sends
       * no histogram.
       */
      buckets?: number;
      /**
       * The histogram: every bucket that holds a value, in bucket order (empty buckets are left
       * out; `max` cuts the list, like any summary page). Null values are in no bucket. Empty when
       * the server sends no histogram.
       */
      histogram: HistogramBucket[];
      /**
       * How many of the column's values are null: the count of the histogram row without a bucket
       * (the mine's last row). Absent when there is no such row on this page (no nulls, or `max`
       * cut it off).
       */
      nulls?: number;
    };

function nonNegativeInt(value: number | undefined, field: string): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < 0) throw new ValidationError({ message: `${field} must be a non-negative integer, got ${value}`, field });
}

/** `max` sent as `size`, which the mine refuses below 1 (`WebServiceRequestParser`: `Invalid size parameter: 0`). */
function sizeLimit(value: number | undefined): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < 1)
    throw new ValidationError({ message: `max must be a positive integer (it is sent as size, which the mine refuses below 1), got ${value}`, field: 'max' });
}

/** One request for result rows, streamed item by item with the trailer checked. */
export async function openResultItems<T>(
  http: HttpClient,
  endpoint: string,
  form: Form,
  options: CallOptions,
  map?: (item: never) => T,
): Promise<AsyncIterator<T>> {
  const stream = await http.post(endpoint, { form, idempotent: true, accept: 'application/json', ...callOpt(options) }).stream();
  const url = http.url(endpoint);
  const failure = (trailer: Record<string, unknown>, cause?: unknown): Error => {
    const { status, message } = interMineErrorInBody(trailer)!;
    return streamError({ status, message, method: 'POST', url, body: trailer, cause });
  };
  const body = new RescuableBody(stream, options.signal);
  const items = jsonArrayItems<never>(body, 'results', {
    ...callOpt({ signal: options.signal }),
    onTrailer: (trailer) => {
      if (trailer.wasSuccessful === false) throw failure(trailer);
    },
  })[Symbol.asyncIterator]();
  // A failure after a dangling comma is not JSON: read the trailer from the end of the body.
  return rescued<never, T>(items, body, failure, map);
}

/**
 * The rows of `endpoint` as a {@link Paged}: `form()` gives the request's fields (computed once,
 * e.g. after validating the query), each response is streamed, `count()` answers `total()`.
 */
export function resultsPaged<T>(
  http: HttpClient,
  endpoint: string,
  form: () => Promise<Form>,
  options: RowsOptions,
  count: () => Promise<number>,
  map?: (item: never) => T,
): Paged<T> {
  nonNegativeInt(options.start, 'start');
  let fields: Promise<Form> | undefined;
  const fieldsOnce = (): Promise<Form> => {
    fields ??= form().catch((error: unknown) => {
      fields = undefined;
      throw error;
    });
    return fields;
  };
  return streamedPaged<T>({
    start: options.start ?? 0,
    max: options.max,
    pageSize: options.pageSize,
    open: ({ start, size }) => deferred(async () => openResultItems<T>(http, endpoint, { ...(await fieldsOnce()), start, size }, options, map)),
    count,
  });
}

/** `format=jsoncount` of a results endpoint. */
export async function fetchCount(http: HttpClient, endpoint: string, form: Form, options: CallOptions): Promise<number> {
  const body = await http.post(endpoint, { form: { ...form, format: 'jsoncount' }, idempotent: true, ...callOpt(options) }).json<{ count?: unknown }>();
  if (typeof body.count !== 'number') {
    throw new ResponseFormatError({
      message: `POST ${http.url(endpoint)}: the count response has no numeric "count"`,
      service: 'intermine',
      method: 'POST',
      url: http.url(endpoint),
      body,
    });
  }
  return body.count;
}

/**
 * Stream a flat-format body as lines; an `[ERROR] <code> <message>` line throws a typed error,
 * and so does an HTML page. For `csv` the mine's CSV writer quotes every cell but numbers
 * (`RowFormatterImpl`), so an HTML start inside a quoted cell is a value; its TSV writer leaves
 * cells bare (a quote in one is a plain character), so there any HTML start ends the answer.
 */
export async function* checkedLines(
  response: Response | ReadableStream<Uint8Array>,
  url: string,
  method: string,
  signal: AbortSignal | undefined,
  format?: 'tsv' | 'csv',
): AsyncGenerator<string> {
  let error: { status: number; message: string } | undefined;
  let extra = 0;
  let rows = 0;
  const csv = format === 'csv' ? new CsvHtmlDocumentScan() : undefined;
  for await (const line of lines(response, signal === undefined ? {} : { signal })) {
    if (error) {
      // The server writes its message unescaped: the lines after `[ERROR]` are the rest of it.
      if (++extra > MESSAGE_LINES) break;
      error.message += `\n${line}`;
      continue;
    }
    error = line.startsWith('[ERROR]') ? parseErrorLine(line) : undefined;
    if (!error && (csv ? csv.push(`${line}\n`) : containsHtmlDocument(line))) {
      // A flat format never holds an HTML document: a proxy's error page replaced the rest of the
      // answer. The rows before it were delivered; the export did not end.
      throw new ResponseFormatError({
        message: `${method} ${url}: the answer turned into an HTML page after ${rows} lines (a proxy or server error page); the export is incomplete`,
        service: 'intermine',
        method,
        url,
      });
    }
    if (!error) {
      rows++;
      yield line;
    }
  }
  if (error) throw streamError({ ...error, message: error.message.trimEnd(), method, url });
}

/** How many lines of an `[ERROR]` message are kept (a dev-mode mine may add a stack trace). */
const MESSAGE_LINES = 200;

/** POST a form (with any extra `headers`) and stream the answer as checked lines. */
export async function* postLines(
  http: HttpClient,
  endpoint: string,
  form: Form,
  options: CallOptions,
  headers?: Record<string, string>,
): AsyncGenerator<string> {
  const stream = await http.post(endpoint, { form, idempotent: true, ...(headers ? { headers } : {}), ...callOpt(options) }).stream();
  yield* checkedLines(stream, http.url(endpoint), 'POST', options.signal);
}

/**
 * POST a form and stream the answer as checked lines, for the flat formats (TSV, CSV) whose
 * writer ends every row with a line break: the last line is held back until the answer ends, and
 * a last line without its line break is a cut row — a ResponseFormatError, never a row.
 */
async function* postWholeLines(http: HttpClient, endpoint: string, form: Form, options: CallOptions, format: 'tsv' | 'csv'): AsyncGenerator<string> {
  const stream = await http.post(endpoint, { form, idempotent: true, ...callOpt(options) }).stream();
  let endsWithLineBreak = true;
  const watched = stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        if (chunk.length > 0) endsWithLineBreak = chunk[chunk.length - 1] === 0x0a;
        controller.enqueue(chunk);
      },
    }),
  );
  let held: string | undefined;
  let delivered = 0;
  try {
    for await (const line of checkedLines(watched, http.url(endpoint), 'POST', options.signal, format)) {
      if (held !== undefined) {
        delivered++;
        yield held;
      }
      held = line;
    }
  } catch (error) {
    // A failure after the held line (an [ERROR] trailer, an HTML page, a reset): something came
    // after it, so it was whole.
    if (held !== undefined) yield held;
    throw error;
  }
  if (held === undefined) return;
  if (!endsWithLineBreak) {
    throw new ResponseFormatError({
      message: `POST ${http.url(endpoint)}: the answer ends inside a row (cut short); the ${delivered} lines before it were delivered, the rest were not`,
      service: 'intermine',
      method: 'POST',
      url: http.url(endpoint),
    });
  }
  yield held;
}

/**
 * A TSV or CSV export, whole or failed: a cut last row is an error ({@link postWholeLines}), and
 * so is an answer cut at a row end with a clean end of message — these formats have no trailer,
 * so `count()` (one more request, after the last row) tells how many rows should have come.
 */
export async function* flatExport(
  http: HttpClient,
  endpoint: string,
  form: Form,
  options: TextOptions,
  format: 'tsv' | 'csv',
  count: () => Promise<number>,
): AsyncGenerator<string> {
  let lines = 0;
  for await (const line of postWholeLines(http, endpoint, form, options, format)) {
    lines++;
    yield line;
  }
  const rows = lines - (options.headers ? 1 : 0);
  const expected = Math.max(0, Math.min((await count()) - (options.start ?? 0), options.max ?? Number.POSITIVE_INFINITY));
  if (rows < expected) {
    const url = http.url(endpoint);
    throw new ResponseFormatError({
      message: `POST ${url}: the ${format} export ended after ${rows} of ${expected} rows (the answer was cut short); the ${rows} rows before were delivered, the rest were not`,
      service: 'intermine',
      method: 'POST',
      url,
    });
  }
}

/** Check the text options of `format` before any request. */
export function checkTextOptions(format: TextFormat, options: TextOptions): void {
  nonNegativeInt(options.start, 'start');
  sizeLimit(options.max);
  if (format !== 'tsv' && format !== 'csv' && (options.start !== undefined || options.max !== undefined)) {
    throw new ValidationError({ message: `${format} exports cannot be paged (the server ignores start/size)`, field: 'start' });
  }
}

/** The endpoint and form of a text export of a prepared (validated) query. */
export function textRequest(q: Query, format: TextFormat, options: TextOptions): { endpoint: string; form: Form } {
  const form: Form = { query: q.toXML() };
  if (format === 'tsv' || format === 'csv') {
    form.format = format;
    form.start = options.start;
    form.size = options.max;
    if (options.headers) form.columnheaders = options.headers === 'path' ? 'path' : 'friendly';
    return { endpoint: 'query/results', form };
  }
  if (options.view !== undefined) form.view = options.view.startsWith(`${q.root}.`) || options.view === q.root ? options.view : `${q.root}.${options.view}`;
  if (format === 'fasta') {
    form.extension = options.extension;
    if (options.translate !== undefined) form.translate = String(options.translate);
  }
  if (format === 'bed') {
    if (options.ucscCompatible !== undefined) form.ucscCompatible = String(options.ucscCompatible);
    form.trackDescription = options.trackDescription;
  }
  return { endpoint: `query/results/${format}`, form };
}

interface SummaryBody {
  results: Record<string, unknown>[];
  uniqueValues?: number;
  filteredCount?: number;
}

/** Check summary options before any request. */
export function checkSummaryOptions(options: SummaryOptions): void {
  sizeLimit(options.max);
}

/** `summaryPath` of a prepared query that selects `path`. */
export async function fetchSummary(http: HttpClient, q: Query, path: string, options: SummaryOptions): Promise<ColumnSummary> {
  const form: Form = { query: q.toXML(), format: 'jsonrows', summaryPath: path, filterTerm: options.filter, size: options.max };
  const body = await http.post('query/results', { form, idempotent: true, ...callOpt(options) }).json<SummaryBody>();
  if (!Array.isArray(body.results) || !body.results.every((row) => typeof row === 'object' && row !== null && !Array.isArray(row))) {
    throw new ResponseFormatError({
      message: `POST ${http.url('query/results')}: the summary response has no "results" array of rows`,
      service: 'intermine',
      method: 'POST',
      url: http.url('query/results'),
      body,
    });
  }
  const results = body.results;
  const malformed = (problem: string): ResponseFormatError =>
    new ResponseFormatError({
      message: `POST ${http.url('query/results')}: ${problem}`,
      service: 'intermine',
      method: 'POST',
      url: http.url('query/results'),
      body,
    });
  const countOf = (row: Record<string, unknown>): number => {
    if (typeof row.count !== 'number') throw malformed(`a summary row has no numeric "count": ${JSON.stringify(row)}`);
    return row.count;
  };
  const first = results[0];
  if (first && 'max' in first && 'min' in first) {
    // The mine sends one row per histogram bucket (QueryResultService with JSONSummaryProcessor
    // over MainHelper.getHistogram): every row repeats the statistics and the number of buckets,
    // then names its bucket and how many values it holds. The row of the null values has no
    // bucket (the processor's JSONObject leaves out null values): they are in no bucket.
    const histogram: HistogramBucket[] = [];
    let nulls: number | undefined;
    for (const row of results) {
      const count = countOf(row);
      if (row.bucket === undefined || row.bucket === null) {
        nulls = (nulls ?? 0) + count;
        continue;
      }
      if (typeof row.bucket !== 'number') throw malformed(`a histogram row has a bucket that is not a number: ${JSON.stringify(row)}`);
      histogram.push({ bucket: row.bucket, count });
    }
    const buckets = Number(first.buckets);
    return {
      kind: 'numeric',
      min: Number(first.min),
      max: Number(first.max),
      average: Number(first.average),
      stdev: Number(first.stdev),
      uniqueValues: body.uniqueValues ?? Number(first.uniqueValues ?? 0),
      ...(first.buckets !== undefined && first.buckets !== null && Number.isFinite(buckets) ? { buckets } : {}),
      histogram,
      ...(nulls === undefined ? {} : { nulls }),
    };
  }
  return {
    kind: 'items',
    items: results.map((row) => {
      const count = countOf(row);
      // The null value's row has no "item": JSONSummaryProcessor builds each row as an org.json
      // JSONObject from a map, and JSONObject(Map) leaves out null values.
      const item = row.item ?? null;
      if (item !== null && typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean')
        throw malformed(`a summary item is not a string, number or boolean: ${JSON.stringify(row)}`);
      return { item, count };
    }),
    uniqueValues: body.uniqueValues ?? results.length,
    // QueryResultService.runResults puts `filteredCount` (the filtered summary's size) in the
    // header whenever a filterTerm was sent.
    ...(typeof body.filteredCount === 'number' ? { filteredCount: body.filteredCount } : {}),
  };
}
