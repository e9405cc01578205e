// The package's one CSV reader, in both dialects: the classic API's (lenient) and EMX2's
// (blank lines skipped, an unclosed quote at the end an error); EMX2's writing round-trips.
import { describe, expect, it } from 'vitest';
import { CsvReader, csvLine, EMX2_CSV, readCsv, readUploadedArrayCell, serverArrayCell } from '../../src/internal/csv.js';

/** Feed `text` one character at a time, the worst chunking a stream can give. */
function byChar(text: string, separator = ',', dialect = {}): string[][] {
  const reader = new CsvReader(separator, dialect);
  return [...[...text].flatMap((c) => reader.push(c)), ...reader.end()];
}

describe('the classic dialect (default)', () => {
  it('keeps a blank line as one empty field and a CR alone as a line end', () => {
    expect(readCsv('a\n\nb\rc\r\nd')).toEqual([['a'], [''], ['b'], ['c'], ['d']]);
    expect(byChar('a\n\nb\rc\r\nd')).toEqual([['a'], [''], ['b'], ['c'], ['d']]);
  });

  it('reads a quote inside an unquoted field as text, and ends an unclosed quote without complaint', () => {
    expect(readCsv('ab"c",d')).toEqual([['ab"c"', 'd']]);
    expect(readCsv('x,"unclosed\nmore')).toEqual([['x', 'unclosed\nmore']]);
  });

  it('reads tab-separated text', () => {
    expect(readCsv('a\t"b\tc"\n', '\t')).toEqual([['a', 'b\tc']]);
  });
});

describe('the EMX2 dialect', () => {
  it('skips blank lines, LF or CRLF, and keeps a CR inside quotes', () => {
    expect(readCsv('a\n\nb\r\n\r\n"c\r"\n', ',', EMX2_CSV)).toEqual([['a'], ['b'], ['c\r']]);
    expect(byChar('a\n\nb\r\n\r\n"c\r"\n', ',', EMX2_CSV)).toEqual([['a'], ['b'], ['c\r']]);
  });

  it('throws a SyntaxError when the text ends inside quotes (a truncated download)', () => {
    expect(() => readCsv('name\n"rex', ',', EMX2_CSV)).toThrow(SyntaxError);
    expect(() => byChar('name\n"rex', ',', EMX2_CSV)).toThrow(/ends inside a quoted cell/);
    expect(readCsv('name\n"rex"', ',', EMX2_CSV)).toEqual([['name'], ['rex']]);
  });

  it('reads back what csvLine writes, whatever the cells hold, in any pieces', () => {
    const records = [
      ['plain', 'with,comma', 'with "quotes"', 'line\nbreak', 'cr\r', ''],
      ['', '', '', '', '', 'last'],
    ];
    const text = `${records.map((r) => csvLine(r)).join('\n')}\n`;
    expect(readCsv(text, ',', EMX2_CSV)).toEqual(records);
    expect(byChar(text, ',', EMX2_CSV)).toEqual(records);
  });

  it('reads an uploaded array cell as the EMX2 server does (TypeUtils#splitCsvString)', () => {
    expect(readUploadedArrayCell('a,"b,c",d')).toEqual(['a', 'b,c', 'd']);
    expect(readUploadedArrayCell(' a , b ')).toEqual(['a', 'b']); // trimmed
    expect(readUploadedArrayCell('a,,b')).toEqual(['a', 'b']); // empty elements dropped
    expect(readUploadedArrayCell('a, ,b')).toEqual(['a', '', 'b']); // white space only: kept, trimmed to ''
    expect(readUploadedArrayCell('"d""e"')).toEqual(['d""e']); // nothing unescaped
    expect(readUploadedArrayCell('a"b,c')).toEqual(['a"b,c']); // a lone quote swallows the next comma
    expect(readUploadedArrayCell('a,')).toEqual(['a,']); // the last character is never a split point
    expect(readUploadedArrayCell('')).toEqual([]);
  });

  it('what serverArrayCell writes reads back unchanged when no element has a quote or edge white space', () => {
    const elements = ['a', 'b,c', 'x y', 'line\nbreak', '1.5'];
    expect(serverArrayCell(elements)).toBe('a,"b,c",x y,line\nbreak,1.5');
    expect(readUploadedArrayCell(serverArrayCell(elements))).toEqual(elements);
    expect(readUploadedArrayCell(serverArrayCell(['d"e', 'f']))).not.toEqual(['d"e', 'f']);
  });
});
