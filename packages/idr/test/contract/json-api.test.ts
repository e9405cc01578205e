import { isNotFoundError, isValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { type ImageId, type ScreenId, wellLabel } from '../../src/index.js';
import { newIdr, useFixtureServer } from './server.js';

useFixtureServer();

function counting() {
  const urls: string[] = [];
  return { urls, hooks: { onRequest: (e: { url: string }) => void urls.push(e.url) } };
}

describe('/api/v0 lists', () => {
  it('follows offset/limit with pageSize and stops at max', async () => {
    const { urls, hooks } = counting();
    const idr = newIdr({ hooks });
    const screens = await idr.screens({}, { pageSize: 2, max: 3 }).toArray();
    expect(screens.map((s) => s['@id'])).toEqual([3, 102, 206]);
    expect(screens[1]?.Name).toBe('idr0002-heriche-condensation/screenA');
    expect(screens[0]?.['omero:childCount']).toBeUndefined();
    expect(urls).toEqual(['https://idr.openmicroscopy.org/api/v0/m/screens/?limit=2', 'https://idr.openmicroscopy.org/api/v0/m/screens/?offset=2&limit=1']);
  });

  it("asks for IDR's maxLimit (1000) per page, not the server's default 200", async () => {
    const { urls, hooks } = counting();
    const idr = newIdr({ hooks });
    const wells = await idr.wells({ plate: 8958 }).toArray();
    expect(wells).toHaveLength(384);
    expect(urls).toHaveLength(1);
    expect(new URL(urls[0]!).search).toBe('?plate=8958&limit=1000');
    const empty = wells.filter((w) => w.WellSamples === undefined);
    expect(empty).toHaveLength(136);
    expect('WellSamples' in empty[0]!).toBe(false);
  });

  it('is lazy and re-iterable: for await with early exit makes one request', async () => {
    const { urls, hooks } = counting();
    const idr = newIdr({ hooks });
    const list = idr.wells({ plate: 8958 });
    expect(urls).toHaveLength(0);
    let n = 0;
    for await (const w of list) {
      expect(w.Row).toBeGreaterThanOrEqual(0);
      if (++n === 5) break;
    }
    expect(urls).toHaveLength(1);
    for await (const _ of list) break; // a second iteration starts from the first page again
    expect(urls).toEqual([urls[0], urls[0]]);
  });

  it('lists projects, datasets, plates, images and rois with their filters', async () => {
    const idr = newIdr();
    expect((await idr.projects({}, { max: 1 }).toArray())[0]?.Name).toBe('idr0021-lawo-pericentriolarmaterial/experimentA');
    expect((await idr.datasets({ project: 51 }).toArray()).map((d) => d['@id'])).toEqual([51]);
    expect((await idr.plates({ screen: 102 }, { pageSize: 2, max: 2 }).toArray()).map((p) => p['@id'])).toEqual([422, 492]);
    expect((await idr.images({ dataset: 51 }).toArray())[0]?.Pixels?.SizeC).toBe(3);
    const rois = await idr.rois({ image: 1229801 }).toArray();
    expect(rois).toHaveLength(36);
    expect(rois[0]?.shapes?.[0]?.['@type']).toMatch(/#Polygon$/);
  });

  it('refuses bad ids before any request', async () => {
    const { urls, hooks } = counting();
    const idr = newIdr({ hooks });
    expect(() => idr.wells({ plate: -1 })).toThrow(/plate must be a non-negative integer/);
    await expect(idr.screen(1.5)).rejects.toSatisfy(isValidationError);
    expect(urls).toHaveLength(0);
  });
});

describe('/api/v0 single objects', () => {
  it('gets a screen, with childCount on request', async () => {
    const idr = newIdr();
    const s = await idr.screen(102);
    const id: ScreenId = s['@id'];
    expect(id).toBe(102);
    expect(s['url:plates']).toBe('https://idr.openmicroscopy.org/api/v0/m/screens/102/plates/');
    expect((await idr.screen(102, { childCount: true }))['omero:childCount']).toBe(12);
  });

  it('maps the JSON {"message"} 404 to NotFoundError with the server words', async () => {
    const error = await newIdr()
      .screen(999999)
      .catch((e: unknown) => e);
    expect(isNotFoundError(error)).toBe(true);
    expect(error).toMatchObject({ status: 404, serviceMessage: 'Screen 999999 not found', service: 'idr' });
  });

  it('keeps project 51 and screen ids apart, and optional keys absent', async () => {
    const idr = newIdr();
    const project = await idr.project(51);
    expect(project['@type']).toMatch(/#Project$/);
    const image = await idr.image(1884807);
    const imageIdValue: ImageId = image['@id'];
    expect(imageIdValue).toBe(1884807);
    expect(image.Pixels?.PhysicalSizeX).toEqual({ '@type': 'TBD#LengthI', Unit: 'MICROMETER', Symbol: 'µm', Value: 0.0396 });
    expect(image.Pixels?.Channels?.every((c) => c.Name === undefined)).toBe(true);
    const slide = await idr.image(15148767);
    expect(slide.Pixels?.PhysicalSizeX).toBeUndefined();
    expect(await idr.dataset(51)).toMatchObject({ Name: 'CDK5RAP2-C' });
  });

  it('gets plate 2551 and well 590809 with its six fields', async () => {
    const idr = newIdr();
    const plate = await idr.plate(2551);
    expect(plate).toMatchObject({ Rows: 8, Columns: 12, 'omero:wellsampleIndex': [0, 5] });
    const well = await idr.well(590809);
    expect(well.WellSamples?.map((s) => s.Image['@id'])[0]).toBe(1229801);
    expect(well.WellSamples).toHaveLength(6);
    expect(wellLabel(well, plate)).toBe('A1');
  });
});
