import { createHttpClient, headerAuth, type HttpClient, type HttpHooks, type RetryOptions } from '@bio/core-http';
import { login, logout, TOKEN_HEADER } from './auth.js';
import { deleteAll, deleteList, deleteOne } from './delete.js';
import { importRunStates, uploadZip, waitForImport } from './import.js';
import type { Context } from './internal/context.js';
import { molgenisServiceMessage } from './internal/error-body.js';
import { withTokenHint } from './internal/token-hint.js';
import { normalizeRootUrl } from './internal/url.js';
import { getAttributeMetaData, getEntityMetaData, getMeta } from './metadata.js';
import { get, getById, iterate } from './read.js';
import type {
  AddOptions,
  AttributeMetaData,
  AttributeOptions,
  BatchWriteOptions,
  CallOptions,
  EntityMetaData,
  FileInput,
  GetOptions,
  ImportJob,
  ImportRun,
  IterateOptions,
  LoginResult,
  Row,
  UploadZipOptions,
  UpsertResult,
  WaitOptions,
} from './types.js';
import { add, addAll, updateAll, updateOne, upsert } from './write.js';

/**
 * Options of the {@link Molgenis} constructor.
 *
 * @example
 * ```ts
 * const m = new Molgenis({ url: 'https://molgenis.example.org/api/', token: process.env.MOLGENIS_TOKEN, timeout: 60_000 });
 * ```
 */
export interface MolgenisOptions {
  /** The server: its root (`https://molgenis.example.org`) or any URL under `/api/` (`…/api/`, `…/api/v2`). */
  url: string;
  /** A token made in the UI or stored in `sys_sec_Token`; sent as `x-molgenis-token`. Default: none (call `login`). */
  token?: string;
  /** Injected `fetch` (tests, proxies). Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** Per-attempt timeout in ms, or `false`. Default 30,000. */
  timeout?: number | false;
  /** Retries for reads (GET). Writes are never retried, whatever this says. Default: 2 retries. */
  retry?: RetryOptions | number;
  /** Cancels every call of this client. */
  signal?: AbortSignal;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** `User-Agent` (Node only). */
  userAgent?: string;
  /** Request/response/retry hooks (URLs redacted). */
  hooks?: HttpHooks;
}

/**
 * A client for the MOLGENIS classic REST API (v1/v2, import wizard, Metadata API v3): everything
 * the Python `molgenis.client.Session` does, with chunked writes, paging past 10,000 rows,
 * encoded queries and paths, an explicit `deleteAll`, and typed errors.
 *
 * @example
 * ```ts
 * import { Molgenis } from '@bio/molgenis';
 * const m = new Molgenis({ url: 'https://molgenis.example.org' });
 * await m.login('admin', 'admin');
 * const women = await m.get('celiacsprue', { q: 'celiac_gender==Female', num: 500 });
 * await m.logout();
 * ```
 */
export class Molgenis {
  /**
   * The server root this client talks to, with a trailing slash.
   *
   * @example
   * ```ts
   * new Molgenis({ url: 'https://molgenis.example.org/api/v2' }).url; // 'https://molgenis.example.org/'
   * ```
   */
  readonly url: string;
  readonly #ctx: Context;

