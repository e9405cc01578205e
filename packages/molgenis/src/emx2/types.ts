// The public types of the EMX2 client: options, metadata, rows, filters, results.
import type { CallOptions, ClientOptions, ListOptions, Progress } from '@bio/core-http';
import type { Node } from '@bio/rsql';

/**
 * Options of the {@link Emx2} constructor: the family's `ClientOptions` with a required `baseUrl`,
 * plus the `token` convenience.
 *
 * @example
 * ```ts
 * const options: Emx2Options = { baseUrl: 'https://emx2.example.org', token: process.env.MOLGENIS_TOKEN, timeout: 60_000 };
 * ```
 */
export interface Emx2Options extends ClientOptions {
  /** The server root, e.g. `https://emx2.molgenis.net` (a path prefix is kept). Required. */
  baseUrl: string;
  /**
   * A token (made with `createToken` or in the UI), sent as `x-molgenis-token`: short for
   * `auth: headerAuth('x-molgenis-token', token)` (give one or the other). Default: none.
   */
  token?: string | undefined;
}

/** The EMX2 column types this client knows (`emx2/ColumnType.java`). */
export type KnownColumnType =
  | 'STRING'
  | 'TEXT'
  | 'EMAIL'
  | 'HYPERLINK'
  | 'UUID'
  | 'AUTO_ID'
  | 'PERIOD'
  | 'JSON'
  | 'INT'
  | 'NON_NEGATIVE_INT'
  | 'LONG'
  | 'DECIMAL'
  | 'BOOL'
  | 'DATE'
  | 'DATETIME'
  | 'FILE'
  | 'REF'
  | 'SELECT'
  | 'RADIO'
  | 'ONTOLOGY'
  | 'REF_ARRAY'
  | 'MULTISELECT'
  | 'CHECKBOX'
  | 'ONTOLOGY_ARRAY'
  | 'REFBACK'
  | 'HEADING'
  | 'SECTION'
  | `${'STRING' | 'TEXT' | 'EMAIL' | 'HYPERLINK' | 'UUID' | 'PERIOD' | 'JSON' | 'INT' | 'NON_NEGATIVE_INT' | 'LONG' | 'DECIMAL' | 'BOOL' | 'DATE' | 'DATETIME'}_ARRAY`;

/** EMX2 column types: the known ones, open for types added by newer servers. */
export type ColumnType = KnownColumnType | (string & {});

/**
 * One column of `_schema`. `id` is the GraphQL identifier (`measuredAt`), `name` the name CSV
 * files use (`measured at`).
 *
 * @example
 * ```ts
 * const weight: ColumnMetadata = { id: 'weight', name: 'weight', columnType: 'DECIMAL', required: true, readonly: false };
 * ```
 */
export interface ColumnMetadata {
  /** The GraphQL identifier (`measuredAt`); rows use it as the key. */
  id: string;
  /** The name (`measured at`), as CSV headers use it. */
  name: string;
  /** The EMX2 column type. */
  columnType: ColumnType;
  /** 1 for the primary key, 2+ for secondary unique keys; absent otherwise. */
  key?: number | undefined;
  /** True when the server requires a value (`required: "true"`). */
  required: boolean;
  /** A JavaScript expression that decides whether the column is required, when the server has one. */
  requiredExpression?: string | undefined;
  /** True when the server computes the value. */
  readonly: boolean;
  /** The label shown in the UI. */
  label?: string | undefined;
  /** The column's description. */
  description?: string | undefined;
  /** Position in the table (system columns are negative). */
  position?: number | undefined;
  /** The value a new row gets when none is given. */
  defaultValue?: string | undefined;
  /** AUTO_ID template or computed expression. */
  computed?: string | undefined;
  /** A JavaScript validation expression the server runs. */
  validation?: string | undefined;
  /** A JavaScript expression deciding whether the UI shows the column. */
  visible?: string | undefined;
  /** References into another schema: its name. */
  refSchemaName?: string | undefined;
  /** References: the referenced table's name. */
  refTableName?: string | undefined;
  /** References: the referenced table's id. */
  refTableId?: string | undefined;
  /** REFBACK: the column of `refTableName` pointing back here. */
  refBackName?: string | undefined;
  /** REFBACK: that column's id. */
  refBackId?: string | undefined;
  /** A column the reference shares a key part with. */
  refLinkName?: string | undefined;
  /** Ontology IRIs describing the column. */
  semantics?: string[] | undefined;
}

