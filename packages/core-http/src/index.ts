// The public surface of @bio/core-http, listed by hand. src/internal/ is never exported.

// errors
export {
  AbortError,
  BadRequestError,
  BatchError,
  BioHttpError,
  ConflictError,
  createHttpError,
  ForbiddenError,
  isAbortError,
  isBadRequestError,
  isBatchError,
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
} from './errors.js';
export type { BatchFailure, BioHttpErrorInit, ErrorCode, ResponseFormatErrorInit } from './errors.js';
export { redactSecrets, redactUrl, SECRET_QUERY_PARAMS } from './redact.js';
export { htmlErrorMessage } from './html-message.js';

// query strings and paths
export { buildSearchParams, encodePathSegment, path } from './query.js';
export type { ArrayFormat, QueryParams, QueryValue } from './query.js';

// client, retry, auth (client.ts, retry.ts, auth.ts, session-auth.ts)
export { createHttpClient } from './client.js';
export type { HttpClient, HttpClientOptions, HttpHooks, RequestOptions, ResponsePromise } from './client.js';
export { computeBackoff, parseRetryAfter } from './retry.js';
export type { RetryOptions } from './retry.js';
export { basicAuth, headerAuth, tokenAuth } from './auth.js';
export type { AuthStrategy } from './auth.js';
export { sessionAuth } from './session-auth.js';
export type { SessionAuth, SessionAuthOptions } from './session-auth.js';

// streaming (lines.ts, json-array-items.ts)
export { lines } from './lines.js';
export type { ByteSource, LinesOptions } from './lines.js';
export { jsonArrayItems } from './json-array-items.js';
export type { JsonArrayItemsOptions, JsonArrayStream } from './json-array-items.js';

// paging and batching (paginate.ts, batch.ts)
export { collect, paginateCursor, paginateOffset, paginatePages } from './paginate.js';
export type { PageOptions } from './paginate.js';
export { batch } from './batch.js';
export type { BatchOptions, BatchOutcome } from './batch.js';
