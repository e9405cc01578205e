// Tabular export: what mygene.py users get from `as_dataframe`, as plain rows and TSV/CSV text.

/**
 * A scalar cell value.
 *
 * @example
 * ```ts
 * const v: Scalar = 'CDK2';
 * ```
 */
export type Scalar = string | number | boolean | null;

/**
 * A table cell: a scalar, or a list when the document had several values for the column.
 *
 * @example
 * ```ts
 * const c: Cell = ['NM_001290230.2', 'NM_001798.5'];
 * ```
 */
export type Cell = Scalar | Scalar[];

/**
 * One flattened record: dotted column name → cell. Every row of a {@link toRows} result has the same keys.
 *
 * @example
 * ```ts
 * const row: Row = { _id: '1017', symbol: 'CDK2', 'genomic_pos.chr': '12' };
 * ```
 */
export type Row = Record<string, Cell>;

/**
 * Options of {@link toRows}.
 *
 * @example
 * ```ts
 * toRows(hits, { columns: ['query', 'symbol', 'genomic_pos'] });
 * ```
 */
export interface ToRowsOptions {
  /** Columns to keep, in order. A name that is a prefix of dotted columns (`genomic_pos`) expands to them. Default: every column, in first-seen order. */
  columns?: readonly string[];
}

/**
 * Options of {@link toTsv} and {@link toCsv}.
 *
 * @example
 * ```ts
 * toCsv(hits, { columns: ['query', 'symbol'], listSeparator: '|' });
 * ```
 */
export interface WriterOptions extends ToRowsOptions {
  /** Joins the values of a list cell. Default `';'`. */
  listSeparator?: string;
  /** Write the header line. Default `true`. */
  header?: boolean;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toScalar(value: unknown): Scalar {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? null;
}

// Flatten like the server's dotfield: nested objects become dotted paths; values reached through
// lists are gathered into one list per path.
function flattenInto(out: Map<string, { values: Scalar[]; list: boolean }>, value: unknown, path: string, inList: boolean): void {
  if (Array.isArray(value)) {
    if (value.length === 0 && path) {
      if (!out.has(path)) out.set(path, { values: [], list: true });
      return;
    }
    for (const item of value) flattenInto(out, item, path, true);
    return;
  }
  if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) flattenInto(out, child, path ? `${path}.${key}` : key, inList);
    return;
  }
  const slot = out.get(path);
  if (slot) {
    slot.values.push(toScalar(value));
    slot.list = true;
  } else {
    out.set(path, { values: [toScalar(value)], list: inList });
  }
}

/**
 * Flatten one document to dotted keys (`genomic_pos.chr`), lists kept as lists.
 *
 * @example
 * ```ts
 * flatten({ _id: '1017', genomic_pos: { chr: '12', start: 55966769 } });
 * // { _id: '1017', 'genomic_pos.chr': '12', 'genomic_pos.start': 55966769 }
 * ```
 */
export function flatten(doc: object): Row {
  const slots = new Map<string, { values: Scalar[]; list: boolean }>();
  flattenInto(slots, doc, '', false);
  // fromEntries defines own properties, so a field named "__proto__" stays data.
  return Object.fromEntries([...slots].map(([key, slot]) => [key, slot.list ? slot.values : (slot.values[0] ?? null)])) as Row;
}

function resolveColumns(seen: readonly string[], wanted: readonly string[] | undefined): string[] {
  if (!wanted) return [...seen];
  const out: string[] = [];
  for (const name of wanted) {
    const expanded = seen.filter((key) => key === name || key.startsWith(`${name}.`));
    const list = expanded.length > 0 ? expanded : [name];
    for (const key of list) if (!out.includes(key)) out.push(key);
  }
  return out;
}

/**
 * Turn hits (nested or dotfield) into tabular records with dotted column names. Every row has
 * every column; absent values are `null`.
 *
 * @example
 * ```ts
 * const { hits } = await mg.queryMany(['CDK2', 'TP53'], { scopes: 'symbol', fields: ['symbol', 'genomic_pos'] });
 * toRows(hits, { columns: ['query', 'symbol', 'genomic_pos.chr'] });
 * // [{ query: 'CDK2', symbol: 'CDK2', 'genomic_pos.chr': '12' }, …]
 * ```
 */
export function toRows(hits: Iterable<object>, options: ToRowsOptions = {}): Row[] {
  const flat: Row[] = [];
  const seen = new Set<string>();
  for (const hit of hits) {
    const row = flatten(hit);
    for (const key of Object.keys(row)) seen.add(key);
    flat.push(row);
  }
  const columns = resolveColumns([...seen], options.columns);
  return flat.map((row) => Object.fromEntries(columns.map((column) => [column, Object.hasOwn(row, column) ? (row[column] ?? null) : null])) as Row);
}

/**
 * Column-oriented output (one array per column), ready for Apache Arrow `tableFromArrays` or a dataframe library.
 *
 * @example
 * ```ts
 * toColumns(hits, { columns: ['symbol', 'taxid'] }); // { symbol: ['TP53', 'Tp53'], taxid: [9606, 10116] }
 * ```
 */
export function toColumns(hits: Iterable<object>, options: ToRowsOptions = {}): Record<string, Cell[]> {
  const rows = toRows(hits, options);
  const names = rows[0] ? Object.keys(rows[0]) : [...(options.columns ?? [])];
  return Object.fromEntries(names.map((name) => [name, rows.map((row) => (Object.hasOwn(row, name) ? (row[name] ?? null) : null))]));
}

function cellText(cell: Cell, separator: string): string {
  if (cell === null) return '';
  if (Array.isArray(cell)) return cell.map((v) => (v === null ? '' : String(v))).join(separator);
  return String(cell);
}

function tsvEscape(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

function csvEscape(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function write(hits: Iterable<object>, options: WriterOptions, delimiter: string, escapeValue: (s: string) => string): string {
  const rows = toRows(hits, options);
  const columns = rows[0] ? Object.keys(rows[0]) : [...(options.columns ?? [])];
  if (columns.length === 0) return '';
  const separator = options.listSeparator ?? ';';
  const lines: string[] = [];
  if (options.header !== false) lines.push(columns.map(escapeValue).join(delimiter));
  for (const row of rows) lines.push(columns.map((c) => escapeValue(cellText(row[c] ?? null, separator))).join(delimiter));
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/**
 * Write hits as tab-separated text with a header line. Lists are joined with `listSeparator`;
 * tabs, newlines and backslashes inside values are escaped as `\t`, `\n`, `\\`.
 *
 * @example
 * ```ts
 * await writeFile('genes.tsv', toTsv(hits, { columns: ['query', '_id', 'symbol'] }));
 * ```
 */
export function toTsv(hits: Iterable<object>, options: WriterOptions = {}): string {
  return write(hits, options, '\t', tsvEscape);
}

/**
 * Write hits as RFC 4180 CSV with a header line (values with `,`, `"` or newlines are quoted).
 *
 * @example
 * ```ts
 * await writeFile('genes.csv', toCsv(hits, { columns: ['query', 'symbol', 'name'] }));
 * ```
 */
export function toCsv(hits: Iterable<object>, options: WriterOptions = {}): string {
  return write(hits, options, ',', csvEscape);
}
