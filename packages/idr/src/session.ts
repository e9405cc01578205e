// OMERO.web sessions for servers that have a login (IDR has none): CSRF token from `/api/v0/token/`,
// then `POST /api/v0/login/` with `X-CSRFToken` and a same-origin `Referer`; `webclient/logout/`;
// `webclient/keepalive_ping/` for long sessions. The cookie is kept by core-http's `sessionAuth`.
import { type CallOptions, isForbiddenError, type SessionAuth, ValidationError } from '@bio/core-http';
import { isRedirectRefused } from './capabilities.js';
import type { ExperimenterId } from './ids.js';
import { withCall } from './internal/call.js';
import type { IdrContext } from './internal/context.js';
import { isObject, jsonOf, unexpectedShape } from './internal/json.js';

/** Credentials for {@link Idr.login}. @example `{ username: 'alice', password: process.env.OMERO_PASSWORD! }` */
export interface LoginCredentials {
  /** The OMERO user name; must not be empty. */
  username: string;
  /** The password (sent as a form field over the client's connection only). */
  password: string;
  /** Server id from `/api/v0/servers/` (default: the first one listed). */
  server?: number | undefined;
}

/** The session OMERO.web opened. @example `const ctx = await idr.login({ username, password }); ctx.userName` */
export interface EventContext {
  /** The OMERO session's id. */
  sessionId?: number;
  /** The session key (UUID); OMERO clients can join the session with it. */
  sessionUuid: string;
  /** The logged-in experimenter's id. */
  userId: ExperimenterId;
  /** The logged-in experimenter's login name. */
  userName: string;
  /** The id of the session's current group. */
  groupId: number;
  /** The name of the session's current group. */
  groupName: string;
  /** Whether the user is an OMERO administrator. */
  isAdmin: boolean;
  /** The id of the login event. */
  eventId?: number;
  /** The type of the login event (e.g. `User`). */
  eventType?: string;
  /** Ids of every group the user is a member of. */
  memberOfGroups?: number[];
  /** Ids of the groups the user leads (owns). */
  leaderOfGroups?: number[];
}

/** An OMERO server behind OMERO.web (`/api/v0/servers/`). @example `(await idr.servers())[0]?.id` */
export interface OmeroServer {
  /** The server's id, as `server` in {@link LoginCredentials} (1-based). */
  id: number;
  /** The OMERO server's host as OMERO.web sees it (`localhost` on IDR). */
  host: string;
  /** The OMERO server's port (4064 by default; not reachable from outside on IDR). */
  port: number;
  /** The server's name in OMERO.web's configuration (`omero`). */
  server: string;
}

/** GET `/api/v0/servers/`. */
export async function servers(ctx: IdrContext, options?: CallOptions): Promise<OmeroServer[]> {
  const { body, at } = await jsonOf(ctx.http.get('api/v0/servers/', withCall({}, options)), 'GET', ctx.http.url('api/v0/servers/'));
  if (isObject(body) && Array.isArray(body.data)) return body.data as OmeroServer[];
  throw unexpectedShape('{"data": [servers]}', at, body);
}

/** Refuse missing credentials before any request. */
export function checkCredentials(credentials: LoginCredentials): void {
  if (typeof credentials?.username !== 'string' || credentials.username.length === 0)
    throw new ValidationError({ message: 'login needs a username', field: 'username' });
  if (typeof credentials.password !== 'string') throw new ValidationError({ message: 'login needs a password', field: 'password' });
}

