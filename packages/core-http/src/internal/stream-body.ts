import { TimeoutError } from '../errors.js';
import { discard } from './body.js';

/** The per-chunk timeout of a streamed body: how long to wait for the next chunk, and the error. */
export interface IdleTimeout {
  ms: number;
  error: () => Error;
}

/**
 * `raw` re-exposed as a stream whose errors pass through `mapError` (pull-based, no extra
 * buffering). With `idle`, a server that stops sending mid-body fails the read after `idle.ms`
 * instead of hanging: the timeout bounds every wait for the next chunk, not the whole body.
 * (ky's timeout ends when the response head arrives.)
 */
export function guardStream(raw: ReadableStream<Uint8Array>, mapError: (error: unknown) => Error, idle?: IdleTimeout): ReadableStream<Uint8Array> {
  const reader = raw.getReader();
  const read = (): Promise<ReadableStreamReadResult<Uint8Array>> => {
    if (!idle) return reader.read();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stalled = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(idle.error()); // first: cancelling settles the pending read as "done"
        discard(reader);
      }, idle.ms);
    });
    return Promise.race([reader.read(), stalled]).finally(() => clearTimeout(timer));
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await read();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (error) {
          controller.error(error instanceof TimeoutError ? error : mapError(error));
        }
      },
      cancel(reason) {
        discard(reader, reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** A stream over bytes already read. */
export function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(c) {
      if (bytes.byteLength > 0) c.enqueue(bytes);
      c.close();
    },
  });
}
