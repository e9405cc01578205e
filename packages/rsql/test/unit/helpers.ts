import type { ComparisonNode, Node } from '../../src/index.js';

/** Shorthand for a comparison node in expectations. */
export function c(selector: string, operator: string, ...args: string[]): ComparisonNode {
  return { type: 'comparison', selector, operator, args };
}

export function AND(...children: Node[]): Node {
  return { type: 'and', children };
}

export function OR(...children: Node[]): Node {
  return { type: 'or', children };
}
