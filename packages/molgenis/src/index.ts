// The public surface of @bio/molgenis, listed by hand. src/internal/ is never exported.
export { Molgenis } from './molgenis.js';
export type { MolgenisOptions } from './molgenis.js';
export { TOKEN_HEADER } from './auth.js';
export { errorDetails, isMolgenisBatchError, isMolgenisImportError, MolgenisBatchError, MolgenisImportError } from './errors.js';
export type { MolgenisErrorDetails, ProblemDetails } from './errors.js';
export type {
  AddOptions,
  AttributeMetaData,
  AttributeOptions,
  BatchWriteOptions,
  CallOptions,
  EntityMetaData,
  FileInput,
  GetOptions,
  ImportJob,
  ImportRun,
  ImportStatus,
  IterateOptions,
  LoginResult,
  Query,
  Row,
  SortKey,
  UploadZipOptions,
  UpsertResult,
  WaitOptions,
  WriteProgress,
} from './types.js';
