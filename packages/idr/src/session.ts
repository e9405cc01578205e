// OMERO.web login for servers that have one (IDR has none): CSRF token from `/api/v0/token/`,
// then `POST /api/v0/login/` with `X-CSRFToken` and a same-origin `Referer`. The session cookie
// is kept by @bio/core-http's `sessionAuth` cookie jar.
import { type CallOptions, type SessionAuth, ValidationError } from '@bio/core-http';
import type { ExperimenterId } from './ids.js';
import { withCall } from './internal/call.js';
import type { IdrContext } from './internal/context.js';
import { isObject, unexpectedShape } from './internal/json.js';

/** Credentials for {@link Idr.login}. @example `{ username: 'alice', password: process.env.OMERO_PASSWORD! }` */
export interface LoginCredentials {
  username: string;
  password: string;
  /** Server id from `/api/v0/servers/` (default: the first one listed). */
  server?: number | undefined;
}

/** The session OMERO.web opened. @example `const ctx = await idr.login({ username, password }); ctx.userName` */
export interface EventContext {
  sessionId?: number;
  sessionUuid: string;
  userId: ExperimenterId;
  userName: string;
  groupId: number;
  groupName: string;
  isAdmin: boolean;
  eventId?: number;
  eventType?: string;
  memberOfGroups?: number[];
  leaderOfGroups?: number[];
}

/** An OMERO server behind OMERO.web (`/api/v0/servers/`). @example `(await idr.servers())[0]?.id` */
export interface OmeroServer {
  id: number;
  host: string;
  port: number;
  server: string;
}

/** GET `/api/v0/servers/`. */
export async function servers(ctx: IdrContext, options?: CallOptions): Promise<OmeroServer[]> {
  const body = await ctx.http.get('api/v0/servers/', withCall({}, options)).json<unknown>();
  if (isObject(body) && Array.isArray(body.data)) return body.data as OmeroServer[];
  throw unexpectedShape('{"data": [servers]}', ctx.http.url('api/v0/servers/'), body);
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
  const tokenBody = await ctx.http.get('api/v0/token/', withCall({}, options)).json<unknown>();
  if (!isObject(tokenBody) || typeof tokenBody.data !== 'string') throw unexpectedShape('{"data": "<csrf token>"}', ctx.http.url('api/v0/token/'), tokenBody);
  const token = tokenBody.data;
  auth.setCsrfToken(token);
  const server = credentials.server ?? (await servers(ctx, options))[0]?.id ?? 1;
  const body = await ctx.http
    .post(
      'api/v0/login/',
      withCall(
        {
          form: { server, username: credentials.username, password: credentials.password },
          // Django refuses HTTPS POSTs without a same-origin Referer ("Referer checking failed - no Referer.").
          headers: { 'X-CSRFToken': token, Referer: `${ctx.baseUrl}/` },
        },
        options,
      ),
    )
    .json<unknown>();
  if (isObject(body) && body.success === true && isObject(body.eventContext)) return body.eventContext as unknown as EventContext;
  throw unexpectedShape('{"success": true, "eventContext": {...}}', ctx.http.url('api/v0/login/'), body);
}
