// One schema: its metadata, tables, GraphQL, ZIP and Excel. Holds the schema name, not the client.
import type { CallOptions } from '@bio/core-http';
import { exportExcel, importExcel } from './excel.js';
import { exportZip, importZip } from './files.js';
import type { Ctx } from './internal/context.js';
import { graphql } from './internal/graphql.js';
import { loadMetadata } from './metadata.js';
import { Emx2Table } from './table.js';
import type { Emx2Row, Emx2Task, ExcelExportOptions, ExcelImportOptions, SchemaMetadata, ZipImportOptions } from './types.js';
import { ValidationError } from '@bio/core-http';

/**
 * An EMX2 schema (`/<schema>/graphql`, `/<schema>/api/...`). The name is percent-encoded in
 * every path, so names with spaces and other characters work.
 *
 * @example
 * ```ts
 * const petStore = new Emx2({ baseUrl }).schema('pet store');
 * const tables = (await petStore.metadata()).tables.map((t) => t.name);
 * ```
 */
export class Emx2Schema {
  readonly #ctx: Ctx;
  /** The schema name. */
  readonly name: string;

  /** Made by `emx2.schema(name)`; the first argument is the client's internal state. */
  constructor(ctx: object, name: string) {
    this.#ctx = ctx as Ctx;
    this.name = name;
  }

  /**
   * Tables and columns (types, keys, references, descriptions) from `_schema`, loaded once and
   * cached; `refresh: true` loads again.
   *
   * @example
   * ```ts
   * const pet = (await petStore.metadata()).tables.find((t) => t.name === 'Pet');
   * ```
   */
  metadata(options?: CallOptions & { refresh?: boolean | undefined }): Promise<SchemaMetadata> {
    return loadMetadata(this.#ctx, this.name, options);
  }

  /**
   * A table by name or id, typed by its row type (nothing is requested until it is used).
   *
   * @example
   * ```ts
   * const pets = petStore.table<Pet>('Pet');
   * ```
   */
  table<T extends object = Emx2Row>(name: string): Emx2Table<T> {
    if (typeof name !== 'string' || name === '') throw new ValidationError({ message: 'table name must be a non-empty string', field: 'table' });
    return new Emx2Table<T>(this.#ctx, this.name, name);
  }

  /**
   * Run any GraphQL document on this schema. Errors (HTTP 400 on EMX2) are thrown as the
   * family's typed errors (`ForbiddenError`, `NotFoundError`, `ConflictError`, `BadRequestError`),
   * never returned as data. Queries are retried like reads; mutations never.
   *
   * @example
   * ```ts
   * const data = await petStore.graphql<{ Pet?: { name: string }[] }>('query($n: String) { Pet(filter: { name: { equals: [$n] } }) { name } }', { n: 'pooky' });
   * ```
   */
  async graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options?: CallOptions): Promise<T> {
    if (typeof query !== 'string' || query.trim() === '') throw new ValidationError({ message: 'query must be a non-empty string', field: 'query' });
    const mutation = /^\s*mutation\b/.test(query.replace(/^\s*#.*$/gm, ''));
    return graphql<T>(this.#ctx, this.name, query, variables, { ...options, mutation });
  }

  /**
   * The schema (metadata, every table, files) as ZIP bytes.
   *
   * @example
   * ```ts
   * await writeFile('pet-store.zip', await petStore.exportZip());
   * ```
   */
  exportZip(options?: CallOptions & { includeSystemColumns?: boolean | undefined }): Promise<Uint8Array> {
    return exportZip(this.#ctx, this.name, options);
  }

  /**
   * Import a ZIP (or `.xlsx` with `fileName`, sent to the Excel API as `importExcel` does) in one
   * transaction; by default as a server task polled until it ends (`onProgress` per poll). Fails
   * with `Emx2TaskError` and the task's message; a wrong file name, no bytes or bytes that are not
   * a ZIP are a `ValidationError` before any request.
   *
   * @example
   * ```ts
   * await petStore.importZip(await readFile('pet-store.zip'), { onProgress: (p) => console.log(p.task.status) });
   * ```
   */
  importZip(zip: Uint8Array | Blob, options?: ZipImportOptions): Promise<Emx2Task | undefined> {
    return importZip(this.#ctx, this.name, zip, options);
  }

  /**
   * The schema as an .xlsx workbook: a `molgenis` sheet with the metadata, then one sheet per
   * table (header row = column names). `emx1: true` exports EMX1 (classic MOLGENIS: `entities`
   * and `attributes` sheets, then the data). A download that is not an .xlsx is a `ResponseFormatError`.
   *
   * @example
   * ```ts
   * await writeFile('pet-store.xlsx', await petStore.exportExcel());
   * ```
   */
  exportExcel(options?: ExcelExportOptions): Promise<Uint8Array> {
    return exportExcel(this.#ctx, this.name, options);
  }

  /**
   * Import an .xlsx workbook (a metadata sheet and one sheet per table, named as the table) in one
   * transaction; by default as a server task polled until it ends (`onProgress` per poll). Sheets
   * naming no table are skipped and unknown columns ignored (both reported as the task's
   * sub-tasks). A wrong file name, no bytes or bytes that are not a ZIP are a `ValidationError`
   * before any request; a failed import is an `Emx2TaskError` with the task's message.
   *
   * @example
   * ```ts
   * const task = await petStore.importExcel(await readFile('pet-store.xlsx'), { onProgress: (p) => console.log(`${p.done}/${p.total}`) });
   * ```
   */
  importExcel(file: Uint8Array | Blob, options?: ExcelImportOptions): Promise<Emx2Task | undefined> {
    return importExcel(this.#ctx, this.name, file, options);
  }
}
