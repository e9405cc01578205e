import { type CallOptions, type HttpClient, type ListOptions, type Paged, paged, ResponseFormatError, ValidationError } from '@bio/core-http';
import { type EnrichmentOptions, type EnrichmentResult, runEnrichment } from './enrichment.js';
import { callOpt, writeOpt } from './internal/request-options.js';
import { Query } from './query.js';

/**
 * A list as `GET /lists` describes it: the fields of an {@link InterMineList}, with the tags as
 * plain strings.
 *
 * @example
 * ```ts
 * const info: ListInfo = { name: 'demo-list', type: 'Gene', size: 4, tags: ['im:public'] };
 * ```
 */
export interface ListInfo
  extends Pick<InterMineList, 'name' | 'type' | 'size' | 'id' | 'title' | 'description' | 'status' | 'authorized' | 'dateCreated' | 'timestamp'> {
  tags: string[];
}

/**
 * Identifiers for a new list: an array or any (async) iterable of strings, the text of an
 * identifier file (split on white space and commas; `"quoted values"` keep their spaces), or a
 * {@link Query} whose objects become the list.
 *
 * @example
 * ```ts
 * const ids: ListContent = ['eve', 'zen', 'FBgn0000099'];
 * const fromFile: ListContent = await readFile('genes.txt', 'utf8');
 * ```
 */
export type ListContent = string | Iterable<string> | AsyncIterable<string> | Query;

/**
 * Options of `mine.lists.create()`.
 *
 * @example
 * ```ts
 * await mine.lists.create(['eve', 'zen'], { name: 'my-genes', type: 'Gene', organism: 'D. melanogaster', tags: ['demo'] });
 * ```
 */
export interface CreateListOptions extends CallOptions {
  name: string;
  /** Class of the objects (not needed for a Query). */
  type?: string | undefined;
  description?: string | undefined;
  tags?: readonly string[] | undefined;
  /** Organism short name used to resolve ambiguous identifiers (the server's `extraValue`). */
  organism?: string | undefined;
}

/**
 * Options of the list set operations.
 *
 * @example
 * ```ts
 * await mine.lists.union('both', ['a', 'b'], { description: 'a ∪ b', tags: ['merged'] });
 * ```
 */
export interface ListOperationOptions extends CallOptions {
  description?: string | undefined;
  tags?: readonly string[] | undefined;
}

interface ListCreated {
  listId?: number;
  listName: string;
  listSize: number;
  type?: string;
  unmatchedIdentifiers?: string[];
}

function checkName(name: unknown, field = 'name'): string {
  if (typeof name !== 'string' || name.trim().length === 0) throw new ValidationError({ message: 'a list name must be a non-empty string', field });
  return name;
}

function tagParam(tags: readonly string[] | undefined): string | undefined {
  if (!tags || tags.length === 0) return undefined;
  for (const t of tags)
    if (typeof t !== 'string' || t.trim() === '' || t.includes(';'))
      throw new ValidationError({ message: `bad tag ${JSON.stringify(t)} (non-empty, no ";")`, field: 'tags' });
  return tags.join(';');
}

/**
 * Split identifier-file text the way the server does: white space and commas, `"quoted"` kept whole.
 *
 * @example
 * ```ts
 * splitIdentifiers('eve, zen\n"two words"'); // ['eve', 'zen', 'two words']
 * ```
 */
