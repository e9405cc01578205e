import { type CallOptions, type ClientOptions, createServiceClient, headerAuth, type HttpClient, type Paged, ValidationError } from '@bio/core-http';
import { login, logout, TOKEN_HEADER } from './auth.js';
import { getColumns } from './columns.js';
import { csvRows, csvText } from './csv-export.js';
import { deleteAll, deleteList, deleteOne } from './delete.js';
import { importRunStates, uploadZip, waitForImport } from './import.js';
import { importData } from './import-data.js';
import type { Context } from './internal/context.js';
import { molgenisServiceMessage } from './internal/error-body.js';
import { expiredTokenHint } from './internal/token-hint.js';
import { molgenisRetry } from './internal/retry-policy.js';
import { normalizeRootUrl } from './internal/url.js';
import { VERSION } from './internal/version.js';
import { getAttributeMetaData, getEntityMetaData, getMeta } from './metadata.js';
import { get, getAll, getById, getRaw, getRows } from './read.js';
import { toUploadFormat } from './uploadable.js';
import type {
  AddOptions,
  AttributeMetaData,
  AttributeOptions,
  BatchWriteOptions,
  EntityMetaData,
  Columns,
  CsvOptions,
  CsvRow,
  FileInput,
  FlatOptions,
  FlatRow,
  GetColumnsOptions,
  GetMetaOptions,
  GetOptions,
  ImportDataOptions,
  ImportJob,
  ImportRun,
  LoginResult,
  Row,
  RowsResult,
  UploadZipOptions,
  V2Collection,
  UpsertResult,
  WaitOptions,
} from './types.js';
import { add, addAll, updateAll, updateOne, upsert } from './write.js';

/**
 * Options of the {@link Molgenis} constructor: the family's {@link ClientOptions} (`auth`,
 * `fetch`, `headers`, `userAgent`, `timeout`, `retry`, `hooks`, `signal`, `concurrency`, with
 * core-http's defaults) with a required `baseUrl`, plus the `token` convenience.
 *
 * `retry` applies to reads only: writes are never retried, whatever it says. A 500 carrying
 * MOLGENIS's own error document (a query the server cannot run) is not retried either: it
 * would fail the same way again.
 *
 * @example
 * ```ts
 * const m = new Molgenis({ baseUrl: 'https://molgenis.example.org/api/', token: process.env.MOLGENIS_TOKEN, timeout: 60_000 });
 * ```
 */
export interface MolgenisOptions extends ClientOptions {
  /** The server: its root (`https://molgenis.example.org`) or any URL under `/api/` (`…/api/`, `…/api/v2`). Required. */
  baseUrl: string;
  /**
   * A token made in the UI or stored in `sys_sec_Token`, sent as `x-molgenis-token`: short for
   * `auth: headerAuth(TOKEN_HEADER, token)` (give one or the other). Default: none (call `login`).
   */
  token?: string | undefined;
}

function authOf(options: MolgenisOptions): ClientOptions['auth'] {
  const { token, auth } = options;
  if (token === undefined || token === '') return auth;
  if (auth !== undefined) throw new ValidationError({ message: 'give either token or auth, not both', field: 'token' });
  return headerAuth(TOKEN_HEADER, token);
}

/**
 * A client for the MOLGENIS classic REST API (v1/v2, import wizard, Metadata API v3): everything
 * the Python `molgenis.client.Session` does, with chunked writes, paging past 10,000 rows,
 * encoded queries and paths, an explicit `deleteAll`, and typed errors.
 *
 * @example
 * ```ts
 * import { Molgenis } from '@bio/molgenis';
 * const m = new Molgenis({ baseUrl: 'https://molgenis.example.org' });
 * await m.login('admin', 'admin');
 * const women = await m.get('celiacsprue', { q: 'celiac_gender==Female' }).toArray({ max: 500 });
 * await m.logout();
 * ```
 */
export class Molgenis {
  /**
   * The server root this client talks to, with a trailing slash.
   *
   * @example
   * ```ts
   * new Molgenis({ baseUrl: 'https://molgenis.example.org/api/v2' }).baseUrl; // 'https://molgenis.example.org/'
   * ```
   */
  readonly baseUrl: string;
  readonly #ctx: Context;

