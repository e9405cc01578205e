import type { Node } from '@bio/rsql';

/**
 * One entity row as MOLGENIS returns it: attribute name → value. References come back as
 * nested rows (or `{ _href }` stubs when not expanded); v2 rows carry `_href`.
 *
 * @example
 * ```ts
 * const row: Row = { id: '157', type: 'gnome', year: '1998' };
 * ```
 */
export type Row = Record<string, unknown>;

/**
 * A sort key: attribute name and direction.
 *
 * @example
 * ```ts
 * const sort: SortKey[] = [{ attr: 'year', order: 'desc' }, { attr: 'id' }];
 * ```
 */
export interface SortKey {
  attr: string;
  /** Default `asc`. */
  order?: 'asc' | 'desc';
}

/**
 * A query filter: an RSQL string (validated with `molgenisOperators` before sending) or an
 * `@bio/rsql` node.
 *
 * @example
 * ```ts
 * const q1: Query = 'celiac_gender==Female';
 * const q2: Query = eq('celiac_gender', 'Female');
 * ```
 */
export type Query = string | Node;

/**
 * Options every call accepts.
 *
 * @example
 * ```ts
 * await m.getById('demo_sightings', '157', { signal: AbortSignal.timeout(5000) });
 * ```
 */
export interface CallOptions {
  /** Cancels this call (combined with the client's signal). */
  signal?: AbortSignal;
}

/**
 * Which attributes to return and which references to expand.
 *
 * @example
 * ```ts
 * await m.getById('demo_sightings', '157', { attributes: ['id', 'type', 'location'], expand: ['location'] });
 * // → GET /api/v2/demo_sightings/157?attrs=id,type,location(*)
 * ```
 */
export interface AttributeOptions {
  /** Attributes to return (default: all). */
  attributes?: readonly string[];
  /** Reference attributes to expand fully (sent as `attr(*)`). */
  expand?: readonly string[];
}

/**
 * Options of {@link Molgenis.get}.
 *
 * @example
 * ```ts
 * await m.get('celiacsprue', { q: 'celiac_gender==Female', num: 100_000, start: 1000, sort: [{ attr: 'Individual' }] });
 * ```
 */
export interface GetOptions extends AttributeOptions, CallOptions {
  /** RSQL filter. */
  q?: Query;
  /** Index of the first row, 0-based. Default 0. */
  start?: number;
  /** Maximum number of rows to return overall (not per page). Default 100 (the server's default). Pages past 10,000 are fetched automatically. */
  num?: number;
  /** Sort keys. When absent and more than one page is needed, rows are sorted by the id attribute so paging is stable. */
  sort?: readonly SortKey[];
  /** Rows per request, at most 10,000 (the server's limit). Default `min(num, 10000)`. */
  pageSize?: number;
}

/**
 * Options of {@link Molgenis.iterate}.
 *
 * @example
 * ```ts
 * for await (const row of m.iterate('demo_sightings', { q: 'year==1998', pageSize: 5000 })) console.log(row.id);
 * ```
 */
export interface IterateOptions extends AttributeOptions, CallOptions {
  q?: Query;
  /** Sort keys; default: the entity's id attribute, ascending (one metadata request, cached). */
  sort?: readonly SortKey[];
  /** Rows per request, 1–10,000. Default 10,000. */
  pageSize?: number;
  /** Index of the first row. Default 0. */
  start?: number;
  /** Stop after this many rows. */
  max?: number;
}

/**
 * Progress of a chunked write.
 *
 * @example
 * ```ts
 * await m.addAll('demo_sightings', rows, { onProgress: (p) => console.log(`${p.done}/${p.total}`) });
 * ```
 */
export interface WriteProgress {
  /** Rows (or ids) finished so far. */
  done: number;
  total: number;
  /** Batches finished so far. */
  batches: number;
}

/**
 * Options of the chunked writes `addAll`, `updateAll`, `upsert` and `deleteList`.
 *
 * @example
 * ```ts
 * await m.addAll('demo_sightings', rows, { batchSize: 500 });
 * ```
 */
export interface BatchWriteOptions extends CallOptions {
  /** Rows per request, 1–1000 (the server's limit). Default 1000. */
  batchSize?: number;
  onProgress?: (progress: WriteProgress) => void;
}

/**
 * A file for a file attribute or an EMX upload: a `Blob`/`File`, or named bytes/stream.
 *
 * @example
 * ```ts
 * const file: FileInput = { name: 'expression.jpg', type: 'image/jpeg', data: await readFile('first-plot.jpg') };
 * ```
 */
export type FileInput =
  | Blob
  | {
      /** File name sent in the multipart part. */
      name: string;
      data: Blob | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;
      /** MIME type; default `application/octet-stream`. */
      type?: string;
    };

/**
 * Options of {@link Molgenis.add}.
 *
 * @example
 * ```ts
 * await m.add('Plot', { title: 'expression' }, { files: { image: { name: 'expression.jpg', data: bytes } } });
 * ```
 */
