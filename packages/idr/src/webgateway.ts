// webgateway JSON views: the plate grid (`/webgateway/plate/{id}/{field}/`) and image
// details (`/webgateway/imgData/{id}/`).
import { type CallOptions, createHttpError, isForbiddenError, isResponseFormatError, isServerError, path, ValidationError } from '@bio/core-http';
import { type IdInput, imageId, type ImageId, type PlateAcquisitionId, plateAcquisitionId, type PlateId, plateId, type WellId } from './ids.js';
import { withCall } from './internal/call.js';
import type { IdrContext } from './internal/context.js';
import { type Exchange, formatError, isObject, jsonOf, unexpectedShape } from './internal/json.js';

/** Options of {@link Idr.plateGrid}. @example `{ field: 0 }` */
export interface PlateGridOptions extends CallOptions {
  /** 0-based WellSample index (the field). Default 0. */
  field?: number | undefined;
  /** Restrict to one plate acquisition (run). */
  acquisition?: IdInput<PlateAcquisitionId> | undefined;
  /** `expand` (IDR default: pad to at least 8×12), `shrink` or `trim`. */
  layout?: 'expand' | 'shrink' | 'trim' | undefined;
  /** Thumbnail size used in `thumbUrl`. */
  size?: number | undefined;
}

/** One imaged well of the grid. @example `cell.thumbUrl` */
export interface PlateGridCell {
  /** 0-based row of the grid (the plate's row, shifted when `layout: 'shrink'` drops leading rows). */
  row: number;
  /** 0-based column of the grid. */
  column: number;
  /** The well's id (`wellId`). */
  wellId: WellId;
  /** The id of the well's image for this field (`id`). */
  imageId: ImageId;
  /** The 0-based field (WellSample index) the image is (`field`; the asked field when the server omits it). */
  field: number;
  /** The image's name (`name`; `''` when the server omits it). */
  name: string;
  /** The image's description (`''` when it has none); absent when the server omits the key. */
  description?: string;
  /** The image owner's `"first last"` name; absent when the server omits the key. */
  author?: string;
  /** Acquisition date (the import date when there is none), Unix seconds. */
  date?: number;
  /** Absolute thumbnail URL (the server sends a server-relative path). */
  thumbUrl: string;
  /** The server-relative path as sent (`/webgateway/render_thumbnail/1938559/`). */
  thumbPath: string;
}

/**
 * The plate as a grid of cells (`null` where the well has no image for the field).
 * Labels follow the plate's naming convention: letters or numbers.
 *
 * @example
 * ```ts
 * const grid = await idr.plateGrid(4554, { field: 0 });
 * grid.grid[0]?.[0]?.imageId;
 * ```
 */
export interface PlateGrid {
  /** The plate asked for. */
  plateId: PlateId;
  /** The 0-based field (WellSample index) the grid shows. */
  field: number;
  /** Row labels, top to bottom (`A`, `B`, … or numbers, per the plate's naming convention). */
  rowlabels: (string | number)[];
  /** Column labels, left to right (`1`, `2`, … or letters). */
  collabels: (string | number)[];
  /** Rows of cells; `null` where the well has no image for the field. */
  grid: (PlateGridCell | null)[][];
  /** `image_sizes`: the width and height in pixels of the grid's first image (one entry, none for an empty grid), to help lay it out. */
  imageSizes?: { x: number; y: number; image_id: number }[];
}

interface RawCell {
  type?: string;
  id: number;
  name?: string;
  description?: string;
  author?: string;
  date?: number;
  wellId: number;
  field?: number;
  thumb_url: string;
}

