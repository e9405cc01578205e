import type { ResponseFormatError, ResponsePromise } from '@bio/core-http';
import type { Context } from './context.js';
import { formatError } from './format-error.js';
import { lastSegment } from './url.js';

const JSON_TYPE = /^\s*application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

// The server's answer to a batch is lost, so whether its rows were written is unknown.
function batchFormatError(ctx: Context, method: string, url: string, response: Response, problem: string, snippet?: string): ResponseFormatError {
  return formatError(ctx.http, { method, path: url, response }, `${problem}; the rows of this batch may or may not be written`, snippet);
}

/**
 * The ids in MOLGENIS's answer to a v2 batch create: `201` with
 * `{"location":"/api/v2/E?q=id=in=(…)","resources":[{"href":"/api/v2/E/<id>"},…]}`, one
 * resource per row sent, in order. Anything else (an HTML page, invalid or truncated JSON, the
 * login page a redirect led to, another status or shape) is a {@link ResponseFormatError}: the
 * server's answer is lost, so whether the rows were written is unknown.
 */
export async function createdIds(ctx: Context, url: string, sent: number, answer: ResponsePromise): Promise<string[]> {
  const body = await answer.json(); // ResponseFormatError for HTML, empty, invalid or truncated JSON
  const response = await answer;
  const snippet = (): string => JSON.stringify(body); // redacted, then cut to 300 characters
  if (response.status !== 201) throw batchFormatError(ctx, 'POST', url, response, `expected 201 Created with the new rows, got ${response.status}`, snippet());
  const { location, resources } = (typeof body === 'object' && body !== null ? body : {}) as { location?: unknown; resources?: unknown };
  if (typeof location !== 'string' || !Array.isArray(resources)) {
    throw batchFormatError(ctx, 'POST', url, response, 'expected {"location","resources":[{"href"}…]} (a MOLGENIS create answer)', snippet());
  }
  if (resources.length !== sent) {
    throw batchFormatError(ctx, 'POST', url, response, `sent ${sent} rows but the answer lists ${resources.length} resources`, snippet());
  }
  const ids: string[] = [];
  for (const resource of resources as { href?: unknown }[]) {
    const href = typeof resource === 'object' && resource !== null ? resource.href : undefined;
    const id = typeof href === 'string' ? lastSegment(href, ctx.root) : undefined;
    if (id === undefined || id === '')
      throw batchFormatError(ctx, 'POST', url, response, `a resource without a usable href: ${JSON.stringify(resource)}`, snippet());
    ids.push(id);
  }
  return ids;
}

/**
 * Check the answer to a v2 batch update or delete: MOLGENIS answers `200`/`204` with an empty
 * body. A web page (a proxy's 200, a login page) or another non-JSON body is a
 * {@link ResponseFormatError}: the server's answer is lost, so the batch's outcome is unknown.
 */
export async function noContent(ctx: Context, method: string, url: string, answer: ResponsePromise): Promise<void> {
  const text = await answer.text();
  const response = await answer;
  if (text.trim() === '') return;
  const contentType = response.headers.get('content-type');
  if (contentType !== null && JSON_TYPE.test(contentType) && !/^\s*</.test(text)) return;
  throw batchFormatError(ctx, method, url, response, `expected an empty answer but got ${contentType ?? 'a body'} (a web page, not MOLGENIS's answer)`, text);
}
