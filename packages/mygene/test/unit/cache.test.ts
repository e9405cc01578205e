import { LruCache, memoryCache } from '@bio/mygene';
import { describe, expect, it } from 'vitest';

describe('LruCache', () => {
  it('evicts the least recently used entry', () => {
    const cache = new LruCache({ maxEntries: 2 });
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });
  it('expires entries after ttlMs', () => {
    let now = 1000;
    const cache = memoryCache({ ttlMs: 50, now: () => now });
    cache.set('k', [{ query: 'k', notfound: true }]);
    now += 49;
    expect(cache.get('k')).toEqual([{ query: 'k', notfound: true }]);
    now += 1;
    expect(cache.get('k')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
  it('deletes, clears and checks its options', () => {
    const cache = memoryCache();
    cache.set('a', 1);
    cache.delete('a');
    expect(cache.get('a')).toBeUndefined();
    cache.set('b', 2);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(() => memoryCache({ maxEntries: 0 })).toThrow(RangeError);
  });
});