/** GET `/webgateway/plate/{id}/{field}/[{acquisition}/]`. An unknown plate (the view answers a non-JSON page, often a 500) → NotFoundError. */
export async function plateGrid(ctx: IdrContext, id: IdInput<PlateId>, options: PlateGridOptions = {}): Promise<PlateGrid> {
  const plate = plateId(id, 'plate');
  const field = options.field ?? 0;
  if (!Number.isSafeInteger(field) || field < 0) throw new ValidationError({ message: 'field must be a non-negative integer', field: 'field' });
  const route =
    options.acquisition === undefined
      ? path`webgateway/plate/${plate}/${field}/`
      : path`webgateway/plate/${plate}/${field}/${plateAcquisitionId(options.acquisition, 'acquisition')}/`;
  const searchParams = { layout: options.layout, size: options.size };
  let body: unknown;
  let at: Exchange;
  try {
    ({ body, at } = await jsonOf(ctx.http.get(route, withCall({ searchParams }, options)), 'GET', ctx.http.url(route, searchParams)));
  } catch (error) {
    // The view returns Django's Http404 class instead of raising it: webgateway's @jsonp answers
    // 500 {"message": "Object of type type is not JSON serializable"} (older servers: a non-JSON page).
    const unencodable = isServerError(error) && /is not JSON serializable/i.test(error.serviceMessage ?? '');
    const htmlServerError = isServerError(error) && typeof error.body === 'string' && /<html|<!doctype/i.test(error.body);
    if (unencodable || isResponseFormatError(error) || htmlServerError) {
      throw createHttpError({
        status: 404,
        method: 'GET',
        url: ctx.http.url(route, searchParams),
        service: 'idr',
        serviceMessage: `plate ${plate} not found`,
        cause: error,
      });
    }
    throw error;
  }
  if (!isObject(body) || !Array.isArray(body.grid) || !Array.isArray(body.rowlabels) || !Array.isArray(body.collabels)) {
    throw unexpectedShape('a plate grid ({"rowlabels", "collabels", "grid"})', at, body);
  }
  const grid = (body.grid as (RawCell | null)[][]).map((cells, row) =>
    cells.map((cell, column): PlateGridCell | null => {
      if (cell === null || !isObject(cell)) return null;
      const out: PlateGridCell = {
        row,
        column,
        wellId: cell.wellId as WellId,
        imageId: cell.id as ImageId,
        field: cell.field ?? field,
        name: cell.name ?? '',
        thumbUrl: ctx.http.url(cell.thumb_url),
        thumbPath: cell.thumb_url,
      };
      if (cell.description !== undefined) out.description = cell.description;
      if (cell.author !== undefined) out.author = cell.author;
      if (cell.date !== undefined) out.date = cell.date;
      return out;
    }),
  );
  const result: PlateGrid = { plateId: plate, field, rowlabels: body.rowlabels as (string | number)[], collabels: body.collabels as (string | number)[], grid };
  if (Array.isArray(body.image_sizes)) result.imageSizes = body.image_sizes as { x: number; y: number; image_id: number }[];
  return result;
}

/** `meta` of imgData. @example `data.meta.imageName` */
export interface ImageDataMeta {
  /** The image's name (`''` when it has none). */
  imageName: string;
  /** The image's description (`''` when it has none). */
  imageDescription?: string;
  /** The owner's `"first last"` name (`Public data` on IDR). */
  imageAuthor?: string;
  /** The project's name, or `Multiple` when the image is not in exactly one dataset with one project. */
  projectName?: string;
  /** The project's id; null when `projectName` is `Multiple`. */
  projectId?: number | null;
  /** The project's description (`''` when none). */
  projectDescription?: string;
  /** The dataset's name, or `Multiple` when the image is not in exactly one dataset (e.g. a plate image). */
  datasetName?: string;
  /** The dataset's id; null when `datasetName` is `Multiple`. */
  datasetId?: number | null;
  /** The dataset's description (`''` when none). */
  datasetDescription?: string;
  /** The WellSample's id for a plate image, else `''`. */
  wellSampleId?: number | string;
  /** The well's id for a plate image, else `''`. */
  wellId?: number | string | null;
  /** Acquisition date (the import date when there is none), Unix seconds. */
  imageTimestamp?: number;
  /** The image's id. */
  imageId: number;
  /** The pixel type, e.g. `uint16`. */
  pixelsType?: string;
  /** OMERO's `archived` flag of the image (`false` when not set). */
  imageArchived?: boolean;
}

/** One channel's rendering settings. @example `data.channels.map((c) => c.label)` */
export interface ImageDataChannel {
  /** The channel's name, else its emission wavelength, else its index, e.g. `DAPI`. */
  label: string;
  /** Rendering colour as hex RGB without `#`, e.g. `FF0000`. */
  color: string;
  /** Whether the channel is on in the default rendering. */
  active: boolean;
  /** Emission wavelength in nm; null when not recorded. */
  emissionWave?: number | null;
  /** Whether the intensities are rendered inverted. */
  inverted?: boolean;
  /** Same as `inverted` (the server's older, deprecated name). */
  reverseIntensity?: boolean;
  /** The mapping curve: `linear`, `polynomial`, `exponential` or `logarithmic`; null when the rendering settings have none. */
  family?: string | null;
  /** The curve's coefficient (1 for `linear`); null when the rendering settings have none. */
  coefficient?: number | null;
  /** The lookup table rendering the channel (e.g. `cool.lut`); absent when it uses `color`. */
  lut?: string;
  /** `min`/`max`: the channel's pixel range; `start`/`end`: the rendering window within it. */
  window: { min: number; max: number; start: number; end: number };
}

/**
 * imgData when the pixels could be read.
 *
 * @example
 * ```ts
 * const d = await idr.imageData(122770);
 * if (d.status === 'ok') console.log(d.size.width, d.channels.length);
 * ```
 */
