import { isNotFoundError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { wellLabel } from '../../src/index.js';
import { createSimulator } from '../../src/testing/index.js';
import { failure, IDR, newIdr, serve } from './helpers.js';

const sim = createSimulator({ maxLimit: 3 });
serve([sim]);

describe('simulator: /api/v0', () => {
  it('pages lists with offset/limit, clamps limit to maxLimit (the client re-syncs to it) and reports totalCount', async () => {
    const idr = newIdr();
    const plates = await idr.plates({ screen: 102 }).toArray();
    expect(plates.map((p) => p['@id'])).toEqual([422, 492, 559, 620, 680, 728, 800, 869, 944, 1015, 1072, 4554]);
    const asked = sim.requests.map((r) => [r.url.searchParams.get('offset'), r.url.searchParams.get('limit')]);
    expect(asked).toEqual([
      [null, '1000'],
      ['3', '3'],
      ['6', '3'],
      ['9', '3'],
    ]);
    const raw = await (await fetch(`${IDR}/api/v0/m/screens/?limit=5000`)).json();
    expect(raw.meta).toEqual({ offset: 0, limit: 3, maxLimit: 3, totalCount: 4 });
    expect(await idr.plates({ screen: 102 }).total()).toBe(12);
  });

  it('answers a missing object with a JSON 404 and a bad limit with a JSON 400', async () => {
    const error = await failure(newIdr().screen(999999));
    expect(isNotFoundError(error)).toBe(true);
    expect(error.serviceMessage).toBe('Screen 999999 not found');
    const r = await fetch(`${IDR}/api/v0/m/screens/?limit=abc`);
    expect([r.status, r.headers.get('x-omero-apiversion'), (await r.json()).message]).toEqual([400, '0.2', "invalid literal for int() with base 10: 'abc'"]);
    const html = await fetch(`${IDR}/api/v0/m/screens/abc/`);
    expect([html.status, html.headers.get('content-type')]).toEqual([404, 'text/html; charset=utf-8']);
  });

  it('serves the walkthrough objects with optional keys absent', async () => {
    const idr = newIdr();
    expect((await idr.screen(102, { childCount: true }))['omero:childCount']).toBe(12);
    // As OMERO.web: a plate never carries a child count (its wrapper has no link class).
    expect(await idr.plate(422, { childCount: true })).not.toHaveProperty('omero:childCount');
    expect(await idr.plate(2551)).toMatchObject({ Rows: 8, Columns: 12, 'omero:wellsampleIndex': [0, 5] });
    expect((await idr.well(590809)).WellSamples).toHaveLength(6);
    expect((await idr.image(1884807)).Pixels?.PhysicalSizeX?.Value).toBe(0.0396);
    const slide = await idr.image(15148767);
    expect(slide.Pixels && 'PhysicalSizeX' in slide.Pixels).toBe(false);
    expect(slide.Pixels?.Channels?.every((c) => !('Name' in c))).toBe(true);
    expect(await idr.rois({ image: 1229801 }).total()).toBe(36);
    expect((await idr.images({ dataset: 51 }).toArray()).map((i) => i['@id'])).toEqual([1884807]);
    expect((await idr.datasets({ project: 51 }).toArray()).map((d) => d.Name)).toEqual(['CDK5RAP2-C']);
  });

  it('leaves WellSamples out of never-imaged wells', async () => {
    const wells = await newIdr().wells({ plate: 8958 }).toArray();
    expect(wells).toHaveLength(384);
    expect(wells.filter((w) => !w.WellSamples)).toHaveLength(136);
    expect(wellLabel(wells[0]!)).toBe('A1');
  });
});
