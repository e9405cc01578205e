/**
 * A single comparison: `selector operator value` or `selector operator (v1,v2,...)`.
 *
 * `operator` is the canonical symbol of the operator (aliases such as `<` are resolved to
 * `=lt=` by {@link parse}); `args` always holds at least one value, exactly one for a
 * single-valued operator.
 *
 * @example
 * ```ts
 * const node: ComparisonNode = { type: 'comparison', selector: 'age', operator: '=gt=', args: ['30'] };
 * ```
 */
export interface ComparisonNode {
  /** Always `'comparison'`; tells it apart from a {@link LogicNode}. */
  type: 'comparison';
  /** The field compared, e.g. `age` or `address.city` (any non-empty run of unreserved characters). */
  selector: string;
  /** The canonical operator symbol, e.g. `==` or `=gt=` (aliases such as `<` already resolved). */
  operator: string;
  /** The values as strings, unquoted and unescaped; at least one, exactly one for a single-valued operator. */
  args: string[];
}

/**
 * An n-ary AND or OR node. `children` always holds at least two nodes, and (after {@link parse}
 * or the builder) no child has the same `type` as its parent: `a;b;c` is one AND with three children.
 *
 * @example
 * ```ts
 * const node: LogicNode = {
 *   type: 'and',
 *   children: [
 *     { type: 'comparison', selector: 'a', operator: '==', args: ['1'] },
 *     { type: 'comparison', selector: 'b', operator: '==', args: ['2'] },
 *   ],
 * };
 * ```
 */
export interface LogicNode {
  /** `'and'` (`;`) or `'or'` (`,`). */
  type: 'and' | 'or';
  /** The operands, at least two, none of the same `type` as this node. */
  children: Node[];
}

/**
 * An RSQL expression tree: a {@link ComparisonNode} or an n-ary {@link LogicNode}.
 *
 * @example
 * ```ts
 * import { parse, type Node } from '@bio/rsql';
 * const tree: Node = parse('name==Jan;age=gt=30');
 * // { type: 'and', children: [ {type:'comparison', selector:'name', operator:'==', args:['Jan']}, ... ] }
 * ```
 */
export type Node = ComparisonNode | LogicNode;

/**
 * Type guard: is `node` a comparison (optionally with the given canonical operator)?
 *
 * @example
 * ```ts
 * if (isComparisonNode(node, '=in=')) console.log(node.args.length);
 * ```
 */
export function isComparisonNode(node: Node, operator?: string): node is ComparisonNode {
  return node.type === 'comparison' && (operator === undefined || node.operator === operator);
}

/**
 * Type guard: is `node` an AND/OR node (optionally of the given type)?
 *
 * @example
 * ```ts
 * if (isLogicNode(node, 'or')) console.log(node.children.length);
 * ```
 */
export function isLogicNode(node: Node, type?: 'and' | 'or'): node is LogicNode {
  return (node.type === 'and' || node.type === 'or') && (type === undefined || node.type === type);
}
