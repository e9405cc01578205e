import { ValidationError } from '@bio/core-http';
import { didYouMean } from './internal/suggest.js';
import { parseXml } from './internal/xml.js';

/**
 * An attribute (a column holding a value) as the `/model` JSON describes it.
 *
 * @example
 * ```ts
 * model.getClass('Gene').attributes.length; // { name: 'length', type: 'java.lang.Integer' }
 * ```
 */
export interface ModelAttribute {
  /** The field name, e.g. `symbol`. */
  name: string;
  /** Java type, e.g. `java.lang.String`, `java.lang.Integer`. */
  type: string;
  /** The human-readable label the mine shows, e.g. `Symbol`; absent when the mine sends none. */
  displayName?: string;
}

/**
 * A reference (one object) or collection (many objects) to another class.
 *
 * @example
 * ```ts
 * model.getClass('Gene').collections.pathways?.referencedType; // 'Pathway'
 * ```
 */
export interface ModelReference {
  /** The field name, e.g. `organism`. */
  name: string;
  /** The class it points to, e.g. `Organism`. */
  referencedType: string;
  /** The field on the referenced class that points back, when there is one. */
  reverseReference?: string;
  /** The human-readable label the mine shows; absent when the mine sends none. */
  displayName?: string;
}

/**
 * A class of the data model, with every inherited field merged in.
 *
 * @example
 * ```ts
 * const gene: ModelClass = model.getClass('Gene');
 * ```
 */
export interface ModelClass {
  /** The class name, e.g. `Gene`. */
  name: string;
  /** The human-readable label; the class name when the mine sends none. */
  displayName: string;
  /** Direct superclasses. */
  extends: string[];
  /** Every attribute, inherited ones included. */
  attributes: Record<string, ModelAttribute>;
  /** Every reference, inherited ones included. */
  references: Record<string, ModelReference>;
  /** Every collection, inherited ones included. */
  collections: Record<string, ModelReference>;
  /** Number of objects of this class in the mine, when the server says. */
  count?: number;
  /** Ontology term URI, when the server says. */
  term?: string;
}

/**
 * The raw JSON of `GET /model?format=json`.
 *
 * @example
 * ```ts
 * const model = Model.fromJSON(json as ModelJson);
 * ```
 */
export interface ModelJson {
  /** The model: its name (e.g. `genomic`), Java package and classes by name. */
  model: {
    name: string;
    package?: string;
    classes: Record<
      string,
      {
        name: string;
        displayName?: string;
        extends?: string[];
        attributes?: Record<string, ModelAttribute>;
        references?: Record<string, ModelReference>;
        collections?: Record<string, ModelReference>;
        count?: number;
        term?: string;
      }
    >;
  };
}

/**
 * What a path ends on.
 *
 * @example
 * ```ts
 * model.resolvePath('Gene.pathways').kind; // 'collection'
 * ```
 */
export type PathKind = 'root' | 'attribute' | 'reference' | 'collection';

/**
 * A path resolved against the model.
 *
 * @example
 * ```ts
 * const info = model.resolvePath('Gene.pathways.name');
 * info.kind; // 'attribute'
 * info.type; // 'java.lang.String'
 * ```
 */
export interface PathInfo {
  /** The path as given (absolute, dotted). */
  path: string;
  /** The root class. */
  root: string;
  /** What the path ends on: `'root'` (a class), `'attribute'`, `'reference'` or `'collection'`. */
  kind: PathKind;
  /** A class name for class paths (subclass casts applied), a Java type for attributes. */
  type: string;
  /** The class that owns the last field (undefined for a root path). */
  parentType?: string;
  /** True when the path ends on an attribute. */
  isAttribute: boolean;
}

const NUMERIC = new Set([
  'int',
  'long',
  'short',
  'float',
  'double',
  'java.lang.Integer',
  'java.lang.Long',
  'java.lang.Short',
  'java.lang.Float',
  'java.lang.Double',
  'java.math.BigDecimal',
]);

