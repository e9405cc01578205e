// The simulator's state: the objects, the lists (public and per user), users and their tokens,
// id resolution jobs and templates. Everything a write changes lives here.
import type { ObjectStore } from './store.js';

/**
 * A login of the simulated mine. `token` is its API key (`Authorization: Token …`); `password`
 * works with Basic auth.
 *
 * @example
 * ```ts
 * const [demo] = sim.users; // { username: 'demo@flymine.org', password: 'fly-demo-2024', token: 'good-token-0123456789', … }
 * new InterMine({ baseUrl: 'https://www.flymine.org/flymine', token: demo.token });
 * ```
 */
export interface SimUser {
  /** The login name. */
  username: string;
  /** InterMine's user id (a string on the wire). */
  id: string;
  /** The password accepted by basic auth and the login endpoint. */
  password: string;
  /** A permanent API token of this user. */
  token: string;
  /** The user's stored preferences (`/user/preferences`). */
  preferences: Record<string, string>;
}

/** A list (InterMine "bag"): its members are object ids. */
export interface SimList {
  /** The list's id (`/lists` answers it). */
  id: number;
  /** The list's name, unique per owner. */
  name: string;
  /** The class of its members, e.g. `Gene`. */
  type: string;
  /** The list's description. */
  description?: string | undefined;
  /** The list's tags (`im:public` for public lists). */
  tags: string[];
  /** The object ids of the members, without repeats. */
  ids: number[];
  /** The owner's username; public lists belong to the mine's super-user. */
  owner: string;
  /** Creation time, `YYYY-MM-DDTHH:mm:ss` (UTC). */
  dateCreated: string;
  /** Creation time in milliseconds since the Unix epoch. */
  timestamp: number;
  /** Users the owner shared it with (`/lists/shares`). */
  sharedWith?: string[] | undefined;
}

/** An id resolution job (`POST /ids`). */
export interface SimIdJob {
  /** The job id the client polls (`/ids/{uid}/status`). */
  uid: string;
  /** The caller who made it (only they can read it). */
  owner: string | undefined;
  /** What was asked: the identifiers, class, extra value and matching flags. */
  request: { identifiers: string[]; type: string; extra?: string | undefined; caseSensitive: boolean; wildCards: boolean };
  /** How many status checks it has answered: the first is RUNNING, the next SUCCESS. */
  polls: number;
}

/**
 * The live state of an InterMine simulator (`sim.state`).
 *
 * @example
 * ```ts
 * sim.state.lists.get('demo-list')?.ids.length; // 5
 * [...sim.state.tokens.keys()];                  // tokens the mine accepts
 * ```
 */
export interface InterMineSimulatorState {
  /** Every object of the mine. */
  store: ObjectStore;
  /** Every list, by name (names are unique per mine here). */
  lists: Map<string, SimList>;
  /** Accepted tokens → username (user API keys and anonymous `/session` tokens). */
  tokens: Map<string, string>;
  /** Logins by username. */
  users: Map<string, SimUser>;
  /** Open id resolution jobs by uid. */
  jobs: Map<string, SimIdJob>;
  /** Templates by name, in `GET /templates?format=json` shape. */
  templates: Record<string, Record<string, unknown>>;
  /** The next list id / job number. */
  counter: number;
  /** Saved queries (`/user/queries`) by username, then by name. */
  savedQueries: Map<string, Map<string, { xml: string; dateCreated: string }>>;
}

/** The super-user who owns public lists and templates. */
export const SUPERUSER = 'admin@flymine.org';

/** Who may see a list: its owner, and everyone for the super-user's `im:public` lists. */
export function canSee(list: SimList, user: string | undefined): boolean {
  return list.owner === user || (user !== undefined && (list.sharedWith ?? []).includes(user)) || (list.owner === SUPERUSER && list.tags.includes('im:public'));
}
