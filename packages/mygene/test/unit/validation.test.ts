import { isBioError, isBioHttpError, isValidationError, type ValidationError } from '@bio/core-http';
import { MyGene } from '@bio/mygene';
import { describe, expect, it, vi } from 'vitest';

function client() {
  const fetch = vi.fn<typeof globalThis.fetch>(async () => {
    throw new Error('no request may be sent');
  });
  return { mg: new MyGene({ fetch, retry: 0 }), fetch };
}

async function rejection(promise: Promise<unknown>): Promise<ValidationError> {
  try {
    await promise;
  } catch (e) {
    if (isValidationError(e)) return e;
    throw e;
  }
  throw new Error('expected a ValidationError');
}

async function drain(iter: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of iter) {
    // nothing
  }
}

describe('validation before any request', () => {
  it('query: size, from, window, sort, facetSize, species, q', async () => {
    const { mg, fetch } = client();
    const cases: [Promise<unknown>, string, RegExp][] = [
      [mg.query('cdk2', { size: 1001 }), 'size', /between 0 and 1000, got 1001/],
      [mg.query('cdk2', { size: 1.5 }), 'size', /integer/],
      [mg.query('cdk2', { from: 10_001 }), 'from', /between 0 and 10000/],
      // Negative paging: the server passes it on to Elasticsearch, which refuses it (400); never sent.
      [mg.query('cdk2', { size: -1 }), 'size', /between 0 and 1000, got -1/],
      [mg.query('cdk2', { from: -1 }), 'from', /between 0 and 10000, got -1/],
      [mg.query('cdk2', { size: 10, from: -10 }), 'from', /got -10/],
      [mg.query('cdk2', { size: Number.NaN }), 'size', /expected an integer, got number NaN/],
      [mg.query('cdk2', { from: Number.POSITIVE_INFINITY }), 'from', /expected an integer, got number Infinity/],
      [mg.query('cdk2', { from: '5' as never }), 'from', /expected an integer, got "5"/],
      [mg.query('cdk2', { size: 0, facets: 'taxid', facetSize: -1 }), 'facetSize', /between 1 and 1000, got -1/],
      [mg.query('cdk2', { from: 9995, size: 10 }), 'from', /from \+ size must be at most 10000/],
      [mg.query('cdk2', { from: 9991 }), 'from', /9991 \+ 10/],
      [mg.query('cdk2', { sort: Array.from({ length: 11 }, (_, i) => `f${i}`) }), 'sort', /at most 10 entries/],
      [mg.query('cdk2', { facetSize: 0 }), 'facetSize', /between 1 and 1000/],
      [mg.query('cdk2', { species: 'yeti' as never }), 'species', /unknown species "yeti"/],
      [mg.query('cdk2', { speciesFacetFilter: ['human', 'bigfoot' as never] }), 'speciesFacetFilter', /unknown species "bigfoot"/],
      [mg.query('cdk2', { entrezonly: 'yes' as never }), 'entrezonly', /boolean/],
      [mg.query('cdk2', { fields: ['symbol', ''] }), 'fields', /entry 1 must be a non-empty string/],
      [mg.query('', {}), 'q', /must not be empty/],
      [mg.query(42 as never), 'q', /expected a string/],
    ];
    for (const [promise, field, message] of cases) {
      const e = await rejection(promise);
      expect(e.field).toBe(field);
      expect(e.message).toMatch(message);
      expect(e.code).toBe('VALIDATION');
      expect(isBioError(e)).toBe(true);
      expect(isBioHttpError(e)).toBe(false); // nothing was sent: not an HTTP error
    }
    expect(fetch).not.toHaveBeenCalled();
  });

  it('batched calls: non-string ids, a bare string, batchSize, delay, pick', async () => {
    const { mg, fetch } = client();
    expect((await rejection(mg.genes(['1017', 1018 as never]))).message).toMatch(/ids: item 1 must be a string, got number 1018/);
    expect((await rejection(mg.genes(['1017', ' ']))).message).toMatch(/item 1 is an empty string/);
    expect((await rejection(mg.genes('1017' as never))).message).toMatch(/single string/);
    expect((await rejection(mg.genes(42 as never))).message).toMatch(/expected an array, Iterable or AsyncIterable/);
    expect((await rejection(mg.queryMany(['a'], { batchSize: 1001 }))).field).toBe('batchSize');
    expect((await rejection(mg.queryMany(['a'], { delay: -1 }))).field).toBe('delay');
    expect((await rejection(mg.queryMany(['a'], { size: 0 }))).field).toBe('size');
    expect((await rejection(mg.queryMany(['a'], { size: -1 }))).message).toMatch(/size: must be between 1 and 1000, got -1/);
    expect((await rejection(mg.mapIds(['a'], { size: 2.5 }))).message).toMatch(/size: expected an integer/);
    expect((await rejection(mg.queryMany(['a'], { scopes: [] }))).field).toBe('scopes');
    expect((await rejection(mg.mapIds(['a'], { pick: 'worst' as never }))).field).toBe('pick');
    expect((await rejection(drain(mg.genesStream([null as never])))).field).toBe('ids');
    expect((await rejection(mg.gene(''))).field).toBe('id');
    expect((await rejection(mg.gene(1017 as never))).field).toBe('id');
    expect((await rejection(mg.fields({ search: '' }))).field).toBe('search');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('fetchAll: a ValidationError when the call is made (before iterating), nothing sent', () => {
    const { mg, fetch } = client();
    const cases: [() => unknown, string][] = [
      [() => mg.fetchAll('brain', { maxRestarts: -1 }), 'maxRestarts'],
      [() => mg.fetchAll('brain', { restartOnExpiry: 'yes' as never }), 'restartOnExpiry'],
      [() => mg.fetchAll('brain', { max: -1 }), 'max'],
      [() => mg.fetchAll('brain', { max: 1.5 }), 'max'],
      [() => mg.fetchAll('brain', { pageSize: 0 }), 'pageSize'],
      [() => mg.fetchAll('brain', { pageSize: 500 }), 'pageSize'], // the server's scroll pages are always 1000
      [() => mg.fetchAll('', {}), 'q'],
    ];
    for (const [call, field] of cases) {
      let error: unknown;
      try {
        call();
      } catch (e) {
        error = e;
      }
      expect(isValidationError(error) && error.field, field).toBe(field);
    }
    expect(fetch).not.toHaveBeenCalled();
  });

  it('client options', () => {
    for (const [options, field] of [
      [{ concurrency: 9 }, 'concurrency'],
      [{ concurrency: 0 }, 'concurrency'],
      [{ batchSize: 0 }, 'batchSize'],
      [{ delay: -1 }, 'delay'],
      [{ email: '' }, 'email'],
    ] as const) {
      let error: unknown;
      try {
        new MyGene(options);
      } catch (e) {
        error = e;
      }
      expect(isValidationError(error) && error.field, JSON.stringify(options)).toBe(field);
    }
  });

  it('empty inputs give empty results without a request', async () => {
    const { mg, fetch } = client();
    expect(await mg.genes([])).toEqual({ hits: [], missing: [] });
    const r = await mg.queryMany([]);
    expect(r).toEqual({ hits: [], missing: [], duplicates: [], byQuery: new Map() });
    expect((await mg.mapIds([])).size).toBe(0);
    expect(fetch).not.toHaveBeenCalled();
  });
});
