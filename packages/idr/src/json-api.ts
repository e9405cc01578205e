// The OMERO.web JSON API: `/api/v0/m/{type}/` lists (offset/limit, `meta.totalCount`,
// server-side `maxLimit`) and single objects `/api/v0/m/{type}/{id}/` → `{"data": {...}}`.
import { type CallOptions, offsetPages, type Page, type PageSource, type Paged, paged, path, type QueryValue } from '@bio/core-http';
import { DEFAULT_CONCURRENCY } from './constants.js';
import type { IdrListOptions } from './list-options.js';
import { datasetId, imageId, type IdInput, plateId, projectId, screenId, wellId } from './ids.js';
import type { DatasetId, ImageId, PlateId, ProjectId, ScreenId, WellId } from './ids.js';
import { withCall } from './internal/call.js';
import type { IdrContext } from './internal/context.js';
import { withProgress } from './internal/progress.js';
import { callSignal } from './internal/signal.js';
import { type Exchange, isObject, jsonOf, unexpectedShape } from './internal/json.js';
import { TARGET_IDS, type TargetKey } from './internal/targets.js';
import type { Dataset, Image, ListMeta, Plate, Project, Roi, Screen, Well } from './models.js';

/** Filters shared by every `/api/v0` list. @example `idr.screens({ childCount: true, owner: 2 })` */
export interface CommonListFilters {
  /** Only objects owned by this experimenter (default: everyone's). */
  owner?: number;
  /** Only objects in this group (default: all groups). */
  group?: number;
}
/** Filters of {@link Idr.screens}. @example `idr.screens({ childCount: true })` */
export interface ScreenFilters extends CommonListFilters {
  /** Screens containing this plate. */
  plate?: IdInput<PlateId>;
  /** Add `omero:childCount` (number of plates). */
  childCount?: boolean;
}
/** Filters of {@link Idr.projects}. @example `idr.projects({ childCount: true })` */
export interface ProjectFilters extends CommonListFilters {
  /** Projects containing this dataset. */
  dataset?: IdInput<DatasetId>;
  /** Add `omero:childCount` (number of datasets). */
  childCount?: boolean;
}
/** Filters of {@link Idr.datasets}. @example `idr.datasets({ project: 51 })` */
export interface DatasetFilters extends CommonListFilters {
  /** Datasets of this project. */
  project?: IdInput<ProjectId>;
  /** Datasets containing this image. */
  image?: IdInput<ImageId>;
  /** Add `omero:childCount` (number of images). */
  childCount?: boolean;
}
/** Filters of {@link Idr.plates}. @example `idr.plates({ screen: 102 })` */
export interface PlateFilters extends CommonListFilters {
  /** Plates of this screen. */
  screen?: IdInput<ScreenId>;
  /** The plate containing this well. */
  well?: IdInput<WellId>;
  /** Sent as `childCount=true`; OMERO.web adds no child count to plates, so it has no effect on this list. */
  childCount?: boolean;
}
/** Filters of {@link Idr.wells}. @example `idr.wells({ plate: 2551 })` */
export interface WellFilters extends CommonListFilters {
  /** Wells of this plate. */
  plate?: IdInput<PlateId>;
}
/** Filters of {@link Idr.images}. @example `idr.images({ dataset: 51 })` */
export interface ImageFilters extends CommonListFilters {
  /** Images of this dataset. */
  dataset?: IdInput<DatasetId>;
  /** Only images in no dataset. */
  orphaned?: boolean;
}
/** Filters of {@link Idr.rois}. @example `idr.rois({ image: 1229801 })` */
export interface RoiFilters extends CommonListFilters {
  /** ROIs of this image. */
  image?: IdInput<ImageId>;
}

interface ListPage<T> {
  data: T[];
  meta: ListMeta;
}

function checkPage<T>(body: unknown, at: Exchange): ListPage<T> {
  if (isObject(body) && Array.isArray(body.data) && isObject(body.meta) && typeof body.meta.totalCount === 'number') {
    return body as unknown as ListPage<T>;
  }
  throw unexpectedShape('an /api/v0 list ({"data": [...], "meta": {...}})', at, body);
}

// Items asked for per request when no pageSize is given: IDR's `omero.web.api.max_limit`. A
// server with a lower cap answers a shorter page; offsetPages then goes on with the size it gives.
const DEFAULT_API_PAGE_SIZE = 1000;

/**
 * Follow an `/api/v0` list to its `totalCount` (`meta.totalCount` is every page's `total`). Once
 * the first page gives the total, the remaining pages are fetched concurrently (up to the client's
 * `concurrency`, 4 when it has none) and yielded in order.
 */
