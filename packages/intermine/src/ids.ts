import { AbortError, createHttpError, path, ServerError, TimeoutError, ValidationError } from '@bio/core-http';
import { interMineErrorInBody } from './internal/errors.js';
import type { InterMine } from './intermine.js';
import type { InterMineList } from './lists.js';
import { signalOpt } from './internal/request-options.js';

/**
 * Options of `mine.resolveIds()`.
 *
 * @example
 * ```ts
 * await mine.resolveIds({ type: 'Gene', identifiers: ['eve', 'zen'], extra: 'D. melanogaster' });
 * ```
 */
export interface ResolveIdsOptions {
  /** Class to resolve to, e.g. `Gene`. */
  type: string;
  identifiers: readonly string[];
  /** Organism (or other extra value) to disambiguate. */
  extra?: string;
  /** Default false. */
  caseSensitive?: boolean;
  /** Allow `*` wildcards. Default false. */
  wildCards?: boolean;
  /** First wait between polls, ms. Default 50. */
  pollInterval?: number;
  /** Longest wait between polls, ms. Default 5 000. */
  maxPollInterval?: number;
  /** Give up after this long, ms. Default 300 000. */
  timeout?: number;
  /** Keep the job on the server (default: deleted when done). */
  keepJob?: boolean;
  signal?: AbortSignal;
}

/**
 * An object found for an identifier.
 *
 * @example
 * ```ts
 * const m: IdMatch = { id: 1016298, summary: { symbol: 'eve' }, input: ['eve'] };
 * ```
 */
export interface IdMatch {
  id: number;
  summary: Record<string, unknown>;
  input: string[];
}

/**
 * An identifier that matched with an issue (converted type, other field, duplicate, wildcard).
 *
 * @example
 * ```ts
 * const issue: IdIssue = { input: 'l(3)85Ac', reason: 'searched synonyms', matches: [{ id: 1, summary: {} }] };
 * ```
 */
export interface IdIssue {
  input: string;
  reason?: string;
  matches: { id: number; summary: Record<string, unknown>; from?: string }[];
}

/**
 * Kinds of match the server reports.
 *
 * @example
 * ```ts
 * result.ids(['MATCH', 'TYPE_CONVERTED']);
 * ```
 */
export type MatchKind = 'MATCH' | 'TYPE_CONVERTED' | 'OTHER' | 'DUPLICATE' | 'WILDCARD';

/**
 * Counts of objects and identifiers.
 *
 * @example
 * ```ts
 * result.stats?.identifiers.notFound; // 1
 * ```
 */
export interface IdResolutionStats {
  objects: { matches: number; all: number; issues: number };
  identifiers: { matches: number; issues: number; all: number; notFound: number };
}


/**
 * The typed result of an id resolution job.
 *
 * @example
 * ```ts
 * const r = await mine.resolveIds({ type: 'Gene', identifiers: ['eve', 'zen', 'nope'] });
 * r.matches.MATCH.map((m) => m.summary.symbol); // ['eve', 'zen']
 * r.unresolved;                                 // ['nope']
 * await r.toList('resolved-genes');
 * ```
 */
export class IdResolutionResult {
  readonly type: string;
  readonly matches: { MATCH: IdMatch[]; TYPE_CONVERTED: IdIssue[]; OTHER: IdIssue[]; DUPLICATE: IdIssue[]; WILDCARD: IdIssue[] };
  readonly unresolved: string[];
  readonly stats: IdResolutionStats | undefined;
  readonly #mine: InterMine;

  /** @internal */
  constructor(mine: InterMine, raw: { type?: string; matches?: Partial<IdResolutionResult['matches']>; unresolved?: string[]; stats?: IdResolutionStats }, type: string) {
    this.#mine = mine;
    this.type = raw.type ?? type;
    const m = raw.matches ?? {};
    this.matches = { MATCH: m.MATCH ?? [], TYPE_CONVERTED: m.TYPE_CONVERTED ?? [], OTHER: m.OTHER ?? [], DUPLICATE: m.DUPLICATE ?? [], WILDCARD: m.WILDCARD ?? [] };
    this.unresolved = raw.unresolved ?? [];
    this.stats = raw.stats;
  }

  /**
   * Object ids of the given kinds of match (default: only clean `MATCH`es), without repeats.
   *
   * @example
   * ```ts
   * r.ids(['MATCH', 'TYPE_CONVERTED']);
   * ```
   */
  ids(kinds: readonly MatchKind[] = ['MATCH']): number[] {
    const out = new Set<number>();
    for (const kind of kinds) {
      if (kind === 'MATCH') for (const m of this.matches.MATCH) out.add(m.id);
      else for (const issue of this.matches[kind]) for (const m of issue.matches) out.add(m.id);
    }
    return [...out];
  }

