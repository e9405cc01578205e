// Attribute → studies → screens/projects → plates/datasets → images, fetched level by level.
// On IDR the search engine answers (containers first, then the image hits, read once and
// shared by every container); on other OMERO.web servers with mapr, the mapr chain.
import { type CallOptions, createHttpError, type Paged, ValidationError } from '@bio/core-http';
import type { AnnotationOptions, MapAnnotation } from './annotations.js';
import { mapAnnotations } from './annotations.js';
import {
  type DatasetId,
  datasetId,
  type ImageId,
  imageId,
  type PlateId,
  plateId,
  type ProjectId,
  projectId,
  type ScreenId,
  screenId,
  type WellId,
  wellId,
} from './ids.js';
import { callOf } from './internal/call.js';
import type { IdrContext } from './internal/context.js';
import { getDataset, getImage, getPlate, getProject, getScreen } from './json-api.js';
import type { MaprApi } from './mapr.js';
import type { Dataset, Image, Plate, Project, Screen } from './models.js';
import { type SearchHit, type SearchOperator, search, searchContainers } from './search-engine.js';

/** The attribute to look for. @example `{ key: 'Gene Symbol', value: 'CDC20' }` */
export interface AttributeQuery {
  /** A map-annotation key as the search engine knows it (`Gene Symbol`, `Organism`, …) or a mapr menu (`gene`). */
  key: string;
  value: string;
  operator?: SearchOperator | undefined;
  caseSensitive?: boolean | undefined;
}

/** Options of {@link Idr.findByAttribute}. @example `{ maxImages: 5000 }` */
export interface FindByAttributeOptions extends CallOptions {
  /**
   * Cap on image hits read from the search engine when a level below the studies is opened
   * (default 10 000). When the cap cuts a container's hits short, the lists read from them
   * say so with `truncated: true`.
   */
  maxImages?: number | undefined;
}

/**
 * A list read from the search-engine hits, flagged when `maxImages` stopped the read before every
 * hit of the container was seen (plates, datasets or images may then be missing). Always
 * `false` on the mapr path, which lists everything.
 *
 * @example
 * ```ts
 * const plates = await screen.plates();
 * if (plates.truncated) console.warn('raise maxImages to see every plate');
 * ```
 */
export type AttributeList<T> = T[] & { readonly truncated: boolean };

/** A matching image. @example `await img.details()` */
export interface AttributeImage {
  kind: 'image';
  id: ImageId;
  name: string | undefined;
  wellId: WellId | undefined;
  /** `/api/v0/m/images/{id}/`. */
  details(options?: CallOptions): Promise<Image>;
  /** The image's map annotations. */
  mapAnnotations(options?: AnnotationOptions): Paged<MapAnnotation>;
}
/** A matching plate. @example `await plate.images()` */
export interface AttributePlate {
  kind: 'plate';
  id: PlateId;
  name: string | undefined;
  images(options?: CallOptions): Promise<AttributeList<AttributeImage>>;
  details(options?: CallOptions): Promise<Plate>;
}
/** A matching dataset. @example `await dataset.images()` */
export interface AttributeDataset {
  kind: 'dataset';
  id: DatasetId;
  name: string | undefined;
  images(options?: CallOptions): Promise<AttributeList<AttributeImage>>;
  details(options?: CallOptions): Promise<Dataset>;
}
/** A matching screen. @example `for (const p of await screen.plates()) …` */
export interface AttributeScreen {
  kind: 'screen';
  id: ScreenId;
  name: string;
  /** Matching images in the screen, when the server says. */
  imageCount: number | undefined;
  plates(options?: CallOptions): Promise<AttributeList<AttributePlate>>;
  details(options?: CallOptions): Promise<Screen>;
}
/** A matching project. @example `for (const d of await project.datasets()) …` */
export interface AttributeProject {
  kind: 'project';
  id: ProjectId;
  name: string;
  imageCount: number | undefined;
  datasets(options?: CallOptions): Promise<AttributeList<AttributeDataset>>;
  details(options?: CallOptions): Promise<Project>;
}
/** A screen or a project. @example `c.kind === 'screen' ? await c.plates() : await c.datasets()` */
export type AttributeContainer = AttributeScreen | AttributeProject;
/** One study (an `idrNNNN` accession may hold a screen and a project). @example `study.accession // 'idr0002'` */
export interface AttributeStudy {
  /** `idrNNNN` parsed from the container names, when they follow IDR's naming. */
  accession: string | undefined;
  containers: AttributeContainer[];
}

