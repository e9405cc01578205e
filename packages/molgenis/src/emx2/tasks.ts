// Server tasks (asynchronous imports): polled with `_tasks(id:)` on the database API, which any
// user may ask (`/api/tasks/{id}` is admin-only since 2026-04).
import { type CallOptions, isBioError, poll, ValidationError } from '@bio/core-http';
import { Emx2TaskError } from './errors.js';
import { callOf, type Ctx } from './internal/context.js';
import { type GraphqlAnswer, graphqlAnswer } from './internal/graphql.js';
import type { Emx2Task, TaskWaitOptions } from './types.js';

const TASK_QUERY = 'query($id: String) { _tasks(id: $id) { id status description subTasks { id status description subTasks { id status description } } } }';
const FAILED = new Set(['ERROR', 'CANCELLED']);
const DONE = new Set(['COMPLETED', 'SKIPPED', 'WARNING']);

function task(raw: unknown, fail: GraphqlAnswer<unknown>['fail']): Emx2Task {
  if (typeof raw !== 'object' || raw === null || typeof (raw as { id?: unknown }).id !== 'string') throw fail('_tasks answered a task without an id', raw);
  const r = raw as { id: string; status?: unknown; description?: unknown; subTasks?: unknown };
  const out: Emx2Task = {
    id: r.id,
    status: typeof r.status === 'string' ? r.status : 'UNKNOWN',
    subTasks: Array.isArray(r.subTasks) ? r.subTasks.map((s) => task(s, fail)) : [],
  };
  if (typeof r.description === 'string') out.description = r.description;
  return out;
}

/** One task, as it is now. */
export async function getTask(ctx: Ctx, id: string, options: CallOptions = {}): Promise<Emx2Task> {
  if (typeof id !== 'string' || id === '') throw new ValidationError({ message: 'task id must be a non-empty string', field: 'id' });
  const { data, fail } = await graphqlAnswer<{ _tasks?: unknown[] }>(ctx, undefined, TASK_QUERY, { id }, callOf(options));
  const first = data._tasks?.[0];
  if (first === undefined) throw fail(`_tasks(id: "${id}") answered no task`, data);
  return task(first, fail);
}

/**
 * Poll a task until it ends: resolves with it when done, rejects with `Emx2TaskError` on
 * `ERROR`/`CANCELLED`. Any other failure while waiting (a poll that failed, a timeout, an abort)
 * keeps its type, and its message names the task: the server accepted the work and may still be
 * doing it, and `waitForTask(id)` can wait again.
 */
export function waitForTask(ctx: Ctx, id: string, options: TaskWaitOptions = {}): Promise<Emx2Task> {
  return pollTask(ctx, id, options).catch((error: unknown) => {
    // Only our own errors (made for this call) are annotated, never a caller's abort reason.
    if (error instanceof Emx2TaskError || !isBioError(error)) throw error;
    error.message = `waiting for EMX2 task ${id} failed; the server accepted it and may still be running it (waitForTask('${id}') waits again): ${error.message}`;
    throw error;
  });
}

function pollTask(ctx: Ctx, id: string, options: TaskWaitOptions): Promise<Emx2Task> {
  return poll<Emx2Task>(
    async ({ attempt, signal }) => {
      const t = await getTask(ctx, id, { ...callOf(options), ...(signal === undefined ? {} : { signal }) });
      const done = t.subTasks.filter((s) => DONE.has(s.status)).length;
      options.onProgress?.({ done, total: t.subTasks.length, batches: attempt, task: t });
      if (FAILED.has(t.status)) throw new Emx2TaskError(t);
      return DONE.has(t.status) ? { done: true, value: t } : { done: false };
    },
    {
      interval: options.interval ?? 500,
      backoff: options.backoff ?? 1.5,
      maxInterval: options.maxInterval ?? 10_000,
      deadline: options.deadline,
      signal: options.signal,
      what: `EMX2 task ${id}`,
    },
  );
}
