// The public option and result types: src/index.ts re-exports this whole module, so add only public types here.
import type { CallOptions, ListOptions, Progress } from '@bio/core-http';
import type { Node } from '@bio/rsql';

/**
 * One entity row as MOLGENIS returns it: attribute name → value. v2 rows carry `_href`, and
 * their references come back as nested rows: `_href` with the referenced row's id and label
 * attributes, or the attributes `attrs` selects for them (`ref(a,b)`); v1 references that are
 * not expanded are `{ href }` links.
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
  /** Attribute name to sort on (sent as `attr:asc`/`attr:desc` in v2's `sort`, as `sortColumn` in the CSV export); must not contain `:`. */
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
  /** The attribute's name, as used in rows, `q`, `attrs` and `sort`. */
  name: string;
  /** The MOLGENIS attribute type in capitals: `STRING`, `INT`, `DECIMAL`, `DATE`, `XREF`, `CATEGORICAL`, `MREF`, `COMPOUND`, …. */
  fieldType: string;
  /** The referenced entity type (its id `name`, `idAttribute` and `labelAttribute`); only on reference attributes (`XREF`, `CATEGORICAL`, `MREF`, …). */
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
  /** The entity type id, e.g. `demo_sightings`. */
  name: string;
  /** Name of the id attribute (the row key). */
  idAttribute?: string;
  /** Name of the attribute that labels a row in the UI (often the id attribute). */
  labelAttribute?: string;
  /** The attributes, in the entity type's order; only those selected when the request named `attributes`. */
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
  /** The collection's path as the server names it, e.g. `/api/v2/demo_sightings`. */
  href: string;
  /** The entity type's metadata (attribute types, id and label attributes). */
  meta: V2EntityMeta;
  /** Index of this page's first row among all matching rows, 0-based (the request's `start`). */
  start: number;
  /** The page size asked for (the request's `num`), not the number of `items` returned. */
  num: number;
  /** All rows matching `q`, not only this page's. */
  total: number;
  /** Link to the page before this one; present when `start` is above 0. */
  prevHref?: string;
  /** Present when rows follow this page. */
  nextHref?: string;
  /** This page's rows, shaped as asked (`uploadable`, `flat`) or as sent. */
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
  /** The rows read, in order: from `start`, at most `max`. */
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
      /** The file's bytes. A stream or async iterable is read into memory before the request is sent. */
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
  /** This attribute's metadata path, e.g. `/api/v1/demo_sightings/meta/year`. */
  href?: string;
  /** The MOLGENIS attribute type in capitals: `STRING`, `INT`, `DECIMAL`, `DATE`, `XREF`, `CATEGORICAL`, `MREF`, `COMPOUND`, …. */
  fieldType: string;
  /** The attribute's name, as used in rows and queries. */
  name: string;
  /** Display name (the server sends the name when no label was set). */
  label?: string;
  /** Free-text description; absent when none was set. */
  description?: string;
  /** The parts of a `COMPOUND` attribute, as sent; empty for other types. */
  attributes?: unknown[];
  /** The allowed values of an `ENUM` attribute; absent for other types. */
  enumOptions?: string[];
  /** Link to the referenced entity type's metadata (`href`, e.g. `/api/v1/demo_locations/meta`); only on reference attributes. */
  refEntity?: { href: string; [key: string]: unknown };
  /** Longest value accepted, in characters (e.g. 255 for `STRING`); absent when the server sends none. */
  maxLength?: number;
  /** The server generates the value (auto ids). */
  auto?: boolean;
  /** The value may be empty (`null`). */
  nillable?: boolean;
  /** The value cannot be changed once written (as for id attributes). */
  readOnly?: boolean;
  /** Value given to new rows that leave the attribute out, as text; absent when there is none. */
  defaultValue?: string;
  /** This attribute is the entity type's label attribute. */
  labelAttribute?: boolean;
  /** No two rows may hold the same value. */
  unique?: boolean;
  /** Shown in the MOLGENIS UI. */
  visible?: boolean;
  /** One of the attributes searched by the UI's lookup (reference pickers). */
  lookupAttribute?: boolean;
  /** The attribute can be used in aggregate queries (`aggs`). */
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
  /** This metadata's path, e.g. `/api/v1/demo_sightings/meta`. */
  href?: string;
  /** The rows' path, e.g. `/api/v1/demo_sightings`. */
  hrefCollection?: string;
  /** The entity type id, e.g. `demo_sightings`. */
  name: string;
  /** Display name. */
  label?: string;
  /** Free-text description; absent when none was set. */
  description?: string;
  /** Attribute name → its metadata, in the entity type's order (expanded: the request asks for `expand=attributes`). */
  attributes: Record<string, AttributeMetaData>;
  /** Name of the attribute that labels a row in the UI. */
  labelAttribute?: string;
  /** Name of the id attribute (the row key). */
  idAttribute: string;
  /** Names of the attributes the UI's lookup (reference pickers) searches. */
  lookupAttributes?: string[];
  /** An abstract entity type has no rows of its own; others extend it. */
  isAbstract?: boolean;
  /** The current user may write rows. */
  writable?: boolean;
  /** Language of the labels and descriptions sent, e.g. `en`. */
  languageCode?: string;
  /**
   * The `EntityTypePermission`s the current user holds on this entity type, e.g. `READ_DATA`,
   * `UPDATE_DATA` (in no particular order; the server collects them in a set).
   */
  permissions?: string[];
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
  /** The run's id (generated by the server; the last segment of the href `uploadZip` got). */
  id: string;
  /** `RUNNING`, then `FINISHED` or `FAILED`. */
  status: ImportStatus;
  /** The server's report, once the run has ended: what was imported (with HTML `<br />`s), or why it failed. */
  message?: string;
  /** When the run started: an ISO 8601 date-time as sent, e.g. `2026-11-30T23:40:12Z`. */
  startDate?: string;
  /** When the run ended, as `startDate`; absent while `RUNNING`. */
  endDate?: string;
  /** The user who started the import. */
  username?: string;
  /** The server's progress counter (an integer, 0 when the run starts); not a percentage. */
  progress?: number;
  /** The ids of the entity types that got data, comma-separated (e.g. `demo_sightings`); set when the run finishes. */
  importedEntities?: string;
  /** The server e-mails the user when the run ends (the upload's `notify`). */
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
  /** The `sys_ImportRun` id (the last segment of `href`); pass it to `waitForImport` or `importRunStates`. */
  id: string;
  /** `/api/v2/sys_ImportRun/<id>` as sent by the server. */
  href: string;
  /** `RUNNING` when `wait` was false; else the final status, `FINISHED` (a `FAILED` run throws {@link MolgenisImportError} instead). */
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
  /** The session token; the client sends it as `x-molgenis-token` on every later call, until `logout`. */
  token: string;
  /** The name the user logged in with. */
  username: string;
  /** The user's first name; absent when the account has none. */
  firstname?: string;
  /** The user's last name; absent when the account has none. */
  lastname?: string;
}
