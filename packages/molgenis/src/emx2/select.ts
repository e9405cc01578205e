// The GraphQL selection of a read: the columns asked for (by id, name or dotted path), with
// references expanded to their key columns (recursively, for keys that are references).
import { ValidationError } from '@bio/core-http';
import { type Catalog, isLayoutColumn, isReferenceColumn, isSystemColumn, refTableOf } from './internal/catalog.js';
import { columnOf } from './metadata.js';
import type { TableMetadata } from './types.js';
import type { ColumnSelection } from './values.js';

const FILE_FIELDS = '{ id size filename extension url }';

function keySelection(catalog: Catalog, table: TableMetadata, depth: number): ColumnSelection[] {
  if (depth > 5) throw new ValidationError({ message: `the key of table "${table.name}" nests references more than 5 deep`, field: 'columns' });
  return table.primaryKey.map((id) => {
    const column = table.columns.find((c) => c.id === id)!;
    return isReferenceColumn(column) ? { column, nested: keySelection(catalog, refTableOf(catalog, table, column), depth + 1) } : { column };
  });
}

function add(catalog: Catalog, table: TableMetadata, into: ColumnSelection[], path: string[], field: string): void {
  const [head, ...rest] = path;
  const column = columnOf(table, head as string, field);
  let entry = into.find((s) => s.column.id === column.id);
  if (rest.length === 0) {
    if (entry) return;
    into.push(isReferenceColumn(column) ? { column, nested: keySelection(catalog, refTableOf(catalog, table, column), 0) } : { column });
    return;
  }
  if (!isReferenceColumn(column))
    throw new ValidationError({ message: `${field}: column "${column.name}" of table "${table.name}" is ${column.columnType}, not a reference`, field });
  if (!entry) {
    entry = { column, nested: [] };
    into.push(entry);
  }
  add(catalog, refTableOf(catalog, table, column), entry.nested as ColumnSelection[], rest, field);
}

/** The selection for `columns` (default: every data column, no headings, no `mg_` columns). */
export function selection(catalog: Catalog, table: TableMetadata, columns: readonly string[] | undefined): ColumnSelection[] {
  const out: ColumnSelection[] = [];
  if (columns === undefined) {
    for (const c of table.columns) if (!isLayoutColumn(c) && !isSystemColumn(c)) add(catalog, table, out, [c.id], 'columns');
    return out;
  }
  if (!Array.isArray(columns) || columns.length === 0)
    throw new ValidationError({ message: 'columns must be a non-empty array of column names', field: 'columns' });
  for (const [i, path] of columns.entries()) {
    if (typeof path !== 'string' || path === '') throw new ValidationError({ message: `columns[${i}] must be a non-empty string`, field: `columns[${i}]` });
    add(catalog, table, out, path.split('.'), `columns[${i}]`);
  }
  return out;
}

/** The selection set text: `{ name category { name } tags { name } }`. */
export function selectionText(selected: readonly ColumnSelection[]): string {
  return `{ ${selected.map(({ column, nested }) => (nested !== undefined ? `${column.id} ${selectionText(nested)}` : column.columnType === 'FILE' ? `${column.id} ${FILE_FIELDS}` : column.id)).join(' ')} }`;
}
