import type { CallOptions, QueryParams, ResponsePromise } from '@bio/core-http';
import { type Context, callOf } from './context.js';
import type { Exchange } from './format-error.js';
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
): { answer: ResponsePromise; exchange: Exchange } {
  const url = withQ(path, q);
  const searchParams = params as QueryParams;
  if (ctx.http.url(url, searchParams).length <= MAX_URL_LENGTH)
    return { answer: ctx.http.get(url, { searchParams, ...callOf(call) }), exchange: { method: 'GET', path: url, searchParams } };
  const form: Record<string, string | number> = {};
  if (q !== undefined) form.q = q;
  for (const [key, value] of Object.entries(params)) if (value !== undefined) form[key] = value;
  const tunnel = { _method: 'GET' };
  return {
    answer: ctx.http.post(path, { searchParams: tunnel, form, idempotent: true, ...callOf(call) }),
    exchange: { method: 'POST', path, searchParams: tunnel },
  };
}
