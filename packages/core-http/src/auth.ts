/**
 * How a client authenticates. The client calls `apply` only for requests to its own origin
 * (the origin of `baseUrl`); on a redirect to another origin it removes `Authorization`,
 * `Cookie` and every name in `headerNames`. `secrets()` are scrubbed from errors and hooks.
 *
 * @example
 * ```ts
 * const client = createHttpClient({ baseUrl, auth: tokenAuth({ token: process.env.MINE_TOKEN! }) });
 * client.setAuth(headerAuth('x-molgenis-token', token)); // replace later, e.g. after login
 * ```
 */
export interface AuthStrategy {
  /** Which factory made it: `tokenAuth`, `headerAuth`, `basicAuth` or `sessionAuth`. */
  readonly kind: 'token' | 'header' | 'basic' | 'session';
  /**
   * Add credentials to an outgoing request (same-origin only; the client decides).
   *
   * @example
   * ```ts
   * const auth: AuthStrategy = { kind: 'header', headerNames: ['x-api-key'], secrets: () => [key], apply: ({ headers }) => headers.set('x-api-key', key) };
   * ```
   */
  apply(request: { url: URL; headers: Headers; method: string }): void | Promise<void>;
  /**
   * See every same-origin response (cookie capture, CSRF). Optional.
   *
   * @example
   * ```ts
   * const onResponse: AuthStrategy['onResponse'] = (response) => { csrf = response.headers.get('x-csrftoken') ?? csrf; };
   * ```
   */
  onResponse?(response: Response, url: URL): void | Promise<void>;
  /** Header names this strategy sets, stripped on cross-origin redirect. */
  readonly headerNames: readonly string[];
  /**
   * Secret values to redact from errors, hooks and recordings.
   *
   * @example
   * ```ts
   * tokenAuth({ token: 'abc' }).secrets(); // ['abc', 'Token abc']
   * ```
   */
  secrets(): readonly string[];
  /** `'include'` for browser session auth. */
  readonly credentials?: RequestCredentials;
}

function requireValue(what: string, value: string): void {
  if (typeof value !== 'string' || value.length === 0) throw new TypeError(`${what} must be a non-empty string`);
  if (/[\r\n]/.test(value)) throw new TypeError(`${what} must not contain line breaks`);
}

/**
 * `Authorization: <scheme> <token>`; the scheme defaults to `Token` (InterMine), use
 * `Bearer` for OAuth-style tokens.
 *
 * @example
 * ```ts
 * tokenAuth({ token: 'abc123' });                    // Authorization: Token abc123
 * tokenAuth({ token: 'abc123', scheme: 'Bearer' });  // Authorization: Bearer abc123
 * ```
 */
export function tokenAuth(options: { token: string; scheme?: 'Token' | 'Bearer' }): AuthStrategy {
  requireValue('token', options.token);
  const value = `${options.scheme ?? 'Token'} ${options.token}`;
  return {
    kind: 'token',
    headerNames: ['authorization'],
    apply({ headers }) {
      headers.set('authorization', value);
    },
    secrets: () => [options.token, value],
  };
}

/**
 * Send a secret in a header of its own.
 *
 * @example
 * ```ts
 * headerAuth('x-molgenis-token', token);
 * ```
 */
export function headerAuth(name: string, value: string): AuthStrategy {
  requireValue('header name', name);
  requireValue('header value', value);
  const lower = name.toLowerCase();
  return {
    kind: 'header',
    headerNames: [lower],
    apply({ headers }) {
      headers.set(lower, value);
    },
    secrets: () => [value],
  };
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/**
 * HTTP Basic authentication (`Authorization: Basic base64(user:password)`).
 *
 * @example
 * ```ts
 * basicAuth('admin', 'secret');
 * ```
 */
export function basicAuth(user: string, password: string): AuthStrategy {
  requireValue('user', user);
  if (user.includes(':')) throw new TypeError('user must not contain ":"');
  requireValue('password', password);
  const encoded = base64(`${user}:${password}`);
  const value = `Basic ${encoded}`;
  return {
    kind: 'basic',
    headerNames: ['authorization'],
    apply({ headers }) {
      headers.set('authorization', value);
    },
    secrets: () => [password, encoded, value],
  };
}
