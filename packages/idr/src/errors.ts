import { BatchError, type BatchFailure, type BioHttpErrorInit, type ErrorCode, NotFoundError } from '@bio/core-http';
import type { ImageId } from './ids.js';
import { isObject } from './internal/json.js';

/**
 * An endpoint that used to exist on this server has been switched off. On IDR every
 * `/mapr/api/{key}/…` route except `config/` now redirects to the search engine's HTML API
 * docs; `replacement` names the search-engine call (and the `Idr` method) that does the same.
 * `status` is 410 (Gone), `code` is `'ENDPOINT_REMOVED'`; it is a {@link NotFoundError}, so
 * `isNotFoundError` matches it too.
 *
 * @example
 * ```ts
 * try { await idr.mapr.screens('gene', 'CDC20'); }
 * catch (e) { if (isEndpointRemovedError(e)) console.log(e.replacement); }
 * ```
 */
export class EndpointRemovedError extends NotFoundError {
  /** Always `EndpointRemovedError` (what `isEndpointRemovedError` also checks, across duplicated package copies). */
  override name = 'EndpointRemovedError';
  /** Always `ENDPOINT_REMOVED`. */
  override readonly code: ErrorCode = 'ENDPOINT_REMOVED';
  /** The removed route, e.g. `/mapr/api/gene/`. */
  readonly endpoint: string;
  /** What to call instead, e.g. `idr.search({ key: 'Gene Symbol', value: 'CDC20' })`. */
  readonly replacement: string;
  /** Status 410 and a message naming `endpoint` and `replacement`, unless `init` gives its own. */
  constructor(init: BioHttpErrorInit & { endpoint: string; replacement: string }) {
    super({
      status: 410,
      service: 'idr',
      message: `${init.endpoint} has been removed from this server; use ${init.replacement} instead`,
      ...init,
    });
    this.endpoint = init.endpoint;
    this.replacement = init.replacement;
  }
}

/**
 * True for an {@link EndpointRemovedError}, also across duplicated package copies (the
 * `isBioError` marker getter plus the `name`, as core-http's guards).
 *
 * @example
 * ```ts
 * if (isEndpointRemovedError(err)) console.log(err.replacement);
 * ```
 */
export function isEndpointRemovedError(e: unknown): e is EndpointRemovedError {
  return e instanceof EndpointRemovedError || (isObject(e) && e.isBioError === true && e.name === 'EndpointRemovedError');
}

/**
 * The object has no bulk annotation table (OMERO.web answers HTTP 200
 * `{"error": "Could not retrieve bulk annotations table"}`): a {@link NotFoundError} with code
 * `NO_TABLE`, never a `ServerError` that reads as "try again later".
 *
 * @example
 * ```ts
 * try { await idr.bulkAnnotations({ well: 1 }); }
 * catch (e) { if (isNoTableError(e)) console.log('no table for', e.target); }
 * ```
 */
export class NoTableError extends NotFoundError {
  /** Always `NoTableError` (what `isNoTableError` also checks, across duplicated package copies). */
  override name = 'NoTableError';
  /** Always `NO_TABLE`. */
  override readonly code: ErrorCode = 'NO_TABLE';
  /** What was asked for, e.g. `well 45217`. */
  readonly target: string;
  /** Status 404 and the message `{target} has no bulk annotation table`, unless `init` gives its own. */
  constructor(init: BioHttpErrorInit & { target: string }) {
    super({ status: 404, service: 'idr', message: `${init.target} has no bulk annotation table`, ...init });
    this.target = init.target;
  }
}

/**
 * True for a {@link NoTableError}, also across duplicated package copies.
 *
 * @example
 * ```ts
 * if (isNoTableError(err)) return undefined;
 * ```
 */
export function isNoTableError(e: unknown): e is NoTableError {
  return e instanceof NoTableError || (isObject(e) && e.isBioError === true && e.name === 'NoTableError');
}

/**
 * Some chunks of {@link Idr.thumbnails} failed; the others were fetched and are in `thumbnails`.
 * A `BatchError` (the family's contract): `processed` (ids fetched, a thumbnail or `null` each),
 * `failed` (ids of the failed chunks), `unprocessed` (always empty: every chunk is tried) and
 * `errors` (one per failed chunk, with its cause).
 *
 * @example
 * ```ts
 * try { thumbs = await idr.thumbnails(ids); }
 * catch (e) { if (!isThumbnailsError(e)) throw e; thumbs = e.thumbnails; retry = e.failed; }
 * ```
 */
export class ThumbnailsError extends BatchError<ImageId> {
  /** Always `ThumbnailsError` (what `isThumbnailsError` also checks, across duplicated package copies). */
  override name = 'ThumbnailsError';
  /** Always `THUMBNAILS_INCOMPLETE`. */
  override readonly code: ErrorCode = 'THUMBNAILS_INCOMPLETE';
  /** Every thumbnail fetched (`null` where the server had none), keyed by image id. */
  readonly thumbnails: Map<ImageId, Uint8Array | null>;
  /** The thumbnails fetched and the batch outcome (`processed`, `failed`, `unprocessed`, `errors`). */
  constructor(
    init: BioHttpErrorInit & {
      thumbnails: Map<ImageId, Uint8Array | null>;
      processed: ImageId[];
      failed: ImageId[];
      unprocessed: ImageId[];
      errors: BatchFailure<ImageId>[];
    },
  ) {
    super({ service: 'idr', ...init });
    this.thumbnails = init.thumbnails;
  }
}

