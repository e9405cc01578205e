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
  /** `TBD#Permissions` (omero-marshal's placeholder type). */
  '@type'?: string;
  /** The permissions as OMERO's string, e.g. `rwr---` (owner, group, others; `a` = read-annotate). */
  perm?: string;
  /** Whether the caller (the public user on IDR) may annotate the object. */
  canAnnotate?: boolean;
  /** Whether the caller may delete the object. */
  canDelete?: boolean;
  /** Whether the caller may edit the object. */
  canEdit?: boolean;
  /** Whether the caller may link the object to others (e.g. into a container). */
  canLink?: boolean;
  /** Everyone (other users) may read the object. */
  isWorldRead?: boolean;
  /** Everyone (other users) may change the object. */
  isWorldWrite?: boolean;
  /** Members of the object's group may read it. */
  isGroupRead?: boolean;
  /** Members of the object's group may change it. */
  isGroupWrite?: boolean;
  /** Members of the object's group may annotate it (`rwra--`). */
  isGroupAnnotate?: boolean;
  /** The owner may read the object. */
  isUserRead?: boolean;
  /** The owner may change the object. */
  isUserWrite?: boolean;
}

/** An experimenter as embedded in `omero:details.owner`. @example `screen['omero:details']?.owner?.LastName` */
export interface Experimenter {
  /** The experimenter's id. With `normalize=true` the server leaves only this here. */
  '@id': ExperimenterId;
  /** `…#Experimenter`. */
  '@type'?: OmeType<'Experimenter'>;
  /** First name; absent when not set. */
  FirstName?: string;
  /** Last name; absent when not set. */
  LastName?: string;
  /** The OMERO login name (`omeName`). */
  UserName?: string;
  /** E-mail address; absent when not set. */
  Email?: string;
  /** Institution; absent when not set. */
  Institution?: string;
  /** Middle name; absent when not set. */
  MiddleName?: string;
}

/** A group as embedded in `omero:details.group`. @example `screen['omero:details']?.group?.Name` */
export interface ExperimenterGroup {
  /** The group's id. */
  '@id': number;
  /** `…#ExperimenterGroup`. */
  '@type'?: OmeType<'ExperimenterGroup'>;
  /** The group's name; absent when the group is only referenced (`normalize=true`). */
  Name?: string;
  /** The group's description; absent when not set. */
  Description?: string;
}

/** `omero:details` of every object. @example `image['omero:details']?.owner` */
export interface Details {
  /** `TBD#Details` (omero-marshal's placeholder type). */
  '@type'?: string;
  /** Who owns the object. */
  owner?: Experimenter;
  /** The group the object belongs to. */
  group?: ExperimenterGroup;
  /** What the caller and others may do with the object. */
  permissions?: Permissions;
}

/** Fields common to every marshal object. @example `obj['@id']` */
export interface MarshalObject<Name extends string, I extends number> {
  /** The object's OMERO id (ids are per type: screen 51 and project 51 are different objects). */
  '@id': I;
  /** The OME schema type, e.g. `http://www.openmicroscopy.org/Schemas/OME/2016-06#Screen`. */
  '@type': OmeType<Name>;
  /** Owner, group and permissions. */
  'omero:details'?: Details;
}

/** A screen (`/api/v0/m/screens/{id}/`). `omero:childCount` (plates) only with `childCount: true`. @example `const s: Screen = await idr.screen(102);` */
export interface Screen extends MarshalObject<'Screen', ScreenId> {
  /** The screen's name; on IDR `idrNNNN-author-title/screenX`, e.g. `idr0002-heriche-condensation/screenA`. */
  Name?: string;
  /** Free-text description (on IDR, the study's description); absent when not set. */
  Description?: string;
  /** Description of the screening protocol; absent when not set. */
  ProtocolDescription?: string;
  /** Identifier of the screening protocol; absent when not set. */
  ProtocolIdentifier?: string;
  /** Description of the reagent set (e.g. the siRNA library); absent when not set. */
  ReagentSetDescription?: string;
  /** Identifier of the reagent set; absent when not set. */
  ReagentSetIdentifier?: string;
  /** The screen's type, free text; absent when not set. */
  Type?: string;
  /** Number of plates; sent only when asked for with `childCount: true`. */
  'omero:childCount'?: number;
  /** Absolute URL of the screen's plate list (`/api/v0/m/screens/{id}/plates/`). */
  'url:plates': string;
  /**
   * Absolute URL of the screen itself (`/api/v0/m/screens/{id}/`): in lists only; a single
   * screen's answer has no link to itself (OMERO.web's object views list no self link).
   */
  'url:screen'?: string;
}

