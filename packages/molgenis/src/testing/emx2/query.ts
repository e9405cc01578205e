// Query fields of the schema and database GraphQL APIs: tables, `<Table>_agg`, `_schema`,
// `_session`, `_manifest`, `_schemas`, `_tasks` — rows projected as EMX2 returns them.
import { pascalCase } from './datasets.js';
import { order, select } from './filter.js';
import { type GqlField, resolveValue } from './graphql-parse.js';
import { clean, decimalText, EMPTY_OBJECT, Emx2SimError } from './json.js';
import { isLayout, isRef, isReference, keyColumn, referenced, refTable } from './model.js';
import type { Emx2SimulatorState, SimColumn, SimRow, SimSchema, SimTable } from './types.js';

export interface ExecContext {
  state: Emx2SimulatorState;
  schema: SimSchema | undefined;
  user: string;
  variables: Record<string, unknown>;
  /** The token the request carried or sign-in created (for `_session { token }`). */
  token: string | undefined;
}

export function argsOf(field: GqlField, ctx: ExecContext, allowed: readonly string[], typeName: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of field.args) {
    if (!allowed.includes(name)) throw new Emx2SimError(`Validation error (UnknownArgument@[${typeName}]) : Unknown field argument '${name}'`);
    out[name] = resolveValue(value, ctx.variables);
  }
  return out;
}

function undefinedField(name: string, type: string, path: string): Emx2SimError {
  return new Emx2SimError(`Validation error (FieldUndefined@[${path}]) : Field '${name}' in type '${type}' is undefined`);
}

/** Project a plain object (metadata, session, results) through a selection set. */
export function projectPlain(value: unknown, selections: GqlField[] | undefined, type: string, path: string): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((v) => projectPlain(v, selections, type, path));
  if (selections === undefined || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const f of selections) {
    const obj = value as Record<string, unknown>;
    if (f.name === '__typename') {
      out[f.alias ?? f.name] = type;
      continue;
    }
    if (!(f.name in obj)) throw undefinedField(f.name, type, `${path}/${f.name}`);
    out[f.alias ?? f.name] = projectPlain(obj[f.name], f.selections, f.name, `${path}/${f.name}`);
  }
  return out;
}

function scalarOut(column: SimColumn, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value))
    return value.length === 0
      ? null
      : value.map((v) => scalarOut({ ...column, columnType: column.columnType.replace(/_ARRAY$/, '') as SimColumn['columnType'] }, v));
  if (column.columnType === 'LONG') return String(value);
  if (column.columnType === 'DECIMAL') return decimalText(value as number);
  return value;
}

/** A row as GraphQL returns it for `selections`: absent (null) values left out by the printer. */
export function projectRow(schema: SimSchema, table: SimTable, row: SimRow, selections: GqlField[], path: string): Record<string, unknown> | string {
  const out: Record<string, unknown> = {};
  for (const f of selections) {
    const name = f.alias ?? f.name;
    if (f.name === '__typename') {
      out[name] = table.id;
      continue;
    }
    const column = table.columns.find((c) => c.id === f.name && !isLayout(c));
    if (!column) throw undefinedField(f.name, table.id, `${path}/${f.name}`);
    if (f.args.length > 0) throw new Emx2SimError(`the EMX2 simulator does not implement arguments on nested field ${table.id}.${f.name}`);
    if (isReference(column)) {
      const target = refTable(schema, column);
      if (!f.selections)
        throw new Emx2SimError(
          `Validation error (SubselectionRequired@[${path}/${f.name}]) : Subselection required for type '${target.id}' of field '${f.name}'`,
        );
      const rows = referenced(schema, table, column, row);
      const projected = rows.map((r) => projectRow(schema, target, r, f.selections as GqlField[], `${path}/${f.name}`));
      const value = isRef(column) ? projected[0] : projected.length === 0 ? undefined : projected;
      if (value !== undefined) out[name] = value;
      continue;
    }
    if (column.columnType === 'FILE') {
      const file = row[column.id] as Record<string, unknown> | undefined;
      if (!f.selections)
        throw new Emx2SimError(
          `Validation error (SubselectionRequired@[${path}/${f.name}]) : Subselection required for type 'MolgenisFileType' of field '${f.name}'`,
        );
      if (file) out[name] = projectPlain(file, f.selections, 'MolgenisFileType', `${path}/${f.name}`);
      continue;
    }
    if (f.selections)
      throw new Emx2SimError(
        `Validation error (SubselectionNotAllowed@[${path}/${f.name}]) : Subselection not allowed on leaf type '${column.columnType}' of field '${f.name}'`,
      );
    const value = scalarOut(column, row[column.id]);
    if (value !== null) out[name] = value;
  }
  return Object.keys(out).length === 0 ? EMPTY_OBJECT : out;
}

