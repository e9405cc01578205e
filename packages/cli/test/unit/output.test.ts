import { describe, expect, it } from 'vitest';
import { columnsOf, defaultFormat, formatRows, OUTPUT_FORMATS, rowWriter } from '../../src/output.js';

const rows = [
  { symbol: 'CDK2', taxid: 9606, alias: ['p33(CDK2)', 'CDKN2'] },
  { symbol: 'Cdk2', taxid: 10090, note: 'tab\there, "quoted", comma' },
];

describe('output formats', () => {
  it('defaults to a table on a terminal and TSV in a pipe', () => {
    expect(defaultFormat(true)).toBe('table');
    expect(defaultFormat(false)).toBe('tsv');
    expect(defaultFormat(undefined)).toBe('tsv');
    expect(OUTPUT_FORMATS).toEqual(['json', 'ndjson', 'tsv', 'csv', 'table']);
  });

  it('columns: given ones first, else keys in order of first appearance', () => {
    expect(columnsOf(rows)).toEqual(['symbol', 'taxid', 'alias', 'note']);
    expect(columnsOf(rows, ['taxid'])).toEqual(['taxid']);
    expect(columnsOf([])).toEqual([]);
  });

  it('json keeps nested values and is an array', () => {
    expect(JSON.parse(formatRows(rows, 'json'))).toEqual(rows);
    expect(formatRows([], 'json')).toBe('[]\n');
  });

  it('ndjson writes one object per line', () => {
    const out = formatRows(rows, 'ndjson');
    expect(out.split('\n')).toHaveLength(3);
    expect(
      out
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual(rows);
    expect(formatRows([], 'ndjson')).toBe('');
  });

  it('csv quotes what needs quoting and joins arrays with |', () => {
    expect(formatRows(rows, 'csv')).toBe('symbol,taxid,alias,note\nCDK2,9606,p33(CDK2)|CDKN2,\nCdk2,10090,,"tab\there, ""quoted"", comma"\n');
  });

  it('tsv quotes only cells with tabs, newlines or quotes; commas stay bare', () => {
    const out = formatRows(rows, 'tsv', ['symbol', 'note']);
    expect(out).toBe('symbol\tnote\nCDK2\t\nCdk2\t"tab\there, ""quoted"", comma"\n');
    expect(formatRows([{ a: 'x,y', b: null, c: undefined }], 'tsv')).toBe('a\tb\tc\nx,y\t\t\n');
  });

  it('objects in flat formats become JSON text', () => {
    expect(formatRows([{ ref: { id: 'Female' } }], 'tsv')).toBe('ref\n"{""id"":""Female""}"\n');
  });

  it('table draws aligned columns with a header and no colours', () => {
    const out = formatRows(rows, 'table', ['symbol', 'taxid']);
    const lines = out.trimEnd().split('\n');
    expect(lines).toEqual(['┌────────┬───────┐', '│ symbol │ taxid │', '├────────┼───────┤', '│ CDK2   │ 9606  │', '│ Cdk2   │ 10090 │', '└────────┴───────┘']);
    expect(out).not.toContain('\u001b[');
  });
});

describe('rowWriter', () => {
  const columns = ['symbol', 'alias'];
  const write = () => {
    const chunks: string[] = [];
    return { chunks, fn: (s: string) => chunks.push(s) };
  };

  it('streams tsv, csv and ndjson row by row, with the same text as formatRows', () => {
    for (const format of ['tsv', 'csv', 'ndjson'] as const) {
      const w = write();
      const out = rowWriter(format, columns, w.fn);
      const before = w.chunks.length;
      out.row(rows[0]!);
      expect(w.chunks.length).toBe(before + 1); // written at once, not buffered
      out.row(rows[1]!);
      expect(out.end()).toBe(2);
      expect(w.chunks.join('')).toBe(formatRows(rows, format, columns));
    }
  });

  it('streams json row by row as the same array formatRows writes; collects a table until end()', () => {
    const json = write();
    const out = rowWriter('json', columns, json.fn);
    out.row(rows[0]!);
    expect(json.chunks).toHaveLength(1);
    out.row(rows[1]!);
    expect(out.end()).toBe(2);
    expect(json.chunks.join('')).toBe(formatRows(rows, 'json', columns));
    const empty = write();
    rowWriter('json', columns, empty.fn).end();
    expect(empty.chunks.join('')).toBe('[]\n');
    const table = write();
    const t = rowWriter('table', columns, table.fn);
    t.row(rows[0]!);
    t.row(rows[1]!);
    expect(table.chunks).toEqual([]);
    expect(t.end()).toBe(2);
    expect(table.chunks.join('')).toBe(formatRows(rows, 'table', columns));
  });

  it('abort() closes what was begun and writes nothing when no row came', () => {
    for (const format of ['json', 'ndjson', 'tsv', 'csv', 'table'] as const) {
      const none = write();
      const idle = rowWriter(format, columns, none.fn);
      expect(idle.abort()).toBe(0);
      expect(none.chunks).toEqual([]);
      const some = write();
      const out = rowWriter(format, columns, some.fn);
      out.row(rows[0]!);
      expect(out.abort()).toBe(1);
      expect(out.end()).toBe(1); // closed once
      expect(some.chunks.join('')).toBe(formatRows([rows[0]!], format, columns));
    }
  });

  it('writes only the header for no rows in tsv/csv (at end(), not before)', () => {
    const w = write();
    expect(rowWriter('csv', columns, w.fn).end()).toBe(0);
    expect(w.chunks.join('')).toBe('symbol,alias\n');
  });
});
