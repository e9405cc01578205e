import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';

/**
 * The output formats every `bio` command supports.
 *
 * @example
 * ```ts
 * const format: OutputFormat = 'ndjson';
 * ```
 */
export type OutputFormat = 'json' | 'ndjson' | 'tsv' | 'csv' | 'table';
/**
 * Every {@link OutputFormat}, in the order `--help` lists them.
 *
 * @example
 * ```ts
 * OUTPUT_FORMATS.includes('csv'); // true
 * ```
 */
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['json', 'ndjson', 'tsv', 'csv', 'table'];

/**
 * A record: the shape every command hands to the writer.
 *
 * @example
 * ```ts
 * const row: Row = { symbol: 'CDK2', taxid: 9606 };
 * ```
 */
export type Row = Record<string, unknown>;

/**
 * A row from positional cells named by their columns (InterMine's views).
 *
 * @example
 * ```ts
 * rowOf(['Gene.symbol', 'Gene.length'], ['eve', 1539]); // { 'Gene.symbol': 'eve', 'Gene.length': 1539 }
 * ```
 */
export function rowOf(columns: readonly string[], cells: readonly unknown[]): Row {
  return Object.fromEntries(columns.map((column, i) => [column, cells[i]]));
}

/**
 * Table on a terminal, TSV when piped (what a shell pipeline expects).
 *
 * @example
 * ```ts
 * defaultFormat(process.stdout.isTTY); // 'table' in a terminal
 * ```
 */
export function defaultFormat(isTTY: boolean | undefined): OutputFormat {
  return isTTY ? 'table' : 'tsv';
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(cell).join('|');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * Column order: the given columns, else the keys in order of first appearance.
 *
 * @example
 * ```ts
 * columnsOf([{ a: 1 }, { b: 2, a: 3 }]); // ['a', 'b']
 * ```
 */
export function columnsOf(rows: readonly Row[], columns?: readonly string[]): string[] {
  if (columns && columns.length > 0) return [...columns];
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

/**
 * Render rows in one format. JSON keeps nested values; in the flat formats arrays are joined with
 * `|` and objects become JSON text. TSV quotes only cells with tabs, newlines or quotes.
 *
 * @example
 * ```ts
 * formatRows([{ symbol: 'CDK2', taxid: 9606 }], 'csv'); // 'symbol,taxid\nCDK2,9606\n'
 * ```
 */
export function formatRows(rows: readonly Row[], format: OutputFormat, columns?: readonly string[]): string {
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  if (format === 'ndjson') return rows.map((r) => `${JSON.stringify(r)}\n`).join('');
  const cols = columnsOf(rows, columns);
  const records = rows.map((r) => cols.map((c) => cell(r[c])));
  if (format === 'csv') return stringify([cols, ...records]);
  if (format === 'tsv') return stringify([cols, ...records], { delimiter: '\t', quoted_match: /[\t\n\r"]/ });
  const table = new Table({ head: cols, style: { head: [], border: [] }, chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' } });
  for (const r of records) table.push(r);
  // No rules between rows (denser), but keep the one under the header: the rule after the header
  // line is the top border with its corners and joints swapped.
  const lines = table.toString().split('\n');
  const top = lines[0] ?? '';
  const rule = top.replace('┌', '├').replace('┐', '┤').replaceAll('┬', '┼');
  if (rows.length > 0) lines.splice(2, 0, rule);
  return `${lines.join('\n')}\n`;
}

/**
 * A stream of rows in one format. `row()` writes (or, for a table, keeps) one row; `end()`
 * finishes the output and returns the number of rows; `abort()` finishes it after a failure:
 * what was written stays well-formed (a JSON array is closed, a table printed) and nothing is
 * written when no row came. `rows` counts the rows so far.
 *
 * @example
 * ```ts
 * const out = rowWriter('tsv', ['symbol'], (s) => process.stdout.write(s));
 * out.row({ symbol: 'eve' });
 * out.end(); // 1
 * ```
 */
export interface RowWriter {
  row(row: Row): void;
  end(): number;
  abort(): number;
  readonly rows: number;
}

function indent(text: string): string {
  return text.replace(/^/gm, '  ');
}

/**
 * Writes rows as they arrive: JSON, NDJSON, TSV and CSV go out row by row (constant memory for
 * any number of rows; the JSON array is written in the same shape as `formatRows`); a table needs
 * every row for its column widths, so it is written by `end()`. The TSV/CSV header goes out with
 * the first row (or at `end()`), so a command that fails before any row prints nothing on stdout.
 *
 * @example
 * ```ts
 * const out = rowWriter('tsv', ['symbol', 'length'], (s) => process.stdout.write(s));
 * out.row({ symbol: 'eve', length: 1521 });
 * out.end();
 * ```
 */
export function rowWriter(format: OutputFormat, columns: readonly string[], write: (text: string) => void): RowWriter {
  let count = 0;
  let closed = false;
  const once = (finish: () => void): number => {
    if (!closed) finish();
    closed = true;
    return count;
  };
  if (format === 'table') {
    const rows: Row[] = [];
    const flush = (): void => write(formatRows(rows, format, columns));
    return {
      row: (row) => {
        rows.push(row);
        count++;
      },
      end: () => once(flush),
      abort: () => once(() => count > 0 && flush()),
      get rows() {
        return count;
      },
    };
  }
  let line: (row: Row) => string;
  let head = '';
  let tail = '';
  let separator = '';
  if (format === 'json') {
    head = '[\n';
    tail = '\n]\n';
    separator = ',\n';
    line = (row) => indent(JSON.stringify(row, null, 2));
  } else if (format === 'ndjson') {
    line = (row) => `${JSON.stringify(row)}\n`;
  } else {
    const options = format === 'tsv' ? { delimiter: '\t', quoted_match: /[\t\n\r"]/ } : {};
    head = stringify([[...columns]], options);
    // The same quoting as csv-stringify with these options (the unit tests compare the two), by
    // hand: a sync stringify() per row builds a stringifier per call, and at a million rows that
    // garbage alone pushed `bio mygene map`'s peak RSS past its 150 MB goal.
    const delimiter = format === 'tsv' ? '\t' : ',';
    const needsQuotes = format === 'tsv' ? /[\t\n\r"]/ : /[,\n\r"]/;
    const quote = (text: string): string => (needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
    line = (row) => {
      let text = '';
      for (let i = 0; i < columns.length; i++) text += (i === 0 ? '' : delimiter) + quote(cell(row[columns[i] as string]));
      return `${text}\n`;
    };
  }
  return {
    row: (row) => {
      write(`${count === 0 ? head : separator}${line(row)}`);
      count++;
    },
    end: () => once(() => write(count === 0 ? (format === 'json' ? '[]\n' : head) : tail)),
    abort: () => once(() => count > 0 && write(tail)),
    get rows() {
      return count;
    },
  };
}
