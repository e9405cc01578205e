import { type CallOptions, createHttpError, type HttpClient, path, poll, ResponseFormatError, ValidationError } from '@bio/core-http';
import { IdResolutionError } from './errors.js';
import { interMineErrorInBody } from './internal/errors.js';
import { callOpt } from './internal/request-options.js';
import type { InterMineList, ListOperationOptions, Lists } from './lists.js';
import { Query } from './query.js';

/**
 * Options of `mine.resolveIds()`.
 *
 * @example
 * ```ts
 * await mine.resolveIds({ type: 'Gene', identifiers: ['eve', 'zen'], extra: 'D. melanogaster' });
 * ```
 */
export interface ResolveIdsOptions extends CallOptions {
  /** Class to resolve to, e.g. `Gene`. */
  type: string;
  /** The identifiers to resolve (symbols, accessions, …); at least one. */
  identifiers: readonly string[];
  /** Organism (or other extra value) to disambiguate. */
  extra?: string | undefined;
  /** Default false. */
  caseSensitive?: boolean | undefined;
  /** Allow `*` wildcards. Default false. */
  wildCards?: boolean | undefined;
  /** First wait between status checks, ms. Default 50. */
  interval?: number | undefined;
  /** Each wait is the previous one times this. Default 1.25. */
  backoff?: number | undefined;
  /** Longest wait between status checks, ms. Default 5 000. */
  maxInterval?: number | undefined;
  /** Give up with a `TimeoutError` after this long, ms. Default 300 000. */
  deadline?: number | undefined;
  /** Keep the job on the server (default: deleted when done). */
  keepJob?: boolean | undefined;
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
  /** The matched object's InterMine id. */
  id: number;
  /** Key fields of the object, by name (e.g. `{ symbol: 'eve', primaryIdentifier: 'FBgn0000606' }`). */
  summary: Record<string, unknown>;
  /** The input identifiers that found it. */
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
  /** The input identifier. */
  input: string;
  /** Why it is not a clean match (e.g. the class it was converted from), when the server says. */
  reason?: string;
  /** The candidate objects, with their key fields and (for converted ones) the class they came `from`. */
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
  /** Counts of objects: cleanly matched, all, and with issues. */
  objects: { matches: number; all: number; issues: number };
  /** Counts of input identifiers: matched, with issues, all, and not found. */
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
  /** The class the identifiers were resolved to, e.g. `Gene`. */
  readonly type: string;
  /** The matches by kind: clean `MATCH`es, and the kinds that need a decision (converted, other, duplicate, wildcard). */
  readonly matches: { MATCH: IdMatch[]; TYPE_CONVERTED: IdIssue[]; OTHER: IdIssue[]; DUPLICATE: IdIssue[]; WILDCARD: IdIssue[] };
  /** The input identifiers that matched nothing. */
  readonly unresolved: string[];
  /** The server's counts; undefined when it sent none. */
  readonly stats: IdResolutionStats | undefined;
  readonly #lists: Lists;

