// One object model over the five shapes an image comes back in: `Image`, `Well`, `Plate`,
// `Screen`, `Project`, `Dataset` objects with navigation (screen → plates → wells → images,
// project → datasets → images), sizes in µm with the unit kept, channel names, and the raw JSON
// (`raw`) still there. Built on the /api/v0 calls; additive (the raw calls are unchanged).
import { type CallOptions, type Page, type Paged, paged } from '@bio/core-http';
import { type AnnotationOptions, type MapAnnotation, mapAnnotations } from './annotations.js';
import type { DatasetId, IdInput, ImageId, PlateId, ProjectId, ScreenId, WellId } from './ids.js';
import type { IdrContext } from './internal/context.js';
import { type ApiLists, getDataset, getImage, getPlate, getProject, getScreen, getWell, listObjects } from './json-api.js';
import type { IdrListOptions } from './list-options.js';
import type { Dataset, Image, ImageRef, Plate, Project, Screen, Well } from './models.js';
import { type ThumbnailOptions, thumbnail } from './thumbnails.js';
import { type PhysicalSize, toPhysicalSize } from './units.js';
import { type PlateGrid, type PlateGridOptions, plateGrid } from './webgateway.js';
import { wellLabel } from './wells.js';

/** What every object has: its kind, id, name, the JSON it was read from, and its map annotations. */
export interface ObjectBase<K extends string, I extends number, R> {
  /** What the object is: `screen`, `project`, `dataset`, `plate`, `well` or `image`. */
  kind: K;
  /** The object's OMERO id (`@id`). */
  id: I;
  /** The object's `Name`; undefined when the JSON has none (always for wells, which have no name). */
  name: string | undefined;
  /** The JSON the object was built from, unchanged (`/api/v0` marshal object). */
  raw: R;
  /**
   * The object's map annotations (`webclient/api/annotations/`).
   *
   * @example
   * ```ts
   * const image = await idr.objects.image(122770);
   * for await (const ann of image.annotations({ ns: 'openmicroscopy.org/mapr/gene' })) console.log(ann.values);
   * ```
   */
  annotations(options?: AnnotationOptions): Paged<MapAnnotation>;
}

/** A channel of an image. @example `image.channels.map((c) => c.name ?? `#${c.index}`)` */
export interface ChannelInfo {
  /** 0-based position of the channel in the image. */
  index: number;
  /** Absent on many IDR images. */
  name: string | undefined;
  /**
   * The channel's colour as hex RGB without `#` (as imgData writes it), e.g. `FF0000`, read from
   * the signed 32-bit RGBA integer `Color` (-16776961 is opaque red); undefined when not set.
   */
  color: string | undefined;
  /** Emission wavelength (`EmissionWavelength`, unit kept); undefined when not recorded. */
  emissionWavelength: PhysicalSize | undefined;
  /** Excitation wavelength (`ExcitationWavelength`, unit kept); undefined when not recorded. */
  excitationWavelength: PhysicalSize | undefined;
}

/**
 * An image: dimensions, pixel type, physical sizes in µm (unit kept), channels.
 *
 * @example
 * ```ts
 * const image = await idr.objects.image(1884807);
 * console.log(image.size?.x, image.physicalSize.x?.micrometres, image.channels.map((c) => c.name));
 * ```
 */
