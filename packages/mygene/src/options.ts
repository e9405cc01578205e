import type { CallOptions, ClientOptions, ListOptions, Progress, QueryValue } from '@bio/core-http';
import type { MyGeneCache } from './cache.js';
import type { Species } from './species.js';

/**
 * Options of the {@link MyGene} client: the family's {@link ClientOptions} (`baseUrl`, `auth`,
 * `fetch`, `headers`, `userAgent`, `timeout`, `retry`, `hooks`, `signal`, `concurrency`) plus
 * MyGene's own. Every field is optional and accepts `undefined`.
 *
 * `concurrency` is the number of requests in flight at once across all calls of the client
 * (retries included), 1–8, default 1: MyGene publishes no per-client limit and asks for polite
 * use (≤ 1000 terms per request); the batched calls run as many batches at once as it allows.
 *
 * @example
 * ```ts
 * const mg = new MyGene({ email: 'me@lab.org', concurrency: 4, cache: memoryCache(), userAgent: 'my-pipeline/1.0' });
 * ```
 */
export interface MyGeneOptions extends ClientOptions {
  /** Sent as `email` with every request, as MyGene asks regular users to do. Default: none. */
  email?: string | undefined;
  /** Minimum pause, in ms, between the end of one batch request and the start of the next (batches then go one at a time). Default 0. No pause after the last batch, none for batches served from the cache. */
  delay?: number | undefined;
  /** Ids or terms per POST (1–1000). Default 1000, the server's maximum. */
  batchSize?: number | undefined;
  /** A cache for per-id/per-term results; see {@link memoryCache}. Default: none. */
  cache?: MyGeneCache | undefined;
}

/**
 * Options for fetching gene documents (`gene`, `genes`).
 *
 * @example
 * ```ts
 * await mg.gene('1017', { fields: ['symbol', 'name'] });
 * ```
 */
export interface GeneOptions<D extends boolean = boolean> extends CallOptions {
  /** Fields to return, as a list or a comma-separated string; `'all'` for everything. Default: the server's (all fields for `/gene`). */
  fields?: string | readonly string[] | undefined;
  /** Flatten nested objects into dotted keys. Default `false`. */
  dotfield?: D | undefined;
  /** Overrides the client's `email` for this call. */
  email?: string | undefined;
  /** Fields always returned as lists (`always_list`). */
  alwaysList?: string | readonly string[] | undefined;
  /** Fields returned as `null` when absent (`allow_null`). */
  allowNull?: string | readonly string[] | undefined;
  /**
   * Other server parameters (e.g. `{ jmespath: '…' }`). A name the server reads as the same option
   * as a typed one (`_source`/`field` for `fields`, `aggs` for `facets`, `limit` for `size`, `skip`
   * for `from`) is dropped when that option is set; the call's own `q`, `ids`/`id`, `fetch_all` and
   * `scroll_id` are refused. In the JSON body of batch calls, text values of typed server options
   * (`with_total: 'true'`, `size: '5'`, `sort: 'a,b'`) are converted as the server converts a form.
   */
  params?: Record<string, QueryValue> | undefined;
}

/**
 * Options of the batched calls (`genes`, `genesStream`, `queryMany`, `mapIds`). As many
 * batches run at once as the client's `concurrency` allows.
 *
 * @example
 * ```ts
 * await mg.queryMany(symbols, { scopes: 'symbol', batchSize: 500, onProgress: (p) => console.log(p.done, p.total) });
 * ```
 */
export interface BatchCallOptions extends CallOptions {
  /** Ids or terms per POST (1–1000). Default: the client's (1000). */
  batchSize?: number | undefined;
  /** Pause between batches, ms (see {@link MyGeneOptions.delay}). Default: the client's (0). */
  delay?: number | undefined;
  /** Called after each batch: inputs done, their total when the input's size is known, batches done. */
  onProgress?: ((progress: Progress) => void) | undefined;
}

/**
 * Options of {@link MyGene.genes} and {@link MyGene.genesStream} (`POST /gene`).
 *
 * @example
 * ```ts
 * await mg.genes(['1017', '7157'], { fields: 'symbol,taxid', species: 'human' });
 * ```
 */
export interface GenesOptions<D extends boolean = boolean> extends GeneOptions<D>, BatchCallOptions {
  /** Keep only documents of these species. Default: all. */
  species?: Species | undefined;
}

