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
  /** The object's (concrete) class, e.g. `Gene`. */
  class: string;
  /** The object's InterMine id, unique in the store. */
  id: number;
  /** Attribute values, and references (target id) and collections (target ids), by field name. */
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

/** Objects of one concrete class, kept in id order (re-sorted only when an id arrives out of order). */
interface Bucket {
  objects: SimObject[];
  sorted: boolean;
}

/** One attribute index: `className.field` value → objects (subclasses included). */
interface FieldIndex {
  className: string;
  field: string;
  values: Map<unknown, SimObject[]>;
}

// Per-store indexes that `add()` keeps current, for the module's own finders ({@link findBy}).
const FIELD_INDEXES = new WeakMap<ObjectStore, FieldIndex[]>();

/**
 * Every object by id, in id order when listed: the simulated mine's data (`sim.state.store`).
 *
 * @example
 * ```ts
 * const store = createSimulator().state.store;
 * const eve = store.lookup('Gene', 'eve').objects[0];
 * ```
 */
export class ObjectStore {
  /** The simulated mine's data model. */
  readonly model: SimModel = simModel();
  /** Every object by id. */
  readonly byId = new Map<number, SimObject>();
  // Per concrete class, so `all()` never sorts the whole store.
  #buckets = new Map<string, Bucket>();
  // className → the concrete classes (bucket names) that are one, rebuilt when a new class appears.
  #members = new Map<string, { classes: string[]; known: number }>();
  // Lowercased class-key value → objects (for LOOKUP, uploads, id resolution); dropped by `add()`, rebuilt on use.
  #keyIndex: Map<string, SimObject[]> | undefined;
  // The highest id and how many objects it was computed over (a write to `byId` behind our back forces a rescan).
  #maxId = 9_000_000;
  #counted = 0;
  // Collection arrays with a Set of their ids, so linking stays O(1) when a collection is long.
  #sets = new WeakMap<number[], Set<number>>();

  /**
   * Add an object, or replace the one with the same id; returns it.
   *
   * @example
   * ```ts
   * store.add({ class: 'Gene', id: store.nextId(), primaryIdentifier: 'FBgn0000001', symbol: 'demo' });
   * ```
   */
  add(object: SimObject): SimObject {
    const replaced = this.byId.get(object.id);
    this.byId.set(object.id, object);
    if (replaced === undefined && this.#counted === this.byId.size - 1) {
      this.#counted++;
      if (object.id > this.#maxId) this.#maxId = object.id;
    }
    let bucket = this.#buckets.get(object.class);
    if (!bucket) {
      bucket = { objects: [], sorted: true };
      this.#buckets.set(object.class, bucket);
    }
    if (replaced !== undefined) this.#drop(replaced);
    const last = bucket.objects.at(-1);
    if (last !== undefined && last.id > object.id) bucket.sorted = false;
    bucket.objects.push(object);
    this.#keyIndex = undefined;
    for (const index of FIELD_INDEXES.get(this) ?? []) if (this.model.isa(object.class, index.className)) indexInto(index, object);
    return object;
  }

  #drop(object: SimObject): void {
    const bucket = this.#buckets.get(object.class);
    if (bucket) bucket.objects = bucket.objects.filter((o) => o !== object);
    for (const index of FIELD_INDEXES.get(this) ?? []) {
      const list = index.values.get(object[index.field]);
      if (list)
        index.values.set(
          object[index.field],
          list.filter((o) => o !== object),
        );
    }
  }

  /**
   * The object with this id; undefined when there is none.
   *
   * @example
   * ```ts
   * store.get(1016298)?.symbol;
   * ```
   */
  get(id: number): SimObject | undefined {
    return this.byId.get(id);
  }

