// The simulator's in-memory model of an IDR-like OMERO.web: containers, wells, images, ROIs,
// annotations, OMERO.tables, users and sessions. Plain data, so tests can read and change it.

/** The kinds of object an annotation can be linked to. @example `{ type: 'image', id: 122770 }` */
export type SimParentType = 'screen' | 'project' | 'dataset' | 'plate' | 'well' | 'image';

/** A screen: its plates, in order. @example `{ id: 102, name: 'idr0002-heriche-condensation/screenA', plateIds: [422] }` */
export interface SimScreen {
  /** The screen's id (`@id`). */
  id: number;
  /** The screen's `Name`. */
  name: string;
  /** The screen's `Description` (`''` for none). */
  description: string;
  /** Ids of its plates, in list order. */
  plateIds: number[];
}
/** A project and its datasets. @example `{ id: 51, name: 'idr0021-…', description: '', datasetIds: [51] }` */
export interface SimProject {
  /** The project's id (`@id`). */
  id: number;
  /** The project's `Name`. */
  name: string;
  /** The project's `Description` (`''` for none). */
  description: string;
  /** Ids of its datasets, in list order. */
  datasetIds: number[];
}
/** A dataset and its images. @example `{ id: 51, name: 'CDK5RAP2-C', description: '', imageIds: [1884807] }` */
export interface SimDataset {
  /** The dataset's id (`@id`). */
  id: number;
  /** The dataset's `Name`. */
  name: string;
  /** The dataset's `Description` (`''` for none). */
  description: string;
  /** Ids of its images, in list order. */
  imageIds: number[];
}
/** A plate: its size, naming conventions, fields per well and its one plate acquisition (run). @example `{ id: 2551, name: 'JL_120731_S6A', rows: 8, columns: 12, fields: 6 }` */
export interface SimPlate {
  /** The plate's id (`@id`). */
  id: number;
  /** The plate's `Name`. */
  name: string;
  /** Number of well rows (`Rows`). */
  rows: number;
  /** Number of well columns (`Columns`). */
  columns: number;
  /** `undefined` = the key is absent from the JSON (as on many IDR plates). */
  rowNaming: 'letter' | 'number' | undefined;
  /** `ColumnNamingConvention`; `undefined` = the key is absent from the JSON. */
  columnNaming: 'letter' | 'number' | undefined;
  /** Fields (WellSamples) per imaged well. */
  fields: number;
  /** The id of the plate's one plate acquisition (run). */
  acquisitionId: number;
}
/** A well: its position (0-based) and its images by field; no images = never imaged (no `WellSamples` key). @example `{ id: 590809, plateId: 2551, row: 0, column: 0, imageIds: [1229801] }` */
export interface SimWell {
  /** The well's id (`@id`). */
  id: number;
  /** The plate the well is on. */
  plateId: number;
  /** 0-based row (`Row`). */
  row: number;
  /** 0-based column (`Column`). */
  column: number;
  /** Its images, one per field in field order; empty = never imaged. */
  imageIds: number[];
}
/** An image: pixels, channels, and whether its pixels and thumbnail can be served. @example `{ id: 1884807, name: 'CDK5RAP2-C_Control_1.tif', sizeX: 256, … }` */
export interface SimImage {
  /** The image's id (`@id`). */
  id: number;
  /** The image's `Name`. */
  name: string;
  /** Width in pixels (`SizeX`). */
  sizeX: number;
  /** Height in pixels (`SizeY`). */
  sizeY: number;
  /** Number of z-planes (`SizeZ`). */
  sizeZ: number;
  /** Number of channels (`SizeC`). */
  sizeC: number;
  /** Number of timepoints (`SizeT`). */
  sizeT: number;
  /** The pixel type (`Pixels.Type.value`), e.g. `uint16`. */
  pixelsType: string;
  /** µm per pixel in x and y; `undefined` = no PhysicalSize keys. */
  physicalSize: number | undefined;
  /** One entry per channel; `undefined` = the channel has no `Name` key. */
  channelNames: (string | undefined)[];
  /** Milliseconds since the epoch; `undefined` = no `AcquisitionDate`. */
  acquisitionDate: number | undefined;
  /**
   * Milliseconds since the epoch: the import (the image's creation event). The webclient's `date`;
   * `imageTimestamp` and the plate grid's `date` fall back to it when there is no acquisition date.
   */
  importDate: number;
  /** The fileset id the webclient and mapr lists report. */
  filesetId: number;
  /** `unavailable`: imgData answers 200 with an `Exception` (IDR's pixel buffers moving to OME-Zarr). */
  pixels: 'ok' | 'unavailable';
  /** false: `get_thumbnails` answers null and `render_thumbnail` 404s. */
  thumbnail: boolean;
}
/** An ROI with its shapes as sent (`@type`, `Points`, …). @example `{ id: 1000001, imageId: 1229801, shapes: [{ '@id': 2000001, '@type': '…#Polygon', Points: '1,1 2,2' }] }` */
export interface SimRoi {
  /** The ROI's id (`@id`). */
  id: number;
  /** The image the ROI is on. */
  imageId: number;
  /** Its shapes, sent as they are. */
  shapes: Record<string, unknown>[];
}
/** A map annotation: `[key, value]` pairs (keys repeat) in a namespace, linked to one object. @example `{ id: 1, kind: 'map', ns: 'openmicroscopy.org/mapr/gene', parent: { type: 'image', id: 122770 }, values: [['Gene Symbol', 'Act57B']], date: '2016-05-26T10:11:12Z' }` */
export interface SimMapAnnotation {
  /** The annotation's id. */
  id: number;
  /** Always `map`. */
  kind: 'map';
  /** The namespace; null for none. */
  ns: string | null;
  /** The one object the annotation is linked to. */
  parent: { type: SimParentType; id: number };
  /** The `[key, value]` pairs, in order; keys may repeat. */
  values: [string, string][];
  /** The creation date sent as `date`, ISO 8601. */
  date: string;
}
/** A file annotation and its file's bytes. @example `{ id: 2891867, kind: 'file', file: { id: 2891866, name: 'a.csv', mimetype: 'text/csv', content: … }, … }` */
export interface SimFileAnnotation {
  /** The annotation's id (what `/webclient/annotation/{id}` downloads). */
  id: number;
  /** Always `file`. */
  kind: 'file';
  /** The namespace (`openmicroscopy.org/omero/bulk_annotations` for a bulk table); null for none. */
  ns: string | null;
  /** The one object the annotation is linked to. */
  parent: { type: SimParentType; id: number };
  /** The original file: its id, name, MIME type (`OMERO.tables` for a table) and bytes. */
  file: { id: number; name: string; mimetype: string; content: Uint8Array };
  /** The creation date sent as `date`, ISO 8601. */
  date: string;
}
/** Either kind of annotation. @example `state.annotations.get(8368945)?.kind` */
export type SimAnnotation = SimMapAnnotation | SimFileAnnotation;
/** An OMERO.table (a bulk annotation): held by a file annotation on a screen. @example `state.tables.get(15026339)?.rows.length` */
export interface SimTable {
  /** The table's original file id (what `/webgateway/table/{id}/query/` takes). */
  fileId: number;
  /** The file annotation holding the table. */
  annotationId: number;
  /** The columns: name and OMERO.tables type (`WellColumn`, `StringColumn`, …). */
  columns: { name: string; type: string }[];
  /** The rows, cells in `columns` order. */
  rows: (string | number | boolean | null)[][];
  /** When the table was linked, milliseconds since the epoch (sent as `addedOn`). */
  addedOn: number;
}
/** A user who can log in (`/api/v0/login/`). @example `{ username: 'alice', password: 'wonderland', userId: 52, groupId: 53, groupName: 'lab', isAdmin: false }` */
export interface SimUser {
  /** The login name. */
  username: string;
  /** The password `POST /api/v0/login/` accepts. */
  password: string;
  /** The experimenter id (`eventContext.userId`). */
  userId: number;
  /** First name. */
  firstName: string;
  /** Last name. */
  lastName: string;
  /** The id of the user's group (`eventContext.groupId`). */
  groupId: number;
  /** The name of the user's group (`eventContext.groupName`). */
  groupName: string;
  /** Whether the user is an administrator (`eventContext.isAdmin`). */
  isAdmin: boolean;
}
/** An open session (written by a successful login). @example `sim.state.sessions.get(cookie)?.username` */
export interface SimSession {
  /** The session's id (`eventContext.sessionId`). */
  id: number;
  /** The session's UUID (`eventContext.sessionUuid`). */
  uuid: string;
  /** Who logged in. */
  username: string;
  /** Requests made with this session's cookie since the login. */
  requests: number;
}

