import { isBioError } from '@bio/core-http';

type Ctor<T> = abstract new (...args: never[]) => T;

/** A type guard: instanceof, or (for an error from another copy of this package) the BioError marker plus the class name. */
export function guard<T>(ctor: Ctor<T>, name: string): (e: unknown) => e is T {
  return (e: unknown): e is T => e instanceof ctor || (isBioError(e) && e.name === name);
}