export interface AddOptions extends CallOptions {
  /** File attributes: attribute name → file. Sends the row as `multipart/form-data`. */
  files?: Record<string, FileInput>;
}

/**
 * Result of {@link Molgenis.upsert}.
 *
 * @example
 * ```ts
 * const { added, updated } = await m.upsert('demo_sightings', rows);
 * ```
 */
export interface UpsertResult {
  /** Ids of the new rows, as returned by the server. */
  added: string[];
  /** Ids of the rows that existed and were updated. */
  updated: string[];
}

/**
 * Attribute metadata as returned by `GET /api/v1/<entity>/meta/<attr>` (and inside entity metadata).
 *
 * @example
 * ```ts
 * const attr: AttributeMetaData = await m.getAttributeMetaData('demo_sightings', 'year');
 * attr.fieldType; // 'INT'
 * ```
 */
export interface AttributeMetaData {
  href?: string;
  fieldType: string;
  name: string;
  label?: string;
  description?: string;
  attributes?: unknown[];
  enumOptions?: string[];
  refEntity?: { href: string; [key: string]: unknown };
  maxLength?: number;
  auto?: boolean;
  nillable?: boolean;
  readOnly?: boolean;
  defaultValue?: string;
  labelAttribute?: boolean;
  unique?: boolean;
  visible?: boolean;
  lookupAttribute?: boolean;
  isAggregatable?: boolean;
  [key: string]: unknown;
}

/**
 * Entity metadata as returned by `GET /api/v1/<entity>/meta?expand=attributes`.
 *
 * @example
 * ```ts
 * const meta: EntityMetaData = await m.getEntityMetaData('demo_sightings');
 * meta.idAttribute; // 'id'
 * ```
 */
export interface EntityMetaData {
  href?: string;
  hrefCollection?: string;
  name: string;
  label?: string;
  description?: string;
  attributes: Record<string, AttributeMetaData>;
  labelAttribute?: string;
  idAttribute: string;
  lookupAttributes?: string[];
  isAbstract?: boolean;
  writable?: boolean;
  languageCode?: string;
  [key: string]: unknown;
}

/**
 * Status of a `sys_ImportRun`.
 *
 * @example
 * ```ts
 * const s: ImportStatus = 'FINISHED';
 * ```
 */
export type ImportStatus = 'RUNNING' | 'FINISHED' | 'FAILED';

/**
 * A `sys_ImportRun` row: the server's record of one EMX import.
 *
 * @example
 * ```ts
 * const run: ImportRun = await m.waitForImport(job.id);
 * run.importedEntities; // 'demo_sightings'
 * ```
 */
export interface ImportRun {
  id: string;
  status: ImportStatus;
  message?: string;
  startDate?: string;
  endDate?: string;
  username?: string;
  progress?: number;
  importedEntities?: string;
  notify?: boolean;
  [key: string]: unknown;
}

/**
 * Options of {@link Molgenis.uploadZip}.
 *
 * @example
 * ```ts
 * await m.uploadZip(zip, { action: 'add_update_existing', metadataAction: 'upsert', pollIntervalMs: 2000, timeoutMs: 600_000 });
 * ```
 */
export interface UploadZipOptions extends WaitOptions {
  /** Data action; the server's default is `add`. */
  action?: 'add' | 'add_update_existing' | 'update' | 'add_ignore_existing';
  /** Metadata action. */
  metadataAction?: 'add' | 'update' | 'upsert' | 'ignore';
  /** File name sent to the server, which picks the importer by extension. Default: the File's name, else `upload.zip`. */
  filename?: string;
  /** Wait until the import finishes (polling `sys_ImportRun`). Default `true`. */
  wait?: boolean;
  entityTypeId?: string;
  packageId?: string;
  notify?: boolean;
}

/**
 * Polling options for import runs.
 *
 * @example
 * ```ts
 * await m.waitForImport(job.id, { pollIntervalMs: 500, timeoutMs: 60_000 });
 * ```
 */
export interface WaitOptions extends CallOptions {
  /** Delay between polls. Default 1000 ms. */
  pollIntervalMs?: number;
  /** Give up (with a `TimeoutError`) after this long. Default 600,000 ms (10 minutes). */
  timeoutMs?: number;
}

/**
 * What {@link Molgenis.uploadZip} returns: the import run's id and href, and its final state
 * when it waited.
 *
 * @example
 * ```ts
 * const job = await m.uploadZip(zip, { wait: false });
 * const run = await m.waitForImport(job.id);
 * ```
 */
export interface ImportJob {
  id: string;
  /** `/api/v2/sys_ImportRun/<id>` as sent by the server. */
  href: string;
  status: ImportStatus;
  /** The final `sys_ImportRun` row (only when `wait` was true). */
  run?: ImportRun;
}

/**
 * The reply of `POST /api/v1/login`.
 *
 * @example
 * ```ts
 * const { username, token } = await m.login('admin', 'secret');
 * ```
 */
export interface LoginResult {
  token: string;
  username: string;
  firstname?: string;
  lastname?: string;
}