/** An export job of the search engine (`async_submitquery/`): the hits it found, and how often it was checked. @example `sim.state.searchJobs.size` */
export interface SimSearchJob {
  /** The job's `query_id`. */
  id: string;
  /** The query, normalised (an identical query gets the same job back). */
  key: string;
  /** Ids of the images the query found. */
  hitIds: number[];
  /** `check_query_job/` calls so far (PENDING, STARTED, then SUCCESS on the third). */
  checks: number;
}

/**
 * The whole state of an IDR simulator. Maps are keyed by id; tables by their original file id;
 * sessions by the session cookie's value.
 *
 * @example
 * ```ts
 * sim.state.screens.get(102)?.plateIds.length; // 12
 * sim.state.sessions.size;                     // 1 after a login
 * ```
 */
export interface IdrSimulatorState {
  /** Screens by id. */
  screens: Map<number, SimScreen>;
  /** Projects by id. */
  projects: Map<number, SimProject>;
  /** Datasets by id. */
  datasets: Map<number, SimDataset>;
  /** Plates by id. */
  plates: Map<number, SimPlate>;
  /** Wells by id. */
  wells: Map<number, SimWell>;
  /** Images by id. */
  images: Map<number, SimImage>;
  /** ROIs by id. */
  rois: Map<number, SimRoi>;
  /** Map and file annotations by annotation id. */
  annotations: Map<number, SimAnnotation>;
  /** OMERO.tables by original file id. */
  tables: Map<number, SimTable>;
  /** Who can log in. */
  users: SimUser[];
  /** CSRF tokens handed out by `/api/v0/token/`. */
  csrfTokens: Set<string>;
  /** Open sessions by the session cookie's value. */
  sessions: Map<string, SimSession>;
  /** Search-engine export jobs by query id. */
  searchJobs: Map<string, SimSearchJob>;
  /** Counter for ids the simulator makes up (sessions, tokens). */
  serial: number;
}

