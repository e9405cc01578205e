import {
  type CallOptions,
  type HttpClient,
  isNotFoundError,
  type ListOptions,
  NotFoundError,
  type Paged,
  paged,
  ResponseFormatError,
  ValidationError,
} from '@bio/core-http';
import { type EnrichmentOptions, type EnrichmentResult, runEnrichment } from './enrichment.js';
import { readText } from './internal/read-file.js';
import { withMessage } from './internal/errors.js';
import { callOpt, writeOpt } from './internal/request-options.js';
import { Query } from './query.js';
import { subclassesOf } from './query-check.js';

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
  /** The list's tags, e.g. `im:public`, `im:favourite`. */
  tags: string[];
}

/**
 * Identifiers for a new list: an array or any (async) iterable of strings, the text of an
 * identifier file (split on white space and commas; `"quoted values"` keep their spaces), a file
 * to read (`{ file }`: a path or `file:` URL in Node, a `File`/`Blob` anywhere), text said to be
 * identifiers (`{ identifiers }`), a {@link Query} whose objects become the list (`/query/tolist`),
 * or a region search (`mine.regions(…)`, `/regions/list`; create only).
 *
 * A bare string that looks like a file path (one word with a `/`, `\` or a file extension) is
 * refused: say which you mean with `{ file }` or `{ identifiers }`.
 *
 * @example
 * ```ts
 * const ids: ListContent = ['eve', 'zen', 'FBgn0000099'];
 * const fromFile: ListContent = { file: 'some/file/with.ids' };
 * const text: ListContent = { identifiers: 'eve zen\nFBgn0000099' };
 * ```
 */
export type ListContent =
  | string
  | Iterable<string>
  | AsyncIterable<string>
  | {
      /** An identifier file: a path or `file:` URL (Node), or a `File`/`Blob` (anywhere). */
      file: string | URL | Blob;
    }
  | {
      /** Identifier text (split on white space and commas) or the identifiers one by one. */
      identifiers: string | Iterable<string> | AsyncIterable<string>;
    }
  | Query
  | RegionListSource;

/**
 * What `lists.create` needs of a region search (`mine.regions()`, a `RegionQuery`): described by
 * shape, because regions.ts builds on this module.
 *
 * @example
 * ```ts
 * const source: RegionListSource = mine.regions({ organism: 'D. melanogaster', featureTypes: ['Gene'], regions: ['2L:14614843..14619614'] });
 * ```
 */
export interface RegionListSource {
  /** The feature classes searched for. */
  readonly featureTypes: readonly string[];
  /**
   * Save the features found as a list (`/regions/list`).
   *
   * @example
   * ```ts
   * const { list } = await source.saveAsList('eve region genes', { description: '2L:14614843..14619614' });
   * ```
   */
  saveAsList(name: string, options?: ListOperationOptions): Promise<{ list: InterMineList }>;
}

/** A list, by its object or its name. */
export type ListRef = InterMineList | string;

/**
 * Options of `mine.lists.create()`.
 *
 * @example
 * ```ts
 * await mine.lists.create(['eve', 'zen'], { name: 'my-genes', type: 'Gene', organism: 'D. melanogaster', tags: ['demo'] });
 * ```
 */
export interface CreateListOptions extends CallOptions {
  /** The new list's name (required, non-empty). */
  name: string;
  /** Class of the objects (not needed for a Query). */
  type?: string | undefined;
  /**
   * For a Query: the objects of this class path, e.g. `Gene.pathways` (relative paths are taken
   * from the root; default the root class). The list's type is that path's class.
   */
  path?: string | undefined;
  /** The list's description. */
  description?: string | undefined;
  /** Tags to put on the new list. */
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
  /** The result list's description. */
  description?: string | undefined;
  /** Tags to put on the result list. */
  tags?: readonly string[] | undefined;
}

/**
 * Options of a set operation called without a name first: the result's `name` (default: the
 * first free `my_list_<n>`) and the usual description and tags.
 *
 * @example
 * ```ts
 * await mine.lists.union([a, b], { name: 'a-or-b', tags: ['merged'] });
 * ```
 */
export interface SetOperationOptions extends ListOperationOptions {
  /** The new list's name. Default: `my_list_<n>`, the first one free. */
  name?: string | undefined;
}

