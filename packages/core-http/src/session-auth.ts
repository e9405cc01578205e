import type { AuthStrategy } from './auth.js';
import { type AuthApplyContext, CSRF_REFRESH, type CsrfRefreshable } from './internal/auth-context.js';
import { discard } from './internal/body.js';
import { isBrowserRuntime } from './internal/runtime.js';

/**
 * Options of {@link sessionAuth}.
 *
 * @example
 * ```ts
 * sessionAuth({ csrfTokenPath: 'api/v0/token/' }); // OMERO.web
 * ```
 */
export interface SessionAuthOptions {
  /** Cookie holding the CSRF token. Default `csrftoken` (Django). */
  csrfCookie?: string;
  /** Header the token is sent in on unsafe methods. Default `X-CSRFToken`. */
  csrfHeader?: string;
  /**
   * Endpoint (relative to `baseUrl`) that returns a CSRF token, fetched once before the first
   * unsafe request when no token is known. JSON keys tried: `data`, `token`, `csrfToken`,
   * `csrftoken`, `csrf_token`, `csrfmiddlewaretoken`; else the CSRF cookie it sets.
   * A 403 that mentions CSRF makes the client refetch it and resend the request once (safe for a
   * POST: the CSRF check refuses before any handler runs, so the first send had no effect).
   */
  csrfTokenPath?: string;
}

/**
 * A session strategy: the cookie jar is readable and the CSRF token settable.
 *
 * @example
 * ```ts
 * const auth: SessionAuth = sessionAuth();
 * auth.setCsrfToken(loginReply.csrfToken);
 * console.log(Object.keys(auth.cookies())); // ['sessionid', 'csrftoken']
 * ```
 */
export interface SessionAuth extends AuthStrategy {
  /**
   * The cookies held (Node); `{}` in browsers, where the browser holds them.
   *
   * @example
   * ```ts
   * const { sessionid } = auth.cookies();
   * ```
   */
  cookies(): Record<string, string>;
  /**
   * Use this CSRF token from now on (e.g. one returned by a login call).
   *
   * @example
   * ```ts
   * auth.setCsrfToken(reply.token);
   * ```
   */
  setCsrfToken(token: string): void;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);
const TOKEN_KEYS = ['data', 'token', 'csrfToken', 'csrftoken', 'csrf_token', 'csrfmiddlewaretoken'];

