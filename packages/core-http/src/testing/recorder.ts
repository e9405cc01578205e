// Recording real exchanges as fixtures, with secrets scrubbed before anything is kept.
import { redactSecrets, SECRET_QUERY_PARAMS } from '../redact.js';
import type { FixtureBody, FixtureExchange, FixtureFilePart, FixtureRequest, FixtureResponse, ScrubOptions } from './fixture-types.js';
import { REDACTED, toBase64 } from './match.js';

/** Response headers kept by default: the ones clients and tests look at. */
const DEFAULT_RESPONSE_HEADERS = ['content-type', 'location', 'retry-after', 'content-disposition', 'www-authenticate', 'set-cookie', 'link'];
const SECRET_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-molgenis-token', 'x-csrftoken', 'x-csrf-token'];
const SECRET_FIELDS = ['password', 'token', 'access_token', 'api_key', 'csrfmiddlewaretoken'];
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** Options of {@link recordingFetch}. */
export interface RecordingFetchOptions {
  /** The fetch that performs the real request. Default: the global `fetch`. */
  fetch?: typeof fetch;
  /**
   * Receives each exchange, already scrubbed.
   *
   * @example
   * ```ts
   * const exchanges: FixtureExchange[] = [];
   * const fetch = recordingFetch({ onExchange: (x) => exchanges.push(x) });
   * ```
   */
  onExchange(exchange: FixtureExchange): void;
  /** What to scrub besides the defaults (see {@link ScrubOptions}). */
  scrub?: ScrubOptions;
  /** Request headers to record (they must then match on replay). Default: none. */
  requestHeaders?: readonly string[];
  /** Response headers to record besides content-type, location, retry-after, content-disposition, www-authenticate, set-cookie, link. */
  responseHeaders?: readonly string[];
}

function isJsonType(type: string): boolean {
  return /^application\/(?:[\w.+-]*\+)?json\b/i.test(type) || /^application\/json/i.test(type);
}

function isXmlType(type: string): boolean {
  return /^(?:application|text)\/(?:[\w.+-]*\+)?xml\b/i.test(type);
}

function isTextType(type: string): boolean {
  return /^text\//i.test(type) || /^application\/(?:javascript|x-javascript|ecmascript|x-www-form-urlencoded|csv|tab-separated-values)\b/i.test(type);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function recordToObject(pairs: Iterable<[string, string]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of pairs) {
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[key] = [existing, value];
  }
  return out;
}

async function filePart(file: File): Promise<FixtureFilePart> {
  const part: FixtureFilePart = { filename: file.name };
  if (file.type) part.type = file.type;
  const bytes = new Uint8Array(await file.arrayBuffer());
  const text = decodeUtf8(bytes);
  if (text !== undefined && (file.type === '' || isTextType(file.type) || isJsonType(file.type) || isXmlType(file.type))) part.text = text;
  else part.base64 = toBase64(bytes);
  return part;
}

async function requestBody(request: Request): Promise<FixtureBody | undefined> {
  if (request.body === null) return undefined;
  const type = request.headers.get('content-type') ?? '';
  if (/^multipart\/form-data/i.test(type)) {
    const form = await request.formData();
    const out: Record<string, string | FixtureFilePart> = {};
    for (const [name, value] of form) out[name] = typeof value === 'string' ? value : await filePart(value);
    return { multipart: out };
  }
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength === 0) return undefined;
  const text = decodeUtf8(bytes);
  if (text === undefined) return { base64: toBase64(bytes) };
  if (/^application\/x-www-form-urlencoded/i.test(type)) return { form: recordToObject(new URLSearchParams(text)) };
  if (isJsonType(type)) {
    try {
      return { json: JSON.parse(text) };
    } catch {
      return { text };
    }
  }
  if (isXmlType(type)) return { xml: text };
  return { text };
}

