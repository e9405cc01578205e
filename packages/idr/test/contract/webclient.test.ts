import { isBadRequestError, isNotFoundError, isValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { toMap } from '../../src/index.js';
import { newIdr, useFixtureServer } from './server.js';

useFixtureServer();

describe('webclient/api tree lists', () => {
  it("lists the 12 plates of screen 102 in one request with the client's page size", async () => {
    const urls: string[] = [];
    const idr = newIdr({ hooks: { onRequest: (e) => void urls.push(e.url) } });
    const plates = await idr.webclient.plates({ screen: 102 }).toArray();
    expect(plates.map((p) => p.id)).toEqual([422, 492, 559, 620, 680, 728, 800, 869, 944, 1015, 1072, 4554]);
    expect(plates[0]).toMatchObject({ name: 'plate1_1_013', childCount: 1 });
    expect(urls).toHaveLength(1);
  });

  it('pages with page/limit until a short page', async () => {
    const urls: string[] = [];
    const idr = newIdr({ hooks: { onRequest: (e) => void urls.push(e.url) } });
    const plates = await idr.webclient.plates({ screen: 102 }, { pageSize: 5 }).toArray();
    expect(plates).toHaveLength(12);
    expect(urls.map((u) => new URL(u).searchParams.get('page'))).toEqual(['1', '2', '3']);
  });

  it('refuses a non-integer pageSize before any request', () => {
    const urls: string[] = [];
    const idr = newIdr({ hooks: { onRequest: (e) => void urls.push(e.url) } });
    expect(() => idr.webclient.plates({ screen: 102 }, { pageSize: 2.5 })).toThrow(/pageSize must be an integer/);
    expect(urls).toEqual([]);
  });

  it('maps the plain-text 400 to BadRequestError with the server words', async () => {
    // The server's answer to limit=2.5 (recorded); the client no longer sends it, so a proxy rewrites the page size.
    const fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      return globalThis.fetch(new Request(request.url.replace('limit=2', 'limit=2.5'), request));
    }) as typeof globalThis.fetch;
    const error = await newIdr({ fetch })
      .webclient.plates({ screen: 102 }, { pageSize: 2 })
      .toArray()
      .catch((e: unknown) => e);
    expect(isBadRequestError(error)).toBe(true);
    expect(error).toMatchObject({ status: 400, code: 'BAD_REQUEST', serviceMessage: 'Invalid parameter value' });
  });

  it('lists datasets and images (with sizes on request)', async () => {
    const idr = newIdr();
    expect(await idr.webclient.datasets({ project: 51 }).toArray()).toEqual([{ id: 51, name: 'CDK5RAP2-C', ownerId: 2, childCount: 1, permsCss: '' }]);
    const [image] = await idr.webclient.images({ dataset: 51 }, { sizeXYZ: true }).toArray();
    expect(image).toMatchObject({ id: 1884807, sizeX: 256, sizeY: 256, sizeZ: 1 });
  });

  it('finds the paths to an image', async () => {
    const paths = await newIdr().pathsToObject({ image: 1229801 });
    expect(paths[0]?.map((n) => `${n.type}:${n.id}`)).toEqual([
      'experimenter:2',
      'screen:3',
      'plate:2551',
      'acquisition:2601',
      'well:590809',
      'wellsample:2233740',
      'image:1229801',
    ]);
    await expect(newIdr().pathsToObject({ image: 1, well: 2 } as never)).rejects.toSatisfy(isValidationError);
  });
});

describe('annotations', () => {
  it('reads the study map annotation of screen 102', async () => {
    const anns = await newIdr().mapAnnotations({ screen: 102 }).toArray();
    expect(anns).toHaveLength(1);
    expect(anns[0]).toMatchObject({ ns: 'idr.openmicroscopy.org/study/info', parent: { id: 102, class: 'ScreenI' } });
    expect(anns[0]?.values[0]).toEqual(['Study Type', 'high content screen']);
    const map = toMap(anns);
    expect(map.get('Organism')).toEqual(['Homo sapiens']);
    expect(map.get('Publication Authors')).toHaveLength(2);
    expect(anns[0]?.owner).toEqual({ id: 2, omeName: 'public', firstName: 'Public', lastName: 'data' });
  });

  it('keeps repeated keys of an image and takes several ids in one call', async () => {
    const idr = newIdr();
    const anns = await idr.mapAnnotations({ image: 122770 }).toArray();
    expect(toMap(anns).get('Phenotype')).toEqual(['increased cell size', 'protruding cell edges']);
    expect(toMap(anns.filter((a) => a.ns === 'openmicroscopy.org/mapr/gene')).get('Gene Symbol')).toEqual(['Act57B']);
    const both = await idr.mapAnnotations({ image: [122770, 1229801] }).toArray();
    expect(both.map((a) => a.parent?.id)).toEqual([122770, 1229801]);
  });

  it('lists file annotations with absolute download links and streams one', async () => {
    const idr = newIdr();
    const files = await idr.fileAnnotations({ screen: 206 }).toArray();
    expect(files.map((f) => f.id)).toEqual([8368945, 2891867]);
    expect(files[0]?.file).toMatchObject({ id: 15026339, name: 'bulk_annotations', mimetype: 'OMERO.tables' });
    expect(files.map((f) => f.downloadUrl)).toEqual([
      'https://idr.openmicroscopy.org/webclient/annotation/8368945/',
      'https://idr.openmicroscopy.org/webclient/annotation/2891867/',
    ]);
    const download = await idr.download(2891867);
    expect(download.filename).toBe('idr0008-screenA-annotation.csv');
    expect(download.contentType).toBe('application/force-download');
    const text = await new Response(download.stream).text();
    expect(text.split('\n')[0]).toBe('Plate,Well,Gene Symbol,Phenotype');
    expect(download.size).toBe(text.length);
  });

  it("reports a missing annotation (OMERO.web's 404 error page) as NotFoundError with the page's message", async () => {
    const error = await newIdr()
      .download(999999999)
      .catch((e: unknown) => e);
    expect(isNotFoundError(error)).toBe(true);
    expect((error as { serviceMessage?: string }).serviceMessage).toBe('FileAnnotation does not exist (id:999999999).');
  });

  it('refuses unknown or empty targets when called, before any request', () => {
    const idr = newIdr();
    expect(() => idr.mapAnnotations({})).toThrow(expect.objectContaining({ name: 'ValidationError', code: 'VALIDATION' }));
    expect(() => idr.mapAnnotations({ roi: 1 } as never)).toThrow(/unknown key "roi"/);
    expect(() => idr.fileAnnotations({ screen: 206 }, { max: -1 })).toThrow(/max must be an integer/);
  });

  it('pages annotations with page/limit and stops at max', async () => {
    const urls: string[] = [];
    const idr = newIdr({ hooks: { onRequest: (e) => void urls.push(e.url) } });
    const anns = idr.mapAnnotations({ image: 122770 });
    const all = await anns.toArray();
    expect(all.length).toBeGreaterThan(1);
    expect(await anns.toArray({ max: 1 })).toEqual(all.slice(0, 1));
    expect(await anns.total()).toBeUndefined(); // webclient/api reports no totals
    expect(urls.every((u) => new URL(u).searchParams.get('limit') === '500')).toBe(true);
  });
});
