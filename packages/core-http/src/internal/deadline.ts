/**
 * The overall deadline of one request (`retry.deadline`) and the one signal that cancels it:
 * the client's signal, the call's signal and the deadline, combined. ky has no overall
 * deadline, only a per-attempt timeout; this is the part core-http adds.
 */
export class Cancellation {
  /**
   * The cancellation of one request: a shared inert one when nothing can cancel it (no signal,
   * no deadline), which is most requests, so they allocate nothing here.
   */
  static of(clientSignal: AbortSignal | undefined, callSignal: AbortSignal | undefined, deadline: number | undefined): Cancellation {
    if (clientSignal === undefined && callSignal === undefined && deadline === undefined) {
      inert ??= new Cancellation([], undefined);
      return inert;
    }
    return new Cancellation([clientSignal, callSignal], deadline);
  }

  /** The combined signal, or undefined when nothing can cancel the request. */
  readonly signal: AbortSignal | undefined;
  /** When the deadline passes (epoch ms), if there is one. */
  readonly deadlineAt: number | undefined;
  readonly #callers: readonly AbortSignal[];
  readonly #deadlineSignal: AbortSignal | undefined;
  readonly #timer: ReturnType<typeof setTimeout> | undefined;

  /** `deadline`: the deadline in ms, if there is one. */
  constructor(
    callerSignals: readonly (AbortSignal | undefined)[],
    readonly deadline: number | undefined,
  ) {
    const callers = callerSignals.filter((s): s is AbortSignal => s !== undefined);
    this.#callers = callers;
    let all = callers;
    if (deadline !== undefined) {
      const controller = new AbortController();
      this.#deadlineSignal = controller.signal;
      // A timer rather than AbortSignal.timeout(): it can be cleared when the request settles.
      this.#timer = setTimeout(() => controller.abort(new DOMException(`deadline of ${deadline} ms exceeded`, 'TimeoutError')), deadline);
      this.deadlineAt = Date.now() + deadline;
      all = [...callers, controller.signal];
    }
    this.signal = all.length === 0 ? undefined : all.length === 1 ? all[0] : AbortSignal.any(all);
  }

  /** The caller's signal that fired, if any (the deadline is not the caller). */
  callerAborted(): AbortSignal | undefined {
    return this.#callers.find((s) => s.aborted);
  }

  /** True once the deadline has passed. */
  deadlinePassed(): boolean {
    return this.#deadlineSignal?.aborted ?? false;
  }

  /** True once anything has cancelled the request. */
  aborted(): boolean {
    return this.signal?.aborted ?? false;
  }

  /** Stop the deadline timer (the request settled). */
  clear(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
  }
}

/** The inert cancellation ({@link Cancellation.of}): made on first use, never at import time. */
let inert: Cancellation | undefined;