export function apiList<T>(ctx: IdrContext, route: string, params: Record<string, QueryValue>, options: IdrListOptions = {}): Paged<T> {
  const { pageSize, timeout } = options;
  const fetchPage = async ({ offset, limit, signal }: { offset: number; limit: number; signal?: AbortSignal }): Promise<Page<T>> => {
    const searchParams = { ...params, offset: offset === 0 ? undefined : offset, limit };
    const { body, at } = await jsonOf(ctx.http.get(route, withCall({ searchParams }, { signal, timeout })), 'GET', ctx.http.url(route, searchParams));
    const page = checkPage<T>(body, at);
    return { items: page.data, total: page.meta.totalCount };
  };
  const source: PageSource<T> = ({ max, signal }) =>
    offsetPages<T>(fetchPage, { pageSize: pageSize ?? DEFAULT_API_PAGE_SIZE, max, signal, concurrency: ctx.concurrency ?? DEFAULT_CONCURRENCY });
  return paged<T>(withProgress(source, options.onProgress), { ...options, signal: callSignal(ctx, options) });
}

/** GET `/api/v0/m/{type}/{id}/` → its `data`. */
export async function apiObject<T>(ctx: IdrContext, route: string, params: Record<string, QueryValue>, options?: CallOptions): Promise<T> {
  const { body, at } = await jsonOf(ctx.http.get(route, withCall({ searchParams: params }, options)), 'GET', ctx.http.url(route, params));
  if (isObject(body) && isObject(body.data)) return body.data as T;
  throw unexpectedShape('an /api/v0 object ({"data": {...}})', at, body);
}

/** The item and the filters of each `/api/v0/m/{type}/` list. */
export interface ApiLists {
  screens: { item: Screen; filters: ScreenFilters };
  projects: { item: Project; filters: ProjectFilters };
  datasets: { item: Dataset; filters: DatasetFilters };
  plates: { item: Plate; filters: PlateFilters };
  wells: { item: Well; filters: WellFilters };
  images: { item: Image; filters: ImageFilters };
  rois: { item: Roi; filters: RoiFilters };
}

/** The query of each list beyond `owner`/`group`, in order: its id filters (checked) and its flags (sent as given). */
const LIST_QUERIES: { [K in keyof ApiLists]: { ids: readonly TargetKey[]; flags: readonly string[] } } = {
  screens: { ids: ['plate'], flags: ['childCount'] },
  projects: { ids: ['dataset'], flags: ['childCount'] },
  datasets: { ids: ['project', 'image'], flags: ['childCount'] },
  plates: { ids: ['screen', 'well'], flags: ['childCount'] },
  wells: { ids: ['plate'], flags: [] },
  images: { ids: ['dataset'], flags: ['orphaned'] },
  rois: { ids: ['image'], flags: [] },
};

/** GET `/api/v0/m/{type}/` with the type's filters, followed to its `totalCount` ({@link apiList}). */
export function listObjects<K extends keyof ApiLists>(
  ctx: IdrContext,
  type: K,
  filters: ApiLists[K]['filters'] = {},
  options?: IdrListOptions,
): Paged<ApiLists[K]['item']> {
  const { ids, flags } = LIST_QUERIES[type];
  const given = filters as Record<string, unknown>;
  const params: Record<string, QueryValue> = { owner: filters.owner, group: filters.group };
  for (const key of ids) params[key] = given[key] === undefined ? undefined : TARGET_IDS[key](given[key] as number | string, key);
  for (const key of flags) params[key] = given[key] as QueryValue;
  return apiList<ApiLists[K]['item']>(ctx, `api/v0/m/${type}/`, params, options);
}

/** Options of the single-object getters. @example `idr.screen(102, { childCount: true, timeout: 10_000 })` */
export interface GetOptions extends CallOptions {
  /** Add `omero:childCount`. */
  childCount?: boolean | undefined;
}

export const getScreen = async (ctx: IdrContext, id: IdInput<ScreenId>, o: GetOptions = {}): Promise<Screen> =>
  apiObject<Screen>(ctx, path`api/v0/m/screens/${screenId(id)}/`, { childCount: o.childCount }, o);
export const getProject = async (ctx: IdrContext, id: IdInput<ProjectId>, o: GetOptions = {}): Promise<Project> =>
  apiObject<Project>(ctx, path`api/v0/m/projects/${projectId(id)}/`, { childCount: o.childCount }, o);
export const getDataset = async (ctx: IdrContext, id: IdInput<DatasetId>, o: GetOptions = {}): Promise<Dataset> =>
  apiObject<Dataset>(ctx, path`api/v0/m/datasets/${datasetId(id)}/`, { childCount: o.childCount }, o);
export const getPlate = async (ctx: IdrContext, id: IdInput<PlateId>, o: GetOptions = {}): Promise<Plate> =>
  apiObject<Plate>(ctx, path`api/v0/m/plates/${plateId(id)}/`, { childCount: o.childCount }, o);
export const getWell = async (ctx: IdrContext, id: IdInput<WellId>, o: CallOptions = {}): Promise<Well> =>
  apiObject<Well>(ctx, path`api/v0/m/wells/${wellId(id)}/`, {}, o);
export const getImage = async (ctx: IdrContext, id: IdInput<ImageId>, o: CallOptions = {}): Promise<Image> =>
  apiObject<Image>(ctx, path`api/v0/m/images/${imageId(id)}/`, {}, o);
