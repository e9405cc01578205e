// The `webclient/api` tree lists (page/limit, no totals: iterate until a short page),
// `paths_to_object`, and annotation downloads (`/webclient/annotation/{id}/`).
import { type CallOptions, isNotFoundError, type Paged, path, type QueryValue } from '@bio/core-http';
import type { IdrListOptions } from './list-options.js';
import {
  type AnnotationId,
  annotationId,
  type DatasetId,
  datasetId,
  type ExperimenterId,
  type IdInput,
  type ImageId,
  type PlateAcquisitionId,
  type PlateId,
  type ProjectId,
  projectId,
  type RoiId,
  type ScreenId,
  screenId,
  type WellId,
} from './ids.js';
import { withCall } from './internal/call.js';
import type { IdrContext } from './internal/context.js';
import { arrayAt, type Exchange, formatError, isObject, jsonOf, unexpectedShape } from './internal/json.js';
import { apiObject } from './json-api.js';
import { itemsAt, pageLimitList } from './internal/page-limit.js';
import type { Roi } from './models.js';
import { singleTarget } from './internal/targets.js';

/** Fields every webclient tree node carries. @example `plate.childCount` */
export interface WebclientNode<I extends number> {
  /** The object's id. */
  id: I;
  /** The object's name. */
  name: string;
  /** The owner's experimenter id. */
  ownerId?: ExperimenterId;
  /** CSS class names describing the permissions, e.g. `"canEdit canAnnotate isOwned"`. */
  permsCss?: string;
  /** Number of children (plates: acquisitions or images; datasets: images). */
  childCount?: number;
}
/** A plate from `webclient/api/plates/?id={screen}`. @example `for await (const p of idr.webclient.plates({ screen: 102 })) console.log(p.id, p.name, p.childCount);` */
export type WebclientPlate = WebclientNode<PlateId>;
/** A dataset from `webclient/api/datasets/?id={project}`. @example `idr.webclient.datasets({ project: 51 })` */
export type WebclientDataset = WebclientNode<DatasetId>;
/** An image from `webclient/api/images/?id={dataset}`. Size fields only with `sizeXYZ: true`. @example `idr.webclient.images({ dataset: 51 }, { sizeXYZ: true })` */
export interface WebclientImage extends WebclientNode<ImageId> {
  /** The id of the fileset the image was imported with; absent when it has none. */
  filesetId?: number;
  /** OMERO's `archived` flag of the image (false when not set). */
  archived?: boolean;
  /** Width in pixels; only with `sizeXYZ: true`. */
  sizeX?: number;
  /** Height in pixels; only with `sizeXYZ: true`. */
  sizeY?: number;
  /** Number of z-planes; only with `sizeXYZ: true`. */
  sizeZ?: number;
  /** When the image was imported (its creation event), ISO 8601 in the server's time zone with a `Z` appended; only with `date: true`. */
  date?: string;
  /** When the image was acquired, written as `date` is; only with `date: true`, and only when the image has an acquisition date. */
  acqDate?: string;
  /** The version of the image's thumbnail (to build cache-safe thumbnail URLs); only with `thumbVersion: true`. */
  thumbVersion?: number;
}

/** Extra fields of {@link WebclientApi.images}. @example `{ sizeXYZ: true, date: true }` */
export interface WebclientImageFields {
  /** Add `sizeX`, `sizeY`, `sizeZ` (sent as `sizeXYZ=true`). Default false. */
  sizeXYZ?: boolean | undefined;
  /** Add `date`, the import time, and `acqDate`, the acquisition date where there is one (sent as `date=true`). Default false. */
  date?: boolean | undefined;
  /** Add `thumbVersion` (sent as `thumbVersion=true`). Default false. */
  thumbVersion?: boolean | undefined;
}

/** Iterate a `webclient/api` list with `page`/`limit` until a short (or empty) page. */
export function webclientList<T>(ctx: IdrContext, route: string, key: string, params: Record<string, QueryValue>, options: IdrListOptions = {}): Paged<T> {
  return pageLimitList<T>(ctx, route, params, options, itemsAt<T>(key));
}

