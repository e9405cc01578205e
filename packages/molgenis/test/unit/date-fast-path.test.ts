// DATE/DATETIME decoding's fast path (character codes, no Date.parse) against the general rule
// written out as the oracle: the same instant, or the same refusal, for any text of the forms
// EMX2 writes and near misses (days past the month's end, hour 24, years before 100, fractions).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ColumnMetadata, TableMetadata } from '../../src/emx2/types.js';
import { decodeRow } from '../../src/emx2/values.js';

const DATE_TEXT = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;

function reference(text: string): number | 'refused' {
  if (!DATE_TEXT.test(text)) return 'refused';
  const iso = text.length === 10 ? `${text}T00:00:00Z` : `${text.length === 16 ? `${text}:00` : text}Z`;
  const ms = Date.parse(text.charCodeAt(10) === 32 ? `${iso.slice(0, 10)}T${iso.slice(11)}` : iso);
  return Number.isNaN(ms) ? 'refused' : ms;
}

const column: ColumnMetadata = { id: 'at', name: 'at', columnType: 'DATETIME', required: false, readonly: false };
const table: TableMetadata = { id: 'T', name: 'T', tableType: 'DATA', schemaName: 's', columns: [column], primaryKey: [] };
const selected = [{ column }];

function decoded(text: string): number | 'refused' {
  try {
    return (decodeRow(new Map(), table, { at: text }, selected).at as Date).getTime();
  } catch {
    return 'refused';
  }
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

describe('DATE/DATETIME decoding', () => {
  it('reads the same instant as Date.parse, or refuses alike, for any date text', () => {
    const text = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 999_999 }),
        fc.integer({ min: 0, max: 6 }),
      )
      .map(([y, mo, d, h, mi, s, f, form]) => {
        const day = `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
        const time = `${pad(h)}:${pad(mi)}`;
        return [
          day,
          `${day}T${time}`,
          `${day}T${time}:${pad(s)}`,
          `${day}T${time}:${pad(s)}.${pad(f % 1000, 3)}`,
          `${day}T${time}:${pad(s)}.${pad(f, 6)}`,
          `${day} ${time}:${pad(s)}`,
          `${day}T${time}:${pad(s)}.${f % 10}`,
        ][form] as string;
      });
    fc.assert(
      fc.property(text, (t) => {
        expect(decoded(t)).toEqual(reference(t));
      }),
      { numRuns: 20_000 },
    );
  });

  it('edge cases: leap days, the month end, hour 24, years before 100', () => {
    for (const t of [
      '2020-02-29',
      '2019-02-29',
      '2000-02-29',
      '1900-02-29',
      '2020-04-31',
      '2020-01-01T24:00',
      '0099-12-31',
      '0100-03-01T00:00:00.001',
      '1969-12-31T23:59:59.999',
    ])
      expect(decoded(t), t).toEqual(reference(t));
  });
});