/**
 * True for a {@link ThumbnailsError}, also across duplicated package copies.
 *
 * @example
 * ```ts
 * if (isThumbnailsError(err)) use(err.thumbnails);
 * ```
 */
export function isThumbnailsError(e: unknown): e is ThumbnailsError {
  return e instanceof ThumbnailsError || (isObject(e) && e.isBioError === true && e.name === 'ThumbnailsError');
}

const HTML = /<html|<!doctype html/i;

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function stripTags(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The server's own words from any of OMERO.web's error dialects:
 * `/api/v0` JSON `{"message"}`, webgateway `{"error"}`/`{"Exception"}`, search-engine
 * `{"Error"}`, Django HTML pages (the CSRF page's "Reason given for failure", a 404 page's
 * heading and text) and plain-text bodies (`Invalid parameter value`, stack traces: first line).
 *
 * @example
 * ```ts
 * omeroServiceMessage({ message: 'Screen 999 not found' }); // 'Screen 999 not found'
 * omeroServiceMessage('Invalid parameter value');           // 'Invalid parameter value'
 * ```
 */
export function omeroServiceMessage(body: unknown): string | undefined {
  if (isObject(body)) {
    for (const key of ['message', 'error', 'Exception', 'Error', 'detail'] as const) {
      const value = body[key];
      if (typeof value === 'string' && value.length > 0 && !(key === 'Error' && value === 'none')) return value;
    }
    return undefined;
  }
  if (typeof body !== 'string') return undefined;
  const text = body.trim();
  if (text.length === 0) return undefined;
  if (HTML.test(text)) {
    const reason = /Reason given for failure:\s*<\/p>\s*<pre>([\s\S]*?)<\/pre>/i.exec(text);
    // OMERO.web's error pages open with a "Go back to OMERO.web" heading: the error is the next one.
    const h1 = [...text.matchAll(/<h1[^>]*>([\s\S]*?)<\/h1>/gi)].find((m) => !/^go back to\b/i.test(stripTags(m[1] ?? '')));
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text);
    const heading = stripTags(h1?.[1] ?? title?.[1] ?? '');
    if (reason?.[1]) return `${heading || 'Forbidden'}: ${stripTags(reason[1])}`;
    const paragraph = /<p[^>]*>([\s\S]*?)<\/p>/i.exec(h1 === undefined ? text : text.slice((h1.index ?? 0) + h1[0].length));
    const detail = paragraph?.[1] ? stripTags(paragraph[1]) : '';
    const message = [heading, detail].filter((s) => s.length > 0).join(': ');
    return message.length > 0 ? message.slice(0, 300) : undefined;
  }
  // Runs of spaces collapse: the search engine's 404 text carries 8 from a backslash-continued Python string.
  const firstLine = (text.split(/\r?\n/, 1)[0] ?? '').replace(/\s+/g, ' ');
  return firstLine.slice(0, 300);
}

/**
 * Recognise OMERO.web's "HTTP 200 but failed" bodies, for `@bio/core-http`'s `errorInBody` hook:
 * - webgateway tables: `{"error": "Table 1 not found"}` (and `{"error", "status": 404}` when too many rows match);
 * - webgateway views: `{"Exception": "…"}` — except imgData, whose partial body (it has `meta`) is
 *   returned as `{ status: 'pixels-unavailable' }` by `Idr.imageData`;
 * - the search engine: `{"Error": "…"}` other than `"none"`. "Your query returns no results" is
 *   not an error: the search ends with zero hits.
 *
 * @example
 * ```ts
 * omeroErrorInBody({ error: 'Table 42 not found' }); // { status: 404, message: 'Table 42 not found' }
 * omeroErrorInBody({ Error: 'none', results: {} });   // undefined
 * ```
 */
export function omeroErrorInBody(body: unknown): { status: number; message: string } | undefined {
  if (!isObject(body)) return undefined;
  const error = body.error;
  if (typeof error === 'string' && error.length > 0 && !('data' in body)) {
    const status =
      typeof body.status === 'number' && body.status >= 400
        ? body.status
        : /not found|could not retrieve (matching )?bulk annotations? table/i.test(error)
          ? 404
          : /^Error executing query|must specify|invalid/i.test(error)
            ? 400
            : 500;
    return { status, message: error };
  }
  const exception = body.Exception;
  if (typeof exception === 'string' && !('meta' in body)) return { status: 500, message: exception };
  const seError = body.Error;
  if (typeof seError === 'string' && seError !== 'none' && !/returns no results/i.test(seError)) {
    return { status: /something went wrong|try (again )?later/i.test(seError) ? 500 : 400, message: seError.replace(/\s+/g, ' ').trim() };
  }
  return undefined;
}