/** Token, then login. A CSRF refusal surfaces as ForbiddenError whose `serviceMessage` gives Django's reason. */
export async function login(ctx: IdrContext, auth: SessionAuth, credentials: LoginCredentials, options?: CallOptions): Promise<EventContext> {
  checkCredentials(credentials);
  const { body: tokenBody, at: tokenAt } = await jsonOf(ctx.http.get('api/v0/token/', withCall({}, options)), 'GET', ctx.http.url('api/v0/token/'));
  if (!isObject(tokenBody) || typeof tokenBody.data !== 'string') throw unexpectedShape('{"data": "<csrf token>"}', tokenAt, tokenBody);
  const token = tokenBody.data;
  auth.setCsrfToken(token);
  const server = credentials.server ?? (await servers(ctx, options))[0]?.id ?? 1;
  const { body, at } = await jsonOf(
    ctx.http.post(
      'api/v0/login/',
      withCall(
        {
          form: { server, username: credentials.username, password: credentials.password },
          // Django refuses HTTPS POSTs without a same-origin Referer ("Referer checking failed - no Referer.").
          headers: { 'X-CSRFToken': token, Referer: `${ctx.baseUrl}/` },
        },
        options,
      ),
    ),
    'POST',
    ctx.http.url('api/v0/login/'),
  );
  if (isObject(body) && body.success === true && isObject(body.eventContext)) return body.eventContext as unknown as EventContext;
  throw unexpectedShape('{"success": true, "eventContext": {...}}', at, body);
}

// Ask OMERO.web's `@login_required` for a 403 instead of a redirect to its HTML login page.
const AJAX = { 'X-Requested-With': 'XMLHttpRequest' };

/** GET `webclient/keepalive_ping/`: true while the session lives ("OK"), false when the server no longer knows it (403). */
export async function ping(ctx: IdrContext, options?: CallOptions): Promise<boolean> {
  try {
    const text = await ctx.noRedirect.get('webclient/keepalive_ping/', withCall({ headers: AJAX, accept: 'text/plain' }, options)).text();
    return text.trim() === 'OK';
  } catch (error) {
    if (isForbiddenError(error) || isRedirectRefused(error)) return false;
    throw error;
  }
}

/** POST `webclient/logout/` (CSRF token and same-origin Referer, as login). Its redirect to the login page is not followed. */
export async function logout(ctx: IdrContext, options?: CallOptions): Promise<void> {
  try {
    await ctx.noRedirect.post('webclient/logout/', withCall({ headers: { ...AJAX, Referer: `${ctx.baseUrl}/` }, retry: false as const }, options));
  } catch (error) {
    if (!isRedirectRefused(error)) throw error; // the 302 to the login page: logged out
  }
}

/**
 * Options of {@link Idr.keepAlive}.
 *
 * @example
 * ```ts
 * const alive = omero.keepAlive({ interval: 120_000, onError: (e) => log(e), onExpired: () => relogin() });
 * ```
 */
export interface KeepAliveOptions {
  /** Between pings, in ms. Default 300 000 (5 min; OMERO sessions time out after 10 min idle by default). */
  interval?: number | undefined;
  /** Stops the pings (as does `stop()` and the client's signal). */
  signal?: AbortSignal | undefined;
  /** A ping failed (network, server): the pings go on. Default: ignored (a library prints nothing). */
  onError?: ((error: unknown) => void) | undefined;
  /** The server no longer knows the session: the pings stop. */
  onExpired?: (() => void) | undefined;
}

/** What {@link Idr.keepAlive} returns. @example `alive.stop()` */
export interface KeepAlive {
  /**
   * Stop pinging.
   *
   * @example
   * ```ts
   * const alive = omero.keepAlive({ interval: 120_000 });
   * // … long work with the session …
   * alive.stop();
   * ```
   */
  stop(): void;
}

/** Ping every `interval` ms until stopped, the signal fires or the session has expired. The timer does not keep Node running. */
export function keepAlive(ctx: IdrContext, options: KeepAliveOptions = {}): KeepAlive {
  const interval = options.interval ?? 300_000;
  if (!Number.isSafeInteger(interval) || interval < 1000) throw new ValidationError({ message: 'interval must be an integer ≥ 1000 (ms)', field: 'interval' });
  const stopped = new AbortController();
  const signal = AbortSignal.any([stopped.signal, ...[ctx.signal, options.signal].filter((s): s is AbortSignal => s !== undefined)]);
  const timer = setInterval(() => {
    ping(ctx, { signal }).then(
      (alive) => {
        if (alive || signal.aborted) return;
        stopped.abort();
        options.onExpired?.();
      },
      (error: unknown) => {
        if (!signal.aborted) options.onError?.(error);
      },
    );
  }, interval);
  (timer as { unref?: () => void }).unref?.();
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  if (signal.aborted) clearInterval(timer);
  return { stop: () => stopped.abort() };
}
