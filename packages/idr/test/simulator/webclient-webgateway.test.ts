import { isBadRequestError, isForbiddenError, isNotFoundError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { toMap } from '../../src/index.js';
import { createSimulator } from '../../src/testing/index.js';
import { failure, IDR, newIdr, serve } from './helpers.js';

const sim = createSimulator();
serve([sim]);

describe('simulator: webclient', () => {
  it('pages tree lists with page/limit until a short page', async () => {
    const plates = await newIdr().webclient.plates({ screen: 102 }, { pageSize: 5 }).toArray();
    expect(plates).toHaveLength(12);
    expect(plates[0]).toEqual({ id: 422, name: 'plate1_1_013', ownerId: 2, childCount: 1, permsCss: '' });
    expect(sim.requests.map((r) => r.url.searchParams.get('page'))).toEqual(['1', '2', '3']);
    const images = await newIdr().webclient.images({ dataset: 51 }, { sizeXYZ: true }).toArray();
    expect(images[0]).toMatchObject({ id: 1884807, sizeX: 256, sizeY: 256, sizeZ: 1, filesetId: 1875611 });
  });

  it('refuses a non-integer limit with the plain-text 400', async () => {
    const r = await fetch(`${IDR}/webclient/api/plates/?id=102&page=1&limit=2.5`);
    expect([r.status, await r.text()]).toEqual([400, 'Invalid parameter value']);
  });

  it('returns map annotations of many objects in one request, keys repeating', async () => {
    const anns = await newIdr()
      .mapAnnotations({ image: [122770, 1229801] })
      .toArray();
    expect(sim.requests).toHaveLength(1);
    expect(toMap(anns).get('Organism')).toEqual(['Drosophila melanogaster', 'Schizosaccharomyces pombe']);
    expect(toMap(anns).get('Phenotype')).toEqual(['increased cell size', 'protruding cell edges']);
    const study = await newIdr().mapAnnotations({ screen: 102 }, { ns: 'idr.openmicroscopy.org/study/info' }).toArray();
    expect(study[0]?.parent).toEqual({ id: 102, class: 'ScreenI', name: 'idr0002-heriche-condensation/screenA' });
    expect(study[0]?.owner?.omeName).toBe('public');
  });

  it('lists file annotations and streams a download; a missing one is the OMERO.web 404 error page', async () => {
    const idr = newIdr();
    const files = await idr.fileAnnotations({ screen: 206 }).toArray();
    expect(files.map((f) => [f.id, f.file.name])).toEqual([
      [2891867, 'idr0008-screenA-annotation.csv'],
      [8368945, 'bulk_annotations'],
    ]);
    const dl = await idr.download(2891867);
    expect([dl.filename, dl.contentType, dl.size]).toEqual(['idr0008-screenA-annotation.csv', 'application/force-download', 80]);
    expect(await new Response(dl.stream).text()).toContain('Act57B');
    const r = await fetch(`${IDR}/webclient/annotation/999999999`);
    expect([r.status, r.headers.get('content-type')]).toEqual([404, 'text/html; charset=utf-8']);
  });

  it('finds paths to objects', async () => {
    expect(await newIdr().pathsToObject({ image: 1229801 })).toEqual([
      [
        { type: 'experimenter', id: 2 },
        { type: 'screen', id: 3 },
        { type: 'plate', id: 2551 },
        { type: 'acquisition', id: 2601 },
        { type: 'well', id: 590809 },
        { type: 'wellsample', id: 5908090 },
        { type: 'image', id: 1229801 },
      ],
    ]);
    expect(await newIdr().pathsToObject({ dataset: 51 })).toEqual([
      [
        { type: 'experimenter', id: 2 },
        { type: 'project', id: 51 },
        { type: 'dataset', id: 51 },
      ],
    ]);
  });
});

describe('simulator: webgateway', () => {
  it('draws the plate grid; an unknown plate is not found', async () => {
    const grid = await newIdr().plateGrid(4554, { field: 0 });
    expect([grid.rowlabels.length, grid.collabels.length]).toEqual([16, 24]);
    expect(grid.grid[0]?.[0]).toMatchObject({ wellId: 1046859, imageId: 1938559, thumbPath: '/webgateway/render_thumbnail/1938559/' });
    expect(grid.grid[1]?.[0]).toBeNull();
    expect(isNotFoundError(await failure(newIdr().plateGrid(999999)))).toBe(true);
  });

  it('answers imgData: ok, pixels unavailable, a missing image (403, empty) read as not found', async () => {
    const idr = newIdr();
    const ok = await idr.imageData(122770);
    expect(ok.status === 'ok' && [ok.size.width, ok.channels.map((c) => c.label)]).toEqual([696, ['DAPI', 'FITC', 'TRITC']]);
    expect((await idr.imageData(1229801)).status).toBe('pixels-unavailable');
    const error = await failure(idr.imageData(999999999));
    expect([isNotFoundError(error), error.status, isForbiddenError(error.cause)]).toEqual([true, 404, true]);
  });

  it('serves JPEG thumbnails, 404s sized ones other than 96, batches ≤ 50 ids', async () => {
    const idr = newIdr();
    const jpeg = await idr.thumbnail(1229801);
    expect([jpeg[0], jpeg[1], jpeg.at(-2), jpeg.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
    expect((await idr.thumbnail(1229801, { size: 96 })).length).toBeGreaterThan(0);
    expect(isNotFoundError(await failure(idr.thumbnail(1229801, { size: 64 })))).toBe(true);
    const ids = [1938559, 1938560, 1938561, ...Array.from({ length: 57 }, (_, i) => 11000000 + i)];
    const many = await idr.thumbnails(ids);
    expect(many.size).toBe(60);
    expect(many.get(1938561 as never)).toBeNull();
    expect(many.get(11000056 as never)?.[0]).toBe(0xff);
    expect(sim.requests.filter((r) => r.url.pathname === '/webgateway/get_thumbnails/').map((r) => r.url.searchParams.getAll('id').length)).toEqual([50, 10]);
    const tooMany = await fetch(
      `${IDR}/webgateway/get_thumbnails/?${ids
        .slice(0, 51)
        .map((i) => `id=${i}`)
        .join('&')}`,
    );
    expect(tooMany.status).toBe(500);
  });

  it('refuses render_image with an empty 403, as IDR does', async () => {
    const error = await failure(newIdr().renderImage(1229801, { z: 0, t: 0 }));
    expect([isForbiddenError(error), error.status]).toEqual([true, 403]);
  });

  it('queries bulk annotation tables; soft errors are HTTP 200 {"error"}', async () => {
    const idr = newIdr();
    const bulk = await idr.bulkAnnotations({ well: 45217 });
    expect([bulk.rows.length, bulk.rows[0]?.['Gene Symbol'], bulk.annotationId, bulk.parentId]).toEqual([1, 'Act57B', 8368945, 206]);
    const t = await idr.table(15026339, { query: '(Well==45217)', columns: ['Plate', 'Well'] });
    expect([t.columns, t.rawRows, t.meta.rowCount]).toEqual([
      [
        { name: 'Plate', type: 'PlateColumn' },
        { name: 'Well', type: 'WellColumn' },
      ],
      [[340, 45217]],
      2,
    ]);
    expect((await idr.table(15026339, { max: 1 })).rawRows).toHaveLength(1);
    expect(isNotFoundError(await failure(idr.table(1)))).toBe(true);
    expect(isBadRequestError(await failure(idr.table(15026339, { query: 'Gene Symbol==Act57B' })))).toBe(true);
    const raw = await (await fetch(`${IDR}/webgateway/table/1/query/?query=*`)).json();
    expect(raw).toEqual({ error: 'Table 1 not found' });
  });

  it('answers unknown routes with Django’s HTML 404', async () => {
    const r = await fetch(`${IDR}/webgateway/nothing/`);
    expect([r.status, r.headers.get('content-type')]).toEqual([404, 'text/html; charset=utf-8']);
    expect(await r.text()).toContain('<h1>Not Found</h1>');
  });
});