/** A project (`/api/v0/m/projects/{id}/`). @example `const p: Project = await idr.project(51);` */
export interface Project extends MarshalObject<'Project', ProjectId> {
  /** The project's name; on IDR `idrNNNN-author-title/experimentX`. */
  Name?: string;
  /** Free-text description (on IDR, the study's description); absent when not set. */
  Description?: string;
  /** Number of datasets; sent only when asked for with `childCount: true`. */
  'omero:childCount'?: number;
  /** Absolute URL of the project's dataset list (`/api/v0/m/projects/{id}/datasets/`). */
  'url:datasets': string;
  /**
   * Absolute URL of the project itself (`/api/v0/m/projects/{id}/`): in lists only; a single
   * project's answer has no link to itself (OMERO.web's object views list no self link).
   */
  'url:project'?: string;
}

/** A dataset. @example `for await (const d of idr.datasets({ project: 51 })) console.log(d.Name);` */
export interface Dataset extends MarshalObject<'Dataset', DatasetId> {
  /** The dataset's name. */
  Name?: string;
  /** Free-text description; absent when not set. */
  Description?: string;
  /** Number of images; sent only when asked for with `childCount: true`. */
  'omero:childCount'?: number;
  /** Absolute URL of the dataset's image list (`/api/v0/m/datasets/{id}/images/`). */
  'url:images': string;
  /**
   * Absolute URL of the dataset itself (`/api/v0/m/datasets/{id}/`): in lists only; a single
   * dataset's answer has no link to itself (OMERO.web's object views list no self link).
   */
  'url:dataset'?: string;
  /** Absolute URL of the projects holding the dataset (`/api/v0/m/datasets/{id}/projects/`). */
  'url:projects'?: string;
}

/** A plate. Naming conventions are often null and sometimes absent. @example `const p: Plate = await idr.plate(2551);` */
export interface Plate extends MarshalObject<'Plate', PlateId> {
  /** The plate's name, e.g. `JL_120731_S6A`. */
  Name?: string;
  /** Free-text description; absent when not set. */
  Description?: string;
  /** Number of well rows (8 on a 96-well plate); absent when not set. */
  Rows?: number;
  /** Number of well columns (12 on a 96-well plate); absent when not set. */
  Columns?: number;
  /** How rows are labelled: `letter` (A, B, …) or `number` (1, 2, …); often null, sometimes absent (`wellLabel` then uses letters). */
  RowNamingConvention?: string | null;
  /** How columns are labelled: `letter` or `number`; often null, sometimes absent (`wellLabel` then uses numbers). */
  ColumnNamingConvention?: string | null;
  /** An identifier from outside OMERO (e.g. a barcode); absent when not set. */
  ExternalIdentifier?: string;
  /** Free-text status; absent when not set. */
  Status?: string;
  /** X offset of the first well's origin from the plate's origin; absent when not set. */
  WellOriginX?: Length;
  /** Y offset of the first well's origin from the plate's origin; absent when not set. */
  WellOriginY?: Length;
  /** The field (0-based WellSample index) shown by default (OMERO's `defaultSample`); absent when not set. */
  FieldIndex?: number;
  /** `[min, max]` of the 0-based field (WellSample) indexes in the plate; `[]` for a plate with no images. */
  'omero:wellsampleIndex'?: [number, number] | [];
  /** A child count. OMERO.web adds none to plates, even with `childCount: true` (its plate wrapper has no link class), so this key is normally absent. */
  'omero:childCount'?: number;
  /** Absolute URLs of the plate's wells with their samples of one field, one per field index (`…/wellsampleindex/{i}/wells/`). */
  'url:wellsampleindex_wells'?: string[];
  /**
   * Absolute URL of the plate itself (`/api/v0/m/plates/{id}/`): in lists only; a single
   * plate's answer has no link to itself (OMERO.web's object views list no self link).
   */
  'url:plate'?: string;
  /** Absolute URL of the plate's well list (`/api/v0/m/plates/{id}/wells/`). */
  'url:wells'?: string;
  /** Absolute URL of the screens holding the plate (`/api/v0/m/plates/{id}/screens/`). */
  'url:screens'?: string;
  /** Absolute URL of the plate's acquisitions (`/api/v0/m/plates/{id}/plateacquisitions/`). */
  'url:plateacquisitions'?: string;
}

