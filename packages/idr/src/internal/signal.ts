import type { CallOptions } from '@bio/core-http';
import type { IdrContext } from './context.js';

/**
 * The client's signal combined with the call's, for work that core-http's HTTP client does not
 * see on its own (batches, waits): cancelling the client then ends it with an `AbortError` too.
 */
export function callSignal(ctx: Pick<IdrContext, 'signal'>, call: CallOptions | undefined): AbortSignal | undefined {
  const signals = [ctx.signal, call?.signal].filter((s): s is AbortSignal => s !== undefined);
  if (signals.length < 2) return signals[0];
  return AbortSignal.any(signals);
}
