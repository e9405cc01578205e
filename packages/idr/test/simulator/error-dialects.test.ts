// Issue 16 item 3: each of OMERO.web's error answers read as an error of the right kind. The
// simulator answers as ome/omero-web's views do (webgateway @jsonp, handlerInternalError,
// handler404 and the feedback templates, object_table_query).
import { isForbiddenError, isNotFoundError, isServerError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { isNoTableError } from '../../src/index.js';
import { createSimulator } from '../../src/testing/index.js';
import { failure, IDR, newIdr, serve } from './helpers.js';

const sim = createSimulator({
  seed: {
    screens: [
      { id: 9001, name: 'idr9001-x/screenA', plates: [{ id: 8001, name: 'P1', wells: [{ id: 7001, row: 0, column: 0, images: [{ id: 6001, name: 'a' }] }] }] },
    ],
  },
});
serve([sim]);

describe('the simulator answers as OMERO.web does', () => {
  it('unknown plate grid: 500 JSON {message, stacktrace} from @jsonp', async () => {
    const r = await fetch(`${IDR}/webgateway/plate/999999/0/`);
    const body = (await r.json()) as { message: string; stacktrace: string };
    expect([r.status, r.headers.get('content-type'), body.message]).toEqual([500, 'application/json', 'Object of type type is not JSON serializable']);
    expect(body.stacktrace).toContain('TypeError');
  });

  it('missing image data for the public user: 403, empty body', async () => {
    const r = await fetch(`${IDR}/webgateway/imgData/999999/`);
    expect([r.status, await r.text()]).toEqual([403, '']);
  });

  it('missing file annotation: OMERO.web error page, 404; thumbnail 404: OMERO.web 404 page; bulk table: 200 {"error"}', async () => {
    const dl = await fetch(`${IDR}/webclient/annotation/999999999`);
    expect(dl.status).toBe(404);
    expect(await dl.text()).toContain('<h1>FileAnnotation does not exist (id:999999999).</h1>');
    const th = await fetch(`${IDR}/webgateway/render_thumbnail/1229801/64/`);
    expect(th.status).toBe(404);
    expect(await th.text()).toContain('Go back to');
    const table = await fetch(`${IDR}/webgateway/table/Screen.plateLinks.child.wells/7001/query/?query=Well-7001`);
    expect([table.status, await table.json()]).toEqual([200, { error: 'Could not retrieve bulk annotations table' }]);
  });
});

describe('the client reads them as errors of the right kind', () => {
  it("an unknown image's imgData (403, empty body) → NotFoundError", async () => {
    const error = await failure(newIdr().imageData(999999));
    expect(isNotFoundError(error)).toBe(true);
    expect(isForbiddenError(error.cause)).toBe(true);
    expect(error.serviceMessage).toBe('image 999999 not found');
    expect(sim.requests).toHaveLength(1); // not retried
  });

  it("an unknown plate's grid (500 'not JSON serializable') → NotFoundError, not retried", async () => {
    const error = await failure(newIdr().plateGrid(999999));
    expect(isNotFoundError(error)).toBe(true);
    expect(isServerError(error.cause)).toBe(true);
    expect(error.serviceMessage).toBe('plate 999999 not found');
    expect(sim.requests).toHaveLength(1);
  });

  it('a well whose screen has no bulk table → NoTableError (a NotFoundError, not retryable), never a ServerError', async () => {
    const error = await failure(newIdr().bulkAnnotations({ well: 7001 }));
    expect(isNoTableError(error)).toBe(true);
    expect(isNotFoundError(error)).toBe(true);
    expect(isServerError(error)).toBe(false);
    expect(error).toMatchObject({
      code: 'NO_TABLE',
      status: 404,
      retryable: false,
      target: 'well 7001',
      serviceMessage: 'Could not retrieve bulk annotations table',
    });
    expect((await newIdr().bulkAnnotations({ well: 45217 })).rows[0]).toMatchObject({ Well: 45217 });
  });

  it("a missing file annotation in download() → NotFoundError with the page's message", async () => {
    const error = await failure(newIdr().download(999999999));
    expect(isNotFoundError(error)).toBe(true);
    expect(error.serviceMessage).toBe('FileAnnotation does not exist (id:999999999).');
  });

  it("a thumbnail 404's message comes from the page, not 'Go back to OMERO.web'", async () => {
    const error = await failure(newIdr().thumbnail(1229801, { size: 64 }));
    expect(isNotFoundError(error)).toBe(true);
    expect(error.serviceMessage).toMatch(/^Page not found\. \(404\): The requested object or URL was not found/);
    expect(String(error.serviceMessage)).not.toContain('Go back');
  });
});
