/**
 * A pluggable cache for per-id and per-term results. Keys are strings built by the client
 * from the endpoint, the normalised parameters and one id or term, so a re-run only fetches
 * what is not cached. Values are plain JSON data. Methods may be sync or async (a file or
 * Redis store fits the same interface).
 *
 * @example
 * ```ts
 * const store = new Map<string, unknown>();
 * const cache: MyGeneCache = { get: (k) => store.get(k), set: (k, v) => void store.set(k, v) };
 * const mg = new MyGene({ cache });
 * ```
 */
export interface MyGeneCache {
  /**
   * The stored value, or `undefined` when absent or expired.
   *
   * @example
   * ```ts
   * const get: MyGeneCache['get'] = (key) => store.get(key);
   * ```
   */
  get(key: string): unknown | Promise<unknown>;
  /**
   * Store a value (plain JSON data).
   *
   * @example
   * ```ts
   * const set: MyGeneCache['set'] = (key, value) => void store.set(key, value);
   * ```
   */
  set(key: string, value: unknown): void | Promise<void>;
  /**
   * Remove one entry. Optional.
   *
   * @example
   * ```ts
   * const del: MyGeneCache['delete'] = (key) => void store.delete(key);
   * ```
   */
  delete?(key: string): void | Promise<void>;
  /**
   * Remove every entry. Optional.
   *
   * @example
   * ```ts
   * const clear: MyGeneCache['clear'] = () => store.clear();
   * ```
   */
  clear?(): void | Promise<void>;
}

/**
 * Options of {@link memoryCache}.
 *
 * @example
 * ```ts
 * memoryCache({ maxEntries: 50_000, ttlMs: 24 * 3600_000 });
 * ```
 */
export interface MemoryCacheOptions {
  /** Entries kept before the least recently used is dropped. Default 10 000. */
  maxEntries?: number;
  /** Lifetime of an entry in ms. Default: no expiry. */
  ttlMs?: number;
  /** Clock (tests). Default `Date.now`. */
  now?: () => number;
}

/**
 * The built-in in-memory LRU cache. `size` tells how many entries it holds.
 *
 * @example
 * ```ts
 * const cache = new LruCache({ maxEntries: 2 });
 * cache.set('a', 1); cache.set('b', 2); cache.get('a'); cache.set('c', 3); // 'b' is evicted
 * ```
 */
export class LruCache implements MyGeneCache {
  readonly #max: number;
  readonly #ttl: number | undefined;
  readonly #now: () => number;
  // A Map keeps insertion order: re-inserting on read makes the first key the least recently used.
  readonly #entries = new Map<string, { value: unknown; expires: number }>();

  /**
   * Make an empty cache. Throws a `RangeError` when `maxEntries` is not a positive integer.
   *
   * @param options - Size limit (default 10 000 entries), lifetime and clock; see {@link MemoryCacheOptions}.
   *
   * @example
   * ```ts
   * const mg = new MyGene({ cache: new LruCache({ maxEntries: 1000, ttlMs: 3_600_000 }) });
   * ```
   */
  constructor(options: MemoryCacheOptions = {}) {
    const max = options.maxEntries ?? 10_000;
    if (!Number.isSafeInteger(max) || max < 1) throw new RangeError(`maxEntries must be a positive integer, got ${String(max)}`);
    this.#max = max;
    this.#ttl = options.ttlMs;
    this.#now = options.now ?? Date.now;
  }

  /** Number of entries held. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * The value for `key` (and marks it recently used), or `undefined` when absent or expired.
   *
   * @example
   * ```ts
   * cache.get('gene/1017'); // undefined until set
   * ```
   */
  get(key: string): unknown {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  /**
   * Store `value`, evicting the least recently used entry when full.
   *
   * @example
   * ```ts
   * cache.set('gene/1017', { _id: '1017', symbol: 'CDK2' });
   * ```
   */
  set(key: string, value: unknown): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, expires: this.#ttl === undefined ? Number.POSITIVE_INFINITY : this.#now() + this.#ttl });
    while (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
  }

  /**
   * Remove one entry.
   *
   * @example
   * ```ts
   * cache.delete('gene/1017');
   * ```
   */
  delete(key: string): void {
    this.#entries.delete(key);
  }

  /**
   * Remove every entry.
   *
   * @example
   * ```ts
   * cache.clear(); // cache.size === 0
   * ```
   */
  clear(): void {
    this.#entries.clear();
  }
}

/**
 * Create the built-in in-memory LRU cache.
 *
 * @example
 * ```ts
 * const mg = new MyGene({ cache: memoryCache({ maxEntries: 100_000 }) });
 * await mg.queryMany(symbols, { scopes: 'symbol' }); // second run: only uncached terms are sent
 * ```
 */
export function memoryCache(options: MemoryCacheOptions = {}): LruCache {
  return new LruCache(options);
}
