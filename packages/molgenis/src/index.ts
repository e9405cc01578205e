// The public surface of @bio/molgenis, listed by hand. src/internal/ is never exported.
export { Molgenis } from './molgenis.js';
export type { MolgenisOptions } from './molgenis.js';
export { TOKEN_HEADER } from './auth.js';
export { errorDetails, isMolgenisBatchError, isMolgenisImportError, MolgenisBatchError, MolgenisImportError } from './errors.js';
export type { MolgenisErrorDetails, ProblemDetails } from './error-details.js';
export type {
  AddOptions,
  AttributeMetaData,
  AttributeOptions,
  BatchWriteOptions,
  EntityMetaData,
  FileInput,
  GetOptions,
  ImportJob,
  ImportRun,
  ImportStatus,
  LoginResult,
  Query,
  Row,
  SortKey,
  UploadZipOptions,
  UpsertResult,
  WaitOptions,
} from './types.js';

// The family contract (from @bio/core-http): the option and result types the methods name.
export type { CallOptions, ClientOptions, ListOptions, Page, Paged, Progress } from '@bio/core-http';

// The @bio/core-http errors this client throws, and their guards.
export {
  AbortError,
  BadRequestError,
  BatchError,
  BioError,
  BioHttpError,
  ConflictError,
  ForbiddenError,
  isAbortError,
  isBadRequestError,
  isBatchError,
  isBioError,
  isBioHttpError,
  isConflictError,
  isForbiddenError,
  isNetworkError,
  isNotFoundError,
  isRateLimitError,
  isResponseFormatError,
  isResponseTooLargeError,
  isServerError,
  isTimeoutError,
  isUnauthorizedError,
  isValidationError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  ResponseFormatError,
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
  UnauthorizedError,
  ValidationError,
} from '@bio/core-http';
export type { ErrorCode } from '@bio/core-http';
