// OMERO.mapr (`/mapr/api/{key}/…`): attribute browsing on OMERO.web servers that install it.
// IDR switched these routes off (they redirect to the search engine's HTML docs); there every
// call throws EndpointRemovedError naming the search-engine equivalent.
import { createHttpError, isResponseFormatError, path, type QueryValue, ValidationError } from '@bio/core-http';
import type { MaprKeyConfig } from './capabilities.js';
import { EndpointRemovedError } from './errors.js';
import { datasetId, type DatasetId, type ExperimenterId, type IdInput, type ImageId, plateId, type PlateId, projectId, type ProjectId, screenId, type ScreenId } from './ids.js';
import { type IdrContext, withSignal } from './internal/context.js';
import { arrayAt, isObject } from './internal/json.js';

/** A container matched by mapr. `name` has the image count appended (`"idr0002… (12)"`). @example `s.extra?.counter` */
export interface MaprContainer<I extends number> {
  id: I;
  name: string;
  ownerId?: ExperimenterId;
  childCount?: number;
  permsCss?: string;
  extra?: { counter?: number; value?: string; node?: string };
}
/** A screen matched by mapr. @example `(await idr.mapr.screens('gene', 'CDC20'))[0]?.id` */
export type MaprScreen = MaprContainer<ScreenId>;
/** A project matched by mapr. @example `await idr.mapr.projects('gene', 'CDC20')` */
export type MaprProject = MaprContainer<ProjectId>;
/** A plate matched by mapr. @example `await idr.mapr.plates('gene', 'CDC20', { screen: 102 })` */
export type MaprPlate = MaprContainer<PlateId>;
/** A dataset matched by mapr. @example `await idr.mapr.datasets('gene', 'CDC20', { project: 51 })` */
export type MaprDataset = MaprContainer<DatasetId>;
/** An image matched by mapr. @example `await idr.mapr.images('gene', 'CDC20', { plate: 422 })` */
export interface MaprImage {
  id: ImageId;
  name: string;
  ownerId?: ExperimenterId;
  permsCss?: string;
  filesetId?: number;
}

/** Options of the mapr calls. @example `{ caseSensitive: true }` */
export interface MaprOptions {
  /** `query=true`: substring match (`LIKE %value%`). */
  partial?: boolean;
  /** Only honoured when the key's config allows it. */
  caseSensitive?: boolean;
  signal?: AbortSignal;
}

/**
 * mapr, available only where `capabilities().mapr.status === 'available'`.
 *
 * @example
 * ```ts
 * const screens = await idr.mapr.screens('gene', 'CDC20');
 * const plates = await idr.mapr.plates('gene', 'CDC20', { screen: screens[0]!.id });
 * const images = await idr.mapr.images('gene', 'CDC20', { plate: plates[0]!.id });
 * ```
 */
export interface MaprApi {
  /** The menus (`gene`, `phenotype`, …) from `/mapr/api/config/` — the only route IDR still serves. @example `await idr.mapr.config()` */
  config(options?: { signal?: AbortSignal }): Promise<Record<string, MaprKeyConfig>>;
  /** Screens annotated with `value`. @example `await idr.mapr.screens('gene', 'CDC20')` */
  screens(key: string, value: string, options?: MaprOptions): Promise<MaprScreen[]>;
  /** Projects annotated with `value`. @example `await idr.mapr.projects('gene', 'CDC20')` */
  projects(key: string, value: string, options?: MaprOptions): Promise<MaprProject[]>;
  /** Plates of a screen annotated with `value`. @example `await idr.mapr.plates('gene', 'CDC20', { screen: 102 })` */
  plates(key: string, value: string, parent: { screen: IdInput<ScreenId> }, options?: MaprOptions): Promise<MaprPlate[]>;
  /** Datasets of a project annotated with `value`. @example `await idr.mapr.datasets('gene', 'CDC20', { project: 51 })` */
  datasets(key: string, value: string, parent: { project: IdInput<ProjectId> }, options?: MaprOptions): Promise<MaprDataset[]>;
  /** Images of a plate or dataset annotated with `value`. @example `await idr.mapr.images('gene', 'CDC20', { plate: 422 })` */
  images(key: string, value: string, parent: { plate: IdInput<PlateId> } | { dataset: IdInput<DatasetId> }, options?: MaprOptions): Promise<MaprImage[]>;
}

