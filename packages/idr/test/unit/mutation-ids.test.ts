// Issue 21 §3 (mutation testing of src/ids.ts): the id check accepts exactly the non-negative
// safe integers and their plain decimal text. A looser check would send a wrong id (`' 12'`,
// `'1e3'`, `'0x10'` read as 12, 1000, 16) instead of refusing it.
import { isValidationError, type ValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { annotationId, datasetId, experimenterId, fileId, imageId, plateAcquisitionId, plateId, projectId, roiId, screenId, wellId } from '../../src/index.js';

function refusal(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (error) {
    expect(isValidationError(error)).toBe(true);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('id checks', () => {
  it('accept 0, the largest safe integer and decimal text with leading zeros', () => {
    expect(imageId(0)).toBe(0);
    expect(imageId('0')).toBe(0);
    expect(imageId(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
    expect(imageId(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(imageId('007')).toBe(7);
  });

  it('refuse text that is not plain decimal digits, even when Number() would read it', () => {
    for (const bad of [' 12', '12 ', '\t12', '12\n', '+12', '-0', '1e3', '0x10', '12.0', '1_000', '١٢']) {
      const error = refusal(() => imageId(bad));
      expect(error.message).toBe(`imageId must be a non-negative integer, got ${JSON.stringify(bad)}`);
    }
  });

  it('refuse unsafe integers given as text and values of other types', () => {
    refusal(() => imageId(String(Number.MAX_SAFE_INTEGER + 1)));
    refusal(() => imageId(Number.MAX_SAFE_INTEGER + 1));
    refusal(() => imageId(-1));
    refusal(() => imageId(Number.POSITIVE_INFINITY));
    // A bigint is left out: it throws a TypeError from JSON.stringify (reported in issue 21).
    for (const bad of [null, undefined, true, {}, [12]]) {
      expect(refusal(() => imageId(bad as never)).message).toBe(`imageId must be a non-negative integer, got ${JSON.stringify(bad)}`);
    }
  });

  it('name the field after the kind of id, or as the caller says', () => {
    const cases: [(value: number) => unknown, string][] = [
      [screenId, 'screenId'],
      [projectId, 'projectId'],
      [datasetId, 'datasetId'],
      [plateId, 'plateId'],
      [wellId, 'wellId'],
      [imageId, 'imageId'],
      [roiId, 'roiId'],
      [annotationId, 'annotationId'],
      [fileId, 'fileId'],
      [experimenterId, 'experimenterId'],
    ];
    for (const [check, field] of cases) {
      const error = refusal(() => check(-1));
      expect(error.field).toBe(field);
      expect(error.message).toBe(`${field} must be a non-negative integer, got -1`);
    }
    const named = refusal(() => screenId('x', 'screen'));
    expect(named.field).toBe('screen');
    expect(named.message).toBe('screen must be a non-negative integer, got "x"');
  });
});

describe('ids: what JSON cannot write, and two-word kinds', () => {
  it('a bigint or undefined is a ValidationError, not a TypeError from the message', () => {
    expect(() => imageId(12n as never)).toThrow(
      expect.objectContaining({ name: 'ValidationError', message: 'imageId must be a non-negative integer, got 12' }),
    );
    expect(() => imageId(undefined as never)).toThrow(
      expect.objectContaining({ name: 'ValidationError', message: 'imageId must be a non-negative integer, got undefined' }),
    );
  });

  it('the default field of a two-word kind keeps its capital (plateAcquisitionId)', () => {
    expect(() => plateAcquisitionId(-1)).toThrow(expect.objectContaining({ field: 'plateAcquisitionId' }));
  });
});