/**
 * The result of {@link Idr.findByAttribute}: studies and their containers; lower levels are
 * fetched when asked for.
 *
 * @example
 * ```ts
 * const found = await idr.findByAttribute({ key: 'Gene Symbol', value: 'CDC20' });
 * for (const c of found.containers) if (c.kind === 'screen') for (const p of await c.plates()) console.log(p.id, (await p.images()).length);
 * ```
 */
export interface AttributeMatches {
  key: string;
  value: string;
  source: 'searchengine' | 'mapr';
  studies: AttributeStudy[];
  containers: AttributeContainer[];
}

/**
 * `idrNNNN` from a study container name like `idr0002-heriche-condensation/screenA`.
 *
 * @example
 * ```ts
 * accessionOf('idr0021-lawo-pericentriolarmaterial/experimentA'); // 'idr0021'
 * ```
 */
export function accessionOf(name: string | undefined | null): string | undefined {
  return name ? /^(idr\d{4})/i.exec(name)?.[1]?.toLowerCase() : undefined;
}

function groupStudies(containers: AttributeContainer[]): AttributeStudy[] {
  const studies = new Map<string, AttributeStudy>();
  for (const c of containers) {
    const accession = accessionOf(c.name);
    const key = accession ?? `${c.kind}:${c.id}`;
    const study = studies.get(key) ?? { accession, containers: [] };
    study.containers.push(c);
    studies.set(key, study);
  }
  return [...studies.values()];
}

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

function flagged<T>(items: T[], truncated: boolean): AttributeList<T> {
  return Object.assign(items, { truncated });
}

function imageNode(ctx: IdrContext, id: number, name: string | undefined, well: number | null | undefined): AttributeImage {
  const image = imageId(id);
  return {
    kind: 'image',
    id: image,
    name,
    wellId: typeof well === 'number' ? wellId(well) : undefined,
    details: (o = {}) => getImage(ctx, image, o),
    mapAnnotations: (o) => mapAnnotations(ctx, { image }, o),
  };
}

function groupHits(
  hits: SearchHit[],
  idKey: 'plate_id' | 'dataset_id',
  nameKey: 'plate_name' | 'dataset_name',
): Map<number, { name: string | undefined; hits: SearchHit[] }> {
  const groups = new Map<number, { name: string | undefined; hits: SearchHit[] }>();
  for (const hit of hits) {
    const id = hit[idKey];
    if (typeof id !== 'number') continue;
    const group = groups.get(id) ?? { name: hit[nameKey] ?? undefined, hits: [] };
    group.hits.push(hit);
    groups.set(id, group);
  }
  return groups;
}

async function viaSearchEngine(ctx: IdrContext, q: AttributeQuery, options: FindByAttributeOptions): Promise<AttributeMatches> {
  const query = {
    key: q.key,
    value: q.value,
    resource: 'image' as const,
    ...(q.operator === undefined ? {} : { operator: q.operator }),
    ...(q.caseSensitive === undefined ? {} : { caseSensitive: q.caseSensitive }),
  };
  const maxImages = options.maxImages ?? 10_000;
  if (!Number.isSafeInteger(maxImages) || maxImages < 1) throw new ValidationError({ message: 'maxImages must be a positive integer', field: 'maxImages' });
  const found = await searchContainers(ctx, query, callOf(options));
  const hits = once(() => search(ctx, query, { ...callOf(options), max: maxImages }).toArray());
  // The read stopped at the cap: a container with fewer hits read than its image count is incomplete.
  const mineOf = async (filter: (h: SearchHit) => boolean, imageCount: number | undefined) => {
    const all = await hits();
    const mine = all.filter(filter);
    return { mine, truncated: all.length >= maxImages && (imageCount === undefined || mine.length < imageCount) };
  };
  const toImages = (list: SearchHit[], truncated: boolean) =>
    flagged(
      list.map((h) => imageNode(ctx, h.id, h.name, h.well_id)),
      truncated,
    );
  const containers = found.map((c): AttributeContainer => {
    if (c.type === 'project') {
      const id = projectId(c.id);
      return {
        kind: 'project',
        id,
        name: c.name,
        imageCount: c['image count'],
        details: (o = {}) => getProject(ctx, id, o),
        datasets: async () => {
          const { mine, truncated } = await mineOf((h) => h.project_id === id, c['image count']);
          const datasets = [...groupHits(mine, 'dataset_id', 'dataset_name')].map(([dsId, g]): AttributeDataset => {
            const ds = datasetId(dsId);
            return { kind: 'dataset', id: ds, name: g.name, images: async () => toImages(g.hits, truncated), details: (o = {}) => getDataset(ctx, ds, o) };
          });
          return flagged(datasets, truncated);
        },
      };
    }
    const id = screenId(c.id);
    return {
      kind: 'screen',
      id,
      name: c.name,
      imageCount: c['image count'],
      details: (o = {}) => getScreen(ctx, id, o),
      plates: async () => {
        const { mine, truncated } = await mineOf((h) => h.screen_id === id, c['image count']);
        const plates = [...groupHits(mine, 'plate_id', 'plate_name')].map(([pId, g]): AttributePlate => {
          const plate = plateId(pId);
          return { kind: 'plate', id: plate, name: g.name, images: async () => toImages(g.hits, truncated), details: (o = {}) => getPlate(ctx, plate, o) };
        });
        return flagged(plates, truncated);
      },
    };
  });
  return { key: q.key, value: q.value, source: 'searchengine', studies: groupStudies(containers), containers };
}

