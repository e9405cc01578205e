// The client: one object composing the endpoint families (each in its own file).
import { createHttpClient, type HttpClient, type HttpHooks, type RetryOptions, sessionAuth, ValidationError } from '@bio/core-http';
import { type AnnotationOptions, type AnnotationTarget, type FileAnnotationList, fileAnnotations, type MapAnnotationList, mapAnnotations } from './annotations.js';
import { type Capabilities, probeCapabilities } from './capabilities.js';
import { DEFAULT_BASE_URL, DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT_MS, DEFAULT_WEBCLIENT_PAGE_SIZE } from './constants.js';
import { omeroErrorInBody, omeroServiceMessage } from './errors.js';
import { type AttributeMatches, type AttributeQuery, type FindByAttributeOptions, findByAttribute } from './find-by-attribute.js';
import type { AnnotationId, DatasetId, FileId, IdInput, ImageId, PlateId, ProjectId, ScreenId, WellId } from './ids.js';
import type { IdrContext } from './internal/context.js';
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
  listDatasets,
  listImages,
  listPlates,
  listProjects,
  listRois,
  listScreens,
  listWells,
  type PlateFilters,
  type ProjectFilters,
  type RoiFilters,
  type ScreenFilters,
  type WellFilters,
} from './json-api.js';
import { createMaprApi, type MaprApi } from './mapr.js';
import type { Dataset, Image, Plate, Project, Roi, Screen, Well } from './models.js';
import type { ListOptions, PagedList } from './paging.js';
import { type SearchContainer, type SearchHit, type SearchOptions, type SearchQuery, search, searchContainers, searchCount } from './search-engine.js';
import { type EventContext, type LoginOptions, login, type OmeroServer, type SessionStrategy, servers } from './session.js';
import { bulkAnnotations, type TableQueryOptions, type TableResult, table } from './tables.js';
import { type RenderImageOptions, renderImage, type ThumbnailOptions, type ThumbnailsOptions, thumbnail, thumbnailPath, thumbnailStream, thumbnails } from './thumbnails.js';
import { type ImageData, imageData, type PlateGrid, type PlateGridOptions, plateGrid } from './webgateway.js';
import { createWebclientApi, type Download, download, downloadUrl, type PathNode, type PathsToObjectTarget, pathsToObject, type WebclientApi } from './webclient.js';

/**
 * Options of {@link Idr}. Every option has a default suited to the public IDR.
 *
 * @example
 * ```ts
 * const idr = new Idr({ baseUrl: 'https://idr.openmicroscopy.org', concurrency: 4 });
 * ```
 */
export interface IdrOptions {
  /** Any OMERO.web server. Default {@link DEFAULT_BASE_URL}. */
  baseUrl?: string;
  /**
   * Requests in flight at once, across all calls of this client (retries included). A slot is
   * held until the response head arrives; reading a streamed body (`download`) does not hold it.
   * Default 4.
   */
  concurrency?: number;
  /** Per-attempt timeout in ms; longer than OMERO.web's 60 s by default (90 000). */
  timeout?: number | false;
  /**
   * Retries. Default: 2 retries with jittered backoff, on network errors and 502/503/504 only
   * (never on 4xx or 500), honouring `Retry-After`. A number sets `limit`.
   */
  retry?: RetryOptions | number;
  /** Cancels every request of this client. */
  signal?: AbortSignal;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** `User-Agent` (Node only). */
  userAgent?: string;
  /** Injected fetch (tests, proxies). Default: the global fetch, looked up per request. */
  fetch?: typeof fetch;
  /** Request/response/retry hooks (logging, metrics). */
  hooks?: HttpHooks;
  /**
   * Keep a cookie session (and CSRF token) across requests. Optional on IDR (no login there;
   * it saves the server a public-user login per request); needed for {@link Idr.login}. Default false.
   */
  session?: boolean;
  /** `limit` of `webclient/api` lists and annotations. Default 500 (IDR's page size). */
  webclientPageSize?: number;
}

const DEFAULT_RETRY: RetryOptions = { limit: 2, statusCodes: [502, 503, 504], retryOnNetworkError: true };

function retryOptions(retry: RetryOptions | number | undefined): RetryOptions {
  if (retry === undefined) return DEFAULT_RETRY;
  if (typeof retry === 'number') return { ...DEFAULT_RETRY, limit: retry };
  return { ...DEFAULT_RETRY, ...retry };
}

function newSession(): SessionStrategy {
  return sessionAuth({ csrfCookie: 'csrftoken', csrfHeader: 'X-CSRFToken' });
}

