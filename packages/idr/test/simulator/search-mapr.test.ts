import { describe, expect, it } from 'vitest';
import { isEndpointRemovedError } from '../../src/index.js';
import { createSimulator } from '../../src/testing/index.js';
import { failure, IDR, newIdr, serve } from './helpers.js';

const OMERO = 'https://omero.example.org';
const sim = createSimulator({ searchPageSize: 2 });
const withMapr = createSimulator({ mapr: 'available', searchEngine: false, baseUrl: OMERO });
serve([sim], [withMapr, OMERO]);

describe('simulator: search engine', () => {
  it('follows the bookmark page by page and reports the size', async () => {
    const idr = newIdr();
    const hits = await idr.search({ key: 'Gene Symbol', value: 'cdc20' }).toArray();
    expect(hits.map((h) => [h.id, h.plate_id, h.screen_id])).toEqual([
      [1900000, 422, 102],
      [1900001, 422, 102],
      [1938559, 4554, 102],
    ]);
    expect(sim.requests.map((r) => r.url.searchParams.get('bookmark'))).toEqual([null, '1900001']);
    expect(await idr.searchCount({ key: 'Gene Symbol', value: 'CDK5RAP2' })).toBe(1);
    expect(await idr.search({ key: 'Gene Symbol', value: 'CDC', operator: 'contains' }, { max: 1 }).total()).toBe(3);
  });

  it('sends zero hits as a bare list, also for a study that matches nothing', async () => {
    const raw = await (await fetch(`${IDR}/searchengine/api/v1/resources/image/search/?key=Gene%20Symbol&value=NOSUCHGENE`)).json();
    expect(raw.results).toEqual([]);
    expect(await newIdr().search({ key: 'Gene Symbol', value: 'NOSUCHGENE' }).toArray()).toEqual([]);
    // The study path (query_handler.py determine_search_results_) also sends zero hits as a bare list, with "Error": "none".
    const study = await (await fetch(`${IDR}/searchengine/api/v1/resources/image/search/?key=Gene%20Symbol&value=CDC20&study=idr9999`)).json();
    expect([study.results, study.Error]).toEqual([[], 'none']);
  });

  it('groups hits into studies and walks them with findByAttribute', async () => {
    const idr = newIdr();
    const containers = await idr.searchContainers({ key: 'Gene Symbol', value: 'CDC20' });
    expect(containers.map((c) => [c.type, c.id, c['image count']])).toEqual([['screen', 102, 3]]);
    const found = await idr.findByAttribute({ key: 'Gene Symbol', value: 'CDC20' });
    expect(found.studies.map((s) => s.accession)).toEqual(['idr0002']);
    const c = found.containers[0]!;
    const plates = c.kind === 'screen' ? await c.plates() : [];
    expect(plates.map((p) => p.id)).toEqual([422, 4554]);
  });
});

describe('simulator: mapr', () => {
  it('redirects mapr routes to HTML on IDR, which the client reports as removed', async () => {
    const error = await failure(newIdr().mapr.screens('gene', 'CDC20').toArray());
    expect(isEndpointRemovedError(error)).toBe(true);
    const r = await fetch(`${IDR}/mapr/api/gene/?value=CDC20`, { redirect: 'manual' });
    expect([r.status, r.headers.get('location')]).toEqual([302, '/searchengine/apidocs/']);
    expect(Object.keys(await newIdr().mapr.config())).toContain('gene');
  });

  it('answers the mapr chain where mapr is installed, paged with page/limit', async () => {
    const omero = newIdr({ baseUrl: OMERO });
    const screens = await omero.mapr.screens('gene', 'CDC20').toArray();
    expect(screens).toEqual([
      { id: 102, name: 'idr0002-heriche-condensation/screenA', imageCount: 3, ownerId: 2, childCount: 2, permsCss: '', extra: { counter: 3, value: 'CDC20' } },
    ]);
    const plates = await omero.mapr.plates('gene', 'CDC20', { screen: 102 }).toArray();
    expect(plates.map((p) => [p.id, p.childCount])).toEqual([
      [422, 2],
      [4554, 1],
    ]);
    const images = await omero.mapr.images('gene', 'CDC20', { plate: 422 }, { pageSize: 1 }).toArray();
    expect(images.map((i) => i.id)).toEqual([1900000, 1900001]);
    expect(withMapr.requests.filter((r) => r.url.pathname === '/mapr/api/gene/images/').map((r) => r.url.searchParams.get('page'))).toEqual(['1', '2', '3']);
    const found = await omero.findByAttribute({ key: 'Gene Symbol', value: 'CDK5RAP2' });
    expect([found.source, found.containers.map((c) => [c.kind, c.id])]).toEqual(['mapr', [['project', 51]]]);
    const bad = await fetch(`${OMERO}/mapr/api/gene/?value=CDC20&page=x`);
    expect([bad.status, await bad.text()]).toEqual([400, 'Invalid parameter value']);
  });
});
