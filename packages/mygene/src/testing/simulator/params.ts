// Request parameters as biothings.web reads them (biothings/web/options/manager.py): the query
// string, then a form body, then a JSON body; aliases (`fields` → `_source`, `limit` → `size`,
// `skip` → `from`, `facets` → `aggs`, `ids` → `id`); list splitting; type conversion by where a
// value came from; maximums. Every refusal is the server's 400 option-error body.
import type { SimulatedRequest } from '@bio/core-http/testing';
import { errorBody, refuse } from './wire.js';
import { LIMITS } from '../../internal/validate.js';

/** Canonical names (used as `keyword` in error bodies) and the other names the server accepts (settings/default.py). */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  _source: ['fields', 'field'],
  size: ['limit'],
  from: ['skip'],
  aggs: ['facets'],
  id: ['ids'],
};

/** The `alias` an option error names: the option's alias setting, a string when there is one alias. */
function aliasOf(name: string): string | readonly string[] | undefined {
  const aliases = ALIASES[name];
  if (aliases === undefined) return undefined;
  return aliases.length === 1 ? aliases[0] : aliases;
}

/**
 * Refuse with the server's option error: `{"code":400,…,"error":"Bad Request", …info, "keyword", "alias"}`,
 * empty entries left out (OptionSet.parse, OptionError.simplify).
 */
export function optionError(keyword: string | undefined, info: Record<string, unknown>): never {
  const body: Record<string, unknown> = { ...info };
  if (keyword !== undefined) body.keyword = keyword;
  const alias = aliasOf(keyword ?? String(info.missing));
  if (alias !== undefined) body.alias = alias;
  refuse(errorBody(400, 'Bad Request', body));
}

/** A required option that is absent: `{"missing": name, "alias": …}` (Existentialist.inquire). */
export function missingParam(name: string): never {
  optionError(undefined, { missing: name });
}

/** Server maximums: the client's own record of them (biothings.web defaults and mygene's config_web), plus two it does not check. */
export const MAX = { ...LIMITS, species: 1000, ids: 1000 } as const;

const SEPARATORS = new Set([' ', '\t', '\n', '\r', '\v', '\f', '|', ',', '+']);

