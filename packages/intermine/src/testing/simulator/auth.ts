// WebService.authenticate: `token` parameter, then the Authorization header, whose scheme is
// matched as the server matches it (StringUtils.startsWith: case-sensitive, one space). A token
// or password the mine does not know is a 401 on every endpoint, public ones included.
import { type SimulatedRequest, UnmatchedRequestError } from '@bio/core-http/testing';
import { Refusal } from './envelope.js';
import type { InterMineSimulatorState } from './state.js';

/** The caller's username (undefined: anonymous); throws the server's 401 for a bad token or password. */
export function authenticate(request: SimulatedRequest, all: URLSearchParams, state: InterMineSimulatorState): string | undefined {
  const header = request.headers.get('authorization');
  const param = all.get('token');
  // WebService.authenticate tests the parameter with StringUtils.isEmpty: an empty `token=` is no
  // token, and the Authorization header is read instead; a token parameter wins over the header.
  if (param !== null && param !== '') return byToken(param, state);
  if (header === null || header === '') return undefined;
  // WebService.authenticate: StringUtils.startsWith(authString, "Token ") and "Bearer " — the
  // scheme is case-sensitive and followed by exactly one space; the rest (removeStart) is the
  // token as is, not trimmed. ("Token <jwt>" is tried as a JWT first; the simulator trusts no
  // key, so that always falls through to the API token, as on a mine without keys.) An empty
  // "Token " token is no token, so the header is read as Basic.
  if (header.startsWith('Token ') && header.length > 'Token '.length) return byToken(header.slice('Token '.length), state);
  if (header.startsWith('Bearer ')) return bearer(header.slice('Bearer '.length));
  // Anything else (`token …`, `Basic …`, a bare value) is read as Basic credentials.
  return basic(header, state);
}

/**
 * ProfileManager.getPermission(token): the token's user, or its AuthenticationException
 * "This token is not a valid access key: …", which WebService.authenticate turns into a 401.
 */
function byToken(token: string, state: InterMineSimulatorState): string {
  const user = state.tokens.get(token);
  if (user === undefined) throw new Refusal(401, `This token is not a valid access key: ${token}`);
  return user;
}

/**
 * `Authorization: Bearer <jwt>` (WebService.getIdentityFromBearerToken, JWTVerifier.verify): a
 * blank value or one that is not three dot-separated pieces (Java's split, trailing empty pieces
 * dropped) is a 401 with the verifier's message; the simulator verifies no JWT signature, so a
 * JWT-shaped value fails the test's request instead of getting an invented answer.
 */
function bearer(value: string): never {
  if (value.trim() === '') throw new Refusal(401, 'token is blank');
  const pieces = value.split('.');
  while (pieces.length > 0 && pieces.at(-1) === '') pieces.pop();
  if (pieces.length !== 3) throw new Refusal(401, 'Illegal JWT token.');
  throw new UnmatchedRequestError(
    'the InterMine simulator does not verify JWTs (the real mine checks a Bearer token against its key store); send an API token as Authorization: Token <token>',
  );
}

/** The Base64 alphabet commons-codec decodes (standard and URL-safe). */
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * commons-codec `Base64.decodeBase64` as WebService.authenticate calls it: characters outside the
 * alphabet are skipped, `=` ends the input, leftover bits are dropped (lenient).
 */
function decodeBase64Leniently(text: string): Uint8Array {
  const bytes: number[] = [];
  let bits = 0;
  let n = 0;
  for (const ch of text) {
    if (ch === '=') break;
    const v = ch === '-' ? 62 : ch === '_' ? 63 : BASE64.indexOf(ch);
    if (v < 0) continue;
    bits = (bits << 6) | v;
    n++;
    if (n === 4) {
      bytes.push((bits >> 16) & 0xff, (bits >> 8) & 0xff, bits & 0xff);
      bits = 0;
      n = 0;
    }
  }
  if (n === 2) bytes.push((bits >> 4) & 0xff);
  if (n === 3) bytes.push((bits >> 10) & 0xff, (bits >> 2) & 0xff);
  return Uint8Array.from(bytes);
}

/**
 * The Basic branch of WebService.authenticate: "Basic " is stripped when present (removeStart, so
 * case-sensitive) but not required, the rest is Base64-decoded and split at the first colon; no
 * colon is a 401, an empty password makes the name a token (ProfileManager.getPermission).
 */
function basic(header: string, state: InterMineSimulatorState): string {
  const encoded = header.startsWith('Basic ') ? header.slice('Basic '.length) : header;
  const decoded = new TextDecoder().decode(decodeBase64Leniently(encoded));
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new Refusal(401, `Invalid request authentication. Authorization field contains invalid value. Decoded authorization value: ${decoded}`);
  const username = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  // "Allow tokens to be passed in basic auth headers": the name is the token when the password is empty.
  if (password === '') return byToken(username, state);
  // The name is lower-cased (StringUtils.lowerCase) before ProfileManager.getPermission(username, password).
  const name = username.toLowerCase();
  if (name === '') throw new Refusal(401, 'Empty user name.');
  const user = state.users.get(name);
  if (user && user.password === password) return user.username;
  throw new Refusal(401, user ? 'Invalid password supplied' : `Unknown username: ${name}`);
}

/** Require a logged-in caller (list writes), or the server's 401. */
export function requireUser(user: string | undefined, what = 'All requests to list operation services must be authenticated.'): string {
  if (user === undefined) throw new Refusal(401, what);
  return user;
}