/** A plate acquisition (run). @example `acq['omero:wellsampleIndex']` */
export interface PlateAcquisition extends MarshalObject<'PlateAcquisition', PlateAcquisitionId> {
  /** The run's name; absent when not set. */
  Name?: string;
  /** Free-text description; absent when not set. */
  Description?: string;
  /** When the run started, milliseconds since the epoch; absent when not recorded. */
  StartTime?: number;
  /** When the run ended, milliseconds since the epoch; absent when not recorded. */
  EndTime?: number;
  /** Most fields (WellSamples) imaged in one well during the run; absent when not set. */
  MaximumFieldCount?: number;
  /** `[min, max]` of the 0-based field (WellSample) indexes in the run; `[]` for a run with no images. */
  'omero:wellsampleIndex'?: [number, number] | [];
}

/** A reference to an image inside a well sample. @example `well.WellSamples?.[0]?.Image['@id']` */
export interface ImageRef {
  /** The image's id. */
  '@id': ImageId;
  /** `…#Image`. */
  '@type'?: OmeType<'Image'>;
  /** The image's name, e.g. `JL_120731_S6A [Well A-1; Field #1]`. */
  Name?: string;
  /** Acquisition time, milliseconds since the epoch; absent when not recorded. */
  AcquisitionDate?: number;
  /** Dimensions and pixel type (without channels); absent when the server did not load them. */
  Pixels?: Pixels;
  /** Owner, group and permissions. */
  'omero:details'?: Details;
  /** Absolute URL of the image (`/api/v0/m/images/{id}/`). */
  'url:image'?: string;
}

/** One field of a well. @example `well.WellSamples?.map((s) => s.Image['@id'])` */
export interface WellSample {
  /** The WellSample's id. */
  '@id'?: number;
  /** `…#WellSample`. */
  '@type'?: OmeType<'WellSample'>;
  /** The image of this field. */
  Image: ImageRef;
  /** The plate acquisition (run) the field was imaged in; absent when the plate has none. */
  PlateAcquisition?: { '@id': PlateAcquisitionId; '@type'?: OmeType<'PlateAcquisition'> };
  /** X position of the field within the well; absent when not recorded. */
  PositionX?: Length;
  /** Y position of the field within the well; absent when not recorded. */
  PositionY?: Length;
  /** When the field was imaged (OMERO's `timepoint`), as sent; absent when not recorded. */
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
  /** 0-based row (0 = `A` with letter naming). */
  Row: number;
  /** 0-based column (0 = `1` with number naming). */
  Column: number;
  /** One entry per field (image), in field order; **absent** when the well was never imaged. */
  WellSamples?: WellSample[];
  /** The well's type, free text (e.g. a control); absent when not set. */
  Type?: string;
  /** A description from outside OMERO; absent when not set. */
  ExternalDescription?: string;
  /** An identifier from outside OMERO; absent when not set. */
  ExternalIdentifier?: string;
  /** The well's status (free text), under the key omero-marshal gives it; absent when not set. */
  'omero:status'?: string;
  /**
   * Never sent for a well: omero-marshal writes a well's status as `omero:status` (a plate's is
   * `Status`).
   *
   * @deprecated Read `'omero:status'`.
   */
  Status?: string;
  /** The well's colour as a signed 32-bit RGBA integer (`0xRRGGBBAA`); absent when not set. */
  Color?: number;
  /**
   * Absolute URL of the well itself (`/api/v0/m/wells/{id}/`): in lists only; a single
   * well's answer has no link to itself (OMERO.web's object views list no self link).
   */
  'url:well'?: string;
  /** Absolute URL of the plates holding the well (`/api/v0/m/wells/{id}/plates/`). */
  'url:plates'?: string;
}

/** A length (`{"Value": 0.0396, "Symbol": "µm", "Unit": "MICROMETER"}`). @example `px.PhysicalSizeX?.Value` */
export interface Length {
  /** `TBD#LengthI` (omero-marshal's placeholder type). */
  '@type'?: string;
  /** The amount, in `Unit`. */
  Value: number;
  /** The unit's symbol, e.g. `µm`, `nm`. */
  Symbol?: string;
  /** The unit's OMERO enum name, e.g. `MICROMETER`, `NANOMETER`. */
  Unit?: string;
}