/**
 * True when a Java attribute type holds numbers.
 *
 * @example
 * ```ts
 * isNumericType('java.lang.Integer'); // true
 * ```
 */
export function isNumericType(type: string): boolean {
  return NUMERIC.has(type);
}

/**
 * The InterMine data model: classes with attributes, references and collections, with
 * inheritance resolved. Paths are checked against it, with "did you mean" suggestions.
 *
 * @example
 * ```ts
 * const model = await mine.model();
 * model.getClass('Gene').collections.pathways.referencedType; // 'Pathway'
 * model.resolvePath('Gene.length').type;                     // 'java.lang.Integer'
 * ```
 */
export class Model {
  /** Model name, e.g. `genomic` (goes into the `model` attribute of PathQuery XML). */
  readonly name: string;
  /** Java package of the model classes. */
  readonly package: string | undefined;
  readonly #classes = new Map<string, ModelClass>();
  readonly #subclasses = new Map<string, Set<string>>();

  /**
   * Build a model from the `/model?format=json` payload.
   *
   * @example
   * ```ts
   * const model = Model.fromJSON(await (await fetch(url)).json());
   * ```
   */
  static fromJSON(json: ModelJson): Model {
    return new Model(json);
  }

  /**
   * Build a model from InterMine's model XML (`/model` of older mines, or a local `model.xml`):
   * `<model name package><class name extends is-interface><attribute name type/>
   * <reference name referenced-type reverse-reference/><collection …/></class></model>`.
   * Qualified class names (`org.intermine.model.bio.Gene`) are shortened.
   *
   * @example
   * ```ts
   * const model = Model.fromXML(await readFile('model.xml', 'utf8'));
   * ```
   */
  static fromXML(xml: string): Model {
    return new Model(modelXmlToJson(xml));
  }

  /**
   * A model from the text of `/model` in either form: JSON (`{"model":…}`) or XML (`<model …>`).
   *
   * @example
   * ```ts
   * Model.parse(await (await fetch(`${root}/service/model`)).text());
   * ```
   */
  static parse(text: string): Model {
    if (typeof text !== 'string') throw new ValidationError({ message: 'a model must be given as text (JSON or XML)', field: 'model' });
    const start = text.trimStart();
    if (start.startsWith('<')) return Model.fromXML(start);
    let json: ModelJson;
    try {
      json = JSON.parse(start) as ModelJson;
    } catch {
      throw new ValidationError({ message: 'not an InterMine model: neither JSON nor XML', field: 'model' });
    }
    return Model.fromJSON(json);
  }

  private constructor(json: ModelJson) {
    const raw = json?.model;
    if (!raw || typeof raw !== 'object' || !raw.classes) {
      throw new ValidationError({ message: 'not an InterMine model: expected {"model":{"classes":{…}}}', field: 'model' });
    }
    this.name = raw.name;
    this.package = raw.package;
    const rawClasses = raw.classes;
    const resolving = new Set<string>();
    const resolve = (name: string): ModelClass => {
      const done = this.#classes.get(name);
      if (done) return done;
      const own = rawClasses[name];
      if (!own) throw new ValidationError({ message: `model: class ${name} is referenced but not defined`, field: 'model' });
      if (resolving.has(name)) throw new ValidationError({ message: `model: inheritance cycle at ${name}`, field: 'model' });
      resolving.add(name);
      const attributes: Record<string, ModelAttribute> = {};
      const references: Record<string, ModelReference> = {};
      const collections: Record<string, ModelReference> = {};
      const parents = (own.extends ?? []).filter((p) => p !== 'java.lang.Object' && rawClasses[p] !== undefined);
      for (const parent of parents) {
        const p = resolve(parent);
        Object.assign(attributes, p.attributes);
        Object.assign(references, p.references);
        Object.assign(collections, p.collections);
        const subs = this.#subclasses.get(parent) ?? new Set<string>();
        subs.add(name);
        this.#subclasses.set(parent, subs);
      }
      Object.assign(attributes, own.attributes ?? {});
      Object.assign(references, own.references ?? {});
      Object.assign(collections, own.collections ?? {});
      // Every persistent object has an internal id, even where the model JSON leaves it out.
      if (!attributes.id) attributes.id = { name: 'id', type: 'java.lang.Integer' };
      const cls: ModelClass = {
        name,
        displayName: own.displayName ?? name,
        extends: parents,
        attributes,
        references,
        collections,
        ...(own.count === undefined ? {} : { count: own.count }),
        ...(own.term === undefined ? {} : { term: own.term }),
      };
      resolving.delete(name);
      this.#classes.set(name, cls);
      return cls;
    };
    for (const name of Object.keys(rawClasses)) resolve(name);
  }