export interface ImageObject extends ObjectBase<'image', ImageId, Image | ImageRef> {
  /** Width, height (pixels), z-planes, channels and timepoints (`Pixels.SizeX` …); undefined when the JSON has no `Pixels`. */
  size: { x: number; y: number; z: number; c: number; t: number } | undefined;
  /** The pixel type (`Pixels.Type.value`), e.g. `uint16`; undefined when not sent. */
  pixelsType: string | undefined;
  /** Size of a pixel along x and y, and the z step (`Pixels.PhysicalSize*`, unit kept); undefined where unknown. */
  physicalSize: { x: PhysicalSize | undefined; y: PhysicalSize | undefined; z: PhysicalSize | undefined };
  /** Empty when the JSON lists no channels (images inside a well list them only when read alone: see `details()`). */
  channels: ChannelInfo[];
  /**
   * The image read alone (`/api/v0/m/images/{id}/`, with channels).
   *
   * @example
   * ```ts
   * const well = await idr.objects.well(590809);
   * const image = await well.images()[0]?.details();
   * console.log(image?.channels.map((c) => c.name));
   * ```
   */
  details(options?: CallOptions): Promise<ImageObject>;
  /**
   * Its thumbnail JPEG.
   *
   * @example
   * ```ts
   * const jpeg = await (await idr.objects.image(1229801)).thumbnail();
   * ```
   */
  thumbnail(options?: ThumbnailOptions): Promise<Uint8Array>;
}

/** A well: position (0-based, with its label such as `A1`) and its images, one per field. @example `well.images().map((i) => i.id)` */
export interface WellObject extends ObjectBase<'well', WellId, Well> {
  /** 0-based row (`Row`). */
  row: number;
  /** 0-based column (`Column`). */
  column: number;
  /** `A1`, from the plate's naming conventions when known. */
  label: string;
  /**
   * Its images, one per field (from the well's JSON, no request); empty for a well never imaged.
   *
   * @example
   * ```ts
   * const well = await idr.objects.well(590809);
   * console.log(well.label, well.images().map((i) => i.id));
   * ```
   */
  images(): ImageObject[];
}

/** A plate and its wells. @example `for await (const w of plate.wells()) console.log(w.label, w.images().length);` */
export interface PlateObject extends ObjectBase<'plate', PlateId, Plate> {
  /** Number of well rows (`Rows`); undefined when not set. */
  rows: number | undefined;
  /** Number of well columns (`Columns`); undefined when not set. */
  columns: number | undefined;
  /**
   * Its wells (`/api/v0/m/wells/?plate={id}`), labelled with the plate's naming conventions.
   *
   * @example
   * ```ts
   * const plate = await idr.objects.plate(2551);
   * for await (const well of plate.wells()) console.log(well.label, well.images().length);
   * ```
   */
  wells(options?: IdrListOptions): Paged<WellObject>;
  /**
   * The plate grid of one field (cells carry `row` and `column`).
   *
   * @example
   * ```ts
   * const grid = await (await idr.objects.plate(4554)).grid({ field: 0 });
   * ```
   */
  grid(options?: PlateGridOptions): Promise<PlateGrid>;
}

/** A screen and its plates. @example `for await (const p of screen.plates()) console.log(p.name);` */
export interface ScreenObject extends ObjectBase<'screen', ScreenId, Screen> {
  /** The screen's `Description`; undefined when not set. */
  description: string | undefined;
  /**
   * Its plates (`/api/v0/m/plates/?screen={id}`).
   *
   * @example
   * ```ts
   * const screen = await idr.objects.screen(102);
   * const plates = await screen.plates().toArray();
   * ```
   */
  plates(options?: IdrListOptions): Paged<PlateObject>;
}

/** A project and its datasets. @example `for await (const d of project.datasets()) console.log(d.name);` */
export interface ProjectObject extends ObjectBase<'project', ProjectId, Project> {
  /** The project's `Description`; undefined when not set. */
  description: string | undefined;
  /**
   * Its datasets (`/api/v0/m/datasets/?project={id}`).
   *
   * @example
   * ```ts
   * const project = await idr.objects.project(51);
   * for await (const dataset of project.datasets()) console.log(dataset.id, dataset.name);
   * ```
   */
  datasets(options?: IdrListOptions): Paged<DatasetObject>;
}

