import { isServerError, isValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { newIdr, useFixtureServer } from './server.js';

useFixtureServer();

const CDC20 = { key: 'Gene Symbol', value: 'CDC20', operator: 'equals', resource: 'image' } as const;

describe('search engine', () => {
  it('follows the bookmark across pages', async () => {
    const urls: string[] = [];
    const idr = newIdr({ hooks: { onRequest: (e) => void urls.push(e.url) } });
    const hits = await idr.search(CDC20).toArray();
    expect(hits).toHaveLength(1040);
    expect(new Set(hits.map((h) => h.id)).size).toBe(1040);
    expect(urls).toHaveLength(2);
    expect(new URL(urls[1]!).searchParams.get('bookmark')).toBe(String(hits[999]?.id));
    expect(hits[0]).toMatchObject({ screen_id: 102, plate_id: 422 });
    expect(hits[0]?.key_values[0]).toEqual({ name: 'Gene Symbol', value: 'CDC20', index: 0 });
  });

  it('stops after max without reading further pages', async () => {
    const urls: string[] = [];
    const idr = newIdr({ hooks: { onRequest: (e) => void urls.push(e.url) } });
    expect(await idr.search(CDC20, { max: 5 }).toArray()).toHaveLength(5);
    expect(urls).toHaveLength(1);
  });

  it('handles zero hits sent as a bare list, and "returns no results"', async () => {
    const idr = newIdr();
    expect(await idr.search({ key: 'Gene Symbol', value: 'NOSUCHGENE' }).toArray()).toEqual([]);
    expect(await idr.searchCount({ key: 'Gene Symbol', value: 'NOSUCHGENE' })).toBe(0);
    expect(await idr.searchContainers({ key: 'Gene Symbol', value: 'NOSUCHGENE' })).toEqual([]);
    expect(await idr.search({ ...CDC20, study: 'idr9999' }).toArray()).toEqual([]);
  });

  it('counts hits and lists the matching studies', async () => {
    const idr = newIdr();
    expect(await idr.searchCount(CDC20)).toBe(1040);
    const containers = await idr.searchContainers(CDC20);
    expect(containers).toEqual([expect.objectContaining({ id: 102, type: 'screen', 'image count': 1040 })]);
  });

  it('maps an HTTP 200 "Error" to ServerError with the server words', async () => {
    const error = await newIdr()
      .search({ key: 'Organism', value: 'Homo sapiens' })
      .toArray()
      .catch((e: unknown) => e);
    expect(isServerError(error)).toBe(true);
    expect(error).toMatchObject({ status: 500, serviceMessage: 'Something went wrong, please check your query and try again later.' });
  });

  it('validates queries before any request', () => {
    const idr = newIdr();
    expect(() => idr.search({ key: '', value: 'x' })).toThrow(/non-empty key/);
    expect(() => idr.search({ key: 'k', value: 'v', operator: 'like' as never })).toThrow(/unknown operator/);
    expect(() => idr.search({ key: 'k', value: 'v', resource: 'dataset' as never })).toSatisfy((f: () => unknown) => {
      try {
        f();
        return false;
      } catch (e) {
        return isValidationError(e);
      }
    });
  });
});
