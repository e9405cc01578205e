// Item 4 of issue 19 (IDR): plates, wells, images, image, and thumbnails into a directory —
// resumable, never overwriting another file unless --force, names that cannot leave it.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSimulator } from '@bio/idr/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bio, scratch, tsv } from './run-bin.js';

describe.concurrent('bio idr browse (built binary, --offline)', () => {
  it('plates --screen, wells --plate, images --dataset', async () => {
    const plates = await bio(['idr', 'plates', '--screen', '102', '--offline']);
    expect(plates.code).toBe(0);
    expect(tsv(plates.stdout)[0]).toEqual(['id', 'name', 'rows', 'columns']);
    expect(tsv(plates.stdout)).toHaveLength(13); // idr0002: 12 plates
    const wells = await bio(['idr', 'wells', '--plate', '4554', '--offline']);
    expect(tsv(wells.stdout)).toEqual([
      ['id', 'well', 'row', 'column', 'images'],
      ['1046859', 'A1', '0', '0', '1938559'],
      ['1046860', 'A2', '0', '1', '1938560'],
      ['1046861', 'A3', '0', '2', '1938561'],
    ]);
    const images = await bio(['idr', 'images', '--dataset', '51', '--offline']);
    expect(tsv(images.stdout)).toEqual([
      ['id', 'name', 'sizeX', 'sizeY', 'sizeZ', 'sizeC', 'sizeT'],
      ['1884807', 'CDK5RAP2-C_Control_1.tif', '256', '256', '1', '3', '1'],
    ]);
  });

  it('image <id>: dimensions and links; --format json: the whole object', async () => {
    const r = await bio(['idr', 'image', '1884807', '--offline', '-f', 'ndjson']);
    expect(JSON.parse(r.stdout)).toMatchObject({
      id: 1884807,
      pixelType: 'float',
      link: 'https://idr.openmicroscopy.org/webclient/?show=image-1884807',
      thumbnail: 'https://idr.openmicroscopy.org/webgateway/render_thumbnail/1884807/',
    });
    const json = await bio(['idr', 'image', '1884807', '--offline', '-f', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ '@id': 1884807, Name: 'CDK5RAP2-C_Control_1.tif' });
  });

  it('plates without --screen: the required option is named', async () => {
    const r = await bio(['idr', 'plates', '--offline']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toBe("error: required option '--screen <id>' not specified\n");
  });
});

describe('bio idr thumbnails (built binary, loopback simulator)', () => {
  const sim = createSimulator({
    seed: {
      projects: [
        {
          id: 9201,
          name: 'idr9201-test/experimentA',
          datasets: [
            {
              id: 9101,
              name: 'hostile names',
              images: [
                { id: 9000001, name: '../../escape' },
                { id: 9000002, name: '/etc/passwd' },
                { id: 9000003, name: '..' },
                { id: 9000004, name: 'no thumb', thumbnail: false },
              ],
            },
          ],
        },
      ],
    },
  });
  let url = '';
  let close: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const server = await sim.listen();
    url = server.baseUrl;
    close = () => server.close();
  });
  afterAll(() => close());
  const thumbnailRequests = () => sim.requests.filter((r) => String(r.url).includes('get_thumbnails')).length;

  it('saves <id>.jpg files, then skips complete ones on a second run (no request for them)', async () => {
    const dir = join(scratch(), 'thumbs');
    const ids = '1884807\n1938559\n9000004\n';
    const first = await bio(['idr', 'thumbnails', '--dir', dir, '--base-url', url], { input: ids });
    expect(first.code).toBe(0);
    expect(tsv(first.stdout)).toEqual([
      ['image', 'status', 'file'],
      ['1884807', 'saved', join(dir, '1884807.jpg')],
      ['1938559', 'saved', join(dir, '1938559.jpg')],
      ['9000004', 'none', ''],
    ]);
    expect(first.stderr).toBe('2 saved, 0 already complete, 1 without a thumbnail\n');
    expect(readdirSync(dir).sort()).toEqual(['1884807.jpg', '1938559.jpg']);
    const jpeg = readFileSync(join(dir, '1884807.jpg'));
    expect([jpeg[0], jpeg[1]]).toEqual([0xff, 0xd8]);

    // Interrupted run: a truncated file is not "complete" — but it is not ours to overwrite either,
    // unless --force; a leftover .part file is ours and is replaced.
    writeFileSync(join(dir, '1938559.jpg'), jpeg.subarray(0, 10));
    writeFileSync(join(dir, '1884807.jpg.part'), 'half');
    const before = thumbnailRequests();
    expect(before).toBeGreaterThan(0);
    const second = await bio(['idr', 'thumbnails', '--dir', dir, '--base-url', url], { input: '1884807\n1938559\n' });
    expect(second.code).toBe(0);
    expect(
      tsv(second.stdout)
        .slice(1)
        .map((r) => r[1]),
    ).toEqual(['skipped', 'exists']);
    expect(second.stderr).toContain('1 not overwritten (another file is there; --force rewrites)');
    expect(thumbnailRequests()).toBe(before); // nothing to fetch
    expect(readFileSync(join(dir, '1938559.jpg'))).toHaveLength(10);

    const forced = await bio(['idr', 'thumbnails', '--dir', dir, '--force', '--base-url', url], { input: '1938559\n' });
    expect(tsv(forced.stdout)[1]?.[1]).toBe('saved');
    expect(readFileSync(join(dir, '1938559.jpg')).length).toBeGreaterThan(10);
  });

  it('--names: server names are made safe and never leave the directory', async () => {
    const root = scratch();
    const dir = join(root, 'a', 'thumbs');
    const r = await bio(['idr', 'thumbnails', '--dir', dir, '--names', '--base-url', url], { input: '9000001\n9000002\n9000003\n' });
    expect(r.code).toBe(0);
    // '../../escape' → '__.._escape' (no separator, no leading dot), '/etc/passwd' → '_etc_passwd', '..' → '_'.
    expect(readdirSync(dir).sort()).toEqual(['9000001___.._escape.jpg', '9000002__etc_passwd.jpg', '9000003__.jpg']);
    expect(existsSync(join(root, 'escape.jpg'))).toBe(false);
    expect(readdirSync(join(root, 'a'))).toEqual(['thumbs']);
  });

  it('ids from a column of a search result; a bad id is refused with its line', async () => {
    const dir = join(scratch(), 't');
    const table = join(scratch(), 'hits.tsv');
    writeFileSync(table, 'id\tname\n1884807\tx\n');
    const r = await bio(['idr', 'thumbnails', table, '--column', 'id', '--dir', dir, '--base-url', url]);
    expect(tsv(r.stdout)[1]?.slice(0, 2)).toEqual(['1884807', 'saved']);
    const bad = await bio(['idr', 'thumbnails', '--dir', dir, '--base-url', url], { input: 'abc\n' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^error: invalid argument: .*abc/);
  });
});
