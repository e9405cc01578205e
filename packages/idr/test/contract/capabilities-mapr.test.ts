import { isNotFoundError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { isEndpointRemovedError } from '../../src/index.js';
import { isResponseFormatError } from '@bio/core-http';
import { EXAMPLE_URL, newIdr, useFixtureServer } from './server.js';

useFixtureServer();

describe('capabilities', () => {
  it('knows the public IDR without asking: API v0, mapr removed (302 to HTML), search engine present', async () => {
    const urls: string[] = [];
    const idr = newIdr({ hooks: { onRequest: (e) => void urls.push(e.url) } });
    const caps = await idr.capabilities();
    expect(caps.apiVersions).toEqual(['0']);
    expect(caps.mapr.status).toBe('removed');
    expect(Object.keys(caps.mapr.keys)).toContain('gene');
    expect(caps.searchEngine).toBe(true);
    const count = urls.length;
    await idr.capabilities();
    expect(urls).toHaveLength(count);
    expect(count).toBe(0);
  });

  it('probes a generic OMERO.web with mapr and no search engine', async () => {
    const caps = await newIdr({ baseUrl: EXAMPLE_URL }).capabilities();
    expect(caps).toMatchObject({ apiVersions: ['0'], mapr: { status: 'available' }, searchEngine: false });
  });
});

describe('mapr', () => {
  it('throws EndpointRemovedError naming the search-engine equivalent on IDR', async () => {
    const error = await newIdr()
      .mapr.screens('gene', 'CDC20')
      .toArray()
      .catch((e: unknown) => e);
    expect(isEndpointRemovedError(error)).toBe(true);
    expect(isNotFoundError(error)).toBe(true);
    expect(error).toMatchObject({ status: 410, code: 'ENDPOINT_REMOVED', endpoint: '/mapr/api/gene/' });
    expect((error as { replacement: string }).replacement).toContain('idr.findByAttribute({ key: "Gene Symbol", value: "CDC20" })');
    expect((error as { replacement: string }).replacement).toContain('/searchengine/api/v1/resources/image/search/?key=Gene%20Symbol&value=CDC20');
  });

  it('walks gene → screens → plates → images where mapr exists', async () => {
    const omero = newIdr({ baseUrl: EXAMPLE_URL });
    const screens = await omero.mapr.screens('gene', 'CDC20').toArray();
    expect(screens).toEqual([expect.objectContaining({ id: 102, extra: { counter: 2, value: 'CDC20' } })]);
    const projects = await omero.mapr.projects('gene', 'CDC20').toArray();
    expect(projects.map((p) => p.id)).toEqual([51]);
    const datasets = await omero.mapr.datasets('gene', 'CDC20', { project: 51 }).toArray();
    expect(datasets.map((d) => d.id)).toEqual([51]);
    expect((await omero.mapr.images('gene', 'CDC20', { dataset: 51 }).toArray()).map((i) => i.id)).toEqual([1884807]);
    const plates = await omero.mapr.plates('gene', 'CDC20', { screen: screens[0]!.id }).toArray();
    expect(plates.map((p) => p.id)).toEqual([422]);
    const images = await omero.mapr.images('gene', 'CDC20', { plate: plates[0]!.id }).toArray();
    expect(images.map((i) => i.id)).toEqual([1938559, 1938560]);
    expect(Object.keys(await omero.mapr.config())).toEqual(['gene', 'phenotype']);
  });

  it('turns a mapr redirect into EndpointRemovedError without reading the HTML it points to, and remembers it', async () => {
    const omero = newIdr({ baseUrl: EXAMPLE_URL });
    const error = await omero.mapr
      .screens('phenotype', 'mitotic')
      .toArray()
      .catch((e: unknown) => e);
    expect(isEndpointRemovedError(error)).toBe(true);
    expect((error as Error).cause).toMatchObject({ name: 'NetworkError', message: expect.stringContaining('more than 0 redirects') });
    expect((await omero.capabilities()).mapr.status).toBe('removed');
  });

  it('refuses keys the server does not configure', async () => {
    await expect(newIdr({ baseUrl: EXAMPLE_URL }).mapr.screens('compound', 'x').toArray()).rejects.toThrow(/unknown mapr key "compound"/);
  });
});

describe('findByAttribute', () => {
  it('goes gene → studies → screens → plates → images through the search engine on IDR, lazily', async () => {
    const urls: string[] = [];
    const idr = newIdr({ hooks: { onRequest: (e) => void urls.push(e.url) } });
    const found = await idr.findByAttribute({ key: 'Gene Symbol', value: 'CDC20' });
    expect(found.source).toBe('searchengine');
    expect(found.studies).toEqual([expect.objectContaining({ accession: 'idr0002' })]);
    const screen = found.containers[0];
    if (screen?.kind !== 'screen') throw new Error('expected a screen');
    expect(screen).toMatchObject({ id: 102, imageCount: 1040 });
    const beforePlates = urls.length;
    const plates = await screen.plates();
    expect(urls.length).toBe(beforePlates + 2); // the two hit pages, once
    expect(plates.map((p) => [p.id, p.name])).toEqual([
      [422, 'plate1_1_013'],
      [4554, 'plate3_4_021'],
    ]);
    expect(plates.truncated).toBe(false);
    const images = await plates[1]!.images();
    expect(images).toHaveLength(440);
    expect(images.truncated).toBe(false);
    expect(images[0]).toMatchObject({ kind: 'image', id: 1938559, wellId: 1046859 });
    await screen.plates();
    expect(urls.length).toBe(beforePlates + 2);
    expect((await screen.details()).Name).toBe('idr0002-heriche-condensation/screenA');
  });

  it('flags lists cut short by maxImages instead of dropping hits silently', async () => {
    const found = await newIdr().findByAttribute({ key: 'Gene Symbol', value: 'CDC20' }, { maxImages: 1000 });
    const screen = found.containers[0];
    if (screen?.kind !== 'screen') throw new Error('expected a screen');
    const plates = await screen.plates();
    expect(plates.truncated).toBe(true);
    const last = plates.at(-1)!;
    expect((await last.images()).truncated).toBe(true);
    await expect(newIdr().findByAttribute({ key: 'Gene Symbol', value: 'CDC20' }, { maxImages: 0 })).rejects.toThrow(/maxImages/);
  });

  it('uses the mapr chain on servers without the search engine', async () => {
    const found = await newIdr({ baseUrl: EXAMPLE_URL }).findByAttribute({ key: 'Gene Symbol', value: 'CDC20' });
    expect(found.source).toBe('mapr');
    const screen = found.containers[0];
    if (screen?.kind !== 'screen') throw new Error('expected a screen');
    const maprPlates = await screen.plates();
    expect(maprPlates.truncated).toBe(false);
    const [plate] = maprPlates;
    expect(plate?.id).toBe(422);
    expect((await plate!.images()).map((i) => i.id)).toEqual([1938559, 1938560]);
    expect(found.studies.map((s) => s.accession)).toEqual(['idr0002', 'idr0021']);
    const project = found.containers[1];
    if (project?.kind !== 'project') throw new Error('expected a project');
    expect(project.imageCount).toBe(1);
    const [dataset] = await project.datasets();
    expect((await dataset!.images()).map((i) => i.id)).toEqual([1884807]);
  });

  it('refuses an operator mapr cannot express instead of matching exactly, before asking mapr for the value', async () => {
    for (const operator of ['not_equals', 'not_contains', 'in', 'not_in'] as const) {
      const urls: string[] = [];
      const idr = newIdr({ baseUrl: EXAMPLE_URL, hooks: { onRequest: (e) => void urls.push(e.url) } });
      const error = await idr.findByAttribute({ key: 'Gene Symbol', value: 'CDC20', operator }).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'ValidationError', field: 'operator', message: expect.stringContaining(`"${operator}"`) });
      // Only the capability probe ran; nothing asked mapr for the value.
      expect(urls.filter((u) => u.includes('CDC20'))).toEqual([]);
    }
    const found = await newIdr({ baseUrl: EXAMPLE_URL }).findByAttribute({ key: 'Gene Symbol', value: 'CDC20', operator: 'equals' });
    expect(found.source).toBe('mapr');
  });

  it('a container id the server sends that is not an id is a ResponseFormatError, not bad input', async () => {
    // The mapr answer for the gene, with the screen's id replaced by a non-id.
    const corrupt = async ({ request, response }: { request: Request; response: Response }) => {
      if (new URL(request.url).pathname !== '/mapr/api/gene/') return undefined;
      const body = (await response.json()) as { screens?: { id: unknown }[] };
      for (const screen of body.screens ?? []) screen.id = 'abc';
      return Response.json(body, { status: response.status, headers: response.headers });
    };
    const idr = newIdr({ baseUrl: EXAMPLE_URL, hooks: { afterResponse: [corrupt] } });
    const error = await idr.findByAttribute({ key: 'Gene Symbol', value: 'CDC20' }).catch((e: unknown) => e);
    expect(isResponseFormatError(error)).toBe(true);
    expect((error as Error).message).toContain('"abc"');
  });
});
