// The simulated mine's objects: flat records keyed by object id, linked both ways along the
// model's reverse references, with InterMine's class-key matching for LOOKUP, lists and ids.
import { type SimModel, simModel } from './model.js';

/**
 * One object of the simulated mine: `class`, `id`, attribute values, a reference as the target's
 * id, a collection as an array of ids.
 *
 * @example
 * ```ts
 * const eve: SimObject = { class: 'Gene', id: 1016298, symbol: 'eve', organism: 1000001, pathways: [5002243] };
 * ```
 */
export interface SimObject {
  class: string;
  id: number;
  [field: string]: unknown;
}

/** Class keys of the mine (`GET /classkeys`), used by LOOKUP, list uploads and id resolution. */
export const CLASS_KEYS: Record<string, string[]> = {
  Gene: ['primaryIdentifier', 'secondaryIdentifier', 'symbol', 'name'],
  Protein: ['primaryIdentifier', 'primaryAccession'],
  Pathway: ['identifier', 'name'],
  Organism: ['name', 'shortName', 'taxonId'],
  Chromosome: ['primaryIdentifier'],
  DataSet: ['name'],
  Exon: ['primaryIdentifier'],
  Intron: ['primaryIdentifier'],
  SequenceFeature: ['primaryIdentifier', 'symbol'],
  BioEntity: ['primaryIdentifier', 'symbol'],
};

/** Every object by id, in id order when listed. */
export class ObjectStore {
  readonly model: SimModel = simModel();
  readonly byId = new Map<number, SimObject>();
  #sorted: SimObject[] | undefined;

  add(object: SimObject): SimObject {
    this.byId.set(object.id, object);
    this.#sorted = undefined;
    return object;
  }

  get(id: number): SimObject | undefined {
    return this.byId.get(id);
  }

  /** Every object that is a `className` (subclasses included), by id. */
  all(className: string): SimObject[] {
    this.#sorted ??= [...this.byId.values()].sort((a, b) => a.id - b.id);
    return this.#sorted.filter((o) => this.model.isa(o.class, className));
  }

  /** Set `from.field` to `to` (a reference) or add `to` to it (a collection), and the reverse side when the model declares one. */
  link(from: SimObject, field: string, to: SimObject): void {
    const info = this.model.field(from.class, field);
    if (!info || info.kind === 'attribute') throw new Error(`${from.class}.${field} is not a reference or collection`);
    if (info.kind === 'reference') from[field] = to.id;
    else {
      const ids = (from[field] as number[] | undefined) ?? [];
      if (!ids.includes(to.id)) ids.push(to.id);
      from[field] = ids;
    }
    const reverse = this.#reverse(from.class, field);
    if (reverse) {
      const back = this.model.field(to.class, reverse);
      if (back?.kind === 'reference') to[reverse] = from.id;
      else if (back?.kind === 'collection') {
        const ids = (to[reverse] as number[] | undefined) ?? [];
        if (!ids.includes(from.id)) ids.push(from.id);
        to[reverse] = ids;
      }
    }
  }

  #reverse(className: string, field: string): string | undefined {
    const c = this.model.json.classes[className];
    if (!c) return undefined;
    const declared = (c.references?.[field] ?? c.collections?.[field]) as { reverseReference?: string } | undefined;
    if (declared) return declared.reverseReference;
    for (const parent of c.extends) {
      const found = this.#reverse(parent, field);
      if (found) return found;
    }
    return undefined;
  }

  /** The objects a reference/collection field points at. */
  follow(object: SimObject, field: string): SimObject[] {
    const value = object[field];
    if (typeof value === 'number') return [this.byId.get(value)].filter((o): o is SimObject => o !== undefined);
    if (Array.isArray(value)) return value.map((id) => this.byId.get(id as number)).filter((o): o is SimObject => o !== undefined);
    return [];
  }

  /** The class keys of a class (its own, else the nearest ancestor's). */
  keys(className: string): string[] {
    for (const [name, keys] of Object.entries(CLASS_KEYS)) if (name === className) return keys;
    const c = this.model.json.classes[className];
    for (const parent of c?.extends ?? []) {
      const keys = this.keys(parent);
      if (keys.length > 0) return keys;
    }
    return [];
  }

  /** The organism names of an object (name and short name), for LOOKUP's extra value. */
  organismNames(object: SimObject): string[] {
    const organism = this.follow(object, 'organism')[0];
    return organism ? [String(organism.name), String(organism.shortName)] : [];
  }

  /**
   * The objects of `className` an identifier names: by class key (case-insensitive, `*` as a
   * wildcard), and failing that by synonym. `extra` restricts to an organism.
   */
  lookup(className: string, identifier: string, extra?: string): { objects: SimObject[]; via: 'key' | 'synonym' } {
    const matches = (value: unknown) => value !== undefined && value !== null && wildcardEquals(String(value), identifier);
    const inOrganism = (o: SimObject) => !extra || this.organismNames(o).some((n) => n.toLowerCase() === extra.toLowerCase());
    const candidates = this.all(className).filter(inOrganism);
    const byKey = candidates.filter((o) => this.keys(o.class).some((k) => matches(o[k])));
    if (byKey.length > 0) return { objects: byKey, via: 'key' };
    const bySynonym = candidates.filter((o) => this.follow(o, 'synonyms').some((s) => matches(s.value)));
    return { objects: bySynonym, via: 'synonym' };
  }

  /** A new object id above every one in use. */
  nextId(): number {
    let max = 9_000_000;
    for (const id of this.byId.keys()) if (id > max) max = id;
    return max + 1;
  }
}

/** Case-insensitive equality with `*` matching any run of characters (InterMine's `=` on strings). */
export function wildcardEquals(value: string, pattern: string): boolean {
  if (!pattern.includes('*')) return value.toLowerCase() === pattern.toLowerCase();
  const re = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`, 'is');
  return re.test(value);
}

/** Escape a string for a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
