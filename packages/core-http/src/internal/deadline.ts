/**
 * The overall deadline of one request (`retry.deadline`) and the one signal that cancels it:
 * the client's signal, the call's signal and the deadline, combined. ky has no overall
 * deadline, only a per-attempt timeout; this is the part core-http adds.
 */
export interface Cancellation {
  /** The combined signal, or undefined when nothing can cancel the request. */
  readonly signal: AbortSignal | undefined;
  /** The deadline in ms (`retry.deadline`), if there is one. */
  readonly deadline: number | undefined;
  /** When the deadline passes (epoch ms), if there is one. */
  readonly deadlineAt: number | undefined;
  /** The caller's signal that fired, if any (the deadline is not the caller). */
  callerAborted(): AbortSignal | undefined;
  /** True once the deadline has passed. */
  deadlinePassed(): boolean;
  /** True once anything has cancelled the request. */
  aborted(): boolean;
  /** Stop the deadline timer (the request settled). */
  clear(): void;
}

export function cancellation(callerSignals: readonly (AbortSignal | undefined)[], deadline: number | undefined): Cancellation {
  const callers = callerSignals.filter((s): s is AbortSignal => s !== undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let deadlineSignal: AbortSignal | undefined;
  if (deadline !== undefined) {
    const controller = new AbortController();
    deadlineSignal = controller.signal;
    // A timer rather than AbortSignal.timeout(): it can be cleared when the request settles.
    timer = setTimeout(() => controller.abort(new DOMException(`deadline of ${deadline} ms exceeded`, 'TimeoutError')), deadline);
  }
  const all = deadlineSignal ? [...callers, deadlineSignal] : callers;
  const signal = all.length === 0 ? undefined : all.length === 1 ? all[0] : AbortSignal.any(all);
  return {
    signal,
    deadline,
    deadlineAt: deadline === undefined ? undefined : Date.now() + deadline,
    callerAborted: () => callers.find((s) => s.aborted),
    deadlinePassed: () => deadlineSignal?.aborted ?? false,
    aborted: () => signal?.aborted ?? false,
    clear: () => clearTimeout(timer),
  };
}
