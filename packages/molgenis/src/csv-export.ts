import { type CallOptions, checkListOptions, offsetPages, paged, type Paged, path, ValidationError } from '@bio/core-http';
import { type Context, callOf } from './internal/context.js';
import { CsvReader } from './internal/csv.js';
import { CsvBodyCheck, checkedCsvRecords, csvDownloadFailure } from './internal/csv-download.js';
import { qParam, searches, withQ } from './internal/params.js';
import { assertAttributeName, assertEntity, assertInteger, MAX_PAGE_SIZE } from './internal/validate.js';
import { idAttributeOf } from './metadata.js';
import type { CsvOptions, CsvRow } from './types.js';

/** A `csv` call, validated and encoded once. */
interface CsvQuery {
  url: string;
  /** `q` uses =q=/=sq= (answered in relevance order). */
  search: boolean;
  attributes: string | undefined;
  sort: { column: string; order: 'ASC' | 'DESC' } | undefined;
  start: number;
  pageSize: number;
  call: CallOptions;
}

function csvQuery(entity: string, options: CsvOptions): CsvQuery {
  assertEntity(entity);
  checkListOptions(options, MAX_PAGE_SIZE);
  const start = options.start ?? 0;
  assertInteger(start, 'start', 0);
  if (options.attributes !== undefined && !Array.isArray(options.attributes))
    throw new ValidationError({ message: 'attributes must be an array', field: 'attributes' });
  for (const [i, a] of (options.attributes ?? []).entries()) assertAttributeName(a, `attributes[${i}]`);
  if (options.sort !== undefined && (!Array.isArray(options.sort) || options.sort.length > 1)) {
    throw new ValidationError({ message: 'sort: the CSV export sorts on one attribute (sortColumn), give at most one key', field: 'sort' });
  }
  const key = options.sort?.[0];
  if (key !== undefined) {
    assertAttributeName(key.attr, 'sort[0].attr');
    if (key.order !== undefined && key.order !== 'asc' && key.order !== 'desc')
      throw new ValidationError({ message: 'sort[0].order must be "asc" or "desc"', field: 'sort' });
  }
  const q = qParam(options.q);
  return {
    url: withQ(path`api/v1/csv/${entity}`, q),
    search: searches(q),
    attributes: options.attributes?.join(','),
    sort: key === undefined ? undefined : { column: key.attr, order: key.order === 'desc' ? 'DESC' : 'ASC' },
    start,
    pageSize: options.pageSize ?? MAX_PAGE_SIZE,
    call: { timeout: options.timeout },
  };
}

/**
 * The sort of the export: the caller's; else none (PostgreSQL orders by the id attribute), but
 * the id attribute for a full-text search read over more than one request (see `searches`).
 */
async function sortOf(ctx: Context, entity: string, query: CsvQuery, max: number | undefined, call: CallOptions): Promise<CsvQuery['sort']> {
  if (query.sort !== undefined || (max !== undefined && max <= query.pageSize) || !query.search) return query.sort;
  return { column: await idAttributeOf(ctx, entity, call), order: 'ASC' };
}

/**
 * Splits a CSV page at record boundaries as it arrives, so a consumer only ever gets whole
 * records: the server's CSV writer ends every record with a line break, so text after the last
 * one (outside quotes) is held back until the page ends, and a page that ends there was cut
 * short. The refusals (not CSV, an HTML page, a cut) are the shared {@link CsvBodyCheck}'s.
 */
class CsvPageSplit {
  #quoted = false;
  #held = '';
  constructor(readonly check: CsvBodyCheck) {}

  /** The whole records `text` completes (with what was held back before them). */
  push(text: string): string {
    this.check.piece(text);
    let boundary = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '"')
        this.#quoted = !this.#quoted; // a doubled quote toggles twice
      else if (c === '\n' && !this.#quoted) boundary = i;
    }
    if (boundary === -1) {
      this.#held += text;
      return '';
    }
    const whole = this.#held + text.slice(0, boundary + 1);
    this.#held = text.slice(boundary + 1);
    return whole;
  }

  /** The page ended: it must have ended with a whole record. */
  end(): void {
    if (this.#held !== '' || this.#quoted) throw this.check.cut();
  }
}

