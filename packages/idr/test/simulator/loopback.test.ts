import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/testing/index.js';
import { newIdr } from './helpers.js';

// No msw here: the client talks to the simulator over a real loopback socket.
describe('simulator: loopback', () => {
  const sim = createSimulator();
  it('serves the same IDR on a loopback port', async () => {
    const served = await sim.listen();
    try {
      const idr = newIdr({ baseUrl: served.baseUrl });
      expect(await idr.webclient.plates({ screen: 102 }).toArray()).toHaveLength(12);
      const jpeg = await idr.thumbnail(1884807);
      expect([jpeg[0], jpeg[1]]).toEqual([0xff, 0xd8]);
      const image = await idr.image(1884807);
      expect(image['url:rois']).toBe(`${served.baseUrl}/api/v0/m/images/1884807/rois/`); // a single image links its ROIs, not itself
      const before = sim.requests.length;
      sim.faults.set({ every: 2, status: 503, retryAfter: 0 });
      expect((await idr.plate(2551)).Rows).toBe(8);
      expect((await idr.screen(102)).Name).toBe('idr0002-heriche-condensation/screenA'); // its first try got the 503
      expect(sim.requests.length - before).toBe(3);
      sim.faults.clear();
      const caps = await idr.capabilities();
      expect(caps).toMatchObject({ apiVersions: ['0'], mapr: { status: 'removed' }, searchEngine: true });
    } finally {
      await served.close();
    }
  });
});
