import type { CallOptions } from '@bio/core-http';

/** The per-request part of a call's options: its signal and per-attempt timeout, when given. */
export interface RequestCallOptions {
  signal?: AbortSignal;
  timeout?: number | false;
}

/** `signal` and `timeout` of a {@link CallOptions}, without `undefined` fields, for core-http requests. */
export function requestOptions(o: CallOptions): RequestCallOptions {
  const out: RequestCallOptions = {};
  if (o.signal !== undefined) out.signal = o.signal;
  if (o.timeout !== undefined) out.timeout = o.timeout;
  return out;
}
