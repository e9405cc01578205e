// The simulator's state: the genes (by `_id`, in index order), the open scrolls and the metadata.
import { builtInGenes, builtInMetadata, type SimGene } from './dataset.js';
import { GeneMap } from './gene-index.js';

/**
 * One open `fetch_all` scroll: the hits still to serve and when it expires.
 *
 * @example
 * ```ts
 * for (const scroll of sim.state.scrolls.values()) console.log(scroll.id, scroll.served, scroll.total);
 * ```
 */
export interface SimScroll {
  /** The `_scroll_id` the server handed out. */
  id: string;
  /** Every hit of the scroll as the opening request shaped them (`fields`, `dotfield`, …), in scroll order; later pages keep its fields but take the formatter options of the request serving them. */
  hits: Record<string, unknown>[];
  /** Hits served so far. */
  served: number;
  /** `total` of the query. */
  total: number;
  /** `max_score` of the query. */
  maxScore: number | null;
  /** When the scroll is dropped (ms since the epoch): 60 s after the last page. */
  expiresAt: number;
}

/**
 * The live state of a MyGene simulator.
 *
 * @example
 * ```ts
 * sim.state.genes.get('1017')?.symbol; // 'CDK2'
 * sim.state.scrolls.size;              // open fetchAll scrolls
 * ```
 */
export interface MyGeneSimulatorState {
  /**
   * Gene documents by `_id`, in index order (built-in genes, then the seed). Add, replace or
   * delete genes with `set`/`delete`; to change a stored gene, `set` it again (searches use an
   * index that is rebuilt when the map changes, not when a stored document is edited in place).
   */
  genes: Map<string, SimGene>;
  /** Open scrolls by `_scroll_id`. */
  scrolls: Map<string, SimScroll>;
  /** Scrolls opened so far (makes scroll ids unique). */
  scrollsOpened: number;
  /** The build part of `GET /metadata`; `stats` are computed from `genes`. */
  metadata: Record<string, unknown>;
}

/** A fresh state from the built-in genes (unless `builtIn` is false) and the checked seed genes. */
export function initialState(seed: readonly SimGene[], builtIn: boolean): MyGeneSimulatorState {
  const genes = new GeneMap();
  if (builtIn) for (const gene of builtInGenes()) genes.set(gene._id, gene);
  for (const gene of seed) genes.set(gene._id, structuredClone(gene));
  return { genes, scrolls: new Map(), scrollsOpened: 0, metadata: builtInMetadata() };
}
