// `createSimulator()`: the InterMine half of core-http's service simulator.
import { DEFAULT_BASE_URL } from '../default-base-url.js';
import { createServiceSimulator, type Simulator } from '@bio/core-http/testing';
import { loadBuiltIn } from './data.js';
import { builtInLists } from './lists.js';
import { route } from './router.js';
import { applySeed, type InterMineSeed } from './seed.js';
import type { InterMineSimulatorState, SimUser } from './state.js';
import { ObjectStore } from './store.js';
import { builtInTemplates } from './templates.js';

/**
 * The logins every simulator has. `demo@flymine.org` is the fixtures' user (token
 * `good-token-0123456789`); `curator@flymine.org` is a second user whose lists the first cannot see.
 */
const USERS: SimUser[] = [
  { username: 'demo@flymine.org', id: '1000012', password: 'fly-demo-2024', token: 'good-token-0123456789', preferences: { 'default-list-tags': 'favourite' } },
  { username: 'curator@flymine.org', id: '1000013', password: 'curate-2024', token: 'demo-token-for-fixtures', preferences: {} },
];

/**
 * Options of {@link createSimulator}.
 *
 * @example
 * ```ts
 * createSimulator({ seed: { genes: [{ primaryIdentifier: 'FBgn0003975', symbol: 'vg' }] } });
 * ```
 */
export interface InterMineSimulatorOptions {
  /** Rows to add to the built-in data (checked: a bad field is a `ValidationError` naming it). */
  seed?: InterMineSeed | undefined;
  /** The service root the msw handlers answer at. Default `https://www.flymine.org/flymine/service`. */
  baseUrl?: string | undefined;
}

/**
 * An InterMine simulator: core-http's {@link Simulator} over {@link InterMineSimulatorState},
 * plus its logins.
 *
 * @example
 * ```ts
 * const sim: InterMineSimulator = createSimulator();
 * sim.users[0].token; // 'good-token-0123456789'
 * ```
 */
export interface InterMineSimulator extends Simulator<InterMineSimulatorState> {
  /** The logins of the mine (username, password for Basic auth, API token). */
  readonly users: readonly SimUser[];
}

/**
 * A stateful in-memory FlyMine: version, model, queries in every result format, lists (with
 * writes), enrichment, templates, keyword search, id resolution jobs and region search, over a
 * small dataset of real fly genes (eve, zen, bcd, hb, Kr, Ubx, dpp …) plus your `seed`.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { InterMine } from '@bio/intermine';
 * import { createSimulator } from '@bio/intermine/testing';
 *
 * const sim = createSimulator();
 * const server = setupServer(...sim.handlers());
 * server.listen({ onUnhandledRequest: 'error' });
 * const mine = new InterMine({ baseUrl: 'https://www.flymine.org/flymine', token: sim.users[0].token });
 * await mine.lists.create(['eve', 'zen'], { name: 'mine', type: 'Gene' });
 * ```
 */
export function createSimulator(options: InterMineSimulatorOptions = {}): InterMineSimulator {
  const initialState = (): InterMineSimulatorState => {
    const store = new ObjectStore();
    loadBuiltIn(store);
    const state: InterMineSimulatorState = {
      store,
      lists: new Map(),
      tokens: new Map(USERS.map((u) => [u.token, u.username])),
      users: new Map(USERS.map((u) => [u.username, { ...u, preferences: { ...u.preferences } }] as const)),
      jobs: new Map(),
      templates: builtInTemplates(),
      counter: 0,
      savedQueries: new Map(),
    };
    builtInLists(state);
    applySeed(state, options.seed);
    return state;
  };
  // createServiceSimulator builds the first state now, so a bad seed fails here, not on the first request.
  const simulator = createServiceSimulator<InterMineSimulatorState>({ baseUrl: options.baseUrl ?? DEFAULT_BASE_URL, initialState, handle: route });
  return Object.assign(simulator, { users: USERS.map((u) => ({ ...u, preferences: { ...u.preferences } })) });
}