async function responseBody(response: Response): Promise<FixtureBody | undefined> {
  if (NULL_BODY_STATUSES.has(response.status)) return undefined;
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength === 0) return undefined;
  const type = response.headers.get('content-type') ?? '';
  const text = decodeUtf8(bytes);
  if (text !== undefined && isJsonType(type)) {
    try {
      return { json: JSON.parse(text) };
    } catch {
      return { text }; // a broken JSON body is a fact worth keeping as it is
    }
  }
  if (text !== undefined && (isTextType(type) || isXmlType(type) || type === '')) return { text };
  return { base64: toBase64(bytes) };
}

function pickHeaders(headers: Headers, names: readonly string[]): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const name of names) {
    const lower = name.toLowerCase();
    if (lower === 'set-cookie') {
      const cookies = headers.getSetCookie();
      if (cookies.length > 0) out[lower] = cookies.join('\n');
      continue;
    }
    const value = headers.get(lower);
    if (value !== null) out[lower] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Record one request/response pair as a fixture exchange (unscrubbed). The request and response
 * given are consumed: pass clones.
 */
async function toExchange(request: Request, response: Response, options: RecordingFetchOptions): Promise<FixtureExchange> {
  const url = new URL(request.url);
  const fixtureRequest: FixtureRequest = { method: request.method.toUpperCase(), path: url.pathname };
  if (url.search !== '' && [...url.searchParams].length > 0) fixtureRequest.query = recordToObject(url.searchParams);
  const headers = pickHeaders(request.headers, options.requestHeaders ?? []);
  if (headers) fixtureRequest.headers = headers;
  const body = await requestBody(request);
  if (body) fixtureRequest.body = body;

  const fixtureResponse: FixtureResponse = { status: response.status };
  const responseHeaders = pickHeaders(response.headers, [...DEFAULT_RESPONSE_HEADERS, ...(options.responseHeaders ?? [])]);
  if (responseHeaders) fixtureResponse.headers = responseHeaders;
  const payload = await responseBody(response);
  if (payload) fixtureResponse.body = payload;
  return { request: fixtureRequest, response: fixtureResponse };
}

/**
 * Wrap a fetch so every exchange it performs is recorded: the real request is made, the response
 * is cloned and returned untouched, and `onExchange` receives a scrubbed {@link FixtureExchange}
 * (request method, path, query as data, selected headers, body parsed by content type; response
 * status, selected headers, body as JSON/text/base64 by content type).
 *
 * @example
 * ```ts
 * const exchanges: FixtureExchange[] = [];
 * const mg = new MyGene({ fetch: recordingFetch({ onExchange: (e) => exchanges.push(e) }) });
 * await mg.gene('1017');
 * writeFixture('fixtures/gene-1017.json', { name: 'gene-1017', exchanges });
 * ```
 */
export function recordingFetch(options: RecordingFetchOptions): typeof fetch {
  const inner = options.fetch ?? globalThis.fetch;
  const learned = new Set<string>();
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const copy = request.clone();
    const response = await inner(request);
    // Secrets are learned across the whole session: a token from a login answer, or sent in a
    // header we do not record (Authorization, Cookie), is redacted from every later exchange.
    scrubInto({ request: { method: copy.method, path: '/', headers: Object.fromEntries(copy.headers) }, response: { status: 0 } }, options.scrub, learned);
    const exchange = await toExchange(copy, response.clone(), options);
    options.onExchange(scrubInto(exchange, options.scrub, learned));
    return response;
  };
}

// ---- scrubbing -------------------------------------------------------------------------------

function nameSet(defaults: readonly string[], extra: readonly string[] | undefined): Set<string> {
  return new Set([...defaults, ...(extra ?? [])].map((n) => n.toLowerCase()));
}

/**
 * Cookie values are replaced everywhere else only when they look like tokens (8+ characters), so
 * that a harmless cookie such as `lang=en` does not rewrite every "en" in the bodies.
 */
function learnCookie(value: string, learn: (secret: string) => void): void {
  if (value.length >= 8) learn(value);
}

