import { createHttpError, ResponseFormatError } from '../errors.js';
import { redactUrl } from '../redact.js';
import { decodeUtf8, isHtmlContentType, isJsonContentType } from './body.js';
import { common, type RequestContext } from './context.js';

/** A response of `json()`, with where it came from. */
export interface ReadBody {
  response: Response;
  finalUrl: URL;
  redirected: boolean;
  attempts: number;
}

/** The error for a body that is not the JSON expected (built only on that path). */
function jsonFormatError(ctx: RequestContext, read: ReadBody, contentType: string | null, problem: string, text: string): ResponseFormatError {
  const shownUrl = redactUrl(read.finalUrl.href);
  const after = read.redirected ? ` after a redirect to ${shownUrl}` : '';
  return new ResponseFormatError({
    message: `${ctx.method} ${shownUrl}: expected JSON${after} but got ${problem}`,
    status: read.response.status,
    method: ctx.method,
    url: read.finalUrl.href,
    ...(contentType === null ? {} : { contentType }),
    // A generous prefix: the error redacts it, then cuts it to 300 (a secret across 300 stays whole here).
    ...(text === '' ? {} : { snippet: text.slice(0, 4096) }),
    attempts: read.attempts,
    ...common(ctx),
  });
}

/**
 * Parse a JSON body: `ResponseFormatError` for an empty body, a web page, another content type
 * or invalid JSON; then `errorInBody` may turn a 2xx body into an HTTP error.
 */
export function parseJson(
  ctx: RequestContext,
  read: ReadBody,
  bytes: Uint8Array,
  errorInBody: ((body: unknown, response: Response) => { status: number; message: string } | undefined) | undefined,
): unknown {
  const { response, finalUrl, attempts } = read;
  const contentType = response.headers.get('content-type');
  const text = decodeUtf8(bytes);
  if (text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim() === ''))
    throw jsonFormatError(ctx, read, contentType, `an empty body (status ${response.status}${contentType ? `, ${contentType}` : ''})`, '');
  const json = isJsonContentType(contentType);
  if (!json && (isHtmlContentType(contentType) || /^\s*</.test(text))) {
    throw jsonFormatError(ctx, read, contentType, `${contentType ?? 'an HTML/XML page'} (a web page, not an API response)`, text);
  }
  if (contentType !== null && !json) throw jsonFormatError(ctx, read, contentType, contentType, text);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw jsonFormatError(ctx, read, contentType, `invalid JSON (${e instanceof Error ? e.message : String(e)})`, text);
  }
  const bodyError = errorInBody?.(data, response);
  if (bodyError) {
    throw createHttpError({
      status: bodyError.status,
      method: ctx.method,
      url: finalUrl.href,
      serviceMessage: bodyError.message,
      body: data,
      attempts,
      ...common(ctx),
    });
  }
  return data;
}
