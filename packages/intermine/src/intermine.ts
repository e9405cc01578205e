import { createHttpClient, type HttpClient, type HttpHooks, NotFoundError, type RetryOptions, tokenAuth, ValidationError } from '@bio/core-http';
import { type EnrichmentOptions, type EnrichmentResult, fetchWidgets, runEnrichment, type Widget } from './enrichment.js';
import { type IdResolutionResult, type ResolveIdsOptions, runResolveIds } from './ids.js';
import { interMineErrorInBody, interMineServiceMessage } from './internal/errors.js';
import type { QueryRunner } from './internal/runner.js';
import { didYouMean } from './internal/suggest.js';
import { type InterMineList, Lists } from './lists.js';
import { Model, type ModelJson } from './model.js';
import { Query } from './query.js';
import { RegionQuery, type RegionSearchOptions } from './regions.js';
import { Registry, type RegistryOptions } from './registry.js';
import {
  type ColumnSummary,
  type CountOptions,
  type ListFromQueryOptions,
  type RowsOptions,
  runCount,
  runRows,
  runSummary,
  runText,
  type TextFormat,
  type TextOptions,
} from './results.js';
import { runSearch, type SearchOptions, type SearchResult } from './search.js';
import { type Template, templatesFromJSON } from './templates.js';
import { signalOpt } from './internal/request-options.js';

/**
 * Options of {@link InterMine}.
 *
 * @example
 * ```ts
 * const mine = new InterMine({ root: 'www.flymine.org/flymine', token: process.env.FLYMINE_TOKEN, timeout: 60_000 });
 * ```
 */
export interface InterMineOptions {
  /** The mine: `https://www.flymine.org/flymine`, with or without scheme and `/service`. */
  root: string;
  /** API token, sent only as `Authorization: Token …` (never in a URL). */
  token?: string;
  /** `Bearer` for a JWT. Default `Token`. */
  tokenScheme?: 'Token' | 'Bearer';
  /** Injected fetch (tests, proxies). */
  fetch?: typeof fetch;
  /** Per attempt, ms. Default 30 000 (core-http). Streams: covers the response head only. */
  timeout?: number | false;
  /** Retry policy for reads (GET and read-only POSTs such as query results). Default 2 retries. */
  retry?: RetryOptions | number;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  hooks?: HttpHooks;
  /** Cancels everything this client does. */
  signal?: AbortSignal;
  /** Sent in Node only (some mines refuse robot-like agents). */
  userAgent?: string;
}

/**
 * The FlyMine service root.
 *
 * @example
 * ```ts
 * new InterMine({ root: FLYMINE });
 * ```
 */
export const FLYMINE = 'https://www.flymine.org/flymine/service';

/**
 * Turn `www.flymine.org/flymine` into `https://www.flymine.org/flymine/service`.
 *
 * @example
 * ```ts
 * normaliseRoot('www.flymine.org/flymine'); // 'https://www.flymine.org/flymine/service'
 * ```
 */
