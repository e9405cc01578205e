import { type CallOptions, createHttpError, headerAuth, isBioHttpError, type ResponsePromise, UnauthorizedError, ValidationError } from '@bio/core-http';
import { type Context, callOf, discard } from './internal/context.js';
import { formatError } from './internal/format-error.js';
import type { LoginResult } from './types.js';

/**
 * The header MOLGENIS reads tokens from. Tokens never go into URLs.
 *
 * @example
 * ```ts
 * await fetch(`${root}api/v2/demo_sightings`, { headers: { [TOKEN_HEADER]: token } });
 * ```
 */
export const TOKEN_HEADER = 'x-molgenis-token';

const TWO_FACTOR = /two[\s-]?factor|2fa/i;
const PASSWORD_RESET = /password/i;
const PASSWORD_RESET_WORDS = /(change|reset|expired|renew)/i;

/** Why a login was refused, in words a user can act on; undefined for ordinary bad credentials. */
function refusalHint(serviceMessage: string | undefined): string | undefined {
  if (serviceMessage === undefined) return undefined;
  if (TWO_FACTOR.test(serviceMessage)) {
    return (
      'MOLGENIS refused the login because two-factor authentication is enabled for this user, and /api/v1/login cannot do 2FA. ' +
      'Create a token in the MOLGENIS UI (or a sys_sec_Token row) and pass it as new Molgenis({ baseUrl, token }).'
    );
  }
  if (PASSWORD_RESET.test(serviceMessage) && PASSWORD_RESET_WORDS.test(serviceMessage)) {
    return (
      'MOLGENIS refused the login because this user must change their password first. ' +
      'Sign in once in the MOLGENIS UI to set a new password, or use a token (new Molgenis({ baseUrl, token })).'
    );
  }
  return undefined;
}

/** `POST /api/v1/login`; on success the token goes into the `x-molgenis-token` header of every later call. */
export async function login(ctx: Context, username: string, password: string, options: CallOptions = {}): Promise<LoginResult> {
  if (typeof username !== 'string' || username === '') throw new ValidationError({ message: 'username must be a non-empty string', field: 'username' });
  if (typeof password !== 'string' || password === '') throw new ValidationError({ message: 'password must be a non-empty string', field: 'password' });
  let answer: ResponsePromise | undefined;
  let result: LoginResult;
  try {
    answer = ctx.http.post('api/v1/login', { json: { username, password }, retry: false, ...callOf(options) });
    result = await answer.json<LoginResult>();
  } catch (error) {
    if (isBioHttpError(error) && error.status >= 400) {
      const hint = refusalHint(error.serviceMessage);
      if (hint !== undefined) {
        const init = {
          status: error.status,
          method: 'POST',
          url: ctx.http.url('api/v1/login'),
          service: 'molgenis',
          message: `${hint} (server said: ${error.serviceMessage})`,
          body: error.body,
          cause: error,
          secrets: [password],
          ...(error.serviceMessage === undefined ? {} : { serviceMessage: error.serviceMessage }),
        };
        throw error.status === 401 ? new UnauthorizedError(init) : createHttpError(init);
      }
    }
    throw error;
  }
  // No snippet: the reply may hold a token or the user's details.
  if (typeof result?.token !== 'string' || result.token === '')
    throw formatError(ctx.http, { method: 'POST', path: 'api/v1/login', response: await answer }, 'the reply has no token');
  ctx.http.setAuth(headerAuth(TOKEN_HEADER, result.token));
  return result;
}

/** `POST /api/v1/logout` when a token is set; the token is dropped locally whatever the server says. */
export async function logout(ctx: Context, options: CallOptions = {}): Promise<void> {
  if (ctx.http.auth === undefined) return;
  try {
    const response = await ctx.http.post('api/v1/logout', { retry: false, ...callOf(options) });
    discard(response);
  } finally {
    ctx.http.setAuth(undefined);
  }
}
