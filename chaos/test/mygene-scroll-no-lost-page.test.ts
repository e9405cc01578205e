// Was a known bug (found by test/multi-request.test.ts, cell "MyGene fetchAll × reset-mid-body"),
// fixed: scroll continuations are no longer retried. fetchAll used to retry a `GET query?scroll_id=…` whose answer broke off mid-body. The server had
// already served that page — a scroll advances on every request — so the retry receives the
// *next* page and a whole page of hits is lost without any error (2000 of 2500 hits, no throw).
// A scroll request is not idempotent: it must not be retried once the server may have answered
// (or fetchAll must restart the scroll and skip what it yielded, as restartOnExpiry does).
import { MyGene } from '@bio/mygene';
import { createSimulator } from '@bio/mygene/testing';
import { expect, it } from 'vitest';
import { startSimulatorStage } from '../src/harness.js';

it('fetchAll never loses a page when a scroll answer breaks off mid-body', async () => {
  const genes = Array.from({ length: 2500 }, (_, i) => ({ _id: String(800_000 + i), symbol: `CHX${i}`, name: `chaosgene protein ${i}`, taxid: 9606 }));
  const sim = createSimulator({ seed: { genes }, builtIn: false });
  const stage = await startSimulatorStage(sim);
  try {
    const mg = new MyGene({ baseUrl: stage.baseUrl, retry: { limit: 2, delay: 0 }, timeout: 5000 });
    stage.chaos.plan(['ok', 'ok', 'reset-mid-body', 'ok']); // the 2nd scroll page breaks off mid-body
    const ids: string[] = [];
    const error = await (async () => {
      for await (const hit of mg.fetchAll('chaosgene', { fields: ['symbol'] })) ids.push(hit._id);
    })().catch((e: unknown) => e);
    // Either every hit, once, in order — or an error; never a quiet short result.
    if (error === undefined) expect(ids).toEqual(genes.map((g) => g._id));
    else expect(ids.length).toBeLessThan(genes.length);
  } finally {
    await stage.close();
  }
});