/**
 * One table of `_schema`, with its columns in order (headings and system columns included).
 *
 * @example
 * ```ts
 * const key: string[] = table.primaryKey; // ['name']
 * ```
 */
export interface TableMetadata {
  /** The GraphQL type name (`Pet`, `MyTable`). */
  id: string;
  /** The table name. */
  name: string;
  /** `DATA` or `ONTOLOGIES`. */
  tableType: string;
  /** The label shown in the UI. */
  label?: string | undefined;
  /** The table's description. */
  description?: string | undefined;
  /** The schema the table is in. */
  schemaName: string;
  /** The table this one extends. */
  inheritName?: string | undefined;
  /** Its id. */
  inheritId?: string | undefined;
  /** Ontology IRIs describing the table. */
  semantics?: string[] | undefined;
  /** Columns in order, headings and system (`mg_`) columns included. */
  columns: ColumnMetadata[];
  /** Ids of the primary key columns (`key: 1`), in order. */
  primaryKey: string[];
}

/**
 * A schema's metadata as `schema.metadata()` returns it, tables sorted by name.
 *
 * @example
 * ```ts
 * const names = (await petStore.metadata()).tables.map((t) => t.name);
 * ```
 */
export interface SchemaMetadata {
  /** The schema name. */
  name: string;
  /** The label shown in the UI. */
  label?: string | undefined;
  /** Tables sorted by name. */
  tables: TableMetadata[];
}

/** A row as read or written: column id → value. */
export type Emx2Row = Record<string, unknown>;

/** A column filter of EMX2's grammar: one operator per column object. */
export interface ColumnFilter {
  /** A value or list: the column equals any of them (case-sensitive; on array columns, shares one). */
  equals?: unknown;
  /** A value or list: the column equals none of them; empty values match too. */
  not_equals?: unknown;
  /** A text or list: the column contains any of them, ignoring case (`%` and `_` are wildcards). */
  like?: unknown;
  /** A text or list: the column contains none of them; empty values do not match. */
  not_like?: unknown;
  /** Bounds in pairs `[from, to, from2, to2, …]` (inclusive, pairs ORed); `null` leaves a side open: `[5, null]` is ≥ 5. Numbers, dates and date-times. */
  between?: unknown[];
  /** As `between`, negated; empty values do not match. */
  not_between?: unknown[];
  /** `true`: the column is empty (an array column: empty or null; a refback: no referring rows); `false`: it has a value. */
  is_null?: boolean;
  /** A value or list: as `equals`, the column equals any of them (on array columns, shares one). */
  match_any?: unknown;
  /** A list, array columns only: the column holds all of them. */
  match_all?: unknown;
  /** Words searched in the whole row's text (not only this column), as `_search`. */
  text_search?: unknown;
  /** As `text_search`: EMX2 answers both with its whole-row search. */
  trigram_search?: unknown;
  [key: string]: unknown;
}

/** EMX2's filter object (`{ weight: { between: [5, null] }, _or: [...] }`); keys are column ids. */
export interface Emx2Filter {
  /** Every filter must match. */
  _and?: Emx2Filter[] | Emx2Filter;
  /** Any filter must match. */
  _or?: Emx2Filter[] | Emx2Filter;
  /** Every word must occur in the row. */
  _search?: string;
  [column: string]: unknown;
}

/**
 * A filter: EMX2's filter object, an RSQL string (`weight=gt=5;category.name==cat`) or a parsed
 * `@bio/rsql` tree — RSQL is compiled to the EMX2 filter.
 */
export type Filter = Emx2Filter | string | Node;

