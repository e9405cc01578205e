// A user's own things on a mine: saved queries (`/user/queries`) and preferences
// (`/user/preferences`). Both need a token.
import { type CallOptions, type HttpClient, ResponseFormatError, ValidationError } from '@bio/core-http';
import { callOpt, writeOpt } from './internal/request-options.js';
import { didYouMean } from './internal/suggest.js';
import { Query } from './query.js';

/**
 * A query saved in the user's account, as `GET /user/queries` lists it.
 *
 * @example
 * ```ts
 * const saved: SavedQuery = { name: 'long-genes', query: mine.query('Gene').select('symbol') };
 * ```
 */
export interface SavedQuery {
  /** The name it is saved under. */
  name: string;
  /** The query, bound to no mine. */
  query: Query;
  /** When it was saved, as the server wrote it. */
  dateCreated?: string | undefined;
}

/**
 * The user's saved queries: list, save, delete. Available as `mine.savedQueries`.
 *
 * @example
 * ```ts
 * await mine.savedQueries.save(mine.query('Gene').select('symbol').where('length', '>', 5000), 'long-genes');
 * (await mine.savedQueries.all()).map((s) => s.name); // ['long-genes']
 * ```
 */
export class SavedQueries {
  readonly #http: HttpClient;

  /**
   * The saved queries of the user `http` authenticates as; usually reached as `mine.savedQueries`.
   *
   * @example
   * ```ts
   * const saved = new SavedQueries(mine.http);
   * ```
   */
  constructor(http: HttpClient) {
    this.#http = http;
  }

  /**
   * Every saved query, optionally only names matching `filter` (`*` wildcards, as the server takes it).
   *
   * @example
   * ```ts
   * await mine.savedQueries.all({ filter: 'long*' });
   * ```
   */
  async all(options: CallOptions & { filter?: string | undefined } = {}): Promise<SavedQuery[]> {
    const url = this.#http.url('user/queries');
    const body = await this.#http.get('user/queries', { searchParams: { filter: options.filter }, ...callOpt(options) }).json<{ queries?: unknown }>();
    if (typeof body.queries !== 'object' || body.queries === null)
      throw new ResponseFormatError({ message: `GET ${url}: the response has no "queries"`, service: 'intermine', method: 'GET', url, body });
    return Object.entries(body.queries as Record<string, Record<string, unknown>>).map(([name, json]) => {
      const query = Query.fromJSON(json);
      query.name = name;
      return { name, query, dateCreated: typeof json.dateCreated === 'string' ? json.dateCreated : undefined };
    });
  }

  /**
   * One saved query by name; a `ValidationError` naming the nearest when there is none.
   *
   * @example
   * ```ts
   * const q = await mine.savedQueries.get('long-genes');
   * ```
   */
  async get(name: string, options: CallOptions = {}): Promise<Query> {
    checkName(name);
    const all = await this.all(options);
    const found = all.find((s) => s.name === name);
    if (!found) {
      throw new ValidationError({
        message: `no saved query named "${name}"${didYouMean(
          name,
          all.map((s) => s.name),
        )}`,
        field: 'name',
      });
    }
    return found.query;
  }

  /**
   * Save a query under a name (`POST /user/queries`, its XML in `xml`); an existing query of that name is replaced. Never retried.
   *
   * @example
   * ```ts
   * await mine.savedQueries.save(q, 'my-query');
   * ```
   */
  async save(query: Query, name: string, options: CallOptions = {}): Promise<void> {
    if (!(query instanceof Query)) throw new ValidationError({ message: 'expected a Query', field: 'query' });
    checkName(name);
    const q = query.clone();
    q.name = name;
    await this.#http.post('user/queries', { form: { xml: q.toXML() }, ...writeOpt(options) }).json();
  }

  /**
   * Delete a saved query by name. Never retried.
   *
   * @example
   * ```ts
   * await mine.savedQueries.delete('my-query');
   * ```
   */
  async delete(name: string, options: CallOptions = {}): Promise<void> {
    checkName(name);
    await this.#http.delete(`user/queries/${encodeURIComponent(name)}`, writeOpt(options)).json();
  }
}

function checkName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.trim() === '') throw new ValidationError({ message: 'a saved query name must be a non-empty string', field: 'name' });
}

/**
 * The user's preferences (`/user/preferences`): string values by key. Available as `mine.preferences`.
 *
 * @example
 * ```ts
 * await mine.preferences.set({ 'default-list-tags': 'favourite' });
 * (await mine.preferences.get())['default-list-tags']; // 'favourite'
 * ```
 */
export class UserPreferences {
  readonly #http: HttpClient;

  /**
   * The preferences of the user `http` authenticates as; usually reached as `mine.preferences`.
   *
   * @example
   * ```ts
   * const prefs = new UserPreferences(mine.http);
   * ```
   */
  constructor(http: HttpClient) {
    this.#http = http;
  }

  async #read(request: Promise<{ preferences?: unknown }>, method: string): Promise<Record<string, string>> {
    const body = await request;
    const url = this.#http.url('user/preferences');
    if (typeof body.preferences !== 'object' || body.preferences === null)
      throw new ResponseFormatError({ message: `${method} ${url}: the response has no "preferences"`, service: 'intermine', method, url, body });
    return Object.fromEntries(Object.entries(body.preferences as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
  }

  /**
   * Every preference.
   *
   * @example
   * ```ts
   * await mine.preferences.get(); // { 'default-list-tags': 'favourite' }
   * ```
   */
  get(options: CallOptions = {}): Promise<Record<string, string>> {
    return this.#read(this.#http.get('user/preferences', callOpt(options)).json(), 'GET');
  }

  /**
   * Set preferences (other keys are kept); returns them all. `token` and `format` cannot be keys. Never retried.
   *
   * @example
   * ```ts
   * await mine.preferences.set({ colour: 'blue' });
   * ```
   */
  async set(values: Record<string, string>, options: CallOptions = {}): Promise<Record<string, string>> {
    if (typeof values !== 'object' || values === null || Object.keys(values).length === 0)
      throw new ValidationError({ message: 'no preferences to set', field: 'values' });
    for (const [key, value] of Object.entries(values)) {
      if (key === 'token' || key === 'format' || key.trim() === '')
        throw new ValidationError({ message: `"${key}" cannot be a preference key`, field: 'values' });
      if (typeof value !== 'string') throw new ValidationError({ message: `preference "${key}" must be a string`, field: `values.${key}` });
    }
    return this.#read(this.#http.post('user/preferences', { form: values, ...writeOpt(options) }).json(), 'POST');
  }

  /**
   * Delete one preference (or, without a key, every one); returns what is left. Never retried.
   *
   * @example
   * ```ts
   * await mine.preferences.delete('colour');
   * ```
   */
  async delete(key?: string, options: CallOptions = {}): Promise<Record<string, string>> {
    if (key !== undefined && (typeof key !== 'string' || key.trim() === ''))
      throw new ValidationError({ message: 'a preference key must be a non-empty string', field: 'key' });
    return this.#read(this.#http.delete('user/preferences', { searchParams: { key }, ...writeOpt(options) }).json(), 'DELETE');
  }
}
