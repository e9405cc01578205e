import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/testing/index.js';
import { IDR, serve } from './helpers.js';

// The `url:*` links OMERO.web adds differ between a list and a single object: each view has its own
// `urls` (omeroweb/api/views.py, e.g. ImagesView vs ImageView). Lists link each object to itself;
// single objects do not, and only a single image links its ROIs.
const sim = createSimulator();
const EMPTY = 'https://empty.example';
const seeded = createSimulator({ seed: { screens: [{ id: 9001, name: 'idr9001-mine/screenA', plates: [{ id: 8001, name: 'P1', wells: [] }] }] } });
serve([sim], [seeded, EMPTY]);

const API = `${IDR}/api/v0/m/`;

async function data(path: string): Promise<Record<string, unknown>> {
  return (await (await fetch(`${API}${path}`)).json()).data;
}

const links = (o: Record<string, unknown>) => Object.keys(o).filter((k) => k.startsWith('url:'));

describe('simulator: /api/v0 url links, listed vs single', () => {
  it('links a listed object to itself and a single one only to its relatives', async () => {
    const listed = async (path: string) => links(((await data(path)) as unknown as Record<string, unknown>[])[0]!);
    expect(await listed('screens/?plate=422')).toEqual(['url:plates', 'url:screen']);
    expect(links(await data('screens/102/'))).toEqual(['url:plates']);
    expect(await listed('projects/?dataset=51')).toEqual(['url:datasets', 'url:project']);
    expect(links(await data('projects/51/'))).toEqual(['url:datasets']);
    expect(await listed('datasets/?project=51')).toEqual(['url:images', 'url:dataset', 'url:projects']);
    expect(links(await data('datasets/51/'))).toEqual(['url:images', 'url:projects']);
    expect(await listed('plates/?screen=102')).toEqual(['url:screens', 'url:wells', 'url:plate', 'url:plateacquisitions']);
    expect(links(await data('plates/2551/'))).toEqual(['url:screens', 'url:wells', 'url:plateacquisitions', 'url:wellsampleindex_wells']);
    expect(await listed('wells/?plate=2551')).toEqual(['url:well', 'url:plates']);
    expect(links(await data('wells/590809/'))).toEqual(['url:plates']);
    expect(await listed('rois/?image=1229801')).toEqual(['url:roi']);
  });

  it('links a listed image to itself and its datasets; a single image to its datasets and ROIs', async () => {
    const [listed] = (await data('images/?dataset=51')) as unknown as Record<string, unknown>[];
    expect(listed).toMatchObject({ 'url:image': `${API}images/1884807/`, 'url:datasets': `${API}images/1884807/datasets/` });
    expect(listed).not.toHaveProperty('url:rois');
    const single = await data('images/1884807/');
    expect(single).toMatchObject({ 'url:datasets': `${API}images/1884807/datasets/`, 'url:rois': `${API}images/1884807/rois/` });
    expect(single).not.toHaveProperty('url:image');
  });

  it('sends a plate’s naming conventions in lists too (one omero-marshal encoder for both)', async () => {
    const [listed] = (await data('plates/?screen=102')) as unknown as Record<string, unknown>[];
    expect(listed).toMatchObject({ RowNamingConvention: 'letter', ColumnNamingConvention: 'number', Rows: 8, Columns: 12 });
    expect(listed).not.toHaveProperty('omero:wellsampleIndex');
  });
});

describe('simulator: a plate without well samples', () => {
  it('has an empty field range and no per-field links (get_wellsample_indices finds no rows)', async () => {
    const plate = (await (await fetch(`${EMPTY}/api/v0/m/plates/8001/`)).json()).data;
    expect([plate['omero:wellsampleIndex'], plate['url:wellsampleindex_wells']]).toEqual([[], []]);
  });
});
