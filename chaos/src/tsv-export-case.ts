// One InterMine text export (tsv) read twice from a simulator behind the chaos proxy: once fault
// free, once with `fault` on the export request (test/intermine-tsv-html-mid-body.test.ts; the
// clean-cut case, fixed too, is a cell of test/multi-request.test.ts).
import { InterMine } from '@bio/intermine';
import { createSimulator } from '@bio/intermine/testing';
import type { Step } from './chaos-server.js';
import { startSimulatorStage } from './harness.js';
import { addChaosGenes } from './stages.js';

/** What the faulty read gave next to the fault-free one, and the steps the proxy applied. */
export interface TsvUnderFault {
  full: string[];
  lines: string[];
  error: unknown;
  steps: Step[];
}

/** 5,000 extra genes, then the fault-free export and the export under `fault`. */
export async function tsvUnderFault(fault: Step): Promise<TsvUnderFault> {
  const sim = createSimulator();
  addChaosGenes(sim, 5000);
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
    let error: unknown;
    try {
      for await (const line of mine.tsv(q(mine))) lines.push(line);
    } catch (e) {
      error = e;
    }
    return { full, lines, error, steps: stage.chaos.log.map((r) => r.step) };
  } finally {
    await stage.close();
  }
}
