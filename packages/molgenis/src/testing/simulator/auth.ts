// POST /api/v1/login and /api/v1/logout, the x-molgenis-token check, and permissions: an
// unknown or expired token counts as no token (MOLGENIS's token filter), and an anonymous user
// may read public entity types only.
import type { SimulatedRequest } from '@bio/core-http/testing';
import { classicError, empty, json, nextId } from './http.js';
import type { MolgenisSimulatorState, SimEntity } from './types.js';

/** The header MOLGENIS reads tokens from. */
export const TOKEN_HEADER = 'x-molgenis-token';

/** The user a request runs as: the owner of a known token, else anonymous (`undefined`). */
export function callerOf(request: SimulatedRequest, state: MolgenisSimulatorState): string | undefined {
  const token = request.headers.get(TOKEN_HEADER);
  return token === null ? undefined : state.tokens.get(token);
}

export type Permission = 'Read data' | 'Add data' | 'Update data' | 'Delete data' | 'Read metadata';

/** The entity type, or the 404 MOLGENIS answers for an unknown one. */
export function entityOf(state: MolgenisSimulatorState, name: string): SimEntity {
  const entity = state.entities.get(name);
  if (entity === undefined) throw classicError(404, `Unknown entity type '${name}'.`, 'D01');
  return entity;
}

/** Refuse an anonymous user what needs a login: 401 in the classic shape (code DS04). */
export function requirePermission(entity: SimEntity, user: string | undefined, permission: Permission): void {
  if (user !== undefined) return;
  if ((permission === 'Read data' || permission === 'Read metadata') && entity.anonymousRead) return;
  throw classicError(401, `No '${permission}' permission on entity type '${entity.meta.label}' with id '${entity.meta.name}'.`, 'DS04');
}

/** `POST /api/v1/login` with `{"username","password"}` (JSON or form). */
export function login(request: SimulatedRequest, state: MolgenisSimulatorState): Response {
  let body: unknown;
  const type = request.headers.get('content-type') ?? '';
  try {
    body = type.includes('application/x-www-form-urlencoded') ? Object.fromEntries(request.form()) : request.json();
  } catch {
    throw classicError(400, 'Required request body is missing or is not valid JSON');
  }
  const { username, password } = (typeof body === 'object' && body !== null ? body : {}) as { username?: unknown; password?: unknown };
  if (typeof username !== 'string' || typeof password !== 'string' || username === '' || password === '') {
    throw classicError(400, 'username and password are required');
  }
  const user = state.users.get(username);
  if (user === undefined || user.password !== password) throw classicError(401, 'Bad credentials');
  if (user.twoFactor) throw classicError(401, 'Login using /api/v1/login is disabled, two factor authentication is enabled');
  if (user.passwordReset) throw classicError(401, 'Unable to log in because a password reset is required. Sign in to the website to reset your password.');
  const token = nextId(state).replace(/^aaaac3zv/, 'b4f5e0a4');
  state.tokens.set(token, username);
  return json({ token, username, firstname: user.firstname ?? username, lastname: user.lastname ?? '' });
}

/** `POST /api/v1/logout`: removes the token sent in `x-molgenis-token`. */
export function logout(request: SimulatedRequest, state: MolgenisSimulatorState): Response {
  const token = request.headers.get(TOKEN_HEADER);
  if (token === null) throw classicError(400, `Missing request header '${TOKEN_HEADER}'`);
  state.tokens.delete(token);
  return empty(200);
}