/**
 * The webclient's own tree lists (what IDR's web UI uses). Lighter than `/api/v0` lists
 * (`id`, `name`, `childCount`), paged with `page`/`limit` until a short page.
 *
 * @example
 * ```ts
 * for await (const p of idr.webclient.plates({ screen: 102 })) console.log(p.id, p.name);
 * ```
 */
export interface WebclientApi {
  /** Plates of a screen. @example `await idr.webclient.plates({ screen: 102 }).toArray()` */
  plates(parent: { screen: IdInput<ScreenId> }, options?: IdrListOptions): Paged<WebclientPlate>;
  /** Datasets of a project. @example `await idr.webclient.datasets({ project: 51 }).toArray()` */
  datasets(parent: { project: IdInput<ProjectId> }, options?: IdrListOptions): Paged<WebclientDataset>;
  /** Images of a dataset. @example `await idr.webclient.images({ dataset: 51 }, { sizeXYZ: true }).toArray()` */
  images(parent: { dataset: IdInput<DatasetId> }, options?: IdrListOptions & WebclientImageFields): Paged<WebclientImage>;
}

export function createWebclientApi(ctx: IdrContext): WebclientApi {
  return {
    plates: (parent, options) => webclientList<WebclientPlate>(ctx, 'webclient/api/plates/', 'plates', { id: screenId(parent.screen, 'screen') }, options),
    datasets: (parent, options) =>
      webclientList<WebclientDataset>(ctx, 'webclient/api/datasets/', 'datasets', { id: projectId(parent.project, 'project') }, options),
    images: (parent, options = {}) =>
      webclientList<WebclientImage>(
        ctx,
        'webclient/api/images/',
        'images',
        { id: datasetId(parent.dataset, 'dataset'), sizeXYZ: options.sizeXYZ, date: options.date, thumbVersion: options.thumbVersion },
        options,
      ),
  };
}

/**
 * One step of a path: `{ type: 'screen', id: 102 }`. OMERO.web (webclient/show.py `paths_to_object`)
 * sends only `type` and `id`, except on the `dataset` and `orphaned` nodes of a path to an image,
 * which also say where the image sits among their children (to open the right page of the tree).
 *
 * @example `path.map((n) => `${n.type}:${n.id}`).join(' › ')`
 */
export interface PathNode {
  /**
   * The kind of object at this step; a path starts at `experimenter`. A path to an image in a well
   * goes through `well` and `wellsample` (the field); a path to an image in no dataset and no well
   * goes through `orphaned`, whose id is the owner's experimenter id.
   */
  type:
    | 'experimenter'
    | 'project'
    | 'dataset'
    | 'screen'
    | 'plate'
    | 'acquisition'
    | 'well'
    | 'wellsample'
    | 'image'
    | 'roi'
    | 'shape'
    | 'orphaned'
    | (string & {});
  /** The object's id (of the kind `type` says; for `orphaned`, the owner's experimenter id). */
  id: number;
  /** The object's name, when the server sends one (OMERO.web's `paths_to_object` sends none). */
  name?: string;
  /**
   * Number of children. On a `dataset` node of a path to an image: always, the dataset's image
   * count. On an `orphaned` node: only when the orphaned images outnumber the page size.
   */
  childCount?: number;
  /**
   * 0-based position of the image among the node's images, ordered by lower-case name then id.
   * Only on a `dataset` or `orphaned` node of a path to an image, and only when that node holds
   * more images than the page size (`omero.web.page_size`, 500 on IDR).
   */
  childIndex?: number;
  /**
   * 1-based page of the tree (pages of `omero.web.page_size` images) holding the image; sent
   * together with `childIndex`.
   */
  childPage?: number;
}