/** One sort key, `{ weight: 'DESC' }`, or several in a list (first is most significant). */
export type OrderBy = Record<string, 'ASC' | 'DESC'> | readonly Record<string, 'ASC' | 'DESC'>[];

/**
 * Options of `table.rows()`: the family's `ListOptions` plus the query.
 *
 * @example
 * ```ts
 * const options: RowsOptions = { filter: 'weight=ge=1', columns: ['name', 'category.name'], orderby: { weight: 'DESC' }, max: 100 };
 * ```
 */
export interface RowsOptions extends ListOptions {
  /** Which rows. Default: all. */
  filter?: Filter | undefined;
  /** Full-text search over the row (EMX2's `search` argument: one substring). */
  search?: string | undefined;
  /**
   * Columns to read, by id or name; a dotted path (`category.name`, `tags.name`) reads a column
   * of the referenced table. Default: every data column (no headings, no `mg_` columns), with
   * references as their key columns.
   */
  columns?: readonly string[] | undefined;
  /** Sort order. The primary key is always appended, so paging is stable. Default: the primary key. */
  orderby?: OrderBy | undefined;
  /** Pages in flight at once once the first page has told the total. Default 4. */
  concurrency?: number | undefined;
}

/** Options of `count()` and `get()`. */
export interface QueryOptions extends CallOptions {
  /** Columns to read (as in {@link RowsOptions}). */
  columns?: readonly string[] | undefined;
  /** Full-text search over the row. */
  search?: string | undefined;
}

/**
 * Options of the chunked writes (`insert`, `update`, `save`, `delete`).
 *
 * @example
 * ```ts
 * await pets.save(rows, { chunkSize: 500, onProgress: (p) => console.log(p.done, p.total) });
 * ```
 */
export interface WriteOptions extends CallOptions {
  /** Rows per mutation (one request, one transaction). Default 1000. */
  chunkSize?: number | undefined;
  /** After each chunk: rows done, of total, and chunks done. */
  onProgress?: ((p: Progress) => void) | undefined;
}

/** Options of `delete()`. */
export interface DeleteOptions extends WriteOptions {
  /** Fail (and roll back the chunk) when a key does not exist (`delete(strict: true)`, servers from 2026-04). Default false. */
  strict?: boolean | undefined;
}

/** What a chunked write did: how many rows the server reported per chunk, and its messages. */
export interface WriteResult {
  /** Sum of the counts in the server's messages (`inserted 3 records to Pet`). */
  count: number;
  /** Requests sent. */
  chunks: number;
}

/** A schema the user can see (`_schemas`). */
export interface SchemaInfo {
  /** The schema name (also its id). */
  name: string;
  /** The label shown in the UI. */
  label?: string | undefined;
  /** The schema's description. */
  description?: string | undefined;
}

/** The server's versions (`_manifest`). */
export interface Emx2Version {
  /** The server release (`ImplementationVersion`). */
  implementationVersion: string;
  /** `SpecificationVersion`. */
  specificationVersion?: string | undefined;
  /** The database migration level (`DatabaseVersion`). */
  databaseVersion?: string | undefined;
}

/** An asynchronous server task (`_tasks(id:)`). */
export interface Emx2Task {
  /** The task id (a UUID). */
  id: string;
  /** `WAITING RUNNING COMPLETED SKIPPED WARNING ERROR UNKNOWN CANCELLED`. */
  status: string;
  /** What the task does or did; on failure, the reason. */
  description?: string | undefined;
  /** Its steps. */
  subTasks: Emx2Task[];
}

/** Options of waiting for a task. */
export interface TaskWaitOptions extends CallOptions {
  /** First wait between polls, ms. Default 500. */
  interval?: number | undefined;
  /** Growth of the wait (≥ 1). Default 1.5. */
  backoff?: number | undefined;
  /** Longest wait, ms. Default 10,000. */
  maxInterval?: number | undefined;
  /** Give up with a `TimeoutError` after this many ms. Default: none. */
  deadline?: number | undefined;
  /** After each poll: `done` = finished sub-tasks, `total` = sub-tasks so far. */
  onProgress?: ((p: Progress & { task: Emx2Task }) => void) | undefined;
}

