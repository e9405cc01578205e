// Schema mutations: insert, update, save (upsert), delete, truncate — one transaction per table,
// tables in the schema's (alphabetical) order, with EMX2's checks and messages (`ST`,
// `TFF#fetcher`, `sql/SqlMolgenisException.java`).
import { type GqlField, resolveValue } from './graphql-parse.js';
import { Emx2SimError } from './json.js';
import { isArray, isLayout, isRef, isRefArray, keyColumn, refTable } from './model.js';
import { type ExecContext, canWrite } from './query.js';
import type { SimColumn, SimRow, SimSchema, SimTable } from './types.js';

type Kind = 'insert' | 'update' | 'save' | 'delete';

const PREFIX: Record<Kind, (t: string) => string> = {
  insert: (t) => `Update into table '${t}' failed.: Transaction failed: `,
  update: (t) => `Update into table '${t}' failed.: Transaction failed: `,
  save: (t) => `Upsert into table '${t}' failed: Transaction failed: `,
  delete: (t) => `Delete into table ${t} failed: Transaction failed: `,
};

function coercionError(where: string, detail: string): Emx2SimError {
  return new Emx2SimError(`${where} has an invalid value: ${detail}`);
}

function inputScalar(column: SimColumn, value: unknown, where: string): unknown {
  if (value === null || value === undefined) return undefined;
  const base = column.columnType.replace(/_ARRAY$/, '');
  const wrong = (type: string) =>
    coercionError(
      where,
      `Expected a value that can be converted to type '${type}' but it was a '${typeof value === 'string' ? 'String' : typeof value === 'number' ? 'Number' : typeof value}'`,
    );
  if (base === 'INT' || base === 'NON_NEGATIVE_INT') {
    if (typeof value !== 'number' || !Number.isInteger(value)) throw wrong('Int');
    return value;
  }
  if (base === 'LONG') {
    if ((typeof value !== 'number' || !Number.isInteger(value)) && (typeof value !== 'string' || !/^-?\d+$/.test(value))) throw wrong('Long');
    return BigInt(value);
  }
  if (base === 'DECIMAL') {
    if (typeof value !== 'number') throw wrong('Float');
    return value;
  }
  if (base === 'BOOL') {
    if (typeof value !== 'boolean') throw wrong('Boolean');
    return value;
  }
  if (typeof value !== 'string') throw wrong('String');
  if (base === 'DATE' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Emx2SimError(`Validation failed: ${value} is not valid DATE`);
  if (base === 'DATETIME') {
    const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?(Z|[+-]\d{2}:?\d{2})?$/.exec(value);
    if (!m) throw new Emx2SimError(`Validation failed: ${value} is not valid DATETIME`);
    const time = m[2] ?? '00:00:00';
    return `${m[1]}T${time.length === 5 ? `${time}:00` : time}`;
  }
  if (base === 'EMAIL' && !/^[^@\s]+@[^@\s]+$/.test(value)) throw new Emx2SimError(`Validation failed: ${value} is not valid EMAIL`);
  return value;
}

function keyFromInput(schema: SimSchema, column: SimColumn, value: unknown, where: string): unknown {
  if (value === null || value === undefined) return undefined;
  const target = refTable(schema, column);
  const key = keyColumn(target);
  if (typeof value !== 'object' || Array.isArray(value)) throw coercionError(where, `Expected type '${target.id}Input' but was '${typeof value}'`);
  return inputScalar(key, (value as Record<string, unknown>)[key.id], where);
}

/** A GraphQL input row in stored form (only the columns present in the input). */
function toStored(schema: SimSchema, table: SimTable, input: unknown, where: string): SimRow {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw coercionError(where, `Expected type '${table.id}Input'`);
  const row: SimRow = {};
  for (const [id, value] of Object.entries(input as Record<string, unknown>)) {
    const column = table.columns.find((c) => c.id === id && !isLayout(c));
    if (!column) throw coercionError(where, `The variables input contains a field name '${id}' that is not defined for input object type '${table.id}Input' `);
    if (column.columnType === 'REFBACK') continue; // ignored on input
    if (value === null) {
      row[id] = undefined;
      continue;
    }
    if (isRef(column)) row[id] = keyFromInput(schema, column, value, where);
    else if (isRefArray(column)) row[id] = (Array.isArray(value) ? value : [value]).map((v) => keyFromInput(schema, column, v, where));
    else if (isArray(column)) row[id] = (Array.isArray(value) ? value : [value]).map((v) => inputScalar(column, v, where));
    else if (column.columnType === 'FILE') throw new Emx2SimError('the EMX2 simulator does not implement file uploads');
    else row[id] = inputScalar(column, value, where);
  }
  return row;
}

function rowText(schema: SimSchema, table: SimTable, row: SimRow): string {
  const parts = table.columns.filter((c) => !isLayout(c) && row[c.id] !== undefined && !c.name.startsWith('mg_')).map((c) => `${c.id}='${String(row[c.id])}'`);
  return `ROW(${[...parts, `mg_tableclass='${schema.name}.${table.name}'`].join(' ')})`;
}

function checkRequired(schema: SimSchema, table: SimTable, row: SimRow): void {
  if (row.mg_draft === true) return; // drafts skip the required checks
  for (const c of table.columns) {
    if (c.required !== 'true' || c.columnType === 'AUTO_ID' || c.columnType === 'REFBACK' || isLayout(c)) continue;
    const v = row[c.id];
    if (v === undefined || v === null || (Array.isArray(v) && v.length === 0))
      throw new Error(`column '${c.id}' is required in ${rowText(schema, table, row)}`);
  }
}

function checkReferences(schema: SimSchema, table: SimTable, row: SimRow): void {
  for (const c of table.columns) {
    if (!isRef(c) && !isRefArray(c)) continue;
    const v = row[c.id];
    if (v === undefined || v === null) continue;
    const target = refTable(schema, c);
    const key = keyColumn(target);
    for (const k of Array.isArray(v) ? v : [v]) {
      if (target.rows.some((r) => r[key.id] === k)) continue;
      if (isRef(c))
        throw new Error(
          `insert or update on table "${table.name}" violates foreign key constraint "${table.name}.${c.name} REFERENCES ${target.name}". Details: Key (${c.id})=(${String(k)}) is not present in table "${target.name}".`,
        );
      throw new Error(
        `violates foreign key (ref_array) constraint. Details: Key (${key.id})=(${String(k)}) is not present in table "${target.name}", column(s)(${c.id})`,
      );
    }
  }
}

function referencedBy(schema: SimSchema, table: SimTable, key: unknown): string | undefined {
  for (const other of schema.tables) {
    for (const c of other.columns) {
      if ((!isRef(c) && !isRefArray(c)) || c.refTableName !== table.name) continue;
      const hit = other.rows.some((r) => (Array.isArray(r[c.id]) ? (r[c.id] as unknown[]).includes(key) : r[c.id] === key));
      if (!hit) continue;
      if (isRef(c))
        return `update or delete on table "${table.name}" violates foreign key constraint "${other.name}.${c.name} REFERENCES ${table.name}" on table "${other.name}". Details: Key (${keyColumn(table).id})=(${String(key)}) is still referenced from table "${other.name}".`;
      return `delete on table "${table.name}" violates foreign key constraint. Details: Key (${keyColumn(table).id})=(${String(key)}) is still referenced from table "${other.name}", column(s)(${c.id})`;
    }
  }
  return undefined;
}

function now(): string {
  return new Date().toISOString().slice(0, 19);
}

/** Apply one table's rows in one transaction; returns the count, or throws the bare message. */
export function applyRows(ctx: ExecContext, schema: SimSchema, table: SimTable, kind: Kind, inputs: unknown[], where: string, strict = false): number {
  const stored = inputs.map((i) => toStored(schema, table, i, where));
  if (!canWrite(ctx.state, schema, ctx.user)) throw new Emx2SimError(`${PREFIX[kind](table.name)}permission denied for table ${table.name}. `);
  const key = keyColumn(table);
  const rows = [...table.rows]; // the transaction's copy, committed at the end
  const index = new Map<unknown, number>();
  for (let i = 0; i < rows.length; i++) index.set((rows[i] as SimRow)[key.id], i);
  const stamp = now();
  let count = 0;
  try {
    for (const input of stored) {
      if (key.columnType === 'AUTO_ID' && input[key.id] === undefined && kind !== 'delete' && kind !== 'update') {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: EMX2's own template syntax
        input[key.id] = (key.computed ?? '${mg_autoid}').replace('${mg_autoid}', `sim${(++ctx.state.sequence).toString(36).padStart(8, '0')}`);
      }
      const id = input[key.id];
      const at = index.get(id);
      if (kind === 'delete') {
        if (at === undefined) continue;
        const refused = referencedBy({ ...schema, tables: schema.tables.map((t) => (t === table ? { ...t, rows } : t)) }, table, id);
        if (refused) throw new Error(refused);
        rows.splice(at, 1);
        index.clear();
        for (const [i, r] of rows.entries()) index.set(r[key.id], i);
        count++;
        continue;
      }
      if (kind === 'update') {
        checkRequired(schema, table, input);
        if (at === undefined) continue;
        const merged = { ...(rows[at] as SimRow), ...input, mg_updatedBy: ctx.user, mg_updatedOn: stamp };
        checkReferences(schema, table, merged);
        rows[at] = merged;
        count++;
        continue;
      }
      const whole: SimRow = {};
      for (const c of table.columns) {
        if (input[c.id] !== undefined) whole[c.id] = input[c.id];
        else if (c.defaultValue !== undefined && !isLayout(c)) whole[c.id] = c.defaultValue;
      }
      checkRequired(schema, table, whole);
      checkReferences(schema, table, whole);
      if (kind === 'insert' && at !== undefined) {
        throw new Error(`duplicate key value violates unique constraint "${table.name}_KEY1". Details: Key (${key.id})=(${String(id)}) already exists.`);
      }
      const old = at === undefined ? undefined : rows[at];
      const stamped = {
        ...whole,
        mg_insertedBy: old?.mg_insertedBy ?? ctx.user,
        mg_insertedOn: old?.mg_insertedOn ?? stamp,
        mg_updatedBy: ctx.user,
        mg_updatedOn: stamp,
      };
      if (at === undefined) {
        index.set(id, rows.length);
        rows.push(stamped);
      } else rows[at] = stamped;
      count++;
    }
  } catch (error) {
    if (error instanceof Emx2SimError) throw error;
    throw new Emx2SimError(PREFIX[kind](table.name) + (error as Error).message);
  }
  if (strict && count < stored.length) {
    throw new Emx2SimError(
      `Delete failed: attempted to delete ${stored.length} rows but only deleted ${count} row${count === 1 ? '' : 's'}. Some specified rows do not exist in table ${table.name}. Transaction rolled back.`,
    );
  }
  table.rows = rows;
  return count;
}

const VERB: Record<Kind, (n: number, t: string) => string> = {
  insert: (n, t) => `inserted ${n} records to ${t}\n`,
  update: (n, t) => `updated ${n} records to ${t}\n`,
  save: (n, t) => `upserted ${n} records to ${t}\n`,
  delete: (n, t) => `delete ${n} records from ${t}\n`,
};

/** `insert(Pet: [...], Order: [...]) { status message }` and the like. */
export function rowMutation(ctx: ExecContext, schema: SimSchema, kind: Kind, field: GqlField): Record<string, unknown> {
  const args = new Map<string, { value: unknown; where: string }>();
  let strict = false;
  for (const [name, value] of field.args) {
    if (kind === 'delete' && name === 'strict') {
      strict = resolveValue(value, ctx.variables) === true;
      continue;
    }
    if (!schema.tables.some((t) => t.id === name)) throw new Emx2SimError(`Validation error (UnknownArgument@[${kind}]) : Unknown field argument '${name}'`);
    args.set(name, { value: resolveValue(value, ctx.variables), where: value.kind === 'variable' ? `Variable '${value.name}'` : `Argument '${name}'` });
  }
  let message = '';
  let any = false;
  for (const table of schema.tables) {
    const arg = args.get(table.id);
    if (arg === undefined || arg.value === null) continue;
    const inputs = Array.isArray(arg.value) ? arg.value : [arg.value];
    const count = applyRows(ctx, schema, table, kind, inputs, arg.where, strict);
    message += VERB[kind](count, table.name);
    any = true;
  }
  if (!any) throw new Emx2SimError('Error with save: no data provided');
  return { status: 'SUCCESS', message, taskId: null };
}

/** `truncate(tables: [String]) { status message }`. */
export function truncate(ctx: ExecContext, schema: SimSchema, names: unknown): Record<string, unknown> {
  const list = (Array.isArray(names) ? names : [names]).map(String);
  const tables = list.map((n) => {
    const t = schema.tables.find((x) => x.name === n || x.id === n);
    if (!t) throw new Emx2SimError(`Table ${n} unknown`);
    return t;
  });
  if (!canWrite(ctx.state, schema, ctx.user)) throw new Emx2SimError(`Truncate failed: permission denied for table ${tables[0]?.name ?? ''}. `);
  for (const t of tables) t.rows = [];
  return { status: 'SUCCESS', message: `Truncated tables: ${tables.map((t) => t.name).join(', ')}`, taskId: null };
}
