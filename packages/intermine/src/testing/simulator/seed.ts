// `createSimulator({ seed })`: the user's own rows, checked against the service's shapes before
// they are added. A field that does not fit is a `ValidationError` naming it (`seed.genes[0].length`).
import { ValidationError } from '@bio/core-http';
import {
  addGene,
  addOrganism,
  addPathway,
  addProtein,
  findChromosome,
  findGene,
  findOrganism,
  findPathway,
  type GeneSeed,
  type OrganismSeed,
  type PathwaySeed,
  type ProteinSeed,
} from './data.js';
import { makeList } from './lists.js';
import { type InterMineSimulatorState, SUPERUSER } from './state.js';

/**
 * A list to seed, owned by one of the simulator's users (or public when `owner` is left out).
 *
 * @example
 * ```ts
 * const list: ListSeed = { name: 'my-genes', type: 'Gene', identifiers: ['eve', 'zen'], owner: 'demo@flymine.org' };
 * ```
 */
export interface ListSeed {
  /** The list's name, unique per owner. */
  name: string;
  /** The class of its objects, e.g. `Gene`. */
  type: string;
  /** Identifiers resolved like a list upload (class keys, then synonyms). */
  identifiers: readonly string[];
  /** The list's description. */
  description?: string | undefined;
  /** The list's tags. */
  tags?: readonly string[] | undefined;
  /** A username of `sim.users`; default: the mine's super-user, and the list is tagged `im:public`. */
  owner?: string | undefined;
}

/**
 * Rows to add to the built-in data, per class. Organisms first, then pathways, genes, proteins
 * and lists, so each may name the ones before it.
 *
 * @example
 * ```ts
 * createSimulator({ seed: { genes: [{ primaryIdentifier: 'FBgn0003975', symbol: 'vg', length: 15000 }] } });
 * ```
 */
export interface InterMineSeed {
  /** Organisms to add (before the genes and proteins that name them). */
  organisms?: readonly OrganismSeed[] | undefined;
  /** Pathways to add (before the genes that name them). */
  pathways?: readonly PathwaySeed[] | undefined;
  /** Genes to add. */
  genes?: readonly GeneSeed[] | undefined;
  /** Proteins to add (after the genes they name). */
  proteins?: readonly ProteinSeed[] | undefined;
  /** Lists to make from the seeded and built-in objects. */
  lists?: readonly ListSeed[] | undefined;
}

type Kind = 'string' | 'int' | 'strings' | 'strand';
const SHAPES: Record<keyof InterMineSeed, Record<string, [Kind, boolean]>> = {
  organisms: { name: ['string', true], shortName: ['string', true], taxonId: ['int', true], id: ['int', false] },
  pathways: { identifier: ['string', true], name: ['string', false], dataSet: ['string', false], id: ['int', false] },
  genes: {
    primaryIdentifier: ['string', true],
    symbol: ['string', false],
    secondaryIdentifier: ['string', false],
    name: ['string', false],
    description: ['string', false],
    length: ['int', false],
    organism: ['string', false],
    chromosome: ['string', false],
    start: ['int', false],
    end: ['int', false],
    strand: ['strand', false],
    pathways: ['strings', false],
    synonyms: ['strings', false],
    id: ['int', false],
  },
  proteins: {
    primaryIdentifier: ['string', true],
    primaryAccession: ['string', false],
    length: ['int', false],
    organism: ['string', false],
    genes: ['strings', false],
    id: ['int', false],
  },
  lists: {
    name: ['string', true],
    type: ['string', true],
    identifiers: ['strings', true],
    description: ['string', false],
    tags: ['strings', false],
    owner: ['string', false],
  },
};

function invalid(field: string, message: string): never {
  throw new ValidationError({ message: `seed: ${field} ${message}`, field });
}

/** `seed.genes[3]` or `seed.genes[3].length`, spelled out only for a row that fails. */
function at(kind: keyof InterMineSeed, i: number, key?: string): string {
  return key === undefined ? `seed.${kind}[${i}]` : `seed.${kind}[${i}].${key}`;
}

function checkShape(kind: keyof InterMineSeed, rows: unknown): void {
  if (rows === undefined) return;
  if (!Array.isArray(rows)) invalid(`seed.${kind}`, 'must be an array');
  const shape = SHAPES[kind];
  const fields = Object.entries(shape);
  // Runs once per seed row (100,000s of them): plain loops, no closures per row.
  for (let i = 0; i < rows.length; i++) {
    const row: unknown = rows[i];
    if (typeof row !== 'object' || row === null || Array.isArray(row)) invalid(at(kind, i), 'must be an object');
    for (const key of Object.keys(row))
      if (!Object.hasOwn(shape, key)) invalid(at(kind, i, key), `is not a field of ${kind} (fields: ${Object.keys(shape).join(', ')})`);
    for (const [key, [type, needed]] of fields) {
      const v = (row as Record<string, unknown>)[key];
      if (v === undefined) {
        if (needed) invalid(at(kind, i, key), 'is required');
        continue;
      }
      if (type === 'string' && (typeof v !== 'string' || v.trim() === '')) invalid(at(kind, i, key), 'must be a non-empty string');
      if (type === 'int' && (typeof v !== 'number' || !Number.isInteger(v) || v < 0)) invalid(at(kind, i, key), 'must be a non-negative integer');
      if (type === 'strand' && v !== '1' && v !== '-1') invalid(at(kind, i, key), "must be '1' or '-1'");
      if (type === 'strings' && (!Array.isArray(v) || !v.every((s) => typeof s === 'string' && s.trim() !== '')))
        invalid(at(kind, i, key), 'must be an array of non-empty strings');
    }
  }
}