export function splitIdentifiers(text: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|([^\s,"]+)/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const id = (m[1] ?? m[2] ?? '').trim();
    if (id) out.push(id);
  }
  return out;
}

async function identifierBody(content: Exclude<ListContent, Query>): Promise<{ body: string; count: number }> {
  const ids: string[] = [];
  if (typeof content === 'string') ids.push(...splitIdentifiers(content));
  else if (Symbol.asyncIterator in content) for await (const id of content) ids.push(String(id));
  else for (const id of content) ids.push(String(id));
  const clean = ids.map((id) => id.trim()).filter((id) => id.length > 0);
  if (clean.length === 0) throw new ValidationError({ message: 'no identifiers to upload', field: 'identifiers' });
  for (const id of clean)
    if (id.includes('"')) throw new ValidationError({ message: `identifier ${JSON.stringify(id)} contains a double quote`, field: 'identifiers' });
  return { body: clean.map((id) => `"${id}"`).join('\n'), count: clean.length };
}

/** An object id query on the list's class, reduced to `<root>.id` for list saving. */
function idQuery(q: Query): Query {
  return q.clone().select('id');
}

/** Validate a query against the mine's model (expanding `*`): what `mine.lists` needs from the mine. */
export type PrepareQuery = (query: Query, options: CallOptions) => Promise<Query>;

/** The fields of a list the server may leave out. */
const OPTIONAL_FIELDS = ['id', 'title', 'description', 'status', 'authorized', 'dateCreated', 'timestamp'] as const;

/**
 * A list on the server. Methods change it there and update this object.
 *
 * @example
 * ```ts
 * const list = await mine.lists.get('demo-list');
 * await list.append(['bcd']);
 * const enriched = await list.enrichment({ widget: 'pathway_enrichment', maxp: 0.05 });
 * ```
 */
export class InterMineList {
  name: string;
  type: string;
  size: number;
  id?: number;
  title?: string;
  description?: string;
  /** `CURRENT`, or `TO_UPGRADE`/`NOT_CURRENT` after a data release. */
  status?: string;
  /** Whether the current user may change it. */
  authorized?: boolean;
  /** The list's tags: `tags.values`, and `tags.add()/remove()/get()` on the server. */
  readonly tags: ListTags;
  dateCreated?: string;
  timestamp?: number;
  /** Identifiers the server could not match (after `create`/`append`). */
  unmatchedIdentifiers: string[];
  readonly #lists: Lists;

  /**
   * Wrap a list description; usually made by `mine.lists`.
   *
   * @example
   * ```ts
   * const list = new InterMineList(mine.lists, { name: 'demo-list', type: 'Gene', size: 4, tags: [] });
   * ```
   */
  constructor(lists: Lists, info: ListInfo, unmatched: string[] = []) {
    this.#lists = lists;
    this.name = info.name;
    this.type = info.type;
    this.size = info.size;
    this.tags = new ListTags(lists.http, this, info.tags ?? []);
    this.unmatchedIdentifiers = unmatched;
    for (const key of OPTIONAL_FIELDS) {
      if (info[key] !== undefined) (this as Record<string, unknown>)[key] = info[key];
    }
  }

  /**
   * Add identifiers (or a query's objects). `unmatchedIdentifiers` is updated.
   *
   * @example
   * ```ts
   * await list.append(['bcd', 'hb']);
   * console.log(list.size, list.unmatchedIdentifiers);
   * ```
   */
  async append(content: ListContent, options: CallOptions = {}): Promise<this> {
    const result = await this.#lists.append(this.name, content, options);
    this.size = result.size;
    this.unmatchedIdentifiers = result.unmatchedIdentifiers;
    return this;
  }

  /**
   * Rename the list.
   *
   * @example
   * ```ts
   * await list.rename('eve-and-friends');
   * ```
   */
  async rename(newName: string, options: CallOptions = {}): Promise<this> {
    const result = await this.#lists.rename(this.name, newName, options);
    this.name = result.name;
    if (typeof result.size === 'number') this.size = result.size;
    return this;
  }

  /**
   * Delete the list from the server.
   *
   * @example
   * ```ts
   * await list.delete();
   * ```
   */
  async delete(options: CallOptions = {}): Promise<void> {
    await this.#lists.delete(this.name, options);
  }

  /**
   * Enrichment statistics for this list (see `mine.enrichment`).
   *
   * @example
   * ```ts
   * const { rows } = await list.enrichment({ widget: 'pathway_enrichment', maxp: 0.05, correction: 'Holm-Bonferroni' });
   * ```
   */
  enrichment(options: Omit<EnrichmentOptions, 'list' | 'ids' | 'type'>): Promise<EnrichmentResult> {
    return runEnrichment(this.#lists.http, { ...options, list: this.name });
  }

  /**
   * A query on the list's objects (`<type> IN <list>`), selecting `views` (default: summary fields).
   *
   * @example
   * ```ts
   * for await (const row of mine.rows(list.query('symbol', 'length'))) console.log(row);
   * ```
   */
  query(...views: string[]): Query {
    return new Query(this.type).select(views.length > 0 ? views : ['*']).where(this.type, 'IN', this.name);
  }

  /** A plain copy of the list's fields. */
  toJSON(): ListInfo & { unmatchedIdentifiers: string[] } {
    const out: ListInfo & { unmatchedIdentifiers: string[] } = {
      name: this.name,
      type: this.type,
      size: this.size,
      tags: [...this.tags.values],
      unmatchedIdentifiers: [...this.unmatchedIdentifiers],
    };
    for (const key of OPTIONAL_FIELDS) {
      if (this[key] !== undefined) (out as unknown as Record<string, unknown>)[key] = this[key];
    }
    return out;
  }
}

/**
 * Tag operations on one list (`/list/tags`).
 *
 * @example
 * ```ts
 * const tags = await list.tags.remove(['draft']);
 * ```
 */
export class ListTags implements Iterable<string> {
  /** The tags as last seen (from the list listing or the last tag call). */
  values: string[];
  readonly #http: HttpClient;
  readonly #list: { readonly name: string };

  /**
   * The tags of `list`; usually reached as `list.tags`.
   *
   * @example
   * ```ts
   * const tags = new ListTags(mine.http, list, ['im:public']);
   * ```
   */
  constructor(http: HttpClient, list: { readonly name: string }, values: readonly string[]) {
    this.#http = http;
    this.#list = list;
    this.values = [...values];
  }

  /** Iterate the known tags. */
  [Symbol.iterator](): Iterator<string> {
    return this.values[Symbol.iterator]();
  }

  /** True when the list has this tag (as last seen). */
  has(tag: string): boolean {
    return this.values.includes(tag);
  }

  #set(tags: string[]): string[] {
    this.values = [...tags];
    return tags;
  }

  /**
   * The current tags.
   *
   * @example
   * ```ts
   * await list.tags.get(); // ['im:public']
   * ```
   */
  async get(options: CallOptions = {}): Promise<string[]> {
    const body = await this.#http.get('list/tags', { searchParams: { name: this.#list.name }, ...callOpt(options) }).json<{ tags: string[] }>();
    return this.#set(body.tags);
  }

  /**
   * Add tags; returns the new tag set.
   *
   * @example
   * ```ts
   * await list.tags.add(['reviewed', 'fly']);
   * ```
   */
  async add(tags: readonly string[], options: CallOptions = {}): Promise<string[]> {
    const param = tagParam(tags);
    if (param === undefined) throw new ValidationError({ message: 'no tags to add', field: 'tags' });
    const body = await this.#http.post('list/tags', { form: { name: this.#list.name, tags: param }, ...writeOpt(options) }).json<{ tags: string[] }>();
    return this.#set(body.tags);
  }

  /**
   * Remove tags; returns the new tag set.
   *
   * @example
   * ```ts
   * await list.tags.remove(['draft']);
   * ```
   */
  async remove(tags: readonly string[], options: CallOptions = {}): Promise<string[]> {
    const param = tagParam(tags);
    if (param === undefined) throw new ValidationError({ message: 'no tags to remove', field: 'tags' });
    const body = await this.#http
      .delete('list/tags', { searchParams: { name: this.#list.name, tags: param }, ...writeOpt(options) })
      .json<{ tags: string[] }>();
    return this.#set(body.tags);
  }
}

interface ListsBody {
  lists: (ListInfo & Record<string, unknown>)[];
}

function listsOf(body: ListsBody, url: string): ListsBody['lists'] {
  if (!Array.isArray(body.lists))
    throw new ResponseFormatError({ message: `GET ${url}: the response has no "lists" array`, service: 'intermine', method: 'GET', url, body });
  return body.lists;
}

/**
 * The lists of a mine: read, create, combine, delete. Available as `mine.lists`.
 *
 * @example
 * ```ts
 * const lists = await mine.lists.all().toArray();
 * const demo = await mine.lists.get('demo-list');
 * ```
 */
export class Lists {
  /** The mine's HTTP client. */
  readonly http: HttpClient;
  readonly #prepare: PrepareQuery;

  /**
   * The lists of the mine `http` talks to; usually reached as `mine.lists`. `prepare` validates a
   * query before its objects are saved.
   *
   * @example
   * ```ts
   * const lists = new Lists(mine.http, (q, o) => mine.prepare(q, o));
   * ```
   */
  constructor(http: HttpClient, prepare: PrepareQuery) {
    this.http = http;
    this.#prepare = prepare;
  }

  #wrap(info: ListInfo, unmatched?: string[]): InterMineList {
    return new InterMineList(this, { ...info, tags: info.tags ?? [] }, unmatched);
  }

  #created(
    result: ListCreated,
    type: string,
    options: { description?: string | undefined; tags?: readonly string[] | undefined },
    unmatched?: string[],
  ): InterMineList {
    return this.#wrap(
      {
        name: result.listName,
        type: result.type ?? type,
        size: result.listSize,
        ...(result.listId === undefined ? {} : { id: result.listId }),
        ...(options.description ? { description: options.description } : {}),
        tags: [...(options.tags ?? [])],
      },
      unmatched,
    );
  }

  /**
   * Every list the user can see (their own and public ones), from one request.
   *
   * @example
   * ```ts
   * for await (const list of mine.lists.all()) console.log(list.name, list.size);
   * await mine.lists.all().total(); // how many
   * ```
   */
  all(options: ListOptions = {}): Paged<InterMineList> {
    return paged(this.#allPages(options), options);
  }

  #allPages(options: CallOptions): () => AsyncGenerator<{ items: InterMineList[]; total: number }> {
    const lists = this;
    return async function* () {
      const body = await lists.http.get('lists', callOpt(options)).json<ListsBody>();
      const items = listsOf(body, lists.http.url('lists')).map((l) => lists.#wrap(l));
      yield { items, total: items.length };
    };
  }

  /**
   * One list by name. Throws `NotFoundError` (404) when there is none.
   *
   * @example
   * ```ts
   * const list = await mine.lists.get('demo-list');
   * ```
   */
  async get(name: string, options: CallOptions = {}): Promise<InterMineList> {
    checkName(name);
    const body = await this.http.get('lists', { searchParams: { name }, ...callOpt(options) }).json<ListsBody>();
    const found = listsOf(body, this.http.url('lists')).find((l) => l.name === name) ?? body.lists[0];
    if (!found)
      throw new ResponseFormatError({
        message: `GET ${this.http.url('lists')}: the server answered without the list ${name}`,
        service: 'intermine',
        method: 'GET',
        body,
      });
    return this.#wrap(found);
  }

  /**
   * Create a list from identifiers (uploaded as `text/plain`, one quoted identifier per line) or
   * from a query's objects. The returned list has `unmatchedIdentifiers`. Never retried.
   *
   * @example
   * ```ts
   * const list = await mine.lists.create(['eve', 'zen', 'nope'], { name: 'my-genes', type: 'Gene', organism: 'D. melanogaster' });
   * list.unmatchedIdentifiers; // ['nope']
   * const fromQuery = await mine.lists.create(mine.query('Gene').where('length', '>', 3000), { name: 'long-genes' });
   * ```
   */
  async create(content: ListContent, options: CreateListOptions): Promise<InterMineList> {
    const name = checkName(options?.name);
    const tags = tagParam(options.tags);
    if (content instanceof Query) {
      const q = await this.#prepare(idQuery(content), options);
      const result = await this.http
        .post('query/tolist', { form: { query: q.toXML(), listName: name, description: options.description, tags }, ...writeOpt(options) })
        .json<ListCreated>();
      return this.#created(result, q.root, options);
    }
    if (typeof options.type !== 'string' || options.type.trim() === '')
      throw new ValidationError({ message: 'a list needs a type (e.g. "Gene")', field: 'type' });
    const { body } = await identifierBody(content);
    const result = await this.http
      .post('lists', {
        searchParams: { name, type: options.type, description: options.description, tags, extraValue: options.organism },
        body,
        headers: { 'content-type': 'text/plain' },
        ...writeOpt(options),
      })
      .json<ListCreated>();
    return this.#created(result, options.type, options, result.unmatchedIdentifiers ?? []);
  }

  /**
   * Add identifiers (or a query's objects) to a list by name; returns its new size and the
   * identifiers the server could not match. Never retried.
   *
   * @example
   * ```ts
   * const { size, unmatchedIdentifiers } = await mine.lists.append('demo-list', ['bcd']);
   * ```
   */
  async append(name: string, content: ListContent, options: CallOptions = {}): Promise<{ size: number; unmatchedIdentifiers: string[] }> {
    checkName(name);
    let result: ListCreated;
    if (content instanceof Query) {
      const q = await this.#prepare(idQuery(content), options);
      result = await this.http.post('query/append/tolist', { form: { query: q.toXML(), listName: name }, ...writeOpt(options) }).json<ListCreated>();
    } else {
      const { body } = await identifierBody(content);
      result = await this.http
        .post('lists/append', { searchParams: { name }, body, headers: { 'content-type': 'text/plain' }, ...writeOpt(options) })
        .json<ListCreated>();
    }
    return { size: result.listSize, unmatchedIdentifiers: result.unmatchedIdentifiers ?? [] };
  }

  /**
   * Delete a list by name.
   *
   * @example
   * ```ts
   * await mine.lists.delete('my-genes');
   * ```
   */
  async delete(name: string, options: CallOptions = {}): Promise<void> {
    checkName(name);
    await this.http.delete('lists', { searchParams: { name }, ...writeOpt(options) }).json();
  }

  /**
   * Rename a list by name; returns the new name and size.
   *
   * @example
   * ```ts
   * await mine.lists.rename('old', 'new');
   * ```
   */
  async rename(oldName: string, newName: string, options: CallOptions = {}): Promise<{ name: string; size: number | undefined }> {
    checkName(oldName, 'oldName');
    checkName(newName, 'newName');
    const result = await this.http.post('lists/rename', { form: { oldname: oldName, newname: newName }, ...writeOpt(options) }).json<ListCreated>();
    return { name: result.listName, size: typeof result.listSize === 'number' ? result.listSize : undefined };
  }

  async #operation(kind: 'union' | 'intersect' | 'diff', name: string, lists: readonly string[], options: ListOperationOptions): Promise<InterMineList> {
    checkName(name);
    if (!Array.isArray(lists) || lists.length < 2) throw new ValidationError({ message: `${kind} needs at least two lists`, field: 'lists' });
    for (const l of lists) checkName(l, 'lists');
    const result = await this.http
      .get(`lists/${kind}`, {
        searchParams: { name, lists: lists.join(';'), description: options.description, tags: tagParam(options.tags) },
        ...writeOpt(options),
      })
      .json<ListCreated>();
    return this.#created(result, '', options);
  }

  /**
   * A new list with the objects in any of `lists`.
   *
   * @example
   * ```ts
   * await mine.lists.union('a-or-b', ['a', 'b']);
   * ```
   */
  union(name: string, lists: readonly string[], options: ListOperationOptions = {}): Promise<InterMineList> {
    return this.#operation('union', name, lists, options);
  }

  /**
   * A new list with the objects in all of `lists`.
   *
   * @example
   * ```ts
   * await mine.lists.intersect('a-and-b', ['a', 'b']);
   * ```
   */
  intersect(name: string, lists: readonly string[], options: ListOperationOptions = {}): Promise<InterMineList> {
    return this.#operation('intersect', name, lists, options);
  }

  /**
   * A new list with the objects in an odd number of `lists` (symmetric difference).
   *
   * @example
   * ```ts
   * await mine.lists.diff('a-xor-b', ['a', 'b']);
   * ```
   */
  diff(name: string, lists: readonly string[], options: ListOperationOptions = {}): Promise<InterMineList> {
    return this.#operation('diff', name, lists, options);
  }

  /**
   * A new list with the objects of `from` that are in none of `exclude`.
   *
   * @example
   * ```ts
   * await mine.lists.subtract('a-minus-b', { from: ['a'], exclude: ['b'] });
   * ```
   */
  async subtract(name: string, sets: { from: readonly string[]; exclude: readonly string[] }, options: ListOperationOptions = {}): Promise<InterMineList> {
    checkName(name);
    if (!sets || !Array.isArray(sets.from) || sets.from.length === 0)
      throw new ValidationError({ message: 'subtract needs at least one list in "from"', field: 'from' });
    if (!Array.isArray(sets.exclude) || sets.exclude.length === 0)
      throw new ValidationError({ message: 'subtract needs at least one list in "exclude"', field: 'exclude' });
    for (const l of [...sets.from, ...sets.exclude]) checkName(l, 'lists');
    const result = await this.http
      .post('lists/subtract', {
        form: { name, references: sets.from.join(';'), subtract: sets.exclude.join(';'), description: options.description, tags: tagParam(options.tags) },
        ...writeOpt(options),
      })
      .json<ListCreated>();
    return this.#created(result, '', options);
  }
}
