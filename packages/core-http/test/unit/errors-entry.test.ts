// `@bio/core-http/errors` is what every client re-exports whole: the error classes, guards and
// createHttpError — nothing else, and each the same object as in the main entry.
import { expect, it } from 'vitest';
import * as errors from '@bio/core-http/errors';
import * as api from '../../src/index.js';

it('exports only errors, guards and createHttpError, each the same object as the main entry', () => {
  const main = new Map<string, unknown>(Object.entries(api));
  const entry = new Map<string, unknown>(Object.entries(errors));
  const names = [...entry.keys()].sort();
  for (const name of names) {
    expect(name).toMatch(/^(is[A-Z]\w*Error|[A-Z]\w*Error|createHttpError)$/);
    expect(main.get(name), name).toBe(entry.get(name));
  }
  expect(names).toContain('isBioError');
  expect(names).toContain('ValidationError');
  expect(names.length).toBe(33); // 16 classes, 16 guards, createHttpError
});
