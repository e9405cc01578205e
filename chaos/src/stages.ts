// The simulators the multi-request matrix files share, seeded for operations that span requests:
// MyGene with 2,500 genes (three scroll pages or batches of 1000), InterMine with 5,000 extra
// genes, MOLGENIS classic rows (`id`, `value`) — each behind the chaos proxy.
import { createSimulator as createInterMineSimulator } from '@bio/intermine/testing';
import { createSimulator as createMyGeneSimulator } from '@bio/mygene/testing';
import { type SimulatorStage, startSimulatorStage } from './harness.js';

/** Genes of {@link mygeneStage}: three scroll pages (or batches) of 1000. */
export const GENES = 2_500;

/** The MyGene seed: genes 800000… named `CHX<i>`, all matching `chaosgene`. */
export function mygeneSeed() {
  return {
    genes: Array.from({ length: GENES }, (_, i) => ({
      _id: String(800_000 + i),
      symbol: `CHX${i}`,
      name: `chaosgene protein ${i}`,
      taxid: 9606,
      entrezgene: String(800_000 + i),
    })),
  };
}

/** A MyGene simulator with {@link mygeneSeed} only, behind the chaos proxy. */
export async function mygeneStage(): Promise<{ stage: SimulatorStage; reset: () => void; minItems: number; sim: ReturnType<typeof createMyGeneSimulator> }> {
  const sim = createMyGeneSimulator({ seed: mygeneSeed(), builtIn: false });
  return { sim, stage: await startSimulatorStage(sim), reset: () => sim.reset(), minItems: GENES };
}

/** Extra genes of {@link intermineStage}. */
export const EXTRA_GENES = 5_000;

/** Add `n` genes (`chaos<i>`, primary identifiers `FBgn…c` in order) to an InterMine simulator. */
export function addChaosGenes(sim: ReturnType<typeof createInterMineSimulator>, n: number): void {
  for (let i = 0; i < n; i++) {
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
}

/** An InterMine simulator with {@link EXTRA_GENES} more genes, behind the chaos proxy. */
export async function intermineStage(): Promise<{ stage: SimulatorStage; minItems: number }> {
  const sim = createInterMineSimulator();
  addChaosGenes(sim, EXTRA_GENES);
  return { stage: await startSimulatorStage(sim), minItems: EXTRA_GENES };
}

/** A MOLGENIS classic entity type: string `id`, int `value`. */
export const molgenisMeta = { idAttribute: 'id', attributes: { id: { fieldType: 'STRING' as const }, value: { fieldType: 'INT' as const } } };
/** `n` rows of {@link molgenisMeta}: `r000000`… with `value` = index. */
export const seedRows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `r${String(i).padStart(6, '0')}`, value: i }));