  /**
   * Create a client. Throws a `ValidationError` for a URL that is not absolute http(s).
   *
   * @example
   * ```ts
   * new Molgenis({ url: 'https://molgenis.example.ca/api/' }).url; // 'https://molgenis.example.ca/'
   * ```
   */
  constructor(options: MolgenisOptions) {
    this.url = normalizeRootUrl(options?.url);
    const http: HttpClient = withTokenHint(
      createHttpClient({
        baseUrl: this.url,
        service: 'molgenis',
        serviceMessage: molgenisServiceMessage,
        ...(options.token === undefined || options.token === '' ? {} : { auth: headerAuth(TOKEN_HEADER, options.token) }),
        ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
        ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
        ...(options.retry === undefined ? {} : { retry: options.retry }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        ...(options.headers === undefined ? {} : { headers: options.headers }),
        ...(options.userAgent === undefined ? {} : { userAgent: options.userAgent }),
        ...(options.hooks === undefined ? {} : { hooks: options.hooks }),
      }),
    );
    this.#ctx = { http, root: this.url, idAttributes: new Map() };
  }

  /**
   * True when a token is set (given to the constructor or obtained by `login`).
   *
   * @example
   * ```ts
   * if (!m.authenticated) await m.login('admin', password);
   * ```
   */
  get authenticated(): boolean {
    return this.#ctx.http.auth !== undefined;
  }

  /**
   * Log in with `POST /api/v1/login`. The token goes into the `x-molgenis-token` header of
   * every later request (never into a URL). A login refused because the user has 2FA enabled
   * or must reset the password throws an `UnauthorizedError` whose message says what to do.
   *
   * @example
   * ```ts
   * const { token } = await m.login('admin', 'secret');
   * ```
   */
  login(username: string, password: string, options?: CallOptions): Promise<LoginResult> {
    return login(this.#ctx, username, password, options);
  }

  /**
   * Log out (`POST /api/v1/logout`) and forget the token. Does nothing when not logged in.
   *
   * @example
   * ```ts
   * await m.logout();
   * ```
   */
  logout(options?: CallOptions): Promise<void> {
    return logout(this.#ctx, options);
  }

  /**
   * One row by id: `GET /api/v2/<entity>/<id>?attrs=…`. Throws `NotFoundError` when absent.
   *
   * @example
   * ```ts
   * const row = await m.getById('demo_sightings', '157', { attributes: ['id', 'type'] });
   * ```
   */
  getById<T extends Row = Row>(entity: string, id: string | number, options?: AttributeOptions & CallOptions): Promise<T> {
    return getById<T>(this.#ctx, entity, id, options);
  }

  /**
   * Rows of an entity: `GET /api/v2/<entity>?q=&attrs=&sort=&start=&num=`. `num` is the
   * number of rows wanted overall (default 100); past 10,000 the pages are fetched by
   * following `nextHref`, sorted by the id attribute when no `sort` is given.
   *
   * @example
   * ```ts
   * await m.get('celiacsprue', { num: 100_000, start: 1000 });
   * await m.get('celiacsprue', { attributes: ['Individual', 'celiac_gender'] });
   * await m.get('celiacsprue', { q: '(celiac_weight>=80 and celiac_height<180) or (celiac_gender==Female)' });
   * ```
   */
  get<T extends Row = Row>(entity: string, options?: GetOptions): Promise<T[]> {
    return get<T>(this.#ctx, entity, options);
  }

  /**
   * Every matching row as an async iterator, in pages of `pageSize` (default 10,000).
   * Sorted by the id attribute when no `sort` is given, so no row repeats or goes missing.
   *
   * @example
   * ```ts
   * for await (const row of m.iterate('demo_sightings', { q: 'year==1998' })) console.log(row.id);
   * ```
   */
  iterate<T extends Row = Row>(entity: string, options?: IterateOptions): AsyncGenerator<T> {
    return iterate<T>(this.#ctx, entity, options);
  }

  /**
   * Add one row (`POST /api/v1/<entity>`) and return its id, read from the `Location`
   * header. With `files`, the row goes as `multipart/form-data`.
   *
   * @example
   * ```ts
   * const id = await m.add('Person', { firstName: 'Jan', lastName: 'Klaassen' });
   * await m.add('Plot', {}, { files: { image: { name: 'expression.jpg', data: await readFile('first-plot.jpg') } } });
   * ```
   */
  add(entity: string, data?: Row, options?: AddOptions): Promise<string> {
    return add(this.#ctx, entity, data, options);
  }

  /**
   * Add many rows (`POST /api/v2/<entity>` with `{"entities":[…]}`) in batches of at most
   * 1000, one after the other, never retried. Returns the new ids in input order. A batch
   * counts as written only on MOLGENIS's create answer (201 with `location` and one
   * `resources[].href` per row); an HTML page, invalid or truncated JSON, or a redirect to the
   * login page is a `ResponseFormatError`. On a failing batch it throws
   * {@link MolgenisBatchError}: the ids written, the rows certainly not written (`notWritten`)
   * and the rows whose outcome is unknown (`unknown`: re-read them before resending).
   *
   * @example
   * ```ts
   * const ids = await m.addAll('demo_sightings', [
   *   { id: '157', type: 'gnome', year: '1998' },
   *   { id: '158', type: 'fairy', year: '1998' },
   * ]);
   * ```
   */
  addAll(entity: string, rows: readonly Row[], options?: BatchWriteOptions): Promise<string[]> {
    return addAll(this.#ctx, entity, rows, options);
  }

  /**
   * Set one attribute of one row: `PUT /api/v1/<entity>/<id>/<attr>` with the JSON value.
   *
   * @example
   * ```ts
   * await m.updateOne('demo_sightings', '157', 'type', 'unicorn');
   * ```
   */
  updateOne(entity: string, id: string | number, attribute: string, value: unknown, options?: CallOptions): Promise<void> {
    return updateOne(this.#ctx, entity, id, attribute, value, options);
  }

  /**
   * Replace whole rows (`PUT /api/v2/<entity>` with `{"entities":[…]}`) in batches of at most 1000,
   * never retried. A web page instead of MOLGENIS's empty answer is a `ResponseFormatError`; a
   * failing batch throws {@link MolgenisBatchError} (`notWritten`, `unknown`).
   *
   * @example
   * ```ts
   * await m.updateAll('demo_sightings', [{ id: '157', type: 'unicorn', year: '1999' }]);
   * ```
   */
  updateAll(entity: string, rows: readonly Row[], options?: BatchWriteOptions): Promise<void> {
    return updateAll(this.#ctx, entity, rows, options);
  }

  /**
   * Add the rows whose id is new and update the others (client-side, as the Python client
   * does: reads the existing ids first, one column in pages of 10,000).
   *
   * @example
   * ```ts
   * const { added, updated } = await m.upsert('demo_sightings', rows);
   * ```
   */
  upsert(entity: string, rows: readonly Row[], options?: BatchWriteOptions): Promise<UpsertResult> {
    return upsert(this.#ctx, entity, rows, options);
  }

  /**
   * Delete one row: `DELETE /api/v1/<entity>/<id>`. The id is required — by type and at run
   * time (a `ValidationError`); deleting every row is {@link Molgenis.deleteAll}.
   *
   * @example
   * ```ts
   * await m.delete('demo_sightings', '157');
   * ```
   */
  delete(entity: string, id: string | number, options?: CallOptions): Promise<void> {
    return deleteOne(this.#ctx, entity, id, options);
  }

  /**
   * Delete rows by id: `DELETE /api/v2/<entity>` with `{"entityIds":[…]}`, in batches of at most 1000,
   * never retried. A web page instead of MOLGENIS's empty answer is a `ResponseFormatError`; a
   * failing batch throws {@link MolgenisBatchError} (`notWritten`, `unknown`).
   *
   * @example
   * ```ts
   * await m.deleteList('demo_sightings', ['157', '158', '159']);
   * ```
   */
  deleteList(entity: string, ids: readonly (string | number)[], options?: BatchWriteOptions): Promise<void> {
    return deleteList(this.#ctx, entity, ids, options);
  }

  /**
   * Delete every row of an entity (`DELETE /api/v1/<entity>`). Needs `{ confirm: true }`.
   *
   * @example
   * ```ts
   * await m.deleteAll('demo_sightings', { confirm: true });
   * ```
   */
  deleteAll(entity: string, options: CallOptions & { confirm: true }): Promise<void> {
    return deleteAll(this.#ctx, entity, options);
  }

  /**
   * Import an EMX file (zip, xlsx or csv) through `POST /plugin/importwizard/importFile`,
   * then poll its `sys_ImportRun` until `FINISHED` (or throw {@link MolgenisImportError} on
   * `FAILED`, with the server's message). `wait: false` returns at once.
   *
   * @example
   * ```ts
   * const job = await m.uploadZip(new File([bytes], 'demo.zip'), { action: 'add_update_existing', metadataAction: 'upsert' });
   * job.run?.importedEntities;
   * ```
   */
  uploadZip(zip: FileInput, options?: UploadZipOptions): Promise<ImportJob> {
    return uploadZip(this.#ctx, zip, options);
  }

  /**
   * Poll a `sys_ImportRun` (id or href) until it finishes; throws {@link MolgenisImportError} on `FAILED`.
   *
   * @example
   * ```ts
   * const job = await m.uploadZip(zip, { wait: false });
   * const run = await m.waitForImport(job.href, { pollIntervalMs: 2000 });
   * ```
   */
  waitForImport(run: string, options?: WaitOptions): Promise<ImportRun> {
    return waitForImport(this.#ctx, run, options);
  }

  /**
   * Every polled state of an import run, ending with the first that is not `RUNNING`.
   *
   * @example
   * ```ts
   * for await (const run of m.importRuns(job.id)) console.log(run.status, run.progress);
   * ```
   */
  importRuns(run: string, options?: WaitOptions): AsyncGenerator<ImportRun> {
    return importRunStates(this.#ctx, run, options);
  }

  /**
   * Entity metadata: `GET /api/v1/<entity>/meta?expand=attributes`.
   *
   * @example
   * ```ts
   * const { idAttribute, attributes } = await m.getEntityMetaData('demo_sightings');
   * ```
   */
  getEntityMetaData(entity: string, options?: CallOptions): Promise<EntityMetaData> {
    return getEntityMetaData(this.#ctx, entity, options);
  }

  /**
   * Attribute metadata: `GET /api/v1/<entity>/meta/<attr>`.
   *
   * @example
   * ```ts
   * const { fieldType } = await m.getAttributeMetaData('demo_sightings', 'year');
   * ```
   */
  getAttributeMetaData(entity: string, attribute: string, options?: CallOptions): Promise<AttributeMetaData> {
    return getAttributeMetaData(this.#ctx, entity, attribute, options);
  }

  /**
   * Metadata API v3: `GET /api/metadata/<entity>?flattenAttributes=…`, returning its `data`.
   *
   * @example
   * ```ts
   * const meta = await m.getMeta('demo_sightings', { flattenAttributes: true });
   * ```
   */
  getMeta(entity: string, options?: CallOptions & { flattenAttributes?: boolean }): Promise<Record<string, unknown>> {
    return getMeta(this.#ctx, entity, options);
  }
}
