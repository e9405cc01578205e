// Small constructors that fill a state: used by the built-in dataset and by `seed`.
import type { IdrSimulatorState, SimImage, SimParentType, SimPlate, SimScreen } from './state.js';

/** The import time of an image added without one: 2016-05-26 10:11:12 UTC (IDR's first release month). */
export const DEFAULT_IMPORT_DATE = Date.UTC(2016, 4, 26, 10, 11, 12);

/** Image fields a caller may leave out, with their defaults. */
export type ImageInit = Pick<SimImage, 'id' | 'name'> & { [K in Exclude<keyof SimImage, 'id' | 'name'>]?: SimImage[K] | undefined };

/** Add an image (defaults: 512×512×1, 1 channel, uint16, pixels ok, a thumbnail, imported at {@link DEFAULT_IMPORT_DATE}). */
export function addImage(state: IdrSimulatorState, init: ImageInit): SimImage {
  const sizeC = init.sizeC ?? init.channelNames?.length ?? 1;
  const image: SimImage = {
    id: init.id,
    name: init.name,
    sizeX: init.sizeX ?? 512,
    sizeY: init.sizeY ?? 512,
    sizeZ: init.sizeZ ?? 1,
    sizeC,
    sizeT: init.sizeT ?? 1,
    pixelsType: init.pixelsType ?? 'uint16',
    physicalSize: init.physicalSize,
    channelNames: init.channelNames ?? Array.from({ length: sizeC }, () => undefined),
    acquisitionDate: init.acquisitionDate,
    importDate: init.importDate ?? DEFAULT_IMPORT_DATE,
    filesetId: init.filesetId ?? init.id + 1_000_000_000,
    pixels: init.pixels ?? 'ok',
    thumbnail: init.thumbnail ?? true,
  };
  state.images.set(image.id, image);
  return image;
}

/** Add a screen with no plates yet (`addPlate` adds them). */
export function addScreen(state: IdrSimulatorState, id: number, name: string, description = ''): SimScreen {
  const screen: SimScreen = { id, name, description, plateIds: [] };
  state.screens.set(id, screen);
  return screen;
}

/** Add a plate to a screen. */
export function addPlate(state: IdrSimulatorState, screenId: number, init: Pick<SimPlate, 'id' | 'name'> & Partial<SimPlate>): SimPlate {
  const plate: SimPlate = {
    id: init.id,
    name: init.name,
    rows: init.rows ?? 8,
    columns: init.columns ?? 12,
    rowNaming: init.rowNaming,
    columnNaming: init.columnNaming,
    fields: init.fields ?? 1,
    acquisitionId: init.acquisitionId ?? init.id + 50,
  };
  state.plates.set(plate.id, plate);
  state.screens.get(screenId)?.plateIds.push(plate.id);
  return plate;
}

/** Add a well with its images (one per field). */
export function addWell(state: IdrSimulatorState, plateId: number, id: number, row: number, column: number, images: ImageInit[]): void {
  for (const image of images) addImage(state, image);
  state.wells.set(id, { id, plateId, row, column, imageIds: images.map((i) => i.id) });
}

const DATE = '2016-05-26T10:11:12Z';

/** Add a map annotation. */
export function addMap(
  state: IdrSimulatorState,
  id: number,
  ns: string | null,
  parent: [SimParentType, number],
  values: [string, string][],
  date = DATE,
): void {
  state.annotations.set(id, { id, kind: 'map', ns, parent: { type: parent[0], id: parent[1] }, values, date });
}

/** The ids given to annotations the simulator numbers itself (seed annotations without ids). */
export function nextId(state: IdrSimulatorState, from: number): number {
  let id = Math.max(from, ...state.annotations.keys()) + 1;
  while (state.annotations.has(id)) id++;
  return id;
}