export function normaliseRoot(root: string): string {
  if (typeof root !== 'string' || root.trim() === '') throw new ValidationError({ message: 'root must be the URL of a mine, e.g. https://www.flymine.org/flymine', field: 'root' });
  let url = root.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) url = `https://${url}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ValidationError({ message: `root is not a URL: ${JSON.stringify(root)}`, field: 'root' });
  }
  parsed.search = '';
  parsed.hash = '';
  let pathname = parsed.pathname.replace(/\/+$/, '');
  if (!pathname.endsWith('/service')) pathname += '/service';
  parsed.pathname = pathname;
  return parsed.href;
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
  username: string;
  id: string;
  preferences: Record<string, unknown>;
}

/**
 * A client for one InterMine (FlyMine, HumanMine, …): model, queries, streaming results,
 * lists, enrichment, templates, keyword search, id resolution and region search. Static
 * resources (version, release, model, summary fields, widgets, templates) are cached.
 *
 * @example
 * ```ts
 * import { InterMine } from '@bio/intermine';
 * const mine = new InterMine({ root: 'https://www.flymine.org/flymine' });
 * const q = mine.query('Gene').select('symbol', 'length').where('symbol', 'ONE OF', ['eve', 'zen']);
 * for await (const [symbol, length] of q.rows()) console.log(symbol, length);
 * ```
 */
export class InterMine implements QueryRunner {
  /** The service URL (`…/service`). */
  readonly root: string;
  /** The underlying `@bio/core-http` client (for endpoints this package does not wrap). */
  readonly http: HttpClient;
  /** List operations: `all`, `get`, `create`, `union`, `intersect`, `diff`, `subtract`, `delete`, `rename`. */
  readonly lists: Lists;
  readonly #cache = new Map<string, Promise<unknown>>();
  readonly #settled = new Map<string, unknown>();

  /**
   * Connect to a mine. Nothing is requested until a method is called.
   *
   * @example
   * ```ts
   * const mine = new InterMine({ root: 'https://www.flymine.org/flymine', token: 'abc123' });
   * ```
   */
  constructor(options: InterMineOptions) {
    this.root = normaliseRoot(options?.root);
    if (options.token !== undefined && (typeof options.token !== 'string' || options.token.trim() === '')) {
      throw new ValidationError({ message: 'token must be a non-empty string (leave it out for anonymous access)', field: 'token' });
    }
    this.http = createHttpClient({
      baseUrl: this.root,
      service: 'intermine',
      serviceMessage: interMineServiceMessage,
      errorInBody: interMineErrorInBody,
      ...(options.token ? { auth: tokenAuth({ token: options.token, scheme: options.tokenScheme ?? 'Token' }) } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
      ...(options.retry === undefined ? {} : { retry: options.retry }),
      ...(options.headers ? { headers: options.headers } : {}),
      ...(options.hooks ? { hooks: options.hooks } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.userAgent ? { userAgent: options.userAgent } : {}),
    });
    this.lists = new Lists(this);
  }

  /**
   * The public InterMine registry.
   *
   * @example
   * ```ts
   * const mines = await InterMine.registry().mines();
   * ```
   */
  static registry(options: RegistryOptions = {}): Registry {
    return new Registry(options);
  }

  /**
   * Connect with an anonymous 24-hour token from `GET /session` (enough to create and use
   * lists without an account). A bad token already configured gets a 401 there.
   *
   * @example
   * ```ts
   * const mine = await InterMine.withAnonymousToken({ root: 'https://www.flymine.org/flymine' });
   * await mine.lists.create({ name: 'tmp', type: 'Gene' }, ['eve']);
   * ```
   */
  static async withAnonymousToken(options: Omit<InterMineOptions, 'token'>, request: { signal?: AbortSignal } = {}): Promise<InterMine> {
    const probe = new InterMine(options);
    const body = await probe.http.get('session', signalOpt(request.signal)).json<{ token?: string }>();
    if (typeof body.token !== 'string' || body.token === '') {
      throw new ValidationError({ message: 'GET /session returned no token', field: 'token' });
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
  version(options: { signal?: AbortSignal } = {}): Promise<number> {
    return this.#cached('version', async () => {
      const body = await this.http.get('version', { searchParams: { format: 'json' }, ...signalOpt(options.signal) }).json<{ version: number | string }>();
      return Number(body.version);
    });
  }

  /**
   * The data release (cached).
   *
   * @example
   * ```ts
   * await mine.release(); // 'FlyMine 2022'
   * ```
   */
  release(options: { signal?: AbortSignal } = {}): Promise<string> {
    return this.#cached('release', async () => {
      const body = await this.http.get('version/release', { searchParams: { format: 'json' }, ...signalOpt(options.signal) }).json<{ version: string }>();
      return String(body.version);
    });
  }

  /**
   * The InterMine software version (cached).
   *
   * @example
   * ```ts
   * await mine.intermineVersion(); // '5.1.0'
   * ```
   */
  intermineVersion(options: { signal?: AbortSignal } = {}): Promise<string> {
    return this.#cached('intermine-version', async () => {
      const body = await this.http.get('version/intermine', { searchParams: { format: 'json' }, ...signalOpt(options.signal) }).json<{ version: string }>();
      return String(body.version);
    });
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
  model(options: { signal?: AbortSignal } = {}): Promise<Model> {
    return this.#cached('model', async () => {
      const body = await this.http.get('model', { searchParams: { format: 'json' }, ...signalOpt(options.signal) }).json<ModelJson>();
      return Model.fromJSON(body);
    });
  }

  /**
   * Summary fields per class (what `x.*` selects), cached.
   *
   * @example
   * ```ts
   * (await mine.summaryFields()).Gene; // ['Gene.primaryIdentifier', 'Gene.symbol', …]
   * ```
   */
  summaryFields(options: { signal?: AbortSignal } = {}): Promise<Record<string, string[]>> {
    return this.#cached('summaryfields', async () => {
      const body = await this.http.get('summaryfields', signalOpt(options.signal)).json<{ classes: Record<string, string[]> }>();
      return body.classes ?? {};
    });
  }

  /**
   * Class keys (fields that identify objects, used by LOOKUP and list upload), cached.
   *
   * @example
   * ```ts
   * (await mine.classKeys()).Gene; // ['Gene.primaryIdentifier', 'Gene.symbol', …]
   * ```
   */
  classKeys(options: { signal?: AbortSignal } = {}): Promise<Record<string, string[]>> {
    return this.#cached('classkeys', async () => {
      const body = await this.http.get('classkeys', signalOpt(options.signal)).json<{ classes: Record<string, string[]> }>();
      return body.classes ?? {};
    });
  }

  /**
   * The user the token belongs to.
   *
   * @example
   * ```ts
   * const { username } = await mine.whoami();
   * ```
   */
  async whoami(options: { signal?: AbortSignal } = {}): Promise<InterMineUser> {
    const body = await this.http.get('user/whoami', signalOpt(options.signal)).json<{ user: InterMineUser }>();
    return { username: body.user.username, id: String(body.user.id), preferences: body.user.preferences ?? {} };
  }

  /**
   * Start a query on a root class (or bind a parsed {@link Query} to this mine). Paths are
   * validated against the model when it has been loaded (`await mine.model()`), and always
   * before the query runs.
   *
   * @example
   * ```ts
   * const q = mine.query('Gene').select('symbol').where('symbol', '=', 'eve');
   * ```
   */
  query(root: string | Query): Query {
    const model = this.#peek<Model>('model');
    const summaryFields = this.#peek<Record<string, string[]>>('summaryfields');
    const options = { mine: this as QueryRunner, ...(model ? { model } : {}), ...(summaryFields ? { summaryFields } : {}) };
    if (root instanceof Query) return Query.fromJSON(root.toJSON() as unknown as Record<string, unknown>, options);
    return new Query(root, options);
  }

  /**
   * Parse PathQuery XML and bind it to this mine.
   *
   * @example
   * ```ts
   * const q = mine.load('<query model="genomic" view="Gene.symbol"/>');
   * ```
   */
  load(xml: string): Query {
    const model = this.#peek<Model>('model');
    return Query.fromXML(xml, { mine: this, ...(model ? { model } : {}) });
  }

  #peek<T>(key: string): T | undefined {
    return this.#settled.get(key) as T | undefined;
  }

  /**
   * The widget catalogue (cached).
   *
   * @example
   * ```ts
   * (await mine.widgets()).filter((w) => w.widgetType === 'enrichment').map((w) => w.name);
   * ```
   */
  widgets(options: { signal?: AbortSignal } = {}): Promise<Widget[]> {
    return this.#cached('widgets', () => fetchWidgets(this.http, options.signal));
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
  templates(options: { signal?: AbortSignal } = {}): Promise<Template[]> {
    return this.#cached('templates', async () => {
      const body = await this.http.get('templates', { searchParams: { format: 'json' }, ...signalOpt(options.signal) }).json<{ templates: Record<string, { name: string }> }>();
      return templatesFromJSON(this.http, body, (json) => Query.fromJSON(json, { mine: this }));
    });
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
  async template(name: string, options: { signal?: AbortSignal } = {}): Promise<Template> {
    if (typeof name !== 'string' || name.trim() === '') throw new ValidationError({ message: 'a template name must be a non-empty string', field: 'name' });
    const all = await this.templates(options);
    const found = all.find((t) => t.name === name);
    if (!found) {
      throw new NotFoundError({ status: 404, service: 'intermine', message: `no template named "${name}"${didYouMean(name, all.map((t) => t.name))}` });
    }
    return found;
  }

  /**
   * Keyword search with facets.
   *
   * @example
   * ```ts
   * const { totalHits, results } = await mine.search('eve', { facets: { Category: 'Gene' }, size: 10 });
   * ```
   */
  search(q: string, options: SearchOptions = {}): Promise<SearchResult> {
    return runSearch(this.http, q, options);
  }

  /**
   * Resolve identifiers to objects: submit a job, poll with backoff (204 "not ready" included),
   * fetch the typed result, delete the job.
   *
   * @example
   * ```ts
   * const r = await mine.resolveIds({ type: 'Gene', identifiers: ['eve', 'zen'], extra: 'D. melanogaster' });
   * r.matches.MATCH.length; // 2
   * ```
   */
  resolveIds(options: ResolveIdsOptions): Promise<IdResolutionResult> {
    return runResolveIds(this, options);
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
    return new RegionQuery(this, options);
  }

  /**
   * Possible values of a path, with counts (`/path/values`).
   *
   * @example
   * ```ts
   * await mine.pathValues('Organism.shortName'); // [{ value: 'D. melanogaster', count: 1 }, …]
   * ```
   */
  async pathValues(pathString: string, options: { typeConstraints?: Record<string, string>; signal?: AbortSignal } = {}): Promise<{ value: unknown; count: number }[]> {
    if (typeof pathString !== 'string' || pathString.trim() === '') throw new ValidationError({ message: 'a path must be a non-empty string', field: 'path' });
    const model = await this.model(options);
    model.resolvePath(pathString, options.typeConstraints ?? {});
    const body = await this.http
      .get('path/values', {
        searchParams: { path: pathString, format: 'json', typeConstraints: options.typeConstraints ? JSON.stringify(options.typeConstraints) : undefined },
        ...signalOpt(options.signal),
      })
      .json<{ results: { value: unknown; count: number }[] }>();
    return body.results ?? [];
  }

  // ─── QueryRunner (used by Query; not meant to be called directly) ────────

  /** @internal */
  runRows<T>(query: Query, format: 'json' | 'jsonobjects', options: RowsOptions): AsyncGenerator<T> {
    return runRows<T>(this.http, query, format, options);
  }

  /** @internal */
  runCount(query: Query, options: CountOptions): Promise<number> {
    return runCount(this.http, query, options);
  }

  /** @internal */
  runText(query: Query, format: TextFormat, options: TextOptions): AsyncGenerator<string> {
    return runText(this.http, query, format, options);
  }

  /** @internal */
  runSummary(query: Query, path: string, options: CountOptions & { filter?: string; size?: number }): Promise<ColumnSummary> {
    return runSummary(this.http, query, path, options);
  }

  /** @internal */
  runToList(query: Query, options: ListFromQueryOptions): Promise<InterMineList> {
    return this.lists.create(
      { name: options.name, ...(options.description === undefined ? {} : { description: options.description }), ...(options.tags ? { tags: options.tags } : {}), ...signalOpt(options.signal) },
      query,
    );
  }
}
