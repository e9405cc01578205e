// `q` (RSQL) over rows, parsed with @bio/rsql's MOLGENIS operator set and evaluated the way
// MolgenisRSQLVisitor builds its Query: values converted by attribute type ('' is null),
// dotted selectors follow references, `<`/`>`/`=rng=` only on numbers and dates, `*` for `=q=`,
// and `=out=` parsed but refused at query time ("Unknown rsql operator"). The visitor's own
// refusals (=out=, `<` on a string, a number that does not parse) are 500s: none of their
// exceptions has a handler of its own, so FallbackExceptionHandler answers them.
import { type ComparisonNode, isRsqlSyntaxError, molgenisOperators, type Node, parse } from '@bio/rsql';
import { classicError, unknownAttribute, withExceptionMessage } from './http.js';
import type { MolgenisSimulatorState, SimAttribute, SimEntity, SimRow } from './types.js';
import { ORDERED_TYPES, REFERENCE_TYPES, referencedIds } from './values.js';

/** A row predicate. */
export type RowTest = (row: SimRow) => boolean;

/** The first line of the parser's complaint about `q`, or undefined when `q` parses. */
export function syntaxError(q: string): string | undefined {
  try {
    parse(q, { operators: molgenisOperators });
    return undefined;
  } catch (error) {
    if (isRsqlSyntaxError(error)) return error.message.split('\n')[0] as string;
    throw error;
  }
}

/**
 * Parse `q`. A syntax error is QueryParseException (code API03, MolgenisRSQL.createQuery), a
 * CodedRuntimeException but no BadRequestException: only FallbackExceptionHandler takes it, a 500
 * whose message is API03's text. (v2 never gets here with a bad `q`: it fails while the request
 * is bound, see `pagingOf` in read.ts; the CSV export's 500 is an HTML page, see csv.ts.)
 */
export function parseQuery(q: string): Node {
  const refusal = syntaxError(q);
  if (refusal !== undefined) throw classicError(500, `An error occurred while parsing the RSQL: '${refusal}'.`, 'API03');
  return parse(q, { operators: molgenisOperators });
}

/** The attribute a (dotted) selector ends at, and the entity types it passes through. */
function resolve(state: MolgenisSimulatorState, entity: SimEntity, selector: string): { path: [SimEntity, SimAttribute][] } {
  const path: [SimEntity, SimAttribute][] = [];
  let current: SimEntity | undefined = entity;
  for (const token of selector.split('.')) {
    const attr: SimAttribute | undefined = current?.meta.attributes.find((a) => a.name === token);
    if (current === undefined || attr === undefined) {
      const owner = (current ?? entity).meta;
      throw withExceptionMessage(unknownAttribute(owner.label, selector), `type:${owner.name} attribute:${selector}`);
    }
    path.push([current, attr]);
    current = attr.refEntity === undefined ? undefined : state.entities.get(attr.refEntity);
  }
  return { path };
}

/** The values at the end of a selector path (several for multi references). */
function valuesAt(state: MolgenisSimulatorState, path: [SimEntity, SimAttribute][], row: SimRow): unknown[] {
  let rows: SimRow[] = [row];
  for (let i = 0; i < path.length; i++) {
    const [entity, attr] = path[i] as [SimEntity, SimAttribute];
    const last = i === path.length - 1;
    if (!REFERENCE_TYPES.has(attr.fieldType)) return rows.map((r) => r[attr.name]);
    const ids = rows.flatMap((r) => referencedIds(state, entity, attr, r));
    if (last) return ids;
    const ref = state.entities.get(attr.refEntity as string);
    rows = ids.map((id) => ref?.rows.get(id)).filter((r): r is SimRow => r !== undefined);
  }
  return [];
}