/** A channel. `Name` is often absent. @example `image.Pixels?.Channels?.map((c) => c.Name ?? '(unnamed)')` */
export interface Channel {
  /** The channel's id. */
  '@id': number;
  /** `…#Channel`. */
  '@type'?: OmeType<'Channel'>;
  /** The channel's name (its logical channel's), e.g. `DAPI`; absent on many IDR images. */
  Name?: string;
  /** The channel's colour as a signed 32-bit RGBA integer (`0xRRGGBBAA`; red is -16776961); absent when not set. */
  Color?: number;
  /** Emission wavelength (usually in nm); absent when not recorded. */
  EmissionWavelength?: Length;
  /** Excitation wavelength (usually in nm); absent when not recorded. */
  ExcitationWavelength?: Length;
  /** The fluorophore, e.g. `GFP`; absent when not recorded. */
  Fluor?: string;
  /** Samples per pixel (3 for an RGB channel); absent when not set. */
  SamplesPerPixel?: number;
  /** Id of the channel's logical channel (the settings shared by channels of several images). */
  'omero:LogicalChannelId'?: number;
  /** Name of the lookup table used to render the channel (e.g. `cool.lut`); absent when it uses a colour. */
  'omero:lookupTable'?: string;
}

/** Pixels: dimensions, pixel type, optional physical sizes. @example `image.Pixels?.SizeX` */
export interface Pixels {
  /** The Pixels object's id. */
  '@id': number;
  /** `…#Pixels`. */
  '@type'?: OmeType<'Pixels'>;
  /** Width, in pixels. */
  SizeX: number;
  /** Height, in pixels. */
  SizeY: number;
  /** Number of focal planes (z-sections). */
  SizeZ: number;
  /** Number of channels. */
  SizeC: number;
  /** Number of timepoints. */
  SizeT: number;
  /** The pixel type, e.g. `{ value: 'uint16' }` (`int8` … `uint32`, `float`, `double`, `bit`). */
  Type?: { '@type'?: string; value: string };
  /** The order of the dimensions in the pixel data, e.g. `{ value: 'XYZCT' }`. */
  DimensionOrder?: { '@type'?: string; value: string };
  /** Bits per pixel actually used (e.g. 12 in a `uint16` image); absent when not set. */
  SignificantBits?: number;
  /** Size of a pixel along x (e.g. `{ Value: 0.0396, Symbol: 'µm' }`); absent when unknown. */
  PhysicalSizeX?: Length;
  /** Size of a pixel along y; absent when unknown. */
  PhysicalSizeY?: Length;
  /** Distance between focal planes; absent when unknown (and on most 2D images). */
  PhysicalSizeZ?: Length;
  /** The channels; sent only when the image is read alone (`/api/v0/m/images/{id}/`). */
  Channels?: Channel[];
}

/** An image. Lists include `Pixels`; a single image adds `Channels`. @example `const img: Image = await idr.image(1884807);` */
export interface Image extends MarshalObject<'Image', ImageId> {
  /** The image's name. */
  Name?: string;
  /** Free-text description; absent when not set. */
  Description?: string;
  /** Acquisition time, milliseconds since the epoch; absent when not recorded. */
  AcquisitionDate?: number;
  /** OMERO's `archived` flag of the image (its original files were archived at import); absent when not set. */
  'omero:archived'?: boolean;
  /** OMERO's `partial` flag of the image, as stored; absent when not set. */
  'omero:partial'?: boolean;
  /** Dimensions, pixel type, physical sizes (and channels, for a single image). */
  Pixels?: Pixels;
  /**
   * Absolute URL of the image itself (`/api/v0/m/images/{id}/`): in lists only; a single
   * image's answer has no link to itself (OMERO.web's object views list no self link).
   */
  'url:image'?: string;
  /** Absolute URL of the datasets holding the image (`/api/v0/m/images/{id}/datasets/`). */
  'url:datasets'?: string;
  /** Absolute URL of the image's ROIs (`/api/v0/m/images/{id}/rois/`). */
  'url:rois'?: string;
}