/**
 * Redact the cookie values in a `Cookie` header (`a=1; b=2`, pieces split on `;`) or in
 * `Set-Cookie` lines (split on `\n`, the value ending at the first `;` of the attributes),
 * keeping names and attributes. An empty value (`a=`, `a=""`, as sent to delete a cookie)
 * holds nothing secret and is kept.
 */
function scrubCookies(value: string, separator: ';' | '\n', learn: (secret: string) => void): string {
  return value
    .split(separator)
    .map((piece) => {
      const eq = piece.indexOf('=');
      if (eq === -1) return piece;
      const end = piece.indexOf(';', eq);
      const cookieValue = end === -1 ? piece.slice(eq + 1) : piece.slice(eq + 1, end);
      if (cookieValue === '' || cookieValue === '""') return piece;
      learnCookie(cookieValue.trim(), learn);
      return `${piece.slice(0, eq + 1)}${REDACTED}${end === -1 ? '' : piece.slice(end)}`;
    })
    .join(separator);
}

function scrubHeaders(headers: Record<string, string> | undefined, secretHeaders: Set<string>, learn: (s: string) => void): void {
  if (!headers) return;
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!secretHeaders.has(lower) || value.includes(REDACTED)) continue;
    if (lower === 'cookie') headers[name] = scrubCookies(value, ';', learn);
    else if (lower === 'set-cookie') headers[name] = scrubCookies(value, '\n', learn);
    else if (lower === 'authorization' || lower === 'proxy-authorization') {
      const space = value.indexOf(' ');
      // Keep the scheme (`Token`, `Bearer`, `Basic`): it is part of what the client must send.
      if (space > 0) {
        learn(value.slice(space + 1).trim());
        headers[name] = `${value.slice(0, space)} ${REDACTED}`;
      } else {
        learn(value);
        headers[name] = REDACTED;
      }
    } else {
      learn(value);
      headers[name] = REDACTED;
    }
  }
}

function scrubPairs(record: Record<string, string | string[]> | undefined, names: Set<string>, learn: (s: string) => void): void {
  if (!record) return;
  for (const [key, value] of Object.entries(record)) {
    if (!names.has(key.toLowerCase())) continue;
    for (const v of Array.isArray(value) ? value : [value]) learn(v);
    record[key] = Array.isArray(value) ? value.map(() => REDACTED) : REDACTED;
  }
}

function scrubJsonFields(value: unknown, fields: Set<string>, learn: (s: string) => void): unknown {
  if (Array.isArray(value)) return value.map((v) => scrubJsonFields(v, fields, learn));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (fields.has(key.toLowerCase()) && (typeof v === 'string' || typeof v === 'number')) {
      learn(String(v));
      out[key] = REDACTED;
    } else {
      out[key] = scrubJsonFields(v, fields, learn);
    }
  }
  return out;
}

function scrubBodyFields(body: FixtureBody | undefined, params: Set<string>, fields: Set<string>, learn: (s: string) => void): FixtureBody | undefined {
  if (!body) return body;
  if ('json' in body) return { json: scrubJsonFields(body.json, fields, learn) };
  if ('form' in body) {
    scrubPairs(body.form, new Set([...params, ...fields]), learn);
    return body;
  }
  if ('multipart' in body) {
    for (const [name, part] of Object.entries(body.multipart)) {
      if (typeof part === 'string' && (params.has(name.toLowerCase()) || fields.has(name.toLowerCase()))) {
        learn(part);
        body.multipart[name] = REDACTED;
      }
    }
  }
  return body;
}

function replaceInJson(value: unknown, replace: (s: string) => string): unknown {
  if (typeof value === 'string') return replace(value);
  if (Array.isArray(value)) return value.map((v) => replaceInJson(v, replace));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceInJson(v, replace)]));
}

