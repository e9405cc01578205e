// `/api/v0` objects as OMERO.web's marshal code writes them: `@id`, `@type`, `omero:details`,
// `url:*` links (absolute, on the request's origin), optional keys absent rather than null.
import type { IdrSimulatorState, SimDataset, SimImage, SimPlate, SimProject, SimRoi, SimScreen, SimWell } from './state.js';

const OME = 'http://www.openmicroscopy.org/Schemas/OME/2016-06#';

/** Owner "Public data" (experimenter 2) in group "public" (3), read-only for the public user. */
export function details(): Record<string, unknown> {
  return {
    '@type': 'TBD#Details',
    owner: { '@id': 2, '@type': `${OME}Experimenter`, FirstName: 'Public', LastName: 'data', UserName: 'public', 'omero:details': { '@type': 'TBD#Details' } },
    group: { '@id': 3, '@type': `${OME}ExperimenterGroup`, Name: 'public', 'omero:details': { '@type': 'TBD#Details' } },
    permissions: {
      '@type': 'TBD#Permissions',
      perm: 'r-r---',
      canAnnotate: false,
      canDelete: false,
      canEdit: false,
      canLink: false,
      isWorldWrite: false,
      isWorldRead: false,
      isGroupWrite: false,
      isGroupRead: true,
      isGroupAnnotate: false,
      isUserWrite: true,
      isUserRead: true,
    },
  };
}

/**
 * What marshalling needs: the origin for links, whether to add `omero:childCount`, whether the
 * object is listed or alone. The two differ in their `url:*` links (each view's `urls` in
 * omeroweb/api/views.py): only a listed object links to itself, only a single image to its ROIs.
 */
export interface MarshalContext {
  api: string;
  state: IdrSimulatorState;
  childCount: boolean;
  single: boolean;
}

/** Screens and projects: name, description, child count, the link to their children, then (listed) their own link (`url:screen`). */
function containerJson(
  m: MarshalContext,
  kind: 'screens' | 'projects',
  type: 'Screen' | 'Project',
  c: SimScreen | SimProject,
  children: 'plates' | 'datasets',
  childCount: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = { '@id': c.id, '@type': `${OME}${type}`, Name: c.name, Description: c.description, 'omero:details': details() };
  if (m.childCount) out['omero:childCount'] = childCount;
  out[`url:${children}`] = `${m.api}m/${kind}/${c.id}/${children}/`;
  if (!m.single) out[`url:${type.toLowerCase()}`] = `${m.api}m/${kind}/${c.id}/`;
  return out;
}

export function screenJson(s: SimScreen, m: MarshalContext): Record<string, unknown> {
  return containerJson(m, 'screens', 'Screen', s, 'plates', s.plateIds.length);
}

export function projectJson(p: SimProject, m: MarshalContext): Record<string, unknown> {
  return containerJson(m, 'projects', 'Project', p, 'datasets', p.datasetIds.length);
}

export function datasetJson(d: SimDataset, m: MarshalContext): Record<string, unknown> {
  const out: Record<string, unknown> = { '@id': d.id, '@type': `${OME}Dataset`, Name: d.name, 'omero:details': details() };
  if (d.description) out.Description = d.description;
  if (m.childCount) out['omero:childCount'] = d.imageIds.length;
  out['url:images'] = `${m.api}m/datasets/${d.id}/images/`;
  if (!m.single) out['url:dataset'] = `${m.api}m/datasets/${d.id}/`;
  out['url:projects'] = `${m.api}m/datasets/${d.id}/projects/`;
  return out;
}

/** A plate; its naming conventions whenever set (omero-marshal's encoder is the same for lists), its field range only alone (`PlateView.add_data`). */
export function plateJson(p: SimPlate, m: MarshalContext): Record<string, unknown> {
  const out: Record<string, unknown> = { '@id': p.id, '@type': `${OME}Plate`, Name: p.name, 'omero:details': details() };
  if (p.columnNaming !== undefined) out.ColumnNamingConvention = p.columnNaming;
  if (p.rowNaming !== undefined) out.RowNamingConvention = p.rowNaming;
  Object.assign(out, { Columns: p.columns, Rows: p.rows });
  // No `omero:childCount` even when asked: OMERO.web counts children through the wrapper's link
  // class (api_query.py), and omero-py's plate wrapper has none (wells are not linked).
  out['url:screens'] = `${m.api}m/plates/${p.id}/screens/`;
  out['url:wells'] = `${m.api}m/plates/${p.id}/wells/`;
  if (!m.single) out['url:plate'] = `${m.api}m/plates/${p.id}/`;
  out['url:plateacquisitions'] = `${m.api}m/plates/${p.id}/plateacquisitions/`;
  if (m.single) {
    const range = fieldRange(m.state, p.id);
    out['omero:wellsampleIndex'] = range;
    const fields = range.length === 2 ? range[1]! + 1 : 0;
    out['url:wellsampleindex_wells'] = Array.from({ length: fields }, (_, i) => `${m.api}m/plates/${p.id}/wellsampleindex/${i}/wells/`);
  }
  return out;
}

