// The CSV reader's fast path (runs sliced out whole) against the character-at-a-time reader it
// replaced, kept here as the oracle: the same records (or the same SyntaxError) for any text, in
// both dialects, with either separator, in any chunking.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvDialect, CsvReader, EMX2_CSV } from '../../src/internal/csv.js';

/** The reader before the fast path (2026-12-07), character by character: the oracle. */
class ReferenceCsvReader {
  readonly #separator: string;
  readonly #skipBlankLines: boolean;
  readonly #strict: boolean;
  #field = '';
  #record: string[] = [];
  #quoted = false; // inside a quoted field
  #quoteSeen = false; // a quote inside a quoted field: the end of it, or the first of a doubled one
  #fieldStarted = false;
  #skipLf = false;

  constructor(separator = ',', dialect: CsvDialect = {}) {
    this.#separator = separator;
    this.#skipBlankLines = dialect.skipBlankLines === true;
    this.#strict = dialect.strict === true;
  }

  /** Feed text; returns the records it completed. */
  push(text: string): string[][] {
    const out: string[][] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text[i] as string;
      if (this.#skipLf) {
        this.#skipLf = false;
        if (c === '\n') continue;
      }
      if (this.#quoted) {
        if (this.#quoteSeen) {
          this.#quoteSeen = false;
          if (c === '"') {
            this.#field += '"';
            continue;
          }
          this.#quoted = false; // the closing quote: c is read as outside a quoted field below
        } else if (c === '"') {
          this.#quoteSeen = true;
          continue;
        } else {
          this.#field += c;
          continue;
        }
      }
      if (c === '"' && !this.#fieldStarted) {
        this.#quoted = true;
        this.#fieldStarted = true;
      } else if (c === this.#separator) {
        this.#endField();
      } else if (c === '\n' || c === '\r') {
        this.#skipLf = c === '\r';
        if (this.#skipBlankLines && this.#blank()) continue;
        out.push(this.#endRecord());
      } else {
        this.#field += c;
        this.#fieldStarted = true;
      }
    }
    return out;
  }

  /** The last record when the text did not end with a line break. */
  end(): string[][] {
    if (this.#quoted && !this.#quoteSeen && this.#strict) throw new SyntaxError('CSV ends inside a quoted cell');
    this.#quoted = false;
    this.#quoteSeen = false;
    if (this.#blank()) return [];
    return [this.#endRecord()];
  }

  #blank(): boolean {
    return !this.#fieldStarted && this.#record.length === 0;
  }

  #endField(): void {
    this.#record.push(this.#field);
    this.#field = '';
    this.#fieldStarted = false;
  }

  #endRecord(): string[] {
    this.#endField();
    const record = this.#record;
    this.#record = [];
    return record;
  }
}

type Reader = { push(text: string): string[][]; end(): string[][] };

function readAll(reader: Reader, pieces: readonly string[]): string[][] | string {
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
            expect(readAll(new CsvReader(separator, dialect), pieces)).toEqual(readAll(new ReferenceCsvReader(separator, dialect), pieces));
          }),
          { numRuns: 3000 },
        );
      });
    }
  }
});
