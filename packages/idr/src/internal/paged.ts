import { collect } from '@bio/core-http';
import type { PagedList } from '../paging.js';

/** Turn a generator factory into a re-iterable {@link PagedList}. */
export function pagedList<T>(generate: () => AsyncGenerator<T>): PagedList<T> {
  return {
    [Symbol.asyncIterator]: () => generate(),
    toArray: (options = {}) => collect(generate(), options.max === undefined ? {} : { max: options.max }),
  };
}
