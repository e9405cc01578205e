// A GraphQL parser for the subset EMX2 clients send: one operation (query or mutation, with
// variable definitions), fields with aliases, arguments and selection sets, and every value
// literal. Fragments and directives are refused by name (the simulator does not implement them).
import { Emx2SimError } from './json.js';

/** A value as written in the document (variables still unresolved). */
export type GqlValue =
  | { kind: 'variable'; name: string }
  | { kind: 'int' | 'float' | 'string' | 'enum'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'list'; values: GqlValue[] }
  | { kind: 'object'; fields: [string, GqlValue][] };

/** One selected field. */
export interface GqlField {
  alias: string | undefined;
  name: string;
  args: [string, GqlValue][];
  selections: GqlField[] | undefined;
}

/** The parsed operation. */
export interface GqlOperation {
  type: 'query' | 'mutation';
  variables: string[];
  selections: GqlField[];
}

type Token = { kind: 'punct' | 'name' | 'int' | 'float' | 'string' | 'eof'; value: string; line: number; column: number };

function syntax(t: Token): Emx2SimError {
  return new Emx2SimError(`Invalid syntax with offending token '${t.kind === 'eof' ? '<EOF>' : t.value}' at line ${t.line} column ${t.column}`);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '\n') {
      line++;
      i++;
      lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === ',' || c === '\uFEFF') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    const at = { line, column: i - lineStart + 1 };
    if (text.startsWith('...', i)) {
      tokens.push({ kind: 'punct', value: '...', ...at });
      i += 3;
      continue;
    }
    if ('{}()[]:$!=@|&'.includes(c)) {
      tokens.push({ kind: 'punct', value: c, ...at });
      i++;
      continue;
    }
    const name = /^[_A-Za-z][_0-9A-Za-z]*/.exec(text.slice(i, i + 200));
    if (name) {
      tokens.push({ kind: 'name', value: name[0], ...at });
      i += name[0].length;
      continue;
    }
    const number = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 100));
    if (number) {
      tokens.push({ kind: number[2] || number[3] ? 'float' : 'int', value: number[0], ...at });
      i += number[0].length;
      continue;
    }
    if (c === '"') {
      if (text.startsWith('"""', i)) {
        const end = text.indexOf('"""', i + 3);
        if (end < 0) throw syntax({ kind: 'eof', value: '', line, column: text.length - lineStart + 1 });
        tokens.push({ kind: 'string', value: text.slice(i + 3, end), ...at });
        i = end + 3;
        continue;
      }
      let j = i + 1;
      let value = '';
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\n') break;
        if (text[j] === '\\') {
          const e = text[++j];
          if (e === 'u') {
            value += String.fromCharCode(Number.parseInt(text.slice(j + 1, j + 5), 16));
            j += 4;
          } else value += ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' } as Record<string, string>)[e ?? ''] ?? e ?? '';
        } else value += text[j];
      }
      if (text[j] !== '"')
        throw new Emx2SimError(`Invalid syntax with ANTLR error 'token recognition error at: '${text.slice(i, j)}'' at line ${line} column ${at.column}`);
      tokens.push({ kind: 'string', value, ...at });
      i = j + 1;
      continue;
    }
    throw new Emx2SimError(`Invalid syntax with ANTLR error 'token recognition error at: '${c}'' at line ${line} column ${at.column}`);
  }
  tokens.push({ kind: 'eof', value: '', line, column: i - lineStart + 1 });
  return tokens;
}

