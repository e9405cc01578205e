// The public option and result types: src/index.ts re-exports this whole module, so add only public types here.
import type { CallOptions, ListOptions, Progress } from '@bio/core-http';
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
  order?: 'asc' | 'desc' | undefined;
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
  attributes?: readonly string[] | undefined;
  /** Reference attributes to expand fully (sent as `attr(*)`). */
  expand?: readonly string[] | undefined;
}

/**
 * Options of {@link Molgenis.get}: the contract's {@link ListOptions} (`max`, `pageSize`,
 * `signal`, `timeout`) plus the v2 query.
 *
 * @example
 * ```ts
 * await m.get('celiacsprue', { q: 'celiac_gender==Female', max: 100_000, start: 1000, sort: [{ attr: 'Individual' }] }).toArray();
 * ```
 */
export interface GetOptions extends AttributeOptions, ListOptions {
  /** RSQL filter. Default: every row. */
  q?: Query | undefined;
  /** Index of the first row, 0-based. Default 0. */
  start?: number | undefined;
  /**
   * Sort keys. Default: when more than one request may be needed (no `max`, or `max` above
   * `pageSize`), the entity's id attribute, ascending (one metadata request, cached per
   * client), so no row repeats or goes missing between pages; otherwise the server's order.
   */
  sort?: readonly SortKey[] | undefined;
}

/**
 * Options of the chunked writes `addAll`, `updateAll`, `upsert` and `deleteList`.
 *
 * @example
 * ```ts
 * await m.addAll('demo_sightings', rows, { batchSize: 500, onProgress: (p) => console.log(`${p.done}/${p.total}`) });
 * ```
 */
export interface BatchWriteOptions extends CallOptions {
  /** Rows per request, 1–1000 (the server's limit). Default 1000. */
  batchSize?: number | undefined;
  /** Called after every batch written: rows (or ids) done, their total, batches done. */
  onProgress?: ((progress: Progress) => void) | undefined;
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
  files?: Record<string, FileInput> | undefined;
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
 * await m.uploadZip(zip, { action: 'add_update_existing', metadataAction: 'upsert', interval: 2000, deadline: 600_000 });
 * ```
 */
export interface UploadZipOptions extends WaitOptions {
  /** Data action; the server's default is `add`. */
  action?: 'add' | 'add_update_existing' | 'update' | 'add_ignore_existing' | undefined;
  /** Metadata action. */
  metadataAction?: 'add' | 'update' | 'upsert' | 'ignore' | undefined;
  /** File name sent to the server, which picks the importer by extension. Default: the File's name, else `upload.zip`. */
  filename?: string | undefined;
  /** Wait until the import finishes (polling `sys_ImportRun`). Default `true`. */
  wait?: boolean | undefined;
  /** Import into this existing entity type (the importer's `entityTypeId`). */
  entityTypeId?: string | undefined;
  /** Import into this package (the importer's `packageId`). */
  packageId?: string | undefined;
  /** Ask the server to e-mail the user when the import ends. */
  notify?: boolean | undefined;
}

/**
 * Polling options for import runs (waited with core-http's `poll`). Durations are in ms.
 *
 * @example
 * ```ts
 * await m.waitForImport(job.id, { interval: 500, deadline: 60_000 });
 * ```
 */
export interface WaitOptions extends CallOptions {
  /** Wait between two reads of the `sys_ImportRun`, ms. Default 1000. */
  interval?: number | undefined;
  /** Give up (with a `TimeoutError`; the import goes on on the server) when the next read would start later than this many ms after the first. Default 600,000 (10 minutes). */
  deadline?: number | undefined;
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
