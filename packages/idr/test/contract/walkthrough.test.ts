import { describe, expect, it } from 'vitest';
import { runWalkthrough } from '../../../../examples/idr-walkthrough.js';
import { newIdr, useFixtureServer } from './server.js';

useFixtureServer();

describe('the IDR tutorial walkthrough (examples/idr-walkthrough.ts)', () => {
  it('runs every step against the fixtures', async () => {
    const lines: string[] = [];
    const urls: string[] = [];
    const summary = await runWalkthrough(newIdr({ hooks: { onRequest: (e) => void urls.push(e.url) } }), { log: (line) => lines.push(line) });
    // Exactly the walkthrough's own 12 requests (10 calls, 2 pages of hits for 1040 images): no capability probe.
    expect(urls).toHaveLength(12);
    expect(summary.studyInfo.Organism).toEqual(['Homo sapiens']);
    expect(summary.plateIds).toHaveLength(12);
    expect(summary.gridSize).toEqual({ rows: 16, columns: 24, imaged: 383 });
    expect(summary.image).toEqual({ id: 1938559, name: 'plate3_4_021 [Well A1, Field 1]', size: { width: 1344, height: 1024, c: 2 } });
    expect(summary.imageAnnotations['Gene Symbol']).toEqual(['CDC20']);
    expect(summary.thumbnailBytes).toBeGreaterThan(100);
    expect(summary.batchThumbnails).toEqual({ fetched: 2, missing: 1 });
    expect(summary.bulkRow).toMatchObject({ Well: 45217 });
    expect(summary.downloads.map((d) => d.url)).toContain('https://idr.openmicroscopy.org/webclient/annotation/8368945/');
    expect(summary.gene.screens).toEqual([
      {
        id: 102,
        name: 'idr0002-heriche-condensation/screenA',
        plates: [
          { id: 422, images: 600 },
          { id: 4554, images: 440 },
        ],
      },
    ]);
    expect(lines).toContain('# Study map annotation of screen 102');
    expect(lines.some((l) => l.includes('Download URL: https://idr.openmicroscopy.org/webclient/annotation/2891867'))).toBe(true);
  });
});
