import { type CallOptions, type ClientOptions, createServiceClient, type HttpClient, NotFoundError, path, ValidationError } from '@bio/core-http';
import {
  type AcrossMinesOptions,
  type AcrossMinesResult,
  chooseMines,
  type MineTask,
  queryTask,
  type RowsAcrossMines,
  runOnMines,
  templateTask,
  unionOfRows,
} from './across-mines.js';
import { InterMine, type InterMineOptions } from './intermine.js';
import { didYouMean } from './internal/suggest.js';
import { Query } from './query.js';
import type { TemplateValues } from './templates.js';
import { callOpt } from './internal/request-options.js';
import { VERSION } from './internal/version.js';

/**
 * The public InterMine registry.
 *
 * @example
 * ```ts
 * new Registry({ baseUrl: REGISTRY_URL });
 * ```
 */
export const REGISTRY_URL = 'https://registry.intermine.org/service';

import type { MineInstance } from './mine-instance.js';
export type { MineInstance };

/**
 * Options of {@link Registry}: the family's {@link ClientOptions}; `baseUrl` defaults to {@link REGISTRY_URL}.
 *
 * @example
 * ```ts
 * const registry = new Registry({ timeout: 10_000 });
 * ```
 */
export type RegistryOptions = ClientOptions;

/**
 * The InterMine registry (`registry.intermine.org`): find mines by name or organism and connect.
 *
 * @example
 * ```ts
 * const registry = new Registry();
 * const mines = await registry.mines({ organism: 'D. melanogaster' });
 * const flymine = await registry.connect('flymine');
 * ```
 */
export class Registry {
  /** The registry's service URL. */
  readonly baseUrl: string;
  /** The underlying `@bio/core-http` client. */
  readonly http: HttpClient;
  readonly #options: RegistryOptions;

  /**
   * Create a registry client.
   *
   * @example
   * ```ts
   * new Registry({ baseUrl: 'https://registry.intermine.org/service' });
   * ```
   */
  constructor(options: RegistryOptions = {}) {
    this.#options = options;
    this.baseUrl = options.baseUrl ?? REGISTRY_URL;
    this.http = createServiceClient(options, { name: 'intermine', version: VERSION, baseUrl: REGISTRY_URL });
  }

  /**
   * Every registered mine, optionally only those with an organism (case-insensitive).
   *
   * @example
   * ```ts
   * (await registry.mines()).map((m) => m.name);
   * ```
   */
  async mines(options: CallOptions & { organism?: string | undefined; development?: boolean | undefined } = {}): Promise<MineInstance[]> {
    // The registry lists production mines unless asked for `mines=all`.
    const searchParams = options.development ? { mines: 'all' } : undefined;
    const body = await this.http.get('instances', { ...(searchParams ? { searchParams } : {}), ...callOpt(options) }).json<{ instances: MineInstance[] }>();
    const all = body.instances ?? [];
    if (!options.organism) return all;
    const want = options.organism.toLowerCase();
    return all.filter((m) => (m.organisms ?? []).some((o) => o.toLowerCase() === want));
  }

  /**
   * One mine by id, name or namespace (`NotFoundError` when unknown).
   *
   * @example
   * ```ts
   * const info = await registry.mine('flymine');
   * ```
   */
  async mine(name: string, options: CallOptions = {}): Promise<MineInstance> {
    if (typeof name !== 'string' || name.trim() === '') throw new ValidationError({ message: 'a mine name must be a non-empty string', field: 'name' });
    const body = await this.http.get(path`instances/${name}`, callOpt(options)).json<{ instance?: MineInstance }>();
    if (!body.instance) throw new NotFoundError({ status: 404, service: 'intermine', message: `the registry has no mine "${name}"` });
    return body.instance;
  }

  /**
   * Look a mine up and return a client for it (with this registry's `fetch` unless `options` has one).
   *
   * @example
   * ```ts
   * const flymine = await registry.connect('flymine', { token: process.env.FLYMINE_TOKEN });
   * ```
   */
  async connect(name: string, options: Omit<InterMineOptions, 'baseUrl'> = {}, call: CallOptions = {}): Promise<InterMine> {
    const info = await this.mine(name, call);
    return new InterMine({ fetch: this.#options.fetch, ...options, baseUrl: info.url });
  }

  /**
   * Run the same work on many mines (every mine of the registry, or `mines`), `concurrency` at a
   * time. Each mine's value or error is kept apart: a failing mine never hides the others.
   *
   * @example
   * ```ts
   * const { outcomes, failed } = await registry.acrossMines((mine) => mine.release(), { concurrency: 2 });
   * ```
   */
  async acrossMines<T>(task: MineTask<T>, options: AcrossMinesOptions = {}): Promise<AcrossMinesResult<T>> {
    if (typeof task !== 'function') throw new ValidationError({ message: 'acrossMines needs a function (mine, info, call) => …', field: 'task' });
    const listing = await this.mines({ ...callOpt(options), organism: options.organism, development: options.development });
    const mines = chooseMines(listing, options.mines, didYouMean);
    const client = options.client;
    const connect = (info: MineInstance): InterMine =>
      new InterMine({ fetch: this.#options.fetch, ...(typeof client === 'function' ? client(info) : client), baseUrl: info.url });
    return runOnMines(mines, connect, task, options);
  }

  /**
   * A query's rows from many mines (each validates it against its own model): per-mine rows and
   * errors, the union of the rows with the mines that returned each, and the count per mine.
   *
   * @example
   * ```ts
   * const q = new Query('Gene').select('symbol', 'organism.shortName').where('symbol', '=', 'eve');
   * const { union, counts, failed } = await registry.rowsAcrossMines(q, { mines: ['flymine', 'humanmine'] });
   * ```
   */
  async rowsAcrossMines(query: Query, options: AcrossMinesOptions & { max?: number | undefined } = {}): Promise<RowsAcrossMines> {
    if (!(query instanceof Query)) throw new ValidationError({ message: 'expected a Query', field: 'query' });
    return unionOfRows(await this.acrossMines(queryTask(query, options.max), options));
  }

  /**
   * A template's rows from every mine that has it, as {@link Registry.rowsAcrossMines}.
   *
   * @example
   * ```ts
   * await registry.templateRowsAcrossMines('Gene_Pathways', { A: 'eve' });
   * ```
   */
  async templateRowsAcrossMines(
    name: string,
    values: TemplateValues = {},
    options: AcrossMinesOptions & { max?: number | undefined } = {},
  ): Promise<RowsAcrossMines> {
    if (typeof name !== 'string' || name.trim() === '') throw new ValidationError({ message: 'a template name must be a non-empty string', field: 'name' });
    return unionOfRows(await this.acrossMines(templateTask(name, values, options.max), options));
  }
}
