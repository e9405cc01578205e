// Item 7 of issue 19: bad options are one line naming the bad value and the accepted ones, and
// nothing is sent (checked against loopback simulators' request logs).
import { createSimulator as intermineSimulator } from '@bio/intermine/testing';
import { createSimulator as molgenisSimulator } from '@bio/molgenis/testing';
import { createSimulator as mygeneSimulator } from '@bio/mygene/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bio } from './run-bin.js';

describe('bad options: one line, before any request (built binary, loopback simulators)', () => {
  const sims = { mygene: mygeneSimulator(), intermine: intermineSimulator(), molgenis: molgenisSimulator() };
  const urls: Record<string, string> = {};
  const closers: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    for (const [name, sim] of Object.entries(sims)) {
      const server = await sim.listen();
      urls[name] = server.baseUrl;
      closers.push(() => server.close());
    }
  });
  afterAll(async () => {
    for (const close of closers) await close();
  });

  const cases: [string, () => string[], string][] = [
    [
      'molgenis --sort age:sideways',
      () => ['molgenis', 'get', 'celiacsprue', '--sort', 'celiac_weight:sideways', '--base-url', urls.molgenis!],
      `error: option '--sort <keys>' argument 'celiac_weight:sideways' is invalid. direction "sideways" in "celiac_weight:sideways" is not one of: asc, desc\n`,
    ],
    [
      "intermine --sort 'Gene.symbol dsc'",
      () => ['intermine', 'query', '--select', 'Gene.symbol', '--sort', 'Gene.symbol dsc', '--base-url', urls.intermine!],
      `error: option '--sort <path>' argument 'Gene.symbol dsc' is invalid. direction "dsc" in "Gene.symbol dsc" is not one of: asc, desc\n`,
    ],
    [
      '--format xml',
      () => ['mygene', 'gene', '1017', '--format', 'xml', '--base-url', urls.mygene!],
      `error: option '-f, --format <format>' argument 'xml' is invalid. Allowed choices are json, ndjson, tsv, csv, table.\n`,
    ],
    [
      '--concurrency 9',
      () => ['mygene', 'map', '--concurrency', '9', '--base-url', urls.mygene!],
      `error: option '--concurrency <n>' argument '9' is invalid. expected a whole number from 1 to 8\n`,
    ],
    [
      '--size abc',
      () => ['mygene', 'query', 'cdk2', '--size', 'abc', '--base-url', urls.mygene!],
      `error: option '--size <n>' argument 'abc' is invalid. expected a whole number ≥ 0 (0, 1, 2, …)\n`,
    ],
    [
      '--max 0 (MOLGENIS, a page size)',
      () => ['molgenis', 'get', 'celiacsprue', '--page-size', '0', '--base-url', urls.molgenis!],
      `error: option '--page-size <n>' argument '0' is invalid. expected a whole number ≥ 1 (1, 2, 3, …)\n`,
    ],
    [
      'intermine --max 1.5',
      () => ['intermine', 'query', '--select', 'Gene.symbol', '--max', '1.5', '--base-url', urls.intermine!],
      `error: option '--max <n>' argument '1.5' is invalid. expected a whole number ≥ 0 (0, 1, 2, …)\n`,
    ],
  ];

  for (const [name, args, message] of cases) {
    it(name, async () => {
      const before = Object.values(sims).map((s) => s.requests.length);
      const r = await bio(args(), { input: 'CDK2\n' });
      expect(r.code).not.toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(message);
      expect(Object.values(sims).map((s) => s.requests.length)).toEqual(before);
    });
  }

  it('the same sort keys with a valid direction are sent', async () => {
    const r = await bio([
      'intermine',
      'query',
      '--select',
      'Gene.symbol',
      '--where',
      'Gene.symbol ONE OF eve,zen',
      '--sort',
      'Gene.symbol DESC',
      '--base-url',
      urls.intermine!,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Gene.symbol\nzen\neve\n');
  });
});
