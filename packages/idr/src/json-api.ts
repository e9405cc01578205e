// The OMERO.web JSON API: `/api/v0/m/{type}/` lists (offset/limit, `meta.totalCount`,
// server-side `maxLimit`) and single objects `/api/v0/m/{type}/{id}/` → `{"data": {...}}`.
import { paginateOffset, path, type QueryValue } from '@bio/core-http';
import { datasetId, imageId, type IdInput, plateId, projectId, screenId, wellId } from './ids.js';
import type { DatasetId, ImageId, PlateId, ProjectId, ScreenId, WellId } from './ids.js';
import { type IdrContext, withSignal } from './internal/context.js';
import { isObject, unexpectedShape } from './internal/json.js';
import { pagedList } from './internal/paged.js';
import type { Dataset, Image, ListMeta, Plate, Project, Roi, Screen, Well } from './models.js';
import type { ListOptions, PagedList } from './paging.js';

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
  childCount?: boolean;
}
/** Filters of {@link Idr.datasets}. @example `idr.datasets({ project: 51 })` */
export interface DatasetFilters extends CommonListFilters {
  project?: IdInput<ProjectId>;
  image?: IdInput<ImageId>;
  childCount?: boolean;
}
/** Filters of {@link Idr.plates}. @example `idr.plates({ screen: 102 })` */
export interface PlateFilters extends CommonListFilters {
  screen?: IdInput<ScreenId>;
  well?: IdInput<WellId>;
  childCount?: boolean;
}
/** Filters of {@link Idr.wells}. @example `idr.wells({ plate: 2551 })` */
export interface WellFilters extends CommonListFilters {
  plate?: IdInput<PlateId>;
}
/** Filters of {@link Idr.images}. @example `idr.images({ dataset: 51 })` */
export interface ImageFilters extends CommonListFilters {
  dataset?: IdInput<DatasetId>;
  /** Only images in no dataset. */
  orphaned?: boolean;
}
/** Filters of {@link Idr.rois}. @example `idr.rois({ image: 1229801 })` */
export interface RoiFilters extends CommonListFilters {
  image?: IdInput<ImageId>;
}

interface ListPage<T> {
  data: T[];
  meta: ListMeta;
}

function checkPage<T>(body: unknown, url: string): ListPage<T> {
  if (isObject(body) && Array.isArray(body.data) && isObject(body.meta) && typeof body.meta.totalCount === 'number') {
    return body as unknown as ListPage<T>;
  }
  throw unexpectedShape('an /api/v0 list ({"data": [...], "meta": {...}})', url, body);
}

/**
 * Follow an `/api/v0` list to its `totalCount`. The first request asks for `pageSize` (or the
 * server's default); later requests use `pageSize` or, when none was given, the server's own
 * `meta.maxLimit` — never an assumed limit.
 */
export function apiList<T>(ctx: IdrContext, route: string, params: Record<string, QueryValue>, options: ListOptions = {}): PagedList<T> {
  const { max, signal, pageSize } = options;
  const fetchPage = async (offset: number, limit: number | undefined, pageSignal: AbortSignal | undefined): Promise<ListPage<T>> => {
    const searchParams = { ...params, offset: offset === 0 ? undefined : offset, limit };
    const body = await ctx.http.get(route, withSignal({ searchParams }, pageSignal)).json<unknown>();
    return checkPage<T>(body, ctx.http.url(route, searchParams));
  };
  return pagedList(async function* () {
    if (max !== undefined && max <= 0) return;
    const firstLimit = pageSize === undefined ? (max !== undefined && max < 200 ? max : undefined) : max === undefined ? pageSize : Math.min(max, pageSize);
    const first = await fetchPage(0, firstLimit, signal);
    const items = max === undefined ? first.data : first.data.slice(0, max);
    yield* items;
    const seen = first.data.length;
    if (first.data.length === 0 || seen >= first.meta.totalCount || (max !== undefined && items.length >= max)) return;
    const serverMax = first.meta.maxLimit > 0 ? first.meta.maxLimit : first.meta.limit;
    const size = Math.max(1, Math.min(pageSize ?? serverMax, serverMax));
    yield* paginateOffset<T>(
      async ({ offset, limit, signal: s }) => {
        const page = await fetchPage(offset, limit, s);
        return { items: page.data, total: page.meta.totalCount };
      },
      { pageSize: size, start: seen, ...(max === undefined ? {} : { max: max - items.length }), ...(signal === undefined ? {} : { signal }) },
    );
  });
}

