import type { ComparisonNode, LogicNode, Node } from './ast.js';
import { RsqlSyntaxError } from './errors.js';
import { isBreak, isWs } from './internal/chars.js';
import { flattenTree } from './internal/flatten.js';
import { defaultOperators, type OperatorRegistry } from './operators.js';

/**
 * Options of {@link parse}.
 *
 * @example
 * ```ts
 * const options: ParseOptions = { operators: molgenisOperators, maxDepth: 100 };
 * ```
 */
export interface ParseOptions {
  /**
   * Operators accepted by the parser; others are syntax errors. Must come from {@link defineOperators}
   * (anything else is a `TypeError`, a programming error rather than bad input). Default: {@link defaultOperators}.
   */
  operators?: OperatorRegistry;
  /**
   * Maximum nesting of parentheses; deeper input raises {@link RsqlSyntaxError}. The parser uses an
   * explicit stack, so any depth is safe for it; set a limit if your own code recurses over the tree.
   * Default: `Infinity`.
   */
  maxDepth?: number;
}

const SELECTOR = 'selector';
const LPAREN = "'('";
const RPAREN = "')'";
const OPERATOR = 'comparison operator';
const VALUE = 'value';
const COMMA = "','";
const END = 'end of input';
const AFTER_TOP: readonly string[] = Object.freeze(["';'", COMMA, "' and '", "' or '", END]);
const AFTER_GROUP: readonly string[] = Object.freeze(["';'", COMMA, "' and '", "' or '", RPAREN]);
const CONSTRAINT: readonly string[] = Object.freeze([SELECTOR, LPAREN]);
const ARGUMENTS: readonly string[] = Object.freeze([VALUE, LPAREN]);
const LIST_ITEM: readonly string[] = Object.freeze([VALUE]);
const LIST_NEXT: readonly string[] = Object.freeze([COMMA, RPAREN]);

/** Groups with at most this many children are spliced into a same-type parent while parsing. */
const SPLICE_MAX = 16;

/** One open parenthesis level (or the top level). */
interface Level {
  /** Items of the AND term being read. */
  terms: Node[];
  /** Finished AND terms of this level, or null while there is no OR at this level. */
  alts: Node[] | null;
  /** Position of the `(` (-1 for the top level). */
  open: number;
  /** Whether `terms` holds an AND node from a group (then a longer term must be flattened). */
  andGroup: boolean;
}

/**
 * Parse an RSQL/FIQL expression into a {@link Node} tree.
 *
 * - AND (`;` or ` and `) binds tighter than OR (`,` or ` or `); parentheses group.
 * - Operators come back in canonical form (`<` → `=lt=`); `a;b;c` is one AND node with three
 *   children; parentheses that change nothing leave no trace.
 * - Values may be quoted with `'` or `"`; inside quotes `\` escapes any next character.
 * - Whitespace (space, tab, CR, LF) between tokens is ignored.
 * - Every invalid input raises {@link RsqlSyntaxError}, whatever its size or nesting.
 *
 * @example
 * ```ts
 * import { parse, molgenisOperators } from '@bio/rsql';
 * parse('name=="Jan de Vries";age>30');
 * // { type: 'and', children: [
 * //   { type: 'comparison', selector: 'name', operator: '==', args: ['Jan de Vries'] },
 * //   { type: 'comparison', selector: 'age', operator: '=gt=', args: ['30'] } ] }
 * parse('*=q=coeliac,age=rng=(18,65)', { operators: molgenisOperators });
 * ```
 */
export function parse(input: string, options: ParseOptions = {}): Node {
  if (typeof input !== 'string') {
    throw new RsqlSyntaxError(`Expected a string, got ${typeof input}`, '', 0, 0, CONSTRAINT);
  }
  const operators = options.operators ?? defaultOperators;
  if (typeof operators?.get !== 'function') {
    throw new TypeError('options.operators must be an OperatorRegistry (see defineOperators)');
  }
  // One parser object is reused: V8 discards optimized code that refers to objects that have
  // died, and a fresh parser per call made every large parse run unoptimized (parse is not
  // re-entrant unless a hand-made registry calls it back, which gets a parser of its own; the input
  // is released when the call ends).
  shared ??= new Parser();
  const parser = shared.busy ? new Parser() : shared;
  return parser.run(input, operators, options.maxDepth ?? Number.POSITIVE_INFINITY);
}

let shared: Parser | undefined;

class Parser {
  input = '';
  ops: OperatorRegistry = defaultOperators;
  maxDepth = 0;
  pos = 0;
  /** Set when a group's AND/OR result was placed under a node of the same type. */
  dirty = false;
  busy = false;

