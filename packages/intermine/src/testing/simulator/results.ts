// `/query/results` in every format the client asks for (json, jsonobjects, jsonrows with
// summaryPath, jsoncount, count, tsv, csv) and the bio exports `/query/results/fasta|gff3|bed`.
import { UnmatchedRequestError } from '@bio/core-http/testing';
import { badRequest, fail, JSON_TYPE, ok, Refusal, trailer } from './envelope.js';
import { type StreamFailure, takeStreamFailure, untilFailure } from './failure.js';
import { type Binding, bindings, cell, type SimQuery } from './pathquery.js';
import { type AskedFormat, askedFormats, FORMAT_PARAM, type Format, flatError, outputHeaders } from './output.js';
import { canSee, type InterMineSimulatorState } from './state.js';
import type { SimObject } from './store.js';

/** The biggest `size` the server takes (and its default). */
export const MAX_SIZE = 10_000_000;

/** The lists a caller can name in an `IN` constraint. */
export function listAccess(state: InterMineSimulatorState, user: string | undefined): (name: string) => number[] | undefined {
  return (name) => {
    const list = state.lists.get(name);
    return list && canSee(list, user) ? list.ids : undefined;
  };
}

function header(q: SimQuery, start: number): string {
  const columnHeaders = q.views.map((v) =>
    v
      .split('.')
      .map((s) => s.charAt(0).toUpperCase() + s.slice(1))
      .join(' > '),
  );
  return JSON.stringify({ modelName: 'genomic', columnHeaders, rootClass: q.root, start, views: q.views }).slice(0, -1);
}

/** About how many characters of answer text the streams below generate per read. */
const CHUNK_CHARS = 64 * 1024;

/**
 * A body generated as it is read: `parts` are joined in chunks of about {@link CHUNK_CHARS}, and
 * nothing is produced until the reader asks (so a big answer is never one string in memory). The
 * first part is taken now, so a refusal while finding the first row is still the request's error.
 */
function lazyBody(parts: Iterable<string>): ReadableStream<Uint8Array> {
  const iterator = parts[Symbol.iterator]();
  let pending = iterator.next();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        let text = '';
        while (!pending.done && text.length < CHUNK_CHARS) {
          text += pending.value;
          pending = iterator.next();
        }
        if (text.length > 0) controller.enqueue(encoder.encode(text));
        if (pending.done) controller.close();
      },
      cancel() {
        iterator.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}

/** InterMine's streaming layout: the header ends with `"results":[`, one item per line, then the trailer. */
function streamed(q: SimQuery, start: number, items: Iterable<unknown>, failure: StreamFailure | undefined): Response {
  function* parts(): Generator<string> {
    yield `${header(q, start)},"results":[\n`;
    let first = true;
    if (failure) {
      for (const step of untilFailure(items, failure)) {
        if ('fail' in step) {
          // The server wrote the comma of the last good row when its iterator said more was coming.
          yield `${first ? '' : step.more ? ',\n' : '\n'}],${JSON.stringify(trailer(failure.status, failure.message)).slice(1)}`;
          return;
        }
        yield first ? JSON.stringify(step.item) : `,\n${JSON.stringify(step.item)}`;
        first = false;
      }
    }
    for (const item of items) {
      yield first ? JSON.stringify(item) : `,\n${JSON.stringify(item)}`;
      first = false;
    }
    yield `${first ? '' : '\n'}],${JSON.stringify(trailer()).slice(1)}\n`;
  }
  return new Response(lazyBody(parts()), {
    status: 200,
    headers: { 'content-type': JSON_TYPE, 'content-disposition': 'attachment; filename="result.json"' },
  });
}

/** Rows `start` to `start + size` of a result, read lazily. */
function* page<T>(rows: Iterable<T>, start: number, size: number): Generator<T> {
  if (size === 0) return;
  let i = 0;
  for (const row of rows) {
    if (i >= start) yield row;
    i++;
    if (i >= start + size) return;
  }
}

/**
 * The same items, the first one found now: a refusal (or any failure) while finding the first row
 * is still the request's error answer, not a broken stream after a 200.
 */
function primed<T>(items: Iterable<T>): Iterable<T> {
  const iterator = items[Symbol.iterator]();
  const first = iterator.next();
  return {
    *[Symbol.iterator]() {
      if (first.done) return;
      yield first.value;
      for (let next = iterator.next(); !next.done; next = iterator.next()) yield next.value;
    },
  };
}