/** Options of `table.exportCsv()`. */
export interface CsvExportOptions extends CallOptions {
  /** Which rows (compiled to EMX2's filter, run by the server). */
  filter?: Filter | undefined;
  /** `'\t'` for TSV. Default `,`. */
  separator?: ',' | '\t' | undefined;
  /** Include `mg_insertedBy`, `mg_insertedOn` … Default false. */
  includeSystemColumns?: boolean | undefined;
}

/**
 * Options of `table.exportCsv().records()`: which columns to decode, and how many rows to read.
 * The download itself is chosen by {@link CsvExportOptions} (filter, signal, timeout).
 *
 * @example
 * ```ts
 * const options: CsvRecordsOptions = { columns: ['name', 'category', 'weight'], max: 100 };
 * const first = await pets.exportCsv({ filter: 'weight=gt=1' }).records(options).toArray();
 * ```
 */
export interface CsvRecordsOptions {
  /**
   * Columns to decode, by id or name (as in {@link RowsOptions}); a dotted path may name a
   * referenced table's key only (`category.name`), since CSV holds nothing else of it. Default:
   * every data column (no headings, no `mg_` columns), as `rows()`. The server sends every
   * column either way; an `mg_` column other than `mg_draft` adds `includeSystemColumns`.
   */
  columns?: readonly string[] | undefined;
  /** Stop after this many rows (the rest of the body is not read). Default: all. */
  max?: number | undefined;
}

/** Options of `table.importCsv()`. */
export interface CsvImportOptions extends TaskWaitOptions {
  /** Import as a server task and poll it. Default false (one request, answered when done). */
  async?: boolean | undefined;
}

/**
 * Options of `schema.exportExcel()`.
 *
 * @example
 * ```ts
 * const options: ExcelExportOptions = { includeSystemColumns: true };
 * await writeFile('pet-store.xlsx', await petStore.exportExcel(options));
 * ```
 */
export interface ExcelExportOptions extends CallOptions {
  /** Include `mg_insertedBy`, `mg_insertedOn` … Default false. Not with `emx1`. */
  includeSystemColumns?: boolean | undefined;
  /** EMX1 (the classic MOLGENIS format: `entities` and `attributes` sheets, then the data) instead of EMX2. Default false. */
  emx1?: boolean | undefined;
}

/**
 * Options of `table.exportExcel()`: which rows, which columns (as `exportCsv`).
 *
 * @example
 * ```ts
 * const options: TableExcelExportOptions = { filter: 'category.name==cat' };
 * await writeFile('cats.xlsx', await pets.exportExcel(options));
 * ```
 */
export interface TableExcelExportOptions extends CallOptions {
  /** Which rows (compiled to EMX2's filter, run by the server). */
  filter?: Filter | undefined;
  /** Include `mg_insertedBy`, `mg_insertedOn` … Default false. */
  includeSystemColumns?: boolean | undefined;
}

/**
 * Options of `schema.importExcel()`.
 *
 * @example
 * ```ts
 * const options: ExcelImportOptions = { fileName: 'pet-store.xlsx', deadline: 60_000 };
 * await petStore.importExcel(await readFile('pet-store.xlsx'), options);
 * ```
 */
export interface ExcelImportOptions extends TaskWaitOptions {
  /** Import as a server task and poll it (default true); false waits on one long request. */
  async?: boolean | undefined;
  /** The part's file name (must end `.xlsx`). Default `upload.xlsx`. */
  fileName?: string | undefined;
}

/** Options of `schema.importZip()`. */
export interface ZipImportOptions extends TaskWaitOptions {
  /** Import as a server task and poll it (default true); false waits on one long request. */
  async?: boolean | undefined;
  /** The part's file name (must end `.zip` or `.xlsx`; an `.xlsx` is imported as `importExcel` does). Default `upload.zip`. */
  fileName?: string | undefined;
}
