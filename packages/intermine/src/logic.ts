import { ValidationError } from '@bio/core-http';

/**
 * A parsed constraint-logic expression.
 *
 * @example
 * ```ts
 * const tree: LogicNode = parseLogic('A or B');
 * ```
 */
export type LogicNode =
  | {
      /** A leaf: one constraint code. */
      kind: 'code';
      /** The constraint code, `A`–`Z`. */
      code: string;
    }
  | {
      /** An AND or OR of sub-expressions. */
      kind: 'and' | 'or';
      /** The operands, in the order written. */
      children: LogicNode[];
    };

type Token = { type: 'code'; value: string } | { type: 'and' | 'or' | '(' | ')' };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(\()|(\))|([A-Za-z]+)|(&&|\|\||\S))/y;
  for (;;) {
    const at = re.lastIndex;
    if (at >= text.length || /^\s*$/.test(text.slice(at))) break;
    const m = re.exec(text);
    if (!m) break;
    if (m[1]) tokens.push({ type: '(' });
    else if (m[2]) tokens.push({ type: ')' });
    else if (m[3]) {
      const word = m[3];
      const lower = word.toLowerCase();
      if (lower === 'and') tokens.push({ type: 'and' });
      else if (lower === 'or') tokens.push({ type: 'or' });
      else if (/^[A-Z]$/.test(word)) tokens.push({ type: 'code', value: word });
      else throw new ValidationError({ message: `constraint logic "${text}": "${word}" is not a constraint code (A-Z) nor and/or`, field: 'logic' });
    } else {
      const sym = m[4];
      if (sym === '&' || sym === '&&') tokens.push({ type: 'and' });
      else if (sym === '|' || sym === '||') tokens.push({ type: 'or' });
      else throw new ValidationError({ message: `constraint logic "${text}": unexpected "${sym}"`, field: 'logic' });
    }
  }
  return tokens;
}

/**
 * Parse a constraint-logic expression such as `A and (B or C)`. `and` binds tighter than
 * `or`; codes are single capital letters. Throws {@link ValidationError} on bad syntax.
 *
 * @example
 * ```ts
 * parseLogic('A and (B or C)'); // { kind: 'and', children: [A, { kind: 'or', … }] }
 * ```
 */
export function parseLogic(text: string): LogicNode {
  const tokens = tokenize(text);
  let i = 0;
  const fail = (what: string): never => {
    throw new ValidationError({ message: `constraint logic "${text}": ${what}`, field: 'logic' });
  };
  const factor = (): LogicNode => {
    const t = tokens[i];
    if (!t) return fail('unexpected end');
    if (t.type === 'code') {
      i++;
      return { kind: 'code', code: t.value };
    }
    if (t.type === '(') {
      i++;
      const inner = expr();
      if (tokens[i]?.type !== ')') fail('missing ")"');
      i++;
      return inner;
    }
    return fail(`unexpected "${t.type}"`);
  };
  const sequence = (kind: 'and' | 'or', next: () => LogicNode): LogicNode => {
    const children = [next()];
    while (tokens[i]?.type === kind) {
      i++;
      children.push(next());
    }
    if (children.length === 1) return children[0]!;
    // Flatten `A and (B and C)` into one level.
    return { kind, children: children.flatMap((c) => (c.kind === kind ? c.children : [c])) };
  };
  const term = (): LogicNode => sequence('and', factor);
  const expr = (): LogicNode => sequence('or', term);
  if (tokens.length === 0) fail('empty expression');
  const tree = expr();
  if (i < tokens.length) fail(`unexpected "${tokens[i]!.type === 'code' ? (tokens[i] as { value: string }).value : tokens[i]!.type}"`);
  return tree;
}

/**
 * Every code used in an expression, in order of appearance.
 *
 * @example
 * ```ts
 * logicCodes(parseLogic('A and (B or C)')); // ['A', 'B', 'C']
 * ```
 */
export function logicCodes(node: LogicNode): string[] {
  if (node.kind === 'code') return [node.code];
  return node.children.flatMap(logicCodes);
}

/**
 * Write an expression back with the fewest parentheses.
 *
 * @example
 * ```ts
 * formatLogic(parseLogic('((A and B)) or C')); // 'A and B or C'
 * ```
 */
export function formatLogic(node: LogicNode, parent?: 'and' | 'or'): string {
  if (node.kind === 'code') return node.code;
  const inner = node.children.map((c) => formatLogic(c, node.kind)).join(` ${node.kind} `);
  return parent === 'and' && node.kind === 'or' ? `(${inner})` : inner;
}

/**
 * Check a logic expression against the codes a query has: every code used must exist; a code
 * may appear more than once, as InterMine's logic grammar allows; codes the expression leaves
 * out are ANDed on (as the server does). Returns the normalised expression.
 *
 * @example
 * ```ts
 * validateLogic('A or B', ['A', 'B', 'C']);                     // '(A or B) and C'
 * validateLogic('(A and B) or (A and C and D)', ['A', 'B', 'C', 'D']); // 'A and B or A and C and D'
 * validateLogic('A or D', ['A', 'B']);                          // ValidationError: unknown code D
 * ```
 */
export function validateLogic(text: string, codes: readonly string[]): string {
  const tree = parseLogic(text);
  const used = logicCodes(tree);
  const seen = new Set<string>();
  for (const code of used) {
    if (!codes.includes(code)) {
      throw new ValidationError({
        message: `constraint logic "${text}" uses code ${code}, but the query has ${codes.length === 0 ? 'no coded constraints' : `only ${codes.join(', ')}`} (subclass constraints have no code)`,
        field: 'logic',
      });
    }
    seen.add(code);
  }
  const missing = codes.filter((c) => !seen.has(c));
  if (missing.length === 0) return formatLogic(tree);
  const combined: LogicNode = { kind: 'and', children: [tree, ...missing.map((code) => ({ kind: 'code' as const, code }))] };
  return formatLogic(parseLogic(formatLogic(combined)));
}