export interface ImageDataOk {
  /** Set by this client: the pixels could be read. */
  status: 'ok';
  /** The image asked for. */
  id: ImageId;
  /** Names, containers, date and pixel type. */
  meta: ImageDataMeta;
  /** What the caller may do: `canAnnotate`, `canEdit`, `canDelete`, `canLink`. */
  perms?: Record<string, boolean>;
  /** Whether the viewer should load the image as tiles (large, pyramidal images). */
  tiles?: boolean;
  /** Whether the viewer should interpolate pixels when zooming (the server's viewer setting). */
  interpolate?: boolean;
  /** Dimensions: width and height in pixels, and the number of z-planes, timepoints and channels. */
  size: { width: number; height: number; z: number; t: number; c: number };
  /** Pixel size in µm along x, y and z; null where unknown. */
  pixel_size?: { x: number | null; y: number | null; z: number | null };
  /** The viewer's initial zoom level (the server's viewer setting). */
  init_zoom?: number;
  /** `[min, max]` the pixel type can hold, e.g. `[0, 65535]` for `uint16` (`[0, 0]` when the pixel data is bad). */
  pixel_range?: [number, number];
  /** The objective's nominal magnification; absent when not recorded. */
  nominalMagnification?: number;
  /** Rendering settings, one per channel; empty when the pixel data is bad or missing. */
  channels: ImageDataChannel[];
  /** Layout hints of the split-channel view (`g` greyscale, `c` colour), as sent; `[]` when the pixel data is bad or missing. */
  split_channel?: Record<string, unknown> | [];
  /** The default rendering: colour `model` (`color` or `greyscale`), `projection`, default z and t (0-based), `invertAxis`. */
  rdefs?: { model?: string; projection?: string; defaultZ?: number; defaultT?: number; invertAxis?: boolean };
  /** Tiled (pyramidal) images only. */
  tile_size?: { width: number; height: number };
  /** Tiled images only: the number of resolution levels. */
  levels?: number;
  /** Tiled images only: each level's size in pixels, keyed by level index (`0` = full resolution). */
  resolutions?: Record<string, { sizeX: number; sizeY: number }>;
  /** Tiled images only: each level's width relative to the full resolution, keyed by level index. */
  zoomLevelScaling?: Record<string, number>;
}

/**
 * imgData when the server could not open the pixels (HTTP 200 with an `Exception` key, as
 * IDR answers while pixels move to OME-Zarr). Use `idr.image(id)` for dimensions.
 *
 * @example
 * ```ts
 * if (d.status === 'pixels-unavailable') console.warn(d.exception);
 * ```
 */
export interface ImageDataUnavailable {
  /** Set by this client: the server could not open the pixels. */
  status: 'pixels-unavailable';
  /** The image asked for. */
  id: ImageId;
  /** Names, containers, date and pixel type, when the server sent them. */
  meta?: ImageDataMeta;
  /** What the caller may do, when the server sent it. */
  perms?: Record<string, boolean>;
  /**
   * The server's `Exception` text, e.g. `Error instantiating pixel buffer…`; `ConcurrencyException`
   * when the server is still building the image's pyramid (see `backOff`); `''` when its rendering
   * engine could not be prepared and it gave no reason (it then sends only `meta` and `perms`).
   */
  exception: string;
  /** With a `ConcurrencyException`: the milliseconds the server asks to wait before asking again. */
  backOff?: number;
}

/** The result of {@link Idr.imageData}. @example `if (d.status === 'ok') d.size` */
export type ImageData = ImageDataOk | ImageDataUnavailable;

/** GET `/webgateway/imgData/{id}/`. On IDR a missing or private image is a 403 with an empty body. */
export async function imageData(ctx: IdrContext, id: IdInput<ImageId>, options?: CallOptions): Promise<ImageData> {
  const image = imageId(id, 'image');
  const route = path`webgateway/imgData/${image}/`;
  let body: unknown;
  let at: Exchange;
  try {
    ({ body, at } = await jsonOf(ctx.http.get(route, withCall({}, options)), 'GET', ctx.http.url(route)));
  } catch (error) {
    // For the public user (always on IDR) a missing image is a 403 with an empty body.
    if (isForbiddenError(error) && (error.body === undefined || error.body === null || error.body === ''))
      throw createHttpError({ status: 404, method: 'GET', url: ctx.http.url(route), service: 'idr', serviceMessage: `image ${image} not found`, cause: error });
    throw error;
  }
  if (!isObject(body)) throw unexpectedShape('an imgData object', at, body);
  // imageMarshal answers 200 without pixel data in three ways: `Exception` (the pixels could not be
  // opened), `{"ConcurrencyException": {"backOff": ms}}` alone (a pyramid still being built), or only
  // `id`/`meta`/`perms` (the rendering engine could not be prepared).
  const busy = isObject(body.ConcurrencyException) ? body.ConcurrencyException : undefined;
  const bare = body.size === undefined && body.channels === undefined && isObject(body.meta);
  if (typeof body.Exception === 'string' || busy !== undefined || bare) {
    const exception = typeof body.Exception === 'string' ? body.Exception : busy !== undefined ? 'ConcurrencyException' : '';
    const out: ImageDataUnavailable = { status: 'pixels-unavailable', id: image, exception };
    if (busy !== undefined && typeof busy.backOff === 'number') out.backOff = busy.backOff;
    if (isObject(body.meta)) out.meta = body.meta as unknown as ImageDataMeta;
    if (isObject(body.perms)) out.perms = body.perms as Record<string, boolean>;
    return out;
  }
  if (!isObject(body.size) || !Array.isArray(body.channels) || !isObject(body.meta)) {
    throw formatError(at, 'imgData without size/channels/meta');
  }
  return { ...(body as unknown as Omit<ImageDataOk, 'status'>), status: 'ok', id: image };
}