/** Map lazily. */
function* mapped<T, U>(items: Iterable<T>, f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}

/** Java's `Integer` parse: an optional sign, then digits, within 32 bits. */
function javaInt(raw: string): number | undefined {
  if (!/^[+-]?\d+$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= -(2 ** 31) && n < 2 ** 31 ? n : undefined;
}

/**
 * One paging parameter as `WebServiceRequestParser.parseInteger` reads it: absent or empty is the
 * default; a value that is not an integer or lies outside [min, max] is a 400 with the raw text
 * (the server's own range message is swallowed by its catch-all, so both read the same).
 */
function pagingParam(all: URLSearchParams, name: 'start' | 'size', min: number, max: number, fallback: number): number {
  const raw = all.get(name);
  if (raw === null || raw === '') return fallback;
  const n = javaInt(raw);
  if (n === undefined || n < min || n > max) badRequest(`Invalid ${name} parameter: ${raw}`, { results: [] });
  return n;
}

/** `start` (from 0) and `size` (1 to {@link MAX_SIZE}), checked before anything else of a results request. */
export function paging(all: URLSearchParams): { start: number; size: number } {
  const start = pagingParam(all, 'start', 0, 2 ** 31 - 1, 0);
  return { start, size: pagingParam(all, 'size', 1, MAX_SIZE, MAX_SIZE) };
}

/** The nested records of `format=jsonobjects`: one per root object, its views' fields and joined objects. */
function records(q: SimQuery, rows: Iterable<Binding>, state: InterMineSimulatorState): Record<string, unknown>[] {
  const model = state.store.model;
  const out = new Map<number, Record<string, unknown>>();
  const nodeOf = (parent: Record<string, unknown>, field: string, o: SimObject, collection: boolean): Record<string, unknown> => {
    if (!collection) {
      parent[field] ??= { class: o.class, objectId: o.id };
      return parent[field] as Record<string, unknown>;
    }
    parent[field] ??= [];
    const list = parent[field] as Record<string, unknown>[];
    const found = list.find((n) => n.objectId === o.id);
    if (found) return found;
    const node = { class: o.class, objectId: o.id };
    list.push(node);
    return node;
  };
  for (const row of rows) {
    const root = row.objects.get(q.root)!;
    const record = out.get(root.id) ?? { class: root.class, objectId: root.id };
    out.set(root.id, record);
    for (const view of q.views) {
      const parts = view.split('.');
      let node = record;
      let prefix = parts[0]!;
      let cls = root.class;
      let missing = false;
      for (let i = 1; i < parts.length - 1; i++) {
        prefix += `.${parts[i]}`;
        const o = row.objects.get(prefix);
        const info = model.field(cls, parts[i]!);
        if (!o || !info) {
          missing = true;
          break;
        }
        node = nodeOf(node, parts[i]!, o, info.kind === 'collection');
        cls = o.class;
      }
      // JSONResultsIterator.addFieldToMap: an `id` column is the node's objectId, never an `id` key.
      const field = parts.at(-1)!;
      if (!missing && field !== 'id') node[field] = cell(row, view, model, q);
    }
  }
  return [...out.values()];
}

function summary(q: SimQuery, rows: Iterable<Binding>, path: string, all: URLSearchParams, state: InterMineSimulatorState): Response {
  const model = state.store.model;
  const r = model.resolve(path, q.subclasses);
  if (!r?.attribute || !q.views.includes(path)) badRequest(`${path} is not in the view list of this query`, { results: [] });
  const values = Array.from(rows, (row) => cell(row, path, model, q));
  const distinct = new Map<string, { item: unknown; count: number }>();
  for (const v of values) {
    const key = JSON.stringify(v);
    const e = distinct.get(key);
    if (e) e.count++;
    else distinct.set(key, { item: v, count: 1 });
  }
  const { start, size } = paging(all);
  const columnHeaders = summaryColumns(r.attribute.type);
  // QueryResultService.runResults: fewer than 2 distinct values (a null counts as one) is always
  // an item summary (occurancesOnly); otherwise MainHelper.recursiveMakeSummaryQuery makes a
  // numeric column a histogram (getHistogram).
  // QueryExecutor.summariseQuery with a filterTerm (blank is none) adds Constraints.contains on the
  // column; MainHelper.makeQuery builds a non-string, non-date attribute constraint as
  // SimpleConstraint(field, CONTAINS, TypeUtil.stringToObject(type, term)), which a number or a
  // boolean refuses (SimpleConstraint.validOps has no CONTAINS for them: IllegalArgumentException;
  // a term that is not a number fails even before, NumberFormatException). Neither is caught by
  // runResults, so WebService.sendError answers 500, its message replaced.
  if (filterTerm(all) !== undefined && NO_CONTAINS_TYPES.has(r.attribute.type)) {
    throw new Refusal(500, `Invalid constraint: ${path} CONTAINS ${all.get('filterTerm')}`);
  }
  const histogramType = HISTOGRAM_TYPES[r.attribute.type];
  if (histogramType !== undefined && distinct.size >= 2) {
    const rows = histogram(values as (number | null)[], histogramType === 'whole');
    return ok({ ...summaryHeader(q, start, columnHeaders), uniqueValues: distinct.size, results: rows.slice(start, start + size) });
  }
  const items = [...distinct.values()].sort((a, b) => b.count - a.count || String(a.item).localeCompare(String(b.item)));
  // QueryResultService.runResults: a filterTerm (blank is none) becomes a CONTAINS constraint on
  // the column, whose size is `filteredCount`; start and size then page the matching items
  // (FilteringResultIterator).
  const filter = filterTerm(all);
  // A null never matches CONTAINS.
  const matching = filter === undefined ? items : items.filter((i) => i.item !== null && String(i.item).toLowerCase().includes(filter));
  return ok({
    ...summaryHeader(q, start, columnHeaders),
    uniqueValues: distinct.size,
    ...(filter === undefined ? {} : { filteredCount: matching.length }),
    // JSONSummaryProcessor (SummaryIterator.next) puts the row's values in a HashMap and returns
    // `new JSONObject(dict)`; org.json's JSONObject(Map) (20170516, pinned in intermine/api/build.gradle)
    // skips null values, so the null value's row is `{"count": N}`, without `item`.
    results: matching.slice(start, start + size).map(({ item, count }) => (item === null ? { count } : { item, count })),
  });
}

/** `filterTerm` lower-cased as FilteringResultIterator compares it; blank is none (getOptionalParameter). */
function filterTerm(all: URLSearchParams): string | undefined {
  const raw = all.get('filterTerm');
  return raw === null || raw.trim() === '' ? undefined : raw.toLowerCase();
}

/**
 * The numeric column types MainHelper.recursiveMakeSummaryQuery summarises as a histogram
 * (`isNumeric` of the field's class) and whether getHistogram caps their bucket count at
 * max - min (`LEAST(bins, max - min)` for Integer and Long only). The model's primitive types
 * (`int`, …) are taken as their wrappers: the source read does not settle how the object store
 * types them.
 */
const HISTOGRAM_TYPES: Record<string, 'whole' | 'fraction'> = {
  'java.lang.Integer': 'whole',
  'java.lang.Long': 'whole',
  int: 'whole',
  long: 'whole',
  'java.lang.Short': 'fraction',
  'java.lang.Byte': 'fraction',
  short: 'fraction',
  'java.lang.Float': 'fraction',
  'java.lang.Double': 'fraction',
  float: 'fraction',
  double: 'fraction',
  'java.math.BigDecimal': 'fraction',
};

/** Attribute types whose constraints have no CONTAINS (SimpleConstraint NUMBER_OPS, BOOLEAN_OPS). */
const NO_CONTAINS_TYPES = new Set([...Object.keys(HISTOGRAM_TYPES), 'java.lang.Boolean', 'boolean']);

/** `querySummary.no-of-bins`, whose default MainHelper.SummaryConfig.getNumberOfBins gives. */
const NUMBER_OF_BINS = 20;

/**
 * The summary's `columnHeaders` as QueryResultService.setHeaderAttributes picks them: it compares
 * the attribute's type string with short names (`"Integer".equals(type)`, …), so only the
 * primitive types `int`, `long`, `float` and `double` get the statistics' headers; a
 * `java.lang.Integer` column (Gene.length) is headed `item, count` even when its rows are a histogram.
 */
function summaryColumns(type: string): string[] {
  const numeric = ['int', 'Integer', 'Float', 'float', 'Double', 'double', 'long', 'Long', 'Math.BigDecimal'].includes(type);
  return numeric ? ['min', 'max', 'average', 'standard-dev'] : ['item', 'count'];
}

/** A summary query the database refuses: runResults turns it into "Problem getting summary." (a 500). */
function summaryFailed(): never {
  throw new Refusal(500, 'Problem getting summary.');
}

/**
 * PostgreSQL's `width_bucket(operand, b1, b2, count)`, which getHistogram calls (SqlGenerator writes
 * WidthBucketFunction as `WIDTH_BUCKET(value, min, max * 1.01, bins)`): 1..count for b1 <= operand
 * < b2 in equal-width bins, 0 below, count + 1 at or above b2 (mirrored when b1 > b2); an error
 * for count < 1 or b1 = b2. Whole numbers are compared exactly, in hundredths (b2 = max * 101 / 100),
 * as the database's numeric type does; fractions in floating point.
 */
function widthBucket(value: number, min: number, max: number, bins: number, whole: boolean): number {
  if (bins < 1) summaryFailed();
  if (whole) {
    const v = BigInt(value) * 100n;
    const b1 = BigInt(min) * 100n;
    const b2 = BigInt(max) * 101n;
    if (b1 === b2) summaryFailed();
    const [low, high, at] = b1 < b2 ? [b1, b2, v - b1] : [b2, b1, b1 - v];
    if (b1 < b2 ? v < b1 : v > b1) return 0;
    if (b1 < b2 ? v >= b2 : v <= b2) return bins + 1;
    return Number((BigInt(bins) * at) / (high - low)) + 1;
  }
  const b1 = min;
  const b2 = max * 1.01;
  if (b1 === b2) summaryFailed();
  if (b1 < b2 ? value < b1 : value > b1) return 0;
  if (b1 < b2 ? value >= b2 : value <= b2) return bins + 1;
  return Math.floor((bins * Math.abs(value - b1)) / Math.abs(b2 - b1)) + 1;
}

/**
 * The rows of a numeric column's summary: MainHelper.getHistogram groups the column's values into
 * buckets (one row per bucket that holds a value, in bucket order), each row repeating the
 * column's statistics, and JSONSummaryProcessor names a 7-column row `min, max, average, stdev,
 * buckets` (how many buckets), `bucket` (its number) and `count` (values in it). The statistics
 * are SQL's MIN, MAX, AVG and STDDEV (the sample deviation) over the non-null values. A null value
 * is in no bucket (width_bucket of NULL is NULL): those rows group into one last row (NULLs sort
 * last) whose `bucket` is null, and org.json's JSONObject (built from the row's map) leaves out
 * null values, so that row has no `bucket` (nor `stdev` when there is one value only).
 */
function histogram(values: (number | null)[], whole: boolean): Record<string, unknown>[] {
  const numbers = values.filter((v): v is number => typeof v === 'number');
  const min = numbers.reduce((a, b) => Math.min(a, b));
  const max = numbers.reduce((a, b) => Math.max(a, b));
  const average = numbers.reduce((s, n) => s + n, 0) / numbers.length;
  const stdev = numbers.length > 1 ? Math.sqrt(numbers.reduce((s, n) => s + (n - average) ** 2, 0) / (numbers.length - 1)) : null;
  const buckets = whole ? Math.min(NUMBER_OF_BINS, max - min) : NUMBER_OF_BINS;
  const counts = new Map<number, number>();
  for (const n of numbers) {
    const bucket = widthBucket(n, min, max, buckets, whole);
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  const stats = { min, max, average, ...(stdev === null ? {} : { stdev }), buckets };
  const rows: Record<string, unknown>[] = [...counts.entries()].sort(([a], [b]) => a - b).map(([bucket, count]) => ({ ...stats, bucket, count }));
  const nulls = values.length - numbers.length;
  if (nulls > 0) rows.push({ ...stats, count: nulls });
  return rows;
}

/** The header of a summary (QueryResultService.setHeaderAttributes): the column headers name the summary's fields. */
function summaryHeader(q: SimQuery, start: number, columnHeaders: string[]): Record<string, unknown> {
  return { modelName: 'genomic', columnHeaders, rootClass: q.root, start, views: q.views };
}

function csvCell(v: unknown): string {
  return `"${String(v ?? '').replace(/"/g, '""')}"`;
}

/**
 * A TSV cell as the mine writes it (`RowFormatterImpl` unquoted): bare, but quoted like a CSV
 * cell when empty (also a null) or holding a tab; a quote in a bare cell is a plain character.
 */
function tsvCell(v: unknown): string {
  const text = String(v ?? '');
  return text === '' || text.includes('\t') ? csvCell(text) : text;
}

/** The answer formats of `/query/results` and `/template/results` the simulator writes. */
export type ResultFormat = 'json' | 'jsonobjects' | 'jsonrows' | 'jsontable' | 'jsoncount' | 'count' | 'tsv' | 'csv';

/** What a request asks for: a format, the service's default (`*`), or one the simulator does not write (xml, html, rdf…). */
type Asked = ResultFormat | 'default' | 'unwritten';

/** The server's formats as the results services write them (JSON, TEXT: by the `format` value, see {@link askedResult}). */
const RESULT_OF: Partial<Record<Format, Asked>> = {
  DEFAULT: 'default',
  TSV: 'tsv',
  CSV: 'csv',
  OBJECTS: 'jsonobjects',
  TABLE: 'jsontable',
  ROWS: 'jsonrows',
  XML: 'unwritten',
  HTML: 'unwritten',
  RDF: 'unwritten',
  N_TRIPLES: 'unwritten',
};

/**
 * One asked format as the results services take it: `jsoncount`/`jsonpcount` (JSON) and `count`
 * (TEXT) ask for the count; any other TEXT (`text`, `text/plain`, `text/count`) is not written
 * here; UNKNOWN is skipped (`undefined`).
 */
function askedResult({ format, param }: AskedFormat): Asked | undefined {
  if (format === 'JSON') return param === 'jsoncount' || param === 'jsonpcount' ? 'jsoncount' : 'json';
  if (format === 'TEXT') return param === 'count' ? 'count' : 'unwritten';
  return RESULT_OF[format];
}

/**
 * The format a results request gets, as `WebService.getFormat` picks it: the `format` parameter,
 * then the Accept entries in order; the first one served wins, `*` or nothing asked means the
 * service default, TSV. `undefined`: nothing it can serve (406); `'unwritten'`: one the real
 * server writes but the simulator does not.
 */
export function resultFormat(all: URLSearchParams, accept: string | null): ResultFormat | 'unwritten' | undefined {
  const asked = askedFormats(all, accept);
  if (asked.length === 0) return 'tsv';
  const first = asked.map(askedResult).find((a) => a !== undefined);
  return first === 'default' ? 'tsv' : first;
}

/** The `format` values the simulator answers in. */
const WRITTEN = Object.keys(FORMAT_PARAM).filter((param) => {
  const asked = askedResult({ format: FORMAT_PARAM[param] as Format, param });
  return asked !== undefined && asked !== 'unwritten' && asked !== 'default';
});

/** The initOutput branch of the flat result formats (ResponseUtil.setTabHeader, setCSVHeader, setPlainTextHeader). */
const FLAT_OUTPUT: Partial<Record<ResultFormat, 'TSV' | 'CSV' | 'TEXT'>> = { tsv: 'TSV', csv: 'CSV', count: 'TEXT' };

/**
 * Answer a results request in its format, and refuse it in that format too: the server writes an
 * early error through the output it chose, so a flat request gets `[ERROR] <code> <message>`
 * (`FlatFileFormatter.formatFooter`), a JSON one the trailer after `"results":[]` (none for counts).
 */
export function inResultFormat(all: URLSearchParams, accept: string | null, answer: (format: ResultFormat) => Response): Response {
  const format = resultFormat(all, accept);
  // NotAcceptableException is thrown before any output exists: the status alone, no body.
  if (format === undefined) return new Response(null, { status: 406 });
  // The real mine answers these; a made-up answer (or a 406) would mislead the test that asked.
  if (format === 'unwritten')
    throw new UnmatchedRequestError(
      `the InterMine simulator does not write ${all.get('format') ?? accept} answers (the real mine does); it writes ${WRITTEN.join(', ')}`,
    );
  try {
    return answer(format);
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    const message = error.status >= 500 ? 'Service failed. Please contact support.' : error.message;
    const flat = FLAT_OUTPUT[format];
    // initOutput set the output's headers (type, no-cache, file name) before the error.
    if (flat) return new Response(flatError(error.status, message), { status: error.status, headers: outputHeaders(flat, all) });
    return fail(error.status, message, format === 'jsoncount' ? {} : { results: [] });
  }
}

/** Answer a parsed query in the resolved format (shared by `/query/results` and `/template/results`). */
export function answerQuery(q: SimQuery, format: ResultFormat, all: URLSearchParams, state: InterMineSimulatorState, user: string | undefined): Response {
  const { start, size } = paging(all);
  const failure = takeStreamFailure(q);
  const rows = bindings(q, state.store, listAccess(state, user));
  const model = state.store.model;
  if (format === 'jsoncount' || format === 'count') {
    let count = 0;
    for (const _ of rows) count++;
    if (format === 'jsoncount') return ok({ count });
    // format=count is TEXT: WebService.initOutput calls ResponseUtil.setPlainTextHeader.
    return new Response(`${count}\n`, { status: 200, headers: outputHeaders('TEXT', all) });
  }
  const summaryPath = all.get('summaryPath');
  if (summaryPath) return summary(q, rows, summaryPath, all, state);
  const rowsOfPage = primed(page(rows, start, size));
  if (format === 'tsv' || format === 'csv') {
    const sep = format === 'csv' ? ',' : '\t';
    const fmt = format === 'csv' ? csvCell : tsvCell;
    const headers = all.get('columnheaders');
    const head =
      headers === 'path'
        ? [q.views.map(fmt).join(sep)]
        : headers === 'true' || headers === 'friendly'
          ? [q.views.map((v) => fmt(v.split('.').join(' > '))).join(sep)]
          : [];
    function* lines(): Generator<string> {
      for (const line of head) yield `${line}\n`;
      for (const row of failure ? withErrorLine(rowsOfPage, failure) : rowsOfPage) {
        yield typeof row === 'string' ? row : `${q.views.map((v) => fmt(cell(row, v, model, q))).join(sep)}\n`;
      }
    }
    // WebService.initOutput: ResponseUtil.setCSVHeader / setTabHeader (no-cache, `result.csv` / `result.tsv` or the `filename` asked).
    return new Response(lazyBody(lines()), { status: 200, headers: outputHeaders(format === 'csv' ? 'CSV' : 'TSV', all) });
  }
  // jsonobjects merges every row of a root object into one record, wherever the rows are: found whole, then streamed.
  if (format === 'jsonobjects') return streamed(q, start, records(q, rowsOfPage, state), failure);
  if (format === 'jsonrows' || format === 'jsontable') {
    return streamed(
      q,
      start,
      mapped(rowsOfPage, (row) =>
        q.views.map((v) => {
          const owner = row.objects.get(v.slice(0, v.lastIndexOf('.')));
          // TableCellFormatter.toMap of the null cell of a missing outer join puts only nulls in a
          // map that org.json's JSONObject(Map) then drops: the cell is `{}`.
          if (!owner && format === 'jsonrows') return {};
          return {
            value: cell(row, v, model, q),
            id: owner?.id ?? null,
            class: owner?.class ?? null,
            url: owner ? `/report.do?id=${owner.id}` : null,
            column: v,
          };
        }),
      ),
      failure,
    );
  }
  return streamed(
    q,
    start,
    mapped(rowsOfPage, (row) => {
      // A loop per row, not a closure per row: this is the path a million-row answer takes.
      const values: (string | number | boolean | null)[] = [];
      for (const v of q.views) values.push(cell(row, v, model, q));
      return values;
    }),
    failure,
  );
}

/** The flat formats' failure: the rows before it, then `[ERROR] <status> <message>` with no line end (FlatFileFormatter.formatFooter). */
function* withErrorLine<T>(items: Iterable<T>, failure: StreamFailure): Generator<T | string> {
  for (const step of untilFailure(items, failure)) {
    if ('fail' in step) yield `[ERROR] ${failure.status} ${failure.message}`;
    else yield step.item;
  }
}

/** Deterministic DNA for a feature (the simulator has no real sequences). */
export function residues(object: SimObject, length: number): string {
  let x = object.id >>> 0 || 1;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out += 'ACGT'[(x >>> 16) & 3];
  }
  return out;
}

/** Where a feature is: chromosome, start, end, strand. */
export function locationOf(state: InterMineSimulatorState, o: SimObject): { chr: string; start: number; end: number; strand: string } | undefined {
  const loc = state.store.follow(o, 'chromosomeLocation')[0];
  const chr = loc ? state.store.follow(loc, 'locatedOn')[0] : undefined;
  if (!loc || !chr) return undefined;
  return { chr: String(chr.primaryIdentifier), start: Number(loc.start), end: Number(loc.end), strand: String(loc.strand ?? '1') };
}

/** FASTA, GFF3 or BED of features. */
export function bioExport(
  kind: string,
  features: SimObject[],
  state: InterMineSimulatorState,
  all: URLSearchParams,
  headers: Record<string, string>,
  failure?: StreamFailure,
): Response {
  const lines: string[] = [];
  if (kind === 'gff3') lines.push('##gff-version 3');
  if (kind === 'bed') lines.push(`track name=query description="${all.get('trackDescription') ?? 'query'}"`);
  const ucsc = all.get('ucscCompatible') !== 'false';
  for (const [n, f] of features.entries()) {
    if (failure && n === failure.afterRows) break;
    const loc = locationOf(state, f);
    const id = String(f.primaryIdentifier ?? f.id);
    if (kind === 'fasta') {
      const organism = state.store.follow(f, 'organism')[0];
      const described = [
        id,
        f.class,
        f.class === 'Gene' ? f.symbol : undefined,
        f.class === 'Gene' ? f.name : undefined,
        organism?.shortName,
        loc ? `${loc.chr}:${loc.start}..${loc.end}` : undefined,
      ];
      lines.push(`>${described.filter((x) => x !== undefined && x !== null).join(' ')}`);
      const seq = residues(f, Number(f.length ?? (loc ? loc.end - loc.start + 1 : 60)));
      for (let i = 0; i < seq.length; i += 60) lines.push(seq.slice(i, i + 60));
    } else if (loc) {
      const strand = loc.strand === '-1' ? '-' : '+';
      if (kind === 'gff3')
        lines.push(
          [loc.chr, 'FlyBase', f.class.toLowerCase(), loc.start, loc.end, '.', strand, '.', `ID=${id}${f.symbol ? `;Name=${f.symbol}` : ''}`].join('\t'),
        );
      else lines.push([`${ucsc ? 'chr' : ''}${loc.chr}`, loc.start - 1, loc.end, id, 0, strand].join('\t'));
    }
  }
  const error = failure ? `[ERROR] ${failure.status} ${failure.message}` : '';
  // `headers` are those of the request's output (serviceOutput): for the default one,
  // BioQueryService / AbstractRegionExportService.getDefaultOutput's ResponseUtil.setCustomTypeHeader
  // with the service's getContentType() (text/x-fasta, text/x-gff3, text/x-ucsc-bed, no charset).
  return new Response(lines.map((l) => `${l}\n`).join('') + error, { status: 200, headers });
}

/** The objects of the query's export path (`view`, default the root), distinct, in row order. */
export function exportObjects(q: SimQuery, all: URLSearchParams, state: InterMineSimulatorState, user: string | undefined): SimObject[] {
  const view = all.get('view') ?? q.root;
  const r = state.store.model.resolve(view, q.subclasses);
  if (!r || r.attribute) badRequest(`${view} is not a class path of this query`);
  if (!state.store.model.isa(r.classes.at(-1)!, 'SequenceFeature') && !state.store.model.isa(r.classes.at(-1)!, 'Protein'))
    badRequest(`${view} is not a SequenceFeature or a Protein: it has no sequence`);
  const withView: SimQuery = { ...q, views: q.views.length > 0 ? q.views : [`${view}.id`] };
  const rows = bindings({ ...withView, views: [...withView.views, `${view}.id`] }, state.store, listAccess(state, user));
  const seen = new Set<number>();
  const out: SimObject[] = [];
  for (const row of rows) {
    const o = row.objects.get(view);
    if (o && !seen.has(o.id)) {
      seen.add(o.id);
      out.push(o);
    }
  }
  return out;
}
