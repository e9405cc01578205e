// The simulated mine's data model (the recorded FlyMine-style `/model` fixture) and path
// resolution over it, with InterMine's own refusal messages for paths that are not in the model.
import { readFileSync } from 'node:fs';

/** One class of the model JSON (`GET /model?format=json`). */
export interface ModelClass {
  name: string;
  extends: string[];
  attributes: Record<string, { name: string; type: string }>;
  references: Record<string, { name: string; referencedType: string }>;
  collections: Record<string, { name: string; referencedType: string }>;
  [key: string]: unknown;
}

/** The model JSON's `model` object. */
export interface ModelJson {
  /** The model's name, e.g. `genomic`. */
  name: string;
  /** The Java package of the model's classes. */
  package: string;
  /** Every class, by name. */
  classes: Record<string, ModelClass>;
}

/** What a field of a class is. */
export type FieldInfo =
  | {
      /** The field holds a value. */
      kind: 'attribute';
      /** Its Java type, e.g. `java.lang.String`. */
      type: string;
    }
  | {
      /** The field points to one object (reference) or many (collection). */
      kind: 'reference' | 'collection';
      /** The class pointed to. */
      type: string;
    };

/** A body of one of this package's recorded fixtures (the first exchange's JSON response). */
export function fixtureJson<T>(file: string): T {
  const url = new URL(`../../../fixtures/${file}`, import.meta.url);
  const fixture = JSON.parse(readFileSync(url, 'utf8')) as { exchanges: { response: { body: { json: T } } }[] };
  return fixture.exchanges[0]!.response.body.json;
}

/**
 * The simulated mine's data model, with inheritance and path resolution (`sim.state.store.model`).
 *
 * @example
 * ```ts
 * const model = createSimulator().state.store.model;
 * model.resolve('Gene.organism.name')?.attribute?.type; // 'java.lang.String'
 * ```
 */
export class SimModel {
  /** The model JSON it was made from. */
  readonly json: ModelJson;
  /**
   * Wrap a model JSON (the `model` object of `GET /model?format=json`).
   *
   * @param json - The model's name, package and classes.
   */
  constructor(json: ModelJson) {
    this.json = json;
  }

  /**
   * Whether the model has a class of this name.
   *
   * @example
   * ```ts
   * model.has('Gene'); // true
   * ```
   */
  has(className: string): boolean {
    return Object.hasOwn(this.json.classes, className);
  }

  // Answers of isa() and field(), which seeding and query evaluation ask per object and per row.
  #isa = new Map<string, Map<string, boolean>>();
  #fields = new Map<string, Map<string, FieldInfo | undefined>>();

  /**
   * `a` is `b` or inherits from it.
   *
   * @example
   * ```ts
   * model.isa('Gene', 'SequenceFeature'); // true
   * ```
   */
  isa(a: string, b: string): boolean {
    if (a === b) return true;
    let known = this.#isa.get(a);
    if (!known) {
      known = new Map();
      this.#isa.set(a, known);
    }
    let answer = known.get(b);
    if (answer === undefined) {
      answer = this.json.classes[a]?.extends.some((parent) => this.isa(parent, b)) ?? false;
      known.set(b, answer);
    }
    return answer;
  }

  /**
   * A field of a class, inherited ones included; undefined when the class has no such field.
   *
   * @example
   * ```ts
   * model.field('Gene', 'organism'); // { kind: 'reference', type: 'Organism' }
   * ```
   */
  field(className: string, name: string): FieldInfo | undefined {
    let known = this.#fields.get(className);
    if (!known) {
      known = new Map();
      this.#fields.set(className, known);
    }
    if (known.has(name)) return known.get(name);
    const found = this.#field(className, name);
    known.set(name, found);
    return found;
  }

  #field(className: string, name: string): FieldInfo | undefined {
    const c = this.json.classes[className];
    if (!c) return undefined;
    const attribute = c.attributes[name];
    if (attribute) return { kind: 'attribute', type: attribute.type };
    const reference = c.references?.[name];
    if (reference) return { kind: 'reference', type: reference.referencedType };
    const collection = c.collections?.[name];
    if (collection) return { kind: 'collection', type: collection.referencedType };
    for (const parent of c.extends) {
      const found = this.field(parent, name);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * Every attribute name of a class, inherited ones included.
   *
   * @example
   * ```ts
   * model.attributes('Organism').includes('taxonId'); // true
   * ```
   */
  attributes(className: string): string[] {
    const c = this.json.classes[className];
    if (!c) return [];
    return [...new Set([...c.extends.flatMap((p) => this.attributes(p)), ...Object.keys(c.attributes)])];
  }

  /**
   * Resolve `Gene.pathways.name` (subclass casts applied): the class at each class step and what
   * the end is. `undefined` when the path is not in the model.
   *
   * @example
   * ```ts
   * model.resolve('Gene.pathways.name'); // { root: 'Gene', classes: ['Gene', 'Pathway'], attribute: { name: 'name', type: 'java.lang.String' } }
   * ```
   */
  resolve(path: string, subclasses: Record<string, string> = {}): ResolvedPath | undefined {
    const parts = path.split('.');
    const root = parts[0]!;
    if (!this.has(root)) return undefined;
    let cls = subclasses[root] ?? root;
    const classes = [cls];
    for (let i = 1; i < parts.length; i++) {
      const f = this.field(cls, parts[i]!);
      if (!f) return undefined;
      if (f.kind === 'attribute') {
        if (i !== parts.length - 1) return undefined;
        return { root, classes, attribute: { name: parts[i]!, type: f.type } };
      }
      const prefix = parts.slice(0, i + 1).join('.');
      cls = subclasses[prefix] ?? f.type;
      classes.push(cls);
    }
    return { root, classes };
  }
}

/** A resolved path: the class at the root and after each reference/collection step, and the attribute at the end if any. */
export interface ResolvedPath {
  /** The root class of the path. */
  root: string;
  /** The class after each step, the root first (subclass casts applied). */
  classes: string[];
  /** The attribute the path ends on, with its Java type; absent for a class path. */
  attribute?: { name: string; type: string };
}

let cached: SimModel | undefined;

/** The model of the simulated mine (read once from the package's `fixtures/model.json`). */
export function simModel(): SimModel {
  cached ??= new SimModel(fixtureJson<{ model: ModelJson }>('model.json').model);
  return cached;
}

/** The short name of a Java attribute type (`java.lang.Integer` → `Integer`). */
export function shortType(type: string): string {
  return type.slice(type.lastIndexOf('.') + 1);
}