/** Split a list parameter the way the server does (shlex on space, tab, newline, `|`, `,`, `+`, quoted phrases whole, empty items dropped). */
export function splitList(text: string, keyword: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (const ch of text) {
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (SEPARATORS.has(ch)) {
      out.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (quote !== undefined) optionError(keyword, { reason: 'No closing quotation' });
  out.push(current);
  return out.map((item) => item.trim()).filter((item) => item !== '');
}

/** Words Converter.str_to_bool reads as true; any other non-number is false, never an error. */
const TRUE = new Set(['1', 'true', 'yes', 'y', 't']);

/** Where a value came from: it decides how the value is converted (QueryArgCvter, FormArgCvter, JsonArgCvter). */
type Source = 'query' | 'form' | 'json';

interface Found {
  value: unknown;
  source: Source;
}

/** The parameters of one request. */
export class Params {
  readonly #sources: ReadonlyMap<Source, ReadonlyMap<string, unknown>>;

  constructor(sources: ReadonlyMap<Source, ReadonlyMap<string, unknown>>) {
    this.#sources = sources;
  }

  /** The query string, plus the body of a POST (JSON when the content type says so, else form fields). */
  static of(request: SimulatedRequest): Params {
    const sources = new Map<Source, Map<string, unknown>>([['query', new Map(request.url.searchParams)]]);
    if (request.method === 'POST' && request.body.byteLength > 0) {
      const type = request.headers.get('content-type') ?? '';
      if (type.startsWith('application/json')) sources.set('json', jsonBody(request));
      else sources.set('form', new Map(request.form()));
    }
    return new Params(sources);
  }

  /** The value of `name` (or of an alias) and where it came from: query string first, then form, then JSON (ReqArgs.lookup). */
  find(name: string): Found | undefined {
    for (const source of ['query', 'form', 'json'] as const) {
      const values = this.#sources.get(source);
      if (values === undefined) continue;
      for (const key of [name, ...(ALIASES[name] ?? [])]) {
        const value = values.get(key);
        if (value !== undefined && value !== null) return { value, source };
      }
    }
    return undefined;
  }

  /** The raw value of `name` (or of one of its aliases). */
  raw(name: string): unknown {
    return this.find(name)?.value;
  }

  /** `read` of the value of `name` and its source, or undefined when the request has none. */
  #read<T>(name: string, read: (value: unknown, source: Found['source']) => T): T | undefined {
    const found = this.find(name);
    return found === undefined ? undefined : read(found.value, found.source);
  }

  has(name: string): boolean {
    return this.find(name) !== undefined;
  }

  /** A string option; in a JSON body it must be a JSON string (JsonArgCvter, strict). */
  string(name: string): string | undefined {
    return this.#read(name, (value, source) => {
      if (typeof value === 'string') return value;
      if (source !== 'json' && (typeof value === 'number' || typeof value === 'boolean')) return String(value);
      return optionError(name, { reason: 'Expect type str.' });
    });
  }

  /** A list parameter: a JSON array, or a string split on the server's separators (`jsonArray`: a form value `["…"]` is read as JSON; `strict`: no string in a JSON body). */
  list(name: string, max?: number, options: { jsonArray?: boolean; strict?: boolean } = {}): string[] | undefined {
    return this.#read(name, (value, source) => this.#list(name, value, source, max, options));
  }

  #list(name: string, value: unknown, source: Found['source'], max: number | undefined, options: { jsonArray?: boolean; strict?: boolean }): string[] {
    // `strict` options (settings/default.py sets strict: False on the others): a JSON body must hold a JSON array.
    if (options.strict && source === 'json' && !Array.isArray(value)) optionError(name, { reason: 'Expect type list.' });
    let list: string[];
    if (Array.isArray(value)) {
      list = value.map((item) =>
        typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean' ? String(item) : optionError(name, { reason: 'Expect type list.' }),
      );
    } else if (typeof value === 'string') {
      const parsed = options.jsonArray && value.trim().startsWith('[') ? parseJsonArray(value) : undefined;
      list = parsed ?? splitList(value, name);
    } else if (typeof value === 'number') {
      list = [String(value)];
    } else {
      optionError(name, { reason: 'Expect type list.' });
    }
    if (max !== undefined && list.length > max) optionError(name, { max, size: list.length });
    return list;
  }

  /**
   * An integer (Python `int()` of a string; a JSON body must hold a JSON integer), with the server's
   * maximum. No minimum: biothings.web sets none on size/from/facet_size (settings/default.py
   * COMMON_KWARGS, QUERY_KWARGS), so a negative value passes the options and reaches Elasticsearch.
   */
  int(name: string, options: { max?: number } = {}): number | undefined {
    return this.#read(name, (value, source) => {
      let n: number;
      if (typeof value === 'number' && Number.isInteger(value)) n = value;
      else if (source !== 'json' && typeof value === 'string' && /^\s*[-+]?\d+(_\d+)*\s*$/.test(value)) n = Number.parseInt(value.replace(/_/g, ''), 10);
      else return optionError(name, { reason: 'Expect type int.' });
      if (options.max !== undefined && n > options.max) optionError(name, { max: options.max, num: n });
      return n;
    });
  }

  /**
   * A boolean the way the server reads one: a number above 0 or `1/true/yes/y/t` is true, any other
   * text false (never an error); a bare key in the query string (`?dotfield`) is true; a JSON body
   * must hold a JSON boolean.
   */
  bool(name: string): boolean | undefined {
    return this.#read(name, (value, source) => {
      if (typeof value === 'boolean') return value;
      if (source === 'json') return optionError(name, { reason: 'Expect type bool.' });
      const text = String(value).trim();
      if (source === 'query' && text === '') return true;
      const number = Number(text);
      if (text !== '' && !Number.isNaN(number)) return number > 0;
      return TRUE.has(text.toLowerCase());
    });
  }
}

/** A JSON body: an object gives the parameters; any other JSON value is ignored (ReqArgs keeps dicts only). */
function jsonBody(request: SimulatedRequest): Map<string, unknown> {
  let body: unknown;
  try {
    body = request.json();
  } catch {
    refuse(errorBody(400, 'Invalid JSON body.'));
  }
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? new Map(Object.entries(body)) : new Map();
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