function readDocumentCookie(name: string): string | undefined {
  const doc = (globalThis as { document?: { cookie?: string } }).document;
  if (!doc?.cookie) return undefined;
  for (const part of doc.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

function setCookies(response: Response): string[] {
  const headers = response.headers as Headers & { getSetCookie?: () => string[] };
  if (typeof headers.getSetCookie === 'function') return headers.getSetCookie();
  const single = response.headers.get('set-cookie');
  return single === null ? [] : [single];
}

/**
 * Session (cookie) authentication with CSRF support, for Django-style services (OMERO.web).
 *
 * In Node it keeps a cookie jar for the client's origin (`Set-Cookie` captured from every
 * same-origin response, `Cookie` sent back) and, on unsafe methods, sends the CSRF token
 * (from `setCsrfToken`, the `csrftoken` cookie, or `csrfTokenPath`) in `X-CSRFToken` with a
 * same-origin `Referer`. In browsers it sets `credentials: 'include'` and reads the CSRF
 * cookie from `document.cookie`; the browser owns cookies and `Referer`.
 *
 * @example
 * ```ts
 * const auth = sessionAuth({ csrfTokenPath: 'api/v0/token/' });
 * const client = createHttpClient({ baseUrl: 'https://omero.example.org/', auth });
 * await client.post('api/v0/login/', { form: { server: 1, username, password } }).json();
 * auth.cookies().sessionid; // the session, kept for later requests
 * ```
 */
export function sessionAuth(options: SessionAuthOptions = {}): SessionAuth {
  const browser = isBrowserRuntime();
  const csrfCookie = options.csrfCookie ?? 'csrftoken';
  const csrfHeader = (options.csrfHeader ?? 'X-CSRFToken').toLowerCase();
  const jar = new Map<string, string>();
  let csrfToken: string | undefined;
  let pendingToken: Promise<string | undefined> | undefined;

  const cookieToken = (): string | undefined => (browser ? readDocumentCookie(csrfCookie) : jar.get(csrfCookie));

  async function fetchToken(ctx: AuthApplyContext): Promise<string | undefined> {
    if (options.csrfTokenPath === undefined || ctx.send === undefined || ctx.baseUrl === undefined) return undefined;
    const target = new URL(options.csrfTokenPath.replace(/^\/+/, ''), ctx.baseUrl);
    const response = await ctx.send(target);
    if (!response.ok) {
      discard(response.body);
      return cookieToken();
    }
    let found: string | undefined;
    try {
      const body: unknown = JSON.parse(await response.text());
      if (typeof body === 'string') found = body;
      else if (typeof body === 'object' && body !== null) {
        for (const key of TOKEN_KEYS) {
          const value = (body as Record<string, unknown>)[key];
          if (typeof value === 'string' && value !== '') {
            found = value;
            break;
          }
        }
      }
    } catch {
      found = undefined;
    }
    return found ?? cookieToken();
  }

  const strategy: SessionAuth & CsrfRefreshable = {
    kind: 'session',
    headerNames: ['cookie', csrfHeader, 'referer'],
    ...(browser ? { credentials: 'include' as const } : {}),
    async apply(request) {
      const ctx = request as AuthApplyContext;
      const method = ctx.method.toUpperCase();
      if (!SAFE_METHODS.has(method)) {
        let token = csrfToken ?? cookieToken();
        if (token === undefined && options.csrfTokenPath !== undefined) {
          pendingToken ??= fetchToken(ctx).finally(() => {
            pendingToken = undefined;
          });
          token = await pendingToken;
          if (token !== undefined) csrfToken = token;
        }
        if (token !== undefined) ctx.headers.set(csrfHeader, token);
        if (!browser) ctx.headers.set('referer', ctx.baseUrl?.href ?? `${ctx.url.origin}/`);
      }
      if (!browser && jar.size > 0) {
        ctx.headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
      }
    },
    onResponse(response) {
      if (browser) return;
      for (const line of setCookies(response)) {
        const [pair = '', ...attributes] = line.split(';');
        const eq = pair.indexOf('=');
        if (eq <= 0) continue;
        const name = pair.slice(0, eq).trim();
        const value = pair.slice(eq + 1).trim();
        let expired = value === '';
        for (const attribute of attributes) {
          const [key = '', attrValue = ''] = attribute.split('=').map((s) => s.trim());
          if (key.toLowerCase() === 'max-age' && Number(attrValue) <= 0) expired = true;
          if (key.toLowerCase() === 'expires' && Date.parse(attrValue) < Date.now()) expired = true;
        }
        if (expired) jar.delete(name);
        else jar.set(name, value);
      }
    },
    secrets() {
      const out = [...jar.values()];
      const token = csrfToken ?? cookieToken();
      if (token !== undefined) out.push(token);
      return out;
    },
    // A 403 "CSRF verification failed": drop the stale token and refetch it from csrfTokenPath.
    [CSRF_REFRESH]: async (ctx: AuthApplyContext): Promise<boolean> => {
      if (options.csrfTokenPath === undefined || ctx.send === undefined) return false;
      const stale = csrfToken ?? cookieToken();
      csrfToken = undefined;
      if (stale !== undefined && !browser) jar.delete(csrfCookie);
      const fresh = await fetchToken(ctx);
      if (fresh === undefined) return false;
      csrfToken = fresh;
      // Resend even when the value did not change: the token endpoint may have renewed the cookie pairing with it.
      return stale !== undefined || fresh !== undefined;
    },
    cookies: () => Object.fromEntries(jar),
    setCsrfToken(token) {
      csrfToken = token;
    },
  };
  return strategy;
}
