// API snapshot: adding or removing an export of src/index.ts must fail here until this list is updated on purpose.
import { expect, it } from 'vitest';
import * as api from '../../src/index.js';

const EXPECTED_EXPORTS = [
  'AbortError',
  'BadRequestError',
  'BatchError',
  'BioHttpError',
  'ConflictError',
  'ForbiddenError',
  'NetworkError',
  'NotFoundError',
  'RateLimitError',
  'ResponseFormatError',
  'ResponseTooLargeError',
  'SECRET_QUERY_PARAMS',
  'ServerError',
  'TimeoutError',
  'UnauthorizedError',
  'ValidationError',
  'basicAuth',
  'batch',
  'buildSearchParams',
  'collect',
  'computeBackoff',
  'createHttpClient',
  'createHttpError',
  'encodePathSegment',
  'headerAuth',
  'htmlErrorMessage',
  'isAbortError',
  'isBadRequestError',
  'isBatchError',
  'isBioHttpError',
  'isConflictError',
  'isForbiddenError',
  'isNetworkError',
  'isNotFoundError',
  'isRateLimitError',
  'isResponseFormatError',
  'isResponseTooLargeError',
  'isServerError',
  'isTimeoutError',
  'isUnauthorizedError',
  'isValidationError',
  'jsonArrayItems',
  'lines',
  'paginateCursor',
  'paginateOffset',
  'paginatePages',
  'parseRetryAfter',
  'path',
  'redactSecrets',
  'redactUrl',
  'sessionAuth',
  'tokenAuth',
];

it('src/index.ts exports exactly the reviewed runtime names', () => {
  expect(Object.keys(api).sort()).toEqual([...EXPECTED_EXPORTS].sort());
});

it('every runtime export is defined', () => {
  for (const name of EXPECTED_EXPORTS) expect((api as Record<string, unknown>)[name], name).toBeDefined();
});
