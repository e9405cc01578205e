// `createSimulator()`: core-http's simulator kit with the MOLGENIS service behind it.
import { ValidationError } from '@bio/core-http';
import { createServiceSimulator, type Simulator } from '@bio/core-http/testing';
import { builtinEntities, builtinUsers } from './builtin.js';
import { route } from './router.js';
import { checkSeed, seedEntities, seedUsers } from './seed.js';
import type { MolgenisSeed, MolgenisSimulatorState, SimEntity, SimulatedUser } from './types.js';

/**
 * Options of {@link createSimulator}. Every field is optional.
 *
 * @example
 * ```ts
 * const sim = createSimulator({ seed: { entities: { people: { meta, rows } } }, anonymousRead: false, importPolls: 0 });
 * ```
 */
export interface MolgenisSimulatorOptions {
  /** The user's own entity types (with rows) and users, added to (or replacing) the built-in ones. */
  seed?: MolgenisSeed | undefined;
  /** Start with the built-in dataset (celiacsprue, demo_sightings, hospitals …). Default `true`. */
  builtin?: boolean | undefined;
  /** Anonymous users may read entity types not marked `private`. Default `true`; writes always need a login. */
  anonymousRead?: boolean | undefined;
  /** How many reads of a new `sys_ImportRun` see it `RUNNING` before it ends. Default `1`. */
  importPolls?: number | undefined;
  /** The root the msw handlers answer at. Default `https://molgenis.example.org` (`DEFAULT_BASE_URL`). */
  baseUrl?: string | undefined;
}

/**
 * A MOLGENIS simulator: core-http's {@link Simulator} over {@link MolgenisSimulatorState}, plus
 * the users who can log in (`sim.users.admin.password` is `'admin'`).
 *
 * @example
 * ```ts
 * const sim: MolgenisSimulator = createSimulator();
 * await m.login('admin', sim.users.admin!.password);
 * ```
 */
export interface MolgenisSimulator extends Simulator<MolgenisSimulatorState> {
  /** Username → user, as in a fresh state (built-in users plus `seed.users`). */
  readonly users: Readonly<Record<string, SimulatedUser>>;
}

function initialEntities(options: MolgenisSimulatorOptions, seed: MolgenisSeed): Map<string, SimEntity> {
  const anonymousRead = options.anonymousRead ?? true;
  const builtin = (options.builtin ?? true) ? seedEntities(builtinEntities(), new Map(), anonymousRead, 'builtin') : new Map<string, SimEntity>();
  return seedEntities(seed.entities, builtin, anonymousRead);
}

/**
 * A stateful in-memory MOLGENIS (classic REST API) for tests: login/logout with tokens, v1/v2
 * metadata, v2 reads with RSQL `q`, `attrs`, `sort` and `start`/`num` paging (`num` ≤ 10,000),
 * v1/v2 writes and deletes (batches ≤ 1000, all or nothing), the EMX import wizard with its
 * `sys_ImportRun`, the Metadata API v3 and the Data API — with MOLGENIS's status codes and error
 * bodies. Seed that does not fit is a `ValidationError` naming the field.
 *
 * Built-in users: `admin`/`admin`, `data-manager`/`dm-secret`; `tfa-user`/`tfa-secret` (refused:
 * two-factor authentication) and `new-user`/`initial-secret` (refused: password reset).
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { Molgenis } from '@bio/molgenis';
 * import { createSimulator, DEFAULT_BASE_URL } from '@bio/molgenis/testing';
 *
 * const sim = createSimulator();
 * const server = setupServer(...sim.handlers());
 * server.listen({ onUnhandledRequest: 'error' });
 * const m = new Molgenis({ baseUrl: DEFAULT_BASE_URL });
 * await m.login('admin', sim.users.admin!.password);
 * const id = await m.add('Person', { firstName: 'Jan', lastName: 'Klaassen' });
 * await m.getById('Person', id); // { _href, id, firstName: 'Jan', lastName: 'Klaassen', … }
 * ```
 */
export function createSimulator(options: MolgenisSimulatorOptions = {}): MolgenisSimulator {
  if (typeof options !== 'object' || options === null) throw new ValidationError({ message: 'options must be an object', field: 'options' });
  const importPolls = options.importPolls ?? 1;
  if (!Number.isInteger(importPolls) || importPolls < 0) throw new ValidationError({ message: 'importPolls must be an integer ≥ 0', field: 'importPolls' });
  const seed = checkSeed(options.seed);
  const extraUsers = seedUsers(seed.users);
  initialEntities(options, seed); // validate now, so a bad seed fails at creation
  const users: Record<string, SimulatedUser> = { ...builtinUsers(), ...Object.fromEntries(extraUsers) };
  const simulator = createServiceSimulator<MolgenisSimulatorState>({
    baseUrl: options.baseUrl ?? 'https://molgenis.example.org',
    initialState: () => ({
      entities: initialEntities(options, seed),
      users: new Map(Object.entries(users).map(([name, user]) => [name, { ...user }])),
      tokens: new Map(),
      importRuns: new Map(),
      files: new Map(),
      sequence: 0,
      importPolls,
    }),
    handle: (request, state, path) => route(state, request, path),
  });
  return Object.assign(simulator, { users: Object.freeze({ ...users }) });
}
