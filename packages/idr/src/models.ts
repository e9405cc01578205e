// Typed models of the OMERO.web JSON API (`/api/v0/m/…`, OMERO "marshal" objects).
// Optional keys are optional because the server omits them (it does not send null):
// `WellSamples` on never-imaged wells, `PhysicalSizeX/Y/Z`, channel `Name`, naming conventions.
import type { DatasetId, ExperimenterId, ImageId, PlateAcquisitionId, PlateId, ProjectId, RoiId, ScreenId, WellId } from './ids.js';

/** The OME schema prefix of every `@type`. @example `` `${OME_SCHEMA}Screen` `` */
export const OME_SCHEMA = 'http://www.openmicroscopy.org/Schemas/OME/2016-06#';

/** `@type` of a marshal object, e.g. `http://www.openmicroscopy.org/Schemas/OME/2016-06#Screen`. @example `const t: OmeType<'Screen'> = `${OME_SCHEMA}Screen`;` */
export type OmeType<Name extends string> = `${string}#${Name}`;

/** Permissions block of `omero:details`. @example `if (details.permissions?.isWorldRead) …` */
export interface Permissions {
  '@type'?: string;
  perm?: string;
  canAnnotate?: boolean;
  canDelete?: boolean;
  canEdit?: boolean;
  canLink?: boolean;
  isWorldRead?: boolean;
  isWorldWrite?: boolean;
  isGroupRead?: boolean;
  isGroupWrite?: boolean;
  isGroupAnnotate?: boolean;
  isUserRead?: boolean;
  isUserWrite?: boolean;
}

/** An experimenter as embedded in `omero:details.owner`. @example `screen['omero:details']?.owner?.LastName` */
export interface Experimenter {
  '@id': ExperimenterId;
  '@type'?: OmeType<'Experimenter'>;
  FirstName?: string;
  LastName?: string;
  UserName?: string;
  Email?: string;
  Institution?: string;
  MiddleName?: string;
}

/** A group as embedded in `omero:details.group`. @example `screen['omero:details']?.group?.Name` */
export interface ExperimenterGroup {
  '@id': number;
  '@type'?: OmeType<'ExperimenterGroup'>;
  Name?: string;
  Description?: string;
}

/** `omero:details` of every object. @example `image['omero:details']?.owner` */
export interface Details {
  '@type'?: string;
  owner?: Experimenter;
  group?: ExperimenterGroup;
  permissions?: Permissions;
}

/** Fields common to every marshal object. @example `obj['@id']` */
export interface MarshalObject<Name extends string, I extends number> {
  '@id': I;
  '@type': OmeType<Name>;
  'omero:details'?: Details;
}

/** A screen (`/api/v0/m/screens/{id}/`). `omero:childCount` (plates) only with `childCount: true`. @example `const s: Screen = await idr.screen(102);` */
export interface Screen extends MarshalObject<'Screen', ScreenId> {
  Name?: string;
  Description?: string;
  ProtocolDescription?: string;
  ProtocolIdentifier?: string;
  ReagentSetDescription?: string;
  ReagentSetIdentifier?: string;
  Type?: string;
  'omero:childCount'?: number;
  'url:plates': string;
  'url:screen': string;
}

/** A project (`/api/v0/m/projects/{id}/`). @example `const p: Project = await idr.project(51);` */
export interface Project extends MarshalObject<'Project', ProjectId> {
  Name?: string;
  Description?: string;
  'omero:childCount'?: number;
  'url:datasets': string;
  'url:project': string;
}

/** A dataset. @example `for await (const d of idr.datasets({ project: 51 })) console.log(d.Name);` */
export interface Dataset extends MarshalObject<'Dataset', DatasetId> {
  Name?: string;
  Description?: string;
  'omero:childCount'?: number;
  'url:images': string;
  'url:dataset': string;
  'url:projects'?: string;
}

/** A plate. Naming conventions are often null and sometimes absent. @example `const p: Plate = await idr.plate(2551);` */
export interface Plate extends MarshalObject<'Plate', PlateId> {
  Name?: string;
  Description?: string;
  Rows?: number;
  Columns?: number;
  RowNamingConvention?: string | null;
  ColumnNamingConvention?: string | null;
  ExternalIdentifier?: string;
  Status?: string;
  WellOriginX?: Length;
  WellOriginY?: Length;
  FieldIndex?: number;
  'omero:wellsampleIndex'?: [number, number];
  'omero:childCount'?: number;
  'url:wellsampleindex_wells'?: string[];
  'url:plate': string;
  'url:wells'?: string;
  'url:screens'?: string;
  'url:plateacquisitions'?: string;
}

