// A lookup index over the simulator's genes, so a batch of 1000 terms is a lookup per term rather
// than a scan of every gene per term. For each field a scope, an id lookup or a query term
// searches, the genes' positions by key (search.ts decides the keys: lowercased keyword values,
// tokens of text fields); built per field on first use, rebuilt when the gene map changes. The
// index only narrows: the matching rules in search.ts still decide on every candidate, so answers
// are the ones a scan gives.
import type { SimGene } from './dataset.js';
import { fieldValues, indexKeys, lookupKey, type ScopeTarget } from './search.js';

/**
 * The gene map of the simulator's state: a `Map` that counts its changes (`set`, `delete`,
 * `clear`), so the index knows when to rebuild.
 */
export class GeneMap extends Map<string, SimGene> {
  #version = 0;

  /** Changes so far. */
  get version(): number {
    return this.#version;
  }

  override set(key: string, value: SimGene): this {
    this.#version++;
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    this.#version++;
    return super.delete(key);
  }

  override clear(): void {
    this.#version++;
    super.clear();
  }
}

/** The genes of one version of the map, in index order, with per-field lookups. */
export class GeneIndex {
  /** The genes in index order (a position is an index into this list). */
  readonly docs: readonly SimGene[];
  /** The map's version this index was built from (`undefined`: a plain `Map`, not tracked). */
  readonly version: number | undefined;
  readonly #byField = new Map<string, Map<string, number[]>>();

  constructor(genes: ReadonlyMap<string, SimGene>, version: number | undefined) {
    this.docs = [...genes.values()];
    this.version = version;
  }

  #field(field: string): Map<string, number[]> {
    let keys = this.#byField.get(field);
    if (keys !== undefined) return keys;
    keys = new Map();
    for (const [position, doc] of this.docs.entries()) {
      for (const value of fieldValues(doc, field)) {
        for (const key of indexKeys(field, value)) {
          const list = keys.get(key);
          if (list === undefined) keys.set(key, [position]);
          else if (list[list.length - 1] !== position) list.push(position);
        }
      }
    }
    this.#byField.set(field, keys);
    return keys;
  }

  /** Positions (ascending) of every gene that can match one of `targets` (wildcard-free texts). */
  positions(targets: readonly ScopeTarget[]): readonly number[] {
    const lists: number[][] = [];
    for (const { field, text } of targets) {
      const key = lookupKey(field, text);
      const list = key === undefined ? undefined : this.#field(field).get(key);
      if (list !== undefined) lists.push(list);
    }
    if (lists.length <= 1) return lists[0] ?? [];
    return [...new Set(lists.flat())].sort((a, b) => a - b);
  }

  /** Every gene that can match one of `targets`, in index order. */
  candidates(targets: readonly ScopeTarget[]): SimGene[] {
    return this.positions(targets).map((position) => this.docs[position] as SimGene);
  }
}

const built = new WeakMap<ReadonlyMap<string, SimGene>, GeneIndex>();

/**
 * The index of `genes` as they are now: cached while a {@link GeneMap} is unchanged; a plain `Map`
 * (state replaced by hand) is indexed afresh on every call, i.e. once per request.
 */
export function geneIndex(genes: ReadonlyMap<string, SimGene>): GeneIndex {
  const version = genes instanceof GeneMap ? genes.version : undefined;
  const cached = built.get(genes);
  if (cached !== undefined && version !== undefined && cached.version === version) return cached;
  const index = new GeneIndex(genes, version);
  built.set(genes, index);
  return index;
}
