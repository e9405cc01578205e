// Writing fixtures as stable, reviewable JSON, and a recorder that collects exchanges into one.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Fixture, FixtureExchange, ScrubOptions } from './fixture-types.js';
import { recordingFetch } from './recorder.js';

/** Rebuild an exchange with its keys in the documented order, so files diff well. */
function canonicalExchange(e: FixtureExchange): FixtureExchange {
  const { method, path, query, headers, body } = e.request;
  const request: FixtureExchange['request'] = { method, path };
  if (query !== undefined) request.query = query;
  if (headers !== undefined) request.headers = headers;
  if (body !== undefined) request.body = body;
  const r = e.response;
  const response: FixtureExchange['response'] = { status: r.status };
  if (r.headers !== undefined) response.headers = r.headers;
  if (r.body !== undefined) response.body = r.body;
  if (r.delayMs !== undefined) response.delayMs = r.delayMs;
  return { request, response };
}

/**
 * The JSON text {@link writeFixture} writes: two-space indentation, keys in the documented order
 * (`name`, `description`, `source`, `exchanges`; `method`, `path`, `query`, `headers`, `body`;
 * `status`, `headers`, `body`, `delayMs`), other keys in insertion order, and a trailing newline.
 *
 * @example
 * ```ts
 * formatFixture({ name: 'ping', exchanges: [] }); // '{\n  "name": "ping",\n  "exchanges": []\n}\n'
 * ```
 */
export function formatFixture(fixture: Fixture): string {
  const ordered: Record<string, unknown> = { name: fixture.name };
  if (fixture.description !== undefined) ordered.description = fixture.description;
  if (fixture.source !== undefined) ordered.source = fixture.source;
  for (const [key, value] of Object.entries(fixture)) if (!(key in ordered) && key !== 'exchanges') ordered[key] = value;
  ordered.exchanges = fixture.exchanges.map(canonicalExchange);
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/**
 * Write a fixture file (creating its directory) as stable pretty JSON, see {@link formatFixture}.
 * Review the file before committing it: scrubbing covers the known secrets, not everything.
 *
 * @example
 * ```ts
 * writeFixture('fixtures/gene-1017.json', { name: 'gene-1017', exchanges });
 * ```
 */
export function writeFixture(file: string, fixture: Fixture): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, formatFixture(fixture));
}

/** Options of {@link createRecorder}. */
export interface RecorderOptions {
  /** Directory the fixture file is written to. */
  dir: string;
  /** Fixture name; the file is `<dir>/<name>.json`. */
  name: string;
  /** What the scenario shows; written as the fixture's `description`. */
  description?: string;
  /** Where it was recorded, e.g. the service base URL. */
  source?: string;
  /** What to scrub besides the defaults. */
  scrub?: ScrubOptions;
  /** The fetch that performs the real requests. Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** Request headers to record (then required on replay). Default: none. */
  requestHeaders?: readonly string[];
  /** Extra response headers to record. */
  responseHeaders?: readonly string[];
}

/** What {@link createRecorder} returns. */
export interface Recorder {
  /** A fetch that records every exchange (scrubbed). Give it to the client under test. */
  fetch: typeof fetch;
  /** The exchanges recorded so far, in order. */
  readonly exchanges: FixtureExchange[];
  /**
   * Write `<dir>/<name>.json` (creating `dir` if needed) and return its path.
   *
   * @example
   * ```ts
   * await mg.gene('1017');
   * const file = recorder.save(); // 'fixtures/gene-1017.json'
   * ```
   */
  save(): string;
}

/**
 * Record the exchanges of a client into one fixture file.
 *
 * @example
 * ```ts
 * const recorder = createRecorder({ dir: 'fixtures', name: 'gene-1017', source: 'https://mygene.info/v3' });
 * const mg = new MyGene({ fetch: recorder.fetch });
 * await mg.gene('1017');
 * recorder.save(); // fixtures/gene-1017.json
 * ```
 */
export function createRecorder(options: RecorderOptions): Recorder {
  const exchanges: FixtureExchange[] = [];
  const fetch = recordingFetch({
    onExchange: (exchange) => exchanges.push(exchange),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.scrub === undefined ? {} : { scrub: options.scrub }),
    ...(options.requestHeaders === undefined ? {} : { requestHeaders: options.requestHeaders }),
    ...(options.responseHeaders === undefined ? {} : { responseHeaders: options.responseHeaders }),
  });
  return {
    fetch,
    exchanges,
    save() {
      const file = join(options.dir, `${options.name}.json`);
      const fixture: Fixture = { name: options.name, exchanges };
      if (options.description !== undefined) fixture.description = options.description;
      if (options.source !== undefined) fixture.source = options.source;
      writeFixture(file, fixture);
      return file;
    },
  };
}
