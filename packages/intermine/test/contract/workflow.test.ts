import { describe, expect, it } from 'vitest';
import { runEnrichmentWorkflow } from '../../../../examples/intermine-enrichment-workflow.js';
import { testMine, useFixtureServer } from './setup.js';

useFixtureServer();

describe('examples/intermine-enrichment-workflow.ts', () => {
  it('creates a list per identifier file, enriches each, and lists the pathways under the threshold', async () => {
    const { mine } = testMine({ token: 'demo-token-for-fixtures' });
    const lines: string[] = [];
    const result = await runEnrichmentWorkflow(mine, { log: (l) => lines.push(l) });
    expect(result.lists).toEqual([
      { file: 'gap-genes.txt', name: 'gap-genes', size: 6, unmatched: ['not-a-gene'] },
      { file: 'pair-rule-genes.txt', name: 'pair-rule-genes', size: 7, unmatched: [] },
    ]);
    // p = 0.05 is not under the threshold.
    expect(result.pathways.map((p) => [p.list, p.identifier])).toEqual([
      ['gap-genes', 'R-DME-212436'],
      ['pair-rule-genes', 'R-DME-212436'],
      ['pair-rule-genes', 'dme04330'],
    ]);
    expect(result.pathwayList?.name).toBe('enriched-pathways');
    expect(result.pathwayList?.type).toBe('Pathway');
    expect(result.pathwayList?.size).toBe(2);
    expect(lines[0]).toBe('list gap-genes: 6 Gene objects; unmatched: not-a-gene');
  });
});