  /** Every class name, sorted. */
  get classNames(): string[] {
    return [...this.#classes.keys()].sort();
  }

  /**
   * True when the model has a class of this name (exact, case-sensitive).
   *
   * @example
   * ```ts
   * model.hasClass('Gene'); // true
   * ```
   */
  hasClass(name: string): boolean {
    return this.#classes.has(name);
  }

  /**
   * A class by name; {@link ValidationError} with suggestions when it does not exist.
   *
   * @example
   * ```ts
   * model.getClass('Gen'); // ValidationError: unknown class "Gen" (did you mean "Gene"?)
   * ```
   */
  getClass(name: string): ModelClass {
    const cls = this.#classes.get(name);
    if (!cls) throw new ValidationError({ message: `unknown class "${name}"${didYouMean(name, this.#classes.keys())}`, field: 'path' });
    return cls;
  }

  /**
   * Every direct and indirect superclass of a class, nearest first. A `ValidationError` for an unknown class.
   *
   * @example
   * ```ts
   * model.ancestorsOf('Gene'); // e.g. ['SequenceFeature', 'BioEntity']
   * ```
   */
  ancestorsOf(name: string): string[] {
    const out: string[] = [];
    const queue = [...this.getClass(name).extends];
    while (queue.length > 0) {
      const next = queue.shift()!;
      if (out.includes(next)) continue;
      out.push(next);
      queue.push(...this.getClass(next).extends);
    }
    return out;
  }

  /**
   * Every direct and indirect subclass of a class.
   *
   * @example
   * ```ts
   * model.subclassesOf('SequenceFeature').includes('Gene'); // true
   * ```
   */
  subclassesOf(name: string): string[] {
    const out: string[] = [];
    const queue = [...(this.#subclasses.get(name) ?? [])];
    while (queue.length > 0) {
      const next = queue.shift()!;
      if (out.includes(next)) continue;
      out.push(next);
      queue.push(...(this.#subclasses.get(next) ?? []));
    }
    return out;
  }

  /**
   * True when `sub` is `sup` or inherits from it.
   *
   * @example
   * ```ts
   * model.isA('Gene', 'SequenceFeature'); // true
   * ```
   */
  isA(sub: string, sup: string): boolean {
    return sub === sup || this.ancestorsOf(sub).includes(sup);
  }

  /**
   * Resolve a dotted path. `subclasses` maps a class path to the subclass it is cast to
   * (from subclass constraints), so fields of the subclass resolve.
   *
   * @example
   * ```ts
   * model.resolvePath('Gene.pathways.name').kind;              // 'attribute'
   * model.resolvePath('Gene.symbl');                           // ValidationError: … did you mean "symbol"?
   * model.resolvePath('Gene.proteins.x', { 'Gene.proteins': 'Protein' });
   * ```
   */
  resolvePath(path: string, subclasses: Readonly<Record<string, string>> = {}): PathInfo {
    if (typeof path !== 'string' || path.length === 0) throw new ValidationError({ message: 'a path must be a non-empty string', field: 'path' });
    const parts = path.split('.');
    const root = parts[0]!;
    let type = subclasses[root] ?? root;
    this.getClass(root);
    if (subclasses[root] !== undefined) this.#checkCast(root, root, type);
    let current = this.getClass(type);
    let soFar = root;
    for (let index = 1; index < parts.length; index++) {
      const field = parts[index]!;
      const parentType = current.name;
      if (field.length === 0) throw new ValidationError({ message: `invalid path "${path}": empty segment`, field: 'path' });
      const attribute = current.attributes[field];
      soFar = `${soFar}.${field}`;
      if (attribute) {
        if (index !== parts.length - 1) {
          throw new ValidationError({ message: `invalid path "${path}": ${soFar} is an attribute and has no fields`, field: 'path' });
        }
        return { path, root, kind: 'attribute', type: attribute.type, parentType, isAttribute: true };
      }
      const ref = current.references[field] ?? current.collections[field];
      if (!ref) {
        const names = [...Object.keys(current.attributes), ...Object.keys(current.references), ...Object.keys(current.collections)];
        throw new ValidationError({
          message: `invalid path "${path}": ${current.name} has no field "${field}"${didYouMean(field, names)}`,
          field: 'path',
        });
      }
      const cast = subclasses[soFar];
      type = cast ?? ref.referencedType;
      if (cast !== undefined) this.#checkCast(soFar, ref.referencedType, cast);
      current = this.getClass(type);
      if (index === parts.length - 1) {
        return { path, root, kind: this.#refKind(parentType, field), type, parentType, isAttribute: false };
      }
    }
    return { path, root, kind: 'root', type, isAttribute: false };
  }

  #refKind(owner: string, field: string): PathKind {
    return this.getClass(owner).collections[field] ? 'collection' : 'reference';
  }

  #checkCast(path: string, declared: string, cast: string): void {
    this.getClass(cast);
    if (!this.isA(cast, declared)) {
      throw new ValidationError({ message: `cannot cast ${path} to ${cast}: ${cast} is not a subclass of ${declared}`, field: 'type' });
    }
  }
}

/** `org.intermine.model.bio.Gene` → `Gene`. */
function shortName(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/** Model XML in the `/model?format=json` shape (attributes and references the class declares itself). */
function modelXmlToJson(xml: string): ModelJson {
  const root = parseXml(xml);
  if (root.name !== 'model') throw new ValidationError({ message: `not an InterMine model: expected <model>, found <${root.name}>`, field: 'model' });
  const classes: ModelJson['model']['classes'] = {};
  for (const el of root.children) {
    if (el.name !== 'class') continue;
    const name = el.attributes.name;
    if (!name) throw new ValidationError({ message: 'model XML: a <class> without a name', field: 'model' });
    const attributes: Record<string, ModelAttribute> = {};
    const references: Record<string, ModelReference> = {};
    const collections: Record<string, ModelReference> = {};
    for (const field of el.children) {
      const fieldName = field.attributes.name;
      if (!fieldName) throw new ValidationError({ message: `model XML: a <${field.name}> of ${name} without a name`, field: 'model' });
      if (field.name === 'attribute') {
        attributes[fieldName] = { name: fieldName, type: field.attributes.type ?? 'java.lang.String' };
      } else if (field.name === 'reference' || field.name === 'collection') {
        const target = field.attributes['referenced-type'];
        if (!target) throw new ValidationError({ message: `model XML: ${name}.${fieldName} has no referenced-type`, field: 'model' });
        const ref: ModelReference = { name: fieldName, referencedType: shortName(target) };
        const reverse = field.attributes['reverse-reference'];
        if (reverse) ref.reverseReference = reverse;
        (field.name === 'reference' ? references : collections)[fieldName] = ref;
      }
    }
    const short = shortName(name);
    classes[short] = {
      name: short,
      extends: (el.attributes.extends ?? '').split(/\s+/).filter(Boolean).map(shortName),
      attributes,
      references,
      collections,
      ...(el.attributes.term ? { term: el.attributes.term } : {}),
    };
  }
  return { model: { name: root.attributes.name ?? 'genomic', ...(root.attributes.package ? { package: root.attributes.package } : {}), classes } };
}
