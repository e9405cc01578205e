// WebService.authenticate: `token` parameter, then `Authorization: Token|Bearer|Basic`. A token
// or password the mine does not know is a 401 on every endpoint, public ones included.
import type { SimulatedRequest } from '@bio/core-http/testing';
import { Refusal } from './envelope.js';
import type { InterMineSimulatorState } from './state.js';

/** The caller's username (undefined: anonymous); throws the server's 401 for a bad token or password. */
export function authenticate(request: SimulatedRequest, all: URLSearchParams, state: InterMineSimulatorState): string | undefined {
  const header = request.headers.get('authorization');
  const param = all.get('token');
  // WebService.authenticate tests the parameter with StringUtils.isEmpty: an empty `token=` is no
  // token, and the Authorization header is read instead.
  let token: string | undefined = param === null || param === '' ? undefined : param;
  if (token === undefined && header) {
    const [scheme = '', ...rest] = header.trim().split(/\s+/);
    const value = rest.join(' ');
    if (/^(token|bearer)$/i.test(scheme)) token = value;
    else if (/^basic$/i.test(scheme)) {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const username = decoded.slice(0, colon);
      const password = decoded.slice(colon + 1);
      const user = state.users.get(username);
      if (user && user.password === password) return user.username;
      // A token may be sent through Basic auth too.
      if (state.tokens.has(password)) return state.tokens.get(password);
      if (state.tokens.has(username)) return state.tokens.get(username);
      throw new Refusal(401, user ? 'Invalid password supplied' : `Unknown username: ${username}`);
    }
  }
  if (token === undefined || token === '') return undefined;
  const user = state.tokens.get(token);
  if (user === undefined) throw new Refusal(401, `Invalid token: ${token} is not a valid API token`);
  return user;
}

/** Require a logged-in caller (list writes), or the server's 401. */
export function requireUser(user: string | undefined, what = 'All requests to list operation services must be authenticated.'): string {
  if (user === undefined) throw new Refusal(401, what);
  return user;
}
