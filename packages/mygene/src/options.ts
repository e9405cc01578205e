import type { AuthStrategy, HttpHooks, QueryValue, RetryOptions } from '@bio/core-http';
import type { MyGeneCache } from './cache.js';
import type { Species } from './species.js';

/**
 * Options of the {@link MyGene} client. Every field is optional.
 *
 * @example
 * ```ts
 * const mg = new MyGene({ email: 'me@lab.org', concurrency: 4, cache: memoryCache() });
 * ```
 */
export interface MyGeneOptions {
  /** Service root. Default `https://mygene.info/v3`. */
  baseUrl?: string;
  /** Sent as `email` with every request, as MyGene asks regular users to do. Default: none. */
  email?: string;
  /** Batches in flight for `genes`/`queryMany`/`mapIds` (1–8). Default 1 (polite). */
  concurrency?: number;
  /** Minimum pause between the start of one batch request and the previous one's end, ms. Default 0. No pause after the last batch, none for batches served from the cache. */
  delayMs?: number;
  /** Ids or terms per POST (1–1000). Default 1000, the server's maximum. */
  batchSize?: number;
  /** Retries for 408/429/5xx and network errors (batch POSTs included), honouring `Retry-After`. Default: core-http's (2 retries). */
  retry?: RetryOptions | number;
  /** Per-attempt timeout in ms, or `false`. Default 30 000. */
  timeout?: number | false;
  /** A cache for per-id/per-term results; see {@link memoryCache}. Default: none. */
  cache?: MyGeneCache;
  /** An injected `fetch` (tests, proxies). Default: the global one. */
  fetch?: typeof fetch;
  /** Cancels every request of this client. */
  signal?: AbortSignal;
  /** Extra request headers. */
  headers?: Record<string, string>;
  /** Request/response/retry hooks (logging, metrics). */
  hooks?: HttpHooks;
  /** Credentials for a private BioThings deployment. Default: none (MyGene is public). */
  auth?: AuthStrategy;
}

/**
 * Options every call accepts.
 *
 * @example
 * ```ts
 * await mg.metadata({ signal: AbortSignal.timeout(5000) });
 * ```
 */
export interface CallOptions {
  /** Cancels this call (combined with the client's signal). */
  signal?: AbortSignal;
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
  fields?: string | readonly string[];
  /** Flatten nested objects into dotted keys. Default `false`. */
  dotfield?: D;
  /** Overrides the client's `email` for this call. */
  email?: string;
  /** Fields always returned as lists (`always_list`). */
  alwaysList?: string | readonly string[];
  /** Fields returned as `null` when absent (`allow_null`). */
  allowNull?: string | readonly string[];
  /** Other server parameters, passed through unchanged (e.g. `{ jmespath: '…' }`). */
  params?: Record<string, QueryValue>;
}

/**
 * Progress of a batched call.
 *
 * @example
 * ```ts
 * const onProgress = (p: Progress) => console.log(`${p.done}/${p.total ?? '?'} in ${p.batches} batches`);
 * ```
 */
export interface Progress {
  /** Inputs finished so far. */
  done: number;
  /** Number of inputs, when the input was an array. */
  total?: number;
  /** Batches finished so far. */
  batches: number;
}

/**
 * Options of the batched calls (`genes`, `genesStream`, `queryMany`, `mapIds`).
 *
 * @example
 * ```ts
 * await mg.queryMany(symbols, { scopes: 'symbol', concurrency: 4, onProgress: (p) => console.log(p.done) });
 * ```
 */
export interface BatchCallOptions extends CallOptions {
  /** Ids or terms per POST (1–1000). Default: the client's (1000). */
  batchSize?: number;
  /** Batches in flight (1–8). Default: the client's (1). */
  concurrency?: number;
  /** Pause between batches, ms. Default: the client's (0). */
  delayMs?: number;
  /** Called after each batch. */
  onProgress?: (progress: Progress) => void;
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
  species?: Species;
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
  species?: Species;
  /** Hits to return (0–1000). Default: the server's (10). */
  size?: number;
  /** Hits to skip (0–10 000, `from + size` ≤ 10 000). Default 0. */
  from?: number;
  /** Up to 10 sort fields; prefix `-` for descending. Default: by score. */
  sort?: string | readonly string[];
  /** Fields to facet on. */
  facets?: string | readonly string[];
  /** Buckets per facet (1–1000). Default: the server's (10). */
  facetSize?: number;
  /** Filter the hits by species without changing the facet counts. */
  speciesFacetFilter?: Species;
  /** Only hits with an Entrez gene id. */
  entrezonly?: boolean;
  /** Only hits with an Ensembl gene id. */
  ensemblonly?: boolean;
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
  scopes?: string | readonly string[];
  /** Species filter. Default: all. */
  species?: Species;
  /** Hits per term (1–1000). Default: the server's (10). */
  size?: number;
  /** Only hits with an Entrez gene id. */
  entrezonly?: boolean;
  /** Only hits with an Ensembl gene id. */
  ensemblonly?: boolean;
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
  pick?: 'first' | 'best';
}

/**
 * Options of {@link MyGene.fetchAll} (`fetch_all` + `scroll_id`).
 *
 * @example
 * ```ts
 * for await (const hit of mg.fetchAll('brain', { species: 'human', restartOnExpiry: true })) {}
 * ```
 */
export interface FetchAllOptions<D extends boolean = boolean> extends GeneOptions<D> {
  /** Species filter. Default: all. */
  species?: Species;
  /** Only hits with an Entrez gene id. */
  entrezonly?: boolean;
  /** Only hits with an Ensembl gene id. */
  ensemblonly?: boolean;
  /** When the scroll expires (400 "Invalid or stale scroll_id."), start over and skip ids already yielded instead of throwing {@link ScrollExpiredError}. Default `false`. */
  restartOnExpiry?: boolean;
  /** Restarts allowed with `restartOnExpiry`. Default 3. */
  maxRestarts?: number;
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
  search?: string;
  /** Keep fields whose path starts with this. */
  prefix?: string;
}
