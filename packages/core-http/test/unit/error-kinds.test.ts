// Every status/transport error kind is its own class: own name and code, instanceof and its guard
// hold for it and for no sibling, and `retryable` follows the status except for timeouts and
// broken connections.
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';

const KINDS = [
  ['BadRequestError', 'BAD_REQUEST', 400, false],
  ['UnauthorizedError', 'UNAUTHORIZED', 401, false],
  ['ForbiddenError', 'FORBIDDEN', 403, false],
  ['NotFoundError', 'NOT_FOUND', 404, false],
  ['ConflictError', 'CONFLICT', 409, false],
  ['RateLimitError', 'RATE_LIMITED', 429, true],
  ['ServerError', 'SERVER_ERROR', 503, true],
  ['TimeoutError', 'TIMEOUT', 0, true],
  ['NetworkError', 'NETWORK', 0, true],
  ['AbortError', 'ABORTED', 0, false],
  ['ResponseFormatError', 'RESPONSE_FORMAT', 200, false],
] as const;

type Ctor = new (init?: api.BioHttpErrorInit) => api.BioHttpError;
const exports = api as unknown as Record<string, unknown>;

describe.each(KINDS)('%s', (name, code, status, retryable) => {
  const Kind = exports[name] as Ctor;
  const e = new Kind({ status });

  it('has its own name and code, and is a BioHttpError', () => {
    expect(Kind.name).toBe(name);
    expect(e.name).toBe(name);
    expect(e.code).toBe(code);
    expect(e).toBeInstanceOf(Kind);
    expect(e).toBeInstanceOf(api.BioHttpError);
    expect(e.toJSON()).toMatchObject({ name, code, status });
  });

  it('matches its own guard and no sibling class or guard', () => {
    expect((exports[`is${name}`] as (x: unknown) => boolean)(e)).toBe(true);
    for (const [other] of KINDS) {
      if (other === name) continue;
      expect(e).not.toBeInstanceOf(exports[other] as Ctor);
      expect((exports[`is${other}`] as (x: unknown) => boolean)(e), other).toBe(false);
    }
  });

  it(`is ${retryable ? '' : 'not '}retryable`, () => {
    expect(e.retryable).toBe(retryable);
  });
});
