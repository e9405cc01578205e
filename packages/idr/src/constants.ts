import type { RetryOptions } from '@bio/core-http';

/**
 * The public IDR server.
 *
 * @example
 * ```ts
 * new Idr({ baseUrl: DEFAULT_BASE_URL });
 * ```
 */
export const DEFAULT_BASE_URL = 'https://idr.openmicroscopy.org';

/**
 * Requests in flight per client when it talks to the public IDR (other servers: no limit, the
 * family's default). IDR is one shared, free server whose OMERO.web answers uncached queries
 * slowly (up to its 60 s `wsgi_timeout`); a client that sends dozens of requests at once slows it
 * down for everyone, and IDR publishes no rate limit to stay under. Set `concurrency` to change it.
 *
 * @example
 * ```ts
 * new Idr({ concurrency: DEFAULT_CONCURRENCY * 2 });
 * ```
 */
export const DEFAULT_CONCURRENCY = 4;

/**
 * Default per-attempt timeout in ms (90 s; the family's default is 30 s). OMERO.web on IDR runs
 * with a 60 s `wsgi_timeout` and some queries really take that long (large screens, `Homo
 * sapiens` attribute queries, IDR/idr-notebooks#94): a 30 s client timeout would abort requests
 * the server is still going to answer, and retry them, which costs the server twice.
 *
 * @example
 * ```ts
 * new Idr({ timeout: DEFAULT_TIMEOUT / 3 });
 * ```
 */
export const DEFAULT_TIMEOUT = 90_000;

/**
 * Default retry policy: the family's (2 retries of idempotent requests, network errors, jittered
 * backoff, `Retry-After` honoured) but without 500. OMERO.web answers 500 for failures that a
 * retry repeats: an unknown object (`/webclient/annotation/{id}`, a plate grid), a non-numeric
 * id, more than 50 ids in `get_thumbnails`, Ice stack traces. Fields of a `retry` option are
 * merged over these; a number sets `limit`.
 *
 * @example
 * ```ts
 * new Idr({ retry: { ...DEFAULT_RETRY, limit: 5 } });
 * ```
 */
export const DEFAULT_RETRY: Readonly<RetryOptions> = { statusCodes: [408, 429, 502, 503, 504] };

/** Default `limit` of `webclient/api` lists, annotations and mapr (IDR's `omero.web.page_size`). @example `new Idr({ webclientPageSize: 200 })` */
export const DEFAULT_WEBCLIENT_PAGE_SIZE = 500;
