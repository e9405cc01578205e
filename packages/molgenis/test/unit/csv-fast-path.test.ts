// The CSV reader's fast path (runs sliced out whole) against its rules written out character by
// character as the oracle: the same records (or the same SyntaxError) for any text, in both
// dialects, with either separator, in any chunking.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvDialect, CsvReader, EMX2_CSV } from '../../src/internal/csv.js';

/**
 * The reader's rules, one character at a time over the whole text (as the reader before the fast
 * path worked): the oracle.
 */
function reference(text: string, separator: string, dialect: CsvDialect): string[][] | string {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let quoteSeen = false;
  let started = false;
  const endField = () => {
    record.push(field);
    field = '';
    started = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (!quoteSeen && c !== '"') field += c;
      else if (!quoteSeen) quoteSeen = true;
      else if (c === '"') {
        field += '"';
        quoteSeen = false;
      } else quoted = quoteSeen = false;
      if (quoted) continue;
    }
    if (c === '"' && !started) quoted = started = true;
    else if (c === separator) endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      if (dialect.skipBlankLines && !started && record.length === 0) continue;
      endField();
      records.push(record);
      record = [];
    } else {
      field += c;
      started = true;
    }
  }
  if (quoted && !quoteSeen && dialect.strict) return 'SyntaxError: CSV ends inside a quoted cell';
  if (started || record.length > 0) {
    endField();
    records.push(record);
  }
  return records;
}

function readAll(reader: CsvReader, pieces: readonly string[]): string[][] | string {
  try {
    return [...pieces.flatMap((p) => reader.push(p)), ...reader.end()];
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

/** `text` cut at `cuts` (positions, any order, duplicates allowed). */
function chunked(text: string, cuts: readonly number[]): string[] {
  const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const c of at) {
    pieces.push(text.slice(from, c));
    from = c;
  }
  pieces.push(text.slice(from));
  return pieces;
}

describe('CsvReader equals the character-at-a-time reader', () => {
  const text = fc.array(fc.constantFrom('a', 'b', ' ', ',', '\t', '"', '""', '\n', '\r', '\r\n', 'é', '😀'), { maxLength: 60 }).map((parts) => parts.join(''));
  const dialects: [string, CsvDialect][] = [
    ['classic', {}],
    ['EMX2', EMX2_CSV],
  ];
  for (const [name, dialect] of dialects) {
    for (const separator of [',', '\t']) {
      it(`${name}, separator ${JSON.stringify(separator)}: same records for any text and any chunking`, () => {
        fc.assert(
          fc.property(text, fc.array(fc.nat(80), { maxLength: 6 }), (t, cuts) => {
            const pieces = chunked(t, cuts);
            expect(readAll(new CsvReader(separator, dialect), pieces)).toEqual(reference(t, separator, dialect));
          }),
          { numRuns: 3000 },
        );
      });
    }
  }
});
