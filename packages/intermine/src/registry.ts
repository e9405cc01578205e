import { type CallOptions, type ClientOptions, createServiceClient, type HttpClient, NotFoundError, path, ValidationError } from '@bio/core-http';
import { InterMine, type InterMineOptions } from './intermine.js';
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

/**
 * One mine as the registry describes it.
 *
 * @example
 * ```ts
 * const m: MineInstance = { id: '1', name: 'FlyMine', namespace: 'flymine', url: 'https://www.flymine.org/flymine', organisms: ['D. melanogaster'] };
 * ```
 */
export interface MineInstance {
  id: string;
  name: string;
  namespace: string;
  url: string;
  description?: string;
  organisms?: string[];
  neighbours?: string[];
  status?: string;
  api_version?: string;
  release_version?: string;
  intermine_version?: string;
  [key: string]: unknown;
}

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
  async mines(options: CallOptions & { organism?: string | undefined } = {}): Promise<MineInstance[]> {
    const body = await this.http.get('instances', callOpt(options)).json<{ instances: MineInstance[] }>();
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
}
