// Rows by column name: a Row is the plain cell array of `mine.rows()` plus one Columns index
// shared by every row of a query, so naming a cell costs a map lookup, not a search per row.
import { ValidationError } from '@bio/core-http';
import { didYouMean } from './internal/suggest.js';
import type { Cell } from './cell.js';

/**
 * The columns of a result: the view paths in order, and every name a cell can be asked by — the
 * full path (`Gene.symbol`), the path without the root (`symbol`, `organism.name`) and, when no
 * other column ends the same way, the last field alone (`name`).
 *
 * @example
 * ```ts
 * const columns = new Columns(['Gene.symbol', 'Gene.organism.name']);
 * columns.indexOf('organism.name'); // 1
 * ```
 */
export class Columns {
  /** The view paths, in column order. */
  readonly views: readonly string[];
  /** The path without the root of each column (`symbol`, `organism.name`). */
  readonly names: readonly string[];
  readonly #index = new Map<string, number>();

  /**
   * Index the columns of a view.
   *
   * @param views - The view paths (absolute, dotted), in column order.
   */
  constructor(views: readonly string[]) {
    this.views = [...views];
    this.names = this.views.map((v) => (v.includes('.') ? v.slice(v.indexOf('.') + 1) : v));
    const lastCount = new Map<string, number>();
    const last = this.views.map((v) => v.slice(v.lastIndexOf('.') + 1));
    for (const l of last) lastCount.set(l, (lastCount.get(l) ?? 0) + 1);
    // Weakest name first, so a path without its root wins over a last field, and a full path over both.
    for (let i = 0; i < last.length; i++) if (lastCount.get(last[i]!) === 1) this.#index.set(last[i]!, i);
    for (let i = 0; i < this.names.length; i++) this.#index.set(this.names[i]!, i);
    for (let i = 0; i < this.views.length; i++) this.#index.set(this.views[i]!, i);
  }

  /**
   * The column of a name; a `ValidationError` with the nearest column names when there is none.
   *
   * @example
   * ```ts
   * columns.indexOf('symbl'); // ValidationError: no column "symbl" (did you mean "symbol"?)
   * ```
   */
  indexOf(name: string): number {
    const i = this.#index.get(name);
    if (i !== undefined) return i;
    throw new ValidationError({
      message: `no column "${name}" in this result (columns: ${this.views.join(', ')})${didYouMean(name, this.#index.keys())}`,
      field: 'column',
    });
  }

  /**
   * Whether a name is a column (full path, path without the root, or an unambiguous last field).
   *
   * @example
   * ```ts
   * new Columns(['Gene.symbol']).has('symbol'); // true
   * ```
   */
  has(name: string): boolean {
    return this.#index.has(name);
  }
}

/**
 * One result row with its cells by position (`row.cells[0]`, `const [a, b] = row`) and by column
 * name (`row.get('symbol')`, `row.get('Gene.symbol')`), from `mine.namedRows(q)`.
 *
 * @example
 * ```ts
 * for await (const row of mine.namedRows(mine.query('Gene').select('symbol', 'organism.name'))) {
 *   console.log(row.get('symbol'), row.get('Gene.organism.name'), row.toObject());
 * }
 * ```
 */
export class Row<T extends Cell[] = Cell[]> implements Iterable<Cell> {
  /**
   * Wrap the cells of one result row; `mine.namedRows()` makes these, sharing one `columns`.
   *
   * @example
   * ```ts
   * const row = new Row(['eve', 'Drosophila melanogaster'], new Columns(['Gene.symbol', 'Gene.organism.name']));
   * row.get('symbol'); // 'eve'
   * ```
   */
  constructor(
    /** The plain cells, in view order (what `mine.rows()` yields). */
    readonly cells: T,
    /** The columns, shared by every row of the result. */
    readonly columns: Columns,
  ) {}

  /** The number of cells. */
  get length(): number {
    return this.cells.length;
  }

  /**
   * A cell by column name (full path, path without the root, or an unambiguous last field) or by
   * position. An unknown name is a `ValidationError` suggesting the nearest column.
   *
   * @example
   * ```ts
   * row.get('symbol'); row.get('Gene.symbol'); row.get(0);
   * ```
   */
  get(column: string | number): Cell {
    if (typeof column === 'number') {
      if (!Number.isInteger(column) || column < 0 || column >= this.cells.length) {
        throw new ValidationError({ message: `column ${column} is out of range (0..${this.cells.length - 1})`, field: 'column' });
      }
      return this.cells[column] as Cell;
    }
    return this.cells[this.columns.indexOf(column)] as Cell;
  }

  /**
   * The row as a record keyed by column: by the path without the root (default, `{ symbol, 'organism.name' }`)
   * or by the full path (`'path'`).
   *
   * @example
   * ```ts
   * row.toObject();        // { symbol: 'eve', 'organism.name': 'Drosophila melanogaster' }
   * row.toObject('path');  // { 'Gene.symbol': 'eve', 'Gene.organism.name': '…' }
   * ```
   */
  toObject(keys: 'name' | 'path' = 'name'): Record<string, Cell> {
    const names = keys === 'path' ? this.columns.views : this.columns.names;
    const out: Record<string, Cell> = {};
    for (let i = 0; i < names.length; i++) out[names[i]!] = this.cells[i] as Cell;
    return out;
  }

  /**
   * The cells as JSON (an array), as `mine.rows()` gives them.
   *
   * @example
   * ```ts
   * JSON.stringify(row); // '["eve","Drosophila melanogaster"]'
   * ```
   */
  toJSON(): T {
    return this.cells;
  }

  /** The cells in view order, so a row can be spread or destructured (`const [symbol, name] = row`). */
  [Symbol.iterator](): Iterator<Cell> {
    return (this.cells as Cell[])[Symbol.iterator]();
  }
}