class Parser {
  #i = 0;
  constructor(readonly tokens: Token[]) {}
  peek(): Token {
    return this.tokens[this.#i] as Token;
  }
  next(): Token {
    return this.tokens[this.#i++] as Token;
  }
  is(value: string): boolean {
    const t = this.peek();
    return t.kind === 'punct' && t.value === value;
  }
  expect(value: string): void {
    const t = this.next();
    if (t.kind !== 'punct' || t.value !== value) throw syntax(t);
  }
  name(): string {
    const t = this.next();
    if (t.kind !== 'name') throw syntax(t);
    return t.value;
  }

  document(): GqlOperation {
    const operations: GqlOperation[] = [];
    while (this.peek().kind !== 'eof') {
      const t = this.peek();
      if (t.kind === 'name' && t.value === 'fragment') throw new Emx2SimError('the EMX2 simulator does not implement fragments');
      operations.push(this.operation());
    }
    if (operations.length === 0) throw syntax(this.peek());
    if (operations.length > 1) throw new Emx2SimError('Must provide operation name if query contains multiple operations.');
    return operations[0] as GqlOperation;
  }

  operation(): GqlOperation {
    let type: 'query' | 'mutation' = 'query';
    const variables: string[] = [];
    const t = this.peek();
    if (t.kind === 'name') {
      if (t.value === 'subscription') throw new Emx2SimError('Schema is not configured for subscriptions.');
      if (t.value !== 'query' && t.value !== 'mutation') throw syntax(t);
      type = t.value;
      this.next();
      if (this.peek().kind === 'name') this.next(); // operation name
      if (this.is('(')) {
        this.next();
        while (!this.is(')')) {
          this.expect('$');
          variables.push(this.name());
          this.expect(':');
          this.type();
          if (this.is('=')) {
            this.next();
            this.value();
          }
        }
        this.next();
      }
    }
    return { type, variables, selections: this.selectionSet() };
  }

  type(): void {
    if (this.is('[')) {
      this.next();
      this.type();
      this.expect(']');
    } else this.name();
    if (this.is('!')) this.next();
  }

  selectionSet(): GqlField[] {
    this.expect('{');
    const fields: GqlField[] = [];
    while (!this.is('}')) {
      if (this.is('...')) throw new Emx2SimError('the EMX2 simulator does not implement fragments');
      if (this.is('@')) throw new Emx2SimError('the EMX2 simulator does not implement directives');
      let alias: string | undefined;
      let name = this.name();
      if (this.is(':')) {
        this.next();
        alias = name;
        name = this.name();
      }
      const args: [string, GqlValue][] = [];
      if (this.is('(')) {
        this.next();
        while (!this.is(')')) {
          const argName = this.name();
          this.expect(':');
          args.push([argName, this.value()]);
        }
        this.next();
      }
      if (this.is('@')) throw new Emx2SimError('the EMX2 simulator does not implement directives');
      fields.push({ alias, name, args, selections: this.is('{') ? this.selectionSet() : undefined });
    }
    this.next();
    if (fields.length === 0) throw syntax(this.tokens[this.#i - 1] as Token);
    return fields;
  }

  value(): GqlValue {
    const t = this.next();
    if (t.kind === 'punct') {
      if (t.value === '$') return { kind: 'variable', name: this.name() };
      if (t.value === '[') {
        const values: GqlValue[] = [];
        while (!this.is(']')) values.push(this.value());
        this.next();
        return { kind: 'list', values };
      }
      if (t.value === '{') {
        const fields: [string, GqlValue][] = [];
        while (!this.is('}')) {
          const key = this.name();
          this.expect(':');
          fields.push([key, this.value()]);
        }
        this.next();
        return { kind: 'object', fields };
      }
      throw syntax(t);
    }
    if (t.kind === 'int' || t.kind === 'float' || t.kind === 'string') return { kind: t.kind, value: t.value };
    if (t.kind === 'name') {
      if (t.value === 'true' || t.value === 'false') return { kind: 'boolean', value: t.value === 'true' };
      if (t.value === 'null') return { kind: 'null' };
      return { kind: 'enum', value: t.value };
    }
    throw syntax(t);
  }
}

/** Parse a document holding one operation; syntax errors carry graphql-java's wording. */
export function parseGraphql(text: string): GqlOperation {
  return new Parser(tokenize(text)).document();
}

/** A literal with its variables resolved: plain JSON (numbers as numbers, enums as strings). */
export function resolveValue(value: GqlValue, variables: Record<string, unknown>): unknown {
  switch (value.kind) {
    case 'variable':
      return variables[value.name] ?? null;
    case 'int':
    case 'float':
      return Number(value.value);
    case 'string':
    case 'enum':
      return value.value;
    case 'boolean':
      return value.value;
    case 'null':
      return null;
    case 'list':
      return value.values.map((v) => resolveValue(v, variables));
    case 'object':
      return Object.fromEntries(value.fields.map(([k, v]) => [k, resolveValue(v, variables)]));
  }
}

const OPENERS = new Set(['{', '(', '[']);
const CLOSERS = new Set(['}', ')', ']']);

/**
 * The operation types (`query`, `mutation`, `subscription`) a document defines, or `undefined` when
 * it is not valid syntax — `GraphqlExecutor#rejectMutations` refuses every GET whose parsed document
 * defines anything but queries, and leaves a syntax error for the execution to report.
 */
export function operationTypes(text: string): string[] | undefined {
  let tokens: Token[];
  try {
    tokens = tokenize(text);
    parseGraphql(text);
  } catch (error) {
    if (error instanceof Emx2SimError && error.message.startsWith('Invalid syntax')) return undefined;
    tokens = tokenize(text); // valid syntax that the simulator does not run (two operations, fragments …)
  }
  const types: string[] = [];
  let depth = 0;
  let atDefinition = true; // the next top-level token starts a definition
  for (const t of tokens) {
    if (t.kind === 'punct' && OPENERS.has(t.value)) {
      if (depth === 0 && atDefinition && t.value === '{') types.push('query'); // the `{ … }` shorthand
      if (depth === 0) atDefinition = false;
      depth++;
    } else if (t.kind === 'punct' && CLOSERS.has(t.value)) {
      depth--;
      if (depth === 0 && t.value === '}') atDefinition = true;
    } else if (depth === 0 && atDefinition && t.kind === 'name') {
      types.push(t.value);
      atDefinition = false;
    }
  }
  return types.filter((t) => t === 'query' || t === 'mutation' || t === 'subscription');
}
