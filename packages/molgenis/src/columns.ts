import type { Context } from './internal/context.js';
import { attributesOf } from './internal/row-shapes.js';
import { v2Meta } from './metadata.js';
import { get } from './read.js';
import type { Columns, FlatRow, FlatValue, GetColumnsOptions, Row } from './types.js';

/**
 * Rows → columns: one array per column (the union of the rows' keys, in first-seen order),
 * `null` where a row has no value, so every column has `length` entries.
 *
 * @example
 * ```ts
 * toColumns([{ a: 1 }, { a: 2, b: 'x' }]); // { columns: ['a', 'b'], data: { a: [1, 2], b: [null, 'x'] }, length: 2 }
 * ```
 */
export function toColumns(rows: readonly Row[], columns: readonly string[] = []): Columns {
  const names = [...columns];
  const known = new Set(names);
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!known.has(key)) {
        known.add(key);
        names.push(key);
      }
    }
  }
  const data: Record<string, FlatValue[]> = {};
  for (const name of names) data[name] = rows.map((row) => (row[name] === undefined ? null : (row[name] as FlatValue)));
  return { columns: names, data, length: rows.length };
}

/** `getColumns`: every matching row as flat rows, pivoted; columns in attribute order even when no row matches. */
export async function getColumns(ctx: Context, entity: string, options: GetColumnsOptions = {}): Promise<Columns> {
  const { references, ...rest } = options;
  const rows = await get<FlatRow>(ctx, entity, { ...rest, flat: { references } }).toArray();
  if (rows.length > 0) return toColumns(rows);
  const names = [...attributesOf(await v2Meta(ctx, entity, options)).keys()];
  const selected = options.attributes === undefined ? names : names.filter((n) => options.attributes?.includes(n) || options.expand?.includes(n));
  return toColumns([], selected);
}