/** A shape inside a ROI; `@type` says which kind (`…#Polygon`, `…#Rectangle`, …). @example `(roi.shapes ?? []).filter((s) => s['@type'].endsWith('#Polygon'))` */
export interface Shape {
  /** The shape's id. */
  '@id': number;
  /** The kind of shape, e.g. `…#Polygon`, `…#Rectangle`, `…#Ellipse`, `…#Point`, `…#Line`, `…#Label`. */
  '@type': OmeType<string>;
  /** Polygons and polylines: the vertices as `"x,y x,y …"`, in pixels. */
  Points?: string;
  /** X in pixels: a rectangle's left edge, an ellipse's centre, a point's or label's position. */
  X?: number;
  /** Y in pixels: a rectangle's top edge, an ellipse's centre, a point's or label's position. */
  Y?: number;
  /** Rectangles: width in pixels. */
  Width?: number;
  /** Rectangles: height in pixels. */
  Height?: number;
  /** Ellipses: horizontal radius in pixels. */
  RadiusX?: number;
  /** Ellipses: vertical radius in pixels. */
  RadiusY?: number;
  /** 0-based focal plane the shape is on; absent = every plane. */
  TheZ?: number;
  /** 0-based timepoint the shape is on; absent = every timepoint. */
  TheT?: number;
  /** 0-based channel the shape is on; absent = every channel. */
  TheC?: number;
  /** The shape's text (a label's content); absent when none. */
  Text?: string;
  /** Lines: the start point's x in pixels. */
  X1?: number;
  /** Lines: the start point's y in pixels. */
  Y1?: number;
  /** Lines: the end point's x in pixels. */
  X2?: number;
  /** Lines: the end point's y in pixels. */
  Y2?: number;
  /** Lines: the marker drawn at the start, e.g. `Arrow`; absent when none. */
  MarkerStart?: string;
  /** Lines: the marker drawn at the end, e.g. `Arrow`; absent when none. */
  MarkerEnd?: string;
  /** Outline colour as a signed 32-bit RGBA integer (`0xRRGGBBAA`; opaque yellow is -65281); absent when not set. */
  StrokeColor?: number;
  /** Fill colour as a signed 32-bit RGBA integer (`0xRRGGBBAA`); absent when not set. */
  FillColor?: number;
  /** Outline width (a length, usually in `PIXEL`s); absent when not set. */
  StrokeWidth?: Length;
  /** Dash pattern of the outline; absent when not set. */
  StrokeDashArray?: string;
  /** Font size of the text (a length, usually in `POINT`s); absent when not set. */
  FontSize?: Length;
  /** Font family of the text; absent when not set. */
  FontFamily?: string;
  /** Font style of the text, e.g. `Bold`; absent when not set. */
  FontStyle?: string;
  /** Fill rule, e.g. `NonZero`; absent when not set. */
  FillRule?: string;
  /** Whether the shape is locked against editing; absent when not set. */
  Locked?: boolean;
  /** The shape's affine transform (`A00`, `A10`, `A01`, `A11`, `A02`, `A12`); absent when none. */
  Transform?: { '@type'?: string; A00?: number; A10?: number; A01?: number; A11?: number; A02?: number; A12?: number };
  /** Owner, group and permissions. */
  'omero:details'?: Details;
}

/** A region of interest. @example `for await (const roi of idr.rois({ image: 1229801 })) console.log(roi.shapes?.length ?? 0);` */
export interface Roi extends MarshalObject<'ROI', RoiId> {
  /** The ROI's name; absent when not set. */
  Name?: string;
  /** Free-text description; absent when not set. */
  Description?: string;
  /**
   * The ROI's shapes; absent (not `[]`) for a ROI without shapes: omero-marshal's ROI encoder
   * writes the key only when the shapes are loaded and there is at least one.
   */
  shapes?: Shape[];
}

/** Paging metadata of every `/api/v0` list. @example `const { totalCount, maxLimit } = meta;` */
export interface ListMeta {
  /** Index of the page's first item (the `offset` sent, default 0). */
  offset: number;
  /** Items asked for per page after the server's clamp (default 200, at most `maxLimit`). */
  limit: number;
  /** The server's cap on `limit` (`omero.web.api.max_limit`: 1000 on IDR). */
  maxLimit: number;
  /** Number of objects in the whole list. */
  totalCount: number;
}