/**
 * The lists of `subtract`: objects of `from` that are in none of `exclude`.
 *
 * @example
 * ```ts
 * const sets: SubtractSets = { from: [listA], exclude: ['b'] };
 * ```
 */
export interface SubtractSets {
  /** The lists whose objects are kept (their union). */
  from: readonly ListRef[];
  /** The lists whose objects are removed. */
  exclude: readonly ListRef[];
}

type OperationArgs = [string, readonly ListRef[], ListOperationOptions?] | [readonly ListRef[], SetOperationOptions?, undefined?];

function listName(ref: unknown, field: string): string {
  if (ref instanceof InterMineList) return ref.name;
  return checkName(ref, field);
}

function operationArgs(kind: string, args: OperationArgs): { name: string | undefined; lists: string[]; options: ListOperationOptions } {
  const named = typeof args[0] === 'string';
  const name = named ? checkName(args[0]) : (args[1] as SetOperationOptions | undefined)?.name;
  const lists = (named ? args[1] : args[0]) as readonly ListRef[] | undefined;
  const options = ((named ? args[2] : args[1]) ?? {}) as ListOperationOptions;
  if (!Array.isArray(lists) || lists.length < 2) throw new ValidationError({ message: `${kind} needs at least two lists`, field: 'lists' });
  return { name, lists: lists.map((l) => listName(l, 'lists')), options };
}

/**
 * `mine.lists.shares()`: your lists and the users each is shared with; lists shared with you and their owners.
 *
 * @example
 * ```ts
 * const shares: ListShares = { sharedByUser: { 'my-genes': ['colleague@example.org'] }, sharedWithUser: {} };
 * ```
 */
export interface ListShares {
  /** Your lists that are shared: list name → the users it is shared with. */
  sharedByUser: Record<string, string[]>;
  /** Lists shared with you: list name → its owner. */
  sharedWithUser: Record<string, string>;
}

/**
 * One list compared with another by `mine.lists.similar()`.
 *
 * @example
 * ```ts
 * const s: ListSimilarity = { name: 'demo-list', jaccard: 0.4 };
 * ```
 */
export interface ListSimilarity {
  /** The other list's name. */
  name: string;
  /** |A ∩ B| / |A ∪ B|, 0 to 1 (the server rounds to 4 places). */
  jaccard: number;
}

interface ListCreated {
  listId?: number;
  /** ListInput's name, but a number, boolean or null when JSONFormatter.quoteValue left it unquoted. */
  listName: unknown;
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

/** One word that reads like a file path: a separator, or a name with a file extension. */
const LOOKS_LIKE_PATH = /^[^\s,"]*(?:[/\\][^\s,"]*|\.(?:txt|ids|csv|tsv|tab|list|lst|dat|json))$/i;

type Identifiers = string | Iterable<string> | AsyncIterable<string>;

/** The identifiers of any non-query content, a file read when the caller said `{ file }`. */
async function identifiersOf(content: ListContent): Promise<Identifiers> {
  if (typeof content === 'object' && content !== null && !isIterable(content)) {
    if ('file' in content) return readText(content.file, 'file');
    if ('identifiers' in content) return content.identifiers;
  }
  if (typeof content === 'string' && LOOKS_LIKE_PATH.test(content.trim())) {
    throw new ValidationError({
      message: `"${content.trim()}" looks like a file path: pass { file: ${JSON.stringify(content.trim())} } to read it, or { identifiers: … } to upload it as an identifier`,
      field: 'identifiers',
    });
  }
  if (typeof content === 'string' || isIterable(content)) return content;
  throw new ValidationError({
    message: 'list content must be identifiers (an array, an iterable, text, { identifiers } or { file }), a Query or a region search',
    field: 'identifiers',
  });
}

function isIterable(value: unknown): value is Iterable<string> | AsyncIterable<string> {
  return typeof value === 'object' && value !== null && (Symbol.iterator in value || Symbol.asyncIterator in value);
}

/** A region search (`mine.regions()`), recognised by shape: regions.ts imports this module. */
function isRegionQuery(value: unknown): value is RegionListSource {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as RegionListSource).saveAsList === 'function' &&
    Array.isArray((value as RegionListSource).featureTypes)
  );
}

