import type { LogicNode, Node } from './ast.js';
import { RsqlNodeError } from './errors.js';
import { needsQuotes, quoteValue } from './internal/chars.js';
import { checkComparison } from './internal/validate.js';
import type { OperatorRegistry } from './operators.js';

/**
 * Options of {@link serialize}.
 *
 * @example
 * ```ts
 * const options: SerializeOptions = { quote: "'", verbose: true, operators: molgenisOperators };
 * ```
 */
export interface SerializeOptions {
  /** Quote character for values that need quoting. Default: `"`. */
  quote?: "'" | '"';
  /** Write ` and ` / ` or ` instead of `;` / `,`. Default: `false`. */
  verbose?: boolean;
  /**
   * Operators the tree may use: unknown operators raise, aliases are written as their canonical
   * symbol, arity is checked. Default: none — operators of {@link molgenisOperators} (a superset of
   * the standard set) are canonicalized and arity-checked, any other operator of valid RSQL form
   * (`=[a-zA-Z]*=`) is written as is, as a list when it has several values.
   */
  operators?: OperatorRegistry;
}

const CYCLE_CHECK_DEPTH = 256;

interface Frame {
  node: LogicNode;
  next: number;
  wrap: boolean;
  index: number;
}

/**
 * Write a tree as canonical RSQL: FIQL symbols (`=lt=`, not `<`), no spaces (unless `verbose`),
 * an OR inside an AND in parentheses, multi-valued operators as `(a,b)`, and values unquoted
 * when they are non-empty and free of reserved characters and whitespace — otherwise quoted with
 * `quote`, escaping `\` and the quote character.
 *
 * `parse(serialize(node), { operators })` deep-equals `node` for every valid,
 * flat node whose operators `operators` knows (as produced by {@link parse} and the builder; a same-type child such as an AND in an
 * AND is written flat). Invalid nodes raise {@link RsqlNodeError}. Iterative: any depth is safe.
 *
 * @example
 * ```ts
 * import { serialize, and, or, eq, gt, inList } from '@bio/rsql';
 * serialize(and(eq('name', 'Jan de Vries'), or(gt('age', 30), inList('city', ['Amsterdam', 'Den Haag']))));
 * // 'name=="Jan de Vries";(age=gt=30,city=in=(Amsterdam,"Den Haag"))'
 * serialize(and(eq('a', "it's"), eq('b', '')), { quote: "'", verbose: true });
 * // "a=='it\\'s' and b==''"
 * ```
 */
export function serialize(node: Node, options: SerializeOptions = {}): string {
  const quote = options.quote ?? '"';
  if (quote !== '"' && quote !== "'") throw new RsqlNodeError(`quote must be ' or ", got ${String(quote)}`);
  const ops = options.operators;
  const andSep = options.verbose === true ? ' and ' : ';';
  const orSep = options.verbose === true ? ' or ' : ',';

  let out = '';
  const stack: Frame[] = [];
  // Cycle detection only for deep trees: a cycle makes the stack grow without bound, so tracking
  // the ancestors once the stack passes CYCLE_CHECK_DEPTH catches it, and shallow trees pay nothing.
  let onStack: Set<Node> | undefined;
  let current: Node = node;
  let parentType: string | undefined;
  let index = -1;
  for (;;) {
    // descend into `current`
    if (current === null || typeof current !== 'object') {
      throw new RsqlNodeError(`expected a node, got ${current === null ? 'null' : typeof current}`, pathOf(stack, index));
    }
    if (current.type === 'comparison') {
      const op = checkComparison(current, ops);
      if (typeof op === 'string') throw new RsqlNodeError(op, pathOf(stack, index));
      out += current.selector + op.symbol;
      const args = current.args;
      if (op.arity === 'multi') {
        out += '(';
        for (let i = 0; i < args.length; i++) {
          if (i > 0) out += ',';
          const v = args[i] as string;
          out += needsQuotes(v) ? quoteValue(v, quote) : v;
        }
        out += ')';
      } else {
        const v = args[0] as string;
        out += needsQuotes(v) ? quoteValue(v, quote) : v;
      }
    } else if (current.type === 'and' || current.type === 'or') {
      const children = current.children;
      if (!Array.isArray(children) || children.length < 2) {
        const count = Array.isArray(children) ? children.length : 0;
        throw new RsqlNodeError(`${current.type} node needs at least 2 children, got ${count}`, pathOf(stack, index));
      }
      if (onStack === undefined && stack.length >= CYCLE_CHECK_DEPTH) {
        onStack = new Set(stack.map((frame) => frame.node));
      }
      if (onStack !== undefined) {
        if (onStack.has(current)) throw new RsqlNodeError('cyclic tree', pathOf(stack, index));
        onStack.add(current);
      }
      const wrap = current.type === 'or' && parentType === 'and';
      if (wrap) out += '(';
      stack.push({ node: current, next: 0, wrap, index });
      parentType = current.type;
      current = children[0] as Node;
      index = 0;
      continue;
    } else {
      throw new RsqlNodeError(`unknown node type ${JSON.stringify((current as { type?: unknown }).type)}`, pathOf(stack, index));
    }
    // ascend until a logic node has a next child
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) return out;
      const next = ++top.next;
      if (next < top.node.children.length) {
        out += top.node.type === 'and' ? andSep : orSep;
        current = top.node.children[next] as Node;
        parentType = top.node.type;
        index = next;
        break;
      }
      if (top.wrap) out += ')';
      onStack?.delete(top.node);
      stack.pop();
    }
  }
}

function pathOf(stack: readonly Frame[], last: number): number[] {
  const path: number[] = [];
  for (let i = 1; i < stack.length; i++) path.push((stack[i] as Frame).index);
  if (stack.length > 0) path.push(last);
  return path;
}
