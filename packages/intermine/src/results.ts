import { type HttpClient, jsonArrayItems, lines, ValidationError } from '@bio/core-http';
import { deferred } from './internal/deferred.js';
import { parseErrorLine, streamError } from './internal/errors.js';
import type { Query } from './query.js';
import { signalOpt } from './internal/request-options.js';

/**
 * One cell of a result row (`format=json`): a string, number, boolean or null.
 *
 * @example
 * ```ts
 * const row: Cell[] = ['eve', 1540];
 * ```
 */
export type Cell = string | number | boolean | null;

/**
 * Options of `q.rows()` and `q.records()`.
 *
 * @example
 * ```ts
 * q.rows({ start: 10, size: 5 });            // one request, rows 10..14
 * q.rows({ pageSize: 10_000 });              // every row, 10 000 per request, stable order
 * ```
 */
export interface RowsOptions {
  /** First row (0-based). Default 0. */
  start?: number;
  /** How many rows at most. Default: all. */
  size?: number;
  /** Fetch in pages of this many rows; adds a sort on `<root>.id` when the query has none. Default: one request. */
  pageSize?: number;
  signal?: AbortSignal;
}

/**
 * Options of `q.count()` and other single-answer calls.
 *
 * @example
 * ```ts
 * await q.count({ signal: AbortSignal.timeout(5000) });
 * ```
 */
