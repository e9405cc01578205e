import {
  type CallOptions,
  type ClientOptions,
  createHttpError,
  createServiceClient,
  type HttpClient,
  NotFoundError,
  type Paged,
  ResponseFormatError,
  tokenAuth,
  ValidationError,
} from '@bio/core-http';
import { SavedQueries, UserPreferences } from './account.js';
import { normaliseBaseUrl } from './base-url.js';
import { type EnrichmentOptions, type EnrichmentResult, fetchWidgets, runEnrichment, type Widget } from './enrichment.js';
import { type IdResolutionResult, type ResolveIdsOptions, runResolveIds } from './ids.js';
import { interMineErrorInBody, interMineServiceMessage, withUnauthorizedHint } from './internal/errors.js';
import { callOpt } from './internal/request-options.js';
import { didYouMean } from './internal/suggest.js';
import { VERSION } from './internal/version.js';
import { Lists } from './lists.js';
import { Model, type ModelJson } from './model.js';
import { Query } from './query.js';
import { RegionQuery, type RegionSearchOptions } from './regions.js';
import { Columns, Row } from './row.js';
import {
  type Cell,
  type ColumnSummary,
  checkSummaryOptions,
  checkTextOptions,
  fetchCount,
  fetchSummary,
  flatExport,
  postLines,
  type RowsOptions,
  resultsPaged,
  type SummaryOptions,
  type TextFormat,
  type TextOptions,
  textRequest,
} from './results.js';
import { runSearch, type SearchOptions, type SearchResults } from './search.js';
import { Template, templatesFromJSON, templatesFromXML } from './templates.js';

/**
 * Options of {@link InterMine}: the family's {@link ClientOptions} with `baseUrl` required, plus
 * the `token` convenience.
 *
 * @example
 * ```ts
 * const mine = new InterMine({ baseUrl: 'www.flymine.org/flymine', token: process.env.FLYMINE_TOKEN, timeout: 60_000 });
 * const jwt = new InterMine({ baseUrl: 'https://mymine.org/mymine', auth: tokenAuth({ token: jwtToken, scheme: 'Bearer' }) });
 * ```
 */
export interface InterMineOptions extends ClientOptions {
  /** The mine: `https://www.flymine.org/flymine`, with or without scheme and `/service`. Required (there is no default mine). */
  baseUrl: string;
  /**
   * API token, sent only as `Authorization: Token …` (never in a URL): short for
   * `auth: tokenAuth({ token })`. For a JWT use `auth: tokenAuth({ token, scheme: 'Bearer' })`.
   * Give `token` or `auth`, not both.
   */
  token?: string | undefined;
}

/**
 * The FlyMine service root.
 *
 * @example
 * ```ts
 * new InterMine({ baseUrl: FLYMINE });
 * ```
 */
export const FLYMINE = 'https://www.flymine.org/flymine/service';

/**
 * The languages `/query/code` writes: Python, Perl, Java, Ruby, JavaScript.
 *
 * @example
 * ```ts
 * QUERY_CODE_LANGUAGES.includes('py'); // true
 * ```
 */
export const QUERY_CODE_LANGUAGES = ['py', 'pl', 'java', 'rb', 'js'] as const;

/**
 * One of {@link QUERY_CODE_LANGUAGES}.
 *
 * @example
 * ```ts
 * const lang: QueryCodeLanguage = 'py';
 * ```
 */
export type QueryCodeLanguage = (typeof QUERY_CODE_LANGUAGES)[number];

/**
 * The roots a query on model types `M` may have: any class name of `M`, or any string when `M` is not given.
 *
 * @example
 * ```ts
 * type Roots = RootOf<FlyMine>; // 'Gene' | 'Protein' | …
 * ```
 */
export type RootOf<M> = unknown extends M ? string : keyof M & string;

/**
 * What {@link InterMine.typed} returns: queries whose root class is inferred from the generated model types `M`.
 *
 * @example
 * ```ts
 * const q = mine.typed<FlyMine>().query('Gene').select('symbol'); // Query<FlyMine, 'Gene', [string | null]>
 * ```
 */
