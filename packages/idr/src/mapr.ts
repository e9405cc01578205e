// OMERO.mapr (`/mapr/api/{key}/…`): attribute browsing on OMERO.web servers that install it.
// IDR switched these routes off (they redirect to the search engine's HTML docs); there every
// call throws EndpointRemovedError naming the search-engine equivalent.
import {
  type CallOptions,
  createHttpError,
  isResponseFormatError,
  type ListOptions,
  type Paged,
  paged,
  path,
  type QueryValue,
  ValidationError,
} from '@bio/core-http';
import type { MaprKeyConfig } from './capabilities.js';
import { EndpointRemovedError } from './errors.js';
import {
  datasetId,
  type DatasetId,
  type ExperimenterId,
  type IdInput,
  type ImageId,
  plateId,
  type PlateId,
  projectId,
  type ProjectId,
  screenId,
  type ScreenId,
} from './ids.js';
import { callOf, withCall } from './internal/call.js';
import type { IdrContext } from './internal/context.js';
import { isObject, unexpectedShape } from './internal/json.js';
import { itemsAt, pageLimitList } from './internal/page-limit.js';

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

/**
 * Options of the mapr calls: a {@link ListOptions} (mapr pages with `page`/`limit` like the
 * webclient; `pageSize` defaults to the client's `webclientPageSize`) and the match options.
 *
 * @example
 * ```ts
 * idr.mapr.screens('gene', 'CDC', { partial: true, max: 20 });
 * ```
 */
export interface MaprOptions extends ListOptions {
  /** `query=true`: substring match (`LIKE %value%`). */
  partial?: boolean | undefined;
  /** Only honoured when the key's config allows it. */
  caseSensitive?: boolean | undefined;
}

/**
 * mapr, available only where `capabilities().mapr.status === 'available'`.
 *
 * @example
 * ```ts
 * const screens = await idr.mapr.screens('gene', 'CDC20').toArray();
 * const plates = await idr.mapr.plates('gene', 'CDC20', { screen: screens[0]!.id }).toArray();
 * for await (const image of idr.mapr.images('gene', 'CDC20', { plate: plates[0]!.id })) console.log(image.id);
 * ```
 */
export interface MaprApi {
  /** The menus (`gene`, `phenotype`, …) from `/mapr/api/config/` — the only route IDR still serves. @example `await idr.mapr.config()` */
  config(options?: CallOptions): Promise<Record<string, MaprKeyConfig>>;
  /** Screens annotated with `value`. @example `await idr.mapr.screens('gene', 'CDC20').toArray()` */
  screens(key: string, value: string, options?: MaprOptions): Paged<MaprScreen>;
  /** Projects annotated with `value`. @example `await idr.mapr.projects('gene', 'CDC20').toArray()` */
  projects(key: string, value: string, options?: MaprOptions): Paged<MaprProject>;
  /** Plates of a screen annotated with `value`. @example `await idr.mapr.plates('gene', 'CDC20', { screen: 102 }).toArray()` */
  plates(key: string, value: string, parent: { screen: IdInput<ScreenId> }, options?: MaprOptions): Paged<MaprPlate>;
  /** Datasets of a project annotated with `value`. @example `await idr.mapr.datasets('gene', 'CDC20', { project: 51 }).toArray()` */
  datasets(key: string, value: string, parent: { project: IdInput<ProjectId> }, options?: MaprOptions): Paged<MaprDataset>;
  /** Images of a plate or dataset annotated with `value`. @example `await idr.mapr.images('gene', 'CDC20', { plate: 422 }).toArray()` */
  images(key: string, value: string, parent: { plate: IdInput<PlateId> } | { dataset: IdInput<DatasetId> }, options?: MaprOptions): Paged<MaprImage>;
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
  // One mapr list: check the server still serves mapr (capabilities), then page with page/limit;
  // a route that redirects to an HTML page is reported as removed (and remembered).
  const list = <T>(
    key: string,
    value: string,
    sub: string,
    extra: Record<string, QueryValue>,
    listKey: string,
    level: string,
    options: MaprOptions = {},
  ): Paged<T> => {
    checkKeyValue(key, value);
    const route = sub === '' ? path`mapr/api/${key}/` : path`mapr/api/${key}/${sub}/`;
    const searchParams = { value, query: options.partial ? true : undefined, case_sensitive: options.caseSensitive, ...extra };
    const pages = pageLimitList<T>(ctx, route, searchParams, options, itemsAt<T>(listKey));
    return paged<T>(async function* () {
      const caps = await ctx.capabilities(callOf(options));
      const removed = (cause?: unknown) =>
        new EndpointRemovedError({
          endpoint: `/${route}`,
          replacement: replacementFor(caps.mapr.keys, key, value, level),
          method: 'GET',
          url: ctx.http.url(route, searchParams),
          cause,
        });
      if (caps.mapr.status === 'absent') {
        throw createHttpError({
          status: 404,
          method: 'GET',
          url: ctx.http.url(route),
          service: 'idr',
          serviceMessage: 'OMERO.mapr is not installed on this server',
        });
      }
      if (caps.mapr.status === 'removed') throw removed();
      if (!(key in caps.mapr.keys))
        throw new ValidationError({ message: `unknown mapr key "${key}" (this server has: ${Object.keys(caps.mapr.keys).join(', ')})`, field: 'key' });
      try {
        yield* pages.pages();
      } catch (error) {
        if (!isResponseFormatError(error)) throw error;
        ctx.markMaprRemoved();
        throw removed(error);
      }
    }, options);
  };
  return {
    async config(options) {
      const body = await ctx.http.get('mapr/api/config/', withCall({}, options)).json<unknown>();
      if (!isObject(body)) throw unexpectedShape('the mapr menus ({"gene": {...}, …})', ctx.http.url('mapr/api/config/'), body);
      return body as Record<string, MaprKeyConfig>;
    },
    screens: (key, value, options) => list<MaprScreen>(key, value, '', {}, 'screens', 'containers', options),
    projects: (key, value, options) => list<MaprProject>(key, value, '', {}, 'projects', 'containers', options),
    plates: (key, value, parent, options) => list<MaprPlate>(key, value, 'plates', { id: screenId(parent.screen, 'screen') }, 'plates', 'plates', options),
    datasets: (key, value, parent, options) =>
      list<MaprDataset>(key, value, 'datasets', { id: projectId(parent.project, 'project') }, 'datasets', 'datasets', options),
    images: (key, value, parent, options) => {
      const extra = 'plate' in parent ? { node: 'plate', id: plateId(parent.plate, 'plate') } : { node: 'dataset', id: datasetId(parent.dataset, 'dataset') };
      return list<MaprImage>(key, value, 'images', extra, 'images', 'images', options);
    },
  };
}