/** Check every seed row, then add them to the state (each may refer to built-in rows or earlier seed rows). */
export function applySeed(state: InterMineSimulatorState, seed: InterMineSeed | undefined): void {
  if (seed === undefined) return;
  if (typeof seed !== 'object' || seed === null || Array.isArray(seed)) invalid('seed', 'must be an object');
  for (const key of Object.keys(seed))
    if (!Object.hasOwn(SHAPES, key)) invalid(`seed.${key}`, `is not a seedable class (use ${Object.keys(SHAPES).join(', ')})`);
  for (const kind of Object.keys(SHAPES) as (keyof InterMineSeed)[]) checkShape(kind, seed[kind]);
  const store = state.store;
  const usedId = (id: number | undefined, kind: keyof InterMineSeed, i: number) => {
    if (id !== undefined && store.get(id)) invalid(at(kind, i, 'id'), `${id} is already the id of another object`);
  };
  seed.organisms?.forEach((o, i) => {
    usedId(o.id, 'organisms', i);
    if (findOrganism(store, o.shortName) || findOrganism(store, o.name)) invalid(`seed.organisms[${i}].name`, `${o.name} already exists`);
    addOrganism(store, o);
  });
  seed.pathways?.forEach((p, i) => {
    usedId(p.id, 'pathways', i);
    if (findPathway(store, p.identifier)) invalid(`seed.pathways[${i}].identifier`, `${p.identifier} already exists`);
    addPathway(store, p);
  });
  const genes = seed.genes ?? [];
  for (let i = 0; i < genes.length; i++) {
    const g = genes[i]!;
    usedId(g.id, 'genes', i);
    if (findGene(store, g.primaryIdentifier)) invalid(at('genes', i, 'primaryIdentifier'), `${g.primaryIdentifier} already exists`);
    const organism = findOrganism(store, g.organism ?? 'D. melanogaster');
    if (!organism) invalid(at('genes', i, 'organism'), `names no organism of the mine: ${g.organism}`);
    const located = (g.chromosome === undefined ? 0 : 1) + (g.start === undefined ? 0 : 1) + (g.end === undefined ? 0 : 1);
    if (located !== 0 && located !== 3) invalid(at('genes', i, 'chromosome'), 'chromosome, start and end go together');
    if (g.chromosome !== undefined) {
      if (!findChromosome(store, g.chromosome, organism)) invalid(at('genes', i, 'chromosome'), `${g.chromosome} is not a chromosome of ${organism.shortName}`);
      if (g.end! < g.start!) invalid(at('genes', i, 'end'), 'must not be before start');
    }
    for (const [j, p] of (g.pathways ?? []).entries())
      if (!findPathway(store, p)) invalid(`${at('genes', i, 'pathways')}[${j}]`, `names no pathway of the mine: ${p}`);
    addGene(store, g);
  }
  seed.proteins?.forEach((p, i) => {
    const row = `seed.proteins[${i}]`;
    usedId(p.id, 'proteins', i);
    if (p.organism !== undefined && !findOrganism(store, p.organism)) invalid(`${row}.organism`, `names no organism of the mine: ${p.organism}`);
    p.genes?.forEach((g, j) => {
      if (!findGene(store, g)) invalid(`${row}.genes[${j}]`, `names no gene of the mine: ${g}`);
    });
    addProtein(store, p);
  });
  seed.lists?.forEach((l, i) => {
    const row = `seed.lists[${i}]`;
    if (!store.model.has(l.type)) invalid(`${row}.type`, `${l.type} is not a class of the model`);
    if (state.lists.has(l.name)) invalid(`${row}.name`, `a list called ${l.name} already exists`);
    if (l.owner !== undefined && !state.users.has(l.owner)) invalid(`${row}.owner`, `${l.owner} is not one of the simulator's users`);
    const ids = l.identifiers.map((identifier, j) => {
      const found = store.lookup(l.type, identifier).objects;
      if (found.length === 0) invalid(`${row}.identifiers[${j}]`, `${identifier} names no ${l.type} of the mine`);
      return found[0]!.id;
    });
    const owner = l.owner ?? SUPERUSER;
    const tags = [...(l.tags ?? []), ...(l.owner === undefined ? ['im:public'] : [])];
    makeList(state, { name: l.name, type: l.type, ids, owner, description: l.description, tags });
  });
}
