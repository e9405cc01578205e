/**
 * `@bio/molgenis/emx2` under the umbrella: the MOLGENIS EMX2 client.
 *
 * @example
 * ```ts
 * import { emx2 } from '@bio/sdk';
 * const client = new emx2.Emx2({ baseUrl: 'https://emx2.example.org' });
 * ```
 *
 * @packageDocumentation
 */
// `@bio/sdk/molgenis/emx2`: the MOLGENIS EMX2 client, name by name (the same list as `@bio/molgenis/emx2` less the family's
// errors, which are in `@bio/sdk/core-http`; a test compares them, so a name added there must be added here).
export {
  Emx2,
  EMX2_TOKEN_HEADER,
  Emx2BatchError,
  Emx2Schema,
  Emx2Table,
  Emx2TaskError,
  generateTypes,
  isEmx2BatchError,
  isEmx2TaskError,
  toCsv,
} from '@bio/molgenis/emx2';
export type {
  CallOptions,
  ClientOptions,
  ColumnFilter,
  ColumnMetadata,
  ColumnType,
  CsvExport,
  CsvExportOptions,
  CsvImportOptions,
  CsvRecordsOptions,
  DeleteOptions,
  Emx2Filter,
  Emx2Options,
  Emx2Row,
  Emx2Task,
  Emx2Version,
  ExcelExportOptions,
  ExcelImportOptions,
  Filter,
  GenerateTypesOptions,
  KnownColumnType,
  ListOptions,
  OrderBy,
  Page,
  Paged,
  Progress,
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
} from '@bio/molgenis/emx2';
