import type { ComparisonNode, LogicNode, Node } from './ast.js';
import { RsqlNodeError } from './errors.js';
import { flattenTree } from './internal/flatten.js';

/**
 * Where {@link walk} is in the tree.
 *
 * @example
 * ```ts
 * walk(tree, (node, { depth, parent }) => console.log(' '.repeat(depth), node.type, parent?.type));
 * ```
 */
export interface WalkContext {
  /** The logic node containing this node (`undefined` for the root). */
  parent: LogicNode | undefined;
  /** Index in `parent.children` (-1 for the root). */
  index: number;
  /** 0 for the root. */
  depth: number;
}

/**
 * A {@link walk} visitor: a function called before the children of each node (pre-order), or an
 * object with `enter` (pre-order) and/or `leave` (post-order). Return `false` from the function or
 * from `enter` to skip the children of that node.
 *
 * @example
 * ```ts
 * const visitor: WalkVisitor = { enter: (n) => n.type !== 'or', leave: (n) => console.log(n.type) };
 * ```
 */
export type WalkVisitor =
  | ((node: Node, context: WalkContext) => unknown)
  | {
      /**
       * Called before the node's children (pre-order); return `false` to skip them.
       *
       * @example
       * ```ts
       * walk(tree, { enter: (node) => node.type !== 'or' });
       * ```
       */
      enter?(node: Node, context: WalkContext): unknown;
      /**
       * Called after the node's children (post-order); also for a node whose children `enter` skipped.
       *
       * @example
       * ```ts
       * walk(tree, { leave: (node, { depth }) => console.log(depth, node.type) });
       * ```
       */
      leave?(node: Node, context: WalkContext): void;
    };

interface WalkFrame {
  node: LogicNode;
  context: WalkContext;
  next: number;
}

/**
 * Visit every node depth-first, left to right. Iterative (any depth is safe); a cyclic tree
 * raises {@link RsqlNodeError}.
 *
 * @example
 * ```ts
 * import { parse, walk } from '@bio/rsql';
 * const selectors = new Set<string>();
 * walk(parse('name==Jan;(age>30,city=in=(A,B))'), (node) => {
 *   if (node.type === 'comparison') selectors.add(node.selector);
 * });
 * // Set { 'name', 'age', 'city' }
 * ```
 */
export function walk(node: Node, visitor: WalkVisitor): void {
  const enter = typeof visitor === 'function' ? visitor : visitor.enter?.bind(visitor);
  const leave = typeof visitor === 'function' ? undefined : visitor.leave?.bind(visitor);
  const stack: WalkFrame[] = [];
  const onStack = new Set<Node>();
  let current: Node = node;
  let context: WalkContext = { parent: undefined, index: -1, depth: 0 };
  for (;;) {
    checkNode(current, stack);
    const descend = enter === undefined || enter(current, context) !== false;
    if (current.type !== 'comparison' && descend && current.children.length > 0) {
      if (onStack.has(current)) throw new RsqlNodeError('cyclic tree', pathOf(stack));
      onStack.add(current);
      stack.push({ node: current, context, next: 0 });
      context = { parent: current, index: 0, depth: context.depth + 1 };
      current = current.children[0] as Node;
      continue;
    }
    leave?.(current, context);
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) return;
      const next = ++top.next;
      if (next < top.node.children.length) {
        context = { parent: top.node, index: next, depth: stack.length };
        current = top.node.children[next] as Node;
        break;
      }
      stack.pop();
      onStack.delete(top.node);
      leave?.(top.node, top.context);
    }
  }
}

/**
 * The callbacks of {@link fold}: how to turn a comparison into an `R`, and how to combine the
 * results of the children of an AND/OR node.
 *
 * @example
 * ```ts
 * const count: FoldVisitor<number> = {
 *   comparison: () => 1,
 *   and: (counts) => counts.reduce((a, b) => a + b, 0),
 *   or: (counts) => counts.reduce((a, b) => a + b, 0),
 * };
 * ```
 */