function positive(value: unknown, name: string): number {
  if (value === null || value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw new Emx2SimError(`Validation error (WrongType) : argument '${name}' with value '${String(value)}' is not a valid 'Int'`);
  return value;
}

// The matching rows in order, cached per table version (writes replace `table.rows`), so paging
// through a large table sorts it once rather than once per page.
const matchCache = new WeakMap<SimRow[], Map<string, SimRow[]>>();
function matching(schema: SimSchema, table: SimTable, args: Record<string, unknown>): SimRow[] {
  const key = JSON.stringify([args.filter ?? null, args.search ?? null, args.orderby ?? null]);
  let cache = matchCache.get(table.rows);
  if (!cache) {
    cache = new Map();
    matchCache.set(table.rows, cache);
  }
  let rows = cache.get(key);
  if (!rows) {
    rows = order(table, select(schema, table, args), args.orderby);
    if (cache.size > 20) cache.clear();
    cache.set(key, rows);
  }
  return rows;
}

/** `Pet(filter, search, limit, offset, orderby) { … }`: `null` when nothing matched (the key is then absent). */
export function tableField(ctx: ExecContext, schema: SimSchema, table: SimTable, field: GqlField): unknown {
  const args = argsOf(field, ctx, ['filter', 'search', 'limit', 'offset', 'orderby'], table.id);
  if (!field.selections)
    throw new Emx2SimError(`Validation error (SubselectionRequired@[${table.id}]) : Subselection required for type '[${table.id}]' of field '${table.id}'`);
  let rows = matching(schema, table, args);
  const limit = positive(args.limit, 'limit');
  const offset = positive(args.offset, 'offset');
  // applied only when > 0 (`SQ#limitOffsetOrderBy`)
  if (offset > 0) rows = rows.slice(offset);
  if (limit > 0) rows = rows.slice(0, limit);
  if (rows.length === 0) return null;
  return clean(rows.map((r) => projectRow(schema, table, r, field.selections as GqlField[], table.id)));
}

/** `Pet_agg(filter, search) { count }`. */
export function aggField(ctx: ExecContext, schema: SimSchema, table: SimTable, field: GqlField): unknown {
  const args = argsOf(field, ctx, ['filter', 'search'], `${table.id}_agg`);
  const count = select(schema, table, args).length;
  for (const f of field.selections ?? []) {
    if (f.name !== 'count') throw new Emx2SimError(`the EMX2 simulator implements only count in ${table.id}_agg, not ${f.name}`);
  }
  return projectPlain({ count }, field.selections, `${table.id}Aggregate`, `${table.id}_agg`);
}

function columnMeta(table: SimTable, column: SimColumn, position: number): Record<string, unknown> {
  return {
    table: table.name,
    id: column.id,
    name: column.name,
    label: column.name,
    description: column.description ?? null,
    labels: null, // `{ locale value }` per language: none, left out as Jackson leaves out an empty list
    descriptions: null,
    position: column.name.startsWith('mg_') ? null : position,
    columnType: column.columnType,
    key: column.key ?? null,
    required: column.required ?? 'false',
    defaultValue: column.defaultValue ?? null,
    refSchemaName: null,
    refSchemaId: null,
    refTableName: column.refTableName ?? null,
    refTableId: column.refTableName ? pascalCase(column.refTableName) : null,
    refBackName: column.refBackName ?? null,
    refBackId: column.refBackName ?? null,
    refLinkName: null,
    refLabel: null,
    validation: null,
    visible: null,
    computed: column.computed ?? null,
    readonly: null,
    semantics: null,
    inherited: null,
    section: null,
    heading: null,
    formLabel: null,
  };
}

/** `_schema { … }` as `json/Schema.java` writes it (defaults left out). */
export function schemaMeta(schema: SimSchema): Record<string, unknown> {
  return {
    id: schema.name,
    name: schema.name,
    label: schema.name,
    tables: schema.tables.map((t) => ({
      name: t.name,
      label: t.name,
      description: t.description ?? null,
      labels: null,
      descriptions: null,
      id: t.id,
      schemaId: schema.name,
      schemaName: schema.name,
      inheritName: null,
      inheritId: null,
      tableType: t.tableType,
      semantics: null,
      settings: null,
      columns: [
        { ...columnMeta(t, { name: 'mg_top_of_form', id: 'mg_top_of_form', columnType: 'SECTION' }, 0), label: '_top', position: null },
        ...t.columns.map((c, i) => columnMeta(t, c, i + 1)),
      ],
    })),
    settings: null,
    roles: null,
    members: null,
  };
}

/** `_session { … }`. */
export function session(ctx: ExecContext): Record<string, unknown> {
  const user = ctx.state.users.get(ctx.user);
  const schemas = [...ctx.state.schemas.values()].filter((s) => canView(ctx.state, s, ctx.user)).map((s) => s.name);
  return {
    email: ctx.user,
    admin: user?.admin === true,
    roles: ctx.schema ? [roleOf(ctx.state, ctx.schema, ctx.user) ?? 'none'] : null,
    schemas,
    token: ctx.token ?? null,
    settings: null,
    tablePermissions: null,
  };
}

/** The user's role in a schema (admins own every schema). */
export function roleOf(state: Emx2SimulatorState, schema: SimSchema, user: string): string | undefined {
  if (state.users.get(user)?.admin) return 'Owner';
  return schema.members.get(user) ?? (user !== 'anonymous' ? schema.members.get('user') : undefined) ?? schema.members.get('anonymous');
}

export function canView(state: Emx2SimulatorState, schema: SimSchema, user: string): boolean {
  return roleOf(state, schema, user) !== undefined;
}

export function canWrite(state: Emx2SimulatorState, schema: SimSchema, user: string): boolean {
  const role = roleOf(state, schema, user);
  return role === 'Editor' || role === 'Manager' || role === 'Owner';
}

/** The key columns of a table, for tests and metadata. */
export function keyOf(table: SimTable): SimColumn {
  return keyColumn(table);
}
