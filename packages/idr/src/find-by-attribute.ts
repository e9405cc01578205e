// Attribute → studies → screens/projects → plates/datasets → images, fetched level by level.
// On IDR the search engine answers (containers first, then the image hits, read once and
// shared by every container); on other OMERO.web servers with mapr, the mapr chain.
import { type CallOptions, createHttpError, isValidationError, type Paged, ResponseFormatError, ValidationError } from '@bio/core-http';
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
import type { MaprApi, MaprContainer } from './mapr.js';
import type { Dataset, Image, Plate, Project, Screen } from './models.js';
import { type SearchContainer, type SearchHit, type SearchOperator, search, searchContainers } from './search-engine.js';

/** The attribute to look for. @example `{ key: 'Gene Symbol', value: 'CDC20' }` */
export interface AttributeQuery {
  /** A map-annotation key as the search engine knows it (`Gene Symbol`, `Organism`, …) or a mapr menu (`gene`). */
  key: string;
  /** The value to look for, e.g. `CDC20`; must not be empty. */
  value: string;
  /** How `value` is compared (search engine; default `equals`). On the mapr path only `equals` and `contains` (a substring match) exist; another operator is a `ValidationError` before any mapr request. */
  operator?: SearchOperator | undefined;
  /** Default: the server's (case-insensitive on the search engine; on mapr, only honoured when the menu allows it). */
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
export type AttributeList<T> = T[] & {
  /** True when `maxImages` stopped the read of the search-engine hits before this container's were all seen; always false on the mapr path. */
  readonly truncated: boolean;
};

/** What every node of {@link AttributeMatches} has: its kind, id and name, and its full record on request. */
export interface AttributeNode<K extends string, I extends number, D> {
  /** What the node is: `screen`, `project`, `plate`, `dataset` or `image`. */
  kind: K;
  /** The object's OMERO id. */
  id: I;
  /** The object's name as the search engine or mapr sent it; undefined when it sent none. */
  name: string | undefined;
  /**
   * The object from `/api/v0/m/{type}/{id}/`.
   *
   * @example
   * ```ts
   * const found = await idr.findByAttribute({ key: 'Gene Symbol', value: 'CDC20' });
   * const screen = found.containers[0];
   * if (screen) console.log((await screen.details()).Description);
   * ```
   */
  details(options?: CallOptions): Promise<D>;
}
/** A plate or a dataset, whose matching images are fetched when asked for. */
export interface AttributeImageSet<K extends string, I extends number, D> extends AttributeNode<K, I, D> {
  /**
   * The matching images of this plate or dataset (search engine: from the shared hits; mapr: `{key}/images/`).
   *
   * @example
   * ```ts
   * const found = await idr.findByAttribute({ key: 'Gene Symbol', value: 'CDC20' });
   * for (const c of found.containers) {
   *   const sets = c.kind === 'screen' ? await c.plates() : await c.datasets();
   *   for (const set of sets) console.log(set.id, (await set.images()).map((i) => i.id));
   * }
   * ```
   */
  images(options?: CallOptions): Promise<AttributeList<AttributeImage>>;
}
/** A screen or a project: a study's container, named, with the number of matching images. */
export interface AttributeStudyContainer<K extends string, I extends number, D> extends AttributeNode<K, I, D> {
  /** The container's name, e.g. `idr0002-heriche-condensation/screenA` (mapr's appended image count removed). */
  name: string;
  /** Matching images in the container, when the server says. */
  imageCount: number | undefined;
}

/** A matching image. @example `await img.details()` */
export interface AttributeImage extends AttributeNode<'image', ImageId, Image> {
  /** The image's well (the hit's `well_id`); undefined outside plates and on the mapr path. */
  wellId: WellId | undefined;
  /**
   * The image's map annotations.
   *
   * @example
   * ```ts
   * const images = await plate.images(); // plate: an AttributePlate of a findByAttribute result
   * for await (const ann of images[0]?.mapAnnotations() ?? []) console.log(ann.values);
   * ```
   */
  mapAnnotations(options?: AnnotationOptions): Paged<MapAnnotation>;
}
/** A matching plate. @example `await plate.images()` */
export interface AttributePlate extends AttributeImageSet<'plate', PlateId, Plate> {}
/** A matching dataset. @example `await dataset.images()` */
export interface AttributeDataset extends AttributeImageSet<'dataset', DatasetId, Dataset> {}
/** A matching screen. @example `for (const p of await screen.plates()) …` */
export interface AttributeScreen extends AttributeStudyContainer<'screen', ScreenId, Screen> {
  /**
   * The screen's plates that hold matching images.
   *
   * @example
   * ```ts
   * const found = await idr.findByAttribute({ key: 'Gene Symbol', value: 'CDC20' });
   * for (const c of found.containers) if (c.kind === 'screen') console.log(c.name, (await c.plates()).length);
   * ```
   */
  plates(options?: CallOptions): Promise<AttributeList<AttributePlate>>;
}
/** A matching project. @example `for (const d of await project.datasets()) …` */
export interface AttributeProject extends AttributeStudyContainer<'project', ProjectId, Project> {
  /**
   * The project's datasets that hold matching images.
   *
   * @example
   * ```ts
   * const found = await idr.findByAttribute({ key: 'Gene Symbol', value: 'CDK5RAP2' });
   * for (const c of found.containers) if (c.kind === 'project') console.log(c.name, (await c.datasets()).length);
   * ```
   */
  datasets(options?: CallOptions): Promise<AttributeList<AttributeDataset>>;
}
/** A screen or a project. @example `c.kind === 'screen' ? await c.plates() : await c.datasets()` */
export type AttributeContainer = AttributeScreen | AttributeProject;
/** One study (an `idrNNNN` accession may hold a screen and a project). @example `study.accession // 'idr0002'` */
export interface AttributeStudy {
  /** `idrNNNN` parsed from the container names, when they follow IDR's naming. */
  accession: string | undefined;
  /** The study's screens and projects (a container whose name has no accession is a study of its own). */
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
  /** The key asked for. */
  key: string;
  /** The value asked for. */
  value: string;
  /** Who answered: the IDR search engine, or OMERO.mapr on servers without it. */
  source: 'searchengine' | 'mapr';
  /** The containers grouped by study accession (`idrNNNN`). */
  studies: AttributeStudy[];
  /** Every matching screen and project, ungrouped. */
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

/** The two sides of a study, screen → plates and project → datasets: what differs between them. */
const LEVELS = {
  screen: { child: 'plate', children: 'plates', id: screenId, childId: plateId, details: getScreen, childDetails: getPlate },
  project: { child: 'dataset', children: 'datasets', id: projectId, childId: datasetId, details: getProject, childDetails: getDataset },
} as const;
type Level = keyof typeof LEVELS;

/** A plate or dataset as read from the hits or from mapr, before it becomes a node. */
interface ChildSeed {
  id: number;
  name: string | undefined;
  images: (options?: CallOptions) => Promise<AttributeList<AttributeImage>>;
}

/** An id the server sent, checked as ours are: a bad one is a malformed answer, not bad input. */
function serverId<T>(check: () => T, value: unknown, what: string): T {
  try {
    return check();
  } catch (error) {
    if (isValidationError(error))
      throw new ResponseFormatError({ service: 'idr', message: `the server sent a ${what} id that is not one: ${JSON.stringify(value)}`, cause: error });
    throw error;
  }
}

/** A screen or project node whose plates or datasets are the seeds `children` reads, when asked for. */
function containerNode(
  ctx: IdrContext,
  kind: Level,
  container: { id: number; name: string; imageCount: number | undefined },
  children: (options?: CallOptions) => Promise<AttributeList<ChildSeed>>,
): AttributeContainer {
  const level = LEVELS[kind];
  const id = serverId(() => level.id(container.id), container.id, kind);
  const childNodes = async (options?: CallOptions) => {
    const seeds = await children(options);
    const nodes = seeds.map((seed) => {
      const childId = serverId(() => level.childId(seed.id), seed.id, level.child);
      return { kind: level.child, id: childId, name: seed.name, images: seed.images, details: (o?: CallOptions) => level.childDetails(ctx, childId, o) };
    });
    return flagged(nodes, seeds.truncated);
  };
  const details = (o?: CallOptions) => level.details(ctx, id, o);
  // `LEVELS[kind]` pairs the kind with its children's key and types; the compiler cannot follow that pairing.
  return { kind, id, name: container.name, imageCount: container.imageCount, details, [level.children]: childNodes } as unknown as AttributeContainer;
}

function groupHits(
  hits: SearchHit[],
  idKey: 'plate_id' | 'dataset_id',
  nameKey: 'plate_name' | 'dataset_name',
): Map<number, { name: string | undefined; hits: SearchHit[] }> {
  const groups = new Map<number, { name: string | undefined; hits: SearchHit[] }>();
  for (const hit of hits) {
    const id = hit[idKey];
    // Every image hit of a screen names its plate (of a project, its dataset): one that does not cannot be placed.
    if (typeof id !== 'number')
      throw new ResponseFormatError({
        service: 'idr',
        message: `search hit ${JSON.stringify(hit.id)} has no ${idKey}: it cannot be placed in a ${idKey.slice(0, -3)}`,
      });
    const group = groups.get(id) ?? { name: hit[nameKey] ?? undefined, hits: [] };
    group.hits.push(hit);
    groups.set(id, group);
  }
  return groups;
}

/**
 * The studies of a `return_containers=true` answer. Each item must say whether it is a screen or a
 * project; an answer of image hits instead (no `type`) is grouped by the `screen_id`/`project_id`
 * every hit carries (image count unknown then). Anything else is refused, never guessed.
 */
interface FoundContainer {
  id: number;
  name: string;
  type: 'screen' | 'project';
  imageCount: number | undefined;
}

function classifyContainers(found: SearchContainer[]): FoundContainer[] {
  const out = new Map<string, FoundContainer>();
  for (const raw of found as unknown as Record<string, unknown>[]) {
    if ((raw.type === 'screen' || raw.type === 'project') && typeof raw.id === 'number') {
      const c = raw as unknown as SearchContainer;
      out.set(`${c.type}:${c.id}`, { id: c.id, name: c.name, type: c.type, imageCount: typeof c['image count'] === 'number' ? c['image count'] : undefined });
      continue;
    }
    const hit = raw as unknown as SearchHit;
    const kind = typeof hit.screen_id === 'number' ? 'screen' : typeof hit.project_id === 'number' ? 'project' : undefined;
    if (kind === undefined)
      throw new ResponseFormatError({
        service: 'idr',
        message: `the search engine sent a container that is neither a screen nor a project, nor a hit naming one: ${JSON.stringify(raw).slice(0, 200)}`,
      });
    const id = (kind === 'screen' ? hit.screen_id : hit.project_id) as number;
    const name = (kind === 'screen' ? hit.screen_name : hit.project_name) ?? String(id);
    if (!out.has(`${kind}:${id}`)) out.set(`${kind}:${id}`, { id, name, type: kind, imageCount: undefined });
  }
  return [...out.values()];
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
  const found = classifyContainers(await searchContainers(ctx, query, callOf(options)));
  const hits = once(() => search(ctx, query, { ...callOf(options), max: maxImages }).toArray());
  const containers = found.map((c) => {
    const kind = c.type === 'project' ? 'project' : 'screen';
    const child = LEVELS[kind].child;
    return containerNode(ctx, kind, { id: c.id, name: c.name, imageCount: c.imageCount }, async () => {
      const all = await hits();
      const mine = all.filter((h) => h[`${kind}_id`] === c.id);
      // The read stopped at the cap: a container with fewer hits read than its image count is incomplete.
      const truncated = all.length >= maxImages && (c.imageCount === undefined || mine.length < c.imageCount);
      const seeds = [...groupHits(mine, `${child}_id`, `${child}_name`)].map(([id, g]) => ({
        id,
        name: g.name,
        images: async () =>
          flagged(
            g.hits.map((h) => imageNode(ctx, h.id, h.name, h.well_id)),
            truncated,
          ),
      }));
      return flagged(seeds, truncated);
    });
  });
  return { key: q.key, value: q.value, source: 'searchengine', studies: groupStudies(containers), containers };
}

async function viaMapr(ctx: IdrContext, mapr: MaprApi, menu: string, q: AttributeQuery, options: FindByAttributeOptions): Promise<AttributeMatches> {
  const mo = { ...(q.caseSensitive === undefined ? {} : { caseSensitive: q.caseSensitive }), ...(q.operator === 'contains' ? { partial: true } : {}) };
  const maprOptions = (o: CallOptions | undefined) => ({ ...mo, ...callOf(o) });
  // One list answers both (mapr sends screens and projects in each page): one request per page, not two.
  const { screens, projects } = await mapr.containers(menu, q.value, maprOptions(options));
  const childrenOf = (kind: Level, id: number, o?: CallOptions) =>
    kind === 'screen' ? mapr.plates(menu, q.value, { screen: id }, maprOptions(o)) : mapr.datasets(menu, q.value, { project: id }, maprOptions(o));
  const imagesOf = async (kind: Level, id: number, o?: CallOptions) => {
    const list = await mapr.images(menu, q.value, kind === 'screen' ? { plate: id } : { dataset: id }, maprOptions(o)).toArray();
    return flagged(
      list.map((i) => imageNode(ctx, i.id, i.name, undefined)),
      false,
    );
  };
  const node = (kind: Level) => (c: MaprContainer<number>) =>
    containerNode(ctx, kind, { id: c.id, name: c.name, imageCount: c.imageCount }, async (o) => {
      const children = await childrenOf(kind, c.id, o).toArray();
      return flagged(
        children.map((child) => ({ id: child.id, name: child.name, images: (io?: CallOptions) => imagesOf(kind, child.id, io) })),
        false,
      );
    });
  const containers = [...screens.map(node('screen')), ...projects.map(node('project'))];
  return { key: q.key, value: q.value, source: 'mapr', studies: groupStudies(containers), containers };
}

/** Search engine when present, else mapr (the menu whose keys include `key`), else NotFoundError. */
export async function findByAttribute(ctx: IdrContext, mapr: MaprApi, q: AttributeQuery, options: FindByAttributeOptions = {}): Promise<AttributeMatches> {
  if (typeof q?.key !== 'string' || q.key.length === 0) throw new ValidationError({ message: 'findByAttribute needs a key', field: 'key' });
  if (typeof q.value !== 'string' || q.value.length === 0) throw new ValidationError({ message: 'findByAttribute needs a value', field: 'value' });
  // Only what this call needs: the search engine first; mapr only where there is none.
  if (await ctx.capability('searchEngine', callOf(options))) return viaSearchEngine(ctx, q, options);
  const maprCaps = await ctx.capability('mapr', callOf(options));
  if (maprCaps.status === 'available') {
    const menu = q.key in maprCaps.keys ? q.key : Object.entries(maprCaps.keys).find(([, c]) => c.all?.includes(q.key))?.[0];
    if (menu === undefined) throw new ValidationError({ message: `no mapr menu on this server covers the key "${q.key}"`, field: 'key' });
    // mapr matches a value exactly or as a substring: any other operator would silently become an exact match.
    if (q.operator !== undefined && q.operator !== 'equals' && q.operator !== 'contains') {
      throw new ValidationError({
        message: `operator "${q.operator}" needs the IDR search engine; this server answers through OMERO.mapr, which matches only "equals" and "contains"`,
        field: 'operator',
      });
    }
    return viaMapr(ctx, mapr, menu, q, options);
  }
  throw createHttpError({ status: 404, service: 'idr', message: 'findByAttribute: this server has neither the IDR search engine nor OMERO.mapr' });
}
