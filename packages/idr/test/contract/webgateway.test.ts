import { isBadRequestError, isForbiddenError, isNotFoundError, isResponseFormatError, isValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { isJpeg } from '../../src/index.js';
import { EXAMPLE_URL, newIdr, useFixtureServer } from './server.js';

useFixtureServer();

describe('plate grid', () => {
  it('returns labels and cells with absolute thumbnail URLs', async () => {
    const grid = await newIdr().plateGrid(4554, { field: 0 });
    expect(grid.rowlabels).toHaveLength(16);
    expect(grid.collabels[23]).toBe('24');
    expect(grid.grid[0]?.[0]).toMatchObject({ wellId: 1046859, imageId: 1938559, field: 0, thumbPath: '/webgateway/render_thumbnail/1938559/' });
    expect(grid.grid[0]?.[0]?.thumbUrl).toBe('https://idr.openmicroscopy.org/webgateway/render_thumbnail/1938559/');
    expect(grid.grid[15]?.[23]).toBeNull();
    expect(grid.imageSizes?.[0]).toEqual({ x: 1344, y: 1024, image_id: 1938559 });
  });

  it('turns the non-JSON answer for an unknown plate into NotFoundError', async () => {
    await expect(newIdr().plateGrid(999999)).rejects.toSatisfy(isNotFoundError);
    await expect(newIdr().plateGrid(4554, { field: -1 })).rejects.toSatisfy(isValidationError);
  });
});

describe('imgData', () => {
  it('returns ok with sizes and channels', async () => {
    const data = await newIdr().imageData(122770);
    if (data.status !== 'ok') throw new Error('expected ok');
    expect(data.size).toEqual({ width: 696, height: 520, z: 1, t: 1, c: 3 });
    expect(data.channels.map((c) => c.label)).toEqual(['DAPI', 'FITC', 'TRITC']);
    expect(data.meta.wellId).toBe(45217);
    expect(data.pixel_size?.z).toBeNull();
  });

  it('returns pixels-unavailable for the 200 {"Exception"} body', async () => {
    const data = await newIdr().imageData(1229801);
    expect(data.status).toBe('pixels-unavailable');
    if (data.status === 'pixels-unavailable') {
      expect(data.exception).toMatch(/^Error instantiating pixel buffer/);
      expect(data.meta?.imageName).toBe('JL_120731_S6A [Well A-1; Field #1]');
    }
  });

  it('maps the empty 403 of a missing image (the public user) to NotFoundError, the 403 kept as cause', async () => {
    const error = await newIdr()
      .imageData(999999999)
      .catch((e: unknown) => e);
    expect(isNotFoundError(error)).toBe(true);
    expect(isForbiddenError((error as Error).cause)).toBe(true);
  });
});

describe('thumbnails and rendering', () => {
  it('returns verified JPEG bytes', async () => {
    const bytes = await newIdr().thumbnail(1229801);
    expect(isJpeg(bytes)).toBe(true);
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
    expect([bytes.at(-2), bytes.at(-1)]).toEqual([0xff, 0xd9]);
  });

  it("maps OMERO.web's HTML 404 of a sized thumbnail to NotFoundError with the page's words (not its 'Go back to' heading)", async () => {
    const error = await newIdr()
      .thumbnail(1229801, { size: 64 })
      .catch((e: unknown) => e);
    expect(isNotFoundError(error)).toBe(true);
    expect((error as { serviceMessage?: string }).serviceMessage).toBe(
      'Page not found. (404): The requested object or URL was not found on this server. The link you followed is either outdated, inaccurate, or the server has been instructed not to let you have it.',
    );
  });

  it('refuses bytes that are not a complete JPEG', async () => {
    const error = await newIdr()
      .thumbnail(1229802)
      .catch((e: unknown) => e);
    expect(isResponseFormatError(error)).toBe(true);
    expect((error as Error).message).toMatch(/expected a JPEG/);
  });

  it('streams a thumbnail, checking SOI first and EOI at the end', async () => {
    const read = async (id: number, size?: number) =>
      new Uint8Array(await new Response(await newIdr().thumbnailStream(id, size === undefined ? {} : { size })).arrayBuffer());
    const bytes = await read(1229801);
    expect(isJpeg(bytes)).toBe(true);
    expect(bytes).toEqual(await newIdr().thumbnail(1229801));
    await expect(read(1229802)).rejects.toThrow(/expected a JPEG/); // cut short: no EOI
    await expect(read(1229801, 64)).rejects.toSatisfy(isNotFoundError);
  });

  it('fetches many thumbnails through get_thumbnails in chunks', async () => {
    const urls: string[] = [];
    const idr = newIdr({ hooks: { onRequest: (e) => void urls.push(e.url) } });
    const all = await idr.thumbnails([1938559, 1938560, 1938561]);
    expect([...all.keys()]).toEqual([1938559, 1938560, 1938561]);
    expect(isJpeg(all.get(1938559 as never)!)).toBe(true);
    expect(all.get(1938561 as never)).toBeNull();
    expect(urls).toHaveLength(1);
    const progress: number[] = [];
    const chunked = await idr.thumbnails([1938559, 1938560, 1938561], { chunkSize: 2, onProgress: (p) => progress.push(p.done) });
    expect(chunked.size).toBe(3);
    expect(urls).toHaveLength(3);
    expect(progress.at(-1)).toBe(3);
    await expect(idr.thumbnails([1], { chunkSize: 51 })).rejects.toSatisfy(isValidationError);
  });

  it('builds thumbnail URLs', () => {
    expect(newIdr().thumbnailUrl(1229801)).toBe('https://idr.openmicroscopy.org/webgateway/render_thumbnail/1229801/');
    expect(newIdr().thumbnailUrl(1229801, { size: 64 })).toBe('https://idr.openmicroscopy.org/webgateway/render_thumbnail/1229801/64/');
  });

  it('renders a plane as JPEG where the server still serves pixels', async () => {
    const jpeg = await newIdr({ baseUrl: EXAMPLE_URL }).renderImage(1938559, { z: 0, t: 0, quality: 0.9 });
    expect(isJpeg(jpeg)).toBe(true);
    await expect(newIdr().renderImage(1, { z: -1 })).rejects.toSatisfy(isValidationError);
  });

  it('reports render_image as ForbiddenError on IDR', async () => {
    await expect(newIdr().renderImage(1229801, { z: 0, t: 0 })).rejects.toSatisfy(isForbiddenError);
  });
});

describe('bulk annotations and tables', () => {
  it('returns the bulk annotation row of a well, columns typed', async () => {
    const table = await newIdr().bulkAnnotations({ well: 45217 });
    expect(table.columns.slice(0, 3)).toEqual([
      { name: 'Plate', type: 'PlateColumn' },
      { name: 'Well Number', type: 'StringColumn' },
      { name: 'Well', type: 'WellColumn' },
    ]);
    expect(table.rows[0]).toMatchObject({ Well: 45217, 'Plate Name': 'Plate8_Actinome1', 'Characteristics [Organism]': 'Drosophila melanogaster' });
    expect(table).toMatchObject({ tableId: 15026339, annotationId: 8368945, parentType: 'Screen', parentId: 206 });
    expect(table.meta.totalCount).toBe(1);
  });

  it('maps the table soft errors (HTTP 200 {"error"}) to error classes', async () => {
    const idr = newIdr();
    const missing = await idr.table(1).catch((e: unknown) => e);
    expect(isNotFoundError(missing)).toBe(true);
    expect(missing).toMatchObject({ serviceMessage: 'Table 1 not found' });
    await expect(idr.table(15026339, { query: 'Gene Symbol==Act57B' })).rejects.toSatisfy(isBadRequestError);
    const some = await idr.table(15026339, { query: '(Well==45217)', columns: ['Plate', 'Well'] });
    expect(some.rawRows).toEqual([[340, 45217]]);
  });
});
