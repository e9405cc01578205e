// `webclient/api/annotations/?type=map|file&{screen|image|…}={id}` (many ids at once),
// paged with page/limit until a short page.
import { collect, paginatePages, type QueryValue } from '@bio/core-http';
import {
  type AnnotationId,
  datasetId,
  type DatasetId,
  type ExperimenterId,
  type FileId,
  type IdInput,
  imageId,
  type ImageId,
  plateAcquisitionId,
  type PlateAcquisitionId,
  plateId,
  type PlateId,
  projectId,
  type ProjectId,
  screenId,
  type ScreenId,
  wellId,
  type WellId,
} from './ids.js';
import { type IdrContext, withSignal } from './internal/context.js';
import { arrayAt, isObject } from './internal/json.js';
import { multiTarget } from './internal/targets.js';
import { downloadUrl } from './webclient.js';

type OneOrMany<T> = T | readonly T[];

/**
 * The objects whose annotations to fetch; each key takes one id or several (one request for all).
 *
 * @example
 * ```ts
 * await idr.mapAnnotations({ screen: 102 });
 * await idr.mapAnnotations({ image: [122770, 1229801] });
 * ```
 */
export interface AnnotationTarget {
  screen?: OneOrMany<IdInput<ScreenId>>;
  plate?: OneOrMany<IdInput<PlateId>>;
  acquisition?: OneOrMany<IdInput<PlateAcquisitionId>>;
  well?: OneOrMany<IdInput<WellId>>;
  project?: OneOrMany<IdInput<ProjectId>>;
  dataset?: OneOrMany<IdInput<DatasetId>>;
  image?: OneOrMany<IdInput<ImageId>>;
}

const TARGETS = { screen: screenId, plate: plateId, acquisition: plateAcquisitionId, well: wellId, project: projectId, dataset: datasetId, image: imageId } as const;

/** Options of the annotation calls. @example `{ ns: 'idr.openmicroscopy.org/study/info' }` */
export interface AnnotationOptions {
  /** Only annotations in this namespace. */
  ns?: string;
  /** Items per request (default: the client's `webclientPageSize`). */
  pageSize?: number;
  signal?: AbortSignal;
}

/** The object an annotation is linked to. @example `ann.parent.class === 'ScreenI'` */
export interface AnnotationParent {
  id: number;
  /** OMERO class name: `ScreenI`, `PlateI`, `WellI`, `ImageI`, `ProjectI`, `DatasetI`. */
  class: string;
  /** Well names are built like `"O2"`. */
  name?: string;
}

/** Fields common to every annotation of `webclient/api/annotations/`. @example `ann.ns` */
export interface AnnotationBase {
  id: AnnotationId;
  ns: string | null;
  name?: string | null;
  description?: string | null;
  owner?: { id: ExperimenterId };
  date?: string;
  permissions?: { canDelete?: boolean; canAnnotate?: boolean; canLink?: boolean; canEdit?: boolean; canDownload?: boolean };
  link?: { id: number; owner?: { id: ExperimenterId }; date?: string; permissions?: Record<string, boolean>; parent: AnnotationParent };
  class: string;
}

/**
 * A map annotation: `values` is a list of `[key, value]` pairs and **keys repeat**
 * (several `Phenotype` rows on one image).
 *
 * @example
 * ```ts
 * for (const [key, value] of ann.values) console.log(key, value);
 * ```
 */
export interface MapAnnotation extends AnnotationBase {
  class: 'MapAnnotationI';
  values: [string, string][];
  /** `link.parent`, hoisted. */
  parent: AnnotationParent | undefined;
}

/** The file behind a file annotation. @example `ann.file.name` */
export interface AnnotationFile {
  id: FileId;
  name: string;
  size?: number;
  path?: string;
  mimetype?: string | null;
}

/** A file annotation with its absolute download link. @example `console.log(ann.file.name, ann.downloadUrl)` */
export interface FileAnnotation extends AnnotationBase {
  class: 'FileAnnotationI';
  file: AnnotationFile;
  parent: AnnotationParent | undefined;
  /** `…/webclient/annotation/{id}` — stream it with `idr.download(ann.id)`. */
  downloadUrl: string;
}

/** An experimenter listed next to the annotations. @example `list.experimenters[0]?.omeName` */
export interface AnnotationExperimenter {
  id: ExperimenterId;
  omeName?: string;
  firstName?: string;
  lastName?: string;
}