  /**
   * Wrap the `results` of `GET /ids/{uid}/results`; usually made by `mine.resolveIds()`.
   *
   * @example
   * ```ts
   * const r = new IdResolutionResult(mine.lists, { matches: { MATCH: [] }, unresolved: ['nope'] }, 'Gene');
   * ```
   */
  constructor(lists: Lists, raw: IdResolutionJSON, type: string) {
    this.#lists = lists;
    this.type = raw.type ?? type;
    const m = raw.matches ?? {};
    this.matches = {
      MATCH: m.MATCH ?? [],
      TYPE_CONVERTED: m.TYPE_CONVERTED ?? [],
      OTHER: m.OTHER ?? [],
      DUPLICATE: m.DUPLICATE ?? [],
      WILDCARD: m.WILDCARD ?? [],
    };
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
  async toList(name: string, options: ListOperationOptions & { kinds?: readonly MatchKind[] | undefined } = {}): Promise<InterMineList> {
    const ids = this.ids(options.kinds);
    if (ids.length === 0) throw new ValidationError({ message: 'no matched objects to save', field: 'ids' });
    const { kinds: _kinds, ...rest } = options;
    return this.#lists.create(new Query(this.type).select('id').where(this.type, 'IN', { ids }), { ...rest, name });
  }
}

/**
 * The `results` of `GET /ids/{uid}/results`, as the server sends them.
 *
 * @example
 * ```ts
 * const raw: IdResolutionJSON = { type: 'Gene', matches: { MATCH: [] }, unresolved: ['nope'] };
 * ```
 */
export interface IdResolutionJSON {
  /** The class resolved to. */
  type?: string;
  /** The matches by kind; missing kinds are empty. */
  matches?: Partial<IdResolutionResult['matches']>;
  /** The input identifiers that matched nothing. */
  unresolved?: string[];
  /** The server's counts. */
  stats?: IdResolutionStats;
}

function checkResolveOptions(options: ResolveIdsOptions): string[] {
  if (!options || typeof options.type !== 'string' || options.type.trim() === '')
    throw new ValidationError({ message: 'resolveIds needs a type (e.g. "Gene")', field: 'type' });
  if (!Array.isArray(options.identifiers) || options.identifiers.length === 0)
    throw new ValidationError({ message: 'resolveIds needs at least one identifier', field: 'identifiers' });
  const identifiers = options.identifiers.map((id) => String(id).trim()).filter((id) => id.length > 0);
  if (identifiers.length === 0) throw new ValidationError({ message: 'resolveIds needs at least one non-blank identifier', field: 'identifiers' });
  return identifiers;
}

/** `POST /ids`, poll `/ids/{uid}/status` with backoff, fetch `/ids/{uid}/results`, delete the job. */
export async function runResolveIds(http: HttpClient, lists: Lists, options: ResolveIdsOptions): Promise<IdResolutionResult> {
  const identifiers = checkResolveOptions(options);
  const body: Record<string, unknown> = {
    identifiers,
    type: options.type,
    caseSensitive: options.caseSensitive ?? false,
    wildCards: options.wildCards ?? false,
  };
  if (options.extra !== undefined) body.extra = options.extra;
  const job = await http.post('ids', { json: body, ...callOpt(options) }).json<{ uid?: unknown }>();
  if (typeof job.uid !== 'string' || job.uid === '') {
    throw new ResponseFormatError({
      service: 'intermine',
      method: 'POST',
      url: http.url('ids'),
      message: `POST ${http.url('ids')} returned no job uid`,
      body: job,
    });
  }
  const uid = job.uid;
  try {
    return await poll<IdResolutionResult>(
      async () => {
        const status = await http.get(path`ids/${uid}/status`, callOpt(options)).json<{ status: string; message?: string }>();
        if (status.status === 'ERROR') {
          throw new IdResolutionError({
            status: 500,
            service: 'intermine',
            jobId: uid,
            serviceMessage: status.message ?? 'id resolution failed',
            message: `id resolution job ${uid} failed: ${status.message ?? 'no reason given'}`,
          });
        }
        if (status.status !== 'SUCCESS') return { done: false };
        const response = await http.get(path`ids/${uid}/results`, callOpt(options));
        // 204 "Job not ready": the results are not there yet, keep polling.
        if (response.status === 204) return { done: false };
        const raw = (await response.json()) as { results?: IdResolutionJSON };
        const bodyError = interMineErrorInBody(raw);
        if (bodyError)
          throw createHttpError({ status: bodyError.status, service: 'intermine', serviceMessage: bodyError.message, method: 'GET', url: response.url });
        return { done: true, value: new IdResolutionResult(lists, raw.results ?? {}, options.type) };
      },
      {
        interval: options.interval ?? 50,
        backoff: options.backoff ?? 1.25,
        maxInterval: options.maxInterval ?? 5_000,
        deadline: options.deadline ?? 300_000,
        signal: options.signal,
        what: `id resolution job ${uid}`,
      },
    );
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
