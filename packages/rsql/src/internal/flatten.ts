import type { Node } from '../ast.js';
import { RsqlNodeError } from '../errors.js';

interface Frame {
  node: Node & { type: 'and' | 'or' };
  next: number;
  /** Output children; shared with the parent frame when this node is flattened into it. */
  out: Node[];
  /** True when `out` belongs to the parent (same type: children are spliced). */
  inline: boolean;
  /** Child index path, for error messages. */
  index: number;
}

/**
 * Flatten nested same-type logic nodes (`and(and(a,b),c)` → `and(a,b,c)`) and unwrap logic nodes
 * with a single child, in one iterative pass (linear time, no recursion). Shared subtrees are
 * allowed; cycles and empty logic nodes raise {@link RsqlNodeError}. Comparison nodes are reused.
 */
export function flattenTree(root: Node, checkCycles = true): Node {
  if (!isNode(root)) throw new RsqlNodeError('not a valid node', []);
  if (root.type === 'comparison') return root;
  // The parser's trees cannot be cyclic; hand-made ones are checked.
  const onStack = checkCycles ? new Set<Node>([root]) : undefined;
  const stack: Frame[] = [{ node: root, next: 0, out: [], inline: false, index: -1 }];
  for (;;) {
    const top = stack[stack.length - 1] as Frame;
    const children = top.node.children;
    if (top.next < children.length) {
      const index = top.next++;
      const child = children[index] as Node;
      if (!isNode(child)) throw new RsqlNodeError('not a valid node', pathOf(stack, index));
      if (child.type === 'comparison') {
        top.out.push(child);
      } else {
        if (onStack !== undefined) {
          if (onStack.has(child)) throw new RsqlNodeError('cyclic tree', pathOf(stack, index));
          onStack.add(child);
        }
        const inline = child.type === top.node.type;
        stack.push({ node: child, next: 0, out: inline ? top.out : [], inline, index });
      }
      continue;
    }
    stack.pop();
    onStack?.delete(top.node);
    if (top.inline) {
      if (children.length === 0) throw new RsqlNodeError(`${top.node.type} node has no children`, pathOf(stack, top.index));
      continue;
    }
    const out = top.out;
    if (out.length === 0) throw new RsqlNodeError(`${top.node.type} node has no children`, pathOf(stack, top.index));
    const result: Node = out.length === 1 ? (out[0] as Node) : { type: top.node.type, children: out };
    const parent = stack[stack.length - 1];
    if (parent === undefined) return result;
    if (result.type === parent.node.type) {
      for (const c of (result as { children: Node[] }).children) parent.out.push(c);
    } else {
      parent.out.push(result);
    }
  }
}

function pathOf(stack: readonly Frame[], last: number): number[] {
  const path: number[] = [];
  for (let i = 1; i < stack.length; i++) path.push((stack[i] as Frame).index);
  if (last >= 0) path.push(last);
  return path;
}

function isNode(node: Node): boolean {
  if (node === null || typeof node !== 'object') return false;
  return node.type === 'comparison' || ((node.type === 'and' || node.type === 'or') && Array.isArray(node.children));
}
