/**
 * `@bio/molgenis` under the umbrella: the MOLGENIS REST client (RSQL queries, writes, EMX import, metadata).
 *
 * @example
 * ```ts
 * import { molgenis } from '@bio/sdk';
 * const client = new molgenis.Molgenis({ baseUrl: 'https://molgenis.example.org' });
 * ```
 *
 * @packageDocumentation
 */
// `@bio/sdk/molgenis`: the MOLGENIS client, name by name (the same list as `@bio/molgenis`'s index less the family's
// errors, which are in `@bio/sdk/core-http`; a test compares them, so a name added there must be added here).
export {
  errorDetails,
  isMolgenisBatchError,
  isMolgenisImportError,
  Molgenis,
  MolgenisBatchError,
  MolgenisImportError,
  toColumns,
  TOKEN_HEADER,
} from '@bio/molgenis';
export type {
  AddOptions,
  AttributeMetaData,
  AttributeOptions,
  BatchWriteOptions,
  CallOptions,
  ClientOptions,
  Columns,
  CsvOptions,
  CsvRow,
  EmxMetadata,
  EntityMetaData,
  FileInput,
  FlatOptions,
  FlatRow,
  FlatValue,
  GetColumnsOptions,
  GetMetaOptions,
  GetOptions,
  ImportDataOptions,
  ImportJob,
  ImportRun,
  ImportStatus,
  ListOptions,
  LoginResult,
  MolgenisErrorDetails,
  MolgenisOptions,
  Page,
  Paged,
  ProblemDetails,
  Progress,
  Query,
  Row,
  RowsResult,
  SortKey,
  UploadZipOptions,
  UpsertResult,
  V2AttributeMeta,
  V2Collection,
  V2EntityMeta,
  WaitOptions,
} from '@bio/molgenis';