/** Which object to locate. Exactly one key. @example `{ image: 1229801 }` */
export type PathsToObjectTarget =
  | {
      /** Locate this image (`image=`). */
      image: IdInput<ImageId>;
    }
  | {
      /** Locate this dataset (`dataset=`). */
      dataset: IdInput<DatasetId>;
    }
  | {
      /** Locate this project (`project=`). */
      project: IdInput<ProjectId>;
    }
  | {
      /** Locate this screen (`screen=`). */
      screen: IdInput<ScreenId>;
    }
  | {
      /** Locate this plate (`plate=`). */
      plate: IdInput<PlateId>;
    }
  | {
      /** Locate this plate acquisition (run) (`acquisition=`). */
      acquisition: IdInput<PlateAcquisitionId>;
    }
  | {
      /**
       * Locate this well (`well=`). OMERO.web (show.py `paths_to_well_image`) answers one path per
       * field (well sample), each ending at the plate acquisition: the well itself is not in them.
       */
      well: IdInput<WellId>;
    }
  | {
      /**
       * Locate this ROI: the paths to its image, each followed by `{ type: 'roi', id }`; `[]` for an
       * unknown ROI. Two requests: `/api/v0/m/rois/{id}/` for the ROI's first shape, then
       * `paths_to_object/?shape={shapeId}` (its trailing shape node dropped). OMERO.web's own
       * `?roi=` answers 500 for an ROI on an image in a well, where almost all of IDR's ROIs are.
       * An ROI without shapes, or one `/api/v0` does not find, is asked for as `?roi={id}` and ends
       * as the server answers that.
       */
      roi: IdInput<RoiId>;
    };

const PATH_TARGET_KEYS = ['image', 'dataset', 'project', 'screen', 'plate', 'acquisition', 'well', 'roi'] as const;

/**
 * GET `webclient/api/paths_to_object/?{type}={id}` → every path from the experimenter down to the object.
 * An image in a well: experimenter, screen, plate, acquisition, well, `wellsample`, image; in a
 * dataset, the dataset node carries `childCount` (and `childIndex`/`childPage` when paged).
 *
 * An ROI takes two requests. OMERO.web's own `?roi=` fails (a 500) for an ROI on an image in a well,
 * which is where almost all of IDR's ROIs are: show.py `paths_to_object` keeps the ROI's image id as
 * `roi.image.id`, an RLong it never unwraps, and `paths_to_well_image` puts it into the answer,
 * which Django cannot encode as JSON. Its `?shape=` path unwraps both ids
 * (`get_image_roi_id_for_shape`) and ends with the ROI then the shape. So: GET
 * `/api/v0/m/rois/{id}/` for the ROI's first shape, then `paths_to_object/?shape={shapeId}`, and
 * drop the trailing shape node. An ROI without shapes, or one `/api/v0` does not find (404), is
 * asked for as `?roi={id}`: the server answers that as it does (`{"paths": []}` for an unknown ROI,
 * its 500 for a shapeless ROI on a well image).
 */
export async function pathsToObject(ctx: IdrContext, target: PathsToObjectTarget, options?: CallOptions): Promise<PathNode[][]> {
  const [key, id] = singleTarget(target, PATH_TARGET_KEYS, 'pathsToObject');
  if (key === 'roi') return pathsToRoi(ctx, id as RoiId, options);
  return askPaths(ctx, key, id, options);
}

/** GET `webclient/api/paths_to_object/?{key}={id}` → its `paths`, and the exchange they came from. */
async function askPathsAt(ctx: IdrContext, key: string, id: number, options: CallOptions | undefined): Promise<{ paths: PathNode[][]; at: Exchange }> {
  const route = 'webclient/api/paths_to_object/';
  const { body, at } = await jsonOf(ctx.http.get(route, withCall({ searchParams: { [key]: id } }, options)), 'GET', ctx.http.url(route, { [key]: id }));
  return { paths: arrayAt<PathNode[]>(body, 'paths', at), at };
}

/** GET `webclient/api/paths_to_object/?{key}={id}` → its `paths`. */
async function askPaths(ctx: IdrContext, key: string, id: number, options: CallOptions | undefined): Promise<PathNode[][]> {
  return (await askPathsAt(ctx, key, id, options)).paths;
}