/** A dataset and its images. @example `for await (const i of dataset.images()) console.log(i.name);` */
export interface DatasetObject extends ObjectBase<'dataset', DatasetId, Dataset> {
  /** The dataset's `Description`; undefined when not set. */
  description: string | undefined;
  /**
   * Its images (`/api/v0/m/images/?dataset={id}`, with pixels but without channels).
   *
   * @example
   * ```ts
   * const dataset = await idr.objects.dataset(51);
   * for await (const image of dataset.images({ max: 10 })) console.log(image.name, image.size?.x);
   * ```
   */
  images(options?: IdrListOptions): Paged<ImageObject>;
}

/**
 * Entry points of the object model: each reads one object from `/api/v0`.
 *
 * @example
 * ```ts
 * const screen = await idr.objects.screen(102);
 * for await (const plate of screen.plates()) for await (const well of plate.wells()) for (const image of well.images()) console.log(image.id);
 * ```
 */
export interface IdrObjects {
  /**
   * A screen (`/api/v0/m/screens/{id}/`); 404 → NotFoundError.
   *
   * @example
   * ```ts
   * const screen = await idr.objects.screen(102);
   * console.log(screen.name, screen.description);
   * ```
   */
  screen(id: IdInput<ScreenId>, options?: CallOptions): Promise<ScreenObject>;
  /**
   * A project (`/api/v0/m/projects/{id}/`); 404 → NotFoundError.
   *
   * @example
   * ```ts
   * const project = await idr.objects.project(51);
   * ```
   */
  project(id: IdInput<ProjectId>, options?: CallOptions): Promise<ProjectObject>;
  /**
   * A dataset (`/api/v0/m/datasets/{id}/`); 404 → NotFoundError.
   *
   * @example
   * ```ts
   * const dataset = await idr.objects.dataset(51);
   * ```
   */
  dataset(id: IdInput<DatasetId>, options?: CallOptions): Promise<DatasetObject>;
  /**
   * A plate (`/api/v0/m/plates/{id}/`); 404 → NotFoundError.
   *
   * @example
   * ```ts
   * const plate = await idr.objects.plate(2551);
   * console.log(plate.rows, plate.columns); // 8 12
   * ```
   */
  plate(id: IdInput<PlateId>, options?: CallOptions): Promise<PlateObject>;
  /**
   * A well (`/api/v0/m/wells/{id}/`); read alone, its label uses the default naming (letter rows, numbered columns).
   *
   * @example
   * ```ts
   * const well = await idr.objects.well(590809);
   * console.log(well.label); // 'A1'
   * ```
   */
  well(id: IdInput<WellId>, options?: CallOptions): Promise<WellObject>;
  /**
   * An image (`/api/v0/m/images/{id}/`, with its channels); 404 → NotFoundError.
   *
   * @example
   * ```ts
   * const image = await idr.objects.image(1884807);
   * console.log(image.size, image.physicalSize.x?.micrometres);
   * ```
   */
  image(id: IdInput<ImageId>, options?: CallOptions): Promise<ImageObject>;
}

/** omero-marshal's signed RGBA integer (`0xRRGGBBAA`, Python's `rgba_to_int`) as hex `RRGGBB`. */
function rgbHex(color: number | undefined): string | undefined {
  if (typeof color !== 'number' || !Number.isInteger(color)) return undefined;
  return ((color >>> 8) & 0xffffff).toString(16).toUpperCase().padStart(6, '0');
}

/** A Paged of `T` as a Paged of `U` (same pages, same `total`). */
function mapPaged<T, U>(list: (o: IdrListOptions) => Paged<T>, convert: (item: T) => U, options: IdrListOptions = {}): Paged<U> {
  const inner = list(options);
  return paged<U>(async function* () {
    for await (const page of inner.pages()) yield { ...page, items: page.items.map(convert) } as Page<U>;
  }, options);
}

