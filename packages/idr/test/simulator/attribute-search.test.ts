// Issue 16 item 2: attribute search groups hits by the container ids every hit carries and
// refuses what it cannot classify; mapr's screens and projects come from one list, named without
// mapr's " (12)" suffix (the count as a number), and mapr.images pages to the end.
import { isResponseFormatError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/testing/index.js';
import { failure, newIdr, serve } from './helpers.js';

const OMERO = 'https://omero.example.org';
const GENE_NS = 'openmicroscopy.org/mapr/gene';
const sim = createSimulator();
const withMapr = createSimulator({
  baseUrl: OMERO,
  mapr: 'available',
  searchEngine: false,
  seed: {
    screens: [
      {
        id: 9001,
        name: 'idr9001-big/screenA',
        plates: [
          {
            id: 8001,
            name: 'P1',
            rows: 40,
            columns: 30,
            wells: Array.from({ length: 1200 }, (_, i) => ({
              id: 7_000_000 + i,
              row: Math.floor(i / 30),
              column: i % 30,
              images: [{ id: 6_000_000 + i, name: `img ${i}`, mapAnnotations: [{ ns: GENE_NS, values: [['Gene Symbol', 'BIG1']] as [string, string][] }] }],
            })),
          },
        ],
      },
    ],
  },
});
serve([sim], [withMapr, OMERO]);

/** An afterResponse hook rewriting the search engine's `return_containers=true` answer. */
function rewriteContainers(rewrite: (body: { results: { results: unknown[] } }) => unknown) {
  return async ({ request, response }: { request: Request; response: Response }) => {
    if (new URL(request.url).searchParams.get('return_containers') !== 'true') return undefined;
    return Response.json(rewrite((await response.json()) as { results: { results: unknown[] } }), { status: response.status, headers: response.headers });
  };
}

describe('findByAttribute through the search engine', () => {
  it('groups an answer of image hits (no container fields) by their screen_id, never as screens of image ids', async () => {
    // What an engine sends when it ignores return_containers: the hits themselves.
    const asHits = rewriteContainers(() => ({
      results: { results: [{ id: 1900000, name: 'img', screen_id: 102, screen_name: 'idr0002-heriche-condensation/screenA', plate_id: 422 }] },
    }));
    const found = await newIdr({ hooks: { afterResponse: [asHits] } }).findByAttribute({ key: 'Gene Symbol', value: 'CDC20' });
    expect(found.containers.map((c) => [c.kind, c.id, c.name, c.imageCount])).toEqual([['screen', 102, 'idr0002-heriche-condensation/screenA', undefined]]);
    const screen = found.containers[0]!;
    if (screen.kind !== 'screen') throw new Error('expected a screen');
    expect((await screen.plates()).map((p) => p.id)).toEqual([422, 4554]);
  });

  it('refuses a container it cannot classify', async () => {
    const odd = rewriteContainers(() => ({ results: { results: [{ id: 5, name: 'what am I' }] } }));
    const error = await failure(newIdr({ hooks: { afterResponse: [odd] } }).findByAttribute({ key: 'Gene Symbol', value: 'CDC20' }));
    expect(isResponseFormatError(error)).toBe(true);
    expect(String(error.message)).toContain('neither a screen nor a project');
  });

  it('refuses a hit of a screen that names no plate', async () => {
    const noPlate = async ({ request, response }: { request: Request; response: Response }) => {
      const url = new URL(request.url);
      if (!url.pathname.endsWith('/search/') || url.searchParams.has('return_containers')) return undefined;
      const body = (await response.json()) as { results: { results: { plate_id?: unknown }[] } };
      for (const hit of body.results.results) delete hit.plate_id;
      return Response.json(body, { status: response.status, headers: response.headers });
    };
    const found = await newIdr({ hooks: { afterResponse: [noPlate] } }).findByAttribute({ key: 'Gene Symbol', value: 'CDC20' });
    const screen = found.containers[0]!;
    if (screen.kind !== 'screen') throw new Error('expected a screen');
    expect(isResponseFormatError(await failure(screen.plates()))).toBe(true);
  });
});

describe('mapr', () => {
  it('findByAttribute reads screens and projects from one list: one request, not two', async () => {
    const found = await newIdr({ baseUrl: OMERO }).findByAttribute({ key: 'Gene Symbol', value: 'CDC20' });
    expect(found.containers.map((c) => [c.kind, c.id])).toEqual([['screen', 102]]);
    expect(withMapr.requests.filter((r) => r.url.pathname === '/mapr/api/gene/')).toHaveLength(1);
  });

  it('names come without the " (n)" suffix; the count is a number', async () => {
    const [screen] = await newIdr({ baseUrl: OMERO }).mapr.screens('gene', 'CDC20').toArray();
    expect(screen).toMatchObject({ id: 102, name: 'idr0002-heriche-condensation/screenA', imageCount: 3 });
    const { screens, projects } = await newIdr({ baseUrl: OMERO }).mapr.containers('gene', 'CDK5RAP2');
    expect([screens, projects.map((p) => [p.name, p.imageCount])]).toEqual([[], [['idr0021-lawo-pericentriolarmaterial/experimentA', 1]]]);
  });

  it('mapr.images pages to the end (1,200 images: pages of 500, 500, 200)', async () => {
    const images = await newIdr({ baseUrl: OMERO }).mapr.images('gene', 'BIG1', { plate: 8001 }).toArray();
    expect(images).toHaveLength(1200);
    expect(new Set(images.map((i) => i.id)).size).toBe(1200);
    expect(withMapr.requests.filter((r) => r.url.pathname === '/mapr/api/gene/images/').map((r) => r.url.searchParams.get('page'))).toEqual(['1', '2', '3']);
  });
});
