// Re-record scenarios from the fixtures themselves: each fixture's requests, sent again in order
// to a live service, so any client's fixtures can be re-recorded without hand-written scenarios.
import type { Fixture, FixtureBody, FixtureRequest } from './fixture-types.js';
import { REDACTED } from './match.js';
import type { RecordScenario } from './record-scenarios.js';

/** Options of {@link fixtureScenarios}. */
export interface FixtureScenariosOptions {
  /** The live service root the fixtures' paths are resolved against (its origin; the fixture paths are absolute). */
  baseUrl: string;
  /**
   * Values for the `[REDACTED]` placeholders of the fixtures' requests (a password, a token), in
   * the order they appear. A fixture whose requests hold a placeholder with no value here is not
   * replayable: it is listed in `needsSecrets` instead of becoming a scenario.
   */
  secrets?: readonly string[] | undefined;
}

/** What {@link fixtureScenarios} made. */
export interface FixtureScenarios {
  /** One scenario per replayable fixture, by fixture name: its requests in order. */
  scenarios: Record<string, RecordScenario>;
  /** Fixtures left out because a request holds a `[REDACTED]` value and no secret was given. */
  needsSecrets: string[];
}

function bodyInit(body: FixtureBody | undefined, headers: Headers): BodyInit | undefined {
  if (body === undefined) return undefined;
  if ('json' in body) {
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    return JSON.stringify(body.json);
  }
  if ('text' in body) return body.text;
  if ('xml' in body) {
    if (!headers.has('content-type')) headers.set('content-type', 'application/xml');
    return body.xml;
  }
  if ('base64' in body) return Uint8Array.from(atob(body.base64), (c) => c.charCodeAt(0));
  if ('form' in body) {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(body.form)) for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
    return form;
  }
  const multipart = new FormData();
  for (const [name, value] of Object.entries(body.multipart)) {
    if (typeof value === 'string') multipart.append(name, value);
    else {
      const bytes = value.base64 !== undefined ? Uint8Array.from(atob(value.base64), (c) => c.charCodeAt(0)) : new TextEncoder().encode(value.text ?? '');
      multipart.append(name, new Blob([bytes], value.type === undefined ? {} : { type: value.type }), value.filename);
    }
  }
  return multipart;
}

/**
 * The fixture request as a `Request` on `baseUrl`'s origin: the path, query, headers and body the
 * fixture records, ready to send to the live service when re-recording.
 *
 * @example
 * ```ts
 * const [fixture] = loadFixtures('fixtures');
 * const response = await fetch(requestOf(fixture.exchanges[0].request, 'https://mygene.info'));
 * ```
 */
export function requestOf(request: FixtureRequest, baseUrl: string): Request {
  const url = new URL(request.path, new URL(baseUrl).origin);
  for (const [name, value] of Object.entries(request.query ?? {})) for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(name, v);
  const headers = new Headers(request.headers ?? {});
  const body = bodyInit(request.body, headers);
  return new Request(url, { method: request.method, headers, ...(body === undefined ? {} : { body }) });
}

/**
 * Scenarios that re-record `fixtures` from a live service: each sends its fixture's requests
 * again, in order, and records what the service answers now (`recordScenarios` writes them with
 * `recorded` provenance). A request's `[REDACTED]` values are filled from `secrets` in order.
 *
 * @example
 * ```ts
 * const { scenarios, needsSecrets } = fixtureScenarios(loadFixtures('fixtures'), { baseUrl: 'https://www.flymine.org/flymine/service' });
 * await recordScenarios({ dir: 'fixtures', scenarios });
 * console.log('not re-recorded (credentials needed):', needsSecrets);
 * ```
 */
export function fixtureScenarios(fixtures: readonly Fixture[], options: FixtureScenariosOptions): FixtureScenarios {
  const scenarios: Record<string, RecordScenario> = {};
  const needsSecrets: string[] = [];
  for (const fixture of fixtures) {
    const text = JSON.stringify(fixture.exchanges.map((e) => e.request));
    const placeholders = text.split(REDACTED).length - 1;
    if (placeholders > (options.secrets?.length ?? 0)) {
      needsSecrets.push(fixture.name);
      continue;
    }
    scenarios[fixture.name] = async (fetch) => {
      let next = 0;
      const fill = (value: string): string => value.replaceAll(REDACTED, () => options.secrets?.[next++] ?? REDACTED);
      for (const exchange of fixture.exchanges) {
        const filled = JSON.parse(JSON.stringify(exchange.request), (_key, value: unknown) =>
          typeof value === 'string' ? fill(value) : value,
        ) as FixtureRequest;
        const response = await fetch(requestOf(filled, options.baseUrl));
        await response.arrayBuffer(); // recorded whole; an error status is an answer like any other
      }
    };
  }
  return { scenarios, needsSecrets };
}
