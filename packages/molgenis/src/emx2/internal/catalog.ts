// The metadata of a schema and of the schemas its references point into, for reads and writes
// that follow references.
import { type CallOptions, ResponseFormatError } from '@bio/core-http';
import { loadMetadata, metadataFailure } from '../metadata.js';
import type { ColumnMetadata, SchemaMetadata, TableMetadata } from '../types.js';
import type { Ctx } from './context.js';

export type Catalog = Map<string, SchemaMetadata>;

const REF = new Set(['REF', 'SELECT', 'RADIO', 'ONTOLOGY']);
const REF_ARRAY = new Set(['REF_ARRAY', 'MULTISELECT', 'CHECKBOX', 'ONTOLOGY_ARRAY']);

export const isRefColumn = (c: ColumnMetadata): boolean => REF.has(c.columnType);
export const isRefArrayColumn = (c: ColumnMetadata): boolean => REF_ARRAY.has(c.columnType);
export const isReferenceColumn = (c: ColumnMetadata): boolean => isRefColumn(c) || isRefArrayColumn(c) || c.columnType === 'REFBACK';
export const isLayoutColumn = (c: ColumnMetadata): boolean => c.columnType === 'HEADING' || c.columnType === 'SECTION';
export const isSystemColumn = (c: ColumnMetadata): boolean => c.name.startsWith('mg_');

/** The schema's metadata plus that of every schema reachable through cross-schema references. */
export async function loadCatalog(ctx: Ctx, schema: string, options: CallOptions = {}): Promise<Catalog> {
  const catalog: Catalog = new Map();
  const queue = [schema];
  while (queue.length > 0) {
    const name = queue.shift() as string;
    if (catalog.has(name)) continue;
    const meta = await loadMetadata(ctx, name, options);
    catalog.set(name, meta);
    for (const t of meta.tables) for (const c of t.columns) if (c.refSchemaName !== undefined && !catalog.has(c.refSchemaName)) queue.push(c.refSchemaName);
  }
  return catalog;
}

/** The table a reference column points to. */
export function refTableOf(catalog: Catalog, table: TableMetadata, column: ColumnMetadata): TableMetadata {
  const schema = catalog.get(column.refSchemaName ?? table.schemaName) ?? [...catalog.values()][0];
  const found = schema?.tables.find((t) => t.name === column.refTableName || (column.refTableId !== undefined && t.id === column.refTableId));
  if (!found) {
    const problem = `metadata: ${table.name}.${column.name} refers to table "${column.refTableName}", which _schema does not list`;
    // The fault is in the answer that listed the column: name that request when this module loaded it.
    const holder = [...catalog.values()].find((s) => s.tables.includes(table));
    const fail = holder === undefined ? undefined : metadataFailure(holder);
    throw fail === undefined ? new ResponseFormatError({ service: 'molgenis', message: problem }) : fail(problem, { table: table.name, column });
  }
  return found;
}