/** The ROI's paths through its first shape (see {@link pathsToObject}); `?roi=` when it has none or `/api/v0` finds no such ROI. */
async function pathsToRoi(ctx: IdrContext, roi: RoiId, options: CallOptions | undefined): Promise<PathNode[][]> {
  let shape: number | undefined;
  try {
    // omero-marshal's ROI encoder sends `shapes` only when there are some, and no image id.
    const found = await apiObject<Partial<Roi>>(ctx, path`api/v0/m/rois/${roi}/`, {}, options);
    shape = found.shapes?.find((s) => isObject(s) && typeof s['@id'] === 'number')?.['@id'];
  } catch (error) {
    // Not found there: ask paths_to_object itself, whose answer (`[]` for an unknown ROI) is returned as it is.
    if (!isNotFoundError(error)) throw error;
  }
  if (shape === undefined) return askPaths(ctx, 'roi', roi, options);
  const { paths, at } = await askPathsAt(ctx, 'shape', shape, options);
  return paths.map((p) => {
    const [roiNode, shapeNode] = Array.isArray(p) ? p.slice(-2) : [];
    if (!isObject(roiNode) || roiNode.type !== 'roi' || roiNode.id !== roi || !isObject(shapeNode) || shapeNode.type !== 'shape' || shapeNode.id !== shape) {
      throw unexpectedShape(`paths ending with {"type": "roi", "id": ${roi}}, {"type": "shape", "id": ${shape}}`, at, p);
    }
    return p.slice(0, -1);
  });
}

/** A download in progress: the body as a stream plus what the headers say about it. @example `const { filename, stream } = await idr.download(8368945);` */
export interface Download {
  /** From `Content-Disposition` (`attachment; filename=…`), else the last path segment. */
  filename: string;
  /** From `Content-Type` (`application/force-download` for `/webclient/annotation/{id}/`), when sent. */
  contentType: string | undefined;
  /** From `Content-Length`, when sent. */
  size: number | undefined;
  /** The body; read it once. */
  stream: ReadableStream<Uint8Array>;
}

/**
 * Parse `filename*=UTF-8''…` or `filename="…"`/`filename=…` out of a Content-Disposition header.
 *
 * @example
 * ```ts
 * filenameFromContentDisposition('attachment; filename=bulk_annotations'); // 'bulk_annotations'
 * ```
 */
export function filenameFromContentDisposition(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      return star[1].trim();
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  const value = plain?.[2] ?? plain?.[1];
  return value?.trim() || undefined;
}

/**
 * The absolute URL of `/webclient/annotation/{id}/`. OMERO.web's route (webclient/urls.py
 * `download_annotation`) ends with a slash; the form without it, which the IDR tutorial prints as
 * "Download URL", only reaches the file through Django's 301 to this one.
 */
export function downloadUrl(ctx: IdrContext, id: IdInput<AnnotationId>): string {
  return ctx.http.url(path`webclient/annotation/${annotationId(id)}/`);
}

/** GET `/webclient/annotation/{id}/` → a stream, the filename from Content-Disposition. HTML (a redirect to a page, an error page) → ResponseFormatError. */
export async function download(ctx: IdrContext, id: IdInput<AnnotationId>, options?: CallOptions): Promise<Download> {
  const route = path`webclient/annotation/${annotationId(id)}/`;
  const response = await ctx.http.get(route, withCall({}, options));
  const at = { method: 'GET', url: ctx.http.url(route), status: response.status };
  const contentType = response.headers.get('content-type') ?? undefined;
  if (contentType?.includes('text/html')) {
    const text = await response.text();
    throw formatError(at, 'expected a file download, got an HTML page', { contentType, snippet: text.slice(0, 300) });
  }
  if (!response.body) throw formatError(at, 'empty download');
  const length = response.headers.get('content-length');
  return {
    filename: filenameFromContentDisposition(response.headers.get('content-disposition')) ?? `annotation-${id}`,
    contentType,
    size: length === null || !/^\d+$/.test(length) ? undefined : Number(length),
    stream: response.body,
  };
}