export interface TypedMine<M> {
  /**
   * Start a query on `root`, typed by the model: its paths are checked at compile time and its rows inferred.
   *
   * @example
   * ```ts
   * mine.typed<FlyMine>().query('Protein').select('primaryAccession');
   * ```
   */
  query<R extends RootOf<M>>(root: R): Query<M, R>;
}

/**
 * A user as `GET /user/whoami` describes them.
 *
 * @example
 * ```ts
 * const me: InterMineUser = { username: 'me@example.org', id: '1000012', preferences: {} };
 * ```
 */
export interface InterMineUser {
  /** The login name (often an email address). */
  username: string;
  /** The user's numeric id in the mine, as a string. */
  id: string;
  /** The user's stored preferences (name → value); `{}` when none. */
  preferences: Record<string, unknown>;
}

function authOf(options: InterMineOptions): ClientOptions['auth'] {
  if (options.token === undefined) return options.auth;
  if (typeof options.token !== 'string' || options.token.trim() === '') {
    throw new ValidationError({ message: 'token must be a non-empty string (leave it out for anonymous access)', field: 'token' });
  }
  if (options.auth !== undefined) throw new ValidationError({ message: 'give token or auth, not both', field: 'token' });
  return tokenAuth({ token: options.token });
}

/**
 * A client for one InterMine (FlyMine, HumanMine, …): model, queries, streaming results,
 * lists, enrichment, templates, keyword search, id resolution and region search. Static
 * resources (version, release, model, summary fields, widgets, templates) are cached.
 * Queries are data ({@link Query}); the mine runs them.
 *
 * @example
 * ```ts
 * import { InterMine } from '@bio/intermine';
 * const mine = new InterMine({ baseUrl: 'https://www.flymine.org/flymine' });
 * const q = mine.query('Gene').select('symbol', 'length').where('symbol', 'ONE OF', ['eve', 'zen']);
 * for await (const [symbol, length] of mine.rows(q)) console.log(symbol, length);
 * ```
 */
export class InterMine {
  /** The service URL (`…/service`). */
  readonly baseUrl: string;
  /** The underlying `@bio/core-http` client (for endpoints this package does not wrap). */
  readonly http: HttpClient;
  /** List operations: `all`, `get`, `create`, `append`, `union`, `intersect`, `diff`, `subtract`, `delete`, `rename`. */
  readonly lists: Lists;
  /** The user's saved queries (`/user/queries`). */
  readonly savedQueries: SavedQueries;
  /** The user's preferences (`/user/preferences`). */
  readonly preferences: UserPreferences;
  readonly #cache = new Map<string, Promise<unknown>>();
  readonly #settled = new Map<string, unknown>();

  /**
   * Connect to a mine. Nothing is requested until a method is called. A 401 gets a hint about
   * bad or expired tokens added to its message (a `beforeError` hook, run before yours).
   *
   * @example
   * ```ts
   * const mine = new InterMine({ baseUrl: 'https://www.flymine.org/flymine', token: 'abc123', userAgent: 'my-pipeline/1.0' });
   * ```
   */
  constructor(options: InterMineOptions) {
    const baseUrl = normaliseBaseUrl(options?.baseUrl);
    const auth = authOf(options);
    this.baseUrl = baseUrl;
    this.http = createServiceClient(
      { ...options, baseUrl, auth, hooks: { ...options.hooks, beforeError: [withUnauthorizedHint, ...(options.hooks?.beforeError ?? [])] } },
      { name: 'intermine', version: VERSION, baseUrl, serviceMessage: interMineServiceMessage, errorInBody: interMineErrorInBody },
    );
    this.lists = new Lists(this.http, (query, call) => this.prepare(query, call));
    this.savedQueries = new SavedQueries(this.http);
    this.preferences = new UserPreferences(this.http);
  }

