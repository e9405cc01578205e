// Issue 16 item 1: probe only what a call needs, when it needs it, once; nothing for the public
// IDR; never read the HTML page a switched-off mapr route redirects to. Counted in the simulators'
// request logs (every request that reached the server).
import { isNetworkError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { runWalkthrough } from '../../../../examples/idr-walkthrough.js';
import { isEndpointRemovedError } from '../../src/index.js';
import { createSimulator } from '../../src/testing/index.js';
import { failure, newIdr, serve } from './helpers.js';

const IDR_LIKE = 'https://idr-testing.example.org'; // an IDR deployment that is not the public one
const OMERO = 'https://omero.example.org';
const idrSim = createSimulator();
const idrLike = createSimulator({ baseUrl: IDR_LIKE });
const withMapr = createSimulator({ baseUrl: OMERO, mapr: 'available', searchEngine: false });
serve([idrSim], [idrLike, IDR_LIKE], [withMapr, OMERO]);

const paths = (sim: { requests: readonly { url: URL }[] }) => sim.requests.map((r) => r.url.pathname);
const PROBES = ['/api/', '/mapr/api/config/', '/searchengine/api/v1/resources/'];

describe('capabilities of the public IDR', () => {
  it('are known without a request; refresh asks', async () => {
    const idr = newIdr();
    expect(await idr.capabilities()).toMatchObject({ apiVersions: ['0'], mapr: { status: 'removed' }, searchEngine: true });
    expect((await idr.capabilities()).mapr.keys.gene?.all).toEqual(['Gene Symbol', 'Gene Identifier']);
    expect(idrSim.requests).toHaveLength(0);
    expect(await idr.capabilities({ refresh: true })).toMatchObject({ apiVersions: ['0'], mapr: { status: 'removed' }, searchEngine: true });
    expect(paths(idrSim).sort()).toEqual(['/api/', '/mapr/api/config/', '/mapr/api/gene/count/', '/searchengine/api/v1/resources/']);
  });

  it('findByAttribute and mapr cost no probe; mapr throws before any request', async () => {
    const idr = newIdr();
    await idr.findByAttribute({ key: 'Gene Symbol', value: 'CDC20' });
    expect(paths(idrSim)).toEqual(['/searchengine/api/v1/resources/image/search/']);
    expect(isEndpointRemovedError(await failure(idr.mapr.screens('gene', 'CDC20').toArray()))).toBe(true);
    expect(idrSim.requests).toHaveLength(1);
  });

  it('runs the walkthrough in exactly the requests of its own calls (11 here: no probe)', async () => {
    const seen: string[] = [];
    const summary = await runWalkthrough(newIdr({ hooks: { onRequest: (e) => void seen.push(e.url) } }), { log: () => {} });
    expect(summary.gene.screens.map((s) => s.id)).toEqual([102]);
    // mapAnnotations, plates, plate grid, imgData, image annotations, thumbnail, get_thumbnails,
    // bulk table, file annotations, search containers, one page of hits.
    expect(idrSim.requests).toHaveLength(11);
    expect(seen).toHaveLength(11);
    for (const p of PROBES) expect(paths(idrSim)).not.toContain(p);
  });
});

describe('capabilities of other servers: probed part by part, once', () => {
  it('findByAttribute probes only the search engine, once', async () => {
    const idr = newIdr({ baseUrl: IDR_LIKE });
    await idr.findByAttribute({ key: 'Gene Symbol', value: 'CDC20' });
    await idr.findByAttribute({ key: 'Gene Symbol', value: 'CDC20' });
    expect(paths(idrLike).filter((p) => !p.includes('/search/'))).toEqual(['/searchengine/api/v1/resources/']);
  });

  it('a search() needs no probe at all', async () => {
    await newIdr({ baseUrl: IDR_LIKE }).search({ key: 'Gene Symbol', value: 'CDC20' }).toArray();
    expect(paths(idrLike)).toEqual(['/searchengine/api/v1/resources/image/search/']);
  });

  it('mapr on an IDR-like server: config and one route, whose redirect is not followed; then nothing', async () => {
    const idr = newIdr({ baseUrl: IDR_LIKE });
    const error = await failure(idr.mapr.screens('gene', 'CDC20').toArray());
    expect(isEndpointRemovedError(error)).toBe(true);
    expect(idrLike.requests.map((r) => [r.url.pathname, r.url.searchParams.get('value')])).toEqual([
      ['/mapr/api/config/', null],
      ['/mapr/api/gene/count/', '__probe__'],
    ]);
    expect(paths(idrLike)).not.toContain('/searchengine/apidocs/'); // the HTML page is never asked for
    await failure(idr.mapr.plates('gene', 'CDC20', { screen: 102 }).toArray());
    expect(idrLike.requests).toHaveLength(2);
  });

  it('concurrent calls share one probe', async () => {
    const idr = newIdr({ baseUrl: OMERO });
    await Promise.all([idr.mapr.config(), idr.mapr.screens('gene', 'CDC20').toArray(), idr.mapr.projects('gene', 'CDC20').toArray()]);
    expect(paths(withMapr).filter((p) => p === '/mapr/api/gene/count/')).toHaveLength(1);
  });

  it('a failed probe is not kept: the next call probes again', async () => {
    const idr = newIdr({ baseUrl: IDR_LIKE, retry: 0 });
    idrLike.faults.set({ every: 1, reset: true });
    expect(isNetworkError(await failure(idr.findByAttribute({ key: 'Gene Symbol', value: 'CDC20' })))).toBe(true);
    idrLike.faults.clear();
    const found = await idr.findByAttribute({ key: 'Gene Symbol', value: 'CDC20' });
    expect(found.source).toBe('searchengine');
    expect(paths(idrLike).filter((p) => p === '/searchengine/api/v1/resources/')).toHaveLength(2);
  });
});