export interface CountOptions {
  signal?: AbortSignal;
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
 * q.tsv({ headers: 'friendly', size: 100 });
 * q.fasta({ extension: '5kbp' });
 * ```
 */
export interface TextOptions {
  signal?: AbortSignal;
  /** TSV/CSV: first row (0-based). The bio formats cannot be paged. */
  start?: number;
  /** TSV/CSV: how many rows at most. */
  size?: number;
  /** TSV/CSV: column headers — `true`/`'friendly'` for display names, `'path'` for paths. Default none. */
  headers?: boolean | 'friendly' | 'path';
  /** FASTA: flanking region, e.g. `'5kbp'`. */
  extension?: string;
  /** FASTA: translate to protein. */
  translate?: boolean;
  /** BED: UCSC-compatible chromosome names (`chr2L`). Default true on the server. */
  ucscCompatible?: boolean;
  /** BED: track description. */
  trackDescription?: string;
  /** FASTA/GFF3/BED: the class path whose sequences/features to export (default: the root). */
  view?: string;
}

/**
 * A column summary (`summaryPath`): value counts, or statistics for numbers.
 *
 * @example
 * ```ts
 * const s = await q.summarise('organism.name');
 * if (s.kind === 'items') for (const { item, count } of s.items) console.log(item, count);
 * ```
 */
export type ColumnSummary =
  | { kind: 'items'; items: { item: Cell; count: number }[]; uniqueValues: number }
  | { kind: 'numeric'; min: number; max: number; average: number; stdev: number; uniqueValues: number; buckets?: unknown[] };

/**
 * Options of `q.saveAsList()`.
 *
 * @example
 * ```ts
 * await q.saveAsList({ name: 'long-genes', description: 'genes over 5 kb', tags: ['demo'] });
 * ```
 */
export interface ListFromQueryOptions {
  name: string;
  description?: string;
  tags?: readonly string[];
  signal?: AbortSignal;
}

function nonNegativeInt(value: number | undefined, field: string): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < 0) throw new ValidationError({ message: `${field} must be a non-negative integer, got ${value}`, field });
}


/** One request for result rows, streamed item by item with the trailer checked. */
export function fetchResultItems<T>(
  http: HttpClient,
  endpoint: string,
  form: Record<string, string | string[] | number | undefined>,
  signal: AbortSignal | undefined,
): AsyncGenerator<T> {
  return deferred(async () => {
    const stream = await http.post(endpoint, { form, idempotent: true, accept: 'application/json', ...signalOpt(signal) }).stream();
    const url = http.url(endpoint);
    return jsonArrayItems<T>(stream, 'results', {
      ...signalOpt(signal),
      onTrailer: (trailer) => {
        if (trailer.wasSuccessful === false) {
          const status = typeof trailer.statusCode === 'number' && trailer.statusCode >= 400 ? trailer.statusCode : 500;
          const message = typeof trailer.error === 'string' && trailer.error ? trailer.error : 'the service reported wasSuccessful: false';
          throw streamError({ status, message, method: 'POST', url, body: trailer });
        }
      },
    })[Symbol.asyncIterator]();
  });
}

/**
 * Pages of `pageSize` rows, each streamed (not collected into an array as `paginateOffset`
 * would), so memory stays flat whatever the page size. Ends on a short page or after `size` rows.
 */
async function* pagedItems<T>(http: HttpClient, xml: string, format: string, start: number, size: number | undefined, pageSize: number, signal: AbortSignal | undefined): AsyncGenerator<T> {
  let offset = start;
  let remaining = size ?? Number.POSITIVE_INFINITY;
  while (remaining > 0) {
    const limit = Math.min(pageSize, remaining);
    let received = 0;
    for await (const item of fetchResultItems<T>(http, 'query/results', { query: xml, format, start: offset, size: limit }, signal)) {
      received++;
      yield item;
    }
    offset += received;
    remaining -= received;
    if (received < limit) return;
  }
}

/** `q.rows()` / `q.records()`. */
export function runRows<T>(http: HttpClient, query: Query, format: 'json' | 'jsonobjects', options: RowsOptions): AsyncGenerator<T> {
  return deferred(async () => {
    nonNegativeInt(options.start, 'start');
    nonNegativeInt(options.size, 'size');
    if (options.pageSize !== undefined && (!Number.isInteger(options.pageSize) || options.pageSize < 1)) {
      throw new ValidationError({ message: `pageSize must be a positive integer, got ${options.pageSize}`, field: 'pageSize' });
    }
    const q = await query.prepare(options.signal);
    const start = options.start ?? 0;
    if (options.pageSize === undefined) {
      return fetchResultItems<T>(http, 'query/results', { query: q.toXML(), format, start, size: options.size }, options.signal);
    }
    // Pages must not overlap or skip rows: without a sort the server's order is not stable.
    if (q.sortOrder.length === 0) q.orderBy(`${q.root}.id`, 'asc');
    return pagedItems<T>(http, q.toXML(), format, start, options.size, options.pageSize, options.signal);
  });
}

/** `q.count()`. */
export async function runCount(http: HttpClient, query: Query, options: CountOptions): Promise<number> {
  const q = await query.prepare(options.signal);
  const body = await http.post('query/results', { form: { query: q.toXML(), format: 'jsoncount' }, idempotent: true, ...signalOpt(options.signal) }).json<{ count: number }>();
  if (typeof body.count !== 'number') throw new ValidationError({ message: 'count: the response has no numeric "count"' });
  return body.count;
}

/** Stream a flat-format body as lines; an `[ERROR] <code> <message>` line throws a typed error. */
export async function* checkedLines(response: Response | ReadableStream<Uint8Array>, url: string, method: string, signal: AbortSignal | undefined): AsyncGenerator<string> {
  for await (const line of lines(response, signalOpt(signal))) {
    // The error line is the last one; leaving the loop cancels the body.
    const error = line.startsWith('[ERROR]') ? parseErrorLine(line) : undefined;
    if (error) throw streamError({ ...error, method, url });
    yield line;
  }
}

/** `q.tsv()`, `q.csv()`, `q.fasta()`, `q.gff3()`, `q.bed()`. */
export async function* runText(http: HttpClient, query: Query, format: TextFormat, options: TextOptions): AsyncGenerator<string> {
  nonNegativeInt(options.start, 'start');
  nonNegativeInt(options.size, 'size');
  const q = await query.prepare(options.signal);
  let endpoint = 'query/results';
  const form: Record<string, string | number | undefined> = { query: q.toXML() };
  if (format === 'tsv' || format === 'csv') {
    form.format = format;
    form.start = options.start;
    form.size = options.size;
    if (options.headers) form.columnheaders = options.headers === 'path' ? 'path' : 'friendly';
  } else {
    if (options.start !== undefined || options.size !== undefined) {
      throw new ValidationError({ message: `${format} exports cannot be paged (the server ignores start/size)`, field: 'start' });
    }
    endpoint = `query/results/${format}`;
    if (options.view !== undefined) form.view = options.view.startsWith(`${q.root}.`) || options.view === q.root ? options.view : `${q.root}.${options.view}`;
    if (format === 'fasta') {
      form.extension = options.extension;
      if (options.translate !== undefined) form.translate = String(options.translate);
    }
    if (format === 'bed') {
      if (options.ucscCompatible !== undefined) form.ucscCompatible = String(options.ucscCompatible);
      form.trackDescription = options.trackDescription;
    }
  }
  const stream = await http.post(endpoint, { form, idempotent: true, ...signalOpt(options.signal) }).stream();
  yield* checkedLines(stream, http.url(endpoint), 'POST', options.signal);
}

interface SummaryBody {
  results: Record<string, unknown>[];
  uniqueValues?: number;
}

/** `q.summarise(path)`. */
export async function runSummary(http: HttpClient, query: Query, path: string, options: CountOptions & { filter?: string; size?: number }): Promise<ColumnSummary> {
  nonNegativeInt(options.size, 'size');
  const base = query.views.includes(path) ? query : query.clone().addToSelect(path);
  const q = await base.prepare(options.signal);
  const form: Record<string, string | number | undefined> = { query: q.toXML(), format: 'jsonrows', summaryPath: path, filterTerm: options.filter, size: options.size };
  const body = await http.post('query/results', { form, idempotent: true, ...signalOpt(options.signal) }).json<SummaryBody>();
  const results = Array.isArray(body.results) ? body.results : [];
  const first = results[0];
  if (first && 'max' in first && 'min' in first) {
    return {
      kind: 'numeric',
      min: Number(first.min),
      max: Number(first.max),
      average: Number(first.average),
      stdev: Number(first.stdev),
      uniqueValues: body.uniqueValues ?? Number(first.uniqueValues ?? 0),
      ...(Array.isArray(first.buckets) ? { buckets: first.buckets } : {}),
    };
  }
  return {
    kind: 'items',
    items: results.map((r) => ({ item: (r.item ?? null) as Cell, count: Number(r.count) })),
    uniqueValues: body.uniqueValues ?? results.length,
  };
}
