import { htmlErrorMessage } from '../html-message.js';
import { ResponseTooLargeError } from '../errors.js';
import { redactUrl } from '../redact.js';

/** Context put on errors raised while reading a body. */
/**
 * Cancel a body we no longer want without waiting for it: a body that is one branch of a tee
 * (msw and other interceptors tee responses) settles its cancel only when the other branch is
 * read, which may never happen.
 */
export function discard(body: { cancel(reason?: unknown): Promise<void> } | null | undefined, reason?: unknown): void {
  body?.cancel(reason).catch(() => undefined);
}

export interface ReadContext {
  method: string;
  url: string;
  service?: string;
  secrets: readonly string[];
  attempts: number;
  status: number;
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function tooLarge(limit: number, ctx: ReadContext, detail: string): ResponseTooLargeError {
  return new ResponseTooLargeError({
    limit,
    message: `${ctx.method} ${redactUrl(ctx.url)}: response body ${detail} exceeds the limit of ${limit} bytes (maxResponseBytes)`,
    status: ctx.status,
    method: ctx.method,
    url: ctx.url,
    ...(ctx.service === undefined ? {} : { service: ctx.service }),
    attempts: ctx.attempts,
    secrets: ctx.secrets,
  });
}

/**
 * Read a whole body, refusing (without buffering further) once it passes `limit` bytes.
 * A `Content-Length` over the limit is refused before reading anything. `fresh`: the response
 * is one the platform fetch has just returned (so its body is unused).
 */
export async function readLimited(response: Response, limit: number, context: () => ReadContext, fresh = false): Promise<Uint8Array> {
  const header = response.headers.get('content-length');
  const declared = header !== null && /^\d+$/.test(header) ? Number(header) : undefined;
  if (declared !== undefined && declared > limit) {
    discard(response.body);
    throw tooLarge(limit, context(), `of ${header} bytes (Content-Length)`);
  }
  if (response.body === null) return new Uint8Array(0);
  // A declared length within the limit: fetch enforces it (a longer body is an error). Read as
  // `arrayBuffer()` would (its errors for a used body or a non-byte chunk, an array of its own),
  // pulling the chunks here: a small body from the platform fetch (`fresh`) is one chunk, kept as
  // it is, without the copy into a new ArrayBuffer (measurable: core-http-overhead bench).
  // `fresh` also skips the used-body check (its bodyUsed getter costs about a microsecond).
  if (declared !== undefined && !fresh && (response.body.locked || response.bodyUsed)) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (declared !== undefined && !(value instanceof Uint8Array)) {
      discard(reader);
      throw new TypeError('Received non-Uint8Array chunk');
    }
    total += value.byteLength;
    if (total > limit) {
      discard(reader);
      throw tooLarge(limit, context(), 'of more than that'); // with a declared length: a fetch that ignored it
    }
    chunks.push(value);
  }
  // One chunk is returned as it is, except for a declared length where it may not be an array of
  // its own: a view on a larger buffer, a Buffer, or any source's but the platform fetch's (which
  // makes a new array per chunk for this stream only; others may enqueue the same one again).
  const one = chunks[0];
  if (declared !== undefined && chunks.length === 1 && !(fresh && one?.constructor === Uint8Array && one.byteLength === one.buffer.byteLength)) {
    return new Uint8Array(one as Uint8Array);
  }
  return concat(chunks, total);
}

/** Read at most `limit` bytes of a body (for error bodies); the rest is discarded. */
export async function readPrefix(response: Response, limit: number): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  if (response.body === null) return { bytes: new Uint8Array(0), truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (total + value.byteLength > limit) {
      chunks.push(value.subarray(0, limit - total));
      total = limit;
      truncated = true;
      discard(reader);
      break;
    }
    chunks.push(value);
    total += value.byteLength;
  }
  return { bytes: concat(chunks, total), truncated };
}

const decoder = new TextDecoder();
/** UTF-8 decode (BOM dropped, bad sequences replaced). */
export function decodeUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** `application/json`, `application/problem+json`, `text/json`, … */
export function isJsonContentType(contentType: string | null): boolean {
  if (!contentType) return false;
  if (contentType === 'application/json' || contentType.startsWith('application/json;')) return true; // the usual case, without splitting
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || type === 'text/json' || type.endsWith('+json');
}

/** `text/html`, `application/xhtml+xml`. */
export function isHtmlContentType(contentType: string | null): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'text/html' || type === 'application/xhtml+xml';
}

function pickString(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const nested = (value as Record<string, unknown>).message;
    if (typeof nested === 'string' && nested.trim() !== '') return nested.trim();
  }
  return undefined;
}

const MESSAGE_LIMIT = 500;
function clip(text: string): string {
  return text.length > MESSAGE_LIMIT ? `${text.slice(0, MESSAGE_LIMIT)}…` : text;
}

/**
 * The server's own words from an error body: JSON keys `message`, `error`, `detail`,
 * `errors[0].message`, `Exception`; an HTML page's title or heading; a text body's first line.
 */
export function defaultServiceMessage(body: unknown): string | undefined {
  if (typeof body === 'string') {
    if (/^\s*</.test(body)) {
      const page = htmlErrorMessage(body);
      return page === undefined ? undefined : clip(page);
    }
    const line = body.split(/\r?\n/).find((l) => l.trim() !== '');
    return line === undefined ? undefined : clip(line.trim());
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  for (const key of ['message', 'error', 'detail']) {
    const found = pickString(record[key]);
    if (found !== undefined) return clip(found);
  }
  const errors = record.errors;
  if (Array.isArray(errors) && errors.length > 0) {
    const found = pickString(errors[0]);
    if (found !== undefined) return clip(found);
  }
  const exception = pickString(record.Exception);
  return exception === undefined ? undefined : clip(exception);
}
