import type { ComparisonNode } from '../ast.js';
import type { Operator, OperatorRegistry } from '../operators.js';
import { isValidSelector } from './chars.js';

/**
 * Validate a comparison node against `ops`. Returns the operator (for its canonical symbol), or a
 * problem description, so hot loops only build an error path when something is wrong.
 */
export function checkComparison(node: ComparisonNode, ops: OperatorRegistry): Operator | string {
  const { selector, operator, args } = node;
  if (typeof selector !== 'string' || !isValidSelector(selector)) {
    return `invalid selector ${JSON.stringify(selector)}: must be non-empty, without whitespace or any of " ' ( ) ; , = ! ~ < >`;
  }
  const op = typeof operator === 'string' ? ops.get(operator) : undefined;
  if (op === undefined) {
    return `unknown operator ${JSON.stringify(operator)} (known: ${ops.spellings.join(' ')}; pass { operators } to use others)`;
  }
  if (!Array.isArray(args) || args.length === 0) {
    return `operator ${op.symbol} on ${selector} needs at least one value`;
  }
  if (op.arity === 'single' && args.length !== 1) {
    return `operator ${op.symbol} takes a single value, got ${args.length}`;
  }
  for (const arg of args) {
    if (typeof arg !== 'string') {
      return `value of ${selector} must be a string, got ${typeof arg}`;
    }
  }
  return op;
}

