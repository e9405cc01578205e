/**
 * Thrown by {@link parse} for every invalid input — never another error type, never a hang.
 *
 * - `position`: 0-based index (UTF-16 code units) into `input` where the problem starts;
 * - `length`: how many code units the offending token spans (at least 1, except at the end of input);
 * - `expected`: what would have been valid at `position`, e.g. `["selector", "'('"]`;
 * - `message`: a sentence plus an excerpt of the input with a caret under `position`.
 *
 * @example
 * ```ts
 * import { parse, isRsqlSyntaxError } from '@bio/rsql';
 * try {
 *   parse('name==Jan;');
 * } catch (error) {
 *   if (isRsqlSyntaxError(error)) {
 *     console.log(error.position, error.expected); // 10 [ 'selector', "'('" ]
 *     console.log(error.message);
 *     // Unexpected end of input at position 10: expected selector or '('.
 *     //   name==Jan;
 *     //             ^
 *   }
 * }
 * ```
 */
export class RsqlSyntaxError extends Error {
  /** Always `'RsqlSyntaxError'`. */
  override readonly name = 'RsqlSyntaxError' as const;
  /** Stable machine-readable code. */
  readonly code = 'RSQL_SYNTAX' as const;
  /** The complete input that failed to parse. */
  readonly input: string;
  /** 0-based index into `input` (UTF-16 code units). */
  readonly position: number;
  /** Length of the offending token in code units (0 at the end of input). */
  readonly length: number;
  /** What would have been valid at `position`. */
  readonly expected: readonly string[];

  /**
   * Build the error; the message gives the problem, the position and what was expected, then the
   * input around `position` with carets under the offending token. Raised by {@link parse}.
   *
   * @param problem - a short sentence, e.g. `Unexpected ')'` (the position and expectations are appended)
   * @param input - the complete input
   * @param position - 0-based index of the offending token (UTF-16 code units)
   * @param length - length of the offending token (0 at the end of input)
   * @param expected - what would have been valid at `position`
   */
  constructor(problem: string, input: string, position: number, length: number, expected: readonly string[]) {
    super(formatMessage(problem, input, position, length, expected));
    this.input = input;
    this.position = position;
    this.length = length;
    this.expected = expected;
  }
}

/**
 * True when `error` is an {@link RsqlSyntaxError}, also when it comes from another copy of this
 * package (checks `name` and `code`, not only `instanceof`).
 *
 * @example
 * ```ts
 * try { parse(userInput); } catch (e) { if (isRsqlSyntaxError(e)) showCaret(e.position); else throw e; }
 * ```
 */
export function isRsqlSyntaxError(error: unknown): error is RsqlSyntaxError {
  return (
    error instanceof RsqlSyntaxError || (error instanceof Error && error.name === 'RsqlSyntaxError' && (error as { code?: unknown }).code === 'RSQL_SYNTAX')
  );
}

/**
 * Thrown by {@link serialize}, the builder functions and the visitors when they are given an
 * invalid node: an empty selector or one with reserved characters, an unknown or malformed
 * operator, an arity violation, a logic node with fewer than two children, a non-string value, a
 * cyclic tree. `path` lists the child indexes from the root to the offending node.
 *
 * @example
 * ```ts
 * import { serialize, isRsqlNodeError } from '@bio/rsql';
 * try {
 *   serialize({ type: 'and', children: [] });
 * } catch (error) {
 *   if (isRsqlNodeError(error)) console.log(error.path, error.message); // [] 'and node needs at least 2 children, got 0'
 * }
 * ```
 */
export class RsqlNodeError extends Error {
  /** Always `'RsqlNodeError'`. */
  override readonly name = 'RsqlNodeError' as const;
  /** Stable machine-readable code. */
  readonly code = 'RSQL_INVALID_NODE' as const;
  /** Child indexes from the root to the offending node (`[]` = the root itself). */
  readonly path: readonly number[];

  /**
   * Build the error; a non-empty `path` is appended to the message as `(at children[i].children[j])`.
   *
   * @param message - what is wrong with the node
   * @param path - child indexes from the root to the offending node; default `[]` (the root)
   */
  constructor(message: string, path: readonly number[] = []) {
    super(path.length > 0 ? `${message} (at children[${path.join('].children[')}])` : message);
    this.path = path;
  }
}

/**
 * True when `error` is an {@link RsqlNodeError}, also across duplicate copies of this package.
 *
 * @example
 * ```ts
 * try { serialize(node); } catch (e) { if (isRsqlNodeError(e)) console.warn(e.path); else throw e; }
 * ```
 */
export function isRsqlNodeError(error: unknown): error is RsqlNodeError {
  return (
    error instanceof RsqlNodeError || (error instanceof Error && error.name === 'RsqlNodeError' && (error as { code?: unknown }).code === 'RSQL_INVALID_NODE')
  );
}

const WINDOW = 32;

function formatMessage(problem: string, input: string, position: number, length: number, expected: readonly string[]): string {
  let text = `${problem} at position ${position}`;
  if (expected.length > 0) text += `: expected ${joinOr(expected)}`;
  text += '.';
  // Show at most ~2*WINDOW characters around the position so a 1 MB input gives a short message.
  const from = Math.max(0, position - WINDOW);
  const to = Math.min(input.length, position + Math.max(length, 1) + WINDOW);
  const before = visible(input.slice(from, position));
  const marked = visible(input.slice(position, Math.min(to, position + Math.max(length, 1))));
  const after = visible(input.slice(position + Math.max(length, 1), to));
  const head = from > 0 ? '…' : '';
  const tail = to < input.length ? '…' : '';
  const pad = ' '.repeat(columns(head + before));
  const carets = '^'.repeat(Math.max(1, Math.min(columns(marked), 2 * WINDOW)));
  return `${text}\n  ${head}${before}${marked}${after}${tail}\n  ${pad}${carets}`;
}

function joinOr(items: readonly string[]): string {
  if (items.length === 1) return items[0] as string;
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** Replace line breaks and tabs so the caret line stays aligned. */
function visible(text: string): string {
  return text.replace(/[\t\n\r]/g, ' ');
}

/** Count code points (astral characters take one column, like most terminals). */
function columns(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff || i === 0 || text.charCodeAt(i - 1) < 0xd800 || text.charCodeAt(i - 1) > 0xdbff) n++;
  }
  return n;
}