function replaceInBody(body: FixtureBody | undefined, replace: (s: string) => string): FixtureBody | undefined {
  if (!body) return body;
  if ('json' in body) return { json: replaceInJson(body.json, replace) };
  if ('text' in body) return { text: replace(body.text) };
  if ('xml' in body) return { xml: replace(body.xml) };
  if ('form' in body) return { form: replaceInJson(body.form, replace) as Record<string, string | string[]> };
  if ('multipart' in body) {
    const out: Record<string, string | FixtureFilePart> = {};
    for (const [name, part] of Object.entries(body.multipart)) {
      out[name] = typeof part === 'string' ? replace(part) : part.text === undefined ? part : { ...part, text: replace(part.text) };
    }
    return { multipart: out };
  }
  return body; // base64: opaque bytes
}

function replaceInRecord<T extends Record<string, string | string[]>>(record: T | undefined, replace: (s: string) => string): T | undefined {
  return record === undefined ? undefined : (replaceInJson(record, replace) as T);
}

/**
 * Remove secrets from an exchange (returns a copy). Redacts secret headers (`Authorization` keeps
 * its scheme, cookies keep their names), secret query parameters and form fields, secret JSON
 * fields at any depth, and then replaces every secret value seen that way — and every value in
 * `options.secrets` — wherever else it appears (path, query, headers, text/JSON/XML/form bodies).
 * The placeholder is `[REDACTED]`, which matches any value on replay.
 *
 * @example
 * ```ts
 * scrubExchange(exchange, { secrets: [process.env.MOLGENIS_PASSWORD ?? ''] });
 * ```
 */
export function scrubExchange(exchange: FixtureExchange, options: ScrubOptions = {}): FixtureExchange {
  return scrubInto(exchange, options, new Set());
}

/** {@link scrubExchange}, adding every secret it finds to `secrets` (and using those already there). */
function scrubInto(exchange: FixtureExchange, options: ScrubOptions = {}, secrets: Set<string>): FixtureExchange {
  const copy = structuredClone(exchange);
  for (const s of options.secrets ?? []) if (s.length > 0) secrets.add(s);
  const learn = (value: string) => {
    if (value.length >= 3 && value !== REDACTED) secrets.add(value);
  };
  const secretHeaders = nameSet(SECRET_HEADERS, options.headers);
  const params = nameSet(SECRET_QUERY_PARAMS, options.params);
  const fields = nameSet(SECRET_FIELDS, options.fields);

  const { request, response } = copy;
  scrubHeaders(request.headers, secretHeaders, learn);
  scrubHeaders(response.headers, secretHeaders, learn);
  scrubPairs(request.query, params, learn);
  const requestBody = scrubBodyFields(request.body, params, fields, learn);
  const responseBody = scrubBodyFields(response.body, params, fields, learn);

  // Longest first, so a secret containing another is replaced whole.
  const known = [...secrets].sort((a, b) => b.length - a.length);
  const jsonEscaped = known.map((s) => JSON.stringify(s).slice(1, -1)).filter((s, i) => s !== known[i]);
  const replace = (text: string) => redactSecrets(redactSecrets(text, known), jsonEscaped);

  const out: FixtureExchange = {
    request: { method: request.method, path: replace(request.path) },
    response: { status: response.status },
  };
  const query = replaceInRecord(request.query, replace);
  if (query) out.request.query = query;
  const requestHeaders = replaceInRecord(request.headers, replace);
  if (requestHeaders) out.request.headers = requestHeaders;
  const scrubbedRequestBody = replaceInBody(requestBody, replace);
  if (scrubbedRequestBody) out.request.body = scrubbedRequestBody;
  const responseHeaders = replaceInRecord(response.headers, replace);
  if (responseHeaders) out.response.headers = responseHeaders;
  const scrubbedResponseBody = replaceInBody(responseBody, replace);
  if (scrubbedResponseBody) out.response.body = scrubbedResponseBody;
  if (response.delayMs !== undefined) out.response.delayMs = response.delayMs;
  return out;
}
