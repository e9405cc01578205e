// What this OMERO.web server offers, probed once and cached:
// `GET /api/` (JSON API versions), `GET /mapr/api/config/` (mapr keys) plus one mapr route
// (IDR redirects every other `/mapr/api/…` to an HTML page), and `GET /searchengine/api/v1/resources/`.
import { type CallOptions, type HttpClient, path } from '@bio/core-http';
import { withCall } from './internal/call.js';
import { isObject } from './internal/json.js';

/** One mapr menu (e.g. `gene`) from `/mapr/api/config/`. @example `caps.mapr.keys.gene?.all // ['Gene Symbol', 'Gene Identifier']` */
export interface MaprKeyConfig {
  all: string[];
  default: string[];
  ns: string[];
  label: string;
  case_sensitive?: boolean;
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

interface Probe {
  status: number;
  contentType: string;
  text: string;
}

/** GET without throwing on HTTP errors; a network failure is returned as `{ error }`. */
async function probeText(
  http: HttpClient,
  route: string,
  options: CallOptions,
  searchParams: Record<string, string> = {},
): Promise<Probe | { error: unknown }> {
  try {
    const pending = http.get(route, withCall({ throwHttpErrors: false, searchParams }, options));
    const text = await pending.text();
    const response = await pending;
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text };
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return { error };
  }
}

function parseJson(probe: Probe | { error: unknown }): unknown {
  if ('error' in probe || probe.status !== 200 || !probe.contentType.includes('json')) return undefined;
  try {
    return JSON.parse(probe.text);
  } catch {
    return undefined;
  }
}

/** Run the probes (in parallel). A network failure of `/api/` rejects, so nothing wrong gets cached. */
export async function probeCapabilities(http: HttpClient, options: CallOptions = {}): Promise<Capabilities> {
  const [api, config, engine] = await Promise.all([
    probeText(http, 'api/', options),
    probeText(http, 'mapr/api/config/', options),
    probeText(http, 'searchengine/api/v1/resources/', options),
  ]);
  // The server did not answer at all: fail (and do not cache) rather than report "nothing there".
  if ('error' in api) throw api.error;
  const apiBody = parseJson(api);
  const apiVersions =
    isObject(apiBody) && Array.isArray(apiBody.data)
      ? (apiBody.data as unknown[]).flatMap((v) => (isObject(v) && typeof v.version === 'string' ? [v.version] : []))
      : [];
  const configBody = parseJson(config);
  const keys: Record<string, MaprKeyConfig> = {};
  if (isObject(configBody)) for (const [k, v] of Object.entries(configBody)) if (isObject(v)) keys[k] = v as unknown as MaprKeyConfig;
  let status: Capabilities['mapr']['status'] = 'absent';
  const firstKey = Object.keys(keys)[0];
  if (firstKey !== undefined) {
    // One real route: on IDR it is redirected to the search engine's HTML docs.
    const probe = await probeText(http, path`mapr/api/${firstKey}/count/`, options, { value: '__probe__' });
    status = parseJson(probe) === undefined ? 'removed' : 'available';
  }
  const searchEngine = !('error' in engine) && engine.status === 200 && /search engine/i.test(engine.text);
  return { apiVersions, mapr: { status, keys }, searchEngine };
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
  /** Probe again instead of using the cached answer. Default false. */
  refresh?: boolean | undefined;
}