/** An RSQL argument converted to the attribute's type (RSQLValueParser); '' is null. */
function argument(attr: SimAttribute, arg: string): unknown {
  if (arg === '') return null;
  switch (attr.fieldType) {
    case 'INT':
    case 'LONG':
    case 'DECIMAL': {
      // RSQLValueParser calls Integer/Long/Double.valueOf: the NumberFormatException reaches
      // MOLGENIS's fallback exception handler, a 500 with no error code.
      const n = Number(arg);
      if (!Number.isFinite(n) || ((attr.fieldType === 'INT' || attr.fieldType === 'LONG') && !Number.isInteger(n))) {
        throw withExceptionMessage(classicError(500, `For input string: "${arg}"`), `For input string: "${arg}"`);
      }
      return n;
    }
    case 'BOOL':
      return arg.toLowerCase() === 'true';
    default:
      return arg;
  }
}

function same(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined) return b === null;
  return typeof a === 'number' || typeof b === 'number' ? Number(a) === Number(b) : String(a) === String(b);
}

function ordered(a: unknown, b: unknown): number {
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

function searchable(state: MolgenisSimulatorState, entity: SimEntity, row: SimRow): string {
  return entity.meta.attributes
    .flatMap((attr) => valuesAt(state, [[entity, attr]], row))
    .filter((v) => v !== null && v !== undefined)
    .map(String)
    .join(' ')
    .toLowerCase();
}

function comparison(state: MolgenisSimulatorState, entity: SimEntity, node: ComparisonNode): RowTest {
  const { operator, selector, args } = node;
  if (operator === '=out=') throw classicError(500, `Unknown rsql operator: ${operator}`);
  if ((operator === '=q=' || operator === '=sq=') && selector === '*') {
    const needle = (args[0] ?? '').toLowerCase();
    return (row) => searchable(state, entity, row).includes(needle);
  }
  const { path } = resolve(state, entity, selector);
  const [owner, attr] = path[path.length - 1] as [SimEntity, SimAttribute];
  const values = (row: SimRow): unknown[] => {
    const found = valuesAt(state, path, row);
    return found.length === 0 ? [null] : found;
  };
  const contains = (row: SimRow, text: string): boolean => values(row).some((v) => v !== null && String(v).toLowerCase().includes(text.toLowerCase()));
  if (['=lt=', '=le=', '=gt=', '=ge=', '=rng='].includes(operator) && !ORDERED_TYPES.has(attr.fieldType)) {
    // UnsupportedRsqlOperationException is no BadRequestException: the fallback handler's 500.
    throw classicError(
      500,
      `Can't perform RSQL query operator [${operator}] on ${attr.fieldType} attribute '${attr.name}' of entity type '${owner.meta.name}'.`,
      'WEB03',
    );
  }
  const typed = args.map((a) => argument(attr, a));
  const one = typed[0];
  const cmp = (row: SimRow, ok: (c: number) => boolean): boolean =>
    values(row).some((v) => v !== null && v !== undefined && one !== null && ok(ordered(v, one)));
  switch (operator) {
    case '==':
      return (row) => values(row).some((v) => same(v, one));
    case '!=':
      return (row) => !values(row).some((v) => same(v, one));
    case '=in=':
      return (row) => values(row).some((v) => typed.some((t) => same(v, t)));
    case '=lt=':
      return (row) => cmp(row, (c) => c < 0);
    case '=le=':
      return (row) => cmp(row, (c) => c <= 0);
    case '=gt=':
      return (row) => cmp(row, (c) => c > 0);
    case '=ge=':
      return (row) => cmp(row, (c) => c >= 0);
    case '=rng=': {
      const [from, to] = typed;
      return (row) => values(row).some((v) => v !== null && (from == null || ordered(v, from) >= 0) && (to == null || ordered(v, to) <= 0));
    }
    case '=q=':
    case '=sq=':
    case '=like=':
      return (row) => contains(row, args[0] ?? '');
    case '=notlike=':
      return (row) => !contains(row, args[0] ?? '');
    default:
      throw classicError(500, `Unknown rsql operator: ${operator}`);
  }
}

/** A predicate for `q` over the rows of `entity` (every refusal thrown before any row is read). */
export function rowTest(state: MolgenisSimulatorState, entity: SimEntity, node: Node): RowTest {
  if (node.type === 'comparison') return comparison(state, entity, node);
  const tests = node.children.map((child) => rowTest(state, entity, child));
  return node.type === 'and' ? (row) => tests.every((t) => t(row)) : (row) => tests.some((t) => t(row));
}
