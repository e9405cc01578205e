import type { ComparisonNode } from '../ast.js';
import { molgenisOperators, type Operator, type OperatorRegistry } from '../operators.js';
import { isValidSelector, OPERATOR_SYNTAX } from './chars.js';

/**
 * Validate a comparison node against `ops`. Returns the operator (for its canonical symbol), or a
 * problem description, so hot loops only build an error path when something is wrong.
 *
 * Without a registry, operators of {@link molgenisOperators} (a superset of the standard set) are
 * canonicalized and arity-checked, and any other operator of valid RSQL form is accepted as
 * written, with the arity its values imply.
 */
export function checkComparison(node: ComparisonNode, ops: OperatorRegistry | undefined): Operator | string {
  const { selector, operator, args } = node;
  if (typeof selector !== 'string' || !isValidSelector(selector)) {
    return `invalid selector ${JSON.stringify(selector)}: must be non-empty, without whitespace or any of " ' ( ) ; , = ! ~ < >`;
  }
  let op = typeof operator === 'string' ? (ops ?? molgenisOperators).get(operator) : undefined;
  if (op === undefined) {
    if (ops !== undefined) {
      return `unknown operator ${JSON.stringify(operator)} (known: ${ops.spellings.join(' ')})`;
    }
    if (typeof operator !== 'string' || !OPERATOR_SYNTAX.test(operator)) {
      return `invalid operator ${JSON.stringify(operator)}: must match =[a-zA-Z]*=, !=, <, <=, > or >=`;
    }
    op = { symbol: operator, aliases: [], arity: Array.isArray(args) && args.length > 1 ? 'multi' : 'single' };
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
