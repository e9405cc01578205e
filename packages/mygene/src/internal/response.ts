// Checks on MyGene's answers: a malformed answer is a ResponseFormatError, an error body sent
// with a 2xx status is the HTTP error its `code` names.
import { createHttpError, ResponseFormatError } from '@bio/core-http';
import { isRecord } from './context.js';
import { mygeneServiceMessage } from './service-message.js';
import { describe } from './validate.js';

/** Throw the HTTP error an error body (`{"code":400,"success":false,"error":…}`) describes. */
export function throwBodyError(body: Record<string, unknown>): never {
  const serviceMessage = mygeneServiceMessage(body);
  const status = typeof body.code === 'number' && body.code >= 400 ? body.code : 500;
  throw createHttpError({ status, service: 'mygene', body, ...(serviceMessage === undefined ? {} : { serviceMessage }) });
}

/** A malformed answer: `where` names the request, `expected` what should have come. */
export function formatError(where: string, expected: string, body: unknown): ResponseFormatError {
  return new ResponseFormatError({ message: `${where}: expected ${expected}, got ${describe(body)}`, service: 'mygene', body });
}

/** The answer as a JSON object, or a ResponseFormatError. */
export function expectRecord(body: unknown, where: string): Record<string, unknown> {
  if (!isRecord(body)) throw formatError(where, 'a JSON object', body);
  return body;
}
