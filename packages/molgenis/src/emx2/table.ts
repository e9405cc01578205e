// One table of a schema: reads, writes, CSV, Excel. Holds where the table is, not the client.
import type { CallOptions, Paged } from '@bio/core-http';
import { exportTableExcel } from './excel.js';
import { type CsvExport, deleteCsv, exportCsv, importCsv } from './files.js';
import type { Ctx } from './internal/context.js';
import { count, get, rows, type TableRef } from './read.js';
import type {
  CsvExportOptions,
  CsvImportOptions,
  Emx2Task,
  DeleteOptions,
  Emx2Row,
  Filter,
  QueryOptions,
  RowsOptions,
  TableExcelExportOptions,
  TableMetadata,
  WriteOptions,
  WriteResult,
} from './types.js';
import { truncate, write } from './write.js';
import { tableMeta } from './read.js';

/**
 * A table of an EMX2 schema, typed by its row type `T` (see `generateTypes`). Names are
 * resolved against the schema's metadata (id or name, any case); an unknown table or column is a
 * `ValidationError` naming the nearest.
 *
 * @example
 * ```ts
 * const pets = new Emx2({ baseUrl }).schema('pet store').table<Pet>('Pet');
 * for await (const pet of pets.rows({ filter: 'weight=gt=1', orderby: { weight: 'DESC' } })) console.log(pet.name, pet.weight);
 * ```
 */
export class Emx2Table<T extends object = Emx2Row> {
  readonly #ref: TableRef;

  /** Made by `schema.table(name)`; the first argument is the client's internal state. */
  constructor(ctx: object, schema: string, table: string) {
    this.#ref = { ctx: ctx as Ctx, schema, table };
  }

  /** The schema name. */
  get schemaName(): string {
    return this.#ref.schema;
  }
  /** The table name as given. */
  get name(): string {
    return this.#ref.table;
  }

  /**
   * The table's metadata (from the schema's cached `_schema`).
   *
   * @example
   * ```ts
   * (await pets.metadata()).primaryKey; // ['name']
   * ```
   */
  async metadata(options?: CallOptions): Promise<TableMetadata> {
    return (await tableMeta(this.#ref, options ?? {})).table;
  }

  /**
   * Rows, paged with `limit`/`offset` under the given order plus the primary key (stable
   * paging); `total()` is `<Table>_agg { count }`, asked with the first page. Pages after the
   * first are fetched `concurrency` (default 4) at a time. Values are decoded per column type.
   *
   * @example
   * ```ts
   * const heavy = await pets.rows({ filter: { weight: { between: [5, null] } }, columns: ['name', 'category.name'] }).toArray();
   * ```
   */
  rows(options?: RowsOptions): Paged<T> {
    return rows<T>(this.#ref, options);
  }

  /**
   * How many rows match `filter` (and `search`).
   *
   * @example
   * ```ts
   * await pets.count('category.name==cat'); // 3
   * ```
   */
  count(filter?: Filter, options?: QueryOptions): Promise<number> {
    return count(this.#ref, filter, options);
  }

  /**
   * One row by primary key (a key object, or the value of a one-column key); `undefined` when absent.
   *
   * @example
   * ```ts
   * await pets.get('pooky'); // { name: 'pooky', category: { name: 'cat' }, tags: [], weight: 9.4, … }
   * ```
   */
  get(key: unknown, options?: QueryOptions): Promise<T | undefined> {
    return get<T>(this.#ref, key, options);
  }

  /**
   * Insert rows, `chunkSize` (default 1000) per mutation. Fails with `Emx2BatchError` when a chunk fails.
   *
   * @example
   * ```ts
   * await pets.insert([{ name: 'rex', category: 'dog', weight: 12.5 }]);
   * ```
   */
  insert(rows: readonly Partial<T>[], options?: WriteOptions): Promise<WriteResult> {
    return write(this.#ref, 'insert', rows as Emx2Row[], options);
  }

  /**
   * Update rows by primary key: writes the columns given, but EMX2 checks every required column,
   * so give those too (refused before sending, naming the column).
   *
   * @example
   * ```ts
   * await pets.update([{ name: 'rex', category: 'dog', weight: 13 }]);
   * ```
   */
  update(rows: readonly Partial<T>[], options?: WriteOptions): Promise<WriteResult> {
    return write(this.#ref, 'update', rows as Emx2Row[], options);
  }

  /**
   * Insert or replace whole rows (absent columns become empty or their default).
   *
   * @example
   * ```ts
   * await pets.save(rows, { chunkSize: 500 });
   * ```
   */
  save(rows: readonly Partial<T>[], options?: WriteOptions): Promise<WriteResult> {
    return write(this.#ref, 'save', rows as Emx2Row[], options);
  }

  /**
   * Delete rows by key (key objects or whole rows; other columns are ignored). Missing keys are no
   * error unless `strict`.
   *
   * @example
   * ```ts
   * await pets.delete([{ name: 'rex' }]);
   * ```
   */
  delete(keys: readonly Partial<T>[], options?: DeleteOptions): Promise<WriteResult> {
    return write(this.#ref, 'delete', keys as Emx2Row[], options);
  }

  /**
   * Delete every row. Only with `{ confirm: true }`.
   *
   * @example
   * ```ts
   * await pets.truncate({ confirm: true }); // 'Truncated tables: Pet'
   * ```
   */
  truncate(options: CallOptions & { confirm: true }): Promise<string> {
    return truncate(this.#ref, options);
  }

  /**
   * Download the table as CSV (column names as header; the filter runs on the server), in one
   * request: as text, bytes, rows of cell texts, or `records()` typed as `rows()` types them —
   * the whole-table read of the pyclient's `get`, parsed while it arrives.
   *
   * @example
   * ```ts
   * for await (const row of pets.exportCsv({ filter: 'status==sold' }).rows()) console.log(row.name);
   * const all = await pets.exportCsv().records().toArray(); // the values rows() gives, in one download
   * ```
   */
  exportCsv(options?: CsvExportOptions): CsvExport<T> {
    return exportCsv<T>(this.#ref, options);
  }

  /**
   * Upsert CSV text or rows through the CSV API (EMX2 commits every 100 rows); with
   * `async: true` as a server task, polled (resolves with the task).
   *
   * @example
   * ```ts
   * await pets.importCsv('name,category,weight\nrex,dog,12.5\n');
   * ```
   */
  importCsv(input: string | readonly Record<string, unknown>[], options?: CsvImportOptions): Promise<Emx2Task | undefined> {
    return importCsv(this.#ref, input, options);
  }

  /**
   * Delete the rows whose keys are in the CSV (or rows); returns how many were deleted.
   *
   * @example
   * ```ts
   * await pets.deleteCsv([{ name: 'rex' }]); // 1
   * ```
   */
  deleteCsv(keys: string | readonly Record<string, unknown>[], options?: CallOptions): Promise<number> {
    return deleteCsv(this.#ref, keys, options);
  }

  /**
   * Download the table as an .xlsx workbook of one sheet named as the table (header row = column
   * names; the filter runs on the server).
   *
   * @example
   * ```ts
   * await writeFile('cats.xlsx', await pets.exportExcel({ filter: 'category.name==cat' }));
   * ```
   */
  exportExcel(options?: TableExcelExportOptions): Promise<Uint8Array> {
    return exportTableExcel(this.#ref, options);
  }
}