  run(input: string, ops: OperatorRegistry, maxDepth: number): Node {
    this.busy = true;
    this.input = input;
    this.ops = ops;
    this.maxDepth = maxDepth;
    this.pos = 0;
    this.dirty = false;
    try {
      return this.parseAll();
    } finally {
      this.input = '';
      this.ops = defaultOperators;
      this.busy = false;
    }
  }

  parseAll(): Node {
    const input = this.input;
    const len = input.length;
    const stack: Level[] = [];
    let level: Level = { terms: [], alts: null, open: -1, andGroup: false };

    for (;;) {
      // ---- expect a constraint: '(' or a comparison
      this.skipWs();
      const c = this.pos < len ? input.charCodeAt(this.pos) : -1;
      if (c === 40 /* ( */) {
        if (stack.length >= this.maxDepth) {
          throw this.error(`Nesting deeper than maxDepth ${this.maxDepth}`, this.pos, 1, []);
        }
        stack.push(level);
        level = { terms: [], alts: null, open: this.pos, andGroup: false };
        this.pos++;
        continue;
      }
      level.terms.push(this.comparison());

      // ---- after a constraint: a logical operator, ')' or the end
      for (;;) {
        const op = this.logical(level.open);
        if (op === 59 /* ; */) break;
        if (op === 44 /* , */) {
          this.finishTerm(level);
          break;
        }
        if (op === 41 /* ) */) {
          const node = this.finishLevel(level);
          level = stack.pop() as Level;
          if (node.type === 'and') {
            // An AND group inside an AND term: splice small ones right away; big ones are
            // flattened once at the end (splicing them at every level would be quadratic).
            if (node.children.length <= SPLICE_MAX) {
              for (const child of node.children) level.terms.push(child);
              continue;
            }
            level.andGroup = true;
          }
          level.terms.push(node);
          continue;
        }
        // end of input
        const root = this.finishLevel(level);
        return this.dirty ? flattenTree(root, false) : root;
      }
    }
  }

  /** Close the AND term being read into `level.alts`. */
  finishTerm(level: Level): void {
    const terms = level.terms;
    let node: Node;
    if (terms.length === 1) {
      node = terms[0] as Node;
      if (node.type === 'or') {
        // an OR group as a whole OR term: splice small ones, flatten big ones at the end
        if (node.children.length <= SPLICE_MAX) {
          if (level.alts === null) level.alts = [];
          for (const child of node.children) level.alts.push(child);
          level.terms = [];
          level.andGroup = false;
          return;
        }
        this.dirty = true;
      }
    } else {
      if (level.andGroup) this.dirty = true;
      node = { type: 'and', children: terms };
    }
    level.andGroup = false;
    if (level.alts === null) level.alts = [node];
    else level.alts.push(node);
    level.terms = [];
  }

  finishLevel(level: Level): Node {
    if (level.alts === null) {
      const terms = level.terms;
      if (terms.length === 1) return terms[0] as Node;
      if (level.andGroup) this.dirty = true;
      return { type: 'and', children: terms } satisfies LogicNode;
    }
    this.finishTerm(level);
    return { type: 'or', children: level.alts };
  }

  /**
   * Read what follows a constraint. Returns `;` for AND, `,` for OR, `)` for a closing
   * parenthesis (consumed) or -1 for the end of input.
   */
  logical(open: number): number {
    const inGroup = open >= 0;
    const input = this.input;
    const len = input.length;
    const wsStart = this.pos;
    this.skipWs();
    const p = this.pos;
    if (p > wsStart && p < len) {
      // verbose ' and ' / ' or ': lowercase word with whitespace (or the end, reported later) after it
      const w = input.charCodeAt(p);
      if (w === 97 /* a */ && input.charCodeAt(p + 1) === 110 && input.charCodeAt(p + 2) === 100 && wordEnd(input, p + 3)) {
        this.pos = p + 3;
        return 59;
      }
      if (w === 111 /* o */ && input.charCodeAt(p + 1) === 114 && wordEnd(input, p + 2)) {
        this.pos = p + 2;
        return 44;
      }
    }
    if (p >= len) {
      if (inGroup) throw this.unclosed(open);
      return -1;
    }
    const c = input.charCodeAt(p);
    if (c === 59 || c === 44) {
      this.pos = p + 1;
      return c;
    }
    if (c === 41) {
      if (!inGroup) throw this.unexpected(p, AFTER_TOP);
      this.pos = p + 1;
      return 41;
    }
    throw this.unexpected(p, inGroup ? AFTER_GROUP : AFTER_TOP);
  }

