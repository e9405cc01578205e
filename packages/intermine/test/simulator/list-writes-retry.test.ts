// List writes are never retried, whatever retry policy the client has for reads: a policy naming
// every write method must not resend a list creation, append, rename, tag change or deletion after
// a 503 (the server may have acted; a second create or append would duplicate the list's contents).
import { isServerError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { InterMine } from '../../src/index.js';
import { useSimulator } from './setup.js';

const RETRY_EVERYTHING = { limit: 3, delay: 0, maxRetryAfter: 0, methods: ['GET', 'POST', 'PUT', 'DELETE'] };

describe('list writes are never retried', () => {
  const sim = useSimulator();
  const token = sim.users[0]!.token;
  const mine = new InterMine({ baseUrl: 'https://www.flymine.org/flymine', token, retry: RETRY_EVERYTHING });

  /** Runs `write` against a 503 on every request; returns how many requests reached the mine. */
  async function sentUnder503(write: () => Promise<unknown>, attempts = 1): Promise<number> {
    sim.faults.set({ every: 1, status: 503, retryAfter: 0 });
    const before = sim.requests.length;
    const error = await write().then(
      () => undefined,
      (e: unknown) => e,
    );
    sim.faults.clear();
    expect(isServerError(error)).toBe(true);
    expect((error as { attempts: number }).attempts).toBe(attempts);
    return sim.requests.length - before;
  }

  it('control: the same policy retries a read (the 503 is retryable)', async () => {
    expect(await sentUnder503(() => mine.version(), 4)).toBe(4);
  });

  it('create, append, rename, tag, untag and delete each go out exactly once', async () => {
    expect(await sentUnder503(() => mine.lists.create(['eve'], { name: 'once', type: 'Gene' }))).toBe(1);
    expect(sim.state.lists.has('once')).toBe(false);

    const list = await mine.lists.create(['eve', 'zen'], { name: 'mine', type: 'Gene', tags: ['a'] });
    expect(await sentUnder503(() => list.append(['ftz']))).toBe(1);
    expect(await sentUnder503(() => list.rename('renamed'))).toBe(1);
    expect(await sentUnder503(() => list.tags.add(['b']))).toBe(1);
    expect(await sentUnder503(() => list.tags.remove(['a']))).toBe(1);
    expect(await sentUnder503(() => list.delete())).toBe(1);
    // None of the refused writes changed the list.
    expect(sim.state.lists.get('mine')).toMatchObject({ tags: ['a'] });
    expect(sim.state.lists.get('mine')!.ids).toHaveLength(2);
  });
});
