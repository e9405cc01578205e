// `createEmx2Simulator()`: core-http's simulator kit with an in-memory MOLGENIS EMX2 behind it.
import { ValidationError } from '@bio/core-http';
import { createServiceSimulator, type Simulator } from '@bio/core-http/testing';
import { petStore, synthetic } from './datasets.js';
import { route } from './router.js';
import type { Emx2SimulatorState, SimUser } from './types.js';

export type {
  Emx2SimulatorState,
  SimColumn as Emx2SimColumn,
  SimColumnType as Emx2SimColumnType,
  SimRole as Emx2SimRole,
  SimRow as Emx2SimRow,
  SimSchema as Emx2SimSchema,
  SimTable as Emx2SimTable,
  SimSubTask as Emx2SimSubTask,
  SimTask as Emx2SimTask,
  SimTaskOutcome as Emx2SimTaskOutcome,
  SimUser as Emx2SimUser,
} from './types.js';
// The client's closed list of column types, which Emx2SimColumnType is written from.
export type { KnownColumnType } from '../../emx2/types.js';
export { syntheticRow as emx2SyntheticRow } from './datasets.js';

/** The root the EMX2 simulator's msw handlers answer at by default. */
export const EMX2_DEFAULT_BASE_URL = 'https://emx2.example.org';

/**
 * Options of {@link createEmx2Simulator}. Every field is optional.
 *
 * @example
 * ```ts
 * const sim = createEmx2Simulator({ syntheticRows: 1000, taskPolls: 0 });
 * ```
 */
export interface Emx2SimulatorOptions {
  /** Rows of the `Sample` table of the `synthetic` schema. Default 25,000. */
  syntheticRows?: number | undefined;
  /**
   * How many `_tasks(id:)` polls a new import task answers `RUNNING` before it ends. Default 1. A ZIP
   * or Excel import (one transaction on the server) is applied when its task ends — none of its rows
   * is visible before; an asynchronous CSV import (committed every 100 rows) is applied at upload.
   */
  taskPolls?: number | undefined;
  /** The root the msw handlers answer at. Default {@link EMX2_DEFAULT_BASE_URL}. */
  baseUrl?: string | undefined;
}

/**
 * An EMX2 simulator: core-http's {@link Simulator} over {@link Emx2SimulatorState}, plus the users
 * who can sign in.
 *
 * @example
 * ```ts
 * const sim: Emx2Simulator = createEmx2Simulator();
 * await emx2.signin('admin', sim.users.admin!.password);
 * ```
 */
export interface Emx2Simulator extends Simulator<Emx2SimulatorState> {
  /** User name → user, as in a fresh state. */
  readonly users: Readonly<Record<string, SimUser>>;
}

const USERS: Record<string, SimUser> = {
  admin: { password: 'admin', admin: true },
  editor: { password: 'editor-secret' },
  viewer: { password: 'viewer-secret' },
  retired: { password: 'retired-secret', enabled: false },
};

/**
 * A stateful in-memory MOLGENIS EMX2 for tests, written from the server's source
 * (`molgenis/molgenis-emx2`) and our wire reference — not recorded from a live server. It answers
 * the database API (`/api/graphql`) and schema APIs (`/<schema>/graphql`, `/<schema>/<app>/graphql`)
 * with the GraphQL subset clients send (tables with `filter`/`search`/`limit`/`offset`/`orderby`,
 * `<Table>_agg { count }`, `_schema`, `_session`, `_manifest`, `_schemas`, `_tasks(id:)`; mutations
 * `signin`/`signout`/`createToken`, `insert`/`update`/`save`/`delete`/`truncate`), the CSV, ZIP and Excel
 * (real .xlsx files) batch API (sync and `?async` imports) — with EMX2's answers: pretty JSON without null fields, no
 * key for an empty result, every error HTTP 400 `{"errors":[{"message"}]}` (404 for an unknown
 * schema), sign-in failures as 200 `status: FAILED`, bad tokens refused. Anything else is a 404
 * naming the request.
 *
 * Schemas: `pet store` (Category, Order, Pet, Tag, User; anonymous may view, `editor` may write) and
 * `synthetic` (`Sample` with `syntheticRows` generated rows, `Site`). Users: `admin`/`admin`,
 * `editor`/`editor-secret`, `viewer`/`viewer-secret` (no role: sees only what anonymous sees),
 * `retired` (disabled). Not simulated: sessions by cookie (sign-in tokens are used instead),
 * fragments, nested field arguments, aggregates other than `count`, files, date-formatted Excel cells, validation
 * expressions, metadata changes.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { Emx2 } from '@bio/molgenis/emx2';
 * import { createEmx2Simulator, EMX2_DEFAULT_BASE_URL } from '@bio/molgenis/testing';
 *
 * const sim = createEmx2Simulator({ syntheticRows: 100 });
 * const server = setupServer(...sim.handlers());
 * server.listen({ onUnhandledRequest: 'error' });
 * const pets = await new Emx2({ baseUrl: EMX2_DEFAULT_BASE_URL }).schema('pet store').table('Pet').rows().toArray();
 * ```
 */
export function createEmx2Simulator(options: Emx2SimulatorOptions = {}): Emx2Simulator {
  if (typeof options !== 'object' || options === null) throw new ValidationError({ message: 'options must be an object', field: 'options' });
  const rows = options.syntheticRows ?? 25_000;
  if (!Number.isInteger(rows) || rows < 0) throw new ValidationError({ message: 'syntheticRows must be an integer ≥ 0', field: 'syntheticRows' });
  const taskPolls = options.taskPolls ?? 1;
  if (!Number.isInteger(taskPolls) || taskPolls < 0) throw new ValidationError({ message: 'taskPolls must be an integer ≥ 0', field: 'taskPolls' });
  const simulator = createServiceSimulator<Emx2SimulatorState>({
    baseUrl: options.baseUrl ?? EMX2_DEFAULT_BASE_URL,
    initialState: () => ({
      schemas: new Map([petStore(), synthetic(rows)].map((s) => [s.name, s])),
      users: new Map(Object.entries(USERS).map(([name, user]) => [name, { ...user }])),
      tokens: new Map(),
      tasks: new Map(),
      taskPolls,
      sequence: 0,
    }),
    handle: (request, state, path) => route(state, request, path),
  });
  return Object.assign(simulator, { users: Object.freeze({ ...USERS }) });
}