  /**
   * Connect with an anonymous 24-hour token from `GET /session` (enough to create and use
   * lists without an account).
   *
   * @example
   * ```ts
   * const mine = await InterMine.withAnonymousToken({ baseUrl: 'https://www.flymine.org/flymine' });
   * await mine.lists.create(['eve'], { name: 'tmp', type: 'Gene' });
   * ```
   */
  static async withAnonymousToken(options: Omit<InterMineOptions, 'token' | 'auth'>, call: CallOptions = {}): Promise<InterMine> {
    const probe = new InterMine(options);
    const url = probe.http.url('session');
    const body = await probe.http.get('session', callOpt(call)).json<{ token?: unknown }>();
    if (typeof body.token !== 'string' || body.token === '') {
      throw new ResponseFormatError({ message: `GET ${url} returned no token`, service: 'intermine', method: 'GET', url });
    }
    return new InterMine({ ...options, token: body.token });
  }

  #cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.#cache.get(key);
    if (hit) return hit as Promise<T>;
    const promise = load();
    this.#cache.set(key, promise);
    promise.then(
      (value) => {
        if (this.#cache.get(key) === promise) this.#settled.set(key, value);
      },
      () => {
        if (this.#cache.get(key) === promise) this.#cache.delete(key);
      },
    );
    return promise;
  }

  /** A cached `GET path?format=json`, reduced by `pick`. */
  #cachedGet<B, T>(path: string, pick: (body: B) => T, options: CallOptions): Promise<T> {
    return this.#cached(path, async () => pick(await this.http.get(path, { searchParams: { format: 'json' }, ...callOpt(options) }).json<B>()));
  }

  /**
   * Forget the cached model, version, release, summary fields, widgets and templates.
   *
   * @example
   * ```ts
   * mine.clearCache();
   * ```
   */
  clearCache(): void {
    this.#cache.clear();
    this.#settled.clear();
  }

  /**
   * The web-service API version (an integer, cached).
   *
   * @example
   * ```ts
   * await mine.version(); // 33
   * ```
   */
  version(options: CallOptions = {}): Promise<number> {
    return this.#cachedGet('version', (b: { version: number | string }) => Number(b.version), options);
  }

  /**
   * The data release (cached).
   *
   * @example
   * ```ts
   * await mine.release(); // 'FlyMine 2022'
   * ```
   */
  release(options: CallOptions = {}): Promise<string> {
    return this.#cachedGet('version/release', (b: { version: string }) => String(b.version), options);
  }

  /**
   * The InterMine software version (cached).
   *
   * @example
   * ```ts
   * await mine.intermineVersion(); // '5.1.0'
   * ```
   */
  intermineVersion(options: CallOptions = {}): Promise<string> {
    return this.#cachedGet('version/intermine', (b: { version: string }) => String(b.version), options);
  }

