import type { CallOptions, QueryParams, ResponsePromise } from '@bio/core-http';
import { type Context, callOf } from './context.js';
import { withQ } from './params.js';

/** Longer request URLs are sent as `POST …?_method=GET`: proxies and Tomcat refuse ~8 KB and up. */
export const MAX_URL_LENGTH = 8192;

/**
 * A v2 read: `GET path?q=…&params` while the URL stays within {@link MAX_URL_LENGTH}, else the
 * same read tunnelled as `POST path?_method=GET` with `q` and the parameters as a form body
 * (RestControllerV2 maps `_method=GET` POSTs to the same handlers). Retried like a GET.
 */
export function readV2(
  ctx: Context,
  path: string,
  q: string | undefined,
  params: Record<string, string | number | undefined>,
  call: CallOptions,
): ResponsePromise {
  const url = withQ(path, q);
  if (ctx.http.url(url, params as QueryParams).length <= MAX_URL_LENGTH) return ctx.http.get(url, { searchParams: params as QueryParams, ...callOf(call) });
  const form: Record<string, string | number> = {};
  if (q !== undefined) form.q = q;
  for (const [key, value] of Object.entries(params)) if (value !== undefined) form[key] = value;
  return ctx.http.post(path, { searchParams: { _method: 'GET' }, form, idempotent: true, ...callOf(call) });
}
