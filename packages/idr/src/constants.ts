/**
 * The public IDR server.
 *
 * @example
 * ```ts
 * new Idr({ baseUrl: DEFAULT_BASE_URL });
 * ```
 */
export const DEFAULT_BASE_URL = 'https://idr.openmicroscopy.org';

/** Default number of requests in flight per client. @example `new Idr({ concurrency: DEFAULT_CONCURRENCY })` */
export const DEFAULT_CONCURRENCY = 4;

/** Default per-attempt timeout: longer than OMERO.web's 60 s WSGI timeout on IDR. @example `new Idr({ timeout: DEFAULT_TIMEOUT_MS })` */
export const DEFAULT_TIMEOUT_MS = 90_000;

/** Default `limit` of `webclient/api` lists (IDR's `omero.web.page_size`). @example `new Idr({ webclientPageSize: 200 })` */
export const DEFAULT_WEBCLIENT_PAGE_SIZE = 500;
