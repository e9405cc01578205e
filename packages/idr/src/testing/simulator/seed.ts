// `createSimulator({ seed })`: the user's own screens, plates, wells, projects, datasets and images,
// checked against OMERO's shapes (a ValidationError naming the field) and added to the state.
import { ValidationError } from '@bio/core-http';
import { addImage, addMap, addPlate, addScreen, nextId } from './build.js';
import type { IdrSimulatorState, SimParentType } from './state.js';

/** A map annotation to attach: `[key, value]` pairs (keys may repeat) in a namespace. @example `{ ns: 'openmicroscopy.org/mapr/gene', values: [['Gene Symbol', 'CDC20']] }` */
export interface IdrSeedMapAnnotation {
  /** Default: the next free annotation id. */
  id?: number | undefined;
  /** Default `null` (no namespace). */
  ns?: string | null | undefined;
  /** The `[key, value]` pairs, in order; keys may repeat. */
  values: [string, string][];
}
/** An image. @example `{ id: 9000001, name: 'my image', sizeX: 1024, channels: ['DAPI', 'GFP'] }` */
export interface IdrSeedImage {
  /** The image's id: a positive integer no other image has. */
  id: number;
  /** The image's name; must not be empty. */
  name: string;
  /** Defaults: 512, 512, 1, the number of `channels` (else 1), 1. */
  sizeX?: number | undefined;
  /** Height in pixels. Default 512. */
  sizeY?: number | undefined;
  /** Number of z-planes. Default 1. */
  sizeZ?: number | undefined;
  /** Number of channels. Default: the number of `channels`, else 1. */
  sizeC?: number | undefined;
  /** Number of timepoints. Default 1. */
  sizeT?: number | undefined;
  /** Default `uint16`. */
  pixelsType?: string | undefined;
  /** µm per pixel (x and y); absent = no PhysicalSize keys. */
  physicalSize?: number | undefined;
  /** Channel names (their number sets `sizeC`). */
  channels?: string[] | undefined;
  /** `unavailable`: imgData answers with an `Exception`, as IDR does for pixels moved to OME-Zarr. Default `ok`. */
  pixels?: 'ok' | 'unavailable' | undefined;
  /** false: no thumbnail (get_thumbnails null, render_thumbnail 404). Default true. */
  thumbnail?: boolean | undefined;
  /** When the image was acquired, an ISO 8601 date-time (`'2012-07-31T13:00:00Z'`); absent = no `AcquisitionDate`. */
  acquisitionDate?: string | undefined;
  /** When the image was imported, an ISO 8601 date-time. Default 2016-05-26T10:11:12Z. */
  importDate?: string | undefined;
  /** Map annotations linked to the image. */
  mapAnnotations?: IdrSeedMapAnnotation[] | undefined;
}
/** A well at a 0-based row and column, one image per field (none: never imaged). @example `{ id: 7000001, row: 0, column: 0, images: [{ id: 9000001, name: 'A1' }] }` */
export interface IdrSeedWell {
  /** The well's id: a positive integer no other well has. */
  id: number;
  /** 0-based row, inside the plate. */
  row: number;
  /** 0-based column, inside the plate. */
  column: number;
  /** Its images, one per field; none = a well never imaged (no `WellSamples`). */
  images?: IdrSeedImage[] | undefined;
  /** Map annotations linked to the well. */
  mapAnnotations?: IdrSeedMapAnnotation[] | undefined;
}
/** A plate (default 8×12, letter rows, numbered columns). @example `{ id: 8000001, name: 'plate A', wells: [...] }` */
export interface IdrSeedPlate {
  /** The plate's id: a positive integer no other plate has. */
  id: number;
  /** The plate's name; must not be empty. */
  name: string;
  /** Number of well rows. Default 8. */
  rows?: number | undefined;
  /** Number of well columns. Default 12. */
  columns?: number | undefined;
  /** Its wells (at most one per position). */
  wells?: IdrSeedWell[] | undefined;
  /** Map annotations linked to the plate. */
  mapAnnotations?: IdrSeedMapAnnotation[] | undefined;
}
/** A screen with its plates. @example `{ id: 9001, name: 'idr9001-my/screenA', plates: [...] }` */
export interface IdrSeedScreen {
  /** The screen's id: a positive integer no other screen has. */
  id: number;
  /** The screen's name (IDR style: `idrNNNN-…/screenA`); must not be empty. */
  name: string;
  /** The screen's description. Default `''`. */
  description?: string | undefined;
  /** Its plates. */
  plates?: IdrSeedPlate[] | undefined;
  /** Map annotations linked to the screen. */
  mapAnnotations?: IdrSeedMapAnnotation[] | undefined;
}
/** A dataset with its images. @example `{ id: 9101, name: 'controls', images: [...] }` */
export interface IdrSeedDataset {
  /** The dataset's id: a positive integer no other dataset has. */
  id: number;
  /** The dataset's name; must not be empty. */
  name: string;
  /** Its images. */
  images?: IdrSeedImage[] | undefined;
  /** Map annotations linked to the dataset. */
  mapAnnotations?: IdrSeedMapAnnotation[] | undefined;
}
/** A project with its datasets. @example `{ id: 9201, name: 'idr9201-my/experimentA', datasets: [...] }` */
export interface IdrSeedProject {
  /** The project's id: a positive integer no other project has. */
  id: number;
  /** The project's name (IDR style: `idrNNNN-…/experimentA`); must not be empty. */
  name: string;
  /** The project's description. Default `''`. */
  description?: string | undefined;
  /** Its datasets. */
  datasets?: IdrSeedDataset[] | undefined;
  /** Map annotations linked to the project. */
  mapAnnotations?: IdrSeedMapAnnotation[] | undefined;
}

