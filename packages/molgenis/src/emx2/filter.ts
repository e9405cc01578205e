// Filters: EMX2's filter object (checked against the metadata), or RSQL — a string or a
// `@bio/rsql` tree — compiled to it, so one filter language serves both MOLGENIS generations.
// What EMX2 cannot express is a ValidationError naming the operator.
import { ValidationError } from '@bio/core-http';
import { type ComparisonNode, isRsqlSyntaxError, molgenisOperators, type Node, parse } from '@bio/rsql';
import { type Catalog, isReferenceColumn, refTableOf } from './internal/catalog.js';
import { columnOf } from './metadata.js';
import type { ColumnMetadata, Emx2Filter, Filter, TableMetadata } from './types.js';

/** RSQL operators with an EMX2 equivalent. */
const SUPPORTED = new Set(['==', '!=', '=lt=', '=le=', '=gt=', '=ge=', '=in=', '=out=', '=like=', '=notlike=', '=q=', '=rng=']);
const ORDINAL = new Set(['INT', 'NON_NEGATIVE_INT', 'LONG', 'DECIMAL', 'DATE', 'DATETIME', 'PERIOD']);
// The column types whose GraphQL filter has like/not_like (ColumnType STRING_OPERATORS).
const TEXTUAL = new Set(['STRING', 'TEXT', 'JSON', 'EMAIL', 'HYPERLINK', 'AUTO_ID']);
const COLUMN_OPERATORS = new Set([
  'equals',
  'not_equals',
  'like',
  'not_like',
  'between',
  'not_between',
  'is_null',
  'match_any',
  'match_all',
  'text_search',
  'trigram_search',
]);

/** A filter checked as far as it can be without metadata. */
export type PreparedFilter = { kind: 'none' } | { kind: 'rsql'; node: Node } | { kind: 'emx2'; filter: Emx2Filter };

function isNode(value: object): value is Node {
  const v = value as { type?: unknown; selector?: unknown; children?: unknown };
  return (v.type === 'comparison' && typeof v.selector === 'string') || ((v.type === 'and' || v.type === 'or') && Array.isArray(v.children));
}

function checkOperators(node: Node): void {
  if (node.type === 'comparison') {
    if (!SUPPORTED.has(node.operator)) {
      throw new ValidationError({
        message: `RSQL operator ${node.operator} (on "${node.selector}") has no EMX2 equivalent; use ${[...SUPPORTED].join(' ')}`,
        field: 'filter',
      });
    }
    if (node.operator === '=rng=' && node.args.length !== 2)
      throw new ValidationError({ message: `=rng= takes two values (from,to), got ${node.args.length}`, field: 'filter' });
    return;
  }
  for (const child of node.children) checkOperators(child);
}

/** Parse and check a filter before any request (syntax, operators, shape). */
export function prepareFilter(filter: Filter | undefined): PreparedFilter {
  if (filter === undefined) return { kind: 'none' };
  if (typeof filter === 'string') {
    if (filter.trim() === '') return { kind: 'none' };
    let node: Node;
    try {
      node = parse(filter, { operators: molgenisOperators });
    } catch (error) {
      if (isRsqlSyntaxError(error)) throw new ValidationError({ message: `filter is not valid RSQL: ${error.message}`, field: 'filter', cause: error });
      throw error;
    }
    checkOperators(node);
    return { kind: 'rsql', node };
  }
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    throw new ValidationError({ message: 'filter must be an RSQL string, an @bio/rsql node or an EMX2 filter object', field: 'filter' });
  }
  if (isNode(filter)) {
    checkOperators(filter);
    return { kind: 'rsql', node: filter };
  }
  return { kind: 'emx2', filter };
}

function typed(column: ColumnMetadata, text: string, selector: string): unknown {
  const type = column.columnType.replace(/_ARRAY$/, '');
  const fail = (what: string) =>
    new ValidationError({ message: `filter: "${text}" is not ${what} (column "${selector}" is ${column.columnType})`, field: 'filter' });
  if (type === 'INT' || type === 'NON_NEGATIVE_INT') {
    if (!/^-?\d+$/.test(text)) throw fail('an integer');
    return Number(text);
  }
  if (type === 'LONG') {
    if (!/^-?\d+$/.test(text)) throw fail('an integer');
    return Number.isSafeInteger(Number(text)) ? Number(text) : text;
  }
  if (type === 'DECIMAL') {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) throw fail('a number');
    return n;
  }
  if (type === 'BOOL') {
    if (text !== 'true' && text !== 'false') throw fail('true or false');
    return text === 'true';
  }
  return text;
}

// The column a selector ends at, and a function wrapping a column filter into the nested filter.
function resolveSelector(catalog: Catalog, table: TableMetadata, selector: string): { column: ColumnMetadata; wrap: (f: unknown) => Emx2Filter } {
  const parts = selector.split('.');
  let current = table;
  const path: string[] = [];
  let column: ColumnMetadata | undefined;
  for (const [i, part] of parts.entries()) {
    column = columnOf(current, part, 'filter');
    path.push(column.id);
    if (i < parts.length - 1) {
      if (!isReferenceColumn(column))
        throw new ValidationError({
          message: `filter: "${column.name}" of "${current.name}" is not a reference, so "${selector}" goes nowhere`,
          field: 'filter',
        });
      current = refTableOf(catalog, current, column);
    }
  }
  // a reference compared to a value compares its key (one-column keys only)
  while (column !== undefined && isReferenceColumn(column)) {
    const target = refTableOf(catalog, current, column);
    if (target.primaryKey.length !== 1)
      throw new ValidationError({
        message: `filter: "${selector}" refers to "${target.name}", whose key has ${target.primaryKey.length} columns; name one (${selector}.${target.primaryKey[0]})`,
        field: 'filter',
      });
    column = target.columns.find((c) => c.id === target.primaryKey[0]) as ColumnMetadata;
    path.push(column.id);
    current = target;
  }
  const wrap = (f: unknown): Emx2Filter => path.reduceRight<unknown>((inner, id) => ({ [id]: inner }), f) as Emx2Filter;
  return { column: column as ColumnMetadata, wrap };
}

