// Known bug (found by test/multi-request.test.ts, cell "InterMine tsv × truncated-json"): a text
// export (tsv/csv) whose body is cut short with a clean end of message ends quietly. (Its HTML
// sibling, a proxy page half-way, is fixed: test/intermine-tsv-html-mid-body.test.ts.) rows()/records() detect it (JSON framing and trailer);
// the text formats have no trailer. The HTML case is detectable (an HTML document inside a
// text/tab-separated-values answer); the clean-cut case needs a completeness check (e.g. the
// query's count, or a row count the mine sends). Until then a tsv export can be silently short.
import { InterMine } from '@bio/intermine';
import { createSimulator } from '@bio/intermine/testing';
import { expect, it } from 'vitest';
import type { Step } from '../src/chaos-server.js';
import { startSimulatorStage } from '../src/harness.js';

it.each([['truncated-json']] as [Step][])('tsv never ends quietly after %s', async (fault) => {
  const sim = createSimulator();
  for (let i = 0; i < 5000; i++) {
    sim.state.store.add({
      class: 'Gene',
      id: 30_000_000 + i,
      primaryIdentifier: `FBgn${String(i).padStart(7, '0')}c`,
      secondaryIdentifier: null,
      symbol: `chaos${i}`,
      name: null,
      description: null,
      length: 1000 + i,
    });
  }
  const stage = await startSimulatorStage(sim);
  try {
    const client = () => new InterMine({ baseUrl: stage.baseUrl, retry: { limit: 2, delay: 0 }, timeout: 5000 });
    const q = (mine: InterMine) => mine.query('Gene').select('symbol', 'primaryIdentifier').orderBy('primaryIdentifier');
    const full: string[] = [];
    const first = client();
    for await (const line of first.tsv(q(first))) full.push(line);
    const mine = client();
    stage.chaos.plan(['ok', fault]); // a fresh client: the model, then the export gets the fault
    const lines: string[] = [];
    const error = await (async () => {
      for await (const line of mine.tsv(q(mine))) lines.push(line);
      expect(stage.chaos.log.map((r) => r.step)).toEqual(['ok', fault]);
    })().catch((e: unknown) => e);
    if (error === undefined) expect(lines).toEqual(full);
    else expect(full.slice(0, lines.length)).toEqual(lines);
  } finally {
    await stage.close();
  }
});
