// What this OMERO.web server offers, probed part by part, only when a call needs that part, once
// (a failed probe is not kept): the JSON API versions (`GET /api/`), mapr (`GET /mapr/api/config/`
// plus one route, asked without following a redirect: IDR-like deployments send every other
// `/mapr/api/…` to an HTML page) and the search engine (`GET /searchengine/api/v1/resources/`).
// The public IDR's answers are known and never asked (internal/idr-known.ts).
import { type CallOptions, type HttpClient, isNetworkError, path } from '@bio/core-http';
import { withCall } from './internal/call.js';
import { isObject } from './internal/json.js';

/** One mapr menu (e.g. `gene`) from `/mapr/api/config/`. @example `caps.mapr.keys.gene?.all // ['Gene Symbol', 'Gene Identifier']` */
export interface MaprKeyConfig {
  /** Every map-annotation key the menu searches, e.g. `['Gene Symbol', 'Gene Identifier']`. */
  all: string[];
  /** The key(s) the web UI's search field uses by default, e.g. `['Gene Symbol']`. */
  default: string[];
  /** The annotation namespaces of the menu, e.g. `['openmicroscopy.org/mapr/gene']`. */
  ns: string[];
  /** The menu's display name, e.g. `Gene`. */
  label: string;
  /** Whether a case-sensitive match may be asked for (otherwise `caseSensitive` is ignored); absent = no. */
  case_sensitive?: boolean;
  /** `enabled`: the web UI lists every value of the menu without a search term (e.g. `phenotype` on IDR). */
  wildcard?: { enabled?: boolean };
}

/**
 * What the server offers.
 *
 * @example
 * ```ts
 * const caps = await idr.capabilities();
 * if (caps.searchEngine) …; if (caps.mapr.status === 'available') …;
 * ```
 */
export interface Capabilities {
  /** Versions listed by `/api/` (`['0']`), empty when the JSON API is missing. */
  apiVersions: string[];
  /**
   * mapr: `available` (config and routes answer), `removed` (config answers but the routes
   * redirect to HTML — IDR since 2024-11), `absent` (not installed).
   */
  mapr: { status: 'available' | 'removed' | 'absent'; keys: Record<string, MaprKeyConfig> };
  /** The IDR search engine answers under `/searchengine/api/v1/`. */
  searchEngine: boolean;
}

/** The HTTP clients a probe uses: the client's, and one that does not follow redirects (mapr). */
export interface ProbeClients {
  http: HttpClient;
  noRedirect: HttpClient;
}

interface Probe {
  status: number;
  contentType: string;
  text: string;
}

/** GET without throwing on HTTP errors. A failure to get any answer rejects (and is not cached). */
async function probeText(
  http: HttpClient,
  route: string,
  options: CallOptions,
  extra: { searchParams?: Record<string, string>; retry?: false } = {},
): Promise<Probe> {
  const pending = http.get(route, withCall({ throwHttpErrors: false, ...extra }, options));
  const text = await pending.text();
  const response = await pending;
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text };
}

function parseJson(probe: Probe): unknown {
  if (probe.status !== 200 || !probe.contentType.includes('json')) return undefined;
  try {
    return JSON.parse(probe.text);
  } catch {
    return undefined;
  }
}

/** `GET /api/` → the JSON API versions (empty when there is no JSON API). */
export async function probeApiVersions(clients: ProbeClients, options: CallOptions = {}): Promise<string[]> {
  const body = parseJson(await probeText(clients.http, 'api/', options));
  return isObject(body) && Array.isArray(body.data)
    ? (body.data as unknown[]).flatMap((v) => (isObject(v) && typeof v.version === 'string' ? [v.version] : []))
    : [];
}

/** The redirect refusal of the no-redirect client (core-http's NetworkError for a 3xx it did not follow). */
export function isRedirectRefused(error: unknown): boolean {
  return isNetworkError(error) && /more than 0 redirects/.test(error.message);
}

/**
 * `GET /mapr/api/config/` → the menus; then one real route (`{first menu}/count/`), not following
 * a redirect: a 3xx there means the routes were switched off (`removed`), never an HTML page read.
 */
export async function probeMapr(clients: ProbeClients, options: CallOptions = {}): Promise<Capabilities['mapr']> {
  const config = parseJson(await probeText(clients.http, 'mapr/api/config/', options));
  const keys: Record<string, MaprKeyConfig> = {};
  if (isObject(config)) for (const [k, v] of Object.entries(config)) if (isObject(v)) keys[k] = v as unknown as MaprKeyConfig;
  const first = Object.keys(keys)[0];
  if (first === undefined) return { status: 'absent', keys };
  try {
    // One attempt: a refused redirect is an answer, not a failure to retry.
    const probe = await probeText(clients.noRedirect, path`mapr/api/${first}/count/`, options, { searchParams: { value: '__probe__' }, retry: false });
    return { status: parseJson(probe) === undefined ? 'removed' : 'available', keys };
  } catch (error) {
    if (isRedirectRefused(error)) return { status: 'removed', keys };
    throw error;
  }
}

/** `GET /searchengine/api/v1/resources/` → whether the IDR search engine answers. */
export async function probeSearchEngine(clients: ProbeClients, options: CallOptions = {}): Promise<boolean> {
  const probe = await probeText(clients.http, 'searchengine/api/v1/resources/', options);
  return probe.status === 200 && /search engine/i.test(probe.text);
}

/**
 * Options of {@link Idr.capabilities}: {@link CallOptions} and `refresh`.
 *
 * @example
 * ```ts
 * await idr.capabilities({ refresh: true, timeout: 10_000 });
 * ```
 */
export interface CapabilitiesOptions extends CallOptions {
  /** Probe again instead of using what is known (also for the public IDR, whose answers are otherwise known without asking). Default false. */
  refresh?: boolean | undefined;
}
