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

// query strings and paths
export { buildSearchParams, encodePathSegment, path } from './query.js';
export type { ArrayFormat, QueryParams, QueryValue } from './query.js';

// client, retry, auth (client.ts, retry.ts, auth.ts, session-auth.ts)

// streaming (lines.ts, json-array-items.ts)

// paging and batching (paginate.ts, batch.ts)
