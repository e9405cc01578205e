// The client: one object composing the endpoint families (each in its own file).
import {
  type CallOptions,
  type ClientOptions,
  createServiceClient,
  type HttpClient,
  type Paged,
  type RetryOptions,
  type SessionAuth,
  sessionAuth,
  ValidationError,
} from '@bio/core-http';
import { type AnnotationOptions, type AnnotationTarget, type FileAnnotation, fileAnnotations, type MapAnnotation, mapAnnotations } from './annotations.js';
import type { Capabilities, CapabilitiesOptions } from './capabilities.js';
import { DEFAULT_BASE_URL, DEFAULT_CONCURRENCY, DEFAULT_RETRY, DEFAULT_TIMEOUT, DEFAULT_WEBCLIENT_PAGE_SIZE } from './constants.js';
import { omeroErrorInBody, omeroServiceMessage } from './errors.js';
import { type AttributeMatches, type AttributeQuery, type FindByAttributeOptions, findByAttribute } from './find-by-attribute.js';
import type { AnnotationId, DatasetId, FileId, IdInput, ImageId, PlateId, ProjectId, ScreenId, WellId } from './ids.js';
import { CapabilityCache } from './internal/capability-cache.js';
import type { IdrContext } from './internal/context.js';
import { IDR_MAPR_MENUS } from './internal/idr-known.js';
import { VERSION } from './internal/version.js';
import {
  type DatasetFilters,
  type GetOptions,
  getDataset,
  getImage,
  getPlate,
  getProject,
  getScreen,
  getWell,
  type ImageFilters,
  listObjects,
  type PlateFilters,
  type ProjectFilters,
  type RoiFilters,
  type ScreenFilters,
  type WellFilters,
} from './json-api.js';
import { createLinks, type IdrLinks } from './links.js';
import type { IdrListOptions } from './list-options.js';
import { createMaprApi, type MaprApi } from './mapr.js';
import { createObjects, type IdrObjects } from './objects.js';
import type { Dataset, Image, Plate, Project, Roi, Screen, Well } from './models.js';
import { type ExportQueryOptions, exportQuery, query, type SearchQueryLanguage } from './search-query.js';
import { type SearchContainer, type SearchHit, type SearchOptions, type SearchQuery, search, searchContainers, searchCount } from './search-engine.js';
import {
  checkCredentials,
  type EventContext,
  type KeepAlive,
  type KeepAliveOptions,
  keepAlive,
  type LoginCredentials,
  login,
  logout,
  type OmeroServer,
  ping,
  servers,
} from './session.js';
import {
  type BulkTable,
  bulkAnnotations,
  bulkTable,
  type TableCell,
  type TableCsvOptions,
  type TableQueryOptions,
  type TableResult,
  type TableRowsOptions,
  table,
  tableCsv,
  tableRows,
} from './tables.js';
import {
  type RenderImageOptions,
  renderImage,
  type ThumbnailOptions,
  type ThumbnailsOptions,
  thumbnail,
  thumbnailPath,
  thumbnailStream,
  thumbnails,
} from './thumbnails.js';
import { type ImageData, imageData, type PlateGrid, type PlateGridOptions, plateGrid } from './webgateway.js';
import {
  createWebclientApi,
  type Download,
  download,
  downloadUrl,
  type PathNode,
  type PathsToObjectTarget,
  pathsToObject,
  type WebclientApi,
} from './webclient.js';

/**
 * Options of {@link Idr}: the family's {@link ClientOptions} plus `webclientPageSize`. Where a
 * default differs from the family's, the option says why.
 *
 * Sessions: there is one way, `auth: sessionAuth()` (cookie jar + CSRF token, from
 * `@bio/core-http`, re-exported here). It is optional on IDR, which has no login (a cookie saves
 * the server a public-user login per request); {@link Idr.login} installs one itself when the
 * client has no `auth`.
 *
 * @example
 * ```ts
 * const idr = new Idr({ userAgent: 'my-pipeline/1.0', timeout: 120_000 });
 * const omero = new Idr({ baseUrl: 'https://omero.example.org', auth: sessionAuth() });
 * ```
 */
