import type { Page, PageSource, Progress } from '@bio/core-http';

/**
 * A page source that reports the family's {@link Progress} after every page it yields: items
 * so far (`done`), the server's count when it sends one (`total`), pages so far (`batches`).
 */
export function withProgress<T>(source: PageSource<T>, onProgress: ((p: Progress) => void) | undefined): PageSource<T> {
  if (onProgress === undefined) return source;
  return async function* (request) {
    let done = 0;
    let batches = 0;
    let total: number | undefined;
    for await (const page of source(request) as AsyncIterable<Page<T>>) {
      done += page.items.length;
      batches++;
      if (page.total !== undefined) total = page.total;
      yield page;
      onProgress(total === undefined ? { done, batches } : { done, total, batches });
    }
  };
}
