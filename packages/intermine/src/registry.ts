import { createHttpClient, type HttpClient, NotFoundError, path, ValidationError } from '@bio/core-http';
import { InterMine, type InterMineOptions } from './intermine.js';

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
 * Options of {@link Registry}.
 *
 * @example
 * ```ts
 * const registry = InterMine.registry({ timeout: 10_000 });
 * ```
 */
export interface RegistryOptions {
  /** Default {@link REGISTRY_URL}. */
  baseUrl?: string;
  fetch?: typeof fetch;
  timeout?: number | false;
  retry?: number;
  signal?: AbortSignal;
}

/**
 * The InterMine registry (`registry.intermine.org`): find mines by name or organism and connect.
 *
 * @example
 * ```ts
 * const registry = InterMine.registry();
 * const mines = await registry.mines({ organism: 'D. melanogaster' });
 * const flymine = await registry.connect('flymine');
 * ```
 */
export class Registry {
  readonly http: HttpClient;
  readonly #options: RegistryOptions;

  /**
   * Create a registry client (usually through `InterMine.registry()`).
   *
   * @example
   * ```ts
   * new Registry({ baseUrl: 'https://registry.intermine.org/service' });
   * ```
   */
  constructor(options: RegistryOptions = {}) {
    this.#options = options;
    this.http = createHttpClient({
      baseUrl: options.baseUrl ?? REGISTRY_URL,
      service: 'intermine-registry',
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
      ...(options.retry === undefined ? {} : { retry: options.retry }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  /**
   * Every registered mine, optionally only those with an organism (case-insensitive).
   *
   * @example
   * ```ts
   * (await registry.mines()).map((m) => m.name);
   * ```
   */
  async mines(options: { organism?: string; signal?: AbortSignal } = {}): Promise<MineInstance[]> {
    const body = await this.http.get('instances', options.signal ? { signal: options.signal } : {}).json<{ instances: MineInstance[] }>();
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
  async mine(name: string, options: { signal?: AbortSignal } = {}): Promise<MineInstance> {
    if (typeof name !== 'string' || name.trim() === '') throw new ValidationError({ message: 'a mine name must be a non-empty string', field: 'name' });
    const body = await this.http.get(path`instances/${name}`, options.signal ? { signal: options.signal } : {}).json<{ instance?: MineInstance }>();
    if (!body.instance) throw new NotFoundError({ status: 404, service: 'intermine-registry', message: `the registry has no mine "${name}"` });
    return body.instance;
  }

  /**
   * Look a mine up and return a client for it.
   *
   * @example
   * ```ts
   * const flymine = await registry.connect('flymine', { token: process.env.FLYMINE_TOKEN });
   * ```
   */
  async connect(name: string, options: Omit<InterMineOptions, 'root'> = {}): Promise<InterMine> {
    const info = await this.mine(name);
    return new InterMine({ ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}), ...options, root: info.url });
  }
}