/**
 * Client for the Image Data Resource and any OMERO.web server: the JSON API (`/api/v0`), the
 * webclient and webgateway endpoints, the IDR search engine and OMERO.mapr.
 *
 * @example
 * ```ts
 * import { Idr } from '@bio/idr';
 * const idr = new Idr();
 * const study = await idr.mapAnnotations({ screen: 102 });
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
  readonly #http: HttpClient;
  readonly #ctx: IdrContext;
  #session: SessionStrategy | undefined;
  #capabilities: Promise<Capabilities> | undefined;

  constructor(options: IdrOptions = {}) {
    const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    if (!Number.isSafeInteger(concurrency) || concurrency < 1) throw new ValidationError({ message: 'concurrency must be a positive integer', field: 'concurrency' });
    const pageSize = options.webclientPageSize ?? DEFAULT_WEBCLIENT_PAGE_SIZE;
    if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new ValidationError({ message: 'webclientPageSize must be a positive integer', field: 'webclientPageSize' });
    const injected = options.fetch;
    this.baseUrl = baseUrl;
    this.#session = options.session ? newSession() : undefined;
    this.#http = createHttpClient({
      baseUrl: `${baseUrl}/`,
      service: 'idr',
      ...(injected === undefined ? {} : { fetch: injected }),
      maxConcurrency: concurrency,
      timeout: options.timeout ?? DEFAULT_TIMEOUT_MS,
      retry: retryOptions(options.retry),
      arrayFormat: 'repeat',
      serviceMessage: (body) => omeroServiceMessage(body),
      errorInBody: (body) => omeroErrorInBody(body),
      ...(options.headers === undefined ? {} : { headers: options.headers }),
      ...(options.userAgent === undefined ? {} : { userAgent: options.userAgent }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.hooks === undefined ? {} : { hooks: options.hooks }),
      ...(this.#session === undefined ? {} : { auth: this.#session }),
    });
    const http = this.#http;
    this.#ctx = {
      http,
      baseUrl,
      concurrency,
      webclientPageSize: pageSize,
      capabilities: (o = {}) => this.capabilities(o),
      markMaprRemoved: () => {
        const current = this.#capabilities;
        if (current) this.#capabilities = current.then((c) => ({ ...c, mapr: { ...c.mapr, status: 'removed' } }));
      },
    };
    this.webclient = createWebclientApi(this.#ctx);
    this.mapr = createMaprApi(this.#ctx);
  }

  /**
   * Probe (once, then cached) what the server offers: JSON API versions, mapr (available,
   * removed as on IDR, or absent) and the IDR search engine.
   *
   * @example
   * ```ts
   * const caps = await idr.capabilities(); // { apiVersions: ['0'], mapr: { status: 'removed', … }, searchEngine: true }
   * ```
   */
  capabilities(options: { signal?: AbortSignal; refresh?: boolean } = {}): Promise<Capabilities> {
    if (this.#capabilities === undefined || options.refresh) {
      const pending = probeCapabilities(this.#http, options.signal);
      this.#capabilities = pending;
      pending.catch(() => {
        if (this.#capabilities === pending) this.#capabilities = undefined;
      });
    }
    return this.#capabilities;
  }

  // ---- /api/v0 lists -------------------------------------------------------------------

  /** All screens, following offset/limit to `meta.totalCount`. @example `for await (const s of idr.screens()) console.log(s['@id'], s.Name);` */
  screens(filters?: ScreenFilters, options?: ListOptions): PagedList<Screen> {
    return listScreens(this.#ctx, filters, options);
  }
  /** All projects. @example `await idr.projects().toArray({ max: 10 })` */
  projects(filters?: ProjectFilters, options?: ListOptions): PagedList<Project> {
    return listProjects(this.#ctx, filters, options);
  }
  /** Datasets, e.g. of a project. @example `await idr.datasets({ project: 51 }).toArray()` */
  datasets(filters?: DatasetFilters, options?: ListOptions): PagedList<Dataset> {
    return listDatasets(this.#ctx, filters, options);
  }
  /** Plates, e.g. of a screen. @example `await idr.plates({ screen: 102 }).toArray()` */
  plates(filters?: PlateFilters, options?: ListOptions): PagedList<Plate> {
    return listPlates(this.#ctx, filters, options);
  }
  /** Wells of a plate; never-imaged wells have no `WellSamples`. @example `for await (const w of idr.wells({ plate: 2551 })) console.log(w.Row, w.Column);` */
  wells(filters?: WellFilters, options?: ListOptions): PagedList<Well> {
    return listWells(this.#ctx, filters, options);
  }
  /** Images, e.g. of a dataset. @example `await idr.images({ dataset: 51 }).toArray()` */
  images(filters?: ImageFilters, options?: ListOptions): PagedList<Image> {
    return listImages(this.#ctx, filters, options);
  }
  /** ROIs of an image. @example `await idr.rois({ image: 1229801 }).toArray()` */
  rois(filters?: RoiFilters, options?: ListOptions): PagedList<Roi> {
    return listRois(this.#ctx, filters, options);
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
  well(id: IdInput<WellId>, options?: { signal?: AbortSignal }): Promise<Well> {
    return getWell(this.#ctx, id, options);
  }
  /** One image with pixels and channels. @example `(await idr.image(1884807)).Pixels?.SizeC` */
  image(id: IdInput<ImageId>, options?: { signal?: AbortSignal }): Promise<Image> {
    return getImage(this.#ctx, id, options);
  }

  // ---- webclient ----------------------------------------------------------------------------

  /** Map annotations of one or many objects; `toMap()` keeps repeated keys. @example `(await idr.mapAnnotations({ screen: 102 })).toMap().get('Organism')` */
  mapAnnotations(target: AnnotationTarget, options?: AnnotationOptions): Promise<MapAnnotationList> {
    return mapAnnotations(this.#ctx, target, options);
  }
  /** File annotations with absolute download links. @example `(await idr.fileAnnotations({ screen: 206 })).map((a) => a.downloadUrl)` */
  fileAnnotations(target: AnnotationTarget, options?: AnnotationOptions): Promise<FileAnnotationList> {
    return fileAnnotations(this.#ctx, target, options);
  }
  /** Stream an annotation's file; the filename comes from Content-Disposition. @example `const { filename, stream } = await idr.download(8368945);` */
  download(id: IdInput<AnnotationId>, options?: { signal?: AbortSignal }): Promise<Download> {
    return download(this.#ctx, id, options);
  }
  /** The absolute download URL of an annotation's file. @example `idr.downloadUrl(8368945) // 'https://idr.openmicroscopy.org/webclient/annotation/8368945'` */
  downloadUrl(id: IdInput<AnnotationId>): string {
    return downloadUrl(this.#ctx, id);
  }
  /** Every path from the experimenter to the object. @example `await idr.pathsToObject({ image: 1229801 })` */
  pathsToObject(target: PathsToObjectTarget, options?: { signal?: AbortSignal }): Promise<PathNode[][]> {
    return pathsToObject(this.#ctx, target, options);
  }

  // ---- webgateway ---------------------------------------------------------------------------

  /** The plate as a grid of wells for one field. @example `(await idr.plateGrid(4554, { field: 0 })).grid` */
  plateGrid(id: IdInput<PlateId>, options?: PlateGridOptions): Promise<PlateGrid> {
    return plateGrid(this.#ctx, id, options);
  }
  /** imgData: `ok` with sizes and channels, or `pixels-unavailable` when the server could not open the pixels. @example `const d = await idr.imageData(122770); if (d.status === 'ok') d.size.c;` */
  imageData(id: IdInput<ImageId>, options?: { signal?: AbortSignal }): Promise<ImageData> {
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
  thumbnailUrl(id: IdInput<ImageId>, options: { size?: number } = {}): string {
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
  bulkAnnotations(target: { well: IdInput<WellId> }, options?: { signal?: AbortSignal }): Promise<TableResult> {
    return bulkAnnotations(this.#ctx, target, options);
  }
  /** Query an OMERO.table by its file id. @example `await idr.table(15026339, { query: '(Well==45217)' })` */
  table(id: IdInput<FileId>, options?: TableQueryOptions): Promise<TableResult> {
    return table(this.#ctx, id, options);
  }

  // ---- search --------------------------------------------------------------------------------

  /** Search-engine hits, following its bookmark; zero hits end quietly. @example `for await (const hit of idr.search({ key: 'Gene Symbol', value: 'CDC20' })) console.log(hit.id);` */
  search(query: SearchQuery, options?: SearchOptions): PagedList<SearchHit> {
    return search(this.#ctx, query, options);
  }
  /** The number of search hits. @example `await idr.searchCount({ key: 'Gene Symbol', value: 'CDK5RAP2' })` */
  searchCount(query: SearchQuery, options?: { signal?: AbortSignal }): Promise<number> {
    return searchCount(this.#ctx, query, options);
  }
  /** The studies (screens/projects) holding hits, with image counts. @example `await idr.searchContainers({ key: 'Gene Symbol', value: 'CDC20' })` */
  searchContainers(query: SearchQuery, options?: { signal?: AbortSignal }): Promise<SearchContainer[]> {
    return searchContainers(this.#ctx, query, options);
  }
  /** Attribute → studies → screens/projects → plates/datasets → images, each level fetched on demand. @example `const found = await idr.findByAttribute({ key: 'Gene Symbol', value: 'CDC20' });` */
  findByAttribute(query: AttributeQuery, options?: FindByAttributeOptions): Promise<AttributeMatches> {
    return findByAttribute(this.#ctx, this.mapr, query, options);
  }

  // ---- sessions ------------------------------------------------------------------------------

  /** OMERO servers behind this OMERO.web (`/api/v0/servers/`). @example `await idr.servers()` */
  servers(options: { signal?: AbortSignal } = {}): Promise<OmeroServer[]> {
    return servers(this.#ctx, options.signal);
  }
  /**
   * Log in (OMERO.web servers other than IDR, which has no login): CSRF token, then
   * `POST /api/v0/login/` with `X-CSRFToken` and a same-origin `Referer`. Turns the cookie
   * session on. A refusal throws ForbiddenError whose `serviceMessage` carries the server's reason.
   *
   * @example
   * ```ts
   * const ctx = await omero.login({ username: 'alice', password: 'secret' });
   * ```
   */
  login(options: LoginOptions): Promise<EventContext> {
    if (this.#session === undefined) {
      this.#session = newSession();
      this.#http.setAuth(this.#session);
    }
    return login(this.#ctx, this.#session, options);
  }
  /** The session's cookies (empty without `session: true` or `login`). @example `idr.sessionCookies().sessionid` */
  sessionCookies(): Record<string, string> {
    return this.#session?.cookies() ?? {};
  }
}
