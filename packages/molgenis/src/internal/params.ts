import { ValidationError } from '@bio/core-http';
import { molgenisOperators, type Node, type Operator, parse, serialize } from '@bio/rsql';
import type { Query, SortKey } from '../types.js';
import { assertAttributeName } from './validate.js';

/**
 * Validate `q` (a string is parsed with the MOLGENIS operator set, a node is serialized
 * against it) and return canonical RSQL. {@link withQ} puts it on the URL.
 */
export function qParam(q: Query | undefined): string | undefined {
  if (q === undefined) return undefined;
  if (typeof q === 'string') {
    if (q.trim() === '') throw new ValidationError({ message: 'q must not be empty; leave it out to read every row', field: 'q' });
    const node = orRsqlError('q is not valid MOLGENIS RSQL', () => parse(q, { operators: molgenisOperators }));
    refuseUnsupported(node);
    return forServer(node, serialize(node, { operators: molgenisOperators }));
  }
  if (typeof q !== 'object' || q === null) throw new ValidationError({ message: 'q must be an RSQL string or an @bio/rsql node', field: 'q' });
  // serialize checks operators (against the MOLGENIS set), arity and selectors.
  const text = orRsqlError('q is not a valid MOLGENIS RSQL node', () => serialize(q, { operators: molgenisOperators }));
  refuseUnsupported(q);
  return forServer(q, text);
}

/**
 * MOLGENIS parses `q` with rsql-parser 2.0.0 (`rsql-parser.version` in its pom), whose quoted
 * strings have no escapes: `'…'` and `"…"` end at the next quote of their kind and a backslash is
 * an ordinary character. `@bio/rsql` writes rsql-parser 2.1 (where `\` escapes), so a quoted
 * value with a backslash or a quote character is rewritten: quoted with the quote it does not
 * contain, backslashes as they are. A value with both quote kinds cannot be sent at all.
 * `canonical` is `serialize(node)`, which has already validated the tree.
 */
