// OMERO.mapr (`/mapr/api/{key}/…`): attribute browsing on OMERO.web servers that install it.
// IDR switched these routes off (they redirect to the search engine's HTML docs); there every
// call throws EndpointRemovedError naming the search-engine equivalent.
import { type CallOptions, createHttpError, isResponseFormatError, type Paged, paged, path, type QueryValue, ValidationError } from '@bio/core-http';
import { isRedirectRefused, type MaprKeyConfig } from './capabilities.js';
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
import type { IdrListOptions } from './list-options.js';
import { callSignal } from './internal/signal.js';
import { arrayAt, type Exchange, isObject, jsonOf, unexpectedShape } from './internal/json.js';
import { itemsAt, type PageRead, pageLimitList } from './internal/page-limit.js';

/** A container matched by mapr. `name` is the container's own name; mapr's `"idr0002… (12)"` suffix is read into `imageCount`. @example `s.imageCount` */
export interface MaprContainer<I extends number> {
  /** The container's id (screen, project, plate or dataset, per the list). */
  id: I;
  /** The name without the image count mapr appends to screens and projects. */
  name: string;
  /** Matching images in the container (`extra.counter`, else the count mapr appends to the name); undefined when mapr sends neither. */
  imageCount?: number | undefined;
  /** The owner's experimenter id. */
  ownerId?: ExperimenterId;
  /** Number of children as mapr counts them (a screen's plates, a plate's matching images). */
  childCount?: number;
  /** CSS class names describing the permissions, e.g. `"canEdit canAnnotate isOwned"`. */
  permsCss?: string;
  /** mapr's extras: `counter` (matching images), `value` (the value matched), `node` (`plate` or `dataset` on child lists). */
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
  /** The image's id. */
  id: ImageId;
  /** The image's name. */
  name: string;
  /** The owner's experimenter id. */
  ownerId?: ExperimenterId;
  /** CSS class names describing the permissions. */
  permsCss?: string;
  /** The id of the fileset the image was imported with; absent when it has none. */
  filesetId?: number;
}

/**
 * Options of the mapr calls: an {@link IdrListOptions} (mapr pages with `page`/`limit` like the
 * webclient; `pageSize` defaults to the client's `webclientPageSize`) and the match options.
 *
 * @example
 * ```ts
 * idr.mapr.screens('gene', 'CDC', { partial: true, max: 20 });
 * ```
 */
export interface MaprOptions extends IdrListOptions {
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
  /**
   * Screens and projects annotated with `value`, from one list (mapr answers both in each page):
   * what `screens()` and `projects()` give, for the price of one of them.
   * @example `const { screens, projects } = await idr.mapr.containers('gene', 'CDC20');`
   */
  containers(key: string, value: string, options?: MaprOptions): Promise<{ screens: MaprScreen[]; projects: MaprProject[] }>;
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

/** mapr's `"name (12)"`: the name, and the count it carries (`extra.counter` wins when sent). */
function named<C extends MaprContainer<number>>(raw: C): C {
  const m = / \((\d+)\)$/.exec(raw.name);
  const counter = raw.extra?.counter;
  const imageCount = typeof counter === 'number' ? counter : m ? Number(m[1]) : undefined;
  return { ...raw, name: m ? raw.name.slice(0, m.index) : raw.name, imageCount };
}

function containersAt<C extends MaprContainer<number>>(key: string): (body: unknown, at: Exchange) => PageRead<C> {
  return (body, at) => {
    const items = arrayAt<C>(body, key, at).map(named);
    return { items, received: items.length };
  };
}

/** One `{key}/` page files its screens and its projects; the page is full when either list is. */
function bothAt(screens: MaprScreen[], projects: MaprProject[]): (body: unknown, at: Exchange) => PageRead<MaprScreen | MaprProject> {
  return (body, at) => {
    const s = arrayAt<MaprScreen>(body, 'screens', at).map(named);
    const p = arrayAt<MaprProject>(body, 'projects', at).map(named);
    screens.push(...s);
    projects.push(...p);
    return { items: [...s, ...p], received: Math.max(s.length, p.length) };
  };
}

export function createMaprApi(ctx: IdrContext): MaprApi {
  // One mapr list: check the server still serves mapr (capabilities), then page with page/limit;
  // a route that redirects to an HTML page is reported as removed (and remembered).
  const list = <T>(
    key: string,
    value: string,
    sub: string,
    extra: Record<string, QueryValue>,
    read: (body: unknown, at: Exchange) => PageRead<T>,
    level: string,
    options: MaprOptions = {},
  ): Paged<T> => {
    checkKeyValue(key, value);
    const route = sub === '' ? path`mapr/api/${key}/` : path`mapr/api/${key}/${sub}/`;
    const searchParams = { value, query: options.partial ? true : undefined, case_sensitive: options.caseSensitive, ...extra };
    // Not following redirects: a route switched off (a 3xx to HTML) is never read.
    const pages = pageLimitList<T>({ ...ctx, http: ctx.noRedirect }, route, searchParams, options, read);
    return paged<T>(
      async function* () {
        const caps = { mapr: await ctx.capability('mapr', callOf(options)) };
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
          if (!isResponseFormatError(error) && !isRedirectRefused(error)) throw error;
          ctx.markMaprRemoved();
          throw removed(error);
        }
      },
      { ...options, signal: callSignal(ctx, options) },
    );
  };
  return {
    async config(options) {
      const { body, at } = await jsonOf(ctx.http.get('mapr/api/config/', withCall({}, options)), 'GET', ctx.http.url('mapr/api/config/'));
      if (!isObject(body)) throw unexpectedShape('the mapr menus ({"gene": {...}, …})', at, body);
      return body as Record<string, MaprKeyConfig>;
    },
    screens: (key, value, options) => list<MaprScreen>(key, value, '', {}, containersAt<MaprScreen>('screens'), 'containers', options),
    projects: (key, value, options) => list<MaprProject>(key, value, '', {}, containersAt<MaprProject>('projects'), 'containers', options),
    async containers(key, value, options) {
      const screens: MaprScreen[] = [];
      const projects: MaprProject[] = [];
      const both = list<MaprScreen | MaprProject>(key, value, '', {}, bothAt(screens, projects), 'containers', options);
      for await (const _ of both.pages()) void _; // the reader files each page's items
      return { screens, projects };
    },
    plates: (key, value, parent, options) =>
      list<MaprPlate>(key, value, 'plates', { id: screenId(parent.screen, 'screen') }, containersAt<MaprPlate>('plates'), 'plates', options),
    datasets: (key, value, parent, options) =>
      list<MaprDataset>(key, value, 'datasets', { id: projectId(parent.project, 'project') }, containersAt<MaprDataset>('datasets'), 'datasets', options),
    images: (key, value, parent, options) => {
      const extra = 'plate' in parent ? { node: 'plate', id: plateId(parent.plate, 'plate') } : { node: 'dataset', id: datasetId(parent.dataset, 'dataset') };
      return list<MaprImage>(key, value, 'images', extra, itemsAt<MaprImage>('images'), 'images', options);
    },
  };
}