/**
 * Map annotations as an array, with the experimenters of the response and `toMap()`.
 *
 * @example
 * ```ts
 * const anns = await idr.mapAnnotations({ screen: 102 });
 * anns.toMap().get('Organism'); // ['Homo sapiens']
 * ```
 */
export interface MapAnnotationList extends Array<MapAnnotation> {
  experimenters: AnnotationExperimenter[];
  /** All key/value pairs of every annotation, keys kept with all their values in order. */
  toMap(): Map<string, string[]>;
}

/** File annotations as an array, with the experimenters of the response. @example `(await idr.fileAnnotations({ screen: 206 })).map((a) => a.downloadUrl)` */
export interface FileAnnotationList extends Array<FileAnnotation> {
  experimenters: AnnotationExperimenter[];
}

/**
 * Merge the pairs of one or many map annotations into a `Map` that keeps repeated keys.
 *
 * @example
 * ```ts
 * toMap(await idr.mapAnnotations({ image: 122770 })).get('Phenotype'); // ['…', '…']
 * ```
 */
export function toMap(annotations: MapAnnotation | readonly MapAnnotation[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const list = Array.isArray(annotations) ? (annotations as readonly MapAnnotation[]) : [annotations as MapAnnotation];
  for (const ann of list) {
    for (const [key, value] of ann.values) {
      const values = out.get(key);
      if (values) values.push(value);
      else out.set(key, [value]);
    }
  }
  return out;
}

interface RawPage {
  annotations: AnnotationBase[];
  experimenters: AnnotationExperimenter[];
}

async function fetchAnnotations(ctx: IdrContext, type: 'map' | 'file', target: AnnotationTarget, options: AnnotationOptions): Promise<RawPage> {
  const ids = multiTarget(target, TARGETS, `${type}Annotations`);
  const limit = options.pageSize ?? ctx.webclientPageSize;
  const route = 'webclient/api/annotations/';
  const experimenters = new Map<number, AnnotationExperimenter>();
  const pages = paginatePages<AnnotationBase>(
    async ({ page, signal }) => {
      const searchParams: Record<string, QueryValue> = { type, ns: options.ns, ...ids, page, limit };
      const body = await ctx.http.get(route, withSignal({ searchParams, arrayFormat: 'repeat' as const }, signal)).json<unknown>();
      const url = ctx.http.url(route, searchParams);
      const items = arrayAt<AnnotationBase>(body, 'annotations', url);
      if (isObject(body) && Array.isArray(body.experimenters)) {
        for (const e of body.experimenters as AnnotationExperimenter[]) experimenters.set(e.id, e);
      }
      return { items, last: items.length < limit };
    },
    { firstPage: 1, ...(options.signal === undefined ? {} : { signal: options.signal }) },
  );
  const annotations = await collect(pages);
  return { annotations, experimenters: [...experimenters.values()] };
}

/** GET `webclient/api/annotations/?type=map&…` for every page. */
export async function mapAnnotations(ctx: IdrContext, target: AnnotationTarget, options: AnnotationOptions = {}): Promise<MapAnnotationList> {
  const raw = await fetchAnnotations(ctx, 'map', target, options);
  const list = raw.annotations
    .filter((a) => a.class === 'MapAnnotationI' || Array.isArray((a as { values?: unknown }).values))
    .map((a) => ({ ...a, values: ((a as { values?: [string, string][] }).values ?? []).map(([k, v]) => [k, v] as [string, string]), parent: a.link?.parent }) as MapAnnotation);
  const out = list as MapAnnotationList;
  Object.defineProperty(out, 'experimenters', { value: raw.experimenters, enumerable: false });
  Object.defineProperty(out, 'toMap', { value: () => toMap(list), enumerable: false });
  return out;
}

/** GET `webclient/api/annotations/?type=file&…` for every page; each item gets its `downloadUrl`. */
export async function fileAnnotations(ctx: IdrContext, target: AnnotationTarget, options: AnnotationOptions = {}): Promise<FileAnnotationList> {
  const raw = await fetchAnnotations(ctx, 'file', target, options);
  const list = raw.annotations
    .filter((a) => isObject((a as { file?: unknown }).file))
    .map((a) => ({ ...a, parent: a.link?.parent, downloadUrl: downloadUrl(ctx, a.id) }) as FileAnnotation);
  const out = list as FileAnnotationList;
  Object.defineProperty(out, 'experimenters', { value: raw.experimenters, enumerable: false });
  return out;
}