/** The query of one export page. */
function pageParams(query: CsvQuery, sort: CsvQuery['sort'], start: number, num: number): Record<string, string | number | undefined> {
  return { attributes: query.attributes, sortColumn: sort?.column, sortOrder: sort?.order, start, num };
}

/**
 * One CSV page of `csvText`, as text pieces of whole records while they arrive. A page that is not CSV, holds
 * HTML or ends inside a record throws a ResponseFormatError saying how many rows came before it.
 */
async function* pageText(
  ctx: Context,
  query: CsvQuery,
  sort: CsvQuery['sort'],
  start: number,
  num: number,
  call: CallOptions,
  delivered: () => number,
): AsyncGenerator<string> {
  const searchParams = pageParams(query, sort, start, num);
  const pending = ctx.http.get(query.url, { searchParams, accept: 'text/csv', ...callOf(call) });
  const body = await pending.stream(); // timed per wait for the next chunk
  const response = await pending;
  const fail = csvDownloadFailure('page', ctx.http, { path: query.url, searchParams }, delivered);
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    const check = new CsvPageSplit(new CsvBodyCheck('page', response, fail));
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const text = check.push(decoder.decode(value, { stream: true }));
      if (text !== '') yield text;
    }
    const rest = check.push(decoder.decode());
    if (rest !== '') yield rest;
    check.end();
  } finally {
    reader.releaseLock();
    body.cancel().catch(() => undefined);
  }
}

/** `csv`: the export's rows as records keyed by the header, page by page (`num` ≤ 10,000). */
export function csvRows(ctx: Context, entity: string, options: CsvOptions = {}): Paged<CsvRow> {
  const query = csvQuery(entity, options);
  return paged<CsvRow>(
    ({ max, signal }) =>
      (async function* () {
        const call = { ...query.call, signal };
        const sort = await sortOf(ctx, entity, query, max, call);
        yield* offsetPages<CsvRow>(
          async ({ offset, limit, signal: pageSignal }) => {
            const searchParams = pageParams(query, sort, offset, limit);
            const pending = ctx.http.get(query.url, { searchParams, accept: 'text/csv', ...callOf({ ...query.call, signal: pageSignal }) });
            const fail = csvDownloadFailure('page', ctx.http, { path: query.url, searchParams }, () => offset - query.start);
            const records: string[][] = [];
            for await (const batch of checkedCsvRecords(pending, fail, { kind: 'page' })) records.push(...batch);
            const [header = [], ...lines] = records;
            const items = lines.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
            return { items }; // no total: a page shorter than asked is the last
          },
          { pageSize: query.pageSize, start: query.start, max, signal },
        );
      })(),
    options,
  );
}

/**
 * `csvText`: the export as text, streamed — the server's header once, then every page's lines
 * (the header each page repeats is left out).
 */
export function csvText(ctx: Context, entity: string, options: CsvOptions = {}): AsyncGenerator<string> {
  return textPages(ctx, entity, csvQuery(entity, options), options); // validated at the call, before any request
}

async function* textPages(ctx: Context, entity: string, query: CsvQuery, options: CsvOptions): AsyncGenerator<string> {
  const max = options.max;
  const call = { ...query.call, signal: options.signal };
  const sort = await sortOf(ctx, entity, query, max, call);
  let start = query.start;
  let sent = 0;
  for (let page = 0; max === undefined || sent < max; page++) {
    const num = max === undefined ? query.pageSize : Math.min(query.pageSize, max - sent);
    const reader = new CsvReader();
    let records = 0; // header included
    let skipping = page > 0; // drop the header line of later pages
    for await (let text of pageText(ctx, query, sort, start, num, call, () => sent)) {
      records += reader.push(text).length;
      if (skipping) {
        const end = text.indexOf('\n');
        if (end === -1) continue;
        text = text.slice(end + 1);
        skipping = false;
      }
      if (text !== '') yield text;
    }
    records += reader.end().length;
    const rows = Math.max(0, records - 1);
    sent += rows;
    start += rows;
    if (rows < num) return;
  }
}