/** `get_wellsample_indices` (api_query.py): `[min, max]` field index over the plate's well samples; `[]` when it has none. */
function fieldRange(state: IdrSimulatorState, plateId: number): number[] {
  let most = 0;
  for (const w of state.wells.values()) if (w.plateId === plateId) most = Math.max(most, w.imageIds.length);
  return most === 0 ? [] : [0, most - 1];
}

/** The simulated channels' colours, in channel order (cycling): what imgData writes (`ChannelWrapper.getColor().getHtml()`). */
export const CHANNEL_COLORS = ['FF0000', '00FF00', '0000FF', 'FFFFFF'] as const;

/** omero-marshal's `rgba_to_int`: `0xRRGGBBAA` (alpha 255) as a signed 32-bit integer. */
function rgbaInt(hex: string): number {
  return (Number.parseInt(hex, 16) * 256 + 255) | 0;
}

function pixelsJson(i: SimImage, channels: boolean): Record<string, unknown> {
  const px: Record<string, unknown> = {
    '@id': i.id,
    '@type': `${OME}Pixels`,
    SizeX: i.sizeX,
    SizeY: i.sizeY,
    SizeZ: i.sizeZ,
    SizeC: i.sizeC,
    SizeT: i.sizeT,
    Type: { '@type': 'TBD#PixelsType', value: i.pixelsType },
  };
  if (i.physicalSize !== undefined) {
    px.PhysicalSizeX = { '@type': 'TBD#LengthI', Unit: 'MICROMETER', Symbol: 'µm', Value: i.physicalSize };
    px.PhysicalSizeY = { '@type': 'TBD#LengthI', Unit: 'MICROMETER', Symbol: 'µm', Value: i.physicalSize };
  }
  if (channels) {
    px.Channels = i.channelNames.map((name, c) => {
      const ch: Record<string, unknown> = { '@id': i.id * 10 + c, '@type': `${OME}Channel` };
      ch.Color = rgbaInt(CHANNEL_COLORS[c % CHANNEL_COLORS.length]!);
      if (name !== undefined) ch.Name = name;
      ch.SamplesPerPixel = 1;
      return ch;
    });
  }
  return px;
}

/** Lists load Pixels and link the image itself; a single image loads its channels and links its ROIs instead. */
export function imageJson(i: SimImage, m: MarshalContext): Record<string, unknown> {
  const out: Record<string, unknown> = { '@id': i.id, '@type': `${OME}Image`, Name: i.name };
  if (i.acquisitionDate !== undefined) out.AcquisitionDate = i.acquisitionDate;
  out['omero:details'] = details();
  out.Pixels = pixelsJson(i, m.single);
  if (!m.single) out['url:image'] = `${m.api}m/images/${i.id}/`;
  out['url:datasets'] = `${m.api}m/images/${i.id}/datasets/`;
  if (m.single) out['url:rois'] = `${m.api}m/images/${i.id}/rois/`;
  return out;
}

/** Never-imaged wells have no `WellSamples` key; a single well also loads its images' pixels. */
export function wellJson(w: SimWell, m: MarshalContext): Record<string, unknown> {
  const out: Record<string, unknown> = { '@id': w.id, '@type': `${OME}Well`, Row: w.row, Column: w.column, 'omero:details': details() };
  const samples = w.imageIds.flatMap((id, field) => {
    const image = m.state.images.get(id);
    if (image === undefined) return [];
    const img: Record<string, unknown> = { '@id': image.id, '@type': `${OME}Image`, Name: image.name };
    if (m.single) img.Pixels = pixelsJson(image, false);
    img['url:image'] = `${m.api}m/images/${image.id}/`;
    return [{ '@id': w.id * 10 + field, '@type': `${OME}WellSample`, Image: img }];
  });
  if (samples.length > 0) out.WellSamples = samples;
  if (!m.single) out['url:well'] = `${m.api}m/wells/${w.id}/`;
  out['url:plates'] = `${m.api}m/wells/${w.id}/plates/`;
  return out;
}

/**
 * A ROI with its shapes; listed, it also links itself (`RoisView.urls`). omero-marshal
 * (encode/encoders/roi.py `Roi201501Encoder.encode`) writes `shapes` only when the ROI has some, and
 * no image id.
 */
export function roiJson(r: SimRoi, m: MarshalContext): Record<string, unknown> {
  const out: Record<string, unknown> = { '@id': r.id, '@type': `${OME}ROI`, 'omero:details': details() };
  if (r.shapes.length > 0) out.shapes = r.shapes.map((s) => ({ ...s, 'omero:details': details() }));
  if (!m.single) out['url:roi'] = `${m.api}m/rois/${r.id}/`;
  return out;
}
