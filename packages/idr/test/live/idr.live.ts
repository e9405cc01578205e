// Opt-in contract suite against the real IDR: `BIO_LIVE=1 npx vitest run` (see vitest.config.ts).
// It asserts shapes and invariants (envelopes, limits, optional keys, error dialects), not values
// that change with IDR releases.
import { isNotFoundError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { Idr, isEndpointRemovedError, isJpeg, toMap } from '../../src/index.js';

const idr = new Idr();

describe('live IDR', () => {
  it('has the capabilities the client expects', async () => {
    const caps = await idr.capabilities();
    expect(caps.apiVersions).toContain('0');
    expect(caps.mapr.status).toBe('removed');
    expect(caps.searchEngine).toBe(true);
  });

  it('pages /api/v0 lists with the server maxLimit (a too-large pageSize is clamped)', async () => {
    const urls: string[] = [];
    const client = new Idr({ hooks: { onRequest: (e) => void urls.push(e.url) } });
    const screens = await client.screens({}, { pageSize: 5000 }).toArray();
    expect(screens.length).toBeGreaterThan(50);
    expect(new Set(screens.map((s) => s['@id'])).size).toBe(screens.length);
    expect(urls).toHaveLength(1); // limit=5000 answered with the server's maxLimit (1000)
    expect(Object.keys(screens[0] ?? {})).toEqual(expect.arrayContaining(['@id', '@type', 'Name', 'url:plates', 'url:screen']));
  });

  it('omits WellSamples on never-imaged wells of plate 8958', async () => {
    const wells = await idr.wells({ plate: 8958 }).toArray();
    expect(wells.length).toBe(384);
    expect(wells.some((w) => w.WellSamples === undefined)).toBe(true);
  });

  it('reads screen 102, image 1884807 and the study annotation', async () => {
    expect((await idr.screen(102)).Name).toMatch(/^idr0002-/);
    expect((await idr.image(1884807)).Pixels?.SizeX).toBe(256);
    expect(toMap(await idr.mapAnnotations({ screen: 102 }).toArray()).get('Organism')).toBeDefined();
    await expect(idr.screen(999999999)).rejects.toSatisfy(isNotFoundError);
  });

  it('serves JPEG thumbnails and the bulk annotation of well 45217', async () => {
    expect(isJpeg(await idr.thumbnail(1229801))).toBe(true);
    expect((await idr.bulkAnnotations({ well: 45217 })).rows.length).toBeGreaterThan(0);
    expect(['ok', 'pixels-unavailable']).toContain((await idr.imageData(122770)).status);
  });

  it('searches through the search engine; mapr names its replacement', async () => {
    expect(await idr.searchCount({ key: 'Gene Symbol', value: 'CDK5RAP2' })).toBeGreaterThan(0);
    expect(await idr.search({ key: 'Gene Symbol', value: 'NO-SUCH-GENE-XYZ' }).toArray()).toEqual([]);
    await expect(idr.mapr.screens('gene', 'CDC20')).rejects.toSatisfy(isEndpointRemovedError);
  });
});
