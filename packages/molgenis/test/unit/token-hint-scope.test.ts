// The expired-token hint belongs on 401s that read as an anonymous permission denial only: the
// classic controllers also answer a read-only attribute (MolgenisDataAccessException) with 401.
import { type AuthStrategy, UnauthorizedError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { EXPIRED_TOKEN_HINT, expiredTokenHint } from '../../src/internal/token-hint.js';

const tokenAuth: AuthStrategy = { kind: 'header', headerNames: ['x-molgenis-token'], secrets: () => [], apply: () => {} };
const hint = expiredTokenHint(() => tokenAuth, 'x-molgenis-token');

function unauthorized(serviceMessage?: string): UnauthorizedError {
  return new UnauthorizedError(serviceMessage === undefined ? { status: 401 } : { status: 401, serviceMessage });
}

describe('expiredTokenHint', () => {
  it('adds the hint to a permission denial, and to a 401 without a message', () => {
    expect(hint(unauthorized("No 'Read data' permission on entity type 'Sightings' with id 'demo_sightings'.")).message).toContain(EXPIRED_TOKEN_HINT);
    expect(hint(unauthorized()).message).toContain(EXPIRED_TOKEN_HINT);
  });

  it('leaves other 401s alone: a read-only attribute is not about the token', () => {
    const error = unauthorized("Attribute 'id' of entity 'demo_sightings' is readonly");
    expect(hint(error)).toBe(error);
    const v2 = unauthorized("Operation failed. Attribute 'id' of entity 'demo_sightings' is readonly");
    expect(hint(v2)).toBe(v2);
  });
});