/** A plate acquisition (run). @example `acq['omero:wellsampleIndex']` */
export interface PlateAcquisition extends MarshalObject<'PlateAcquisition', PlateAcquisitionId> {
  Name?: string;
  Description?: string;
  StartTime?: number;
  EndTime?: number;
  MaximumFieldCount?: number;
  'omero:wellsampleIndex'?: [number, number];
}

/** A reference to an image inside a well sample. @example `well.WellSamples?.[0]?.Image['@id']` */
export interface ImageRef {
  '@id': ImageId;
  '@type'?: OmeType<'Image'>;
  Name?: string;
  AcquisitionDate?: number;
  Pixels?: Pixels;
  'omero:details'?: Details;
  'url:image'?: string;
}

/** One field of a well. @example `well.WellSamples?.map((s) => s.Image['@id'])` */
export interface WellSample {
  '@id'?: number;
  '@type'?: OmeType<'WellSample'>;
  Image: ImageRef;
  PlateAcquisition?: { '@id': PlateAcquisitionId; '@type'?: OmeType<'PlateAcquisition'> };
  PositionX?: Length;
  PositionY?: Length;
  Timepoint?: string | number;
}

/**
 * A well. `Row`/`Column` are 0-based. A well that was never imaged has **no** `WellSamples` key.
 *
 * @example
 * ```ts
 * for await (const w of idr.wells({ plate: 8958 })) if (!w.WellSamples) console.log('empty', w['@id']);
 * ```
 */
export interface Well extends MarshalObject<'Well', WellId> {
  Row: number;
  Column: number;
  WellSamples?: WellSample[];
  Type?: string;
  ExternalDescription?: string;
  ExternalIdentifier?: string;
  Status?: string;
  Color?: number;
  'url:well': string;
  'url:plates'?: string;
}

/** A length (`{"Value": 0.0396, "Symbol": "µm", "Unit": "MICROMETER"}`). @example `px.PhysicalSizeX?.Value` */
export interface Length {
  '@type'?: string;
  Value: number;
  Symbol?: string;
  Unit?: string;
}

/** A channel. `Name` is often absent. @example `image.Pixels?.Channels?.map((c) => c.Name ?? '(unnamed)')` */
export interface Channel {
  '@id': number;
  '@type'?: OmeType<'Channel'>;
  Name?: string;
  Color?: number;
  EmissionWavelength?: Length;
  ExcitationWavelength?: Length;
  Fluor?: string;
  SamplesPerPixel?: number;
  'omero:LogicalChannelId'?: number;
  'omero:lookupTable'?: string;
}

/** Pixels: dimensions, pixel type, optional physical sizes. @example `image.Pixels?.SizeX` */
export interface Pixels {
  '@id': number;
  '@type'?: OmeType<'Pixels'>;
  SizeX: number;
  SizeY: number;
  SizeZ: number;
  SizeC: number;
  SizeT: number;
  Type?: { '@type'?: string; value: string };
  DimensionOrder?: { '@type'?: string; value: string };
  SignificantBits?: number;
  PhysicalSizeX?: Length;
  PhysicalSizeY?: Length;
  PhysicalSizeZ?: Length;
  Channels?: Channel[];
}

/** An image. Lists include `Pixels`; a single image adds `Channels`. @example `const img: Image = await idr.image(1884807);` */
export interface Image extends MarshalObject<'Image', ImageId> {
  Name?: string;
  Description?: string;
  AcquisitionDate?: number;
  'omero:archived'?: boolean;
  'omero:partial'?: boolean;
  Pixels?: Pixels;
  'url:image': string;
  'url:datasets'?: string;
  'url:rois'?: string;
}

/** A shape inside a ROI; `@type` says which kind (`…#Polygon`, `…#Rectangle`, …). @example `roi.shapes.filter((s) => s['@type'].endsWith('#Polygon'))` */
export interface Shape {
  '@id': number;
  '@type': OmeType<string>;
  Points?: string;
  X?: number;
  Y?: number;
  Width?: number;
  Height?: number;
  RadiusX?: number;
  RadiusY?: number;
  TheZ?: number;
  TheT?: number;
  TheC?: number;
  Text?: string;
}

/** A region of interest. @example `for await (const roi of idr.rois({ image: 1229801 })) console.log(roi.shapes.length);` */
export interface Roi extends MarshalObject<'ROI', RoiId> {
  Name?: string;
  Description?: string;
  shapes: Shape[];
}

/** Paging metadata of every `/api/v0` list. @example `const { totalCount, maxLimit } = meta;` */
export interface ListMeta {
  offset: number;
  limit: number;
  maxLimit: number;
  totalCount: number;
}
