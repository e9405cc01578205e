/**
 * An async generator whose source is opened on the first `next()` and then called directly:
 * no extra promise or queue per item (unlike `yield*` through an `async function*`), which
 * matters when millions of rows pass through. Errors of `open` reject the first `next()`.
 */
export function deferred<T>(open: () => Promise<AsyncIterator<T>>): AsyncGenerator<T> {
  let inner: AsyncIterator<T> | undefined;
  let opening: Promise<AsyncIterator<T>> | undefined;
  let finished = false;
  const done: IteratorReturnResult<undefined> = { done: true, value: undefined };
  const start = (): Promise<AsyncIterator<T>> => {
    opening ??= open().then((it) => {
      inner = it;
      return it;
    });
    return opening;
  };
  const generator: AsyncGenerator<T> = {
    next(): Promise<IteratorResult<T>> {
      if (finished) return Promise.resolve(done);
      if (inner) return inner.next();
      return start().then(
        (it) => it.next(),
        (error: unknown) => {
          finished = true;
          throw error;
        },
      );
    },
    return(value?: unknown): Promise<IteratorResult<T>> {
      finished = true;
      if (inner?.return) return inner.return(value);
      if (opening && !inner) {
        // Opening is under way: close the source once it exists.
        return opening.then(
          (it) => (it.return ? it.return(value) : done),
          () => done,
        );
      }
      return Promise.resolve(done);
    },
    throw(error?: unknown): Promise<IteratorResult<T>> {
      finished = true;
      if (inner?.throw) return inner.throw(error);
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return generator;
    },
  };
  return generator;
}