  /**
   * The data model, parsed (cached).
   *
   * @example
   * ```ts
   * const model = await mine.model();
   * model.getClass('Gene').collections.pathways.referencedType; // 'Pathway'
   * ```
   */
  model(options: CallOptions = {}): Promise<Model> {
    // Older mines answer XML whatever the format asked for: read either.
    return this.#cached('model', async () => {
      const body = await this.#jsonOrXml('model', options);
      return typeof body === 'string' ? Model.fromXML(body) : Model.fromJSON(body as ModelJson);
    });
  }

  /** `GET path?format=json`, read as JSON (its `wasSuccessful: false` a typed error) or, from an older mine, as XML text. */
  async #jsonOrXml(path: string, options: CallOptions): Promise<unknown> {
    const text = await this.http.get(path, { searchParams: { format: 'json' }, ...callOpt(options) }).text();
    if (text.trimStart().startsWith('<')) return text;
    const url = this.http.url(path);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new ResponseFormatError({ message: `GET ${url}: neither JSON nor XML`, service: 'intermine', method: 'GET', url, body: text.slice(0, 200) });
    }
    const failure = interMineErrorInBody(body);
    if (failure)
      throw createHttpError({
        ...failure,
        serviceMessage: failure.message,
        message: `${failure.status} GET ${url}: ${failure.message}`,
        method: 'GET',
        url,
        service: 'intermine',
        body,
      });
    return body;
  }

  /**
   * Summary fields per class (what `x.*` selects), cached.
   *
   * @example
   * ```ts
   * (await mine.summaryFields()).Gene; // ['Gene.primaryIdentifier', 'Gene.symbol', …]
   * ```
   */
  summaryFields(options: CallOptions = {}): Promise<Record<string, string[]>> {
    return this.#cached(
      'summaryfields',
      async () => (await this.http.get('summaryfields', callOpt(options)).json<{ classes?: Record<string, string[]> }>()).classes ?? {},
    );
  }

  /**
   * Class keys (fields that identify objects, used by LOOKUP and list upload), cached.
   *
   * @example
   * ```ts
   * (await mine.classKeys()).Gene; // ['Gene.primaryIdentifier', 'Gene.symbol', …]
   * ```
   */
  classKeys(options: CallOptions = {}): Promise<Record<string, string[]>> {
    return this.#cached(
      'classkeys',
      async () => (await this.http.get('classkeys', callOpt(options)).json<{ classes?: Record<string, string[]> }>()).classes ?? {},
    );
  }

  /**
   * The user the token belongs to.
   *
   * @example
   * ```ts
   * const { username } = await mine.whoami();
   * ```
   */
  async whoami(options: CallOptions = {}): Promise<InterMineUser> {
    const url = this.http.url('user/whoami');
    const body = await this.http.get('user/whoami', callOpt(options)).json<{ user?: InterMineUser }>();
    if (typeof body.user !== 'object' || body.user === null)
      throw new ResponseFormatError({ message: `GET ${url}: the response has no "user"`, service: 'intermine', method: 'GET', url, body });
    return { username: body.user.username, id: String(body.user.id), preferences: body.user.preferences ?? {} };
  }

  /**
   * Start a query on a root class (or copy a {@link Query} with this mine's model). Paths are
   * validated against the model when it has been loaded (`await mine.model()`), and always
   * before the query runs.
   *
   * @example
   * ```ts
   * const q = mine.query('Gene').select('symbol').where('symbol', '=', 'eve');
   * ```
   */
  query<M = unknown, R extends RootOf<M> = RootOf<M>>(root: R | Query): Query<M, R> {
    const options = { model: this.#peek<Model>('model'), summaryFields: this.#peek<Record<string, string[]>>('summaryfields') };
    if (root instanceof Query) return Query.fromJSON(root.toJSON() as unknown as Record<string, unknown>, options) as Query<M, R>;
    return new Query<M, R>(root, options);
  }
  /**
   * This mine seen through generated model types (`modelToTypeScript`): `query(root)` infers the
   * root class, so an unknown path, or a path of another class, does not compile, and `rows()`
   * infers the row type. TypeScript cannot infer one type argument when another is given, hence
   * this step instead of `mine.query<FlyMine>('Gene')` (which accepts a path of any class).
   *
   * @example
   * ```ts
   * import type { FlyMine } from './flymine.js'; // written by `bio intermine types`
   * const q = mine.typed<FlyMine>().query('Gene').select('symbol', 'organism.name');
   * for await (const [symbol, organism] of mine.rows(q)) console.log(symbol, organism);
   * ```
   */
  typed<M>(): TypedMine<M> {
    return { query: <R extends RootOf<M>>(root: R) => this.query<M, R>(root) };
  }

  /**
   * Parse PathQuery XML, with this mine's model when it has been loaded.
   *
   * @example
   * ```ts
   * const q = mine.load('<query model="genomic" view="Gene.symbol"/>');
   * ```
   */
  load(xml: string): Query {
    return Query.fromXML(xml, { model: this.#peek<Model>('model') });
  }

  #peek<T>(key: string): T | undefined {
    return this.#settled.get(key) as T | undefined;
  }

  /**
   * The copy of a query that goes on the wire: the model loaded (and bound to the copy), `*`
   * expanded with the summary fields, every path and operator validated (`ValidationError`
   * before any results request).
   *
   * @example
   * ```ts
   * const xml = (await mine.prepare(mine.query('Gene').select('*'))).toXML();
   * ```
   */
  async prepare(query: Query, options: CallOptions = {}): Promise<Query> {
    if (!(query instanceof Query)) throw new ValidationError({ message: 'expected a Query (mine.query(), mine.load(), new Query())', field: 'query' });
    const model = await this.model(options);
    const q = query.clone();
    // expandStars binds the model to the copy even without stars: it then resolves its own paths
    // (the class of a list made from it, for one).
    q.expandStars(model, q.hasStars ? await this.summaryFields(options) : undefined);
    return q.validate(model);
  }

  #results<T>(query: Query, format: 'json' | 'jsonobjects', options: RowsOptions, map?: (views: readonly string[]) => (item: never) => T): Paged<T> {
    let mapItem: ((item: never) => T) | undefined;
    return resultsPaged<T>(
      this.http,
      'query/results',
      async () => {
        const q = await this.prepare(query, options);
        // Pages must not overlap or skip rows: without a sort the server's order is not stable.
        if (options.pageSize !== undefined && q.sortOrder.length === 0) q.orderBy(`${q.root}.id`, 'asc');
        if (map) mapItem = map(q.views);
        return { query: q.toXML(), format };
      },
      options,
      () => this.count(query, options),
      map === undefined ? undefined : (item: never) => mapItem!(item),
    );
  }

  /**
   * Result rows (arrays of cells, one per view column), streamed: memory stays flat whatever
   * the size. `max` stops early, `pageSize` fetches in pages (adding a stable sort on
   * `<root>.id` when the query has none), `total()` asks the mine for the count. A failure the
   * server reports after HTTP 200 throws mid-iteration.
   *
   * @example
   * ```ts
   * const rows = mine.rows(q, { max: 100 });
   * for await (const [symbol, length] of rows) console.log(symbol, length);
   * await rows.total(); // 2
   * ```
   */
  // A typed query (mine.query<FlyMine, 'Gene'>) gives its row type; an untyped one takes an optional T.
  rows<M extends object, R extends string, T extends Cell[]>(query: Query<M, R, T>, options?: RowsOptions): Paged<T>;
  /** For a query whose row type is not known statically: rows typed as `T` (default `Cell[]`). */
  rows<T extends Cell[] = Cell[]>(query: Query, options?: RowsOptions): Paged<T>;
  rows<T extends Cell[] = Cell[]>(query: Query, options: RowsOptions = {}): Paged<T> {
    return this.#results<T>(query, 'json', options);
  }

  /**
   * Result rows by column name: each {@link Row} holds the cells of `rows()` (`row.cells`,
   * `const [a, b] = row`) and gives them by view path or short name (`row.get('symbol')`,
   * `row.get('Gene.symbol')`, `row.toObject()`); one column index is shared by every row.
   * Streamed, paged and checked like `rows()`.
   *
   * @example
   * ```ts
   * for await (const row of mine.namedRows(mine.query('Gene').select('symbol', 'organism.name'))) {
   *   console.log(row.get('symbol'), row.get('organism.name'));
   * }
   * ```
   */
  namedRows<M extends object, R extends string, T extends Cell[]>(query: Query<M, R, T>, options?: RowsOptions): Paged<Row<T>>;
  /** For a query whose row type is not known statically: rows typed as `Row<T>` (default `Cell[]`). */
  namedRows<T extends Cell[] = Cell[]>(query: Query, options?: RowsOptions): Paged<Row<T>>;
  namedRows<T extends Cell[] = Cell[]>(query: Query, options: RowsOptions = {}): Paged<Row<T>> {
    return this.#results<Row<T>>(query, 'json', options, (views) => {
      const columns = new Columns(views);
      return (cells: T) => new Row<T>(cells, columns);
    });
  }

  /**
   * Result objects (`format=jsonobjects`): nested records with `class` and `objectId`, streamed.
   *
   * @example
   * ```ts
   * for await (const gene of mine.records(q)) console.log(gene.symbol, gene.pathways);
   * ```
   */
  records<T = Record<string, unknown>>(query: Query, options: RowsOptions = {}): Paged<T> {
    return this.#results<T>(query, 'jsonobjects', options);
  }

  /**
   * Count the result rows.
   *
   * @example
   * ```ts
   * const n = await mine.count(q);
   * ```
   */
  async count(query: Query, options: CallOptions = {}): Promise<number> {
    const q = await this.prepare(query, options);
    return fetchCount(this.http, 'query/results', { query: q.toXML() }, options);
  }

  async *#text(query: Query, format: TextFormat, options: TextOptions): AsyncGenerator<string> {
    checkTextOptions(format, options);
    const q = await this.prepare(query, options);
    const { endpoint, form } = textRequest(q, format, options);
    if (format !== 'tsv' && format !== 'csv') {
      yield* postLines(this.http, endpoint, form, options);
      return;
    }
    yield* flatExport(this.http, endpoint, form, options, format, () => fetchCount(this.http, 'query/results', { query: q.toXML() }, options));
  }

  /**
   * Tab-separated lines (`headers` optional). A trailing `[ERROR] <code> <msg>` line throws. The
   * format has no trailer, so completeness is checked: a last row without its line break is a
   * `ResponseFormatError` (never a row), and after the last row the query's count is asked (one
   * more request) — fewer rows than it says is a `ResponseFormatError` naming both numbers.
   *
   * @example
   * ```ts
   * for await (const line of mine.tsv(q, { headers: 'path' })) process.stdout.write(line + '\n');
   * ```
   */
  tsv(query: Query, options: TextOptions = {}): AsyncGenerator<string> {
    return this.#text(query, 'tsv', options);
  }

  /**
   * Comma-separated lines, checked complete as {@link InterMine.tsv} is (a cut last row, then the count).
   *
   * @example
   * ```ts
   * for await (const line of mine.csv(q)) console.log(line);
   * ```
   */
  csv(query: Query, options: TextOptions = {}): AsyncGenerator<string> {
    return this.#text(query, 'csv', options);
  }

  /**
   * FASTA lines for the sequence features of the query (no paging: the server ignores start/size).
   *
   * @example
   * ```ts
   * for await (const line of mine.fasta(mine.query('Gene').select('primaryIdentifier').where('symbol', '=', 'eve'))) console.log(line);
   * ```
   */
  fasta(query: Query, options: TextOptions = {}): AsyncGenerator<string> {
    return this.#text(query, 'fasta', options);
  }

  /**
   * GFF3 lines.
   *
   * @example
   * ```ts
   * for await (const line of mine.gff3(q)) console.log(line);
   * ```
   */
  gff3(query: Query, options: TextOptions = {}): AsyncGenerator<string> {
    return this.#text(query, 'gff3', options);
  }

  /**
   * BED lines.
   *
   * @example
   * ```ts
   * for await (const line of mine.bed(q, { ucscCompatible: true })) console.log(line);
   * ```
   */
  bed(query: Query, options: TextOptions = {}): AsyncGenerator<string> {
    return this.#text(query, 'bed', options);
  }

  /**
   * Code that runs the query with one of InterMine's client libraries (`/query/code`): `py`
   * (Python), `pl` (Perl), `java`, `rb` (Ruby) or `js` (JavaScript).
   *
   * @example
   * ```ts
   * console.log(await mine.queryCode(q, { lang: 'py' }));
   * ```
   */
  async queryCode(query: Query, options: CallOptions & { lang: QueryCodeLanguage }): Promise<string> {
    const langs: readonly string[] = QUERY_CODE_LANGUAGES;
    if (!langs.includes(options?.lang))
      throw new ValidationError({
        message: `lang must be one of ${langs.join(', ')}, got ${JSON.stringify(options?.lang)}${didYouMean(String(options?.lang), langs)}`,
        field: 'lang',
      });
    const q = await this.prepare(query, options);
    const url = this.http.url('query/code');
    const body = await this.http
      .post('query/code', { form: { query: q.toXML(), lang: options.lang, format: 'json' }, idempotent: true, ...callOpt(options) })
      .json<{ code?: unknown }>();
    if (typeof body.code !== 'string')
      throw new ResponseFormatError({ message: `POST ${url}: the response has no "code"`, service: 'intermine', method: 'POST', url, body });
    return body.code;
  }

  /**
   * Summarise one column of a query: value counts, or min/max/average/stdev and a histogram for numbers.
   *
   * @example
   * ```ts
   * const s = await mine.summarise(q, 'length'); // { kind: 'numeric', min, max, average, stdev, uniqueValues, buckets, histogram: [{ bucket, count }, …] }
   * ```
   */
  async summarise(query: Query, path: string, options: SummaryOptions = {}): Promise<ColumnSummary> {
    checkSummaryOptions(options);
    if (typeof path !== 'string' || path.trim() === '') throw new ValidationError({ message: 'a path must be a non-empty string', field: 'path' });
    const abs = path === query.root || path.startsWith(`${query.root}.`) ? path : `${query.root}.${path}`;
    const base = query.views.includes(abs) ? query : query.clone().addToSelect(abs);
    return fetchSummary(this.http, await this.prepare(base, options), abs, options);
  }

  /**
   * The widget catalogue (cached).
   *
   * @example
   * ```ts
   * (await mine.widgets()).filter((w) => w.widgetType === 'enrichment').map((w) => w.name);
   * ```
   */
  widgets(options: CallOptions = {}): Promise<Widget[]> {
    return this.#cached('widgets', () => fetchWidgets(this.http, options));
  }

  /**
   * Enrichment statistics for a list, or for object ids of a type.
   *
   * @example
   * ```ts
   * const { rows } = await mine.enrichment({ list: 'demo-list', widget: 'pathway_enrichment', maxp: 0.05 });
   * await mine.enrichment({ ids: [1016298, 1064198], type: 'Gene', widget: 'pathway_enrichment' });
   * ```
   */
  enrichment(options: EnrichmentOptions): Promise<EnrichmentResult> {
    return runEnrichment(this.http, options);
  }

  /**
   * Every template the user can see (cached).
   *
   * @example
   * ```ts
   * (await mine.templates()).map((t) => t.name);
   * ```
   */
  templates(options: CallOptions = {}): Promise<Template[]> {
    return this.#cached('templates', async () => {
      // Older mines answer template XML (`<template-queries>`) whatever the format asked for.
      const body = await this.#jsonOrXml('templates', options);
      if (typeof body === 'string') return templatesFromXML(this.http, body, { lists: this.lists });
      return templatesFromJSON(this.http, body as Parameters<typeof templatesFromJSON>[1], (json) => Query.fromJSON(json), { lists: this.lists });
    });
  }

  /**
   * Templates from template XML (an exported `<template-queries>` file or one `<template>`),
   * bound to this mine as local templates: they run as queries until `save()`d, and keep their
   * `<pathDescription>`s.
   *
   * @example
   * ```ts
   * const [t] = mine.loadTemplates(await readFile('templates.xml', 'utf8'));
   * for await (const row of t.rows({ A: 'eve' })) console.log(row);
   * await t.save();
   * ```
   */
  loadTemplates(xml: string): Template[] {
    if (typeof xml !== 'string') throw new ValidationError({ message: 'template XML must be a string', field: 'xml' });
    return templatesFromXML(this.http, xml, { saved: false, lists: this.lists });
  }

  /**
   * A local template built from a query: constraints marked `editable: true` take values per
   * run. It runs as a query until `save()`d to the user's account.
   *
   * @example
   * ```ts
   * const q = mine.query('Gene').select('symbol', 'length').where({ path: 'Gene.symbol', op: '=', value: 'eve', editable: true });
   * const t = mine.templateFrom(q, { name: 'Gene_length', title: 'Gene --> length' });
   * await t.count({ A: 'zen' });
   * ```
   */
  templateFrom(query: Query, meta: { name: string; title?: string | undefined; description?: string | undefined; comment?: string | undefined }): Template {
    if (!(query instanceof Query)) throw new ValidationError({ message: 'expected a Query (mine.query(), mine.load(), new Query())', field: 'query' });
    if (!query.constraints.some((c) => c.editable === true))
      throw new ValidationError({ message: 'a template needs at least one editable constraint ({ …, editable: true })', field: 'query' });
    return new Template(this.http, query.clone(), meta, { saved: false, lists: this.lists });
  }

  /**
   * One template by name (`NotFoundError` with suggestions when there is none).
   *
   * @example
   * ```ts
   * const t = await mine.template('Gene_Pathways');
   * for await (const row of t.rows({ A: 'eve' })) console.log(row);
   * ```
   */
  async template(name: string, options: CallOptions = {}): Promise<Template> {
    if (typeof name !== 'string' || name.trim() === '') throw new ValidationError({ message: 'a template name must be a non-empty string', field: 'name' });
    const all = await this.templates(options);
    const found = all.find((t) => t.name === name);
    if (!found) {
      throw new NotFoundError({
        status: 404,
        service: 'intermine',
        message: `no template named "${name}"${didYouMean(
          name,
          all.map((t) => t.name),
        )}`,
      });
    }
    return found;
  }

  /**
   * Keyword search with facets: the hits as a {@link Paged} (`total()` is `totalHits`) and
   * `facets()`.
   *
   * @example
   * ```ts
   * const hits = mine.search('eve', { facets: { Category: 'Gene' }, max: 10 });
   * console.log(await hits.total(), (await hits.facets()).Category);
   * for await (const hit of hits) console.log(hit.fields.symbol);
   * ```
   */
  search(q: string, options: SearchOptions = {}): SearchResults {
    return runSearch(this.http, q, options);
  }

  /**
   * Resolve identifiers to objects: submit a job, poll with backoff (204 "not ready" included)
   * until `deadline`, fetch the typed result, delete the job.
   *
   * @example
   * ```ts
   * const r = await mine.resolveIds({ type: 'Gene', identifiers: ['eve', 'zen'], extra: 'D. melanogaster' });
   * r.matches.MATCH.length; // 2
   * ```
   */
  resolveIds(options: ResolveIdsOptions): Promise<IdResolutionResult> {
    return runResolveIds(this.http, this.lists, options);
  }

  /**
   * A region search (regions are validated now; nothing is sent until a method is called).
   *
   * @example
   * ```ts
   * const r = mine.regions({ organism: 'D. melanogaster', featureTypes: ['Gene'], regions: ['2L:14614843..14619614'] });
   * for await (const line of r.fasta()) console.log(line);
   * ```
   */
  regions(options: RegionSearchOptions): RegionQuery {
    return new RegionQuery(this.lists, options);
  }

  /**
   * Possible values of a path, with counts (`/path/values`).
   *
   * @example
   * ```ts
   * await mine.pathValues('Organism.shortName'); // [{ value: 'D. melanogaster', count: 1 }, …]
   * ```
   */
  async pathValues(
    pathString: string,
    options: CallOptions & { typeConstraints?: Record<string, string> | undefined } = {},
  ): Promise<{ value: unknown; count: number }[]> {
    if (typeof pathString !== 'string' || pathString.trim() === '') throw new ValidationError({ message: 'a path must be a non-empty string', field: 'path' });
    const model = await this.model(options);
    model.resolvePath(pathString, options.typeConstraints ?? {});
    const body = await this.http
      .get('path/values', {
        searchParams: { path: pathString, format: 'json', typeConstraints: options.typeConstraints ? JSON.stringify(options.typeConstraints) : undefined },
        ...callOpt(options),
      })
      .json<{ results?: { value: unknown; count: number }[] }>();
    return body.results ?? [];
  }
}