/**
 * Data of your own for {@link createSimulator}, added to the built-in dataset (or alone, with
 * `builtin: false`). Ids are per type (a screen and a project may share one) and must not
 * collide with existing objects of their type.
 *
 * @example
 * ```ts
 * const seed: IdrSeed = {
 *   screens: [{ id: 9001, name: 'idr9001-my/screenA', plates: [{ id: 8001, name: 'P1', wells: [
 *     { id: 7001, row: 0, column: 0, images: [{ id: 6001, name: 'P1 [A1]', mapAnnotations: [{ ns: 'openmicroscopy.org/mapr/gene', values: [['Gene Symbol', 'MYGENE']] }] }] },
 *   ] }] }],
 * };
 * ```
 */
export interface IdrSeed {
  /** Screens, with their plates, wells and images. */
  screens?: IdrSeedScreen[] | undefined;
  /** Projects, with their datasets and images. */
  projects?: IdrSeedProject[] | undefined;
  /** Images in no dataset and no well (`orphaned=true`). */
  images?: IdrSeedImage[] | undefined;
}

type Obj = Record<string, unknown>;

function fail(field: string, message: string): never {
  throw new ValidationError({ message: `seed: ${field} ${message}`, field });
}
function object(value: unknown, field: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(field, 'must be an object');
  return value as Obj;
}
function array(value: unknown, field: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(field, 'must be an array');
  return value;
}
function int(value: unknown, field: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) fail(field, `must be an integer ≥ ${min}, got ${JSON.stringify(value)}`);
  return value;
}
function optInt(value: unknown, field: string, min: number): number | undefined {
  return value === undefined ? undefined : int(value, field, min);
}
function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) fail(field, 'must be a non-empty string');
  return value;
}
function optString(value: unknown, field: string): string | undefined {
  if (value !== undefined && typeof value !== 'string') fail(field, 'must be a string');
  return value;
}
function optDate(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) fail(field, "must be an ISO 8601 date-time such as '2016-05-26T10:11:12Z'");
  return ms;
}
/** The id of a new object: a positive integer that `map` does not hold yet. */
function freshId(map: Map<number, unknown>, value: unknown, field: string, what: string): number {
  const id = int(value, field, 1);
  if (map.has(id)) fail(field, `${what} ${id} already exists`);
  return id;
}

function maps(state: IdrSimulatorState, value: unknown, field: string, parent: [SimParentType, number]): void {
  array(value, field).forEach((raw, i) => {
    const f = `${field}[${i}]`;
    const a = object(raw, f);
    const pairs = array(a.values, `${f}.values`).map((pair, j) => {
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string')
        fail(`${f}.values[${j}]`, 'must be a [key, value] pair of strings');
      return [pair[0], pair[1]] as [string, string];
    });
    if (a.ns !== undefined && a.ns !== null && typeof a.ns !== 'string') fail(`${f}.ns`, 'must be a string or null');
    const id = a.id === undefined ? nextId(state, 90_000_000) : freshId(state.annotations, a.id, `${f}.id`, 'annotation');
    addMap(state, id, (a.ns as string | null | undefined) ?? null, parent, pairs);
  });
}

function image(state: IdrSimulatorState, raw: unknown, field: string): number {
  const i = object(raw, field);
  const id = freshId(state.images, i.id, `${field}.id`, 'image');
  const channels = i.channels === undefined ? undefined : array(i.channels, `${field}.channels`).map((c, j) => text(c, `${field}.channels[${j}]`));
  const sizeC = optInt(i.sizeC, `${field}.sizeC`, 1);
  if (channels && sizeC !== undefined && channels.length !== sizeC) fail(`${field}.channels`, `has ${channels.length} names but sizeC is ${sizeC}`);
  if (i.physicalSize !== undefined && (typeof i.physicalSize !== 'number' || !(i.physicalSize > 0))) fail(`${field}.physicalSize`, 'must be a positive number');
  if (i.pixels !== undefined && i.pixels !== 'ok' && i.pixels !== 'unavailable') fail(`${field}.pixels`, "must be 'ok' or 'unavailable'");
  if (i.thumbnail !== undefined && typeof i.thumbnail !== 'boolean') fail(`${field}.thumbnail`, 'must be a boolean');
  if (i.pixelsType !== undefined) text(i.pixelsType, `${field}.pixelsType`);
  addImage(state, {
    id,
    name: text(i.name, `${field}.name`),
    sizeX: optInt(i.sizeX, `${field}.sizeX`, 1),
    sizeY: optInt(i.sizeY, `${field}.sizeY`, 1),
    sizeZ: optInt(i.sizeZ, `${field}.sizeZ`, 1),
    sizeT: optInt(i.sizeT, `${field}.sizeT`, 1),
    sizeC: sizeC ?? channels?.length,
    pixelsType: i.pixelsType as string | undefined,
    physicalSize: i.physicalSize as number | undefined,
    channelNames: channels,
    pixels: i.pixels as 'ok' | 'unavailable' | undefined,
    thumbnail: i.thumbnail as boolean | undefined,
    acquisitionDate: optDate(i.acquisitionDate, `${field}.acquisitionDate`),
    importDate: optDate(i.importDate, `${field}.importDate`),
  });
  maps(state, i.mapAnnotations, `${field}.mapAnnotations`, ['image', id]);
  return id;
}

