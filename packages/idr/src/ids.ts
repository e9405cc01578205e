import { ValidationError } from '@bio/core-http';

declare const brand: unique symbol;
/** A number tagged with the kind of OMERO object it identifies. @example `type ScreenId = Id<'Screen'>;` */
export type Id<Kind extends string> = number & {
  /** Compile-time tag naming the kind; no such property exists at run time. */
  readonly [brand]: Kind;
};

/**
 * A screen id. Ids are per type on OMERO: screen 51 and project 51 are different studies,
 * so each kind has its own branded type and the compiler refuses to mix them.
 *
 * @example
 * ```ts
 * const s: ScreenId = screenId(102);
 * ```
 */
export type ScreenId = Id<'Screen'>;
/** A project id (distinct from {@link ScreenId}). @example `const p: ProjectId = projectId(51);` */
export type ProjectId = Id<'Project'>;
/** A dataset id. @example `const d: DatasetId = datasetId(51);` */
export type DatasetId = Id<'Dataset'>;
/** A plate id. @example `const p: PlateId = plateId(2551);` */
export type PlateId = Id<'Plate'>;
/** A plate acquisition (run) id. @example `const a: PlateAcquisitionId = plateAcquisitionId(1);` */
export type PlateAcquisitionId = Id<'PlateAcquisition'>;
/** A well id. @example `const w: WellId = wellId(590809);` */
export type WellId = Id<'Well'>;
/** An image id. @example `const i: ImageId = imageId(1229801);` */
export type ImageId = Id<'Image'>;
/** A ROI id. @example `const r: RoiId = roiId(1);` */
export type RoiId = Id<'Roi'>;
/** An annotation id (map, file, tag …). @example `const a: AnnotationId = annotationId(8368945);` */
export type AnnotationId = Id<'Annotation'>;
/** An original file id (the file behind a file annotation or an OMERO.table). @example `const f: FileId = fileId(15026339);` */
export type FileId = Id<'File'>;
/** An experimenter id. @example `const e: ExperimenterId = experimenterId(2);` */
export type ExperimenterId = Id<'Experimenter'>;

/** Anything a method accepts as an id: a branded id or a plain non-negative integer. @example `const target: IdInput<ScreenId> = 102;` */
export type IdInput<T extends Id<string>> = T | number;

function make<T extends Id<string>>(kind: string) {
  // `PlateAcquisition` → `plateAcquisitionId` (the name the API uses), not `plateacquisitionId`.
  return (value: number | string, field = `${kind[0]?.toLowerCase()}${kind.slice(1)}Id`): T => {
    const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
      // String() for what JSON cannot write (a bigint throws, undefined vanishes).
      const shown = typeof value === 'bigint' || value === undefined ? String(value) : JSON.stringify(value);
      throw new ValidationError({ message: `${field} must be a non-negative integer, got ${shown}`, field });
    }
    return n as T;
  };
}

/**
 * Checks and brands a screen id (throws `ValidationError` for anything but a non-negative integer).
 *
 * @example
 * ```ts
 * screenId(102); // 102 as ScreenId
 * screenId('102'); // also accepted
 * ```
 */
export const screenId: (value: number | string, field?: string) => ScreenId = make<ScreenId>('Screen');
/** Checks and brands a project id. @example `projectId(51)` */
export const projectId: (value: number | string, field?: string) => ProjectId = make<ProjectId>('Project');
/** Checks and brands a dataset id. @example `datasetId(51)` */
export const datasetId: (value: number | string, field?: string) => DatasetId = make<DatasetId>('Dataset');
/** Checks and brands a plate id. @example `plateId(2551)` */
export const plateId: (value: number | string, field?: string) => PlateId = make<PlateId>('Plate');
/** Checks and brands a plate acquisition id. @example `plateAcquisitionId(1)` */
export const plateAcquisitionId: (value: number | string, field?: string) => PlateAcquisitionId = make<PlateAcquisitionId>('PlateAcquisition');
/** Checks and brands a well id. @example `wellId(590809)` */
export const wellId: (value: number | string, field?: string) => WellId = make<WellId>('Well');
/** Checks and brands an image id. @example `imageId(1229801)` */
export const imageId: (value: number | string, field?: string) => ImageId = make<ImageId>('Image');
/** Checks and brands a ROI id. @example `roiId(1)` */
export const roiId: (value: number | string, field?: string) => RoiId = make<RoiId>('Roi');
/** Checks and brands an annotation id. @example `annotationId(8368945)` */
export const annotationId: (value: number | string, field?: string) => AnnotationId = make<AnnotationId>('Annotation');
/** Checks and brands an original file id. @example `fileId(15026339)` */
export const fileId: (value: number | string, field?: string) => FileId = make<FileId>('File');
/** Checks and brands an experimenter id. @example `experimenterId(2)` */
export const experimenterId: (value: number | string, field?: string) => ExperimenterId = make<ExperimenterId>('Experimenter');
