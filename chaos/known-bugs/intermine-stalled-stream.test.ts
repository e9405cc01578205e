// Known issue of @bio/intermine streamed results (documented, but it breaks "nothing hangs"):
// the per-attempt `timeout` covers only the response head of a stream, and nothing else bounds
// a body that stops arriving — `rows()` waits forever on a server that sent half the rows and
// then went quiet (without a caller's signal). Fails (after a 5 s guard) while the issue is there.
// Run with `npx vitest run -c vitest.known-bugs.config.ts`.
import { isBioHttpError } from '@bio/core-http';
import { InterMine } from '@bio/intermine';
import { fixtures } from '@bio/intermine/testing';
import { expect, it } from 'vitest';
import { startStage, toArray } from '../src/harness.js';

it('rows() ends with a typed error when the stream stalls', async () => {
  const stage = await startStage(fixtures());
  try {
    const mine = new InterMine({ root: `${stage.chaos.url}/flymine/service`, retry: 0, timeout: 1000 });
    await mine.model();
    stage.chaos.plan(['stall-mid-body']);
    const q = mine.query('Gene').select('symbol', 'primaryIdentifier', 'length').where('symbol', 'ONE OF', ['eve', 'zen']).orderBy('symbol');
    const outcome = await Promise.race([
      toArray(q.rows()).then(
        () => 'resolved',
        (e: unknown) => (isBioHttpError(e) ? 'typed error' : `untyped: ${String(e)}`),
      ),
      new Promise<string>((resolve) => setTimeout(() => resolve('still waiting after 5 s'), 5000)),
    ]);
    expect(outcome).toBe('typed error');
  } finally {
    await stage.close();
  }
});
