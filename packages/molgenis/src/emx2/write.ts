// Chunked writes: each chunk one mutation (one request, one transaction on the server), sent one
// after the other and never retried, with the books kept for a resume that writes nothing twice.
import { type CallOptions, isBioHttpError, isValidationError, ValidationError } from '@bio/core-http';
import { Emx2BatchError } from './errors.js';
import { type Catalog, isLayoutColumn } from './internal/catalog.js';
import { callOf } from './internal/context.js';
import { graphql } from './internal/graphql.js';
import { type TableRef, tableMeta } from './read.js';
import type { ColumnMetadata, DeleteOptions, Emx2Row, TableMetadata, WriteOptions, WriteResult } from './types.js';
import { encodeRow } from './values.js';

const DEFAULT_CHUNK = 1000;
/** Gateway statuses that say the answer of the server behind was lost, not that it refused. */
const GATEWAY_LOST = new Set([502, 504]);

export type WriteKind = 'insert' | 'update' | 'save' | 'delete';

/** Did the chunk that failed with `error` certainly not reach the database? (else: unknown) */
export function certainlyNotWritten(error: unknown): boolean {
  if (isValidationError(error)) return true;
  return isBioHttpError(error) && error.status >= 400 && !GATEWAY_LOST.has(error.status);
}

function chunkSizeOf(value: number | undefined): number {
  const size = value ?? DEFAULT_CHUNK;
  if (!Number.isInteger(size) || size < 1) throw new ValidationError({ message: `chunkSize must be an integer ≥ 1, got ${value}`, field: 'chunkSize' });
  return size;
}

// The columns a row must fill: required, not generated; on insert/save a default fills in.
const REQUIRED = new WeakMap<TableMetadata, ColumnMetadata[][]>();
function requiredColumns(table: TableMetadata, update: boolean): ColumnMetadata[] {
  let lists = REQUIRED.get(table);
  if (!lists) {
    const all = table.columns.filter((c) => c.required && !isLayoutColumn(c) && c.columnType !== 'AUTO_ID' && c.columnType !== 'REFBACK');
    lists = [all.filter((c) => c.defaultValue === undefined), all];
    REQUIRED.set(table, lists);
  }
  return lists[update ? 1 : 0] as ColumnMetadata[];
}

// EMX2 validates every required column, also on update (reference §8); drafts skip the check.
function checkRequired(table: TableMetadata, kind: WriteKind, row: Emx2Row, field: string): void {
  if (kind === 'delete' || row.mg_draft === true) return;
  for (const c of requiredColumns(table, kind === 'update')) {
    const v = row[c.id];
    if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) {
      throw new ValidationError({
        message: `${field}: column "${c.id}" of "${table.name}" is required${kind === 'update' ? ' (EMX2 checks every required column on update, not only those written)' : ''}`,
        field: `${field}.${c.id}`,
      });
    }
  }
}

function encodeAll(catalog: Catalog, table: TableMetadata, kind: WriteKind, rows: readonly Emx2Row[]): Emx2Row[] {
  if (!Array.isArray(rows)) throw new ValidationError({ message: 'rows must be an array', field: 'rows' });
  return rows.map((row, i) => {
    const encoded = encodeRow(catalog, table, row, `rows[${i}]`, { keysOnly: kind === 'delete' });
    if (kind === 'delete' || kind === 'update') {
      for (const id of table.primaryKey) {
        if (encoded[id] === undefined || encoded[id] === null)
          throw new ValidationError({ message: `rows[${i}].${id} (primary key) is missing`, field: `rows[${i}].${id}` });
      }
    }
    checkRequired(table, kind, encoded, `rows[${i}]`);
    return encoded;
  });
}

function countIn(message: unknown): number | undefined {
  if (typeof message !== 'string') return undefined;
  const counts = [...message.matchAll(/(\d+) records/g)].map((m) => Number(m[1]));
  return counts.length === 0 ? undefined : counts.reduce((a, b) => a + b, 0);
}

/** A chunked `insert`, `update`, `save` or `delete` of `rows` (keys for delete). */
export async function write(ref: TableRef, kind: WriteKind, rows: readonly Emx2Row[], options: DeleteOptions = {}): Promise<WriteResult> {
  const size = chunkSizeOf(options.chunkSize);
  if (!Array.isArray(rows)) throw new ValidationError({ message: 'rows must be an array', field: 'rows' });
  if (rows.length === 0) return { count: 0, chunks: 0 };
  const { catalog, table } = await tableMeta(ref, options);
  if (table.primaryKey.length === 0 && kind !== 'insert')
    throw new ValidationError({ message: `table "${table.name}" has no primary key: EMX2 cannot ${kind} its rows`, field: 'table' });
  const encoded = encodeAll(catalog, table, kind, rows);
  const strict = kind === 'delete' && options.strict === true;
  const query = `mutation($rows: [${table.id}Input]${strict ? ', $strict: Boolean' : ''}) { ${kind}(${table.id}: $rows${strict ? ', strict: $strict' : ''}) { status message } }`;
  const call: CallOptions = callOf(options);
  const written: Emx2Row[] = [];
  let count = 0;
  let chunks = 0;
  for (let start = 0; start < rows.length; start += size) {
    const originals = rows.slice(start, start + size) as Emx2Row[];
    const fail = (error: unknown, sent: boolean): Emx2BatchError<Emx2Row> =>
      new Emx2BatchError<Emx2Row>({
        operation: kind,
        table: table.name,
        processed: [...written],
        failed: sent ? originals : [],
        unknown: sent && !certainlyNotWritten(error) ? originals : [],
        unprocessed: rows.slice(start + (sent ? originals.length : 0)) as Emx2Row[],
        errors: [{ batchIndex: chunks, items: originals, error }],
      });
    if (call.signal?.aborted) throw fail(call.signal.reason, false);
    let result: { status?: unknown; message?: unknown } | undefined;
    try {
      const data = await graphql<Record<string, { status?: unknown; message?: unknown } | undefined>>(
        ref.ctx,
        ref.schema,
        query,
        strict ? { rows: encoded.slice(start, start + size), strict: true } : { rows: encoded.slice(start, start + size) },
        { ...call, mutation: true },
      );
      result = data[kind];
    } catch (error) {
      throw fail(error, true);
    }
    written.push(...originals);
    chunks++;
    count += countIn(result?.message) ?? originals.length;
    options.onProgress?.({ done: written.length, total: rows.length, batches: chunks });
  }
  return { count, chunks };
}

/** `truncate(tables: [T])`: every row of the table, only with `{ confirm: true }`. */
export async function truncate(ref: TableRef, options: CallOptions & { confirm: true }): Promise<string> {
  if (options?.confirm !== true) throw new ValidationError({ message: 'truncate deletes every row: pass { confirm: true }', field: 'confirm' });
  const { table } = await tableMeta(ref, options);
  const data = await graphql<{ truncate?: { message?: string } }>(
    ref.ctx,
    ref.schema,
    'mutation($tables: [String]) { truncate(tables: $tables) { status message } }',
    { tables: [table.name] },
    { ...callOf(options), mutation: true },
  );
  return data.truncate?.message ?? '';
}

export type { WriteOptions };