  comparison(): ComparisonNode {
    const input = this.input;
    const len = input.length;
    const selector = this.unreserved(CONSTRAINT);
    this.skipWs();

    // operator
    let p = this.pos;
    const opStart = p;
    const c = p < len ? input.charCodeAt(p) : -1;
    if (c === 61 /* = */) {
      p++;
      while (p < len) {
        const l = input.charCodeAt(p) | 32;
        if (l < 97 || l > 122) break;
        p++;
      }
      if (p >= len || input.charCodeAt(p) !== 61) {
        throw this.error('Invalid comparison operator', opStart, p - opStart, this.ops.spellings);
      }
      p++;
    } else if (c === 33 /* ! */) {
      p++;
      if (p >= len || input.charCodeAt(p) !== 61) {
        throw this.error('Invalid comparison operator', opStart, 1, this.ops.spellings);
      }
      p++;
    } else if (c === 60 || c === 62 /* < > */) {
      p++;
      if (p < len && input.charCodeAt(p) === 61) p++;
    } else {
      throw this.unexpected(p, [OPERATOR]);
    }
    const spelling = input.slice(opStart, p);
    const op = this.ops.get(spelling);
    if (op === undefined) {
      throw this.error(`Unknown operator '${spelling}'`, opStart, p - opStart, this.ops.spellings);
    }
    this.pos = p;
    this.skipWs();

    // arguments
    if (this.pos < len && input.charCodeAt(this.pos) === 40 /* ( */) {
      const listStart = this.pos;
      this.pos++;
      const args: string[] = [];
      for (;;) {
        this.skipWs();
        args.push(this.value(LIST_ITEM));
        this.skipWs();
        const d = this.pos < len ? input.charCodeAt(this.pos) : -1;
        if (d === 44) {
          this.pos++;
          continue;
        }
        if (d === 41) {
          this.pos++;
          break;
        }
        if (d === -1) throw this.error('Unexpected end of input', this.pos, 0, LIST_NEXT);
        throw this.unexpected(this.pos, LIST_NEXT);
      }
      if (op.arity === 'single' && args.length > 1) {
        throw this.error(`Operator '${spelling}' takes a single value but got ${args.length}`, listStart, this.pos - listStart, ['a single value']);
      }
      return { type: 'comparison', selector, operator: op.symbol, args };
    }
    return { type: 'comparison', selector, operator: op.symbol, args: [this.value(ARGUMENTS)] };
  }

  /** Read one quoted or unquoted value. */
  value(expected: readonly string[]): string {
    const input = this.input;
    const len = input.length;
    const start = this.pos;
    if (start >= len) throw this.error('Unexpected end of input', start, 0, expected);
    const q = input.charCodeAt(start);
    if (q === 39 || q === 34) {
      let p = start + 1;
      let chunk = p;
      let out = '';
      for (;;) {
        if (p >= len) {
          throw this.error('Unclosed quote', start, len - start, [q === 39 ? `closing "'"` : `closing '"'`]);
        }
        const c = input.charCodeAt(p);
        if (c === q) {
          out += input.slice(chunk, p);
          this.pos = p + 1;
          return out;
        }
        if (c === 92 /* \ */) {
          out += input.slice(chunk, p);
          chunk = p + 1; // the escaped character starts the next chunk
          p += 2;
          continue;
        }
        p++;
      }
    }
    return this.unreserved(expected);
  }

  /** Read an unquoted selector or value: the run up to the next reserved character (or the end); it may not be empty. */
  unreserved(expected: readonly string[]): string {
    const input = this.input;
    const len = input.length;
    const start = this.pos;
    let p = start;
    while (p < len && !isBreak(input.charCodeAt(p))) p++;
    if (p === start) throw this.unexpected(start, expected);
    this.pos = p;
    return input.slice(start, p);
  }

  skipWs(): void {
    const input = this.input;
    const len = input.length;
    let p = this.pos;
    while (p < len && isWs(input.charCodeAt(p))) p++;
    this.pos = p;
  }

  unclosed(open: number): RsqlSyntaxError {
    const problem = `Unexpected end of input (the '(' at position ${open} is not closed)`;
    return this.error(problem, this.input.length, 0, AFTER_GROUP);
  }

  unexpected(p: number, expected: readonly string[]): RsqlSyntaxError {
    const input = this.input;
    if (p >= input.length) {
      const problem = /^[ \t\n\r]*$/.test(input) ? 'Empty expression' : 'Unexpected end of input';
      return this.error(problem, input.length, 0, expected);
    }
    const cp = input.codePointAt(p) as number;
    const width = cp > 0xffff ? 2 : 1;
    const ch = String.fromCodePoint(cp);
    const shown = cp === 32 ? 'space' : cp === 39 || cp < 32 ? JSON.stringify(ch) : `'${ch}'`;
    return this.error(`Unexpected ${shown}`, p, width, expected);
  }

  error(problem: string, position: number, length: number, expected: readonly string[]): RsqlSyntaxError {
    return new RsqlSyntaxError(problem, this.input, position, length, expected);
  }
}

/** True when the keyword ending at `p` is followed by whitespace or the end of input. */
function wordEnd(input: string, p: number): boolean {
  return p >= input.length || isWs(input.charCodeAt(p));
}