/** GET `/api/v0/m/{type}/{id}/` → its `data`. */
export async function apiObject<T>(ctx: IdrContext, route: string, params: Record<string, QueryValue>, signal?: AbortSignal): Promise<T> {
  const body = await ctx.http.get(route, withSignal({ searchParams: params }, signal)).json<unknown>();
  if (isObject(body) && isObject(body.data)) return body.data as T;
  throw unexpectedShape('an /api/v0 object ({"data": {...}})', ctx.http.url(route), body);
}

const common = (f: CommonListFilters) => ({ owner: f.owner, group: f.group });

export function listScreens(ctx: IdrContext, f: ScreenFilters = {}, o?: ListOptions): PagedList<Screen> {
  return apiList<Screen>(ctx, 'api/v0/m/screens/', { ...common(f), plate: f.plate === undefined ? undefined : plateId(f.plate, 'plate'), childCount: f.childCount }, o);
}
export function listProjects(ctx: IdrContext, f: ProjectFilters = {}, o?: ListOptions): PagedList<Project> {
  return apiList<Project>(ctx, 'api/v0/m/projects/', { ...common(f), dataset: f.dataset === undefined ? undefined : datasetId(f.dataset, 'dataset'), childCount: f.childCount }, o);
}
export function listDatasets(ctx: IdrContext, f: DatasetFilters = {}, o?: ListOptions): PagedList<Dataset> {
  return apiList<Dataset>(
    ctx,
    'api/v0/m/datasets/',
    { ...common(f), project: f.project === undefined ? undefined : projectId(f.project, 'project'), image: f.image === undefined ? undefined : imageId(f.image, 'image'), childCount: f.childCount },
    o,
  );
}
export function listPlates(ctx: IdrContext, f: PlateFilters = {}, o?: ListOptions): PagedList<Plate> {
  return apiList<Plate>(
    ctx,
    'api/v0/m/plates/',
    { ...common(f), screen: f.screen === undefined ? undefined : screenId(f.screen, 'screen'), well: f.well === undefined ? undefined : wellId(f.well, 'well'), childCount: f.childCount },
    o,
  );
}
export function listWells(ctx: IdrContext, f: WellFilters = {}, o?: ListOptions): PagedList<Well> {
  return apiList<Well>(ctx, 'api/v0/m/wells/', { ...common(f), plate: f.plate === undefined ? undefined : plateId(f.plate, 'plate') }, o);
}
export function listImages(ctx: IdrContext, f: ImageFilters = {}, o?: ListOptions): PagedList<Image> {
  return apiList<Image>(ctx, 'api/v0/m/images/', { ...common(f), dataset: f.dataset === undefined ? undefined : datasetId(f.dataset, 'dataset'), orphaned: f.orphaned }, o);
}
export function listRois(ctx: IdrContext, f: RoiFilters = {}, o?: ListOptions): PagedList<Roi> {
  return apiList<Roi>(ctx, 'api/v0/m/rois/', { ...common(f), image: f.image === undefined ? undefined : imageId(f.image, 'image') }, o);
}

/** Options of the single-object getters. @example `idr.screen(102, { childCount: true })` */
export interface GetOptions {
  /** Add `omero:childCount`. */
  childCount?: boolean;
  signal?: AbortSignal;
}

export const getScreen = async (ctx: IdrContext, id: IdInput<ScreenId>, o: GetOptions = {}): Promise<Screen> =>
  apiObject<Screen>(ctx, path`api/v0/m/screens/${screenId(id)}/`, { childCount: o.childCount }, o.signal);
export const getProject = async (ctx: IdrContext, id: IdInput<ProjectId>, o: GetOptions = {}): Promise<Project> =>
  apiObject<Project>(ctx, path`api/v0/m/projects/${projectId(id)}/`, { childCount: o.childCount }, o.signal);
export const getDataset = async (ctx: IdrContext, id: IdInput<DatasetId>, o: GetOptions = {}): Promise<Dataset> =>
  apiObject<Dataset>(ctx, path`api/v0/m/datasets/${datasetId(id)}/`, { childCount: o.childCount }, o.signal);
export const getPlate = async (ctx: IdrContext, id: IdInput<PlateId>, o: GetOptions = {}): Promise<Plate> =>
  apiObject<Plate>(ctx, path`api/v0/m/plates/${plateId(id)}/`, { childCount: o.childCount }, o.signal);
export const getWell = async (ctx: IdrContext, id: IdInput<WellId>, o: Omit<GetOptions, 'childCount'> = {}): Promise<Well> =>
  apiObject<Well>(ctx, path`api/v0/m/wells/${wellId(id)}/`, {}, o.signal);
export const getImage = async (ctx: IdrContext, id: IdInput<ImageId>, o: Omit<GetOptions, 'childCount'> = {}): Promise<Image> =>
  apiObject<Image>(ctx, path`api/v0/m/images/${imageId(id)}/`, {}, o.signal);