function forServer(node: Node, canonical: string): string {
  if (!/[\\'"]/.test(canonical)) return canonical;
  let out = '';
  const write = (n: Node, parent: 'and' | 'or' | undefined): void => {
    if (n.type === 'comparison') {
      const op = molgenisOperators.get(n.operator) as Operator;
      const args = n.args.map(quoteForServer);
      out += n.selector + op.symbol + (op.arity === 'multi' ? `(${args.join(',')})` : args[0]);
      return;
    }
    const wrap = n.type === 'or' && parent === 'and';
    if (wrap) out += '(';
    n.children.forEach((child, i) => {
      if (i > 0) out += n.type === 'and' ? ';' : ',';
      write(child, n.type);
    });
    if (wrap) out += ')';
  };
  write(node, undefined);
  return out;
}

/** A value as rsql-parser 2.0.0 reads it back: bare when @bio/rsql leaves it bare, else in the quote it does not contain. */
function quoteForServer(value: string): string {
  if (serialize({ type: 'comparison', selector: 'x', operator: '==', args: [value] }) === `x==${value}`) return value;
  const quote = value.includes('"') ? "'" : '"';
  if (value.includes(quote)) {
    throw new ValidationError({
      message: `q: MOLGENIS (rsql-parser 2.0.0, no escapes in quotes) cannot express a value with both ' and ": ${JSON.stringify(value)}`,
      field: 'q',
    });
  }
  return quote + value + quote;
}

/**
 * `path?q=…` with `q` percent-encoded by hand: everything `encodeURIComponent` escapes is
 * escaped (so `+`, `&`, `#`, `%`, space and non-ASCII reach the server intact, molgenis#5833)
 * except `;`, `,` and `=`, which stay readable (molgenis#5805). `URLSearchParams` would escape
 * those too. Further parameters are appended by the HTTP client after this query.
 */
export function withQ(path: string, q: string | undefined): string {
  if (q === undefined) return path;
  let encoded: string;
  try {
    encoded = encodeURIComponent(q);
  } catch (cause) {
    // a lone UTF-16 surrogate has no UTF-8 form (URIError); refuse it rather than send U+FFFD
    throw new ValidationError({ message: 'q contains a lone UTF-16 surrogate, which a URL cannot carry', field: 'q', cause });
  }
  encoded = encoded.replace(/%3B/gi, ';').replace(/%2C/gi, ',').replace(/%3D/gi, '=');
  return `${path}?q=${encoded}`;
}

/**
 * Refuse what the server's parser accepts but its query visitor does not: MolgenisRSQLVisitor
 * has no case for `=out=`, so MOLGENIS answers 500 "Unknown rsql operator: =out=" — a request
 * that can never succeed.
 */
function refuseUnsupported(node: Node): void {
  if (node.type !== 'comparison') {
    for (const child of node.children) refuseUnsupported(child);
    return;
  }
  if (node.operator === '=out=') {
    const alternative = node.args.map((a) => serialize({ type: 'comparison', selector: node.selector, operator: '!=', args: [a] })).join(';');
    throw new ValidationError({
      message: `q: MOLGENIS does not support =out= (the server answers 500 "Unknown rsql operator: =out="); write ${alternative} instead`,
      field: 'q',
    });
  }
}

/**
 * Whether canonical `q` uses full-text search (`=q=`, `=sq=`). MOLGENIS answers those from
 * Elasticsearch, in relevance order; every other query is answered by PostgreSQL, which orders
 * by the id attribute when no sort is given and adds it to a sort as the tie-breaker
 * (PostgreSqlQueryGenerator.getSqlSort), so pages neither repeat nor skip rows.
 */
export function searches(q: string | undefined): boolean {
  if (q === undefined) return false;
  const walk = (node: Node): boolean => (node.type === 'comparison' ? node.operator === '=q=' || node.operator === '=sq=' : node.children.some(walk));
  return walk(parse(q, { operators: molgenisOperators }));
}

/** `run()`, with what it throws rethrown as a ValidationError of `q` (a ValidationError passes through unchanged). */
function orRsqlError<T>(prefix: string, run: () => T): T {
  try {
    return run();
  } catch (cause) {
    if (cause instanceof ValidationError) throw cause;
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new ValidationError({ message: `${prefix}: ${detail}`, field: 'q', cause });
  }
}

/** `attrs` for v2: attributes as given, expanded ones as `attr(*)`; `*` plus expansions when only `expand` is given. */
export function attrsParam(attributes: readonly string[] | undefined, expand: readonly string[] | undefined): string | undefined {
  if (attributes !== undefined && !Array.isArray(attributes))
    throw new ValidationError({ message: 'attributes must be an array of attribute names', field: 'attributes' });
  if (expand !== undefined && !Array.isArray(expand)) throw new ValidationError({ message: 'expand must be an array of attribute names', field: 'expand' });
  const attrs = attributes ?? [];
  const exp = expand ?? [];
  for (const [i, a] of attrs.entries()) assertAttributeName(a, `attributes[${i}]`);
  for (const [i, a] of exp.entries()) assertAttributeName(a, `expand[${i}]`);
  if (attrs.length === 0 && exp.length === 0) return undefined;
  const expanded = new Set(exp);
  const out = attrs.length === 0 ? ['*'] : attrs.map((a) => (expanded.has(a) ? `${a}(*)` : a));
  for (const e of exp) if (!attrs.includes(e)) out.push(`${e}(*)`);
  return out.join(',');
}

/** `sort=a:asc,b:desc`. */
export function sortParam(sort: readonly SortKey[] | undefined): string | undefined {
  if (sort === undefined) return undefined;
  if (!Array.isArray(sort)) throw new ValidationError({ message: 'sort must be an array of { attr, order }', field: 'sort' });
  if (sort.length === 0) return undefined;
  return sort
    .map((key, i) => {
      if (typeof key !== 'object' || key === null) throw new ValidationError({ message: `sort[${i}] must be { attr, order }`, field: 'sort' });
      assertAttributeName(key.attr, `sort[${i}].attr`);
      if (/:/.test(key.attr)) throw new ValidationError({ message: `sort[${i}].attr must not contain ":"`, field: 'sort' });
      const order = key.order ?? 'asc';
      if (order !== 'asc' && order !== 'desc') throw new ValidationError({ message: `sort[${i}].order must be "asc" or "desc"`, field: 'sort' });
      return `${key.attr}:${order}`;
    })
    .join(',');
}
