// Issue 16, the object model: one Image/Well/Plate/Screen/Project/Dataset with navigation,
// physical sizes in µm with the unit kept, channel names, the raw JSON, grid cells with row/column.
import { describe, expect, it } from 'vitest';
import { toPhysicalSize } from '../../src/index.js';
import { createSimulator } from '../../src/testing/index.js';
import { newIdr, serve } from './helpers.js';

const sim = createSimulator();
serve([sim]);

describe('object model', () => {
  it('screen → plates → wells → images, with the raw JSON kept', async () => {
    const idr = newIdr();
    const screen = await idr.objects.screen(3);
    expect([screen.kind, screen.id, screen.name]).toEqual(['screen', 3, 'idr0001-graml-sysgro/screenA']);
    expect(screen.raw['@id']).toBe(3);
    const plates = await screen.plates().toArray();
    expect(plates.map((p) => [p.kind, p.id, p.rows, p.columns])).toEqual([['plate', 2551, 8, 12]]);
    const wells = await plates[0]!.wells().toArray();
    expect(wells.map((w) => [w.id, w.row, w.column, w.label])).toEqual([[590809, 0, 0, 'A1']]);
    const images = wells[0]!.images();
    expect(images.map((i) => i.id)).toEqual([1229801, 1229802, 1229803, 1229804, 1229805, 1229806]);
    expect(images[0]!.raw).toBe(wells[0]!.raw.WellSamples?.[0]?.Image);
    expect(await plates[0]!.wells().total()).toBe(1);
  });

  it('image: sizes, physical size in µm with the unit kept, channel names, thumbnail and annotations', async () => {
    const idr = newIdr();
    const image = await idr.objects.image(1229801);
    expect(image.size).toEqual({ x: 1344, y: 1024, z: 1, c: 3, t: 1 });
    expect(image.pixelsType).toBe('uint16');
    expect(image.physicalSize.x).toMatchObject({ micrometres: 0.6459, value: 0.6459, unit: 'MICROMETER' });
    expect(image.physicalSize.z).toBeUndefined();
    expect(image.channels.map((c) => c.name)).toEqual(['Cy3', 'GFP', 'DAPI']);
    const jpeg = await image.thumbnail();
    expect([jpeg[0], jpeg[1]]).toEqual([0xff, 0xd8]);
    const anns = await image.annotations().toArray();
    expect(anns.flatMap((a) => a.values)).toContainEqual(['Organism', 'Schizosaccharomyces pombe']);
    const bare = await idr.objects.image(15148767); // no PhysicalSize keys, no channel names
    expect(bare.physicalSize).toEqual({ x: undefined, y: undefined, z: undefined });
    expect(bare.channels.map((c) => c.name)).toEqual([undefined, undefined, undefined]);
  });

  it('project → datasets → images; a well read alone; details() of an image inside a well', async () => {
    const idr = newIdr();
    const project = await idr.objects.project(51);
    const [dataset] = await project.datasets().toArray();
    expect([dataset?.kind, dataset?.id, dataset?.name]).toEqual(['dataset', 51, 'CDK5RAP2-C']);
    const [image] = await dataset!.images().toArray();
    expect([image?.id, image?.physicalSize.x?.micrometres]).toEqual([1884807, 0.0396]);
    const well = await idr.objects.well(45217);
    expect([well.label, well.images().map((i) => i.id)]).toEqual(['O2', [122770]]);
    const full = await well.images()[0]!.details();
    expect(full.channels.map((c) => c.name)).toEqual(['DAPI', 'FITC', 'TRITC']);
  });

  it('grid cells carry their row and column', async () => {
    const plate = await newIdr().objects.plate(4554);
    const grid = await plate.grid();
    const cells = grid.grid.flat().filter((c) => c !== null);
    expect(cells.map((c) => [c.row, c.column, c.wellId])).toEqual([
      [0, 0, 1046859],
      [0, 1, 1046860],
      [0, 2, 1046861],
    ]);
  });

  it('toPhysicalSize converts OMERO units to µm and keeps what was sent', () => {
    expect(toPhysicalSize({ Value: 40, Unit: 'NANOMETER', Symbol: 'nm' })).toEqual({ micrometres: 0.04, value: 40, unit: 'NANOMETER', symbol: 'nm' });
    expect(toPhysicalSize({ Value: 2, Unit: 'MILLIMETER' })?.micrometres).toBe(2000);
    expect(toPhysicalSize({ Value: 5, Symbol: 'Å' })?.micrometres).toBeCloseTo(0.0005);
    expect(toPhysicalSize({ Value: 3, Unit: 'PIXEL' })).toEqual({ micrometres: undefined, value: 3, unit: 'PIXEL', symbol: undefined });
    expect(toPhysicalSize(undefined)).toBeUndefined();
  });
});
