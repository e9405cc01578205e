// The EMX2 client: sessions and tokens, the database API, and schemas.
import {
  type CallOptions,
  type ClientOptions,
  createServiceClient,
  headerAuth,
  type HttpClient,
  type ListOptions,
  type Paged,
  paged,
  UnauthorizedError,
  ValidationError,
} from '@bio/core-http';
import { VERSION } from '../internal/version.js';
import { callOf, type Ctx } from './internal/context.js';
import { classifyEmx2Error, emx2ServiceMessage } from './internal/error-map.js';
import { type GraphqlAnswer, graphql, graphqlAnswer } from './internal/graphql.js';
import { Emx2Schema } from './schema.js';
import { getTask, waitForTask } from './tasks.js';
import type { Emx2Options, Emx2Task, Emx2Version, SchemaInfo, TaskWaitOptions } from './types.js';

/** The header EMX2 reads a token from. */
export const EMX2_TOKEN_HEADER = 'x-molgenis-token';

function rootOf(baseUrl: unknown): string {
  if (typeof baseUrl !== 'string')
    throw new ValidationError({ message: 'baseUrl is required (there is no public EMX2 server to default to)', field: 'baseUrl' });
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ValidationError({ message: `baseUrl is not an absolute URL: ${baseUrl}`, field: 'baseUrl' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ValidationError({ message: 'baseUrl must be http(s)', field: 'baseUrl' });
  url.search = '';
  url.hash = '';
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

function authOf(options: Emx2Options): ClientOptions['auth'] {
  if (options.token === undefined || options.token === '') return options.auth;
  if (options.auth !== undefined) throw new ValidationError({ message: 'give either token or auth, not both', field: 'token' });
  return headerAuth(EMX2_TOKEN_HEADER, options.token);
}

interface SignResult {
  status?: string;
  message?: string;
  token?: string;
}

/**
 * A client for MOLGENIS EMX2: GraphQL per schema, paged and filtered reads, chunked writes,
 * CSV/ZIP, tokens and tasks.
 *
 * @example
 * ```ts
 * import { Emx2 } from '@bio/molgenis/emx2';
 * const emx2 = new Emx2({ baseUrl: 'https://emx2.example.org' });
 * await emx2.signin('admin', process.env.EMX2_PASSWORD!);
 * const cats = await emx2.schema('pet store').table('Pet').rows({ filter: 'category.name==cat' }).toArray();
 * ```
 */
export class Emx2 {
  /** The server root, with a trailing slash. */
  readonly baseUrl: string;
  readonly #ctx: Ctx;
  readonly #http: HttpClient;
  #user: string | undefined;

  /**
   * Create a client. `baseUrl` is required; `token` (or `auth`) authenticates every request.
   * A bad token is an `UnauthorizedError` on every call (EMX2 does not fall back to anonymous).
   *
   * @example
   * ```ts
   * const emx2 = new Emx2({ baseUrl: 'https://emx2.example.org', token: process.env.EMX2_TOKEN, timeout: 60_000 });
   * ```
   */
  constructor(options: Emx2Options) {
    if (typeof options !== 'object' || options === null) throw new ValidationError({ message: 'options with a baseUrl are required', field: 'options' });
    this.baseUrl = rootOf(options.baseUrl);
    const hooks = { ...options.hooks, beforeError: [classifyEmx2Error, ...(options.hooks?.beforeError ?? [])] };
    this.#http = createServiceClient(
      { ...options, auth: authOf(options), baseUrl: this.baseUrl, hooks },
      { name: 'molgenis', version: VERSION, baseUrl: this.baseUrl, serviceMessage: emx2ServiceMessage },
    );
    this.#ctx = { http: this.#http, metadata: new Map() };
  }

  /** True while a token is set (given, or from `signin`). */
  get authenticated(): boolean {
    return this.#http.auth !== undefined;
  }

  /**
   * Sign in (`mutation signin` on `/api/graphql`); later requests carry the session's token
   * (valid 30 minutes on the server). A refused sign-in (EMX2 answers HTTP 200 `FAILED`) is an
   * `UnauthorizedError` with the server's message. The password goes in GraphQL variables,
   * never into a URL or an error.
   *
   * @example
   * ```ts
   * await emx2.signin('admin', password);
   * ```
   */
  async signin(user: string, password: string, options?: CallOptions): Promise<void> {
    if (typeof user !== 'string' || user === '') throw new ValidationError({ message: 'user must be a non-empty string', field: 'user' });
    if (typeof password !== 'string' || password === '') throw new ValidationError({ message: 'password must be a non-empty string', field: 'password' });
    const { data } = await this.#mutate<{ signin?: SignResult }>(
      'mutation($email: String, $password: String) { signin(email: $email, password: $password) { status message token } }',
      { email: user, password },
      options,
    );
    const result = data.signin;
    if (result?.status !== 'SUCCESS' || typeof result.token !== 'string' || result.token === '') {
      const serviceMessage = result?.message ?? 'sign in failed';
      throw new UnauthorizedError({
        service: 'molgenis',
        status: 200,
        serviceMessage,
        message: `signin as '${user}' failed: ${serviceMessage}`,
        secrets: [password],
      });
    }
    this.#http.setAuth(headerAuth(EMX2_TOKEN_HEADER, result.token));
    this.#user = user;
    this.#ctx.metadata.clear(); // what a user may see depends on who they are
  }

  /**
   * Sign out (`mutation signout`) and forget the token. Does nothing when no token is set.
   *
   * @example
   * ```ts
   * await emx2.signout();
   * ```
   */
  async signout(options?: CallOptions): Promise<void> {
    if (this.#http.auth === undefined) return;
    try {
      await this.#mutate('mutation { signout { status message } }', undefined, options);
    } finally {
      this.#http.setAuth(undefined);
      this.#user = undefined;
      this.#ctx.metadata.clear();
    }
  }

  /**
   * Create a long-lived named token for the signed-in user (or, as admin, for `user`). Returns the token.
   *
   * @example
   * ```ts
   * const token = await emx2.createToken('ci-pipeline');
   * const ci = new Emx2({ baseUrl, token });
   * ```
   */
  async createToken(name: string, options?: CallOptions & { user?: string | undefined }): Promise<string> {
    if (typeof name !== 'string' || name === '') throw new ValidationError({ message: 'token name must be a non-empty string', field: 'name' });
    if (this.#http.auth === undefined)
      throw new ValidationError({ message: 'createToken needs a signed-in user: call signin first (or pass a token)', field: 'name' });
    const user = options?.user ?? this.#user ?? (await this.#sessionUser(options));
    const { data, fail } = await this.#mutate<{ createToken?: SignResult }>(
      'mutation($email: String, $name: String) { createToken(email: $email, tokenName: $name) { status message token } }',
      { email: user, name },
      options,
    );
    const token = data.createToken?.token;
    if (data.createToken?.status !== 'SUCCESS' || typeof token !== 'string' || token === '') {
      throw fail(`createToken answered no token: ${data.createToken?.message ?? 'no message'}`); // no snippet: it may hold a token
    }
    return token;
  }

  /** A mutation on the database API (`/api/graphql`): sent once, never retried. */
  #mutate<T = Record<string, unknown>>(
    mutation: string,
    variables: Record<string, unknown> | undefined,
    options: CallOptions | undefined,
  ): Promise<GraphqlAnswer<T>> {
    return graphqlAnswer<T>(this.#ctx, undefined, mutation, variables, { ...callOf(options), mutation: true });
  }

  async #sessionUser(options: CallOptions | undefined): Promise<string> {
    const data = await graphql<{ _session?: { email?: string } }>(this.#ctx, undefined, '{ _session { email } }', undefined, callOf(options));
    const email = data._session?.email;
    if (typeof email !== 'string' || email === 'anonymous') throw new ValidationError({ message: 'createToken needs a signed-in user', field: 'name' });
    return email;
  }

  /**
   * The schemas this user can see (`_schemas`), as one page.
   *
   * @example
   * ```ts
   * const names = (await emx2.schemas().toArray()).map((s) => s.name);
   * ```
   */
  schemas(options: ListOptions = {}): Paged<SchemaInfo> {
    const ctx = this.#ctx;
    return paged<SchemaInfo>(async function* ({ signal }) {
      const call = { ...callOf(options), ...(signal === undefined ? {} : { signal }) };
      const { data, fail } = await graphqlAnswer<{ _schemas?: unknown }>(ctx, undefined, '{ _schemas { id name label description } }', undefined, call);
      const raw = data._schemas ?? [];
      if (!Array.isArray(raw)) throw fail('_schemas is not a list', raw);
      const items = raw.map((r: { name?: unknown; label?: unknown; description?: unknown }): SchemaInfo => {
        if (typeof r?.name !== 'string') throw fail('a schema in _schemas has no name', r);
        const info: SchemaInfo = { name: r.name };
        if (typeof r.label === 'string') info.label = r.label;
        if (typeof r.description === 'string') info.description = r.description;
        return info;
      });
      yield { items, total: items.length };
    }, options);
  }

  /**
   * The server's version (`_manifest`).
   *
   * @example
   * ```ts
   * (await emx2.version()).implementationVersion; // '13.165.0'
   * ```
   */
  async version(options?: CallOptions): Promise<Emx2Version> {
    const { data, fail } = await graphqlAnswer<{ _manifest?: { ImplementationVersion?: string; SpecificationVersion?: string; DatabaseVersion?: string } }>(
      this.#ctx,
      undefined,
      '{ _manifest { ImplementationVersion SpecificationVersion DatabaseVersion } }',
      undefined,
      callOf(options),
    );
    const m = data._manifest;
    if (typeof m?.ImplementationVersion !== 'string') throw fail('_manifest has no ImplementationVersion', data);
    const out: Emx2Version = { implementationVersion: m.ImplementationVersion };
    // GraphQL answers `null` for a value the server lacks (no manifest entry in a development build)
    if (typeof m.SpecificationVersion === 'string') out.specificationVersion = m.SpecificationVersion;
    if (typeof m.DatabaseVersion === 'string') out.databaseVersion = m.DatabaseVersion;
    return out;
  }

  /**
   * A schema by name (any characters; encoded in paths). Nothing is requested until it is used.
   *
   * @example
   * ```ts
   * const petStore = emx2.schema('pet store');
   * ```
   */
  schema(name: string): Emx2Schema {
    if (typeof name !== 'string' || name.trim() === '') throw new ValidationError({ message: 'schema name must be a non-empty string', field: 'schema' });
    return new Emx2Schema(this.#ctx, name);
  }

  /**
   * Run a GraphQL document on the database API (`/api/graphql`); errors typed as for `schema.graphql`.
   *
   * @example
   * ```ts
   * const { _schemas } = await emx2.graphql<{ _schemas: { name: string }[] }>('{ _schemas { name } }');
   * ```
   */
  async graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options?: CallOptions): Promise<T> {
    if (typeof query !== 'string' || query.trim() === '') throw new ValidationError({ message: 'query must be a non-empty string', field: 'query' });
    // as Emx2Schema#graphql: a leading `# comment` does not make a mutation a (retried) query
    const mutation = /^\s*mutation\b/.test(query.replace(/^\s*#.*$/gm, ''));
    return graphql<T>(this.#ctx, undefined, query, variables, { ...options, mutation });
  }

  /**
   * A server task as it is now (`_tasks(id:)`).
   *
   * @example
   * ```ts
   * (await emx2.task(id)).status; // 'RUNNING'
   * ```
   */
  task(id: string, options?: CallOptions): Promise<Emx2Task> {
    return getTask(this.#ctx, id, options);
  }

  /**
   * Poll a task until it ends (core-http `poll`, growing interval); rejects with `Emx2TaskError` on `ERROR`.
   *
   * @example
   * ```ts
   * await emx2.waitForTask(id, { deadline: 600_000 });
   * ```
   */
  waitForTask(id: string, options?: TaskWaitOptions): Promise<Emx2Task> {
    return waitForTask(this.#ctx, id, options);
  }
}
