import { type SetupServer, setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { InterMine, type InterMineOptions } from '../../src/index.js';
import { createSimulator, type InterMineSimulator, type InterMineSimulatorOptions } from '../../src/testing/index.js';

/** The mine root the simulator answers under by default. */
export const ROOT = 'https://www.flymine.org/flymine';

/**
 * A simulator behind msw for one test file, and the msw server for a test's own answers
 * (`server.use`); those answers, state, faults and the log are reset after each test.
 */
export function useSimulatorServer(options: InterMineSimulatorOptions = {}): { sim: InterMineSimulator; server: SetupServer } {
  const sim = createSimulator(options);
  const server = setupServer(...sim.handlers());
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    sim.reset();
  });
  afterAll(() => server.close());
  return { sim, server };
}

/** A simulator behind msw for one test file; state, faults and the log are reset after each test. */
export function useSimulator(options: InterMineSimulatorOptions = {}): InterMineSimulator {
  return useSimulatorServer(options).sim;
}

/** A client of the simulated mine, without retries unless asked. */
export function client(options: Partial<InterMineOptions> = {}): InterMine {
  return new InterMine({ baseUrl: ROOT, retry: 0, ...options });
}
