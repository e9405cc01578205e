// The assertion every ResponseFormatError test shares: the error names its request and leaks no secret.
import { isResponseFormatError, type ResponseFormatError } from '@bio/core-http';
import { expect } from 'vitest';

/** What the error must name: the request (`url` exact), its answer's status, and the secret it must not show. */
export interface NamedRequest {
  method: string;
  url: string;
  status: number;
  /** The base URL, so the message can be checked to hold `${method} ${path}: `. */
  base: string;
  /** Read once the promise has settled (a handler may only see it then). */
  secret: () => string;
}

/** The `ResponseFormatError` that `promise` rejects with, asserted to name `expected` and to hold no secret. */
export async function namedFormatError(promise: Promise<unknown>, expected: NamedRequest): Promise<ResponseFormatError> {
  const failed = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isResponseFormatError(failed)) throw new Error(`expected a ResponseFormatError, got ${String(failed)}`);
  const { method, url, status, base } = expected;
  expect(failed.method).toBe(method);
  expect(failed.url).toBe(url);
  expect(failed.status).toBe(status);
  expect(failed.service).toBe('molgenis');
  expect(failed.message).toContain(`${method} ${url.slice(base.length + 1).replace(/\?.*/, '')}: `);
  const secret = expected.secret();
  expect(secret.length).toBeGreaterThan(8);
  expect(JSON.stringify(failed.toJSON()) + String(failed.snippet) + failed.message).not.toContain(secret);
  return failed;
}