  /**
   * Every object that is a `className` (subclasses included), by id.
   *
   * @example
   * ```ts
   * store.all('Gene').length;
   * ```
   */
  all(className: string): SimObject[] {
    let members = this.#members.get(className);
    if (!members || members.known !== this.#buckets.size) {
      members = { classes: [...this.#buckets.keys()].filter((c) => this.model.isa(c, className)), known: this.#buckets.size };
      this.#members.set(className, members);
    }
    // Loops, not callbacks: seeding asks for organisms and chromosomes once per gene.
    const lists: SimObject[][] = [];
    for (const c of members.classes) {
      const bucket = this.#buckets.get(c)!;
      if (!bucket.sorted) {
        bucket.objects.sort(byId);
        bucket.sorted = true;
      }
      lists.push(bucket.objects);
    }
    if (lists.length === 1) return lists[0]!.slice();
    return lists.flat().sort(byId);
  }

  /**
   * Set `from.field` to `to` (a reference) or add `to` to it (a collection), and the reverse side when the model declares one.
   *
   * @example
   * ```ts
   * store.link(gene, 'pathways', pathway); // pathway.genes gets the gene too
   * ```
   */
  link(from: SimObject, field: string, to: SimObject): void {
    const info = this.model.field(from.class, field);
    if (!info || info.kind === 'attribute') throw new Error(`${from.class}.${field} is not a reference or collection`);
    if (info.kind === 'reference') from[field] = to.id;
    else from[field] = this.#withMember(from[field] as number[] | undefined, to.id);
    const reverse = this.#reverse(from.class, field);
    if (reverse) {
      const back = this.model.field(to.class, reverse);
      if (back?.kind === 'reference') to[reverse] = from.id;
      else if (back?.kind === 'collection') to[reverse] = this.#withMember(to[reverse] as number[] | undefined, from.id);
    }
  }

  /** `ids` (a new array when absent) with `id` added once; long collections get a Set beside them. */
  #withMember(ids: number[] | undefined, id: number): number[] {
    const list = ids ?? [];
    if (list.length < 32) {
      if (!list.includes(id)) list.push(id);
      return list;
    }
    let set = this.#sets.get(list);
    if (!set || set.size !== list.length) {
      set = new Set(list);
      this.#sets.set(list, set);
    }
    if (!set.has(id)) {
      set.add(id);
      list.push(id);
    }
    return list;
  }

  #reverses = new Map<string, string | undefined>();

  #reverse(className: string, field: string): string | undefined {
    const key = `${className}.${field}`;
    if (this.#reverses.has(key)) return this.#reverses.get(key);
    const found = this.#findReverse(className, field);
    this.#reverses.set(key, found);
    return found;
  }

  #findReverse(className: string, field: string): string | undefined {
    const c = this.model.json.classes[className];
    if (!c) return undefined;
    const declared = (c.references?.[field] ?? c.collections?.[field]) as { reverseReference?: string } | undefined;
    if (declared) return declared.reverseReference;
    for (const parent of c.extends) {
      const found = this.#findReverse(parent, field);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * The objects a reference/collection field points at (empty when none).
   *
   * @example
   * ```ts
   * store.follow(gene, 'organism')[0]?.shortName; // 'D. melanogaster'
   * ```
   */
  follow(object: SimObject, field: string): SimObject[] {
    const value = object[field];
    const out: SimObject[] = [];
    if (typeof value === 'number') {
      const o = this.byId.get(value);
      if (o !== undefined) out.push(o);
    } else if (Array.isArray(value))
      for (const id of value) {
        const o = this.byId.get(id as number);
        if (o !== undefined) out.push(o);
      }
    return out;
  }

  /**
   * The class keys of a class (its own, else the nearest ancestor's).
   *
   * @example
   * ```ts
   * store.keys('Gene'); // ['primaryIdentifier', 'secondaryIdentifier', 'symbol', 'name']
   * ```
   */
  keys(className: string): string[] {
    for (const [name, keys] of Object.entries(CLASS_KEYS)) if (name === className) return keys;
    const c = this.model.json.classes[className];
    for (const parent of c?.extends ?? []) {
      const keys = this.keys(parent);
      if (keys.length > 0) return keys;
    }
    return [];
  }

  /**
   * The organism names of an object (name and short name), for LOOKUP's extra value.
   *
   * @example
   * ```ts
   * store.organismNames(gene); // ['Drosophila melanogaster', 'D. melanogaster']
   * ```
   */
  organismNames(object: SimObject): string[] {
    const organism = this.follow(object, 'organism')[0];
    return organism ? [String(organism.name), String(organism.shortName)] : [];
  }

  /**
   * The objects of `className` an identifier names: by class key (case-insensitive, `*` as a
   * wildcard), and failing that by synonym. `extra` restricts to an organism.
   *
   * @example
   * ```ts
   * const { objects, via } = store.lookup('Gene', 'eve', 'D. melanogaster'); // via: 'key'
   * ```
   */
  lookup(className: string, identifier: string, extra?: string): { objects: SimObject[]; via: 'key' | 'synonym' } {
    const matches = (value: unknown) => value !== undefined && value !== null && wildcardEquals(String(value), identifier);
    const inOrganism = (o: SimObject) => !extra || this.organismNames(o).some((n) => n.toLowerCase() === extra.toLowerCase());
    let byKey: SimObject[];
    if (identifier.includes('*')) byKey = this.all(className).filter((o) => inOrganism(o) && this.keys(o.class).some((k) => matches(o[k])));
    else {
      // Without a wildcard a key match is a lowercase equality: one index read instead of a scan.
      const hits = new Set((this.#keys().get(identifier.toLowerCase()) ?? []).filter((o) => this.model.isa(o.class, className) && inOrganism(o)));
      byKey = [...hits].sort((a, b) => a.id - b.id);
    }
    if (byKey.length > 0) return { objects: byKey, via: 'key' };
    const bySynonym = this.all(className).filter((o) => inOrganism(o) && this.follow(o, 'synonyms').some((s) => matches(s.value)));
    return { objects: bySynonym, via: 'synonym' };
  }

  #keys(): Map<string, SimObject[]> {
    if (this.#keyIndex) return this.#keyIndex;
    const index = new Map<string, SimObject[]>();
    const keysOf = new Map<string, string[]>();
    for (const object of this.byId.values()) {
      let keys = keysOf.get(object.class);
      if (!keys) {
        keys = this.keys(object.class);
        keysOf.set(object.class, keys);
      }
      for (const k of keys) {
        const v = object[k];
        if (v === undefined || v === null) continue;
        const text = String(v).toLowerCase();
        const list = index.get(text);
        if (list) list.push(object);
        else index.set(text, [object]);
      }
    }
    this.#keyIndex = index;
    return index;
  }

  /**
   * A new object id above every one in use.
   *
   * @example
   * ```ts
   * const id = store.nextId();
   * ```
   */
  nextId(): number {
    if (this.#counted !== this.byId.size) {
      // Someone wrote to `byId` directly: count again.
      this.#maxId = 9_000_000;
      for (const id of this.byId.keys()) if (id > this.#maxId) this.#maxId = id;
      this.#counted = this.byId.size;
    }
    return this.#maxId + 1;
  }
}

function byId(a: SimObject, b: SimObject): number {
  return a.id - b.id;
}

function indexInto(index: FieldIndex, object: SimObject): void {
  const value = object[index.field];
  const list = index.values.get(value);
  if (list) list.push(object);
  else index.values.set(value, [object]);
}

/**
 * The first object (by id) of `className` whose `field` is exactly `value`. The first call for a
 * class and field indexes the store; `add()` keeps the index current.
 */
export function findBy(store: ObjectStore, className: string, field: string, value: unknown): SimObject | undefined {
  let indexes = FIELD_INDEXES.get(store);
  if (!indexes) {
    indexes = [];
    FIELD_INDEXES.set(store, indexes);
  }
  let index = indexes.find((i) => i.className === className && i.field === field);
  if (!index) {
    index = { className, field, values: new Map() };
    for (const object of store.all(className)) indexInto(index, object);
    indexes.push(index);
  }
  const found = index.values.get(value);
  if (!found || found.length === 0) return undefined;
  return found.length === 1 ? found[0] : found.reduce((a, b) => (b.id < a.id ? b : a));
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
