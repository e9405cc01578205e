// Request matching shared by the msw handlers and the loopback server: method + path + query as
// data + body as data (JSON/form deep-equal, XML as a tree, multipart fields) + fixture headers.
import type { Fixture, FixtureBody, FixtureExchange, FixtureFilePart, FixtureResponse } from './fixture-types.js';
import { parseXml, xmlDifference } from './xml-tree.js';

/** A request reduced to what matching needs; built once per request. */
export interface IncomingRequest {
  /** HTTP method, upper-case. */
  method: string;
  /** The full request URL. */
  url: URL;
  /** The request headers. */
  headers: Headers;
  /** The raw body; `undefined` when there is none. */
  body: Uint8Array | undefined;
}

/** The exchange chosen for a request. */
export interface FixtureMatch {
  /** The fixture the matching exchange belongs to. */
  fixture: Fixture;
  /** Index of the exchange in `fixture.exchanges`. */
  index: number;
  /** The matching exchange, whose `response` is to be served. */
  exchange: FixtureExchange;
}

/** Options of {@link FixtureMatcher}. */
export interface FixtureMatcherOptions {
  /**
   * Origin (and optional path prefix) the fixtures are served on. Fixture paths that already start
   * with its path (e.g. `/v3/gene/1017` under `https://mygene.info/v3`) are resolved against the
   * origin; others are appended to its path. Without it, only the path is compared (loopback server).
   */
  baseUrl?: string;
  /**
   * Query parameters that do not change the answer, so a request matches without them being equal
   * (unless `strict`): `ignore` are left out on both sides (MyGene's `email`), `sets` compare as
   * comma-separated sets (`fields=name,symbol` ≡ `fields=symbol,name`), `defaults` count as absent
   * when sent with the service's default value (`dotfield=false`).
   */
  lenient?: LenientQuery | undefined;
  /** Compare every query parameter exactly, ignoring `lenient`. Default `false`. */
  strict?: boolean | undefined;
}

/**
 * Which query parameters a fixture matcher compares leniently (see {@link FixtureMatcherOptions}).
 *
 * @example
 * ```ts
 * const lenient: LenientQuery = { ignore: ['email'], sets: ['fields'], defaults: { dotfield: 'false' } };
 * ```
 */
export interface LenientQuery {
  /** Parameters left out on both sides (e.g. MyGene's `email`). */
  ignore?: readonly string[] | undefined;
  /** Parameters compared as comma-separated sets (`fields=name,symbol` ≡ `fields=symbol,name`). */
  sets?: readonly string[] | undefined;
  /** The service's default value per parameter; a parameter sent with it counts as absent. */
  defaults?: Readonly<Record<string, string>> | undefined;
}

type Pair = [string, string];

/** The query as the matcher compares it: ignored and default-valued parameters dropped, sets sorted. */
function lenientPairs(pairs: Pair[], rules: LenientQuery | undefined): Pair[] {
  if (!rules) return pairs;
  const ignore = new Set(rules.ignore ?? []);
  const sets = new Set(rules.sets ?? []);
  const out: Pair[] = [];
  for (const [key, value] of pairs) {
    if (ignore.has(key) || rules.defaults?.[key] === value) continue;
    out.push([key, sets.has(key) ? [...new Set(value.split(',').map((v) => v.trim()))].sort().join(',') : value]);
  }
  return out.sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));
}

const textDecoder = new TextDecoder();

/**
 * Read a fetch `Request` (without consuming it) into an {@link IncomingRequest}.
 *
 * @example
 * ```ts
 * const incoming = await readRequest(new Request('https://mygene.info/v3/query?q=cdk2'));
 * ```
 */
export async function readRequest(request: Request): Promise<IncomingRequest> {
  let body: Uint8Array | undefined;
  if (request.body !== null && request.method !== 'GET' && request.method !== 'HEAD') {
    const bytes = new Uint8Array(await request.clone().arrayBuffer());
    if (bytes.byteLength > 0) body = bytes;
  }
  return { method: request.method.toUpperCase(), url: new URL(request.url), headers: request.headers, body };
}

/** Query or form data as sorted key/value pairs (a multiset). */
function pairsFromRecord(record: Record<string, string | string[]> | undefined): Pair[] {
  const pairs: Pair[] = [];
  if (!record) return pairs;
  for (const [key, value] of Object.entries(record)) {
    for (const v of Array.isArray(value) ? value : [value]) pairs.push([key, String(v)]);
  }
  return pairs;
}

