import { describe, expect, it } from 'vitest';
import { deferred } from '../../src/internal/deferred.js';

async function* source(log: string[]) {
  try {
    yield 1;
    yield 2;
    yield 3;
  } finally {
    log.push('closed');
  }
}

describe('deferred', () => {
  it('opens lazily and passes items through', async () => {
    const log: string[] = [];
    let opened = 0;
    const it = deferred(async () => {
      opened++;
      return source(log);
    });
    expect(opened).toBe(0);
    const items: number[] = [];
    for await (const x of it) items.push(x);
    expect(items).toEqual([1, 2, 3]);
    expect(opened).toBe(1);
    expect(log).toEqual(['closed']);
  });
  it('closes the source on break', async () => {
    const log: string[] = [];
    for await (const x of deferred(async () => source(log))) {
      expect(x).toBe(1);
      break;
    }
    expect(log).toEqual(['closed']);
  });
  it('rejects the first next() when opening fails, then ends', async () => {
    const it = deferred<number>(async () => {
      throw new Error('bad input');
    });
    await expect(it.next()).rejects.toThrow('bad input');
    await expect(it.next()).resolves.toEqual({ done: true, value: undefined });
  });
  it('return() before the first next() never opens', async () => {
    let opened = false;
    const it = deferred<number>(async () => {
      opened = true;
      return source([]);
    });
    await expect(it.return(undefined)).resolves.toEqual({ done: true, value: undefined });
    await expect(it.next()).resolves.toEqual({ done: true, value: undefined });
    expect(opened).toBe(false);
  });
});
