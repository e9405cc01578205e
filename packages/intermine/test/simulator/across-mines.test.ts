// One query across many mines (issue 15): a registry listing two simulated mines and one that
// fails; per-mine results and errors, the row union and counts, bounded concurrency.
import { isServerError, isValidationError } from '@bio/core-http';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Query, Registry } from '../../src/index.js';
import { createSimulator } from '../../src/testing/index.js';

const REGISTRY = 'https://registry.intermine.org/service';
const fly = createSimulator();
const other = createSimulator({
  baseUrl: 'https://mine2.example.org/mine2/service',
  seed: { genes: [{ primaryIdentifier: 'FBgn0003975', symbol: 'vg', name: 'vestigial', length: 13500 }] },
});
const instance = (id: string, name: string, url: string, extra: Record<string, unknown> = {}) => ({
  id,
  name,
  namespace: name.toLowerCase(),
  url,
  organisms: ['D. melanogaster'],
  status: 'Running',
  ...extra,
});
const production = [
  instance('1', 'FlyMine', 'https://www.flymine.org/flymine'),
  instance('2', 'MineTwo', 'https://mine2.example.org/mine2'),
  instance('3', 'BrokenMine', 'https://broken.example.org/broken'),
];
const development = [instance('9', 'DevMine', 'https://mine2.example.org/mine2')];
const server = setupServer(
  http.get(`${REGISTRY}/instances`, ({ request }) =>
    HttpResponse.json({ instances: new URL(request.url).searchParams.get('mines') === 'all' ? [...production, ...development] : production, statusCode: 200 }),
  ),
  http.all('https://broken.example.org/broken/*', () =>
    HttpResponse.json({ error: 'Service failed. Please contact support.', statusCode: 500, wasSuccessful: false }, { status: 500 }),
  ),
  ...fly.handlers(),
  ...other.handlers(),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  fly.reset();
  other.reset();
});
afterAll(() => server.close());

describe('across mines', () => {
  const registry = new Registry({ retry: 0 });
  const client = { retry: 0 };

  it('runs a query on every mine: per-mine rows and errors, the union with the mines of each row, counts', async () => {
    const q = new Query('Gene').select('symbol', 'length').where('length', '>', 13_000).orderBy('symbol');
    const result = await registry.rowsAcrossMines(q, { client });
    expect(result.succeeded).toEqual(['FlyMine', 'MineTwo']);
    expect(result.failed).toEqual(['BrokenMine']);
    const broken = result.outcomes.find((o) => o.mine.name === 'BrokenMine')!;
    expect(broken.ok).toBe(false);
    expect(isServerError(!broken.ok && broken.error)).toBe(true);
    expect(result.counts).toEqual({ FlyMine: 3, MineTwo: 4 });
    expect(result.union).toEqual([
      { row: ['N', 37706], mines: ['FlyMine', 'MineTwo'] },
      { row: ['Ubx', 77628], mines: ['FlyMine', 'MineTwo'] },
      { row: ['dpp', 55164], mines: ['FlyMine', 'MineTwo'] },
      { row: ['vg', 13500], mines: ['MineTwo'] },
    ]);
  });

  it('takes a chosen set, development mines, templates, and suggests a mistyped mine name', async () => {
    const chosen = await registry.acrossMines((mine) => mine.version(), { mines: ['flymine', 'MineTwo'], client });
    expect(chosen.outcomes.map((o) => [o.mine.name, o.ok && o.value])).toEqual([
      ['FlyMine', 33],
      ['MineTwo', 33],
    ]);
    const all = await registry.acrossMines(async (_mine, info) => info.name, { development: true, client });
    expect(all.succeeded).toEqual(['FlyMine', 'MineTwo', 'BrokenMine', 'DevMine']);
    const t = await registry.templateRowsAcrossMines('Gene_Pathways', { A: 'zen' }, { mines: ['flymine', 'brokenmine'], client });
    expect(t.counts.FlyMine).toBeGreaterThan(0);
    expect(t.failed).toEqual(['BrokenMine']);
    const error = await registry.acrossMines(async () => 1, { mines: ['flymin'] }).catch((e: unknown) => e);
    expect(isValidationError(error)).toBe(true);
    expect((error as Error).message).toMatch(/no mine "flymin" \(did you mean "flymine"\?\)/);
  });

  it('works on at most `concurrency` mines at once', async () => {
    // Each task holds its slot until the test lets it go, so the bound is counted, not timed.
    const held: (() => void)[] = [];
    let started = 0;
    let active = 0;
    let most = 0;
    const running = registry.acrossMines(
      async (mine) => {
        started++;
        most = Math.max(most, ++active);
        try {
          await new Promise<void>((resolve) => held.push(resolve));
          return await mine.version();
        } finally {
          active--;
        }
      },
      { development: true, concurrency: 2, client },
    );
    const settle = () => new Promise((resolve) => setImmediate(resolve)); // not a timer: room for anything pending to run
    await vi.waitFor(() => expect(held).toHaveLength(2));
    await settle();
    expect(started).toBe(2); // two of four mines, and the others wait for a slot
    for (const next of [3, 4]) {
      held.shift()?.(); // one mine finishes: exactly one more starts
      await vi.waitFor(() => expect(started).toBe(next));
      await settle();
      expect(held).toHaveLength(2);
    }
    for (const release of held.splice(0)) release();
    const result = await running;
    expect(result.outcomes).toHaveLength(4);
    expect(result.failed).toEqual(['BrokenMine']); // its server answers 500
    expect(most).toBe(2);
    await expect(registry.acrossMines(async () => 1, { concurrency: 0 })).rejects.toSatisfy(isValidationError);
  });
});