  /**
   * Save the matched objects as a list (`POST /query/tolist` with an ids constraint).
   *
   * @example
   * ```ts
   * await r.toList('resolved', { kinds: ['MATCH', 'TYPE_CONVERTED'] });
   * ```
   */
  toList(name: string, options: { kinds?: readonly MatchKind[]; description?: string; tags?: readonly string[]; signal?: AbortSignal } = {}): Promise<InterMineList> {
    const ids = this.ids(options.kinds);
    if (ids.length === 0) throw new ValidationError({ message: 'no matched objects to save', field: 'ids' });
    const q = this.#mine.query(this.type).select('id').where(this.type, 'IN', { ids });
    return q.saveAsList({
      name,
      ...(options.description === undefined ? {} : { description: options.description }),
      ...(options.tags === undefined ? {} : { tags: options.tags }),
      ...signalOpt(options.signal),
    });
  }
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0 && !signal?.aborted) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AbortError({ message: 'id resolution aborted', cause: signal.reason }));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError({ message: 'id resolution aborted', cause: signal?.reason }));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** `POST /ids`, poll `/ids/{uid}/status` with backoff, fetch `/ids/{uid}/results`, delete the job. */
export async function runResolveIds(mine: InterMine, options: ResolveIdsOptions): Promise<IdResolutionResult> {
  if (!options || typeof options.type !== 'string' || options.type.trim() === '') throw new ValidationError({ message: 'resolveIds needs a type (e.g. "Gene")', field: 'type' });
  if (!Array.isArray(options.identifiers) || options.identifiers.length === 0) throw new ValidationError({ message: 'resolveIds needs at least one identifier', field: 'identifiers' });
  const identifiers = options.identifiers.map((id) => String(id).trim()).filter((id) => id.length > 0);
  if (identifiers.length === 0) throw new ValidationError({ message: 'resolveIds needs at least one non-blank identifier', field: 'identifiers' });
  const http = mine.http;
  const signal = options.signal;
  const body: Record<string, unknown> = { identifiers, type: options.type, caseSensitive: options.caseSensitive ?? false, wildCards: options.wildCards ?? false };
  if (options.extra !== undefined) body.extra = options.extra;
  const job = await http.post('ids', { json: body, ...signalOpt(signal) }).json<{ uid: string | null }>();
  if (typeof job.uid !== 'string' || job.uid === '') throw new ServerError({ service: 'intermine', message: 'POST /ids returned no job uid', body: job });
  const uid = job.uid;
  const timeout = options.timeout ?? 300_000;
  const deadline = Date.now() + timeout;
  let delay = options.pollInterval ?? 50;
  const maxDelay = options.maxPollInterval ?? 5_000;
  try {
    for (;;) {
      const status = await http.get(path`ids/${uid}/status`, signalOpt(signal)).json<{ status: string; message?: string }>();
      if (status.status === 'ERROR') {
        throw new ServerError({ status: 500, service: 'intermine', serviceMessage: status.message ?? 'id resolution failed', message: `id resolution job ${uid} failed: ${status.message ?? 'no reason given'}` });
      }
      if (status.status === 'SUCCESS') {
        const response = await http.get(path`ids/${uid}/results`, signalOpt(signal));
        // 204 "Job not ready": the results are not there yet, keep polling.
        if (response.status !== 204) {
          const raw = (await response.json()) as { results?: ConstructorParameters<typeof IdResolutionResult>[1] };
          const bodyError = interMineErrorInBody(raw);
          if (bodyError) throw createHttpError({ status: bodyError.status, service: 'intermine', serviceMessage: bodyError.message, method: 'GET', url: response.url });
          return new IdResolutionResult(mine, raw.results ?? {}, options.type);
        }
      }
      if (Date.now() + delay > deadline) {
        throw new TimeoutError({ service: 'intermine', message: `id resolution job ${uid} not finished after ${timeout} ms (last status ${status.status})` });
      }
      await wait(delay, signal);
      delay = Math.min(maxDelay, delay * 1.25);
    }
  } finally {
    if (!options.keepJob) {
      try {
        await http.delete(path`ids/${uid}`, { retry: false }).text();
      } catch {
        // The job expires on the server anyway; a failed clean-up must not hide the result.
      }
    }
  }
}