export interface IdrOptions extends ClientOptions {
  /** Any OMERO.web server. Default {@link DEFAULT_BASE_URL}. */
  baseUrl?: string | undefined;
  /**
   * Per attempt, in ms, or `false`. Default 90 000 ({@link DEFAULT_TIMEOUT}) — differs from the
   * family's 30 000: OMERO.web on IDR may take up to its 60 s `wsgi_timeout` to answer.
   */
  timeout?: number | false | undefined;
  /**
   * Retry policy, merged over {@link DEFAULT_RETRY}; a number sets `limit`. Default: the family's,
   * without 500 — OMERO.web answers 500 for failures a retry repeats (unknown objects, bad ids).
   */
  retry?: RetryOptions | number | undefined;
  /**
   * Requests in flight at once across all calls of this client (retries included). Default 4
   * ({@link DEFAULT_CONCURRENCY}) for the public IDR, a shared free server; no limit for other servers.
   */
  concurrency?: number | undefined;
  /** `limit` of `webclient/api` lists, annotations and mapr when a call gives no `pageSize`. Default 500 (IDR's page size). */
  webclientPageSize?: number | undefined;
}

function isSessionAuth(auth: unknown): auth is SessionAuth {
  const candidate = auth as Partial<SessionAuth> | undefined;
  return candidate?.kind === 'session' && typeof candidate.cookies === 'function' && typeof candidate.setCsrfToken === 'function';
}

/**
 * Client for the Image Data Resource and any OMERO.web server: the JSON API (`/api/v0`), the
 * webclient and webgateway endpoints, the IDR search engine and OMERO.mapr. Every list is a
 * `Paged<T>` (`for await`, `toArray({ max })`, `pages()`, `total()`); every method takes
 * {@link CallOptions} (`signal`, `timeout`) last.
 *
 * @example
 * ```ts
 * import { Idr, toMap } from '@bio/idr';
 * const idr = new Idr();
 * const study = toMap(await idr.mapAnnotations({ screen: 102 }).toArray());
 * for await (const plate of idr.webclient.plates({ screen: 102 })) console.log(plate.id, plate.name);
 * ```
 */
export class Idr {
  /** The base URL without trailing slash. */
  readonly baseUrl: string;
  /** The webclient's tree lists (`webclient/api/{plates,datasets,images}/`). */
  readonly webclient: WebclientApi;
  /** OMERO.mapr; on IDR every call throws EndpointRemovedError naming the search-engine call to use. */
  readonly mapr: MaprApi;
  /** Browser links (webclient page, viewer, thumbnail, attribute search), built without a request. */
  readonly links: IdrLinks;
  /** The object model: `Screen`/`Project`/`Dataset`/`Plate`/`Well`/`Image` objects with navigation, sizes in µm and the raw JSON. */
  readonly objects: IdrObjects;
  readonly #http: HttpClient;
  readonly #ctx: IdrContext;
  readonly #noRedirect: HttpClient;
  readonly #capabilities: CapabilityCache;

