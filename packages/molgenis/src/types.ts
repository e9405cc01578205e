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
 * Options of `Molgenis.get`: the contract's {@link ListOptions} (`max`, `pageSize`,
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
   * Sort keys. Default: none — MOLGENIS (PostgreSQL) orders by the id attribute, and adds it as
   * the tie-breaker of any sort, so pages neither repeat nor skip rows. A full-text search
   * (`=q=`, `=sq=`, answered by Elasticsearch in relevance order) that may need more than one
   * request is sorted by the id attribute (one metadata request, cached per client).
   */
  sort?: readonly SortKey[] | undefined;
  /**
   * Rows ready to send back (Python's `uploadable=True`): no `_href`/`_meta`, references as ids
   * (lists of ids for multi references). Default `false` (rows as the server sends them).
   */
  uploadable?: boolean | undefined;
  /**
   * Flat rows for tables ({@link FlatRow}): references as ids (`true` or `{ references: 'id' }`)
   * or labels (`{ references: 'label' }`), numbers as numbers, dates as `Date`s, every selected
   * attribute present (`null` when empty). Default `false`. Not together with `uploadable`.
   */
  flat?: boolean | FlatOptions | undefined;
  /**
   * Requests in flight for the pages after the first (which gives the total); pages still
   * arrive in order. Default: the client's `concurrency`, else 4.
   */
  concurrency?: number | undefined;
}

/**
 * How {@link GetOptions.flat} writes references.
 *
 * @example
 * ```ts
 * await m.get('celiacsprue', { flat: { references: 'label' } }).toArray();
 * ```
 */
export interface FlatOptions {
  /** `id` (default) or `label` (the referenced row's label attribute, else its id). */
  references?: 'id' | 'label' | undefined;
}

/**
 * One value of a {@link FlatRow}.
 *
 * @example
 * ```ts
 * const v: FlatValue = new Date('2024-01-31T00:00:00Z');
 * ```
 */
export type FlatValue = string | number | boolean | Date | null | (string | number | boolean | Date | null)[];

/**
 * A row with references flattened, numbers as numbers and dates as `Date`s ({@link GetOptions.flat}).
 *
 * @example
 * ```ts
 * const row: FlatRow = { Individual: 'celiac_0007', celiac_gender: 'Female', celiac_weight: 61 };
 * ```
 */
export type FlatRow = Record<string, FlatValue>;

/**
 * Options of {@link Molgenis.getColumns}: those of `get` (flat rows are implied) plus how
 * references are written.
 *
 * @example
 * ```ts
 * await m.getColumns('celiacsprue', { q: 'celiac_gender==Female', references: 'label' });
 * ```
 */
export interface GetColumnsOptions extends Omit<GetOptions, 'uploadable' | 'flat'> {
  /** References as ids (default) or labels. */
  references?: 'id' | 'label' | undefined;
}

/**
 * Column-oriented rows ({@link Molgenis.getColumns}): one array per column, all of `length` values.
 *
 * @example
 * ```ts
 * const { columns, data, length } = await m.getColumns('celiacsprue');
 * data.celiac_weight; // [52, 61, …]
 * ```
 */
export interface Columns {
  /** Column names, in the entity type's attribute order. */
  columns: string[];
  /** Column name → its values, row by row. */
  data: Record<string, FlatValue[]>;
  /** Number of rows. */
  length: number;
}

/**
 * Attribute metadata inside a v2 answer's `meta` (references carry their entity type's
 * `idAttribute` and `labelAttribute`).
 *
 * @example
 * ```ts
 * const attr: V2AttributeMeta = { name: 'celiac_gender', fieldType: 'CATEGORICAL', refEntity: { name: 'celiacsprue_gender', idAttribute: 'id', labelAttribute: 'label' } };
 * ```
 */
export interface V2AttributeMeta {
  name: string;
  fieldType: string;
  refEntity?: { name?: string; idAttribute?: string; labelAttribute?: string; [key: string]: unknown };
  /** Parts of a COMPOUND attribute. */
  attributes?: V2AttributeMeta[];
  [key: string]: unknown;
}

/**
 * The `meta` of a v2 answer.
 *
 * @example
 * ```ts
 * const { meta } = await m.getRaw('demo_sightings');
 * meta.idAttribute; // 'id'
 * ```
 */
export interface V2EntityMeta {
  name: string;
  idAttribute?: string;
  labelAttribute?: string;
  attributes: V2AttributeMeta[];
  [key: string]: unknown;
}

/**
 * The v2 collection answer as the server sent it ({@link Molgenis.getRaw}, Python's `raw=True`).
 *
 * @example
 * ```ts
 * const { total, items, nextHref } = await m.getRaw('celiacsprue', { pageSize: 100 });
 * ```
 */
