import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bio, scratch, tsv } from './run-bin.js';

describe.concurrent('bio idr (built binary, --offline)', () => {
  it('screens lists ids, names and titles', async () => {
    const r = await bio(['idr', 'screens', '--max', '2', '--offline']);
    expect(r.code).toBe(0);
    const rows = tsv(r.stdout);
    expect(rows[0]).toEqual(['id', 'name', 'title']);
    expect(rows.slice(1).map((row) => [row[0], row[1]])).toEqual([
      ['3', 'idr0001-graml-sysgro/screenA'],
      ['102', 'idr0002-heriche-condensation/screenA'],
    ]);
  });

  it('screens pages with --page-size (ndjson)', async () => {
    const r = await bio(['idr', 'screens', '--max', '3', '--page-size', '2', '--offline', '--format', 'ndjson']);
    expect(r.code).toBe(0);
    expect(
      r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as { id: number }).id),
    ).toEqual([3, 102, 206]);
  });

  it('annotations --screen 102 prints the study key/value pairs', async () => {
    const r = await bio(['idr', 'annotations', '--screen', '102', '--offline']);
    expect(r.code).toBe(0);
    const rows = tsv(r.stdout);
    expect(rows[0]).toEqual(['namespace', 'key', 'value']);
    expect(rows).toContainEqual(['idr.openmicroscopy.org/study/info', 'Organism', 'Homo sapiens']);
  });

  it('annotations without a target is a validation error', async () => {
    const r = await bio(['idr', 'annotations', '--offline']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: invalid argument: give exactly one of --screen, --plate, --project, --dataset, --image\n');
  });

  it('search prints every hit (the simulator has three CDC20 images)', async () => {
    const r = await bio(['idr', 'search', '--key', 'Gene Symbol', '--value', 'CDC20', '--offline']);
    expect(r.code).toBe(0);
    const rows = tsv(r.stdout);
    expect(rows[0]).toEqual(['id', 'name', 'study', 'container']);
    expect(rows[1]).toEqual(['1900000', 'plate1_1_013 [Well A1, Field 1]', 'idr0002-heriche-condensation/screenA', 'plate1_1_013']);
    expect(r.stderr).toBe(`${rows.length - 1} images\n`);
    expect(rows.slice(1).map((row) => row[0])).toEqual(['1900000', '1900001', '1938559']);
  });

  it('thumbnail -o writes the JPEG', async () => {
    const dir = scratch();
    const out = join(dir, 'thumb.jpg');
    const r = await bio(['idr', 'thumbnail', '1229801', '-o', out, '--offline']);
    expect(r.code).toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(r.stderr).toBe(`wrote ${bytes.length} bytes to ${out} (https://idr.openmicroscopy.org/webgateway/render_thumbnail/1229801/)\n`);
  });

  it('thumbnail of a size the server does not have: 404 in one line', async () => {
    const r = await bio(['idr', 'thumbnail', '1229801', '--size', '64', '-o', join(scratch(), 't.jpg'), '--offline']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: 404 idr: .*\(check the identifier or name\)\n$/);
  });
});