async function viaMapr(ctx: IdrContext, mapr: MaprApi, menu: string, q: AttributeQuery, options: FindByAttributeOptions): Promise<AttributeMatches> {
  const mo = { ...(q.caseSensitive === undefined ? {} : { caseSensitive: q.caseSensitive }), ...(q.operator === 'contains' ? { partial: true } : {}) };
  const [screens, projects] = await Promise.all([
    mapr.screens(menu, q.value, { ...mo, ...callOf(options) }).toArray(),
    mapr.projects(menu, q.value, { ...mo, ...callOf(options) }).toArray(),
  ]);
  const images = (list: { id: number; name: string }[]) =>
    flagged(
      list.map((i) => imageNode(ctx, i.id, i.name, undefined)),
      false,
    );
  const containers: AttributeContainer[] = [
    ...screens.map(
      (s): AttributeScreen => ({
        kind: 'screen',
        id: s.id,
        name: s.name,
        imageCount: s.extra?.counter,
        details: (o = {}) => getScreen(ctx, s.id, o),
        plates: async (o) =>
          flagged(
            (await mapr.plates(menu, q.value, { screen: s.id }, { ...mo, ...callOf(o) }).toArray()).map((p) => ({
              kind: 'plate' as const,
              id: p.id,
              name: p.name,
              images: async (io?: CallOptions) => images(await mapr.images(menu, q.value, { plate: p.id }, { ...mo, ...callOf(io) }).toArray()),
              details: (po?: CallOptions) => getPlate(ctx, p.id, po),
            })),
            false,
          ),
      }),
    ),
    ...projects.map(
      (p): AttributeProject => ({
        kind: 'project',
        id: p.id,
        name: p.name,
        imageCount: p.extra?.counter,
        details: (o = {}) => getProject(ctx, p.id, o),
        datasets: async (o) =>
          flagged(
            (await mapr.datasets(menu, q.value, { project: p.id }, { ...mo, ...callOf(o) }).toArray()).map((d) => ({
              kind: 'dataset' as const,
              id: d.id,
              name: d.name,
              images: async (io?: CallOptions) => images(await mapr.images(menu, q.value, { dataset: d.id }, { ...mo, ...callOf(io) }).toArray()),
              details: (po?: CallOptions) => getDataset(ctx, d.id, po),
            })),
            false,
          ),
      }),
    ),
  ];
  return { key: q.key, value: q.value, source: 'mapr', studies: groupStudies(containers), containers };
}

/** Search engine when present, else mapr (the menu whose keys include `key`), else NotFoundError. */
export async function findByAttribute(ctx: IdrContext, mapr: MaprApi, q: AttributeQuery, options: FindByAttributeOptions = {}): Promise<AttributeMatches> {
  if (typeof q?.key !== 'string' || q.key.length === 0) throw new ValidationError({ message: 'findByAttribute needs a key', field: 'key' });
  if (typeof q.value !== 'string' || q.value.length === 0) throw new ValidationError({ message: 'findByAttribute needs a value', field: 'value' });
  const caps = await ctx.capabilities(callOf(options));
  if (caps.searchEngine) return viaSearchEngine(ctx, q, options);
  if (caps.mapr.status === 'available') {
    const menu = q.key in caps.mapr.keys ? q.key : Object.entries(caps.mapr.keys).find(([, c]) => c.all?.includes(q.key))?.[0];
    if (menu === undefined) throw new ValidationError({ message: `no mapr menu on this server covers the key "${q.key}"`, field: 'key' });
    return viaMapr(ctx, mapr, menu, q, options);
  }
  throw createHttpError({ status: 404, service: 'idr', message: 'findByAttribute: this server has neither the IDR search engine nor OMERO.mapr' });
}
