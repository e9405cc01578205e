// pathsToObject({ roi }): OMERO.web's own `paths_to_object/?roi=` fails (500) for an ROI on an image
// in a well (show.py keeps `roi.image.id` as an RLong), so the client asks `/api/v0/m/rois/{id}/` for
// a shape and locates that (`?shape=`, whose ids show.py unwraps), then drops the shape node.
import { isResponseFormatError, isServerError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/testing/index.js';
import { failure, IDR, newIdr, serve } from './helpers.js';

const sim = createSimulator();
serve([sim]);

const exp = { type: 'experimenter', id: 2 };
const toWellImage = [
  exp,
  { type: 'screen', id: 3 },
  { type: 'plate', id: 2551 },
  { type: 'acquisition', id: 2601 },
  { type: 'well', id: 590809 },
  { type: 'wellsample', id: 5908090 },
  { type: 'image', id: 1229801 },
];
const toDatasetImage = [exp, { type: 'project', id: 51 }, { type: 'dataset', id: 51, childCount: 1 }, { type: 'image', id: 1884807 }];

/** A client that records the path and query of every request it sends. */
function recording(): [ReturnType<typeof newIdr>, string[]] {
  const urls: string[] = [];
  const idr = newIdr({
    hooks: {
      onRequest: (e) => {
        const url = new URL(e.url);
        urls.push(`${url.pathname}${url.search}`);
      },
    },
  });
  return [idr, urls];
}

/** What the server itself answers to `paths_to_object/?{query}`: [status, body]. */
async function server(query: string): Promise<[number, unknown]> {
  const r = await fetch(`${IDR}/webclient/api/paths_to_object/?${query}`);
  return [r.status, r.status === 200 ? await r.json() : undefined];
}

describe('pathsToObject({ roi })', () => {
  it('locates an ROI on a well image, which the server alone cannot (its ?roi= is a 500)', async () => {
    expect((await server('roi=1000001'))[0]).toBe(500);
    const [idr, urls] = recording();
    expect(await idr.pathsToObject({ roi: 1000001 })).toEqual([[...toWellImage, { type: 'roi', id: 1000001 }]]);
    expect(await idr.pathsToObject({ roi: 1000036 })).toEqual([[...toWellImage, { type: 'roi', id: 1000036 }]]);
    expect(urls).toEqual([
      '/api/v0/m/rois/1000001/',
      '/webclient/api/paths_to_object/?shape=2000001',
      '/api/v0/m/rois/1000036/',
      '/webclient/api/paths_to_object/?shape=2000036',
    ]);
  });

  it('gives the same paths as the server for an ROI on a dataset image, through its first shape', async () => {
    sim.state.rois.set(5001, { id: 5001, imageId: 1884807, shapes: [{ '@id': 5101 }, { '@id': 5102 }] });
    expect(await server('roi=5001')).toEqual([200, { paths: [[...toDatasetImage, { type: 'roi', id: 5001 }]] }]);
    const [idr, urls] = recording();
    expect(await idr.pathsToObject({ roi: 5001 })).toEqual([[...toDatasetImage, { type: 'roi', id: 5001 }]]);
    expect(urls).toEqual(['/api/v0/m/rois/5001/', '/webclient/api/paths_to_object/?shape=5101']);
  });

  it('asks ?roi= for an ROI without shapes: answered on a dataset image, the server 500 on a well image', async () => {
    sim.state.rois.set(5002, { id: 5002, imageId: 1884807, shapes: [] });
    sim.state.rois.set(5003, { id: 5003, imageId: 1229801, shapes: [] });
    // omero-marshal leaves `shapes` out of a ROI without shapes.
    expect(await (await fetch(`${IDR}/api/v0/m/rois/5002/`)).json()).toEqual({ data: expect.not.objectContaining({ shapes: expect.anything() }) });
    const [idr, urls] = recording();
    expect(await idr.pathsToObject({ roi: 5002 })).toEqual([[...toDatasetImage, { type: 'roi', id: 5002 }]]);
    expect(urls).toEqual(['/api/v0/m/rois/5002/', '/webclient/api/paths_to_object/?roi=5002']);
    const error = await failure(idr.pathsToObject({ roi: 5003 }));
    expect(isServerError(error)).toBe(true);
    expect(error).toMatchObject({ status: 500 });
    expect(urls.slice(2)).toEqual(['/api/v0/m/rois/5003/', '/webclient/api/paths_to_object/?roi=5003']);
  });

  it('ends an unknown ROI as the server answers it: no paths', async () => {
    expect(await server('roi=999')).toEqual([200, { paths: [] }]);
    const [idr, urls] = recording();
    expect(await idr.pathsToObject({ roi: 999 })).toEqual([]);
    expect(urls).toEqual(['/api/v0/m/rois/999/', '/webclient/api/paths_to_object/?roi=999']);
  });

  it('refuses shape paths that do not end with the ROI then the shape', async () => {
    const answering = (paths: unknown) =>
      (async (input: RequestInfo | URL, init?: RequestInit) => {
        const request = new Request(input, init);
        if (!new URL(request.url).searchParams.has('shape')) return globalThis.fetch(request);
        return new Response(JSON.stringify({ paths }), { headers: { 'content-type': 'application/json' } });
      }) as typeof globalThis.fetch;
    const roi = (id: number) => ({ type: 'roi', id });
    const shape = (id: number) => ({ type: 'shape', id });
    for (const bad of [
      [[...toWellImage, roi(1000002), shape(2000001)]],
      [[...toWellImage, roi(1000001), shape(2000002)]],
      [[...toWellImage, shape(2000001), roi(1000001)]],
      [[...toWellImage, roi(1000001)]],
      [[]],
      [null],
    ]) {
      const error = await failure(newIdr({ fetch: answering(bad) }).pathsToObject({ roi: 1000001 }));
      expect(isResponseFormatError(error)).toBe(true);
      expect(String(error.message)).toContain('paths_to_object/?shape=2000001');
    }
    expect(await newIdr({ fetch: answering([]) }).pathsToObject({ roi: 1000001 })).toEqual([]);
  });
});
