import { fileURLToPath } from 'node:url';
import { createFixtureServer, fixtureHandlers, loadFixtures } from '@bio/core-http/testing';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { Idr, type IdrOptions } from '../../src/index.js';
import { handlers } from '../../src/testing/index.js';

/** A generic OMERO.web with mapr and login (fixtures in test/fixtures/omero-example). */
export const EXAMPLE_URL = 'https://omero.example.org';

/** Start one msw server replaying the IDR fixtures and the example server's, for this test file. */
export function useFixtureServer(): void {
  const example = loadFixtures(fileURLToPath(new URL('../fixtures/omero-example/', import.meta.url)));
  const server = createFixtureServer({ handlers: [...handlers(), ...fixtureHandlers(example, { baseUrl: EXAMPLE_URL })] });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
}

/** An IDR client with zero retry delays (no sleeping in tests). */
export function newIdr(options: IdrOptions = {}): Idr {
  return new Idr({ retry: { delay: 0, backoffLimit: 0 }, ...options });
}

/** A fetch answering `respond()` after 5 ms that records the most requests it saw in flight at once. */
export function inFlightCounter(respond: () => Response): { fetch: typeof globalThis.fetch; peak(): number; reset(): void } {
  let inFlight = 0;
  let peak = 0;
  const fetch = (async () => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    await new Promise((r) => setTimeout(r, 5));
    inFlight--;
    return respond();
  }) as typeof globalThis.fetch;
  return {
    fetch,
    peak: () => peak,
    reset: () => {
      peak = 0;
    },
  };
}