async function identifierBody(content: Identifiers): Promise<{ body: string; count: number }> {
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
/** `path` of `q` as an absolute class path (default the root); an attribute path is refused when the query is prepared. */
function classPath(q: Query, path: string | undefined): string {
  if (path === undefined) return q.root;
  if (typeof path !== 'string' || path.trim() === '')
    throw new ValidationError({ message: 'a list path must be a non-empty string, e.g. Gene.pathways', field: 'path' });
  const p = path.trim();
  return p === q.root || p.startsWith(`${q.root}.`) ? p : `${q.root}.${p}`;
}

/** The query selecting the ids of `path` (absolute) only. */
function idQuery(q: Query, path: string): Query {
  return q.clone().select(`${path}.id`);
}

/**
 * The class of a prepared query's `path`: `/query/tolist` answers no type. The mine's `prepare`
 * binds the model; a query without one (another `prepare`) is known only for its root.
 */
function classOf(q: Query, path: string): string | undefined {
  if (path === q.root) return q.root;
  return q.model?.resolvePath(path, subclassesOf(q.constraints)).type;
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
  /** The list's name, unique per user (updated by `rename`). */
  name: string;
  /** The class of its objects, e.g. `Gene`. */
  type: string;
  /** The number of objects in it. */
  size: number;
  /** The server's numeric id; absent when the server did not send one. */
  id?: number;
  /** The list's title, when the server sends one. */
  title?: string;
  /** The list's description; absent when it has none. */
  description?: string;
  /** `CURRENT`, or `TO_UPGRADE`/`NOT_CURRENT` after a data release. */
  status?: string;
  /** Whether the current user may change it. */
  authorized?: boolean;
  /** The list's tags: `tags.values`, and `tags.add()/remove()/get()` on the server. */
  readonly tags: ListTags;
  /** When the list was created, as the server writes it (e.g. `2024-05-01T12:00:00`). */
  dateCreated?: string;
  /** When the list was created, in milliseconds since the Unix epoch. */
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

  /**
   * A plain copy of the list's fields, tags as strings, plus `unmatchedIdentifiers`.
   *
   * @example
   * ```ts
   * list.toJSON(); // { name: 'demo-list', type: 'Gene', size: 4, tags: ['im:public'], unmatchedIdentifiers: [], … }
   * ```
   */
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

  /**
   * True when the list has this tag (as last seen; no request is made).
   *
   * @example
   * ```ts
   * if (list.tags.has('im:public')) console.log('public list');
   * ```
   */
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

  /**
   * The list a write made, named as it was sent: the answer's `listName` is ListInput's name (the
   * one sent), but JSONFormatter.quoteValue writes a name of digits, `true`, `false` or `null`
   * unquoted, so the field can be a number, a boolean or null.
   */
  #created(
    result: ListCreated,
    name: string,
    type: string,
    options: { description?: string | undefined; tags?: readonly string[] | undefined },
    unmatched?: string[],
  ): InterMineList {
    return this.#wrap(
      {
        name,
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
   * One list by name. Throws `NotFoundError` when there is none, with the server's own status:
   * 404 when no list matched the name (AvailableListsService: "No lists matched …"), 200 when the
   * server's name filter (which reads a leading or trailing `*` as a wildcard) matched only others.
   *
   * @example
   * ```ts
   * const list = await mine.lists.get('demo-list');
   * ```
   */
  async get(name: string, options: CallOptions = {}): Promise<InterMineList> {
    checkName(name);
    const url = this.http.url('lists');
    const body = await this.http
      .get('lists', { searchParams: { name }, ...callOpt(options) })
      .json<ListsBody>()
      .catch((error: unknown) => {
        if (!isNotFoundError(error)) throw error;
        const said = error.serviceMessage ? `: ${error.serviceMessage}` : '';
        throw withMessage(error, `GET ${error.url ?? url}: there is no list called ${JSON.stringify(name)} (the server answered ${error.status}${said})`);
      });
    const answered = listsOf(body, url);
    // The server trims the name and reads a leading or trailing `*` as a wildcard, so its answer
    // may hold other lists; only the one with this exact name is the answer.
    const found = answered.find((l) => l.name === name.trim());
    if (found) return this.#wrap(found);
    if (answered.length === 0)
      throw new ResponseFormatError({
        message: `GET ${this.http.url('lists')}: the server answered without the list ${name}`,
        service: 'intermine',
        method: 'GET',
        body,
      });
    // The server answered 200 (its filter matched other lists): the error keeps that status.
    throw new NotFoundError({
      status: 200,
      method: 'GET',
      url,
      service: 'intermine',
      message: `GET ${url}: there is no list called ${JSON.stringify(name)} (the server answered 200: its name filter matched ${answered.map((l) => l.name).join(', ')})`,
      body,
    });
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
    if (isRegionQuery(content)) return (await content.saveAsList(name, options)).list;
    if (content instanceof Query) {
      const path = classPath(content, options.path);
      const q = await this.#prepare(idQuery(content, path), options);
      const result = await this.http
        .post('query/tolist', { form: { query: q.toXML(), listName: name, description: options.description, tags }, ...writeOpt(options) })
        .json<ListCreated>();
      const type = result.type ?? classOf(q, path);
      // Without a model (a `prepare` of one's own), the mine is asked for the new list's class.
      return this.#created(result, name, type ?? (await this.get(name, options)).type, options);
    }
    if (typeof options.type !== 'string' || options.type.trim() === '')
      throw new ValidationError({ message: 'a list needs a type (e.g. "Gene")', field: 'type' });
    const { body } = await identifierBody(await identifiersOf(content));
    const result = await this.http
      .post('lists', {
        searchParams: { name, type: options.type, description: options.description, tags, extraValue: options.organism },
        body,
        headers: { 'content-type': 'text/plain' },
        ...writeOpt(options),
      })
      .json<ListCreated>();
    return this.#created(result, name, options.type, options, result.unmatchedIdentifiers ?? []);
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
      const q = await this.#prepare(idQuery(content, content.root), options);
      result = await this.http.post('query/append/tolist', { form: { query: q.toXML(), listName: name }, ...writeOpt(options) }).json<ListCreated>();
    } else {
      if (isRegionQuery(content))
        throw new ValidationError({ message: 'a region search can only create a list (the server has no append for it)', field: 'content' });
      const { body } = await identifierBody(await identifiersOf(content));
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
    // The name sent: the answer writes a name of digits (or `true`, `null`) unquoted (JSONFormatter.quoteValue).
    return { name: newName, size: typeof result.listSize === 'number' ? result.listSize : undefined };
  }

  /**
   * Share one of your lists with another user of the mine (`POST /lists/shares`). Never retried.
   *
   * @example
   * ```ts
   * await mine.lists.share('my-genes', 'colleague@example.org', { notify: true });
   * ```
   */
  async share(list: ListRef, withUser: string, options: CallOptions & { notify?: boolean | undefined } = {}): Promise<void> {
    const name = listName(list, 'list');
    if (typeof withUser !== 'string' || withUser.trim() === '') throw new ValidationError({ message: 'share with whom? give a username', field: 'with' });
    await this.http
      .post('lists/shares', {
        form: { list: name, with: withUser, notify: options.notify === undefined ? undefined : String(options.notify) },
        ...writeOpt(options),
      })
      .json();
  }

  /**
   * Stop sharing a list with a user (`DELETE /lists/shares`). Never retried.
   *
   * @example
   * ```ts
   * await mine.lists.unshare('my-genes', 'colleague@example.org');
   * ```
   */
  async unshare(list: ListRef, withUser: string, options: CallOptions = {}): Promise<void> {
    const name = listName(list, 'list');
    if (typeof withUser !== 'string' || withUser.trim() === '') throw new ValidationError({ message: 'unshare with whom? give a username', field: 'with' });
    await this.http.delete('lists/shares', { searchParams: { list: name, with: withUser }, ...writeOpt(options) }).json();
  }

  /**
   * Who shares what: the users each of your lists is shared with, and the owners of lists shared with you.
   *
   * @example
   * ```ts
   * const { sharedByUser, sharedWithUser } = await mine.lists.shares();
   * sharedByUser['my-genes']; // ['colleague@example.org']
   * ```
   */
  async shares(options: CallOptions = {}): Promise<ListShares> {
    const url = this.http.url('lists/shares');
    const body = await this.http.get('lists/shares', callOpt(options)).json<{ lists?: { sharedByUser?: unknown; sharedWithUser?: unknown } }>();
    if (typeof body.lists !== 'object' || body.lists === null)
      throw new ResponseFormatError({ message: `GET ${url}: the response has no "lists"`, service: 'intermine', method: 'GET', url, body });
    return {
      sharedByUser: (body.lists.sharedByUser ?? {}) as Record<string, string[]>,
      sharedWithUser: (body.lists.sharedWithUser ?? {}) as Record<string, string>,
    };
  }

  /**
   * Lists like this one: the Jaccard index (|A ∩ B| / |A ∪ B|) of every other list of the same
   * type you can see, most similar first (`/lists/jaccard-index`). Give a list, or object ids and
   * their type.
   *
   * @example
   * ```ts
   * await mine.lists.similar('my-genes', { min: 0.2 }); // [{ name: 'demo-list', jaccard: 0.4 }]
   * await mine.lists.similar({ ids: [1016298, 1064198], type: 'Gene' });
   * ```
   */
  async similar(list: ListRef | { ids: readonly number[]; type: string }, options: CallOptions & { min?: number | undefined } = {}): Promise<ListSimilarity[]> {
    if (options.min !== undefined && !(typeof options.min === 'number' && options.min >= 0 && options.min <= 1))
      throw new ValidationError({ message: `min must be a number from 0 to 1, got ${String(options.min)}`, field: 'min' });
    const searchParams: Record<string, string | undefined> = { min: options.min === undefined ? undefined : String(options.min) };
    if (typeof list === 'object' && list !== null && !(list instanceof InterMineList)) {
      if (!Array.isArray(list.ids) || list.ids.length === 0 || !list.ids.every((id) => Number.isInteger(id)))
        throw new ValidationError({ message: 'ids must be a non-empty array of object ids', field: 'ids' });
      if (typeof list.type !== 'string' || list.type.trim() === '') throw new ValidationError({ message: 'comparing ids needs their type', field: 'type' });
      searchParams.ids = list.ids.join(',');
      searchParams.type = list.type;
    } else {
      searchParams.list = listName(list, 'list');
    }
    const url = this.http.url('lists/jaccard-index');
    const body = await this.http.get('lists/jaccard-index', { searchParams, ...callOpt(options) }).json<{ results?: unknown }>();
    if (!Array.isArray(body.results))
      throw new ResponseFormatError({ message: `GET ${url}: the response has no "results" array`, service: 'intermine', method: 'GET', url, body });
    // The server sends [{ "<list>": "0.5000" }, …], most similar first.
    return (body.results as Record<string, unknown>[]).flatMap((entry) => Object.entries(entry).map(([name, value]) => ({ name, jaccard: Number(value) })));
  }

  /**
   * A list name no list of the user has yet: `my_list_1`, `my_list_2`, … (as intermine-python
   * names the results of set operations).
   *
   * @example
   * ```ts
   * await mine.lists.unusedName(); // 'my_list_1'
   * ```
   */
  async unusedName(options: CallOptions & { prefix?: string | undefined } = {}): Promise<string> {
    const prefix = options.prefix ?? 'my_list_';
    const body = await this.http.get('lists', callOpt(options)).json<ListsBody>();
    const taken = new Set(listsOf(body, this.http.url('lists')).map((l) => l.name));
    let n = 1;
    while (taken.has(`${prefix}${n}`)) n++;
    return `${prefix}${n}`;
  }

  async #resultName(name: string | undefined, options: CallOptions): Promise<string> {
    return name === undefined ? this.unusedName(options) : checkName(name);
  }

  async #operation(kind: 'union' | 'intersect' | 'diff', args: OperationArgs): Promise<InterMineList> {
    const { name, lists, options } = operationArgs(kind, args);
    const resultName = await this.#resultName(name, options);
    const result = await this.http
      .get(`lists/${kind}`, {
        searchParams: { name: resultName, lists: lists.join(';'), description: options.description, tags: tagParam(options.tags) },
        ...writeOpt(options),
      })
      .json<ListCreated>();
    return this.#created(result, resultName, '', options);
  }

  /**
   * A new list with the objects in any of `lists` (objects or names). Without a name the result
   * is called `my_list_<n>` (the first one free). Returns the new list.
   *
   * @example
   * ```ts
   * const both = await mine.lists.union([listA, 'b']);          // named my_list_1
   * await mine.lists.union([listA, 'b'], { name: 'a-or-b' });
   * await mine.lists.union('a-or-b', ['a', 'b']);               // the name first, as before
   * ```
   */
  union(lists: readonly ListRef[], options?: SetOperationOptions): Promise<InterMineList>;
  /** The same, naming the new list first: `name` gets the objects in any of the lists. */
  union(name: string, lists: readonly ListRef[], options?: ListOperationOptions): Promise<InterMineList>;
  union(a: string | readonly ListRef[], b?: readonly ListRef[] | SetOperationOptions, c?: ListOperationOptions): Promise<InterMineList> {
    return this.#operation('union', [a, b, c] as OperationArgs);
  }

  /**
   * A new list with the objects in all of `lists` (objects or names); auto-named when no name is given.
   *
   * @example
   * ```ts
   * await mine.lists.intersect([listA, listB]);
   * await mine.lists.intersect('a-and-b', ['a', 'b']);
   * ```
   */
  intersect(lists: readonly ListRef[], options?: SetOperationOptions): Promise<InterMineList>;
  /** The same, naming the new list first: `name` gets the objects in every one of the lists. */
  intersect(name: string, lists: readonly ListRef[], options?: ListOperationOptions): Promise<InterMineList>;
  intersect(a: string | readonly ListRef[], b?: readonly ListRef[] | SetOperationOptions, c?: ListOperationOptions): Promise<InterMineList> {
    return this.#operation('intersect', [a, b, c] as OperationArgs);
  }

  /**
   * A new list with the objects in an odd number of `lists` (symmetric difference); auto-named
   * when no name is given.
   *
   * @example
   * ```ts
   * await mine.lists.diff([listA, 'b'], { name: 'a-xor-b' });
   * await mine.lists.diff('a-xor-b', ['a', 'b']);
   * ```
   */
  diff(lists: readonly ListRef[], options?: SetOperationOptions): Promise<InterMineList>;
  /** The same, naming the new list first: `name` gets the objects in an odd number of the lists (symmetric difference). */
  diff(name: string, lists: readonly ListRef[], options?: ListOperationOptions): Promise<InterMineList>;
  diff(a: string | readonly ListRef[], b?: readonly ListRef[] | SetOperationOptions, c?: ListOperationOptions): Promise<InterMineList> {
    return this.#operation('diff', [a, b, c] as OperationArgs);
  }

  /**
   * A new list with the objects of `from` that are in none of `exclude`.
   *
   * @example
   * ```ts
   * await mine.lists.subtract('a-minus-b', { from: ['a'], exclude: ['b'] });
   * ```
   */
  subtract(sets: SubtractSets, options?: SetOperationOptions): Promise<InterMineList>;
  /** The same, naming the new list first: `name` gets the objects of `sets.from` that are in none of `sets.exclude`. */
  subtract(name: string, sets: SubtractSets, options?: ListOperationOptions): Promise<InterMineList>;
  async subtract(a: string | SubtractSets, b?: SubtractSets | SetOperationOptions, c?: ListOperationOptions): Promise<InterMineList> {
    const named = typeof a === 'string';
    const name = named ? checkName(a) : (b as SetOperationOptions | undefined)?.name;
    const sets = (named ? b : a) as SubtractSets | undefined;
    const options = ((named ? c : b) ?? {}) as ListOperationOptions;
    if (!sets || !Array.isArray(sets.from) || sets.from.length === 0)
      throw new ValidationError({ message: 'subtract needs at least one list in "from"', field: 'from' });
    if (!Array.isArray(sets.exclude) || sets.exclude.length === 0)
      throw new ValidationError({ message: 'subtract needs at least one list in "exclude"', field: 'exclude' });
    const from = sets.from.map((l) => listName(l, 'from'));
    const exclude = sets.exclude.map((l) => listName(l, 'exclude'));
    const resultName = await this.#resultName(name, options);
    const result = await this.http
      .post('lists/subtract', {
        form: { name: resultName, references: from.join(';'), subtract: exclude.join(';'), description: options.description, tags: tagParam(options.tags) },
        ...writeOpt(options),
      })
      .json<ListCreated>();
    return this.#created(result, resultName, '', options);
  }
}
