// The work of an import task that the server runs in one transaction (ZIP, Excel): held back
// until the task ends, so its rows are not visible while the task is WAITING or RUNNING.
import { Emx2SimError } from './json.js';
import type { SimSubTask, SimTask, SimTaskOutcome } from './types.js';

const heldBack = new WeakMap<SimTask, { what: string; work: () => unknown }>();

/** Hold `work` back until {@link endTask}; the task's outcome is decided then. */
export function holdBack(task: SimTask, what: string, work: () => unknown): void {
  heldBack.set(task, { what, work });
}

/** The task's outcome, running its held-back work first (once) to decide it. */
export function endTask(task: SimTask): SimTaskOutcome {
  const held = heldBack.get(task);
  if (held !== undefined) {
    heldBack.delete(task);
    task.outcome = outcomeOf(held.what, held.work);
  }
  if (task.outcome === undefined) throw new Error(`EMX2 simulator: task ${task.id} has neither an outcome nor work to decide it`);
  return task.outcome;
}

/** What a task ends as: COMPLETED (with the work's steps as sub-tasks, when it returns them) or ERROR. */
export function outcomeOf(what: string, work: () => unknown): SimTaskOutcome {
  const started = Date.now();
  try {
    const steps = work();
    const outcome: SimTaskOutcome = { status: 'COMPLETED', description: `${what} completed in ${Date.now() - started}ms` };
    if (Array.isArray(steps)) outcome.subTasks = steps as SimSubTask[];
    return outcome;
  } catch (error) {
    if (!(error instanceof Emx2SimError)) throw error;
    return { status: 'ERROR', description: `Import failed: ${error.message}` };
  }
}
