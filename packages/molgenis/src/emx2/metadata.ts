// `_schema` metadata: loaded once per schema, normalised to typed objects with defaults filled
// in (EMX2 leaves out `key`, `readonly`, empty fields — reference §3.2, §4).
import type { CallOptions } from '@bio/core-http';
import type { Ctx } from './internal/context.js';
import { type GraphqlAnswer, graphqlAnswer } from './internal/graphql.js';
import { resolveName } from './internal/names.js';
import type { ColumnMetadata, SchemaMetadata, TableMetadata } from './types.js';

const SCHEMA_QUERY = `{ _schema { id name label tables { id name label description schemaId inheritName inheritId tableType semantics columns { id name label description position columnType key required defaultValue refSchemaName refTableName refTableId refBackName refBackId refLinkName validation visible computed readonly semantics } } } }`;

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function strings(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.length > 0 ? v.map(String) : undefined;
}

function put<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

function column(raw: Record<string, unknown>): ColumnMetadata {
  const required = raw.required;
  const c: ColumnMetadata = {
    id: String(raw.id),
    name: String(raw.name),
    columnType: String(raw.columnType ?? 'STRING'),
    required: required === true || required === 'true',
    readonly: raw.readonly === true || raw.readonly === 'true',
  };
  if (typeof required === 'string' && required !== 'true' && required !== 'false' && required !== '') c.requiredExpression = required;
  put(c, 'key', typeof raw.key === 'number' && raw.key > 0 ? raw.key : undefined);
  put(c, 'label', str(raw.label));
  put(c, 'description', str(raw.description));
  put(c, 'position', typeof raw.position === 'number' ? raw.position : undefined);
  for (const k of [
    'defaultValue',
    'computed',
    'validation',
    'visible',
    'refSchemaName',
    'refTableName',
    'refTableId',
    'refBackName',
    'refBackId',
    'refLinkName',
  ] as const) {
    put(c, k, str(raw[k]));
  }
  put(c, 'semantics', strings(raw.semantics));
  return c;
}

/** Normalise the `_schema` answer; `fail` names the request it came from. */
export function normaliseSchema(raw: unknown, name: string, fail: GraphqlAnswer<unknown>['fail']): SchemaMetadata {
  if (typeof raw !== 'object' || raw === null || !Array.isArray((raw as { tables?: unknown }).tables ?? [])) {
    throw fail(`_schema of "${name}" is not an object with tables`, raw);
  }
  const r = raw as { name?: unknown; label?: unknown; tables?: Record<string, unknown>[] };
  const schemaName = str(r.name) ?? name;
  const tables = (r.tables ?? []).map((t): TableMetadata => {
    const columns = (Array.isArray(t.columns) ? (t.columns as Record<string, unknown>[]) : []).filter((c) => c.id !== 'mg_top_of_form').map(column);
    const table: TableMetadata = {
      id: String(t.id),
      name: String(t.name),
      tableType: String(t.tableType ?? 'DATA'),
      schemaName: str(t.schemaId) ?? schemaName,
      columns,
      primaryKey: columns.filter((c) => c.key === 1).map((c) => c.id),
    };
    put(table, 'label', str(t.label));
    put(table, 'description', str(t.description));
    put(table, 'inheritName', str(t.inheritName));
    put(table, 'inheritId', str(t.inheritId));
    put(table, 'semantics', strings(t.semantics));
    return table;
  });
  const out: SchemaMetadata = { name: schemaName, tables };
  put(out, 'label', str(r.label));
  return out;
}

/** The error maker of the `_schema` request each loaded schema came from, for faults found later in it. */
const sources = new WeakMap<SchemaMetadata, GraphqlAnswer<unknown>['fail']>();

/** The error maker of the request `meta` came in (undefined for metadata this module did not load). */
export function metadataFailure(meta: SchemaMetadata): GraphqlAnswer<unknown>['fail'] | undefined {
  return sources.get(meta);
}

/** The schema's metadata, from the cache or the server. A failed load is not cached. */
export function loadMetadata(ctx: Ctx, schema: string, options: CallOptions & { refresh?: boolean | undefined } = {}): Promise<SchemaMetadata> {
  const cached = ctx.metadata.get(schema);
  if (cached && !options.refresh) return cached;
  const loading = graphqlAnswer<{ _schema?: unknown }>(ctx, schema, SCHEMA_QUERY, undefined, options).then((a) => {
    const meta = normaliseSchema(a.data._schema, schema, a.fail);
    sources.set(meta, a.fail);
    return meta;
  });
  ctx.metadata.set(schema, loading);
  loading.catch(() => {
    if (ctx.metadata.get(schema) === loading) ctx.metadata.delete(schema);
  });
  return loading;
}

/** A table of the metadata by id or name; unknown → `ValidationError` with the nearest name. */
export function tableOf(meta: SchemaMetadata, name: string): TableMetadata {
  return resolveName(meta.tables, name, `table of schema "${meta.name}"`, 'table');
}

/** A column by id or name; unknown → `ValidationError` with the nearest name. */
export function columnOf(table: TableMetadata, name: string, field = 'columns'): ColumnMetadata {
  return resolveName(
    table.columns.filter((c) => c.columnType !== 'HEADING' && c.columnType !== 'SECTION'),
    name,
    `column of table "${table.name}"`,
    field,
  );
}
