// `webclient/api/annotations/?type=map|file&{screen|image|…}={id}` (many ids at once),
// paged with page/limit until a short page.
import { type Paged, paged } from '@bio/core-http';
import type { IdrListOptions } from './list-options.js';
import type { AnnotationId, DatasetId, ExperimenterId, FileId, IdInput, ImageId, PlateAcquisitionId, PlateId, ProjectId, ScreenId, WellId } from './ids.js';
import type { IdrContext } from './internal/context.js';
import { arrayAt, type Exchange, isObject } from './internal/json.js';
import { pageLimitList } from './internal/page-limit.js';
import { multiTarget } from './internal/targets.js';
import { withProgress } from './internal/progress.js';
import { callSignal } from './internal/signal.js';
import { splitIdGroups } from './internal/url-split.js';
import { downloadUrl } from './webclient.js';

/** One value or several (a target may name one object or a list of them). */
export type OneOrMany<T> = T | readonly T[];

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
  /** Screen id(s) (sent as repeated `screen=`). */
  screen?: OneOrMany<IdInput<ScreenId>>;
  /** Plate id(s) (`plate=`). */
  plate?: OneOrMany<IdInput<PlateId>>;
  /** Plate acquisition (run) id(s) (`acquisition=`). */
  acquisition?: OneOrMany<IdInput<PlateAcquisitionId>>;
  /** Well id(s) (`well=`); on IDR a screen's per-well annotations sit on its wells. */
  well?: OneOrMany<IdInput<WellId>>;
  /** Project id(s) (`project=`). */
  project?: OneOrMany<IdInput<ProjectId>>;
  /** Dataset id(s) (`dataset=`). */
  dataset?: OneOrMany<IdInput<DatasetId>>;
  /** Image id(s) (`image=`). */
  image?: OneOrMany<IdInput<ImageId>>;
}

const TARGET_KEYS = ['screen', 'plate', 'acquisition', 'well', 'project', 'dataset', 'image'] as const;

/**
 * Options of the annotation calls: an {@link IdrListOptions} (`max`, `pageSize` — default the
 * client's `webclientPageSize` —, `signal`, `timeout`) and a namespace filter.
 *
 * @example
 * ```ts
 * idr.mapAnnotations({ screen: 102 }, { ns: 'idr.openmicroscopy.org/study/info', max: 10 });
 * ```
 */
export interface AnnotationOptions extends IdrListOptions {
  /** Only annotations in this namespace. */
  ns?: string | undefined;
}

/** The object an annotation is linked to. @example `ann.parent.class === 'ScreenI'` */
export interface AnnotationParent {
  /** The linked object's id (of the type `class` names). */
  id: number;
  /** OMERO class name: `ScreenI`, `PlateI`, `WellI`, `ImageI`, `ProjectI`, `DatasetI`. */
  class: string;
  /** The object's name; well names are built like `"O2"`, runs without a name as `"Run 123"`; absent when it has none. */
  name?: string;
}

/** Fields common to every annotation of `webclient/api/annotations/`. @example `ann.ns` */
export interface AnnotationBase {
  /** The annotation's id. */
  id: AnnotationId;
  /** The namespace, e.g. `idr.openmicroscopy.org/study/info` or `openmicroscopy.org/mapr/gene`; null when none. */
  ns: string | null;
  /** The annotation's name; usually null. */
  name?: string | null;
  /** The annotation's description; usually null. */
  description?: string | null;
  /** The owner, with the names the server lists next to the annotations (`experimenters`) when it does. */
  owner?: AnnotationExperimenter;
  /** When the annotation was created, ISO 8601 in the server's time zone. */
  date?: string;
  /** What the caller may do with the annotation; `canDownload` on file annotations only. */
  permissions?: { canDelete?: boolean; canAnnotate?: boolean; canLink?: boolean; canEdit?: boolean; canDownload?: boolean };
  /** The link to the annotated object: its id, owner, creation date (ISO 8601), permissions and `parent`. */
  link?: { id: number; owner?: { id: ExperimenterId }; date?: string; permissions?: Record<string, boolean>; parent: AnnotationParent };
  /** OMERO class name, e.g. `MapAnnotationI`, `FileAnnotationI`. */
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
  /** Always `MapAnnotationI`. */
  class: 'MapAnnotationI';
  /** The `[key, value]` pairs in the server's order; a key may appear several times. */
  values: [string, string][];
  /** `link.parent`, hoisted. */
  parent: AnnotationParent | undefined;
}