function pairsFromParams(params: URLSearchParams): Pair[] {
  return [...params];
}

function groupPairs(pairs: readonly Pair[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [k, v] of pairs) {
    const list = map.get(k);
    if (list) list.push(v);
    else map.set(k, [v]);
  }
  for (const list of map.values()) list.sort();
  return map;
}

/** The placeholder the recorder writes for a scrubbed secret; in a fixture it matches any value. */
export const REDACTED = '[REDACTED]';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether an actual value matches a fixture value. A fixture value containing `[REDACTED]`
 * (written by the recorder's scrubbing) matches any non-empty text in its place.
 *
 * @example
 * ```ts
 * sameValue('Token [REDACTED]', 'Token abc123'); // true
 * sameValue('cdk2', 'CDK2');                     // false
 * ```
 */
export function sameValue(expected: string, actual: string): boolean {
  if (expected === actual) return true;
  if (!expected.includes(REDACTED)) return false;
  const pattern = expected.split(REDACTED).map(escapeRegExp).join('.+');
  return new RegExp(`^${pattern}$`, 's').test(actual);
}

/** Whether two value lists are equal as multisets, with `[REDACTED]` wildcards. */
function sameMultiset(expected: readonly string[], actual: readonly string[]): boolean {
  if (expected.length !== actual.length) return false;
  const left = [...actual];
  // Exact values first, so a wildcard does not take a value an exact one needs.
  const ordered = [...expected].sort((a, b) => Number(a.includes(REDACTED)) - Number(b.includes(REDACTED)));
  for (const e of ordered) {
    const i = left.findIndex((a) => sameValue(e, a));
    if (i === -1) return false;
    left.splice(i, 1);
  }
  return true;
}

function show(values: readonly string[] | undefined): string {
  if (!values) return 'absent';
  const quoted = values.map((v) => JSON.stringify(v.length > 120 ? `${v.slice(0, 120)}…` : v));
  return quoted.length === 1 ? quoted[0]! : `[${quoted.join(', ')}]`;
}

/**
 * Compare two multisets of key/value pairs (query strings, form bodies): order-insensitive.
 * Returns one line per differing key.
 */
function pairsDifference(kind: string, expected: readonly Pair[], actual: readonly Pair[]): string[] {
  const e = groupPairs(expected);
  const a = groupPairs(actual);
  const out: string[] = [];
  for (const key of new Set([...e.keys(), ...a.keys()])) {
    const ev = e.get(key);
    const av = a.get(key);
    if (ev && av && sameMultiset(ev, av)) continue;
    if (!av) out.push(`${kind} "${key}": expected ${show(ev)}, but it was not sent`);
    else if (!ev) out.push(`${kind} "${key}": not expected, got ${show(av)}`);
    else out.push(`${kind} "${key}": expected ${show(ev)}, got ${show(av)}`);
  }
  return out;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function showJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

/**
 * The first difference between two JSON values, as `$.path: expected …, got …`, or `undefined` when
 * they are deep-equal (object key order does not matter; array order does). A `"[REDACTED]"`
 * string in `expected` (a scrubbed secret) matches any value.
 *
 * @example
 * ```ts
 * jsonDifference({ q: 'cdk2', size: 10 }, { size: 10, q: 'cdk2' }); // undefined
 * jsonDifference({ ids: ['1017'] }, { ids: ['1018'] }); // '$.ids[0]: expected "1017", got "1018"'
 * ```
 */
export function jsonDifference(expected: unknown, actual: unknown, at = '$'): string | undefined {
  if (Object.is(expected, actual)) return undefined;
  if (expected === REDACTED && actual !== undefined && actual !== null) return undefined;
  if (typeof expected === 'string' && typeof actual === 'string' && sameValue(expected, actual)) return undefined;
  const te = jsonType(expected);
  const ta = jsonType(actual);
  if (te !== ta || (te !== 'object' && te !== 'array')) {
    return `${at}: expected ${showJson(expected)}, got ${showJson(actual)}`;
  }
  if (te === 'array') {
    const e = expected as unknown[];
    const a = actual as unknown[];
    for (let i = 0; i < Math.min(e.length, a.length); i++) {
      const diff = jsonDifference(e[i], a[i], `${at}[${i}]`);
      if (diff) return diff;
    }
    if (e.length !== a.length) return `${at}: expected ${e.length} items, got ${a.length}`;
    return undefined;
  }
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  for (const key of new Set([...Object.keys(e), ...Object.keys(a)])) {
    const path = /^[A-Za-z_$][\w$]*$/.test(key) ? `${at}.${key}` : `${at}[${JSON.stringify(key)}]`;
    if (!Object.hasOwn(a, key)) return `${path}: expected ${showJson(e[key])}, but it is missing`;
    if (!Object.hasOwn(e, key)) return `${path}: not expected, got ${showJson(a[key])}`;
    const diff = jsonDifference(e[key], a[key], path);
    if (diff) return diff;
  }
  return undefined;
}

/** Which tag a fixture body carries. */
export function bodyKind(body: FixtureBody): 'json' | 'text' | 'form' | 'xml' | 'base64' | 'multipart' {
  if ('json' in body) return 'json';
  if ('text' in body) return 'text';
  if ('form' in body) return 'form';
  if ('xml' in body) return 'xml';
  if ('base64' in body) return 'base64';
  return 'multipart';
}

/** Decode base64 to bytes (Node and browsers). */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Encode bytes as base64 (Node and browsers). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Lazily parsed views of one request body, shared by every exchange it is compared with. */
class BodyViews {
  #text: string | undefined;
  #json: { ok: true; value: unknown } | { ok: false; error: string } | undefined;
  #xml: ReturnType<typeof parseXml> | Error | undefined;
  #multipart: Promise<FormData | Error> | undefined;
  readonly bytes: Uint8Array;

  constructor(
    bytes: Uint8Array | undefined,
    readonly contentType: string,
  ) {
    this.bytes = bytes ?? new Uint8Array();
  }

  get text(): string {
    this.#text ??= textDecoder.decode(this.bytes);
    return this.#text;
  }

  get json(): { ok: true; value: unknown } | { ok: false; error: string } {
    if (!this.#json) {
      try {
        this.#json = { ok: true, value: JSON.parse(this.text) };
      } catch (error) {
        this.#json = { ok: false, error: (error as Error).message };
      }
    }
    return this.#json;
  }

  get xml(): ReturnType<typeof parseXml> | Error {
    if (!this.#xml) {
      try {
        this.#xml = parseXml(this.text);
      } catch (error) {
        this.#xml = error as Error;
      }
    }
    return this.#xml;
  }

  multipart(): Promise<FormData | Error> {
    this.#multipart ??= new Response(this.bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': this.contentType } })
      .formData()
      .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    return this.#multipart;
  }
}

async function multipartDifference(expected: Record<string, string | FixtureFilePart>, views: BodyViews): Promise<string[]> {
  const form = await views.multipart();
  if (form instanceof Error) return [`body: expected multipart/form-data, could not parse it (${form.message})`];
  const out: string[] = [];
  const names = new Set([...Object.keys(expected), ...form.keys()]);
  for (const name of names) {
    const e = expected[name];
    const values = form.getAll(name);
    const a = values[0];
    if (e === undefined) {
      out.push(`multipart field "${name}": not expected`);
      continue;
    }
    if (a === undefined) {
      out.push(`multipart field "${name}": expected, but it was not sent`);
      continue;
    }
    if (values.length > 1) out.push(`multipart field "${name}": sent ${values.length} times`);
    if (typeof e === 'string') {
      const text = typeof a === 'string' ? a : await a.text();
      if (!sameValue(e, text)) out.push(`multipart field "${name}": expected ${show([e])}, got ${show([text])}`);
      continue;
    }
    if (typeof a === 'string') {
      out.push(`multipart field "${name}": expected a file "${e.filename}", got a text value`);
      continue;
    }
    if (a.name !== e.filename) out.push(`multipart file "${name}": expected filename ${show([e.filename])}, got ${show([a.name])}`);
    if (e.type !== undefined && a.type !== e.type) out.push(`multipart file "${name}": expected type ${show([e.type])}, got ${show([a.type])}`);
    if (e.text !== undefined) {
      const text = await a.text();
      if (text !== e.text) out.push(`multipart file "${name}": content differs (expected ${show([e.text])}, got ${show([text])})`);
    } else if (e.base64 !== undefined) {
      const bytes = new Uint8Array(await a.arrayBuffer());
      if (!bytesEqual(bytes, fromBase64(e.base64))) out.push(`multipart file "${name}": content differs (${bytes.length} bytes sent)`);
    }
  }
  return out;
}

async function bodyDifference(expected: FixtureBody, views: BodyViews): Promise<string[]> {
  if ('json' in expected) {
    const parsed = views.json;
    if (!parsed.ok) return [`body: expected JSON, got ${show([views.text])} (${parsed.error})`];
    const diff = jsonDifference(expected.json, parsed.value);
    return diff ? [`body ${diff}`] : [];
  }
  if ('text' in expected) {
    return sameValue(expected.text, views.text) ? [] : [`body: expected text ${show([expected.text])}, got ${show([views.text])}`];
  }
  if ('form' in expected) {
    return pairsDifference('form field', pairsFromRecord(expected.form), pairsFromParams(new URLSearchParams(views.text)));
  }
  if ('xml' in expected) {
    const actual = views.xml;
    if (actual instanceof Error) return [`body: expected XML, could not parse it (${actual.message})`];
    const diff = xmlDifference(parseXml(expected.xml), actual);
    return diff ? [`body XML ${diff}`] : [];
  }
  if ('base64' in expected) {
    const want = fromBase64(expected.base64);
    return bytesEqual(want, views.bytes) ? [] : [`body: expected ${want.length} bytes (base64), got ${views.bytes.length} different bytes`];
  }
  return multipartDifference(expected.multipart, views);
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

interface CompiledExchange {
  fixtureIndex: number;
  index: number;
  fixture: Fixture;
  exchange: FixtureExchange;
  method: string;
  /** Origin required (with a baseUrl), else undefined. */
  origin: string | undefined;
  /** Decoded pathname. */
  path: string;
  query: Pair[];
  headers: [string, string][];
  /** How many constraints it has: the most specific matching fixture wins. */
  specificity: number;
}

/** Where a fixture path lands under a base URL. */
function resolveFixturePath(base: URL | undefined, fixturePath: string): { origin: string | undefined; path: string; query: Pair[] } {
  const q = fixturePath.indexOf('?');
  const rawPath = q === -1 ? fixturePath : fixturePath.slice(0, q);
  const query = q === -1 ? [] : pairsFromParams(new URLSearchParams(fixturePath.slice(q + 1)));
  const absolutePath = rawPath.startsWith('/') ? rawPath : `/${rawPath}`;
  if (!base) return { origin: undefined, path: safeDecode(absolutePath), query };
  const prefix = base.pathname.replace(/\/+$/, '');
  const full = prefix === '' || absolutePath === prefix || absolutePath.startsWith(`${prefix}/`) ? absolutePath : `${prefix}${absolutePath}`;
  return { origin: base.origin, path: safeDecode(full), query };
}

/** A request as a one-line description for messages. */
function describeRequest(request: IncomingRequest): string {
  return `${request.method} ${request.url.origin}${request.url.pathname}${request.url.search}`;
}

function pathDistance(a: string, b: string): number {
  const sa = a.split('/');
  const sb = b.split('/');
  let common = 0;
  while (common < sa.length && common < sb.length && sa[common] === sb[common]) common++;
  // Fewer shared leading segments is worse; then more differing segments is worse.
  return (Math.max(sa.length, sb.length) - common) * 1000 + Math.abs(sa.length - sb.length) * 10 + Math.abs(a.length - b.length);
}

const fixtureFiles = new WeakMap<Fixture, string>();

/** Remember which file a fixture came from, for messages. Called by `loadFixtures`. */
export function rememberFixtureFile(fixture: Fixture, file: string): void {
  fixtureFiles.set(fixture, file);
}

/** The file a fixture was loaded from, when known. */
export function fixtureFile(fixture: Fixture): string | undefined {
  return fixtureFiles.get(fixture);
}

/**
 * Matches requests against fixtures and serves ordered exchanges in turn. Shared by
 * {@link fixtureHandlers} (msw) and {@link startLoopbackFixtureServer} (node:http).
 *
 * @example
 * ```ts
 * const matcher = new FixtureMatcher(fixtures, { baseUrl: 'https://mygene.info/v3' });
 * const hit = await matcher.match(await readRequest(new Request('https://mygene.info/v3/gene/1017')));
 * ```
 */
export class FixtureMatcher {
  /** The fixtures it matches against, as given. */
  readonly fixtures: readonly Fixture[];
  /** Reports of the requests that matched nothing, in order. */
  readonly unmatched: string[] = [];
  readonly #compiled: CompiledExchange[];
  readonly #served = new Map<string, number>();
  readonly #lenient: LenientQuery | undefined;

  /**
   * Make a matcher over the given fixtures.
   *
   * @param fixtures - The fixtures to serve; their exchanges are compiled once, here.
   * @param options - Base URL and query leniency; see {@link FixtureMatcherOptions}.
   */
  constructor(fixtures: readonly Fixture[], options: FixtureMatcherOptions = {}) {
    this.fixtures = fixtures;
    this.#lenient = options.strict ? undefined : options.lenient;
    const base = options.baseUrl === undefined ? undefined : new URL(options.baseUrl);
    this.#compiled = [];
    fixtures.forEach((fixture, fixtureIndex) => {
      fixture.exchanges.forEach((exchange, index) => {
        const { request } = exchange;
        const resolved = resolveFixturePath(base, request.path);
        const query = lenientPairs([...resolved.query, ...pairsFromRecord(request.query)], this.#lenient);
        const headers = Object.entries(request.headers ?? {}).map(([k, v]): [string, string] => [k.toLowerCase(), v.trim()]);
        this.#compiled.push({
          fixtureIndex,
          index,
          fixture,
          exchange,
          method: request.method.toUpperCase(),
          origin: resolved.origin,
          path: resolved.path,
          query,
          headers,
          specificity: query.length + headers.length + (request.body ? 1 : 0),
        });
      });
    });
  }

  /**
   * Forget how many times each ordered exchange was served (start a poll sequence again).
   *
   * @example
   * ```ts
   * afterEach(() => matcher.reset());
   * ```
   */
  reset(): void {
    this.#served.clear();
  }

  async #differences(c: CompiledExchange, request: IncomingRequest, views: BodyViews, full: boolean): Promise<string[]> {
    const out: string[] = [];
    if (c.method !== request.method) {
      out.push(`method: expected ${c.method}, got ${request.method}`);
      if (!full) return out;
    }
    if (c.origin !== undefined && c.origin !== request.url.origin) {
      out.push(`origin: expected ${c.origin}, got ${request.url.origin}`);
      if (!full) return out;
    }
    const path = safeDecode(request.url.pathname);
    if (c.path !== path) {
      out.push(`path: expected ${c.path}, got ${path}`);
      if (!full) return out;
    }
    out.push(...pairsDifference('query param', c.query, lenientPairs(pairsFromParams(request.url.searchParams), this.#lenient)));
    if (!full && out.length > 0) return out;
    for (const [name, value] of c.headers) {
      const got = request.headers.get(name);
      if (got === null) out.push(`header "${name}": expected ${show([value])}, but it was not sent`);
      else if (!sameValue(value, got.trim())) out.push(`header "${name}": expected ${show([value])}, got ${show([got])}`);
    }
    if (!full && out.length > 0) return out;
    const body = c.exchange.request.body;
    if (body) out.push(...(await bodyDifference(body, views)));
    return out;
  }

  /**
   * Find the exchange for a request. Among exchanges of one fixture that match the same request,
   * the first unserved one is returned and the last one repeats. When several fixtures match, the
   * most specific (most query/header/body constraints) wins, then the first loaded.
   * Resolves to `undefined` when no exchange matches.
   *
   * @example
   * ```ts
   * const hit = await matcher.match(await readRequest(new Request('https://mygene.info/v3/gene/1017')));
   * hit?.exchange.response.status; // 200
   * ```
   */
  async match(request: IncomingRequest): Promise<FixtureMatch | undefined> {
    const views = new BodyViews(request.body, request.headers.get('content-type') ?? '');
    const hits: CompiledExchange[] = [];
    for (const c of this.#compiled) {
      if ((await this.#differences(c, request, views, false)).length === 0) hits.push(c);
    }
    if (hits.length === 0) return undefined;
    let best = hits[0]!;
    for (const h of hits) if (h.specificity > best.specificity) best = h;
    const sequence = hits.filter((h) => h.fixtureIndex === best.fixtureIndex);
    const key = `${best.fixtureIndex}:${sequence.map((h) => h.index).join(',')}`;
    const served = this.#served.get(key) ?? 0;
    this.#served.set(key, served + 1);
    const chosen = sequence[Math.min(served, sequence.length - 1)]!;
    return { fixture: chosen.fixture, index: chosen.index, exchange: chosen.exchange };
  }

  /**
   * Explain why nothing matched: the closest fixture (same method, most similar path) and what differs.
   * The report is also appended to {@link FixtureMatcher.unmatched}.
   *
   * @example
   * ```ts
   * const request = await readRequest(new Request('https://mygene.info/v3/gene/1018'));
   * if (!(await matcher.match(request))) console.error(await matcher.explain(request));
   * ```
   */
  async explain(request: IncomingRequest): Promise<string> {
    const views = new BodyViews(request.body, request.headers.get('content-type') ?? '');
    const path = safeDecode(request.url.pathname);
    const lines = [`No fixture matches ${describeRequest(request)}`];
    const candidates = this.#compiled.filter((c) => c.method === request.method);
    const pool = candidates.length > 0 ? candidates : this.#compiled;
    let closest: CompiledExchange | undefined;
    let closestScore = Number.POSITIVE_INFINITY;
    for (const c of pool) {
      const diffs = await this.#differences(c, request, views, true);
      const score = pathDistance(c.path, path) * 100 + (c.origin !== undefined && c.origin !== request.url.origin ? 1_000_000 : 0) + diffs.length;
      if (score < closestScore) {
        closest = c;
        closestScore = score;
      }
    }
    if (!closest) {
      lines.push('There are no fixtures loaded.');
    } else {
      const file = fixtureFiles.get(closest.fixture);
      const where = `fixture "${closest.fixture.name}"${file ? ` (${file})` : ''}, exchange ${closest.index + 1}`;
      const target = `${closest.method} ${closest.origin ?? ''}${closest.path}`;
      lines.push(`Closest: ${where}: ${target}`);
      if (candidates.length === 0) lines.push(`(no fixture uses method ${request.method})`);
      const diffs = await this.#differences(closest, request, views, true);
      lines.push('Differences:', ...diffs.map((d) => `  - ${d}`));
    }
    const report = lines.join('\n');
    this.unmatched.push(report);
    return report;
  }
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * Build the `Response` a fixture describes: status, headers and decoded body (`json` with its
 * content type from the fixture headers, default `application/json`; `text`; `base64` as bytes).
 *
 * @example
 * ```ts
 * const response = toResponse({ status: 200, body: { json: { ok: true } } });
 * ```
 */
export function toResponse(fixture: FixtureResponse): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(fixture.headers ?? {})) {
    if (name.toLowerCase() === 'set-cookie') for (const cookie of value.split('\n')) headers.append(name, cookie);
    else headers.set(name, value);
  }
  const body = fixture.body;
  let payload: BodyInit | null = null;
  let contentType: string | undefined;
  if (body && !NULL_BODY_STATUSES.has(fixture.status)) {
    if ('json' in body) {
      payload = JSON.stringify(body.json);
      contentType = 'application/json';
    } else if ('text' in body) {
      payload = body.text;
      contentType = 'text/plain; charset=utf-8';
    } else if ('xml' in body) {
      payload = body.xml;
      contentType = 'application/xml';
    } else if ('form' in body) {
      payload = new URLSearchParams(pairsFromRecord(body.form)).toString();
      contentType = 'application/x-www-form-urlencoded';
    } else if ('base64' in body) {
      payload = fromBase64(body.base64);
      contentType = 'application/octet-stream';
    } else {
      const form = new FormData();
      for (const [name, value] of Object.entries(body.multipart)) {
        if (typeof value === 'string') form.append(name, value);
        else {
          const content = value.base64 !== undefined ? fromBase64(value.base64) : (value.text ?? '');
          form.append(name, new Blob([content], value.type === undefined ? {} : { type: value.type }), value.filename);
        }
      }
      payload = form;
    }
  }
  if (contentType && !headers.has('content-type')) headers.set('content-type', contentType);
  return new Response(payload, { status: fixture.status, headers });
}

/** Resolve after `ms` milliseconds (0 or less resolves at once); rejects when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
