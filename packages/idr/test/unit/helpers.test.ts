import { isValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import {
  accessionOf,
  DEFAULT_BASE_URL,
  DEFAULT_CONCURRENCY,
  DEFAULT_TIMEOUT,
  filenameFromContentDisposition,
  imageId,
  isJpeg,
  omeroErrorInBody,
  omeroServiceMessage,
  screenId,
  toMap,
  wellLabel,
  wellName,
} from '../../src/index.js';
import { tinyJpeg } from '../../src/testing/simulator/jpeg.js';

describe('error dialects', () => {
  it('reads the server words of every dialect', () => {
    expect(omeroServiceMessage({ message: 'Screen 999 not found', stacktrace: '…' })).toBe('Screen 999 not found');
    expect(omeroServiceMessage({ error: 'Table 1 not found' })).toBe('Table 1 not found');
    expect(omeroServiceMessage({ Exception: 'Error instantiating pixel buffer' })).toBe('Error instantiating pixel buffer');
    expect(omeroServiceMessage({ Error: 'none' })).toBeUndefined();
    expect(omeroServiceMessage('Invalid parameter value')).toBe('Invalid parameter value');
    expect(omeroServiceMessage('omero.ApiUsageException\n    serverStackTrace = …')).toBe('omero.ApiUsageException');
    expect(
      omeroServiceMessage(
        '<!doctype html><html><head><title>Not Found</title></head><body><h1>Not Found</h1><p>The requested resource was not found on this server.</p></body></html>',
      ),
    ).toBe('Not Found: The requested resource was not found on this server.');
    expect(omeroServiceMessage('')).toBeUndefined();
    expect(omeroServiceMessage(undefined)).toBeUndefined();
  });

  it("names Django's CSRF failure reason", () => {
    const page = `<!DOCTYPE html><html><head><title>403 Forbidden</title></head><body><div id="summary"><h1>Forbidden <span>(403)</span></h1><p>CSRF verification failed. Request aborted.</p></div>
<div id="info"><h2>Help</h2><p>Reason given for failure:</p>
    <pre>
    Referer checking failed - no Referer.
    </pre></div></body></html>`;
    expect(omeroServiceMessage(page)).toBe('Forbidden (403): Referer checking failed - no Referer.');
  });

  it('recognises HTTP 200 bodies that are errors', () => {
    expect(omeroErrorInBody({ error: 'Table 42 not found' })).toEqual({ status: 404, message: 'Table 42 not found' });
    expect(omeroErrorInBody({ error: 'Error executing query: x' })).toEqual({ status: 400, message: 'Error executing query: x' });
    expect(omeroErrorInBody({ error: 'Too many rows', status: 404 })).toEqual({ status: 404, message: 'Too many rows' });
    expect(omeroErrorInBody({ Exception: 'boom' })).toEqual({ status: 500, message: 'boom' });
    expect(omeroErrorInBody({ Exception: 'boom', meta: {} })).toBeUndefined();
    expect(omeroErrorInBody({ Error: 'none', results: {} })).toBeUndefined();
    expect(omeroErrorInBody({ Error: 'Your query returns no results' })).toBeUndefined();
    expect(omeroErrorInBody({ Error: 'Something went wrong, please try later.' })).toEqual({ status: 500, message: 'Something went wrong, please try later.' });
    expect(omeroErrorInBody({ Error: 'dataset is not a valid resurce' })).toEqual({ status: 400, message: 'dataset is not a valid resurce' });
    expect(omeroErrorInBody({ data: [], error: 'x' })).toBeUndefined();
    expect(omeroErrorInBody([1, 2])).toBeUndefined();
  });
});

describe('JPEG check', () => {
  it('accepts a complete JPEG and refuses anything else', () => {
    const jpeg = tinyJpeg();
    expect(isJpeg(jpeg)).toBe(true);
    expect(isJpeg(Uint8Array.from([...jpeg, 0, 0]))).toBe(true);
    expect(isJpeg(jpeg.subarray(0, jpeg.length - 1))).toBe(false);
    expect(isJpeg(new TextEncoder().encode('<html></html>'))).toBe(false);
    expect(isJpeg(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(false);
    expect(isJpeg(new Uint8Array())).toBe(false);
  });
});

describe('helpers', () => {
  it('labels wells from 0-based Row/Column and naming conventions', () => {
    expect(wellLabel({ Row: 0, Column: 0 })).toBe('A1');
    expect(wellLabel({ Row: 14, Column: 1 })).toBe('O2');
    expect(wellLabel({ Row: 26, Column: 0 })).toBe('AA1');
    expect(wellLabel({ Row: 2, Column: 3 }, { RowNamingConvention: 'number', ColumnNamingConvention: 'letter' })).toBe('3D');
    expect(wellName({ Row: 15, Column: 23 }, { RowNamingConvention: null })).toEqual({ row: 'P', column: '24' });
  });

  it('parses Content-Disposition filenames', () => {
    expect(filenameFromContentDisposition('attachment; filename=bulk_annotations')).toBe('bulk_annotations');
    expect(filenameFromContentDisposition('attachment; filename="a b.csv"')).toBe('a b.csv');
    expect(filenameFromContentDisposition("attachment; filename*=UTF-8''caf%C3%A9.csv")).toBe('café.csv');
    expect(filenameFromContentDisposition(null)).toBeUndefined();
  });

  it('parses IDR accessions', () => {
    expect(accessionOf('idr0002-heriche-condensation/screenA')).toBe('idr0002');
    expect(accessionOf('IDR0021-lawo/experimentA')).toBe('idr0021');
    expect(accessionOf('my plate')).toBeUndefined();
    expect(accessionOf(null)).toBeUndefined();
  });

  it('merges map annotations keeping repeated keys', () => {
    const base = { id: 1 as never, ns: null, class: 'MapAnnotationI' as const, parent: undefined };
    const map = toMap([
      {
        ...base,
        values: [
          ['Phenotype', 'a'],
          ['Gene', 'X'],
        ],
      },
      { ...base, values: [['Phenotype', 'b']] },
    ]);
    expect([...map]).toEqual([
      ['Phenotype', ['a', 'b']],
      ['Gene', ['X']],
    ]);
  });

  it('brands ids after checking them', () => {
    expect(screenId(102)).toBe(102);
    expect(imageId('1229801')).toBe(1229801);
    for (const bad of [-1, 1.5, Number.NaN, '12a', '', 2 ** 60]) {
      let error: unknown;
      try {
        imageId(bad as number);
      } catch (e) {
        error = e;
      }
      expect(isValidationError(error)).toBe(true);
    }
  });

  it('documents its polite defaults', () => {
    expect(DEFAULT_BASE_URL).toBe('https://idr.openmicroscopy.org');
    expect(DEFAULT_CONCURRENCY).toBe(4);
    expect(DEFAULT_TIMEOUT).toBeGreaterThan(60_000);
  });
});
