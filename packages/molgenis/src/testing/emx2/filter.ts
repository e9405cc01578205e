// EMX2's filter grammar, ordering and search over simulated rows (`TFF#convertMapToFilterArray`,
// `SQ#whereColumnOperator`, `SQ#limitOffsetOrderBy`), with EMX2's semantics and messages.
import { Emx2SimError } from './json.js';
import { isArray, isLayout, isReference, keyColumn, referenced, refTable, searchText } from './model.js';
import type { SimColumn, SimRow, SimSchema, SimTable } from './types.js';

const SCALAR_OPS: Record<string, string[]> = {
  string: ['equals', 'not_equals', 'like', 'not_like', 'trigram_search', 'text_search', 'is_null', 'match_any'],
  ordinal: ['equals', 'not_equals', 'match_any', 'between', 'not_between', 'is_null'],
  plain: ['equals', 'not_equals', 'is_null', 'match_any'],
};

function opsOf(column: SimColumn): string[] {
  const base = column.columnType.replace(/_ARRAY$/, '');
  const kind = ['STRING', 'TEXT', 'JSON', 'EMAIL', 'HYPERLINK', 'AUTO_ID'].includes(base)
    ? 'string'
    : ['INT', 'LONG', 'DECIMAL', 'DATE', 'DATETIME', 'NON_NEGATIVE_INT', 'PERIOD'].includes(base)
      ? 'ordinal'
      : 'plain';
  const ops = SCALAR_OPS[kind] as string[];
  return isArray(column) ? [...ops, 'match_all'] : ops;
}

function wrongType(table: SimTable, filter: unknown, field: string): Emx2SimError {
  return new Emx2SimError(
    `Validation error (WrongType@[${table.id}]) : argument 'filter' with value '${JSON.stringify(filter)}' contains a field not in '${table.id}Filter': '${field}'`,
  );
}

/** An input value in the stored form of the column's type (for comparisons). */
export function storedScalar(column: SimColumn, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const base = column.columnType.replace(/_ARRAY$/, '');
  if (base === 'LONG') return BigInt(value as string | number);
  if (base === 'INT' || base === 'NON_NEGATIVE_INT' || base === 'DECIMAL') return Number(value);
  if (base === 'BOOL') return value === true || value === 'true';
  return String(value);
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'bigint' || typeof b === 'bigint') return BigInt(a as bigint) < BigInt(b as bigint) ? -1 : BigInt(a as bigint) > BigInt(b as bigint) ? 1 : 0;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function columnMatches(table: SimTable, column: SimColumn, row: SimRow, op: string, raw: unknown): boolean {
  const stored = row[column.id];
  const values = stored === undefined || stored === null ? [] : Array.isArray(stored) ? stored : [stored];
  const isNull = values.length === 0;
  switch (op) {
    case 'is_null':
      return isNull === (raw === true);
    case 'equals':
    case 'match_any': {
      const wanted = list(raw).map((v) => storedScalar(column, v));
      return values.some((v) => wanted.some((w) => compare(v, w) === 0));
    }
    case 'match_all': {
      const wanted = list(raw).map((v) => storedScalar(column, v));
      return wanted.every((w) => values.some((v) => compare(v, w) === 0));
    }
    case 'not_equals': {
      const wanted = list(raw).map((v) => storedScalar(column, v));
      return isNull || !values.some((v) => wanted.some((w) => compare(v, w) === 0));
    }
    case 'like':
    case 'not_like': {
      if (isNull) return false;
      // on arrays EMX2 writes '%v%' ILIKE ANY(col): the element is the pattern, so it practically never matches
      const hit = list(raw).some((p) =>
        isArray(column)
          ? values.some((v) => String(v).toLowerCase() === `%${String(p).toLowerCase()}%`)
          : String(values[0]).toLowerCase().includes(String(p).toLowerCase()),
      );
      return op === 'like' ? hit : !hit;
    }
    case 'between':
    case 'not_between': {
      const bounds = list(raw);
      if (bounds.length % 2 === 1)
        throw new Emx2SimError(`Exception while fetching data (/${table.id}) : Index ${bounds.length} out of bounds for length ${bounds.length}`);
      if (isNull) return false;
      let hit = false;
      for (let i = 0; i < bounds.length; i += 2) {
        const lo = storedScalar(column, bounds[i]);
        const hi = storedScalar(column, bounds[i + 1]);
        if (values.some((v) => (lo === null || compare(v, lo) >= 0) && (hi === null || compare(v, hi) <= 0))) hit = true;
      }
      return op === 'between' ? hit : !hit;
    }
    case 'text_search':
    case 'trigram_search':
      return list(raw).some((t) => searchText(table, row).includes(String(t).toLowerCase()));
    default:
      throw new Error(`simulator: operator ${op}`);
  }
}

