// Requests named as OMERO.web's URLconf and views read them (webclient/urls.py, webgateway/urls.py).
import { isValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/testing/index.js';
import { failure, IDR, newIdr, serve } from './helpers.js';

const sim = createSimulator();
serve([sim]);

describe('annotation downloads use the route with its trailing slash', () => {
  it('downloads in one request to /webclient/annotation/{id}/, no 301 on the way', async () => {
    const download = await newIdr().download(2891867);
    await new Response(download.stream).text();
    expect(sim.requests.map((r) => r.url.pathname)).toEqual(['/webclient/annotation/2891867/']);
    expect(newIdr().downloadUrl(2891867)).toBe(`${IDR}/webclient/annotation/2891867/`);
  });

  it('the simulator answers the slashless form as Django APPEND_SLASH does: a 301 to the slashed one', async () => {
    const r = await fetch(`${IDR}/webclient/annotation/2891867`, { redirect: 'manual' });
    expect(r.status).toBe(301);
    expect(r.headers.get('location')).toBe(`${IDR}/webclient/annotation/2891867/`);
  });
});

describe('render_image leaves z and t to the server unless given', () => {
  const paths = () => sim.requests.map((r) => r.url.pathname);

  it('omits z and t when not given (the server then renders the default plane), sends what is given', async () => {
    const idr = newIdr();
    await failure(idr.renderImage(1229801));
    await failure(idr.renderImage(1229801, { z: 3 }));
    await failure(idr.renderImage(1229801, { z: 3, t: 2 }));
    expect(paths()).toEqual(['/webgateway/render_image/1229801/', '/webgateway/render_image/1229801/3/', '/webgateway/render_image/1229801/3/2/']);
  });

  it('refuses t without z (a lone number in the path is z) before any request', async () => {
    expect(isValidationError(await failure(newIdr().renderImage(1229801, { t: 2 })))).toBe(true);
    expect(sim.requests).toHaveLength(0);
  });

  it('a region still names both (render_image_region requires them), 0 when not given', async () => {
    await failure(newIdr().renderImage(1229801, { region: { x: 0, y: 0, width: 10, height: 10 } }));
    expect(paths()).toEqual(['/webgateway/render_image_region/1229801/0/0/']);
  });
});

describe('bulkTable picks the table OMERO.web queries for the screen', () => {
  it('an OMERO.tables file outside the bulk namespace, newer than the bulk one, is the one the well query reads too', async () => {
    // A second table on screen 206 (idr0008), in a namespace of its own, with a higher file id.
    sim.state.annotations.set(90_000_101, {
      id: 90_000_101,
      kind: 'file',
      ns: 'example.org/measurements',
      parent: { type: 'screen', id: 206 },
      file: { id: 90_000_100, name: 'measurements', mimetype: 'OMERO.tables', content: new Uint8Array(0) },
      date: '2020-01-01T00:00:00Z',
    });
    sim.state.tables.set(90_000_100, {
      fileId: 90_000_100,
      annotationId: 90_000_101,
      columns: [
        { name: 'Well', type: 'WellColumn' },
        { name: 'Area', type: 'DoubleColumn' },
      ],
      rows: [[45217, 12.5]],
      addedOn: 1,
    });
    const idr = newIdr();
    const fromServer = await idr.bulkAnnotations({ well: 45217 });
    const table = await idr.bulkTable({ screen: 206 });
    expect(fromServer.tableId).toBe(90_000_100);
    expect([table.tableId, table.annotationId]).toEqual([90_000_100, 90_000_101]);
    expect(await table.rows().toArray()).toEqual([{ Well: 45217, Area: 12.5 }]);
  });
});
