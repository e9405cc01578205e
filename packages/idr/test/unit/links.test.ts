// Issue 16 item 8: the walkthrough's links, for every object type that has them, with no request.
import { isValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { Idr } from '../../src/index.js';

const refusing = (async () => {
  throw new Error('links must not make a request');
}) as typeof globalThis.fetch;

describe('links', () => {
  const idr = new Idr({ fetch: refusing });
  it('builds the walkthrough links from the base URL', () => {
    expect(idr.links.show({ image: 1229801 })).toBe('https://idr.openmicroscopy.org/webclient/?show=image-1229801');
    expect(idr.links.viewer(1229801)).toBe('https://idr.openmicroscopy.org/webclient/img_detail/1229801/');
    expect(idr.links.thumbnail(1229801)).toBe(idr.thumbnailUrl(1229801));
    expect(idr.links.thumbnail(1229801, { size: 96 })).toBe('https://idr.openmicroscopy.org/webgateway/render_thumbnail/1229801/96/');
    expect(idr.links.attribute({ key: 'Gene Symbol', value: 'CDC20' })).toBe('https://idr.openmicroscopy.org/search/?key=Gene+Symbol&value=CDC20');
    expect(idr.links.mapr('gene', 'CDC20')).toBe('https://idr.openmicroscopy.org/mapr/gene/?value=CDC20');
  });

  it.each(['project', 'dataset', 'image', 'screen', 'plate', 'acquisition', 'well'] as const)('show: %s', (kind) => {
    expect(new Idr({ baseUrl: 'https://omero.example.org/sub/', fetch: refusing }).links.show({ [kind]: 51 } as never)).toBe(
      `https://omero.example.org/sub/webclient/?show=${kind}-51`,
    );
  });

  it('refuses bad input with a ValidationError', () => {
    expect(() => idr.links.show({ image: -1 })).toThrow(/non-negative integer/);
    expect(() => idr.links.show({ roi: 1 } as never)).toThrow(/exactly one of/);
    expect(() => idr.links.viewer('x' as never)).toThrow(/non-negative integer/);
    let error: unknown;
    try {
      idr.links.attribute({ key: '', value: 'x' });
    } catch (e) {
      error = e;
    }
    expect(isValidationError(error)).toBe(true);
  });
});
