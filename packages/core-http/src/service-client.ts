import { type HttpClient, type HttpClientOptions, createHttpClient } from './client.js';
import type { ClientOptions } from './contract.js';
import type { RetryOptions } from './retry.js';

/**
 * What a client fixes about its service when it builds its {@link HttpClient} with
 * {@link createServiceClient}.
 *
 * @example
 * ```ts
 * const service: ServiceDefinition = { name: 'mygene', version: VERSION, baseUrl: 'https://mygene.info/v3/' };
 * ```
 */
export interface ServiceDefinition extends Omit<HttpClientOptions, 'baseUrl' | 'service' | keyof ClientOptions> {
  /** The package name after `@bio/`, also put on errors as `service`. */
  name: string;
  /** The package version, for the default `User-Agent`. */
  version: string;
  /** The public service, used when the caller gives no `baseUrl`. */
  baseUrl: string;
  /** The service's own defaults for the contract's options (e.g. a longer `timeout`); the caller's values win. */
  defaults?: Pick<ClientOptions, 'timeout' | 'retry' | 'concurrency'>;
}

/**
 * The `User-Agent` every client sends: the caller's value first, then `@bio/<name>/<version>`
 * (as Octokit does), so servers can tell the application and the library apart.
 *
 * @example
 * ```ts
 * userAgentFor('mygene', '0.2.0', 'my-pipeline/1.4'); // 'my-pipeline/1.4 @bio/mygene/0.2.0'
 * ```
 */
export function userAgentFor(name: string, version: string, userAgent?: string | undefined): string {
  const ours = `@bio/${name}/${version}`;
  return userAgent === undefined || userAgent.trim() === '' ? ours : `${userAgent.trim()} ${ours}`;
}

// The caller's retry refines the service's: a number changes only `limit`, an object only the fields it sets.
function mergeRetry(service: RetryOptions | number | undefined, caller: RetryOptions | number | undefined): RetryOptions | number | undefined {
  if (caller === undefined) return service;
  if (service === undefined || typeof service === 'number') return caller;
  return typeof caller === 'number' ? { ...service, limit: caller } : { ...service, ...definedFields(caller) };
}

function definedFields<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Build a client's {@link HttpClient} from the contract's {@link ClientOptions}: the same option
 * names mean the same thing in every client. `undefined` fields fall back to the service's
 * defaults, then to core-http's; a caller's `retry` refines the service's (a number sets `limit`).
 *
 * @example
 * ```ts
 * const http = createServiceClient(options, { name: 'mygene', version: VERSION, baseUrl: 'https://mygene.info/v3/' });
 * ```
 */
export function createServiceClient(options: ClientOptions, service: ServiceDefinition): HttpClient {
  const { name, version, baseUrl, defaults = {}, ...rest } = service;
  const http: HttpClientOptions = { ...rest, baseUrl: options.baseUrl ?? baseUrl, service: name, userAgent: userAgentFor(name, version, options.userAgent) };
  const timeout = options.timeout ?? defaults.timeout;
  const retry = mergeRetry(defaults.retry, options.retry);
  const concurrency = options.concurrency ?? defaults.concurrency;
  if (options.auth !== undefined) http.auth = options.auth;
  if (options.fetch !== undefined) http.fetch = options.fetch;
  if (options.headers !== undefined) http.headers = options.headers;
  if (timeout !== undefined) http.timeout = timeout;
  if (retry !== undefined) http.retry = retry;
  if (options.hooks !== undefined) http.hooks = options.hooks;
  if (options.signal !== undefined) http.signal = options.signal;
  if (concurrency !== undefined) http.concurrency = concurrency;
  return createHttpClient(http);
}
