// The public surface of `@bio/molgenis/emx2`, listed by hand.
export { Emx2, EMX2_TOKEN_HEADER } from './client.js';
export { Emx2Schema } from './schema.js';
export { Emx2Table } from './table.js';
export type { CsvExport } from './files.js';
export { toCsv } from './files.js';
export { Emx2BatchError, Emx2TaskError, isEmx2BatchError, isEmx2TaskError } from './errors.js';
export { generateTypes } from './typegen.js';
export type { GenerateTypesOptions } from './typegen.js';
export type {
  ColumnFilter,
  ColumnMetadata,
  ColumnType,
  CsvExportOptions,
  CsvImportOptions,
  CsvRecordsOptions,
  DeleteOptions,
  ExcelExportOptions,
  ExcelImportOptions,
  Emx2Filter,
  Emx2Options,
  Emx2Row,
  Emx2Task,
  Emx2Version,
  Filter,
  KnownColumnType,
  OrderBy,
  QueryOptions,
  RowsOptions,
  SchemaInfo,
  SchemaMetadata,
  TableExcelExportOptions,
  TableMetadata,
  TaskWaitOptions,
  WriteOptions,
  WriteResult,
  ZipImportOptions,
} from './types.js';
export type { CallOptions, ClientOptions, ListOptions, Page, Paged, Progress } from '@bio/core-http';
// the family's errors and guards, whole (the same objects in every client)
export * from '@bio/core-http/errors';