function searchKeyFor(config: Record<string, MaprKeyConfig>, key: string): string {
  return config[key]?.default?.[0] ?? config[key]?.all?.[0] ?? key;
}

function replacementFor(config: Record<string, MaprKeyConfig>, key: string, value: string, level: string): string {
  const k = JSON.stringify(searchKeyFor(config, key));
  const v = JSON.stringify(value);
  const url = `/searchengine/api/v1/resources/image/search/?key=${encodeURIComponent(searchKeyFor(config, key))}&value=${encodeURIComponent(value)}`;
  if (level === 'containers') return `idr.findByAttribute({ key: ${k}, value: ${v} }) (GET ${url}&return_containers=true)`;
  return `idr.search({ key: ${k}, value: ${v}, resource: 'image' }) (GET ${url}), or idr.findByAttribute(…)`;
}

function checkKeyValue(key: string, value: string): void {
  if (typeof key !== 'string' || key.length === 0) throw new ValidationError({ message: 'mapr needs a key such as "gene"', field: 'key' });
  if (typeof value !== 'string' || value.length === 0) throw new ValidationError({ message: 'mapr needs a non-empty value', field: 'value' });
}

export function createMaprApi(ctx: IdrContext): MaprApi {
  const call = async (key: string, value: string, sub: string, extra: Record<string, QueryValue>, listKey: string, level: string, options: MaprOptions): Promise<unknown[]> => {
    checkKeyValue(key, value);
    const route = sub === '' ? path`mapr/api/${key}/` : path`mapr/api/${key}/${sub}/`;
    const caps = await ctx.capabilities(withSignal({}, options.signal));
    if (caps.mapr.status === 'absent') {
      throw createHttpError({ status: 404, method: 'GET', url: ctx.http.url(route), service: 'idr', serviceMessage: 'OMERO.mapr is not installed on this server' });
    }
    if (caps.mapr.status === 'removed') {
      throw new EndpointRemovedError({ endpoint: `/${route}`, replacement: replacementFor(caps.mapr.keys, key, value, level), method: 'GET', url: ctx.http.url(route) });
    }
    if (!(key in caps.mapr.keys)) throw new ValidationError({ message: `unknown mapr key "${key}" (this server has: ${Object.keys(caps.mapr.keys).join(', ')})`, field: 'key' });
    const searchParams = { value, query: options.partial ? true : undefined, case_sensitive: options.caseSensitive, ...extra };
    try {
      const body = await ctx.http.get(route, withSignal({ searchParams }, options.signal)).json<unknown>();
      return arrayAt<unknown>(body, listKey, ctx.http.url(route, searchParams));
    } catch (error) {
      if (isResponseFormatError(error)) {
        ctx.markMaprRemoved();
        throw new EndpointRemovedError({ endpoint: `/${route}`, replacement: replacementFor(caps.mapr.keys, key, value, level), method: 'GET', url: ctx.http.url(route, searchParams), cause: error });
      }
      throw error;
    }
  };
  return {
    async config(options = {}) {
      const body = await ctx.http.get('mapr/api/config/', withSignal({}, options.signal)).json<unknown>();
      if (!isObject(body)) return {};
      return body as Record<string, MaprKeyConfig>;
    },
    screens: async (key, value, options = {}) => (await call(key, value, '', {}, 'screens', 'containers', options)) as MaprScreen[],
    projects: async (key, value, options = {}) => (await call(key, value, '', {}, 'projects', 'containers', options)) as MaprProject[],
    plates: async (key, value, parent, options = {}) => (await call(key, value, 'plates', { id: screenId(parent.screen, 'screen') }, 'plates', 'plates', options)) as MaprPlate[],
    datasets: async (key, value, parent, options = {}) =>
      (await call(key, value, 'datasets', { id: projectId(parent.project, 'project') }, 'datasets', 'datasets', options)) as MaprDataset[],
    images: async (key, value, parent, options = {}) => {
      const extra = 'plate' in parent ? { node: 'plate', id: plateId(parent.plate, 'plate') } : { node: 'dataset', id: datasetId(parent.dataset, 'dataset') };
      return (await call(key, value, 'images', extra, 'images', 'images', options)) as MaprImage[];
    },
  };
}
