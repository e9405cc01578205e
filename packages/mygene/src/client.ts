import { type CallOptions, createServiceClient, type HttpClient, type Paged } from '@bio/core-http';
import { getGene, getGenes, streamGenes } from './genes.js';
import { getFields, getMetadata } from './metadata.js';
import type { FetchAllOptions, FieldsOptions, GeneOptions, GenesOptions, MapIdsOptions, MyGeneOptions, QueryManyOptions, QueryOptions } from './options.js';
import { runMapIds, runQuery, runQueryMany } from './query.js';
import { scrollAll } from './scroll.js';
import type { DotfieldGene, FieldsMap, Gene, GenesResult, Hit, Metadata, NotFound, QueryManyResult, QueryResponse } from './types.js';
import type { Context } from './internal/context.js';
import { mygeneServiceMessage } from './internal/service-message.js';
import { checkInt, checkNonNegative, checkString, fail, LIMITS } from './internal/validate.js';
import { VERSION } from './internal/version.js';
import { DEFAULT_BASE_URL } from './base-url.js';

/** Requests in flight by default: MyGene asks for polite use and publishes no per-client limit. */
const DEFAULT_CONCURRENCY = 1;

/**
 * Input of the batched calls: an array, any `Iterable` or an `AsyncIterable` of strings
 * (e.g. a file read line by line). Read lazily, at most `concurrency` batches ahead.
 *
 * @example
 * ```ts
 * const ids: Ids = ['1017', '7157'];
 * ```
 */
export type Ids = Iterable<string> | AsyncIterable<string>;

/**
 * A MyGene.info v3 client: gene documents, queries, batch queries (bounded by `concurrency`),
 * scrolling, metadata. Typed errors from `@bio/core-http`; retries on 429/5xx/network errors
 * (batch POSTs included) honouring `Retry-After`; JSON request bodies; no console output.
 *
 * @example
 * ```ts
 * import { MyGene } from '@bio/mygene';
 * const mg = new MyGene({ email: 'me@lab.org' });
 * const cdk2 = await mg.gene('1017', { fields: ['symbol', 'name'] });
 * const { hits, missing } = await mg.queryMany(['CDK2', 'TP53', 'dummy'], { scopes: 'symbol', species: 'human' });
 * ```
 */
export class MyGene {
  /** The service root requests go to. */
  readonly baseUrl: string;
  /** The HTTP client underneath (base URL, hooks, retry policy). */
  readonly http: HttpClient;
  readonly #ctx: Context;

  /**
   * Make a client; nothing is requested until a method is called. Every option is checked here:
   * a wrong type or an out-of-range number (e.g. `concurrency` 0) throws a `ValidationError`
   * naming the option.
   *
   * @param options - Base URL, email, retries, timeouts, batching, cache; see {@link MyGeneOptions}.
   *
   * @example
   * ```ts
   * const mg = new MyGene({ email: 'me@lab.org', concurrency: 2, timeout: 10_000 });
   * ```
   */
  constructor(options: MyGeneOptions | undefined = {}) {
    if (typeof options !== 'object' || options === null) fail('options', 'expected an object');
    const email = options.email === undefined ? undefined : checkString('email', options.email);
    const concurrency = checkInt('concurrency', options.concurrency ?? DEFAULT_CONCURRENCY, 1, LIMITS.concurrency);
    const batchSize = checkInt('batchSize', options.batchSize ?? LIMITS.batchSize, 1, LIMITS.batchSize);
    const delay = checkNonNegative('delay', options.delay ?? 0);
    this.http = createServiceClient(
      { ...options, concurrency },
      { name: 'mygene', version: VERSION, baseUrl: DEFAULT_BASE_URL, serviceMessage: (body) => mygeneServiceMessage(body) },
    );
    this.baseUrl = this.http.baseUrl;
    this.#ctx = { http: this.http, email, cache: options.cache, batchSize, concurrency, delay };
  }

