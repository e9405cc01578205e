// The query each /api/v0 list sends for its filters (one table in json-api.ts drives them all).
import { describe, expect, it } from 'vitest';
import { Idr } from '../../src/index.js';

function recording() {
  const urls: URL[] = [];
  const fetch = async (input: RequestInfo | URL): Promise<Response> => {
    urls.push(new URL(input instanceof Request ? input.url : String(input)));
    return Response.json({ data: [], meta: { offset: 0, limit: 200, maxLimit: 500, totalCount: 0 } });
  };
  return { urls, idr: new Idr({ fetch, retry: 0 }) };
}

const common = { owner: 2, group: 3 };

describe('/api/v0 list filters', () => {
  it.each([
    [
      'screens',
      (idr: Idr) => idr.screens({ ...common, plate: 422, childCount: true }),
      '/api/v0/m/screens/',
      'owner=2&group=3&plate=422&childCount=true&limit=1000',
    ],
    [
      'projects',
      (idr: Idr) => idr.projects({ ...common, dataset: 51, childCount: true }),
      '/api/v0/m/projects/',
      'owner=2&group=3&dataset=51&childCount=true&limit=1000',
    ],
    [
      'datasets',
      (idr: Idr) => idr.datasets({ ...common, project: 51, image: 7, childCount: false }),
      '/api/v0/m/datasets/',
      'owner=2&group=3&project=51&image=7&childCount=false&limit=1000',
    ],
    [
      'plates',
      (idr: Idr) => idr.plates({ ...common, screen: 102, well: 9, childCount: true }),
      '/api/v0/m/plates/',
      'owner=2&group=3&screen=102&well=9&childCount=true&limit=1000',
    ],
    ['wells', (idr: Idr) => idr.wells({ ...common, plate: 2551 }), '/api/v0/m/wells/', 'owner=2&group=3&plate=2551&limit=1000'],
    [
      'images',
      (idr: Idr) => idr.images({ ...common, dataset: 51, orphaned: true }),
      '/api/v0/m/images/',
      'owner=2&group=3&dataset=51&orphaned=true&limit=1000',
    ],
    ['rois', (idr: Idr) => idr.rois({ ...common, image: 1229801 }), '/api/v0/m/rois/', 'owner=2&group=3&image=1229801&limit=1000'],
  ])('%s sends its filters in order', async (_name, list, path, query) => {
    const { urls, idr } = recording();
    await list(idr).toArray();
    expect(urls.map((u) => [u.pathname, u.search.slice(1)])).toEqual([[path, query]]);
  });

  it('sends no filter it was not given, and checks ids', async () => {
    const { urls, idr } = recording();
    await idr.plates().toArray();
    expect(urls.map((u) => u.search)).toEqual(['?limit=1000']); // the page size: IDR's maxLimit
    expect(() => idr.plates({ screen: -1 })).toThrow(/screen must be a non-negative integer/);
    expect(() => idr.datasets({ image: 1.5 })).toThrow(/image must be a non-negative integer/);
  });
});