  /**
   * Create a client. Throws a `ValidationError` for a `baseUrl` that is not absolute http(s),
   * or for both `token` and `auth`. The `User-Agent` is `userAgent` (when given) followed by
   * `@bio/molgenis/<version>`. While a token is set, a 401 says the token may have expired
   * (a `beforeError` hook, run before yours).
   *
   * @example
   * ```ts
   * new Molgenis({ baseUrl: 'https://molgenis.example.ca/api/', userAgent: 'my-pipeline/1.0' }).baseUrl; // 'https://molgenis.example.ca/'
   * ```
   */
  constructor(options: MolgenisOptions) {
    this.baseUrl = normalizeRootUrl(options?.baseUrl);
    const auth = authOf(options);
    let http: HttpClient | undefined;
    const tokenHint = expiredTokenHint(() => http?.auth, TOKEN_HEADER);
    http = createServiceClient(
      {
        ...options,
        auth,
        baseUrl: this.baseUrl,
        retry: molgenisRetry(options.retry),
        hooks: { ...options.hooks, beforeError: [tokenHint, ...(options.hooks?.beforeError ?? [])] },
      },
      { name: 'molgenis', version: VERSION, baseUrl: this.baseUrl, serviceMessage: molgenisServiceMessage },
    );
    this.#ctx = { http, root: this.baseUrl, idAttributes: new Map(), concurrency: options.concurrency };
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
   * const row = await m.getById('demo_sightings', '157', { attributes: ['id', 'type'], timeout: 5000 });
   * ```
   */
  getById<T extends Row = Row>(
    entity: string,
    id: string | number,
    options?: AttributeOptions & CallOptions & Pick<GetOptions, 'uploadable' | 'flat'>,
  ): Promise<T> {
    return getById<T>(this.#ctx, entity, id, options);
  }

  /**
   * Rows of an entity (`GET /api/v2/<entity>?q=&attrs=&sort=&start=&num=`), as the family's
   * lazy, re-iterable {@link Paged}: iterate it, `toArray({ max })`, walk its `pages()`, or read
   * the server's `total()`. `max` bounds the rows (default: all), `pageSize` the rows per request
   * (1–10,000, default 10,000; sent as `num`). Once the first page gives the total, the other
   * pages are requested up to `concurrency` at once (default: the client's, else 4), in order.
   * Rows come in the server's id order unless `sort` says otherwise. `uploadable` and `flat`
   * shape the rows. Bad options throw a `ValidationError` here, before any request.
   *
   * @example
   * ```ts
   * const rows = await m.get('celiacsprue', { max: 100_000, start: 1000 }).toArray();
   * await m.get('celiacsprue', { attributes: ['Individual', 'celiac_gender'] }).toArray({ max: 100 });
   * for await (const s of m.get('demo_sightings', { q: 'year==1998', pageSize: 5000 })) console.log(s.id);
   * const flat = await m.get('celiacsprue', { flat: { references: 'label' } }).toArray();
   * const matching = await m.get('celiacsprue', { q: 'celiac_gender==Female' }).total();
   * ```
   */
  get<T extends Row = FlatRow>(entity: string, options: GetOptions & { flat: true | FlatOptions }): Paged<T>;
  get<T extends Row = Row>(entity: string, options?: GetOptions): Paged<T>;
  get<T extends Row = Row>(entity: string, options?: GetOptions): Paged<T> {
    return get<T>(this.#ctx, entity, options);
  }

  /**
   * Every row matching `q`, in one call (all pages; `max` is refused — use `get` or `getRows`).
   * Python's `get(entity)` with no `num`.
   *
   * @example
   * ```ts
   * const all = await m.getAll('celiacsprue', { q: 'celiac_gender==Female' });
   * ```
   */
  getAll<T extends Row = Row>(entity: string, options?: Omit<GetOptions, 'max'>): Promise<T[]> {
    return getAll<T>(this.#ctx, entity, options);
  }

  /**
   * Rows up to `max` (default all) with the server's `total` and `hasMore`: a bounded read
   * whose result says when rows were left behind.
   *
   * @example
   * ```ts
   * const { items, total, hasMore } = await m.getRows('celiacsprue', { max: 100 });
   * if (hasMore) console.warn(`first ${items.length} of ${total} rows`);
   * ```
   */
  getRows<T extends Row = Row>(entity: string, options?: GetOptions): Promise<RowsResult<T>> {
    return getRows<T>(this.#ctx, entity, options);
  }

  /**
   * One request, the v2 answer as sent — `total`, `meta`, `nextHref` and `items` (Python's
   * `get(raw=True)`). `num` is `pageSize` (default 10,000), lowered to `max`.
   *
   * @example
   * ```ts
   * const { total, items, nextHref } = await m.getRaw('celiacsprue', { pageSize: 100 });
   * ```
   */
  getRaw<T = Row>(entity: string, options?: GetOptions): Promise<V2Collection<T>> {
    return getRaw<T>(this.#ctx, entity, options);
  }

  /**
   * Every matching row as columns — one array per attribute, in the entity type's attribute
   * order — for tabular work (flat values: references as ids or labels, numbers, `Date`s).
   *
   * @example
   * ```ts
   * const { columns, data, length } = await m.getColumns('celiacsprue', { references: 'label' });
   * const meanWeight = (data.celiac_weight as number[]).reduce((a, b) => a + b, 0) / length;
   * ```
   */
  getColumns(entity: string, options?: GetColumnsOptions): Promise<Columns> {
    return getColumns(this.#ctx, entity, options);
  }

  /**
   * The server's CSV export (`GET /api/v1/csv/<entity>`) as rows keyed by column, paged like
   * `get` (`num` ≤ 10,000 per request; sorted by the id attribute when more than one request
   * may be needed). Values are the server's text: references as labels, lists joined by commas.
   *
   * @example
   * ```ts
   * for await (const row of m.csv('celiacsprue', { attributes: ['Individual', 'celiac_gender'] })) console.log(row.Individual, row.celiac_gender);
   * ```
   */
  csv(entity: string, options?: CsvOptions): Paged<CsvRow> {
    return csvRows(this.#ctx, entity, options);
  }

  /**
   * The server's CSV export as text, streamed in pieces as it arrives: one header, then the
   * lines of every page. Join the pieces for one string, or write them to a file.
   *
   * @example
   * ```ts
   * let text = '';
   * for await (const piece of m.csvText('celiacsprue', { q: 'celiac_gender==Female' })) text += piece;
   * ```
   */
  csvText(entity: string, options?: CsvOptions): AsyncGenerator<string> {
    return csvText(this.#ctx, entity, options);
  }

  /**
   * Rows as read with `get` made ready to send back, as Python's `to_upload_format`: `_href` and
   * `_meta` removed, references replaced by their ids. Reads the v2 metadata once
   * (`GET /api/v2/<entity>?num=0`). Rows read with `{ uploadable: true }` need no conversion.
   *
   * @example
   * ```ts
   * const rows = await m.get('demo_sightings').toArray();
   * await m.updateAll('demo_sightings', (await m.toUploadFormat('demo_sightings', rows)).map((r) => ({ ...r, year: 2000 })));
   * ```
   */
  toUploadFormat(entity: string, rows: readonly Row[], options?: CallOptions): Promise<Row[]> {
    return toUploadFormat(this.#ctx, entity, rows, options);
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
   * Import rows from memory, as Python's `import_data`: writes one `<entity>.csv` per table
   * (header = the union of the rows' keys; references as ids, lists joined by commas) and the
   * optional EMX metadata sheets into a zip, uploads it with {@link Molgenis.uploadZip} (same
   * defaults: `action: 'add'`, `metadataAction: 'upsert'`) and waits for the run.
   *
   * @example
   * ```ts
   * const job = await m.importData({ demo_sightings: [{ id: '157', type: 'gnome', year: 1998 }] }, { action: 'add_update_existing' });
   * job.run?.importedEntities; // 'demo_sightings'
   * ```
   */
  importData(data: Record<string, readonly Row[]>, options?: ImportDataOptions): Promise<ImportJob> {
    return importData(this.#ctx, data, options);
  }

  /**
   * Poll a `sys_ImportRun` (id or href) until it finishes; throws {@link MolgenisImportError} on `FAILED`.
   *
   * @example
   * ```ts
   * const job = await m.uploadZip(zip, { wait: false });
   * const run = await m.waitForImport(job.href, { interval: 2000 });
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
   * With `expand: true`, each attribute's `refEntityType` link is replaced by that entity type's
   * metadata (Python's `get_meta(expand=True)`; one request per referenced entity type).
   *
   * @example
   * ```ts
   * const meta = await m.getMeta('demo_sightings', { flattenAttributes: true });
   * const expanded = await m.getMeta('celiacsprue', { expand: true });
   * ```
   */
  getMeta(entity: string, options?: GetMetaOptions): Promise<Record<string, unknown>> {
    return getMeta(this.#ctx, entity, options);
  }
}