export interface FoldVisitor<R> {
  /**
   * The result for one comparison (a leaf).
   *
   * @example
   * ```ts
   * const v: Pick<FoldVisitor<string>, 'comparison'> = { comparison: (n) => `${n.selector} ${n.operator} ${n.args.join('|')}` };
   * ```
   */
  comparison(node: ComparisonNode): R;
  /**
   * The result for an AND node, given its children's results in order.
   *
   * @example
   * ```ts
   * const v: Pick<FoldVisitor<string>, 'and'> = { and: (parts) => `(${parts.join(' AND ')})` };
   * ```
   */
  and(children: R[], node: LogicNode): R;
  /**
   * The result for an OR node, given its children's results in order.
   *
   * @example
   * ```ts
   * const v: Pick<FoldVisitor<string>, 'or'> = { or: (parts) => `(${parts.join(' OR ')})` };
   * ```
   */
  or(children: R[], node: LogicNode): R;
}

interface FoldFrame<R> {
  node: LogicNode;
  next: number;
  results: R[];
}

/**
 * Reduce a tree bottom-up: each comparison becomes an `R`, each AND/OR combines its children's
 * results. Iterative (any depth is safe); a cyclic tree raises {@link RsqlNodeError}.
 *
 * @example
 * ```ts
 * import { parse, fold } from '@bio/rsql';
 * const sql = fold(parse('name==Jan;(age=gt=30,city=in=(A,B))'), {
 *   comparison: (c) => `${c.selector} ${c.operator} ${c.args.join('|')}`,
 *   and: (parts) => parts.join(' AND '),
 *   or: (parts) => `(${parts.join(' OR ')})`,
 * });
 * // 'name == Jan AND (age =gt= 30 OR city =in= A|B)'
 * ```
 */
export function fold<R>(node: Node, visitor: FoldVisitor<R>): R {
  const stack: FoldFrame<R>[] = [];
  const onStack = new Set<Node>();
  let current: Node = node;
  for (;;) {
    checkNode(current, stack);
    let result: R;
    if (current.type === 'comparison') {
      result = visitor.comparison(current);
    } else if (current.children.length > 0) {
      if (onStack.has(current)) throw new RsqlNodeError('cyclic tree', pathOf(stack));
      onStack.add(current);
      stack.push({ node: current, next: 0, results: [] });
      current = current.children[0] as Node;
      continue;
    } else {
      result = current.type === 'and' ? visitor.and([], current) : visitor.or([], current);
    }
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) return result;
      top.results.push(result);
      const next = ++top.next;
      if (next < top.node.children.length) {
        current = top.node.children[next] as Node;
        break;
      }
      stack.pop();
      onStack.delete(top.node);
      result = top.node.type === 'and' ? visitor.and(top.results, top.node) : visitor.or(top.results, top.node);
    }
  }
}

/**
 * Bring a hand-made tree into the form {@link parse} produces: nested same-type nodes are
 * flattened (`and(and(a,b),c)` → `and(a,b,c)`) and logic nodes with one child are replaced by
 * that child. Linear time, iterative; comparison nodes are reused, logic nodes are new. Empty
 * logic nodes and cycles raise {@link RsqlNodeError}.
 *
 * @example
 * ```ts
 * normalize({ type: 'and', children: [{ type: 'and', children: [a, b] }, c] }); // { type: 'and', children: [a, b, c] }
 * ```
 */
export function normalize(node: Node): Node {
  return flattenTree(node);
}

function checkNode(node: Node, stack: readonly { next: number }[]): void {
  if (node === null || typeof node !== 'object') {
    throw new RsqlNodeError(`expected a node, got ${node === null ? 'null' : typeof node}`, pathOf(stack));
  }
  if (node.type === 'comparison') return;
  if ((node.type === 'and' || node.type === 'or') && Array.isArray(node.children)) return;
  throw new RsqlNodeError(`unknown node type ${JSON.stringify((node as { type?: unknown }).type)}`, pathOf(stack));
}

function pathOf(stack: readonly { next: number }[]): number[] {
  return stack.map((frame) => frame.next);
}
