import { batch, type BatchOptions, type ConcurrencyLimit, limitConcurrency, type Progress, ResponseFormatError, sleep, ValidationError } from '@bio/core-http';
import type { BatchCallOptions } from '../options.js';
import { requestOptions } from './call-options.js';
import { cacheKeyPrefix, toJsonBody, type WireParams } from './params.js';
import { type Context, isRecord } from './context.js';
import { formatError, throwBodyError } from './response.js';
import { checkInt, checkNonNegative, checkTerm, describe, LIMITS } from './validate.js';

/** One entry of a batch answer: a hit (with `query`) or `{query, notfound: true}`. */
export type Entry = Record<string, unknown> & { query: string };

/** Every entry the server returned for one input, in server order. */
export interface TermResult {
  term: string;
  entries: Entry[];
}

export interface BatchPlan {
  /** `gene` (POST /gene, list in `ids`) or `query` (POST /query, list in `q`). */
  endpoint: 'gene' | 'query';
  params: WireParams;
  /** Name used in validation messages. */
  inputName: string;
}

export interface ResolvedBatch {
  size: number;
  delay: number;
}

export function resolveBatchOptions(ctx: Context, o: BatchCallOptions): ResolvedBatch {
  return {
    size: checkInt('batchSize', o.batchSize ?? ctx.batchSize, 1, LIMITS.batchSize),
    delay: checkNonNegative('delay', o.delay ?? ctx.delay),
  };
}

type Input = Iterable<string> | AsyncIterable<string>;

/**
 * Check the input: arrays are checked entirely before any request; other iterables item by item
 * as they are read. A bare string is refused (it would be iterated character by character).
 */
export function checkInput(input: unknown, name: string): { source: Input; total?: number } {
  if (typeof input === 'string') {
    throw new ValidationError({
      message: `${name}: expected a list (array, Iterable or AsyncIterable) of strings, got a single string; wrap it in [ ]`,
      field: name,
    });
  }
  if (Array.isArray(input)) {
    for (let i = 0; i < input.length; i++) checkTerm(name, input[i], i);
    return { source: input as string[], total: input.length };
  }
  if (input !== null && typeof input === 'object' && Symbol.iterator in input) {
    const iterable = input as Iterable<unknown>;
    function* checked(): Generator<string> {
      let i = 0;
      for (const item of iterable) yield checkTerm(name, item, i++);
    }
    const size = (input as { size?: unknown }).size;
    return typeof size === 'number' ? { source: checked(), total: size } : { source: checked() };
  }
  if (input !== null && typeof input === 'object' && Symbol.asyncIterator in input) {
    const iterable = input as AsyncIterable<unknown>;
    async function* checked(): AsyncGenerator<string> {
      let i = 0;
      for await (const item of iterable) yield checkTerm(name, item, i++);
    }
    return { source: checked() };
  }
  throw new ValidationError({ message: `${name}: expected an array, Iterable or AsyncIterable of strings, got ${describe(input)}`, field: name });
}

// delay: a request starts no sooner than `delay` ms after the previous one ended (one at a time
// when > 0). Nothing waits after the last request, and batches served from the cache do not wait.
class Pacer {
  readonly #serial: ConcurrencyLimit = limitConcurrency(1);
  #readyAt = 0;
  constructor(readonly delay: number) {}

  run<T>(fn: () => Promise<T>, signal: AbortSignal): Promise<T> {
    if (this.delay <= 0) return fn();
    return this.#serial(async () => {
      try {
        const wait = this.#readyAt - Date.now();
        if (wait > 0) await sleep(wait, { signal });
        return await fn();
      } finally {
        this.#readyAt = Date.now() + this.delay;
      }
    });
  }
}

