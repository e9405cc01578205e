// Over a real loopback socket (not msw): leaving a stream early cancels it cleanly, and a
// caller's signal aborts it.
import { isAbortError } from '@bio/core-http';
import { startLoopbackFixtureServer } from '@bio/core-http/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InterMine } from '../../src/index.js';
import { fixtures } from '../../src/testing/index.js';

let server: Awaited<ReturnType<typeof startLoopbackFixtureServer>>;
beforeAll(async () => {
  server = await startLoopbackFixtureServer({ fixtures: fixtures().filter((f) => !f.name.startsWith('registry')) });
});
afterAll(() => server.close());

const eveZen = (mine: InterMine) =>
  mine.query('Gene').select('symbol', 'primaryIdentifier', 'length').where('symbol', 'ONE OF', ['eve', 'zen']).orderBy('symbol');

describe('streams over a socket', () => {
  it('stops reading when the loop breaks, and the client keeps working', async () => {
    const mine = new InterMine({ baseUrl: `${server.url}/flymine`, retry: 0 });
    for await (const row of mine.rows(eveZen(mine))) {
      expect(row[0]).toBe('eve');
      break;
    }
    for await (const line of mine.csv(eveZen(mine))) {
      expect(line).toContain('eve');
      break;
    }
    expect(await mine.count(eveZen(mine))).toBe(2);
  });

  it('aborts with the caller signal', async () => {
    const mine = new InterMine({ baseUrl: `${server.url}/flymine`, retry: 0 });
    const controller = new AbortController();
    let error: unknown;
    try {
      for await (const _row of mine.rows(eveZen(mine), { signal: controller.signal })) controller.abort();
    } catch (e) {
      error = e;
    }
    expect(isAbortError(error)).toBe(true);
  });
});