/** The file behind a file annotation. @example `ann.file.name` */
export interface AnnotationFile {
  /** The original file's id (for an OMERO.table, the id {@link Idr.table} takes). */
  id: FileId;
  /** The file's name, e.g. `bulk_annotations`. */
  name: string;
  /** Size in bytes. */
  size?: number;
  /** The path OMERO records for the file (its directory part). */
  path?: string;
  /** The MIME type, e.g. `text/csv`, or `OMERO.tables` for a table; null when not set. */
  mimetype?: string | null;
}

/** A file annotation with its absolute download link. @example `console.log(ann.file.name, ann.downloadUrl)` */
export interface FileAnnotation extends AnnotationBase {
  /** Always `FileAnnotationI`. */
  class: 'FileAnnotationI';
  /** The file behind the annotation. */
  file: AnnotationFile;
  /** `link.parent`, hoisted. */
  parent: AnnotationParent | undefined;
  /** `…/webclient/annotation/{id}/` — stream it with `idr.download(ann.id)`. */
  downloadUrl: string;
}

/** An experimenter listed next to the annotations. @example `list.experimenters[0]?.omeName` */
export interface AnnotationExperimenter {
  /** The experimenter's id. */
  id: ExperimenterId;
  /** The OMERO login name; absent when the server listed only the id. */
  omeName?: string;
  /** First name; absent when the server listed only the id, null when not set. */
  firstName?: string | null;
  /** Last name; absent when the server listed only the id, null when not set. */
  lastName?: string | null;
}

/**
 * Merge the pairs of one or many map annotations into a `Map` that keeps repeated keys.
 *
 * @example
 * ```ts
 * toMap(await idr.mapAnnotations({ image: 122770 }).toArray()).get('Phenotype'); // ['…', '…']
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

function annotationList<T>(
  ctx: IdrContext,
  type: 'map' | 'file',
  target: AnnotationTarget,
  options: AnnotationOptions,
  convert: (a: AnnotationBase) => T | undefined,
): Paged<T> {
  const ids = multiTarget(target, TARGET_KEYS, `${type}Annotations`);
  const route = 'webclient/api/annotations/';
  const params = { type, ns: options.ns };
  const read = (body: unknown, at: Exchange) => {
    const raw = arrayAt<AnnotationBase>(body, 'annotations', at);
    const experimenters = new Map<number, AnnotationExperimenter>();
    if (isObject(body) && Array.isArray(body.experimenters)) for (const e of body.experimenters as AnnotationExperimenter[]) experimenters.set(e.id, e);
    const items: T[] = [];
    for (const a of raw) {
      const owner = a.owner === undefined ? undefined : (experimenters.get(a.owner.id) ?? a.owner);
      const item = convert(owner === undefined ? a : { ...a, owner });
      if (item !== undefined) items.push(item);
    }
    return { items, received: raw.length };
  };
  // Many ids: several requests whose URLs each fit nginx's 8 KB, read one after the other in id order.
  const limit = options.pageSize ?? ctx.webclientPageSize;
  const baseLength = ctx.http.url(route, { ...params, page: 999_999, limit }).length;
  const groups = splitIdGroups(ids, baseLength);
  if (groups.length === 1) return pageLimitList<T>(ctx, route, { ...params, ...groups[0] }, options, read);
  const perGroup = { ...options, max: undefined, onProgress: undefined }; // the outer list stops at max and reports progress
  return paged<T>(
    withProgress(async function* () {
      for (const group of groups) yield* pageLimitList<T>(ctx, route, { ...params, ...group }, perGroup, read).pages();
    }, options.onProgress),
    { ...options, signal: callSignal(ctx, options) },
  );
}

/** GET `webclient/api/annotations/?type=map&…`, page by page. */
export function mapAnnotations(ctx: IdrContext, target: AnnotationTarget, options: AnnotationOptions = {}): Paged<MapAnnotation> {
  return annotationList(ctx, 'map', target, options, (a) => {
    const values = (a as { values?: unknown }).values;
    if (a.class !== 'MapAnnotationI' && !Array.isArray(values)) return undefined;
    const pairs = Array.isArray(values) ? (values as [string, string][]).map(([k, v]) => [k, v] as [string, string]) : [];
    return { ...a, class: 'MapAnnotationI', values: pairs, parent: a.link?.parent };
  });
}

/** GET `webclient/api/annotations/?type=file&…`, page by page; each item gets its `downloadUrl`. */
export function fileAnnotations(ctx: IdrContext, target: AnnotationTarget, options: AnnotationOptions = {}): Paged<FileAnnotation> {
  return annotationList(ctx, 'file', target, options, (a) =>
    isObject((a as { file?: unknown }).file) ? ({ ...a, parent: a.link?.parent, downloadUrl: downloadUrl(ctx, a.id) } as FileAnnotation) : undefined,
  );
}
