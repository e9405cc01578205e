// EMX2 answers nearly every failure with HTTP 400 `{"errors":[{"message"}]}` (reference §3.3):
// the kind is in the message. A `beforeError` hook gives each its family class.
import { type BioHttpError, type BioHttpErrorInit, ConflictError, ForbiddenError, NotFoundError, UnauthorizedError } from '@bio/core-http';

/** The server's message of an error body: the first of `errors[]`, or a short text. */
export function emx2ServiceMessage(body: unknown): string | undefined {
  if (typeof body === 'object' && body !== null) {
    const errors = (body as { errors?: unknown }).errors;
    if (Array.isArray(errors)) {
      const first = errors[0] as { message?: unknown } | undefined;
      if (typeof first?.message === 'string') return first.message;
    }
    return undefined;
  }
  if (typeof body === 'string' && body.trim() !== '' && !body.trimStart().startsWith('<')) return body.trim().slice(0, 500);
  return undefined;
}

type Kind = typeof UnauthorizedError | typeof ForbiddenError | typeof NotFoundError | typeof ConflictError;

const RULES: [RegExp, Kind][] = [
  [/Invalid token or token expired|Cannot parse token/, UnauthorizedError],
  [/permission denied|Only admins can|can only be done by admin|only allowed for admin/i, ForbiddenError],
  [/Schema '.*' unknown|Schema .* unknown|Table .* unknown|FieldUndefined|Column .* unknown|getTask\(.*\) failed/, NotFoundError],
  [/duplicate key|violates foreign key|still referenced|violates unique constraint|Duplicate keys found|attempted to delete/, ConflictError],
];

/** The family class for an EMX2 error, chosen by its message; other errors unchanged. */
export function classifyEmx2Error(error: BioHttpError): BioHttpError {
  if (error.status !== 400 && error.status !== 404) return error;
  const message = error.serviceMessage ?? '';
  const Kind = RULES.find(([pattern]) => pattern.test(message))?.[1];
  if (Kind === undefined || error instanceof Kind) return error;
  const init: BioHttpErrorInit = { status: error.status, message: error.message, cause: error };
  for (const key of ['method', 'url', 'service', 'serviceMessage', 'body', 'headers', 'attempts'] as const) {
    if (error[key] !== undefined) (init as Record<string, unknown>)[key] = error[key];
  }
  return new Kind(init);
}