function comparison(catalog: Catalog, table: TableMetadata, node: ComparisonNode): Emx2Filter {
  if (node.operator === '=q=') {
    if (node.selector !== '*')
      throw new ValidationError({ message: `=q= on "${node.selector}": EMX2's text search covers the whole row; write *=q=${node.args[0]}`, field: 'filter' });
    return { _search: node.args[0] as string };
  }
  const { column, wrap } = resolveSelector(catalog, table, node.selector);
  const values = node.args.map((a) => typed(column, a, node.selector));
  const ordinal = ORDINAL.has(column.columnType.replace(/_ARRAY$/, ''));
  const needOrdinal = (): void => {
    if (!ordinal)
      throw new ValidationError({
        message: `${node.operator} on "${node.selector}" (${column.columnType}): EMX2 compares only numbers, dates and periods by order`,
        field: 'filter',
      });
  };
  const v = values[0];
  switch (node.operator) {
    case '==':
    case '=in=':
      return wrap({ equals: values });
    case '!=':
    case '=out=':
      return wrap({ not_equals: values });
    case '=le=':
      needOrdinal();
      return wrap({ between: [null, v] });
    case '=ge=':
      needOrdinal();
      return wrap({ between: [v, null] });
    case '=lt=':
    case '=gt=':
      // EMX2 has no strict comparison: ≤ v and ≠ v (not_equals lets nulls in, between keeps them out)
      needOrdinal();
      return { _and: [wrap({ between: node.operator === '=lt=' ? [null, v] : [v, null] }), wrap({ not_equals: [v] })] };
    case '=rng=':
      needOrdinal();
      return wrap({ between: values });
    case '=like=':
    case '=notlike=':
      // (a reference was resolved to its key column above: only arrays of values get here)
      if (column.columnType.endsWith('_ARRAY'))
        throw new ValidationError({ message: `${node.operator} on "${node.selector}": EMX2's like never matches array columns; use ==`, field: 'filter' });
      if (!TEXTUAL.has(column.columnType))
        throw new ValidationError({
          message: `${node.operator} on "${node.selector}" (${column.columnType}): EMX2 matches only text columns by pattern (its ${column.columnType} filter has no like); use == or =rng=`,
          field: 'filter',
        });
      return wrap({ [node.operator === '=like=' ? 'like' : 'not_like']: values });
    default:
      throw new ValidationError({ message: `RSQL operator ${node.operator} has no EMX2 equivalent`, field: 'filter' });
  }
}

function compileNode(catalog: Catalog, table: TableMetadata, node: Node): Emx2Filter {
  if (node.type === 'comparison') return comparison(catalog, table, node);
  return { [node.type === 'and' ? '_and' : '_or']: node.children.map((c) => compileNode(catalog, table, c)) };
}

function plainValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace(/Z$/, '');
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(plainValue);
  return value;
}

// Check an EMX2 filter object against the metadata: column names become ids, one operator per column.
function checkObject(catalog: Catalog, table: TableMetadata, filter: unknown, field: string): Emx2Filter {
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) throw new ValidationError({ message: `${field} must be a filter object`, field });
  const out: Emx2Filter = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (key === '_and' || key === '_or') {
      out[key] = (Array.isArray(value) ? value : [value]).map((f, i) => checkObject(catalog, table, f, `${field}.${key}[${i}]`));
      continue;
    }
    if (key.startsWith('_') || key === 'equals' || key === 'not_equals') {
      out[key] = plainValue(value); // _search, _is_null, _match_all, object-level equals… passed on
      continue;
    }
    const column = columnOf(table, key, field);
    if (isReferenceColumn(column)) {
      out[column.id] = checkObject(catalog, refTableOf(catalog, table, column), value, `${field}.${column.id}`);
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ValidationError({ message: `${field}.${key} must be { operator: value }, e.g. { equals: [...] }`, field: `${field}.${key}` });
    }
    const ops = Object.entries(value).filter(([, v]) => v !== undefined);
    if (ops.length !== 1)
      throw new ValidationError({
        message: `${field}.${key}: EMX2 takes exactly one operator per column, got ${ops.length} (combine with _and)`,
        field: `${field}.${key}`,
      });
    const [op, arg] = ops[0] as [string, unknown];
    if (!COLUMN_OPERATORS.has(op))
      throw new ValidationError({ message: `${field}.${key}: unknown operator "${op}" (${[...COLUMN_OPERATORS].join(', ')})`, field: `${field}.${key}` });
    out[column.id] = { [op]: plainValue(arg) };
  }
  return out;
}

/** The EMX2 filter object for a prepared filter (`undefined` for none). */
export function compileFilter(catalog: Catalog, table: TableMetadata, prepared: PreparedFilter): Emx2Filter | undefined {
  if (prepared.kind === 'none') return undefined;
  if (prepared.kind === 'rsql') return compileNode(catalog, table, prepared.node);
  return checkObject(catalog, table, prepared.filter, 'filter');
}
