// A counting semaphore around `fetch`, so every request a client makes (retries and redirect
// hops included) shares one concurrency bound. p-limit would be this package's only runtime
// dependency besides ky, for about twenty lines, so it is written here (see STYLE.md).

/** Wrap a fetch so that at most `concurrency` requests wait for response headers at once. */
export function limitFetch(getFetch: () => typeof fetch, concurrency: number): typeof fetch {
  let active = 0;
  const waiting: (() => void)[] = [];
  const acquire = (): Promise<void> => {
    if (active < concurrency) {
      active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  const limited = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    await acquire();
    try {
      return await getFetch()(input, init);
    } finally {
      release();
    }
  };
  return limited as typeof fetch;
}