export interface V2Collection<T = Row> {
  href: string;
  meta: V2EntityMeta;
  start: number;
  num: number;
  /** All rows matching `q`, not only this page's. */
  total: number;
  prevHref?: string;
  /** Present when rows follow this page. */
  nextHref?: string;
  items: T[];
  [key: string]: unknown;
}

/**
 * Rows with the count that says whether any were left behind ({@link Molgenis.getRows}).
 *
 * @example
 * ```ts
 * const { items, total, hasMore } = await m.getRows('celiacsprue', { max: 100 });
 * if (hasMore) console.warn(`showing ${items.length} of ${total}`);
 * ```
 */
export interface RowsResult<T> {
  items: T[];
  /** All rows matching `q` (the server's `total`), or undefined when it did not say. */
  total: number | undefined;
  /** True when rows matching `q` exist after the last one returned. */
  hasMore: boolean;
}

/**
 * Options of {@link Molgenis.csv} and {@link Molgenis.csvText} (`GET /api/v1/csv/<entity>`):
 * the contract's `max`/`pageSize` (rows per request, 1–10,000, default 10,000), `q`, the
 * attributes and one sort key.
 *
 * @example
 * ```ts
 * for await (const row of m.csv('celiacsprue', { q: 'celiac_gender==Female', attributes: ['Individual', 'celiac_weight'] })) console.log(row.celiac_weight);
 * ```
 */
export interface CsvOptions extends ListOptions {
  /** RSQL filter. Default: every row. */
  q?: Query | undefined;
  /** Columns (attribute names). Default: every attribute. */
  attributes?: readonly string[] | undefined;
  /** One sort key (the export's `sortColumn`/`sortOrder`). Default: by the id attribute when more than one request may be needed. */
  sort?: readonly SortKey[] | undefined;
  /** Index of the first row, 0-based. Default 0. */
  start?: number | undefined;
}

/**
 * One row of the CSV export, keyed by column: text as the server wrote it (references as
 * labels, lists joined by commas, an empty value as `''`).
 *
 * @example
 * ```ts
 * const row: CsvRow = { Individual: 'celiac_0007', celiac_gender: 'Female', celiac_weight: '64.0' };
 * ```
 */
export type CsvRow = Record<string, string>;

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
 * Options of {@link Molgenis.getMeta}.
 *
 * @example
 * ```ts
 * const meta = await m.getMeta('demo_sightings', { expand: true, flattenAttributes: true });
 * ```
 */
export interface GetMetaOptions extends CallOptions {
  /** Include the attributes inherited from abstract parents (`flattenAttributes`, Python's `abstract`). Default `false`. */
  flattenAttributes?: boolean | undefined;
  /** Replace each attribute's `refEntityType` link by that entity type's metadata (one request per referenced type). Default `false`. */
  expand?: boolean | undefined;
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
  /** Data action, always sent. Default `add` (Python's `upload_zip` default and the server's). */
  action?: 'add' | 'add_update_existing' | 'update' | 'add_ignore_existing' | undefined;
  /**
   * Metadata action, always sent. Default `upsert` (Python's `upload_zip` default; a request
   * without it would get the server's `add`, which refuses entity types that already exist).
   */
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
 * The EMX metadata sheets {@link Molgenis.importData} may add to the zip, one row per
 * package, entity type or attribute, with EMX's column names.
 *
 * @example
 * ```ts
 * const metadata: EmxMetadata = {
 *   entities: [{ name: 'samples', package: 'demo' }],
 *   attributes: [{ entity: 'demo_samples', name: 'id', dataType: 'string', idAttribute: 'TRUE', nillable: 'FALSE' }],
 * };
 * ```
 */
export interface EmxMetadata {
  /** The `packages` sheet (`name`, `label`, `parent`, …). */
  packages?: readonly Row[] | undefined;
  /** The `entities` sheet (`name`, `package`, `label`, `extends`, `abstract`, …). */
  entities?: readonly Row[] | undefined;
  /** The `attributes` sheet (`entity`, `name`, `dataType`, `refEntity`, `idAttribute`, `nillable`, …). */
  attributes?: readonly Row[] | undefined;
}

/**
 * Options of {@link Molgenis.importData}: those of `uploadZip` (the same `add`/`upsert`
 * defaults, and it waits) plus the metadata sheets.
 *
 * @example
 * ```ts
 * await m.importData({ demo_sightings: rows }, { action: 'add_update_existing' });
 * ```
 */
export interface ImportDataOptions extends Omit<UploadZipOptions, 'filename' | 'entityTypeId'> {
  /** EMX metadata sheets written next to the data sheets. */
  metadata?: EmxMetadata | undefined;
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