export function createObjects(ctx: IdrContext): IdrObjects {
  const annotations = (key: 'screen' | 'project' | 'dataset' | 'plate' | 'well' | 'image', id: number) => (o?: AnnotationOptions) =>
    mapAnnotations(ctx, { [key]: id }, o);

  /** One `/api/v0` list filtered by its parent, as objects (what `plates()`, `wells()` … return). */
  const children =
    <K extends keyof ApiLists, U>(type: K, parent: ApiLists[K]['filters'], convert: (item: ApiLists[K]['item']) => U) =>
    (o?: IdrListOptions): Paged<U> =>
      mapPaged((x) => listObjects(ctx, type, parent, x), convert, o);

  // What screens, projects and datasets share; each adds its children, then `annotations` (kept last).
  const described = <K extends 'screen' | 'project' | 'dataset', R extends Screen | Project | Dataset>(
    kind: K,
    raw: R,
  ): { kind: K; id: R['@id']; name: string | undefined; description: string | undefined; raw: R } => ({
    kind,
    id: raw['@id'],
    name: raw.Name,
    description: raw.Description,
    raw,
  });

  const image = (raw: Image | ImageRef): ImageObject => {
    const px = raw.Pixels;
    return {
      kind: 'image',
      id: raw['@id'],
      name: raw.Name,
      raw,
      size: px === undefined ? undefined : { x: px.SizeX, y: px.SizeY, z: px.SizeZ, c: px.SizeC, t: px.SizeT },
      pixelsType: px?.Type?.value,
      physicalSize: { x: toPhysicalSize(px?.PhysicalSizeX), y: toPhysicalSize(px?.PhysicalSizeY), z: toPhysicalSize(px?.PhysicalSizeZ) },
      channels: (px?.Channels ?? []).map((c, index) => ({
        index,
        name: c.Name,
        color: rgbHex(c.Color),
        emissionWavelength: toPhysicalSize(c.EmissionWavelength),
        excitationWavelength: toPhysicalSize(c.ExcitationWavelength),
      })),
      details: async (o) => image(await getImage(ctx, raw['@id'], o)),
      thumbnail: (o) => thumbnail(ctx, raw['@id'], o),
      annotations: annotations('image', raw['@id']),
    };
  };

  const well = (raw: Well, plate?: Pick<Plate, 'RowNamingConvention' | 'ColumnNamingConvention'>): WellObject => ({
    kind: 'well',
    id: raw['@id'],
    name: undefined,
    raw,
    row: raw.Row,
    column: raw.Column,
    label: wellLabel(raw, plate),
    images: () => (raw.WellSamples ?? []).map((s) => image(s.Image)),
    annotations: annotations('well', raw['@id']),
  });

  const plateObject = (raw: Plate): PlateObject => ({
    kind: 'plate',
    id: raw['@id'],
    name: raw.Name,
    raw,
    rows: raw.Rows,
    columns: raw.Columns,
    wells: children('wells', { plate: raw['@id'] }, (w) => well(w, raw)),
    grid: (o) => plateGrid(ctx, raw['@id'], o),
    annotations: annotations('plate', raw['@id']),
  });

  const datasetObject = (raw: Dataset): DatasetObject => ({
    ...described('dataset', raw),
    images: children('images', { dataset: raw['@id'] }, image),
    annotations: annotations('dataset', raw['@id']),
  });

  const projectObject = (raw: Project): ProjectObject => ({
    ...described('project', raw),
    datasets: children('datasets', { project: raw['@id'] }, datasetObject),
    annotations: annotations('project', raw['@id']),
  });

  const screenObject = (raw: Screen): ScreenObject => ({
    ...described('screen', raw),
    plates: children('plates', { screen: raw['@id'] }, plateObject),
    annotations: annotations('screen', raw['@id']),
  });

  return {
    screen: async (id, o) => screenObject(await getScreen(ctx, id, o)),
    project: async (id, o) => projectObject(await getProject(ctx, id, o)),
    dataset: async (id, o) => datasetObject(await getDataset(ctx, id, o)),
    plate: async (id, o) => plateObject(await getPlate(ctx, id, o)),
    async well(id, o) {
      const raw = await getWell(ctx, id, o);
      return well(raw);
    },
    image: async (id, o) => image(await getImage(ctx, id, o)),
  };
}