  /**
   * A client for `options.baseUrl` (default the public IDR); no request is made until a method is
   * called. A `webclientPageSize` that is not a positive integer throws a ValidationError.
   */
  constructor(options: IdrOptions = {}) {
    const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    const pageSize = options.webclientPageSize ?? DEFAULT_WEBCLIENT_PAGE_SIZE;
    if (!Number.isSafeInteger(pageSize) || pageSize < 1)
      throw new ValidationError({ message: 'webclientPageSize must be a positive integer', field: 'webclientPageSize' });
    const concurrency = options.concurrency ?? (baseUrl === DEFAULT_BASE_URL ? DEFAULT_CONCURRENCY : undefined);
    this.baseUrl = baseUrl;
    const service = (maxRedirects?: number) =>
      createServiceClient(
        { ...options, baseUrl: `${baseUrl}/`, concurrency },
        {
          name: 'idr',
          version: VERSION,
          baseUrl: `${DEFAULT_BASE_URL}/`,
          defaults: { timeout: DEFAULT_TIMEOUT, retry: DEFAULT_RETRY },
          arrayFormat: 'repeat',
          serviceMessage: (body) => omeroServiceMessage(body),
          errorInBody: (body) => omeroErrorInBody(body),
          ...(maxRedirects === undefined ? {} : { maxRedirects }),
        },
      );
    this.#http = service();
    const noRedirect = service(0);
    this.#noRedirect = noRedirect;
    // The public IDR: its capabilities are known (issue 16 item 1), nothing is probed.
    const known: Partial<Capabilities> =
      baseUrl === DEFAULT_BASE_URL ? { apiVersions: ['0'], mapr: { status: 'removed', keys: { ...IDR_MAPR_MENUS } }, searchEngine: true } : {};
    this.#capabilities = new CapabilityCache({ http: this.#http, noRedirect }, known);
    this.#ctx = {
      http: this.#http,
      noRedirect,
      baseUrl,
      concurrency,
      signal: options.signal,
      webclientPageSize: pageSize,
      capability: (part, o) => this.#capabilities.get(part, o),
      markMaprRemoved: () => this.#capabilities.markMaprRemoved(),
    };
    this.webclient = createWebclientApi(this.#ctx);
    this.mapr = createMaprApi(this.#ctx);
    this.objects = createObjects(this.#ctx);
    this.links = createLinks(baseUrl, (id, size) => this.#http.url(thumbnailPath(id, size)));
  }

  /**
   * What the server offers: JSON API versions, mapr (available, removed as on IDR, or absent) and
   * the IDR search engine. Each part is probed once, only when asked (a call that needs one part
   * probes only that part); a failed probe is not kept. The public IDR's answers are known and
   * cost no request (`refresh: true` asks it anyway).
   *
   * @example
   * ```ts
   * const caps = await idr.capabilities(); // { apiVersions: ['0'], mapr: { status: 'removed', … }, searchEngine: true }
   * ```
   */
  async capabilities(options: CapabilitiesOptions = {}): Promise<Capabilities> {
    const call = { signal: options.signal, timeout: options.timeout };
    const refresh = options.refresh === true;
    const [apiVersions, mapr, searchEngine] = await Promise.all([
      this.#capabilities.get('apiVersions', call, refresh),
      this.#capabilities.get('mapr', call, refresh),
      this.#capabilities.get('searchEngine', call, refresh),
    ]);
    return { apiVersions, mapr, searchEngine };
  }

  // ---- /api/v0 lists -------------------------------------------------------------------

  /** All screens, following offset/limit to `meta.totalCount`. @example `for await (const s of idr.screens()) console.log(s['@id'], s.Name);` */
  screens(filters?: ScreenFilters, options?: IdrListOptions): Paged<Screen> {
    return listObjects(this.#ctx, 'screens', filters, options);
  }
  /** All projects. @example `await idr.projects().toArray({ max: 10 })` */
  projects(filters?: ProjectFilters, options?: IdrListOptions): Paged<Project> {
    return listObjects(this.#ctx, 'projects', filters, options);
  }
  /** Datasets, e.g. of a project. @example `await idr.datasets({ project: 51 }).toArray()` */
  datasets(filters?: DatasetFilters, options?: IdrListOptions): Paged<Dataset> {
    return listObjects(this.#ctx, 'datasets', filters, options);
  }
  /** Plates, e.g. of a screen. @example `await idr.plates({ screen: 102 }).toArray()` */
  plates(filters?: PlateFilters, options?: IdrListOptions): Paged<Plate> {
    return listObjects(this.#ctx, 'plates', filters, options);
  }
  /** Wells of a plate; never-imaged wells have no `WellSamples`. @example `for await (const w of idr.wells({ plate: 2551 })) console.log(w.Row, w.Column);` */
  wells(filters?: WellFilters, options?: IdrListOptions): Paged<Well> {
    return listObjects(this.#ctx, 'wells', filters, options);
  }
  /** Images, e.g. of a dataset. @example `await idr.images({ dataset: 51 }).toArray()` */
  images(filters?: ImageFilters, options?: IdrListOptions): Paged<Image> {
    return listObjects(this.#ctx, 'images', filters, options);
  }
  /** ROIs of an image. @example `await idr.rois({ image: 1229801 }).toArray()` */
  rois(filters?: RoiFilters, options?: IdrListOptions): Paged<Roi> {
    return listObjects(this.#ctx, 'rois', filters, options);
  }

  // ---- /api/v0 single objects -------------------------------------------------------------

  /** One screen. 404 → NotFoundError with the server's message. @example `(await idr.screen(102)).Name` */
  screen(id: IdInput<ScreenId>, options?: GetOptions): Promise<Screen> {
    return getScreen(this.#ctx, id, options);
  }
  /** One project (project 51 ≠ screen 51). @example `(await idr.project(51)).Name` */
  project(id: IdInput<ProjectId>, options?: GetOptions): Promise<Project> {
    return getProject(this.#ctx, id, options);
  }
  /** One dataset. @example `await idr.dataset(51)` */
  dataset(id: IdInput<DatasetId>, options?: GetOptions): Promise<Dataset> {
    return getDataset(this.#ctx, id, options);
  }
  /** One plate. @example `(await idr.plate(2551)).Rows` */
  plate(id: IdInput<PlateId>, options?: GetOptions): Promise<Plate> {
    return getPlate(this.#ctx, id, options);
  }
  /** One well (with its samples' pixels). @example `(await idr.well(590809)).WellSamples?.length` */
  well(id: IdInput<WellId>, options?: CallOptions): Promise<Well> {
    return getWell(this.#ctx, id, options);
  }
  /** One image with pixels and channels. @example `(await idr.image(1884807)).Pixels?.SizeC` */
  image(id: IdInput<ImageId>, options?: CallOptions): Promise<Image> {
    return getImage(this.#ctx, id, options);
  }

  // ---- webclient ----------------------------------------------------------------------------

  /** Map annotations of one or many objects (one request for all), page by page; merge them with `toMap()`, which keeps repeated keys. @example `toMap(await idr.mapAnnotations({ screen: 102 }).toArray()).get('Organism')` */
  mapAnnotations(target: AnnotationTarget, options?: AnnotationOptions): Paged<MapAnnotation> {
    return mapAnnotations(this.#ctx, target, options);
  }
  /** File annotations with absolute download links, page by page. @example `for await (const a of idr.fileAnnotations({ screen: 206 })) console.log(a.downloadUrl)` */
  fileAnnotations(target: AnnotationTarget, options?: AnnotationOptions): Paged<FileAnnotation> {
    return fileAnnotations(this.#ctx, target, options);
  }
  /** Stream an annotation's file; the filename comes from Content-Disposition. @example `const { filename, stream } = await idr.download(8368945);` */
  download(id: IdInput<AnnotationId>, options?: CallOptions): Promise<Download> {
    return download(this.#ctx, id, options);
  }
  /** The absolute download URL of an annotation's file. @example `idr.downloadUrl(8368945) // 'https://idr.openmicroscopy.org/webclient/annotation/8368945/'` */
  downloadUrl(id: IdInput<AnnotationId>): string {
    return downloadUrl(this.#ctx, id);
  }
  /** Every path from the experimenter to the object (an ROI takes two requests: see {@link PathsToObjectTarget}). @example `await idr.pathsToObject({ image: 1229801 })` */
  pathsToObject(target: PathsToObjectTarget, options?: CallOptions): Promise<PathNode[][]> {
    return pathsToObject(this.#ctx, target, options);
  }

  // ---- webgateway ---------------------------------------------------------------------------

  /** The plate as a grid of wells for one field. @example `(await idr.plateGrid(4554, { field: 0 })).grid` */
  plateGrid(id: IdInput<PlateId>, options?: PlateGridOptions): Promise<PlateGrid> {
    return plateGrid(this.#ctx, id, options);
  }
  /** imgData: `ok` with sizes and channels, or `pixels-unavailable` when the server could not open the pixels. @example `const d = await idr.imageData(122770); if (d.status === 'ok') d.size.c;` */
  imageData(id: IdInput<ImageId>, options?: CallOptions): Promise<ImageData> {
    return imageData(this.#ctx, id, options);
  }
  /** A thumbnail as JPEG bytes (checked: SOI … EOI). @example `await writeFile('t.jpg', await idr.thumbnail(1229801));` */
  thumbnail(id: IdInput<ImageId>, options?: ThumbnailOptions): Promise<Uint8Array> {
    return thumbnail(this.#ctx, id, options);
  }
  /** A thumbnail as a byte stream, JPEG-checked while it flows (SOI first, EOI at the end). @example `await pipeline(Readable.fromWeb(await idr.thumbnailStream(1229801)), createWriteStream('t.jpg'));` */
  thumbnailStream(id: IdInput<ImageId>, options?: ThumbnailOptions): Promise<ReadableStream<Uint8Array>> {
    return thumbnailStream(this.#ctx, id, options);
  }
  /** The absolute thumbnail URL. @example `idr.thumbnailUrl(1229801)` */
  thumbnailUrl(id: IdInput<ImageId>, options: { size?: number | undefined } = {}): string {
    return this.#http.url(thumbnailPath(id, options.size));
  }
  /** Many thumbnails via `get_thumbnails` in chunks of ≤ 50 (null where the server had none). @example `const m = await idr.thumbnails([1229801, 1229802]);` */
  thumbnails(ids: Iterable<IdInput<ImageId>>, options?: ThumbnailsOptions): Promise<Map<ImageId, Uint8Array | null>> {
    return thumbnails(this.#ctx, ids, options);
  }
  /** A rendered plane as JPEG (403 on IDR while pixels move to OME-Zarr). @example `await idr.renderImage(1229801, { z: 0, t: 0 })` */
  renderImage(id: IdInput<ImageId>, options?: RenderImageOptions): Promise<Uint8Array> {
    return renderImage(this.#ctx, id, options);
  }
  /** The screen's bulk annotation rows for a well, columns typed. @example `(await idr.bulkAnnotations({ well: 45217 })).rows[0]` */
  bulkAnnotations(target: { well: IdInput<WellId> }, options?: CallOptions): Promise<TableResult> {
    return bulkAnnotations(this.#ctx, target, options);
  }
  /** Query an OMERO.table by its file id. @example `await idr.table(15026339, { query: '(Well==45217)' })` */
  table(id: IdInput<FileId>, options?: TableQueryOptions): Promise<TableResult> {
    return table(this.#ctx, id, options);
  }

  /** The bulk annotation table of a screen or plate (the newest one, as OMERO.web picks it): rows or CSV on demand; none → NoTableError. @example `for await (const row of (await idr.bulkTable({ screen: 206 })).rows()) console.log(row.Well);` */
  bulkTable(target: { screen: IdInput<ScreenId> } | { plate: IdInput<PlateId> }, options?: CallOptions): Promise<BulkTable> {
    return bulkTable(this.#ctx, target, options);
  }
  /** Every row of a table query, paged past the server's 10 000-row cap (remaining pages concurrently once the first gives the total). @example `for await (const row of idr.tableRows(15026339)) console.log(row.Well);` */
  tableRows(id: IdInput<FileId>, options?: TableRowsOptions): Paged<Record<string, TableCell>> {
    return tableRows(this.#ctx, id, options);
  }
  /** A whole table query as a CSV byte stream (header, then rows), fetched page by page as it is read. @example `await idr.tableCsv(15026339).pipeTo(Writable.toWeb(createWriteStream('table.csv')));` */
  tableCsv(id: IdInput<FileId>, options?: TableCsvOptions): ReadableStream<Uint8Array> {
    return tableCsv(this.#ctx, id, options);
  }

  // ---- search --------------------------------------------------------------------------------

  /** Search-engine hits, following its bookmark; zero hits end quietly. @example `for await (const hit of idr.search({ key: 'Gene Symbol', value: 'CDC20' })) console.log(hit.id);` */
  search(query: SearchQuery, options?: SearchOptions): Paged<SearchHit> {
    return search(this.#ctx, query, options);
  }
  /**
   * The search engine's query language: key/value filters joined by AND and OR (each with its
   * operator), hits followed by bookmark; `total()` is the engine's count, from the first page.
   *
   * @example
   * ```ts
   * const hits = idr.query({ and: [{ key: 'Organism', value: 'Homo sapiens' }], or: [[{ key: 'Gene Symbol', value: 'CDC20' }, { key: 'Gene Symbol', value: 'CDK5RAP2' }]] });
   * console.log(await hits.total()); for await (const hit of hits) console.log(hit.id);
   * ```
   */
  query(q: SearchQueryLanguage, options?: SearchOptions): Paged<SearchHit> {
    return query(this.#ctx, q, options);
  }
  /**
   * Export every hit of a query as CSV through the engine's job queue: submit, wait (polled with
   * `poll()`: `interval`, `backoff`, `deadline`), then stream the file.
   *
   * @example
   * ```ts
   * const { stream, total } = await idr.exportQuery({ and: [{ key: 'Gene Symbol', value: 'CDC20' }] }, { deadline: 600_000 });
   * ```
   */
  exportQuery(q: SearchQueryLanguage, options?: ExportQueryOptions): Promise<Download & { queryId: string; total: number | undefined }> {
    return exportQuery(this.#ctx, q, options);
  }
  /** The number of search hits. @example `await idr.searchCount({ key: 'Gene Symbol', value: 'CDK5RAP2' })` */
  searchCount(query: SearchQuery, options?: CallOptions): Promise<number> {
    return searchCount(this.#ctx, query, options);
  }
  /** The studies (screens/projects) holding hits, with image counts; with `study`, only those whose screen or project name contains it. @example `await idr.searchContainers({ key: 'Gene Symbol', value: 'CDC20' })` */
  searchContainers(query: SearchQuery, options?: CallOptions): Promise<SearchContainer[]> {
    return searchContainers(this.#ctx, query, options);
  }
  /** Attribute → studies → screens/projects → plates/datasets → images, each level fetched on demand. @example `const found = await idr.findByAttribute({ key: 'Gene Symbol', value: 'CDC20' });` */
  findByAttribute(query: AttributeQuery, options?: FindByAttributeOptions): Promise<AttributeMatches> {
    return findByAttribute(this.#ctx, this.mapr, query, options);
  }

  // ---- sessions ------------------------------------------------------------------------------

  /** OMERO servers behind this OMERO.web (`/api/v0/servers/`). @example `await idr.servers()` */
  servers(options?: CallOptions): Promise<OmeroServer[]> {
    return servers(this.#ctx, options);
  }
  /**
   * Log in (OMERO.web servers other than IDR, which has no login): CSRF token, then
   * `POST /api/v0/login/` with `X-CSRFToken` and a same-origin `Referer`. Uses the client's
   * `auth` when it is a `sessionAuth()`, installs one when the client has no `auth`, and refuses
   * (ValidationError, before any request) any other `auth`. A refusal by the server throws
   * ForbiddenError whose `serviceMessage` carries its reason.
   *
   * @example
   * ```ts
   * const ctx = await omero.login({ username: 'alice', password: 'secret' }, { timeout: 10_000 });
   * ```
   */
  async login(credentials: LoginCredentials, options?: CallOptions): Promise<EventContext> {
    checkCredentials(credentials);
    let auth = this.#http.auth;
    if (auth === undefined) {
      auth = sessionAuth();
      this.#http.setAuth(auth);
      this.#noRedirect.setAuth(auth); // mapr requests carry the same session
    }
    if (!isSessionAuth(auth))
      throw new ValidationError({ message: `login needs session auth (auth: sessionAuth()) or none; this client has '${auth.kind}' auth`, field: 'auth' });
    return login(this.#ctx, auth, credentials, options);
  }
  /**
   * Log out (`POST webclient/logout/`, CSRF-checked like login): the server ends the session. Its
   * redirect to the login page is not followed.
   *
   * @example
   * ```ts
   * await omero.logout();
   * ```
   */
  logout(options?: CallOptions): Promise<void> {
    return logout(this.#ctx, options);
  }
  /** One keep-alive ping (`webclient/keepalive_ping/`): true while the session lives, false once the server no longer knows it. @example `if (!(await omero.ping())) await omero.login(credentials);` */
  ping(options?: CallOptions): Promise<boolean> {
    return ping(this.#ctx, options);
  }
  /**
   * Keep a long session alive: ping every `interval` ms (default 5 min) until `stop()`, the
   * signal (the option's or the client's) or an expired session (`onExpired`). The timer does not
   * keep Node running; failed pings go to `onError` and the pings go on.
   *
   * @example
   * ```ts
   * const alive = omero.keepAlive({ interval: 120_000, onExpired: () => console.warn('session gone') });
   * // … long work …
   * alive.stop();
   * ```
   */
  keepAlive(options?: KeepAliveOptions): KeepAlive {
    return keepAlive(this.#ctx, options);
  }
  /** The session's cookies (empty without `auth: sessionAuth()` or `login`). @example `idr.sessionCookies().sessionid_idr` */
  sessionCookies(): Record<string, string> {
    const auth = this.#http.auth;
    return isSessionAuth(auth) ? auth.cookies() : {};
  }
}