/** Split a POST answer into entries per sent term. Several hits share one `query`. */
export function groupByQuery(body: unknown, sent: readonly string[], where: string): Map<string, Entry[]> {
  const list = Array.isArray(body) ? body : isRecord(body) && Array.isArray(body.hits) ? body.hits : undefined;
  // An error body sent with a 2xx status.
  if (!list && isRecord(body) && body.success === false) throwBodyError(body);
  if (!list) throw formatError(where, 'a JSON array of hits', body);
  const groups = new Map<string, Entry[]>(sent.map((term) => [term, []]));
  let last: Entry[] | undefined;
  for (const [index, item] of list.entries()) {
    // A hit that cannot be filed under a sent term fails the batch: dropping it would report a
    // found term as missing.
    if (!isRecord(item)) throw formatError(`${where}, item ${index}`, 'a JSON object', item);
    const query = typeof item.query === 'string' ? item.query : item.query === undefined ? undefined : String(item.query);
    // An echo we did not send (a server that normalised it) stays with the group before it.
    const group = (query === undefined ? undefined : groups.get(query)) ?? last;
    if (!group)
      throw new ResponseFormatError({
        message: `${where}, item ${index}: a hit for query ${describe(item.query)}, which was not sent, before any hit of a sent term`,
        service: 'mygene',
        body,
      });
    group.push(item as Entry);
    last = group;
  }
  for (const [term, entries] of groups) if (entries.length === 0) entries.push({ query: term, notfound: true });
  return groups;
}

/**
 * The batching engine of `genes`, `queryMany` and `mapIds`: split the input into batches, skip
 * what the cache has, POST the rest as JSON (`idempotent`, so retried), and yield the entries of
 * every input in input order, one array per batch (per-item async yields would cost time on the
 * path between one batch and the next). A term repeated in one batch is sent once.
 */
export async function* batchedEntries(ctx: Context, input: unknown, plan: BatchPlan, o: BatchCallOptions): AsyncGenerator<TermResult[]> {
  const resolved = resolveBatchOptions(ctx, o);
  const { source, total } = checkInput(input, plan.inputName);
  if (total === 0) return;
  const pacer = new Pacer(resolved.delay);
  const perRequest = requestOptions(o);
  const listKey = plan.endpoint === 'gene' ? 'ids' : 'q';
  const cache = ctx.cache;
  const keyPrefix = cacheKeyPrefix(plan.endpoint, plan.params);
  const body = toJsonBody(plan.params);

  const handler = async (items: string[], { signal }: { index: number; signal: AbortSignal }): Promise<TermResult[]> => {
    const unique = [...new Set(items)];
    const known = new Map<string, Entry[]>();
    let misses: string[] = unique;
    if (cache) {
      misses = [];
      for (const term of unique) {
        const cached = await cache.get(keyPrefix + term);
        if (Array.isArray(cached)) known.set(term, cached as Entry[]);
        else misses.push(term);
      }
    }
    if (misses.length > 0) {
      const answer = await pacer.run(
        () => ctx.http.post(plan.endpoint, { json: { [listKey]: misses, ...body }, idempotent: true, ...perRequest, signal }).json<unknown>(),
        signal,
      );
      const groups = groupByQuery(answer, misses, `POST ${plan.endpoint}`);
      for (const term of misses) {
        const entries = groups.get(term) ?? [{ query: term, notfound: true }];
        known.set(term, entries);
        if (cache) await cache.set(keyPrefix + term, entries);
      }
    }
    return items.map((term) => ({ term, entries: known.get(term) ?? [{ query: term, notfound: true }] }));
  };

  const options: BatchOptions = { size: resolved.size, concurrency: ctx.concurrency };
  if (o.signal !== undefined) options.signal = o.signal;
  const onProgress = o.onProgress;
  if (onProgress !== undefined) options.onProgress = (p: Progress) => onProgress(total === undefined ? p : { ...p, total });
  const outcomes = batch(source, options, handler);
  for await (const outcome of outcomes) {
    if (outcome.ok) yield outcome.result;
  }
}

export function isNotFoundEntry(entry: Entry): boolean {
  return entry.notfound === true;
}
