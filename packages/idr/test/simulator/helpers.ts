import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { Idr, type IdrOptions } from '../../src/index.js';
import type { IdrSimulator } from '../../src/testing/index.js';

/** Serve `sims` through one msw server for this test file, resetting them after each test. */
export function serve(...sims: [IdrSimulator, string?][]): void {
  const server = setupServer(...sims.flatMap(([sim, baseUrl]) => sim.handlers(baseUrl === undefined ? {} : { baseUrl })));
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    for (const [sim] of sims) sim.reset();
  });
  afterAll(() => server.close());
}

/** A client with zero retry delays. */
export function newIdr(options: IdrOptions = {}): Idr {
  return new Idr({ retry: { delay: 0, backoffLimit: 0 }, ...options });
}

/** What a promise rejects with. */
export async function failure(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error('expected a rejection');
}

export const IDR = 'https://idr.openmicroscopy.org';