/** Check `seed` and add it to `state`; a ValidationError names the first field at fault. */
export function applySeed(state: IdrSimulatorState, seed: unknown): void {
  const s = object(seed, 'seed');
  for (const key of Object.keys(s))
    if (!['screens', 'projects', 'images'].includes(key)) fail(`seed.${key}`, 'is not a seed field (use screens, projects, images)');
  array(s.screens, 'seed.screens').forEach((raw, i) => {
    const f = `seed.screens[${i}]`;
    const sc = object(raw, f);
    const id = freshId(state.screens, sc.id, `${f}.id`, 'screen');
    const description = optString(sc.description, `${f}.description`) ?? '';
    addScreen(state, id, text(sc.name, `${f}.name`), description);
    maps(state, sc.mapAnnotations, `${f}.mapAnnotations`, ['screen', id]);
    array(sc.plates, `${f}.plates`).forEach((rawPlate, j) => {
      const pf = `${f}.plates[${j}]`;
      const p = object(rawPlate, pf);
      const plateId = freshId(state.plates, p.id, `${pf}.id`, 'plate');
      const rows = optInt(p.rows, `${pf}.rows`, 1) ?? 8;
      const columns = optInt(p.columns, `${pf}.columns`, 1) ?? 12;
      const wells = array(p.wells, `${pf}.wells`);
      const plate = addPlate(state, id, { id: plateId, name: text(p.name, `${pf}.name`), rows, columns, rowNaming: 'letter', columnNaming: 'number' });
      maps(state, p.mapAnnotations, `${pf}.mapAnnotations`, ['plate', plateId]);
      const taken = new Set<string>();
      wells.forEach((rawWell, k) => {
        const wf = `${pf}.wells[${k}]`;
        const w = object(rawWell, wf);
        const wellId = freshId(state.wells, w.id, `${wf}.id`, 'well');
        const row = int(w.row, `${wf}.row`, 0);
        const column = int(w.column, `${wf}.column`, 0);
        if (row >= rows) fail(`${wf}.row`, `is outside the plate (${rows} rows)`);
        if (column >= columns) fail(`${wf}.column`, `is outside the plate (${columns} columns)`);
        if (taken.has(`${row},${column}`)) fail(wf, `is a second well at row ${row}, column ${column}`);
        taken.add(`${row},${column}`);
        const imageIds = array(w.images, `${wf}.images`).map((im, n) => image(state, im, `${wf}.images[${n}]`));
        state.wells.set(wellId, { id: wellId, plateId, row, column, imageIds });
        plate.fields = Math.max(plate.fields, imageIds.length);
        maps(state, w.mapAnnotations, `${wf}.mapAnnotations`, ['well', wellId]);
      });
    });
  });
  array(s.projects, 'seed.projects').forEach((raw, i) => {
    const f = `seed.projects[${i}]`;
    const pr = object(raw, f);
    const id = freshId(state.projects, pr.id, `${f}.id`, 'project');
    const description = optString(pr.description, `${f}.description`) ?? '';
    const project = { id, name: text(pr.name, `${f}.name`), description, datasetIds: [] as number[] };
    state.projects.set(id, project);
    maps(state, pr.mapAnnotations, `${f}.mapAnnotations`, ['project', id]);
    array(pr.datasets, `${f}.datasets`).forEach((rawDs, j) => {
      const df = `${f}.datasets[${j}]`;
      const d = object(rawDs, df);
      const dsId = freshId(state.datasets, d.id, `${df}.id`, 'dataset');
      const dataset = { id: dsId, name: text(d.name, `${df}.name`), description: '', imageIds: [] as number[] };
      state.datasets.set(dsId, dataset);
      project.datasetIds.push(dsId);
      dataset.imageIds = array(d.images, `${df}.images`).map((im, n) => image(state, im, `${df}.images[${n}]`));
      maps(state, d.mapAnnotations, `${df}.mapAnnotations`, ['dataset', dsId]);
    });
  });
  array(s.images, 'seed.images').forEach((raw, i) => {
    image(state, raw, `seed.images[${i}]`);
  });
}
