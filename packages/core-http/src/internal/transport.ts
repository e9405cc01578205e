import ky, { type Options as KyOptions } from 'ky';
import type { HttpHooks } from '../hooks.js';
import { type RequestContext, safeUrl } from './context.js';
import { observe, PassThrough, retryCandidate } from './error-map.js';
import type { RetryState } from './retry-policy.js';

// The only module that calls ky; ky's types stay in src/internal/.

/** One request as ky runs it: everything ky decides itself (retry, timeout, status check, hooks). */
export interface SendOptions {
  method: string;
  /** Given to ky only when it runs hooks (they see them); else the exchange sets them ({@link kyRunsHooks}). */
  headers: Record<string, string> | undefined;
  body: BodyInit | undefined;
  timeout: number | false;
  retry: NonNullable<KyOptions['retry']>;
  /** `true` when every status throws (ky's default, so it is not passed). */
  throwHttpErrors: true | ((status: number) => boolean);
  /** The exchange (auth, redirects, observers, body reads) ky calls once per attempt. */
  fetch: (request: Request) => Promise<Response>;
  /** The client's hooks when ky runs some of them ({@link kyRunsHooks}), else undefined. */
  hooks: HttpHooks | undefined;
  retryState: RetryState;
  redirect: RequestRedirect;
}

/**
 * Whether ky runs hooks of ours: then ky is given the headers (the hooks see them on its Request);
 * otherwise the exchange sets them on each attempt's Request, sparing the `Headers` objects ky
 * builds from a `headers` option.
 */
export function kyRunsHooks(hooks: HttpHooks): boolean {
  return Boolean(hooks.beforeRequest?.length || hooks.afterResponse?.length || hooks.beforeRetry?.length || hooks.onRetry);
}

/** Run a hook; its exception is carried out unchanged (and never retried). */
async function guarded<T>(run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw new PassThrough(e);
  }
}

/** Our hooks as ky hooks (ky's positional arguments become our payload objects). */
function kyHooks(ctx: RequestContext, hooks: HttpHooks, state: RetryState): NonNullable<KyOptions['hooks']> {
  const out: NonNullable<KyOptions['hooks']> = {};
  const attempt = (): number => ctx.attempt + 1;
  if (hooks.beforeRequest?.length) {
    out.beforeRequest = hooks.beforeRequest.map((hook) => async (request) => {
      const result = await guarded(() => hook({ request, attempt: attempt() }));
      if (result instanceof Request) ctx.replaced = true;
      return result;
    });
  }
  if (hooks.afterResponse?.length) {
    out.afterResponse = hooks.afterResponse.map((hook) => (request, _options, response) => guarded(() => hook({ request, response, attempt: ctx.attempt })));
  }
  if (hooks.onRetry || hooks.beforeRetry?.length) {
    out.beforeRetry = [
      async ({ request, error, retryCount }) => {
        const ours = state.error ?? (await retryCandidate(ctx, error));
        if (ours === undefined) return undefined;
        observe(hooks.onRetry, () => ({ method: ctx.method, url: safeUrl(ctx, ctx.url), attempt: retryCount + 1, delayMs: state.delayMs, error: ours }));
        for (const hook of hooks.beforeRetry ?? []) {
          const result = await guarded(() => hook({ request, error: ours, attempt: retryCount + 1 }));
          if (result instanceof Request) {
            ctx.replaced = true;
            return result;
          }
        }
        return undefined;
      },
    ];
  }
  return out;
}

/**
 * Send one request through ky: ky owns the retries, the per-attempt timeout, the status check
 * and the hook pipeline; `options.fetch` (the exchange) does what ky does not.
 */
export function send(ctx: RequestContext, o: SendOptions): Promise<Response> {
  // Only what differs from ky's defaults: ky merges every key it is given.
  const options: KyOptions = {
    timeout: o.timeout,
    retry: o.retry,
    redirect: o.redirect,
    fetch: o.fetch as NonNullable<KyOptions['fetch']>,
  };
  if (o.headers !== undefined) options.headers = o.headers;
  if (o.hooks !== undefined) options.hooks = kyHooks(ctx, o.hooks, o.retryState);
  if (o.throwHttpErrors !== true) options.throwHttpErrors = o.throwHttpErrors;
  if (o.method !== 'GET') options.method = o.method;
  if (o.body !== undefined) options.body = o.body;
  if (ctx.cancel.signal !== undefined) options.signal = ctx.cancel.signal;
  if (ctx.auth?.credentials !== undefined) options.credentials = ctx.auth.credentials;
  // Last, and undefined (ky then uses its default, `{}`): ky copies the options key by key into
  // new objects on every call (its deepMerge), and V8 gave those copies — and ky's own options built
  // from them — new hidden classes on every request unless `context`, a key ky copies its own way,
  // came last: garbage that slowed every ky request in the process, bare ky calls included
  // (core-http-overhead bench; test/unit/ky-options.test.ts).
  (options as { context?: unknown }).context = undefined; // ky's type wants an object: undefined is its default
  return ky(ctx.url.href, options); // a string: ky and the Request constructor take it as is
}