  /**
   * One gene document (`GET /gene/{id}`) by Entrez or Ensembl id (retired Entrez ids and CURIEs
   * such as `NCBIGene:1017` work too). Returns `null` when the id is unknown (404); other
   * failures throw typed errors. The server returns all fields unless `fields` says otherwise.
   * An id that matches several genes (e.g. an Ensembl id shared by two Entrez genes) is a
   * {@link MultipleGenesError} carrying all of them (none is picked); {@link MyGene.genes}
   * returns them as a list.
   *
   * @example
   * ```ts
   * const cdk2 = await mg.gene('1017', { fields: ['symbol', 'name'] });
   * // { _id: '1017', _version: 1, name: 'cyclin dependent kinase 2', symbol: 'CDK2' }
   * const flat = await mg.gene('1017', { fields: 'refseq.rna,genomic_pos.chr', dotfield: true });
   * flat?.['genomic_pos.chr']; // '12'
   * await mg.gene('0'); // null
   * ```
   */
  gene(id: string, options: GeneOptions<true> & { dotfield: true }): Promise<DotfieldGene | null>;
  /** Nested documents ({@link Gene}), the default (`dotfield` false or absent). */
  gene(id: string, options?: GeneOptions<false>): Promise<Gene | null>;
  /** Either form, when `dotfield` is a `boolean` known only at run time. */
  gene(id: string, options?: GeneOptions): Promise<Gene | DotfieldGene | null>;
  gene(id: string, options: GeneOptions = {}): Promise<Gene | DotfieldGene | null> {
    return getGene(this.#ctx, id, options);
  }

  /**
   * Many gene documents (`POST /gene`), batched (≤ 1000 ids per request; as many batches at
   * once as the client's `concurrency` allows), in input order. `missing` lists the ids that matched nothing.
   *
   * @example
   * ```ts
   * const { hits, missing } = await mg.genes(['1017', '695', 'xyz'], { fields: ['symbol', 'name', 'refseq.rna'] });
   * hits.map((h) => h.symbol); // ['CDK2', 'BTK']
   * missing;                   // ['xyz']
   * ```
   */
  genes(ids: Ids, options: GenesOptions<true> & { dotfield: true }): Promise<GenesResult<DotfieldGene>>;
  /** Nested documents ({@link Gene}), the default (`dotfield` false or absent). */
  genes(ids: Ids, options?: GenesOptions<false>): Promise<GenesResult<Gene>>;
  /** Either form, when `dotfield` is a `boolean` known only at run time. */
  genes(ids: Ids, options?: GenesOptions): Promise<GenesResult<Gene | DotfieldGene>>;
  genes(ids: Ids, options: GenesOptions = {}): Promise<GenesResult<Gene | DotfieldGene>> {
    return getGenes(this.#ctx, ids, options);
  }

  /**
   * {@link MyGene.genes} as a stream: every entry of the answer (hits and `{query, notfound}`
   * entries, see {@link isNotFound}) in input order, batch after batch, with back-pressure.
   *
   * @example
   * ```ts
   * for await (const entry of mg.genesStream(readLines('ids.txt'), { fields: 'symbol' })) {
   *   if (!isNotFound(entry)) console.log(entry.query, entry.symbol);
   * }
   * ```
   */
  genesStream(ids: Ids, options: GenesOptions<true> & { dotfield: true }): AsyncGenerator<Hit<DotfieldGene> | NotFound>;
  /** Nested documents ({@link Gene}), the default (`dotfield` false or absent). */
  genesStream(ids: Ids, options?: GenesOptions<false>): AsyncGenerator<Hit<Gene> | NotFound>;
  /** Either form, when `dotfield` is a `boolean` known only at run time. */
  genesStream(ids: Ids, options?: GenesOptions): AsyncGenerator<Hit<Gene | DotfieldGene> | NotFound>;
  genesStream(ids: Ids, options: GenesOptions = {}): AsyncGenerator<Hit<Gene | DotfieldGene> | NotFound> {
    return streamGenes(this.#ctx, ids, options);
  }

  /**
   * A query (`GET /query`): full text, fielded (`symbol:cdk2`), boolean, wildcard or genome
   * interval, with sorting and facets. One request, one answer (`hits`, `total`, `max_score`,
   * `took`, `facets`): the server's own `size`/`from` window, not a listing, so it is not
   * {@link Paged}; use {@link MyGene.fetchAll} for every hit. `size: 0` gives facets only
   * (`hits` is then `[]`).
   *
   * @example
   * ```ts
   * const r = await mg.query('symbol:cdk2');
   * r.hits.map((h) => [h.symbol, h.taxid]); // [['CDK2', 9606], ['Cdk2', 10090], ['Cdk2', 10116]]
   * const f = await mg.query('cdk2', { size: 0, facets: 'taxid', facetSize: 3 });
   * f.facets?.taxid?.terms; // [{ count: 14, term: 9606 }, …]
   * ```
   */
  query(q: string, options: QueryOptions<true> & { dotfield: true }): Promise<QueryResponse<DotfieldGene>>;
  /** Nested documents ({@link Gene}), the default (`dotfield` false or absent). */
  query(q: string, options?: QueryOptions<false>): Promise<QueryResponse<Gene>>;
  /** Either form, when `dotfield` is a `boolean` known only at run time. */
  query(q: string, options?: QueryOptions): Promise<QueryResponse<Gene | DotfieldGene>>;
  query(q: string, options: QueryOptions = {}): Promise<QueryResponse<Gene | DotfieldGene>> {
    return runQuery(this.#ctx, q, options);
  }

  /**
   * Many terms at once (`POST /query`, JSON body so terms with spaces, commas or quotes are
   * safe): `hits` in input order, `missing` terms, `duplicates` (terms with several hits, e.g.
   * `tp53` → human and rat) and `byQuery`. Batches of ≤ 1000, as many at once as the client's
   * `concurrency` allows.
   *
   * @example
   * ```ts
   * const r = await mg.queryMany(['1017', 'tp53', 'dummy'], { scopes: ['entrezgene', 'symbol'], species: ['human', 'rat'] });
   * r.missing;    // ['dummy']
   * r.duplicates; // [{ query: 'tp53', count: 2 }]
   * r.byQuery.get('tp53')?.map((h) => h._id); // ['7157', '24842']
   * ```
   */
  queryMany(terms: Ids, options: QueryManyOptions<true> & { dotfield: true }): Promise<QueryManyResult<DotfieldGene>>;
  /** Nested documents ({@link Gene}), the default (`dotfield` false or absent). */
  queryMany(terms: Ids, options?: QueryManyOptions<false>): Promise<QueryManyResult<Gene>>;
  /** Either form, when `dotfield` is a `boolean` known only at run time. */
  queryMany(terms: Ids, options?: QueryManyOptions): Promise<QueryManyResult<Gene | DotfieldGene>>;
  queryMany(terms: Ids, options: QueryManyOptions = {}): Promise<QueryManyResult<Gene | DotfieldGene>> {
    return runQueryMany(this.#ctx, terms, options);
  }

  /**
   * One hit per distinct term (1:1, input order): the first hit, or the best `_score` with
   * `pick: 'best'`; `null` for terms without a match.
   *
   * @example
   * ```ts
   * const m = await mg.mapIds(['tp53', 'cdk2'], { scopes: 'symbol', species: ['human', 'rat'], pick: 'best' });
   * m.get('tp53')?._id; // '7157'
   * ```
   */
  mapIds(terms: Ids, options: MapIdsOptions<true> & { dotfield: true }): Promise<Map<string, Hit<DotfieldGene> | null>>;
  /** Nested documents ({@link Gene}), the default (`dotfield` false or absent). */
  mapIds(terms: Ids, options?: MapIdsOptions<false>): Promise<Map<string, Hit<Gene> | null>>;
  /** Either form, when `dotfield` is a `boolean` known only at run time. */
  mapIds(terms: Ids, options?: MapIdsOptions): Promise<Map<string, Hit<Gene | DotfieldGene> | null>>;
  mapIds(terms: Ids, options: MapIdsOptions = {}): Promise<Map<string, Hit<Gene | DotfieldGene> | null>> {
    return runMapIds(this.#ctx, terms, options);
  }

  /**
   * Every hit of a query (`fetch_all` + `scroll_id`), unsorted, 1000 per page, as a lazy,
   * re-iterable {@link Paged} (each iteration runs a new scroll). `max` bounds the hits,
   * `total()` is the server's count. The next page is requested as soon as one arrives (the
   * scroll expires 60 s after each page). Both end-of-scroll messages end the listing normally;
   * an expired scroll throws {@link ScrollExpiredError}, or starts over skipping ids already
   * yielded with `restartOnExpiry: true`.
   *
   * @example
   * ```ts
   * const brain = mg.fetchAll('brain', { fields: 'symbol', species: 'human', max: 5000 });
   * await brain.total();                           // 14571 (the server's count, not cut at max)
   * for await (const hit of brain) console.log(hit.symbol);
   * const first10 = await brain.toArray({ max: 10 });
   * ```
   */
  fetchAll(q: string, options: FetchAllOptions<true> & { dotfield: true }): Paged<DotfieldGene>;
  /** Nested documents ({@link Gene}), the default (`dotfield` false or absent). */
  fetchAll(q: string, options?: FetchAllOptions<false>): Paged<Gene>;
  /** Either form, when `dotfield` is a `boolean` known only at run time. */
  fetchAll(q: string, options?: FetchAllOptions): Paged<Gene | DotfieldGene>;
  fetchAll(q: string, options: FetchAllOptions = {}): Paged<Gene | DotfieldGene> {
    return scrollAll(this.#ctx, q, options);
  }

  /**
   * Build and data statistics (`GET /metadata`).
   *
   * @example
   * ```ts
   * const m = await mg.metadata();
   * console.log(m.build_version, m.stats.total_genes, m.genome_assembly.human); // '20200329' 59433917 'hg38'
   * ```
   */
  metadata(options: CallOptions = {}): Promise<Metadata> {
    return getMetadata(this.#ctx, options);
  }

  /**
   * The available fields (`GET /metadata/fields`), optionally filtered by a substring or prefix
   * of the dotted path. Use it to pick `fields` and `scopes`.
   *
   * @example
   * ```ts
   * const f = await mg.fields({ prefix: 'genomic_pos' });
   * f['genomic_pos.chr']; // { index: true, type: 'keyword' }
   * ```
   */
  fields(options: FieldsOptions = {}): Promise<FieldsMap> {
    return getFields(this.#ctx, options);
  }
}
