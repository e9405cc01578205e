import { type AuthStrategy, type BioHttpError, type BioHttpErrorInit, isUnauthorizedError, UnauthorizedError } from '@bio/core-http';

/**
 * MOLGENIS' token filter ignores an unknown or expired token and runs the request as
 * anonymous, so an expired token shows up as "No 'Read data' permission …" with a 401. When a
 * token is set, say so.
 */
export const EXPIRED_TOKEN_HINT =
  'the server ignored the x-molgenis-token (unknown or expired — tokens from login() last 2 hours) and answered as for an anonymous user; log in again or use a new token';

function sendsToken(auth: AuthStrategy | undefined, header: string): boolean {
  return auth?.headerNames.some((name) => name.toLowerCase() === header) === true;
}

/**
 * Whether a 401 reads as MOLGENIS refusing an anonymous user: a permission denial ("No 'Read
 * data' permission on …", the DS codes), or no message to tell by. Other 401s (a read-only
 * attribute, a refused login) have nothing to do with the token.
 */
function refusedAsAnonymous(error: BioHttpError): boolean {
  const message = error.serviceMessage;
  return message === undefined || /^No '[^']+' permission /.test(message);
}

/** The fields of `error` worth keeping on a copy with a new message (secrets were already scrubbed). */
function initOf(error: BioHttpError): BioHttpErrorInit {
  const init: BioHttpErrorInit = { status: error.status, cause: error };
  if (error.method !== undefined) init.method = error.method;
  if (error.url !== undefined) init.url = error.url;
  if (error.service !== undefined) init.service = error.service;
  if (error.serviceMessage !== undefined) init.serviceMessage = error.serviceMessage;
  if (error.body !== undefined) init.body = error.body;
  if (error.headers !== undefined) init.headers = error.headers;
  if (error.attempts !== undefined) init.attempts = error.attempts;
  return init;
}

/**
 * A `beforeError` hook: while the client sends a token in `header`, a 401 permission denial gets
 * {@link EXPIRED_TOKEN_HINT} added to its message. `authOf` reads the client's current auth
 * (it changes on login and logout).
 */
export function expiredTokenHint(authOf: () => AuthStrategy | undefined, header: string): (error: BioHttpError) => BioHttpError {
  return (error) => {
    if (!isUnauthorizedError(error) || !sendsToken(authOf(), header) || !refusedAsAnonymous(error) || error.message.includes(EXPIRED_TOKEN_HINT)) return error;
    return new UnauthorizedError({ ...initOf(error), message: `${error.message} (${EXPIRED_TOKEN_HINT})` });
  };
}
