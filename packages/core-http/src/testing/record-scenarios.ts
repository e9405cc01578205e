// Re-recording a client's fixtures: run named scenarios through the recorder, one file each.
import { join } from 'node:path';
import type { Fixture, FixtureExchange, ScrubOptions } from './fixture-types.js';
import { createRecorder, formatFixture, writeFixture } from './write-fixture.js';

/** A scenario: make the requests of one fixture with the given (recording) fetch. */
export type RecordScenario = (fetch: typeof globalThis.fetch) => Promise<unknown>;

/** Options of {@link recordScenarios}. */
export interface RecordScenariosOptions {
  /** Directory the fixtures are written to (`<dir>/<name>.json`). */
  dir: string;
  /** Scenarios by fixture name. */
  scenarios: Readonly<Record<string, RecordScenario>>;
  /** What to scrub besides the defaults (see {@link ScrubOptions}). */
  scrub?: ScrubOptions;
  /** The fetch that performs the real requests. Default: the global `fetch`. */
  fetch?: typeof globalThis.fetch;
  /** Record only these scenario names. Default: all. */
  only?: readonly string[];
  /** Origin named in each fixture's description and provenance. Default: the origin of the first request. */
  origin?: string;
  /** The service's version, for each fixture's provenance (ask the service before recording). Default `unknown`. */
  serviceVersion?: string;
}

/** The outcome of one scenario. */
export interface RecordScenarioResult {
  /** The scenario's (and fixture's) name. */
  name: string;
  /** Exchanges recorded (also when the scenario failed; then nothing is written). */
  exchanges: number;
  /** Bytes written; 0 when nothing was written. */
  bytes: number;
  /** The file written, when the scenario succeeded. */
  file?: string;
  /** The error message, when the scenario threw (nothing is written then). */
  error?: string;
}

/**
 * Run each scenario (or those named in `only`) with a fresh recorder wrapping `fetch`, and write
 * `<dir>/<name>.json` (exchanges scrubbed, in order, description `re-recorded <ISO date> from <origin>`,
 * `provenance` `recorded` with the date, the origin and `serviceVersion`).
 * A scenario that throws writes nothing, so a failed run never leaves a partial fixture.
 * Unknown names in `only` are reported as errors.
 *
 * @example
 * ```ts
 * const results = await recordScenarios({
 *   dir: 'packages/mygene/fixtures',
 *   scenarios: { 'gene-1017': (fetch) => new MyGene({ fetch, retry: 0 }).gene('1017') },
 *   scrub: { secrets: [process.env.BIO_TOKEN ?? ''] },
 * });
 * for (const r of results) console.log(r.name, r.exchanges, r.bytes, r.error ?? 'ok');
 * ```
 */
export async function recordScenarios(options: RecordScenariosOptions): Promise<RecordScenarioResult[]> {
  const names = options.only ?? Object.keys(options.scenarios);
  const results: RecordScenarioResult[] = [];
  for (const name of names) {
    const scenario = options.scenarios[name];
    if (!scenario) {
      results.push({ name, exchanges: 0, bytes: 0, error: `unknown scenario "${name}"` });
      continue;
    }
    let origin = options.origin;
    const inner = options.fetch ?? globalThis.fetch;
    const seeing: typeof globalThis.fetch = (input, init) => {
      origin ??= new URL(input instanceof Request ? input.url : String(input)).origin; // never re-read a Request: its body is single-use
      return inner(input, init);
    };
    const recorder = createRecorder({ dir: options.dir, name, fetch: seeing, ...(options.scrub === undefined ? {} : { scrub: options.scrub }) });
    try {
      await scenario(recorder.fetch);
    } catch (error) {
      results.push({ name, exchanges: recorder.exchanges.length, bytes: 0, error: error instanceof Error ? error.message : String(error) });
      continue;
    }
    const exchanges: FixtureExchange[] = [...recorder.exchanges];
    if (exchanges.length === 0) {
      results.push({ name, exchanges: 0, bytes: 0, error: 'the scenario made no request' });
      continue;
    }
    const date = new Date().toISOString();
    const from = origin ?? 'unknown origin';
    const fixture: Fixture = {
      name,
      description: `re-recorded ${date} from ${from}`,
      provenance: { kind: 'recorded', date, from, serviceVersion: options.serviceVersion ?? 'unknown' },
      exchanges,
    };
    const file = join(options.dir, `${name}.json`);
    writeFixture(file, fixture);
    results.push({ name, exchanges: exchanges.length, bytes: Buffer.byteLength(formatFixture(fixture)), file });
  }
  return results;
}
