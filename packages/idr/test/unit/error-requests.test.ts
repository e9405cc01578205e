// Errors built by this package for a body of the wrong shape (unexpectedShape, arrayAt), a download
// that is a web page, or bytes that are no JPEG name the exchange as core-http's own errors do:
// `{METHOD} {url}: …` as core-http's ResponseFormatErrors, with `status`, `method` and `url` set on the error.
import { isResponseFormatError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { Idr } from '../../src/index.js';

const BASE = 'https://idr.openmicroscopy.org';

/** A client whose server answers every request with `respond()`. */
const answering = (respond: () => Response) => new Idr({ fetch: async () => respond(), retry: 0 });
const jsonBody = (body: unknown) => () => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });

async function failure(promise: Promise<unknown>): Promise<Record<string, unknown> & { message: string }> {
  try {
    await promise;
  } catch (error) {
    expect(isResponseFormatError(error)).toBe(true);
    return error as Record<string, unknown> & { message: string };
  }
  throw new Error('expected a rejection');
}

describe('errors name the request: method and URL, with the status on the error', () => {
  it('a GET body of the wrong shape (unexpectedShape)', async () => {
    const error = await failure(answering(jsonBody({ nope: 1 })).servers());
    expect(error.message).toBe(`GET ${BASE}/api/v0/servers/: expected {"data": [servers]}`);
    expect(error).toMatchObject({ status: 200, method: 'GET', url: `${BASE}/api/v0/servers/`, service: 'idr' });
  });

  it('a POST body of the wrong shape, and a list without its array (arrayAt)', async () => {
    const posted = await failure(
      answering(jsonBody({ results: 'x' }))
        .query({ and: [{ key: 'Organism', value: 'Homo sapiens' }] })
        .toArray(),
    );
    expect(posted.message).toBe(`POST ${BASE}/searchengine/api/v1/resources/submitquery/: expected a search-engine result ({"results": {...}})`);
    expect(posted).toMatchObject({ status: 200, method: 'POST' });
    const listed = await failure(answering(jsonBody({ paths: 'x' })).pathsToObject({ image: 1 }));
    expect(listed.message).toBe(`GET ${BASE}/webclient/api/paths_to_object/?image=1: expected a JSON object with an array "paths"`);
  });

  it('an annotation download that is a web page', async () => {
    const html = () => new Response('<!doctype html><title>OMERO</title>', { headers: { 'content-type': 'text/html; charset=utf-8' } });
    const error = await failure(answering(html).download(8368945));
    expect(error.message).toBe(`GET ${BASE}/webclient/annotation/8368945/: expected a file download, got an HTML page`);
    expect(error).toMatchObject({ status: 200, method: 'GET', contentType: 'text/html; charset=utf-8' });
  });

  it('a thumbnail that is not a JPEG', async () => {
    const png = () => new Response(Uint8Array.of(0x89, 0x50, 0x4e, 0x47), { headers: { 'content-type': 'image/jpeg' } });
    const error = await failure(answering(png).thumbnail(1229801));
    expect(error.message).toMatch(new RegExp(`^GET ${BASE}/webgateway/render_thumbnail/1229801/: expected a JPEG`));
    expect(error).toMatchObject({ status: 200, method: 'GET' });
  });
});
