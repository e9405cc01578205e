import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URL, fixtures, handlers } from '../../src/testing/index.js';

describe('@bio/idr/testing', () => {
  it('loads every fixture and builds handlers for any base URL', () => {
    const all = fixtures();
    expect(all.length).toBeGreaterThanOrEqual(15);
    expect(all.map((f) => f.name)).toContain('wells-plate-8958');
    expect(handlers().length).toBeGreaterThan(0);
    expect(handlers({ baseUrl: 'https://idr-testing.openmicroscopy.org' }).length).toBeGreaterThan(0);
    expect(DEFAULT_BASE_URL).toBe('https://idr.openmicroscopy.org');
  });

  it('ships faithful content types: JSON API, HTML error pages, JPEG thumbnails', () => {
    const exchanges = fixtures().flatMap((f) => f.exchanges);
    const byPath = (p: string) => exchanges.find((e) => e.request.path === p);
    expect(byPath('/api/v0/m/screens/102/')?.response.headers?.['x-omero-apiversion']).toBe('0.2');
    expect(byPath('/webgateway/render_thumbnail/1229801/64/')?.response.headers?.['content-type']).toMatch(/^text\/html/);
    const thumb = byPath('/webgateway/render_thumbnail/1229801/');
    expect(thumb?.response.headers?.['content-type']).toBe('image/jpeg');
    const b64 = (thumb?.response.body as { base64: string } | undefined)?.base64 ?? '';
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    expect([bytes[0], bytes[1], bytes.at(-2), bytes.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
  });
});
