// Request parameters as biothings.web reads them: the query string and the body (JSON or form),
// aliases (`fields` → `_source`, `skip` → `from`, `facets` → `aggs`, `ids` → `id`), list
// splitting, type checks and maximums. Every refusal is the server's 400 body.
import type { SimulatedRequest } from '@bio/core-http/testing';
import { badParam, errorBody, overMax, refuse } from './wire.js';
import { LIMITS } from '../../internal/validate.js';

/** Canonical names (used as `keyword` in error bodies) and the names the server accepts for them. */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  _source: ['fields', 'field', 'filter', '_source'],
  from: ['from', 'skip'],
  aggs: ['facets', 'aggs'],
  id: ['ids', 'id'],
};

/** Server maximums: the client's own record of them (biothings.web defaults and mygene's config_web), plus two it does not check. */
export const MAX = { ...LIMITS, species: 1000, ids: 1000 } as const;

const SEPARATORS = new Set([' ', '\t', '\n', '\r', '|', ',', '+']);

/** Split a list parameter the way the server does: on space, tab, newline, `|`, `,` and `+`, keeping quoted phrases whole. */
export function splitList(text: string, keyword: string): string[] {
  const out: string[] = [];
  let current = '';
  let started = false;
  let quote: string | undefined;
  for (const ch of text) {
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      started = true;
    } else if (SEPARATORS.has(ch)) {
      if (started) out.push(current);
      current = '';
      started = false;
    } else {
      current += ch;
      started = true;
    }
  }
  if (quote !== undefined) refuse(badParam(keyword, 'No closing quotation'));
  if (started) out.push(current);
  return out;
}

const TRUE = new Set(['true', '1', 'yes', 'on', 't', 'y']);
const FALSE = new Set(['false', '0', 'no', 'off', 'f', 'n']);

/** The parameters of one request. */
export class Params {
  readonly #values: Map<string, unknown>;

  constructor(values: Map<string, unknown>) {
    this.#values = values;
  }

  /** The query string, plus the body of a POST (JSON when the content type says so, else form fields). */
  static of(request: SimulatedRequest): Params {
    const values = new Map<string, unknown>();
    for (const [key, value] of request.url.searchParams) values.set(key, value);
    if (request.method === 'POST' && request.body.byteLength > 0) {
      const type = request.headers.get('content-type') ?? '';
      if (type.startsWith('application/json')) {
        let body: unknown;
        try {
          body = request.json();
        } catch {
          refuse(errorBody(400, 'Invalid JSON body.'));
        }
        if (typeof body !== 'object' || body === null || Array.isArray(body)) refuse(errorBody(400, 'Invalid JSON body.'));
        for (const [key, value] of Object.entries(body)) values.set(key, value);
      } else {
        for (const [key, value] of request.form()) values.set(key, value);
      }
    }
    return new Params(values);
  }

  /** The raw value of `name` (or of one of its aliases). */
  raw(name: string): unknown {
    for (const alias of ALIASES[name] ?? [name]) if (this.#values.has(alias)) return this.#values.get(alias);
    return undefined;
  }

  has(name: string): boolean {
    return this.raw(name) !== undefined;
  }

  string(name: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    refuse(badParam(name, 'Expect type str.'));
  }

  /** A list parameter: a JSON array, or a string split on the server's separators (`jsonArray`: a `["…"]` string is read as JSON). */
  list(name: string, max?: number, options: { jsonArray?: boolean } = {}): string[] | undefined {
    const value = this.raw(name);
    if (value === undefined || value === null) return undefined;
    let list: string[];
    if (Array.isArray(value)) {
      list = value.map((item) =>
        typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean' ? String(item) : refuse(badParam(name, 'Expect type list.')),
      );
    } else if (typeof value === 'string') {
      const parsed = options.jsonArray && value.trim().startsWith('[') ? parseJsonArray(value) : undefined;
      list = parsed ?? splitList(value, name);
    } else if (typeof value === 'number') {
      list = [String(value)];
    } else {
      refuse(badParam(name, 'Expect type list.'));
    }
    if (max !== undefined && list.length > max) refuse(overMax(name, max, { size: list.length }));
    return list;
  }

  int(name: string, options: { max?: number; min?: number } = {}): number | undefined {
    const value = this.raw(name);
    if (value === undefined || value === null || value === '') return undefined;
    let n: number;
    if (typeof value === 'number' && Number.isInteger(value)) n = value;
    else if (typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) n = Number.parseInt(value, 10);
    else refuse(badParam(name, `invalid literal for int() with base 10: '${String(value)}'`));
    if (options.max !== undefined && n > options.max) refuse(overMax(name, options.max, { num: n }));
    if (options.min !== undefined && n < options.min) refuse(errorBody(400, 'Bad Request', { keyword: name, min: options.min, num: n }));
    return n;
  }

  bool(name: string): boolean | undefined {
    const value = this.raw(name);
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'boolean') return value;
    const text = String(value).trim().toLowerCase();
    if (TRUE.has(text)) return true;
    if (FALSE.has(text)) return false;
    refuse(badParam(name, `Expect type bool, got '${String(value)}'.`));
  }
}

function parseJsonArray(text: string): string[] | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.map(String);
  } catch {
    // not JSON: split as a plain list
  }
  return undefined;
}