/**
 * Options of {@link MyGene.query} (`GET /query`).
 *
 * @example
 * ```ts
 * await mg.query('symbol:cdk2', { species: ['human', 'mouse'], size: 5, facets: 'taxid' });
 * ```
 */
export interface QueryOptions<D extends boolean = boolean> extends GeneOptions<D> {
  /** Species filter. Default: the server's (`all`). */
  species?: Species | undefined;
  /** Hits to return (0–1000). Default: the server's (10). */
  size?: number | undefined;
  /** Hits to skip (0–10 000, `from + size` ≤ 10 000). Default 0. */
  from?: number | undefined;
  /** Up to 10 sort fields; prefix `-` for descending. Default: by score. */
  sort?: string | readonly string[] | undefined;
  /** Fields to facet on. */
  facets?: string | readonly string[] | undefined;
  /** Buckets per facet (1–1000). Default: the server's (10). */
  facetSize?: number | undefined;
  /** Filter the hits by species without changing the facet counts. */
  speciesFacetFilter?: Species | undefined;
  /** Only hits with an Entrez gene id. */
  entrezonly?: boolean | undefined;
  /** Only hits with an Ensembl gene id. */
  ensemblonly?: boolean | undefined;
}

/**
 * Options of {@link MyGene.queryMany} (`POST /query`).
 *
 * @example
 * ```ts
 * await mg.queryMany(['CDK2', 'TP53'], { scopes: ['symbol'], species: 'human', fields: ['entrezgene'] });
 * ```
 */
export interface QueryManyOptions<D extends boolean = boolean> extends GeneOptions<D>, BatchCallOptions {
  /** Fields the terms are matched against. Default: the server's (`_id,entrezgene,ensembl.gene,retired`). */
  scopes?: string | readonly string[] | undefined;
  /** Species filter. Default: all. */
  species?: Species | undefined;
  /** Hits per term (1–1000). Default: the server's (10). */
  size?: number | undefined;
  /** Only hits with an Entrez gene id. */
  entrezonly?: boolean | undefined;
  /** Only hits with an Ensembl gene id. */
  ensemblonly?: boolean | undefined;
}

/**
 * Options of {@link MyGene.mapIds}.
 *
 * @example
 * ```ts
 * await mg.mapIds(['TP53'], { scopes: 'symbol', pick: 'best' });
 * ```
 */
export interface MapIdsOptions<D extends boolean = boolean> extends QueryManyOptions<D> {
  /** Which hit to keep when a term has several: the first the server returned, or the best `_score` (ties → first). Default `'first'`. */
  pick?: 'first' | 'best' | undefined;
}

/**
 * Options of {@link MyGene.fetchAll} (`fetch_all` + `scroll_id`): the family's
 * {@link ListOptions} (`max`, `pageSize`, `signal`, `timeout`) plus the query's filters.
 * MyGene sends scroll pages of 1000 hits (`ES_SCROLL_SIZE`) whatever `size` says, so
 * `pageSize` can only be 1000.
 *
 * @example
 * ```ts
 * const hits = mg.fetchAll('brain', { species: 'human', max: 5000, restartOnExpiry: true });
 * ```
 */
export interface FetchAllOptions<D extends boolean = boolean> extends GeneOptions<D>, ListOptions {
  /** Species filter. Default: all. */
  species?: Species | undefined;
  /** Only hits with an Entrez gene id. */
  entrezonly?: boolean | undefined;
  /** Only hits with an Ensembl gene id. */
  ensemblonly?: boolean | undefined;
  /** When the scroll expires (400 "Invalid or stale scroll_id."), start over and skip ids already yielded instead of throwing {@link ScrollExpiredError}. Default `false`. */
  restartOnExpiry?: boolean | undefined;
  /** Restarts allowed with `restartOnExpiry` (0–100). Default 3. */
  maxRestarts?: number | undefined;
}

/**
 * Options of {@link MyGene.fields}.
 *
 * @example
 * ```ts
 * await mg.fields({ search: 'refseq' });
 * ```
 */
export interface FieldsOptions extends CallOptions {
  /** Keep fields whose path contains this text (case-sensitive on current servers). */
  search?: string | undefined;
  /** Keep fields whose path starts with this. */
  prefix?: string | undefined;
}
