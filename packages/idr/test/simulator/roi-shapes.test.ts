// omero-marshal's ROI encoder (encode/encoders/roi.py) writes `shapes` only when the shapes are
// loaded and there is at least one: a shapeless ROI comes back without the key, and `Roi.shapes`
// is optional. The client passes both through as the server sent them.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Roi, Shape } from '../../src/index.js';
import { createSimulator } from '../../src/testing/index.js';
import { newIdr, serve } from './helpers.js';

const sim = createSimulator();
serve([sim]);

describe('ROIs without shapes', () => {
  it('a listed ROI without shapes has no "shapes" key; one with shapes keeps them', async () => {
    sim.state.rois.set(5001, {
      id: 5001,
      imageId: 1884807,
      shapes: [{ '@id': 5101, '@type': 'http://www.openmicroscopy.org/Schemas/OME/2016-06#Point', X: 1, Y: 2 }],
    });
    sim.state.rois.set(5002, { id: 5002, imageId: 1884807, shapes: [] });
    const rois = await newIdr().rois({ image: 1884807 }).toArray();
    const byId = new Map(rois.map((r) => [r['@id'] as number, r]));
    expect(byId.get(5002)).toBeDefined();
    expect(byId.get(5002)).not.toHaveProperty('shapes');
    expect(byId.get(5001)?.shapes?.map((s) => s['@id'])).toEqual([5101]);
    // The type says so: code must handle the absent key.
    expectTypeOf<Roi['shapes']>().toEqualTypeOf<Shape[] | undefined>();
  });
});