/** Does `row` of `table` match the EMX2 filter object? Throws EMX2's errors for a malformed filter. */
export function matches(schema: SimSchema, table: SimTable, row: SimRow, filter: unknown, root: unknown = filter): boolean {
  if (filter === null || filter === undefined) return true;
  if (typeof filter !== 'object' || Array.isArray(filter)) throw wrongType(table, root, String(filter));
  for (const [key, value] of Object.entries(filter as Record<string, unknown>)) {
    if (value === null || value === undefined) continue;
    if (key === '_and' || key === '_or') {
      const parts = list(value);
      if (parts.length === 0) continue;
      const results = parts.map((p) => matches(schema, table, row, p, root));
      if (key === '_and' ? !results.every(Boolean) : !results.some(Boolean)) return false;
      continue;
    }
    if (key === '_search') {
      const text = searchText(table, row);
      if (
        !String(value)
          .split(/\s+/)
          .filter(Boolean)
          .every((t) => text.includes(t.toLowerCase()))
      )
        return false;
      continue;
    }
    const column = table.columns.find((c) => c.id === key);
    if (!column || isLayout(column)) throw wrongType(table, root, key);
    if (typeof value !== 'object' || Array.isArray(value)) throw wrongType(table, root, key);
    const ops = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined);
    if (isReference(column)) {
      const target = refTable(schema, column);
      const rows = referenced(schema, table, column, row);
      const special = ops.find(([k]) => k.startsWith('_'));
      if (special) {
        const [name, arg] = special;
        if (name === '_is_null') {
          if ((rows.length === 0) !== (arg === true)) return false;
          continue;
        }
        throw new Emx2SimError(`Exception while fetching data (/${table.id}) : Graphql API error: Column ${name} unknown in table ${target.name}`);
      }
      if (!rows.some((r) => matches(schema, target, r, value, root))) return false;
      continue;
    }
    if (ops.length > 1) throw new Emx2SimError(`Exception while fetching data (/${table.id}) : Can only have one operator, found multiple for ${column.id}`);
    const [op, arg] = ops[0] ?? [];
    if (op === undefined) continue;
    if (!opsOf(column).includes(op)) {
      throw new Emx2SimError(
        `Validation error (WrongType@[${table.id}]) : argument 'filter.${key}' with value '${JSON.stringify(value)}' contains a field not in 'Molgenis${column.columnType.charAt(0)}${column.columnType.slice(1).toLowerCase()}Filter': '${op}'`,
      );
    }
    if (!columnMatches(table, column, row, op, arg)) return false;
  }
  return true;
}

// `lower(col)` with the ICU collation `en-u-kn-true` (natural digit order).
const collator = new Intl.Collator('en', { numeric: true });

/** Sort rows by EMX2 `orderby` (a list of `{col: ASC|DESC}` or one object); nulls last for ASC, first for DESC. */
export function order(table: SimTable, rows: SimRow[], orderby: unknown): SimRow[] {
  if (orderby === null || orderby === undefined) return rows;
  const terms: [SimColumn, number][] = [];
  for (const item of list(orderby)) {
    for (const [key, dir] of Object.entries(item as Record<string, unknown>)) {
      const column = table.columns.find((c) => c.id === key);
      if (!column)
        throw new Emx2SimError(`Validation error (WrongType@[${table.id}]) : argument 'orderby' contains a field not in '${table.id}orderby': '${key}'`);
      if (dir !== 'ASC' && dir !== 'DESC')
        throw new Emx2SimError(
          `Validation error (WrongType@[${table.id}]) : argument 'orderby.${key}' with value '${String(dir)}' is not a valid 'MolgenisOrderByEnum'`,
        );
      if (column.columnType === 'REFBACK') continue; // silently ignored by EMX2 (issue #4021)
      terms.push([column, dir === 'ASC' ? 1 : -1]);
    }
  }
  if (terms.length === 0) return rows;
  return [...rows].sort((a, b) => {
    for (const [column, sign] of terms) {
      const x = a[column.id]; // refs hold their key, and sort by it
      const y = b[column.id];
      const xNull = x === undefined || x === null;
      const yNull = y === undefined || y === null;
      if (xNull || yNull) {
        if (xNull && yNull) continue;
        return (xNull ? 1 : -1) * sign;
      }
      const c = typeof x === 'string' && typeof y === 'string' ? collator.compare(x.toLowerCase(), y.toLowerCase()) : compare(x, y);
      if (c !== 0) return c * sign;
    }
    return 0;
  });
}

/** Rows matching `filter` and the `search` argument (one ILIKE term over the row text). */
export function select(schema: SimSchema, table: SimTable, args: { filter?: unknown; search?: unknown }): SimRow[] {
  const term = typeof args.search === 'string' && args.search !== '' ? args.search.toLowerCase() : undefined;
  return table.rows.filter((r) => (term === undefined || searchText(table, r).includes(term)) && matches(schema, table, r, args.filter));
}

/** The primary key of a row (for references). */
export function keyOf(table: SimTable, row: SimRow): unknown {
  return row[keyColumn(table).id];
}
