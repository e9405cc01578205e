import type { AuthStrategy } from '../auth.js';
import type { BioHttpError } from '../errors.js';
import { redactSecrets, redactUrl } from '../redact.js';
import type { ReadContext } from './body.js';
import type { Cancellation } from './deadline.js';

/** How the caller will read the body: decides what an attempt reads before it counts as done. */
export type Mode = 'response' | 'stream' | 'json' | 'text' | 'bytes';

/** What the latest attempt left behind on the response it returned (see `received`). */
export interface Received {
  /** The Response handed to ky (a hook may put another in its place). */
  response: Response;
  /** The whole body, read within the attempt (buffered modes). */
  bytes?: Uint8Array;
  /** The error a non-2xx response becomes, built from at most 64 KiB of its body. */
  error?: BioHttpError;
  finalUrl: URL;
  redirected: boolean;
  attempt: number;
}

/**
 * The state of one request, shared by the modules that carry it out (exchange, retry policy,
 * error mapping, transport). Made once per request; nothing in it outlives the request.
 */
export interface RequestContext {
  readonly method: string;
  readonly url: URL;
  readonly base: URL;
  /** `url` is on another origin than `base` (an absolute URL was given). */
  readonly crossOrigin: boolean;
  readonly auth: AuthStrategy | undefined;
  readonly service: string | undefined;
  readonly mode: Mode;
  readonly timeout: number | false;
  /** The client's `serviceMessage` option. */
  readonly serviceMessage: ((body: unknown, response: Response) => string | undefined) | undefined;
  readonly cancel: Cancellation;
  /** The attempt under way (1-based); 0 before the first. */
  attempt: number;
  /** The URL of the last hop sent. */
  lastUrl: URL;
  /** The one CSRF refresh of this request has been used. */
  csrfRetried: boolean;
  /** Set when a hook replaced the request: its body is then taken from the request itself. */
  replaced: boolean;
  /** What the latest attempt's response carried. */
  received: Received | undefined;
}

export function secretsOf(auth: AuthStrategy | undefined): readonly string[] {
  return auth ? auth.secrets().filter((s) => typeof s === 'string' && s.length > 0) : [];
}

/** `service` and `secrets` for an error's init. */
export function common(ctx: Pick<RequestContext, 'auth' | 'service'>): { service?: string; secrets: readonly string[] } {
  const secrets = secretsOf(ctx.auth);
  return ctx.service === undefined ? { secrets } : { service: ctx.service, secrets };
}

/** What a body read over the size limit reports: the request, where its body came from, the attempts, the status. */
export function readContext(ctx: RequestContext, url: URL, attempts: number, status: number): ReadContext {
  return { method: ctx.method, url: url.href, ...common(ctx), attempts, status };
}

/** A URL as hooks and messages may show it: secret parameters and auth secrets replaced. */
export function safeUrl(ctx: Pick<RequestContext, 'auth'>, url: URL): string {
  return redactSecrets(redactUrl(url.href), secretsOf(ctx.auth));
}