/** An empty state. @example `const s = emptyState();` */
export function emptyState(users: SimUser[]): IdrSimulatorState {
  return {
    screens: new Map(),
    projects: new Map(),
    datasets: new Map(),
    plates: new Map(),
    wells: new Map(),
    images: new Map(),
    rois: new Map(),
    annotations: new Map(),
    tables: new Map(),
    users: users.map((u) => ({ ...u })),
    csrfTokens: new Set(),
    sessions: new Map(),
    searchJobs: new Map(),
    serial: 0,
  };
}

/** Reverse links, computed from the state when a request needs them. */
export interface Links {
  screenOfPlate: Map<number, number>;
  wellOfImage: Map<number, number>;
  datasetsOfImage: Map<number, number[]>;
  projectsOfDataset: Map<number, number[]>;
}

/** Build the reverse links (cheap for simulator-sized data). */
export function links(state: IdrSimulatorState): Links {
  const out: Links = { screenOfPlate: new Map(), wellOfImage: new Map(), datasetsOfImage: new Map(), projectsOfDataset: new Map() };
  for (const s of state.screens.values()) for (const p of s.plateIds) out.screenOfPlate.set(p, s.id);
  for (const w of state.wells.values()) for (const i of w.imageIds) out.wellOfImage.set(i, w.id);
  for (const d of state.datasets.values()) for (const i of d.imageIds) out.datasetsOfImage.set(i, [...(out.datasetsOfImage.get(i) ?? []), d.id]);
  for (const p of state.projects.values()) for (const d of p.datasetIds) out.projectsOfDataset.set(d, [...(out.projectsOfDataset.get(d) ?? []), p.id]);
  return out;
}

/** A well's label from its 0-based row and column, following the plate's naming (`O2`). */
export function wellName(plate: SimPlate | undefined, well: SimWell): string {
  const row = plate?.rowNaming === 'number' ? String(well.row + 1) : letters(well.row);
  const col = plate?.columnNaming === 'letter' ? letters(well.column) : String(well.column + 1);
  return `${row}${col}`;
}

/** 0 → A, 25 → Z, 26 → AA. */
export function letters(index: number): string {
  let n = index;
  let out = '';
  do {
    out = String.fromCharCode(65 + (n % 26)) + out;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return out;
}
