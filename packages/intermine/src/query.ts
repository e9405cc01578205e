import { ValidationError } from '@bio/core-http';
import { buildConstraint, type ConstraintValue, constraintKind, normaliseOperator, type Operator, type PathConstraint, type Switchable } from './constraints.js';
import type { QueryRunner } from './internal/runner.js';
import { parseXml, type XmlElement, writeElement, writeTextElement } from './internal/xml.js';
import type { InterMineList } from './lists.js';
import { validateLogic } from './logic.js';
import { isNumericType, type Model, type PathInfo } from './model.js';
import type { Cell, ColumnSummary, CountOptions, ListFromQueryOptions, RowsOptions, TextOptions } from './results.js';

/**
 * Sort direction.
 *
 * @example
 * ```ts
 * q.orderBy('length', 'desc');
 * ```
 */
export type SortDirection = 'asc' | 'desc';

/**
 * One sort key.
 *
 * @example
 * ```ts
 * q.sortOrder; // [{ path: 'Gene.symbol', direction: 'asc' }]
 * ```
 */
export interface SortOrder {
  path: string;
  direction: SortDirection;
}

/**
 * A join style for a reference or collection (`INNER` is the default, `OUTER` keeps rows without a match).
 *
 * @example
 * ```ts
 * q.outerJoin('pathways').joins; // [{ path: 'Gene.pathways', style: 'OUTER' }]
 * ```
 */
export interface Join {
  path: string;
  style: 'INNER' | 'OUTER';
}

/**
 * The JSON form of a query (what {@link Query.toJSON} writes and {@link Query.fromJSON} reads).
 * `fromJSON` also reads the template shape of `GET /templates?format=json`.
 *
 * @example
 * ```ts
 * const json: QueryJSON = { model: { name: 'genomic' }, from: 'Gene', select: ['Gene.symbol'], where: [], joins: [], orderBy: [] };
 * ```
 */
export interface QueryJSON {
  model: { name: string };
  from: string;
  select: string[];
  where: PathConstraint[];
  /** Outer-joined paths. */
  joins: string[];
  orderBy: SortOrder[];
  constraintLogic?: string;
  name?: string;
  title?: string;
  description?: string;
}

/**
 * Options for a new {@link Query}.
 *
 * @example
 * ```ts
 * const q = new Query('Gene', { model }); // validated as it is built
 * ```
 */
export interface QueryOptions {
  /** The model: paths are validated as they are added, and `modelName` is taken from it. */
  model?: Model;
  /** Model name for the XML when no model is given. Default `genomic`. */
  modelName?: string;
  /** Summary fields (`/summaryfields`), used to expand `*` right away when the model is known too. */
  summaryFields?: Record<string, string[]>;
  /** The mine that runs the query (set by `mine.query()`). */
  mine?: QueryRunner;
}

const SORT_WORD = /^(asc|desc)$/i;

function boolAttr(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  return value.toLowerCase() === 'true';
}

function switchableOf(value: unknown): Switchable | undefined {
  if (value === undefined || value === null) return undefined;
  const v = String(value).toLowerCase();
  if (v === 'on' || v === 'off' || v === 'locked') return v;
  if (v === 'true') return 'on';
  if (v === 'false') return 'locked';
  return undefined;
}

/**
 * A PathQuery: a root class, selected columns (the view), constraints with codes A..Z and
 * optional logic, outer joins and a sort order. One serializer writes the XML; every attribute
 * and value is escaped.
 *
 * @example
 * ```ts
 * const q = mine.query('Gene')
 *   .select('symbol', 'pathways.*')
 *   .where('Gene', 'IN', 'demo-list')
 *   .where('length', '>', 5000)
 *   .outerJoin('pathways')
 *   .orderBy('symbol', 'asc');
 * for await (const row of q.rows()) console.log(row);
 * ```
 */
export class Query {
  /** The root class. */
  readonly root: string;
  /** The model name written into the XML. */
  readonly modelName: string;
  /** Query name (saved queries, templates). */
  name: string | undefined;
  /** Query title. */
  title: string | undefined;
  /** Long description. */
  description: string | undefined;
  #views: string[] = [];
  #constraints: PathConstraint[] = [];
  #joins: Join[] = [];
  #sort: SortOrder[] = [];
  #logic: string | undefined;
  #model: Model | undefined;
  #summaryFields: Record<string, string[]> | undefined;
  #mine: QueryRunner | undefined;

  /**
   * Start a query on a root class.
   *
   * @example
   * ```ts
   * const q = new Query('Gene').select('symbol').where('symbol', '=', 'eve');
   * q.toXML(); // <query model="genomic" view="Gene.symbol"><constraint path="Gene.symbol" op="=" value="eve" code="A"/></query>
   * ```
   */
  constructor(root: string, options: QueryOptions = {}) {
    if (typeof root !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(root)) {
      throw new ValidationError({ message: `a query root must be a class name, got ${JSON.stringify(root)}`, field: 'from' });
    }
    this.#model = options.model;
    if (this.#model) this.#model.getClass(root);
    this.root = root;
    this.modelName = options.model?.name ?? options.modelName ?? 'genomic';
    this.#summaryFields = options.summaryFields;
    this.#mine = options.mine;
  }

  /** The selected columns (absolute paths). */
  get views(): readonly string[] {
    return [...this.#views];
  }

  /** Every constraint (copies). */
  get constraints(): readonly PathConstraint[] {
    return this.#constraints.map((c) => ({ ...c, ...(c.values ? { values: [...c.values] } : {}), ...(c.ids ? { ids: [...c.ids] } : {}) }));
  }

  /** The joins (only outer joins matter; inner is the default). */
  get joins(): readonly Join[] {
    return this.#joins.map((j) => ({ ...j }));
  }

  /** The sort order. */
  get sortOrder(): readonly SortOrder[] {
    return this.#sort.map((s) => ({ ...s }));
  }

  /** The constraint logic as set (normalised), or `undefined` for the default (all ANDed). */
  get constraintLogic(): string | undefined {
    return this.#logic === undefined ? undefined : validateLogic(this.#logic, this.#codes());
  }

  /** The model this query validates against, when known. */
  get model(): Model | undefined {
    return this.#model;
  }

  #abs(path: string): string {
    if (typeof path !== 'string' || path.trim().length === 0) throw new ValidationError({ message: 'a path must be a non-empty string', field: 'path' });
    const p = path.trim();
    if (p === this.root || p.startsWith(`${this.root}.`)) return p;
    return `${this.root}.${p}`;
  }

  #subclasses(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const c of this.#constraints) if (c.type !== undefined && c.op === undefined) out[c.path] = c.type;
    return out;
  }

  #resolve(path: string): PathInfo | undefined {
    return this.#model?.resolvePath(path, this.#subclasses());
  }

  #codes(): string[] {
    return this.#constraints.filter((c) => c.code !== undefined).map((c) => c.code!);
  }

  #nextCode(): string {
    const used = new Set(this.#codes());
    for (let i = 0; i < 26; i++) {
      const code = String.fromCharCode(65 + i);
      if (!used.has(code)) return code;
    }
    throw new ValidationError({ message: 'a query can have at most 26 coded constraints (A..Z)', field: 'code' });
  }

  /**
   * Set the view (replaces the columns). Paths may be relative to the root; `x.*` selects the
   * summary fields of `x`, `x.**` every attribute.
   *
   * @example
   * ```ts
   * q.select('symbol', 'organism.name', 'pathways.*');
   * ```
   */
  select(...paths: (string | readonly string[])[]): this {
    this.#views = [];
    return this.addToSelect(...paths);
  }

  /**
   * Add columns to the view.
   *
   * @example
   * ```ts
   * q.addToSelect('length');
   * ```
   */
  addToSelect(...paths: (string | readonly string[])[]): this {
    for (const raw of paths.flat()) {
      const path = raw.trim() === '*' || raw.trim() === '**' ? `${this.root}.${raw.trim()}` : this.#abs(raw);
      const expanded = this.#tryExpand(path);
      for (const view of expanded) {
        if (!view.endsWith('*')) {
          const info = this.#resolve(view);
          if (info && !info.isAttribute) {
            throw new ValidationError({ message: `cannot select ${view}: it is a class, not an attribute (select ${view}.* or one of its fields)`, field: 'select' });
          }
        }
        if (!this.#views.includes(view)) this.#views.push(view);
      }
    }
    return this;
  }

  #tryExpand(path: string): string[] {
    if (!path.endsWith('.*') && !path.endsWith('.**')) return [path];
    if (!this.#model) return [path];
    const all = path.endsWith('.**');
    const base = path.slice(0, all ? -3 : -2);
    const info = this.#model.resolvePath(base, this.#subclasses());
    if (info.isAttribute) throw new ValidationError({ message: `cannot expand ${path}: ${base} is an attribute`, field: 'select' });
    const cls = this.#model.getClass(info.type);
    if (!all) {
      if (!this.#summaryFields) return [path];
      const summary = this.#summaryFields[cls.name];
      if (summary && summary.length > 0) return summary.map((s) => `${base}${s.slice(s.indexOf('.'))}`);
    }
    return Object.keys(cls.attributes)
      .filter((name) => name !== 'id')
      .map((name) => `${base}.${name}`);
  }

  /**
   * Add a constraint. Codes A..Z are assigned in order. Forms:
   * - `where(path, op, value?, extraValue?)` for every operator
   * - `where(path, { type: 'Subclass' })` for a subclass constraint
   * - `where(path, 'IN', { ids: [1, 2] })` for an id constraint
   * - `where(path, '=', { loopPath: 'Gene' })` (or `'IS'`) for a loop constraint
   *
   * @example
   * ```ts
   * q.where('symbol', 'ONE OF', ['eve', 'zen'])
   *  .where('Gene', 'LOOKUP', 'eve', 'D. melanogaster')
   *  .where('chromosomeLocation', 'OVERLAPS', ['2L:100..200'])
   *  .where('proteins', { type: 'Protein' });
   * ```
   */
  where(path: string, op: Operator | Lowercase<Operator>, value?: ConstraintValue, extraValue?: string): this;
  where(path: string, subclass: { type: string }): this;
  where(constraint: PathConstraint): this;
  where(pathOrConstraint: string | PathConstraint, op?: string | { type: string }, value?: ConstraintValue, extraValue?: string): this {
    if (typeof pathOrConstraint === 'object') return this.#addConstraint({ ...pathOrConstraint });
    const path = this.#abs(pathOrConstraint);
    if (typeof op === 'object' && op !== null) {
      if (typeof op.type !== 'string' || op.type.length === 0) throw new ValidationError({ message: `subclass constraint on ${path} needs a type`, field: 'type' });
      return this.#addConstraint({ path, type: op.type });
    }
    if (typeof op !== 'string') throw new ValidationError({ message: `where(${path}) needs an operator`, field: 'op' });
    const info = this.#resolve(path);
    const c = buildConstraint(path, op, value, extraValue, info ? !info.isAttribute : undefined);
    return this.#addConstraint(c);
  }

  #addConstraint(c: PathConstraint): this {
    c.path = this.#abs(c.path);
    if (c.op === undefined) {
      if (c.type === undefined) throw new ValidationError({ message: `constraint on ${c.path} needs an op or a type`, field: 'op' });
      delete c.code;
    } else {
      c.op = normaliseOperator(c.op);
      if (c.op === 'IS' || c.op === 'IS NOT') c.op = c.op === 'IS' ? '=' : '!=';
      if (c.code === undefined) c.code = this.#nextCode();
      else {
        if (!/^[A-Z]$/.test(c.code)) throw new ValidationError({ message: `constraint codes are single letters A..Z, got "${c.code}"`, field: 'code' });
        if (this.#codes().includes(c.code)) throw new ValidationError({ message: `constraint code ${c.code} is already used`, field: 'code' });
      }
    }
    if (c.loopPath !== undefined) c.loopPath = this.#abs(c.loopPath);
    if (this.#model) this.#checkConstraint(this.#model, c, [...this.#constraints, c]);
    this.#constraints.push(c);
    return this;
  }

  #checkConstraint(model: Model, c: PathConstraint, all: readonly PathConstraint[]): void {
    const subclasses: Record<string, string> = {};
    for (const x of all) if (x.type !== undefined && x.op === undefined) subclasses[x.path] = x.type;
    const kind = constraintKind(c);
    if (kind === 'subclass') {
      const without = { ...subclasses };
      delete without[c.path];
      const info = model.resolvePath(c.path, without);
      if (info.isAttribute) throw new ValidationError({ message: `subclass constraint on ${c.path}: it is an attribute, not a class`, field: 'type' });
      model.getClass(c.type!);
      if (!model.isA(c.type!, info.type)) {
        throw new ValidationError({ message: `subclass constraint: ${c.type} is not a subclass of ${info.type} (${c.path})`, field: 'type' });
      }
      return;
    }
    const info = model.resolvePath(c.path, subclasses);
    const op = c.op!;
    const where = `${c.path} ${op}`;
    const needClass = (what: string) => {
      if (info.isAttribute) throw new ValidationError({ message: `operator ${op} is not valid for ${c.path}: ${what} needs a class path, and ${c.path} is an attribute (${info.type})`, field: 'op' });
    };
    const needAttribute = (what: string) => {
      if (!info.isAttribute) throw new ValidationError({ message: `operator ${op} is not valid for ${c.path}: ${what} needs an attribute, and ${c.path} is a class (${info.type})`, field: 'op' });
    };
    switch (kind) {
      case 'null':
        return;
      case 'multi':
        needAttribute('ONE OF/NONE OF');
        if (isNumericType(info.type)) for (const v of c.values ?? []) checkNumber(v, info, where);
        return;
      case 'list':
      case 'ids':
      case 'lookup':
        needClass(kind === 'lookup' ? 'LOOKUP' : 'a list constraint');
        return;
      case 'type':
        needClass('ISA/ISNT');
        for (const v of c.values ?? []) {
          model.getClass(v);
          if (!model.isA(v, info.type)) throw new ValidationError({ message: `${where}: ${v} is not a kind of ${info.type}`, field: 'value' });
        }
        return;
      case 'range':
        needClass('a range constraint');
        return;
      case 'loop': {
        needClass('a loop constraint');
        const other = model.resolvePath(c.loopPath!, subclasses);
        if (other.isAttribute) throw new ValidationError({ message: `${where}: loop path ${c.loopPath} is an attribute`, field: 'value' });
        if (!model.isA(info.type, other.type) && !model.isA(other.type, info.type)) {
          throw new ValidationError({ message: `${where} ${c.loopPath}: ${info.type} and ${other.type} are unrelated classes`, field: 'value' });
        }
        return;
      }
      case 'value':
        if (!info.isAttribute) {
          throw new ValidationError({
            message: `operator ${op} is not valid for ${c.path}: it is a class (${info.type}); use LOOKUP, IN, a loop (= another class path) or a subclass constraint`,
            field: 'op',
          });
        }
        if (isNumericType(info.type) && ['=', '==', '!=', '!==', '<', '<=', '>', '>='].includes(op)) checkNumber(c.value ?? '', info, where);
        if ((op === 'LIKE' || op === 'NOT LIKE' || op === 'CONTAINS' || op === 'DOES NOT CONTAIN') && info.type !== 'java.lang.String') {
          throw new ValidationError({ message: `operator ${op} is not valid for ${c.path}: it needs a text attribute, and ${c.path} is ${info.type}`, field: 'op' });
        }
        return;
    }
  }

  /**
   * Outer-join a reference or collection: rows without a match are kept.
   *
   * @example
   * ```ts
   * q.outerJoin('pathways');
   * ```
   */
  outerJoin(...paths: string[]): this {
    for (const raw of paths) {
      const path = this.#abs(raw);
      const info = this.#resolve(path);
      if (info && (info.isAttribute || info.kind === 'root')) {
        throw new ValidationError({ message: `cannot join ${path}: only references and collections can be outer-joined`, field: 'join' });
      }
      if (path === this.root) throw new ValidationError({ message: 'the root class cannot be joined', field: 'join' });
      const existing = this.#joins.find((j) => j.path === path);
      if (existing) existing.style = 'OUTER';
      else this.#joins.push({ path, style: 'OUTER' });
    }
    return this;
  }

  /**
   * Make a join inner again (the default).
   *
   * @example
   * ```ts
   * q.innerJoin('pathways');
   * ```
   */
  innerJoin(...paths: string[]): this {
    for (const raw of paths) {
      const path = this.#abs(raw);
      this.#joins = this.#joins.filter((j) => j.path !== path);
    }
    return this;
  }

  /**
   * Add a sort key (ascending by default). Call repeatedly for secondary keys.
   *
   * @example
   * ```ts
   * q.orderBy('symbol').orderBy('length', 'desc');
   * ```
   */
  orderBy(path: string, direction: SortDirection | 'ASC' | 'DESC' = 'asc'): this {
    const abs = this.#abs(path);
    const dir = String(direction).toLowerCase();
    if (dir !== 'asc' && dir !== 'desc') throw new ValidationError({ message: `sort direction must be asc or desc, got ${String(direction)}`, field: 'orderBy' });
    const info = this.#resolve(abs);
    if (info && !info.isAttribute) throw new ValidationError({ message: `cannot sort on ${abs}: it is a class, not an attribute`, field: 'orderBy' });
    this.#sort = this.#sort.filter((s) => s.path !== abs);
    this.#sort.push({ path: abs, direction: dir });
    return this;
  }

  /**
   * Set the constraint logic, e.g. `A and (B or C)`. Only existing codes may appear
   * (subclass constraints have none); codes left out are ANDed on.
   *
   * @example
   * ```ts
   * q.where('symbol', '=', 'eve').where('symbol', '=', 'zen').logic('A or B');
   * ```
   */
  logic(expression: string): this {
    validateLogic(expression, this.#codes());
    this.#logic = expression;
    return this;
  }

  /**
   * A deep copy (still bound to the same mine).
   *
   * @example
   * ```ts
   * const page2 = q.clone().orderBy('length');
   * ```
   */
  clone(): Query {
    const q = new Query(this.root, {
      modelName: this.modelName,
      ...(this.#model ? { model: this.#model } : {}),
      ...(this.#summaryFields ? { summaryFields: this.#summaryFields } : {}),
      ...(this.#mine ? { mine: this.#mine } : {}),
    });
    q.#views = [...this.#views];
    q.#constraints = [...this.constraints];
    q.#joins = this.joins.map((j) => ({ ...j }));
    q.#sort = this.sortOrder.map((s) => ({ ...s }));
    q.#logic = this.#logic;
    q.name = this.name;
    q.title = this.title;
    q.description = this.description;
    return q;
  }

  /**
   * Check every path, operator and the logic against a model (the query's own by default).
   * Throws {@link ValidationError} with "did you mean" suggestions.
   *
   * @example
   * ```ts
   * new Query('Gene').select('symbl').validate(model); // ValidationError: … did you mean "symbol"?
   * ```
   */
  validate(model: Model | undefined = this.#model): this {
    if (!model) throw new ValidationError({ message: 'validate() needs a model', field: 'model' });
    model.getClass(this.root);
    const subclasses = this.#subclasses();
    if (this.#views.length === 0) throw new ValidationError({ message: 'the query selects no columns: call select()', field: 'select' });
    for (const c of this.#constraints) {
      const kind = constraintKind(c);
      // Forms written without the model: promote them now that the path type is known.
      if (kind === 'value' && (c.op === '=' || c.op === '!=' || c.op === 'CONTAINS' || c.op === 'DOES NOT CONTAIN') && c.value !== undefined) {
        const info = model.resolvePath(c.path, subclasses);
        if (!info.isAttribute) {
          if (c.op === '=' || c.op === '!=') {
            c.loopPath = this.#abs(c.value);
          } else {
            c.values = [c.value];
          }
          delete c.value;
        }
      }
      this.#checkConstraint(model, c, this.#constraints);
    }
    for (const view of this.#views) {
      if (view.endsWith('*')) throw new ValidationError({ message: `${view} has not been expanded (needs the model and summary fields)`, field: 'select' });
      const info = model.resolvePath(view, subclasses);
      if (!info.isAttribute) throw new ValidationError({ message: `cannot select ${view}: it is a class, not an attribute`, field: 'select' });
    }
    for (const j of this.#joins) {
      const info = model.resolvePath(j.path, subclasses);
      if (info.isAttribute || info.kind === 'root') throw new ValidationError({ message: `cannot join ${j.path}: not a reference or collection`, field: 'join' });
    }
    for (const s of this.#sort) {
      const info = model.resolvePath(s.path, subclasses);
      if (!info.isAttribute) throw new ValidationError({ message: `cannot sort on ${s.path}: it is a class`, field: 'orderBy' });
    }
    if (this.#logic !== undefined) validateLogic(this.#logic, this.#codes());
    return this;
  }

  /**
   * Expand `*` columns with a model and summary fields, in place.
   *
   * @example
   * ```ts
   * q.expandStars(model, await mine.summaryFields());
   * ```
   */
  expandStars(model: Model, summaryFields?: Record<string, string[]>): this {
    this.#model = model;
    if (summaryFields) this.#summaryFields = summaryFields;
    const views = this.#views;
    this.#views = [];
    for (const v of views) {
      for (const e of this.#tryExpand(v)) if (!this.#views.includes(e)) this.#views.push(e);
    }
    return this;
  }

  /** True when the view still has `*` columns to expand. */
  get hasStars(): boolean {
    return this.#views.some((v) => v.endsWith('*'));
  }

  /**
   * Serialise to PathQuery XML. Every attribute and value is XML-escaped (`<`, `>`, `&`,
   * quotes, control characters); Unicode is kept as is.
   *
   * @example
   * ```ts
   * new Query('Gene').select('length').where('length', '>', 5000).toXML();
   * // <query model="genomic" view="Gene.length"><constraint path="Gene.length" op="&gt;" value="5000" code="A"/></query>
   * ```
   */
  toXML(): string {
    if (this.#views.length === 0) throw new ValidationError({ message: 'the query selects no columns: call select()', field: 'select' });
    const stars = this.#views.filter((v) => v.endsWith('*'));
    if (stars.length > 0) {
      throw new ValidationError({ message: `cannot write ${stars.join(', ')} as XML before expansion: run the query through a mine or call expandStars(model, summaryFields)`, field: 'select' });
    }
    const children: string[] = [];
    for (const j of this.#joins) if (j.style === 'OUTER') children.push(writeElement('join', { path: j.path, style: 'OUTER' }));
    for (const c of this.#constraints) children.push(constraintXML(c));
    return writeElement(
      'query',
      {
        name: this.name,
        model: this.modelName,
        view: this.#views.join(' '),
        longDescription: this.description,
        title: this.title,
        sortOrder: this.#sort.length > 0 ? this.#sort.map((s) => `${s.path} ${s.direction}`).join(' ') : undefined,
        constraintLogic: this.constraintLogic,
      },
      children,
    );
  }

  /**
   * The JSON form (see {@link QueryJSON}).
   *
   * @example
   * ```ts
   * JSON.stringify(q); // uses toJSON()
   * ```
   */
  toJSON(): QueryJSON {
    const json: QueryJSON = {
      model: { name: this.modelName },
      from: this.root,
      select: [...this.#views],
      where: [...this.constraints],
      joins: this.#joins.filter((j) => j.style === 'OUTER').map((j) => j.path),
      orderBy: this.sortOrder.map((s) => ({ ...s })),
    };
    const logic = this.constraintLogic;
    if (logic !== undefined) json.constraintLogic = logic;
    if (this.name !== undefined) json.name = this.name;
    if (this.title !== undefined) json.title = this.title;
    if (this.description !== undefined) json.description = this.description;
    return json;
  }

  /**
   * Parse PathQuery XML (`<query>` or a `<template>` wrapping one).
   *
   * @example
   * ```ts
   * const q = Query.fromXML('<query model="genomic" view="Gene.symbol"><constraint path="Gene.length" op="&gt;" value="5000"/></query>');
   * q.constraints[0]; // { path: 'Gene.length', op: '>', value: '5000', code: 'A' }
   * ```
   */
  static fromXML(xml: string, options: QueryOptions = {}): Query {
    let el: XmlElement = parseXml(xml);
    let template: XmlElement | undefined;
    if (el.name === 'template') {
      template = el;
      const inner = el.children.find((c) => c.name === 'query');
      if (!inner) throw new ValidationError({ message: 'XML: <template> has no <query>', field: 'xml' });
      el = inner;
    }
    if (el.name !== 'query') throw new ValidationError({ message: `XML: expected <query>, found <${el.name}>`, field: 'xml' });
    const a = el.attributes;
    const views = (a.view ?? '').split(/\s+/).filter(Boolean);
    if (views.length === 0) throw new ValidationError({ message: 'XML: <query> has no view', field: 'xml' });
    const root = (views[0] ?? '').split('.')[0]!;
    const q = new Query(root, { ...options, ...(options.model ? {} : { modelName: a.model ?? 'genomic' }) });
    q.name = template?.attributes.name ?? a.name;
    q.title = template?.attributes.title ?? a.title;
    q.description = template?.attributes.longDescription ?? a.longDescription;
    const constraints: PathConstraint[] = [];
    for (const child of el.children) {
      if (child.name === 'join') {
        if ((child.attributes.style ?? 'INNER').toUpperCase() === 'OUTER' && child.attributes.path) q.#joins.push({ path: child.attributes.path, style: 'OUTER' });
      } else if (child.name === 'constraint') {
        constraints.push(constraintFromXML(child));
      } else if (child.name !== 'pathDescription') {
        throw new ValidationError({ message: `XML: unexpected <${child.name}> in <query>`, field: 'xml' });
      }
    }
    // Subclass constraints first so later paths resolve through the cast.
    for (const c of constraints.filter((x) => x.op === undefined)) q.#addConstraint(c);
    const coded = constraints.filter((x) => x.op !== undefined);
    for (const c of coded.filter((x) => x.code !== undefined)) q.#addConstraint(c);
    for (const c of coded.filter((x) => x.code === undefined)) q.#addConstraint(c);
    // Restore document order for coded constraints (codes were taken in two passes).
    q.#constraints.sort((x, y) => constraints.indexOf(x) - constraints.indexOf(y));
    q.addToSelect(views);
    if (a.sortOrder) q.#sort = parseSortOrder(a.sortOrder);
    if (a.constraintLogic) q.logic(a.constraintLogic);
    return q;
  }

  /**
   * Build a query from its JSON form, or from a template of `GET /templates?format=json`.
   *
   * @example
   * ```ts
   * const q = Query.fromJSON({ from: 'Gene', select: ['symbol'], where: [{ path: 'symbol', op: '=', value: 'eve' }] });
   * ```
   */
  static fromJSON(json: Partial<QueryJSON> & Record<string, unknown>, options: QueryOptions = {}): Query {
    const select = (json.select ?? (json as { view?: string[] }).view ?? []) as string[];
    const from = json.from ?? (json as { root?: string }).root ?? select[0]?.split('.')[0];
    if (!from) throw new ValidationError({ message: 'query JSON needs "from" or an absolute "select"', field: 'from' });
    const modelName = json.model?.name;
    const q = new Query(from, { ...options, ...(options.model || !modelName ? {} : { modelName }) });
    if (typeof json.name === 'string') q.name = json.name;
    if (typeof json.title === 'string') q.title = json.title;
    const description = json.description ?? (json as { longDescription?: string }).longDescription;
    if (typeof description === 'string' && description.length > 0) q.description = description;
    const where = (json.where ?? (json as { constraints?: unknown[] }).constraints ?? []) as Record<string, unknown>[];
    const constraints = where.map(constraintFromJSON);
    for (const c of constraints.filter((x) => x.op === undefined)) q.#addConstraint(c);
    for (const c of constraints.filter((x) => x.op !== undefined && x.code !== undefined)) q.#addConstraint(c);
    for (const c of constraints.filter((x) => x.op !== undefined && x.code === undefined)) q.#addConstraint(c);
    q.#constraints.sort((x, y) => constraints.indexOf(x) - constraints.indexOf(y));
    q.addToSelect(select);
    for (const j of (json.joins ?? []) as (string | { path: string; style?: string })[]) {
      if (typeof j === 'string') q.outerJoin(j);
      else if ((j.style ?? 'OUTER').toUpperCase() === 'OUTER') q.outerJoin(j.path);
    }
    for (const s of (json.orderBy ?? (json as { sortOrder?: unknown[] }).sortOrder ?? []) as (SortOrder | Record<string, string>)[]) {
      if ('path' in s && typeof s.path === 'string') q.orderBy(s.path, ((s as SortOrder).direction ?? 'asc').toLowerCase() as SortDirection);
      else for (const [path, dir] of Object.entries(s)) q.orderBy(path, String(dir).toLowerCase() as SortDirection);
    }
    if (typeof json.constraintLogic === 'string' && json.constraintLogic.trim().length > 0 && q.#codes().length > 0) q.logic(json.constraintLogic);
    return q;
  }

  // ─── running ─────────────────────────────────────────────────────────────

  #runner(): QueryRunner {
    if (!this.#mine) throw new ValidationError({ message: 'this query is not bound to a mine: create it with mine.query() or mine.load()', field: 'mine' });
    return this.#mine;
  }

  /** Expand stars, apply the model and validate; the copy that goes on the wire. @internal */
  async prepare(signal?: AbortSignal): Promise<Query> {
    const mine = this.#runner();
    const model = await mine.model(signal ? { signal } : {});
    const q = this.clone();
    q.#model = model;
    if (q.hasStars) q.expandStars(model, await mine.summaryFields(signal ? { signal } : {}));
    return q.validate(model);
  }

  /**
   * Stream result rows (arrays of cells, one per view column). The trailer is checked: a
   * failure reported after HTTP 200 throws mid-iteration. `pageSize` fetches in pages (a
   * stable sort on `<root>.id` is added when the query has no sort order).
   *
   * @example
   * ```ts
   * for await (const [symbol, length] of q.rows({ size: 100 })) console.log(symbol, length);
   * ```
   */
  rows<T extends Cell[] = Cell[]>(options: RowsOptions = {}): AsyncGenerator<T> {
    return this.#runner().runRows<T>(this, 'json', options);
  }

  /**
   * Stream result objects (`format=jsonobjects`): nested records with `class` and `objectId`.
   *
   * @example
   * ```ts
   * for await (const gene of q.records()) console.log(gene.symbol, gene.pathways);
   * ```
   */
  records<T = Record<string, unknown>>(options: RowsOptions = {}): AsyncGenerator<T> {
    return this.#runner().runRows<T>(this, 'jsonobjects', options);
  }

  /**
   * Count the result rows.
   *
   * @example
   * ```ts
   * const n = await q.count();
   * ```
   */
  count(options: CountOptions = {}): Promise<number> {
    return this.#runner().runCount(this, options);
  }

  /**
   * Tab-separated lines (`columnheaders` optional). A trailing `[ERROR] <code> <msg>` line throws.
   *
   * @example
   * ```ts
   * for await (const line of q.tsv({ headers: 'path' })) process.stdout.write(line + '\n');
   * ```
   */
  tsv(options: TextOptions = {}): AsyncGenerator<string> {
    return this.#runner().runText(this, 'tsv', options);
  }

  /**
   * Comma-separated lines.
   *
   * @example
   * ```ts
   * for await (const line of q.csv()) console.log(line);
   * ```
   */
  csv(options: TextOptions = {}): AsyncGenerator<string> {
    return this.#runner().runText(this, 'csv', options);
  }

  /**
   * FASTA lines for the sequence features of the query (no paging: the server ignores start/size).
   *
   * @example
   * ```ts
   * for await (const line of mine.query('Gene').select('primaryIdentifier').where('symbol', '=', 'eve').fasta()) console.log(line);
   * ```
   */
  fasta(options: TextOptions = {}): AsyncGenerator<string> {
    return this.#runner().runText(this, 'fasta', options);
  }

  /**
   * GFF3 lines.
   *
   * @example
   * ```ts
   * for await (const line of q.gff3()) console.log(line);
   * ```
   */
  gff3(options: TextOptions = {}): AsyncGenerator<string> {
    return this.#runner().runText(this, 'gff3', options);
  }

  /**
   * BED lines.
   *
   * @example
   * ```ts
   * for await (const line of q.bed()) console.log(line);
   * ```
   */
  bed(options: TextOptions = {}): AsyncGenerator<string> {
    return this.#runner().runText(this, 'bed', options);
  }

  /**
   * Summarise one column: value counts, or min/max/average/stdev for numbers.
   *
   * @example
   * ```ts
   * const s = await q.summarise('length'); // { kind: 'numeric', min, max, average, stdev, uniqueValues }
   * ```
   */
  summarise(path: string, options: CountOptions & { filter?: string; size?: number } = {}): Promise<ColumnSummary> {
    return this.#runner().runSummary(this, this.#abs(path), options);
  }

  /**
   * Save the query's objects as a list (`POST /query/tolist`). The view must be one `id` column
   * or is reduced to `<root>.id`.
   *
   * @example
   * ```ts
   * const list = await q.saveAsList({ name: 'eve-pathways', description: 'from a query' });
   * ```
   */
  saveAsList(options: ListFromQueryOptions): Promise<InterMineList> {
    return this.#runner().runToList(this, options);
  }
}

function checkNumber(value: string, info: PathInfo, where: string): void {
  if (value.trim() === '' || !Number.isFinite(Number(value))) {
    throw new ValidationError({ message: `${where}: "${value}" is not a number, and ${info.path} is ${info.type}`, field: 'value' });
  }
}

function constraintXML(c: PathConstraint): string {
  const children = (c.values ?? []).map((v) => writeTextElement('value', v));
  return writeElement(
    'constraint',
    {
      path: c.path,
      type: c.type,
      op: c.op,
      value: c.value,
      extraValue: c.extraValue,
      loopPath: c.loopPath,
      ids: c.ids ? c.ids.join(', ') : undefined,
      code: c.code,
      editable: c.editable === undefined ? undefined : String(c.editable),
      switchable: c.switchable,
      description: c.description,
      identifier: c.identifier,
    },
    children,
  );
}

function constraintFromXML(el: XmlElement): PathConstraint {
  const a = el.attributes;
  if (!a.path) throw new ValidationError({ message: 'XML: <constraint> without a path', field: 'xml' });
  const c: PathConstraint = { path: a.path };
  if (a.op !== undefined) c.op = a.op;
  if (a.type !== undefined) c.type = a.type;
  if (a.value !== undefined) c.value = a.value;
  if (a.extraValue !== undefined && a.extraValue !== '') c.extraValue = a.extraValue;
  if (a.loopPath !== undefined) c.loopPath = a.loopPath;
  if (a.code !== undefined) c.code = a.code;
  if (a.ids !== undefined) {
    c.ids = a.ids
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map(Number);
    if (c.ids.some((n) => !Number.isInteger(n))) throw new ValidationError({ message: `XML: bad ids "${a.ids}"`, field: 'xml' });
  }
  const values = el.children.filter((x) => x.name === 'value').map((x) => x.text);
  if (values.length > 0) c.values = values;
  const editable = boolAttr(a.editable);
  if (editable !== undefined) c.editable = editable;
  const switchable = switchableOf(a.switchable);
  if (switchable !== undefined) c.switchable = switchable;
  if (a.description !== undefined) c.description = a.description;
  if (a.identifier !== undefined) c.identifier = a.identifier;
  return c;
}

function constraintFromJSON(raw: Record<string, unknown>): PathConstraint {
  if (typeof raw.path !== 'string') throw new ValidationError({ message: 'constraint JSON without a path', field: 'where' });
  const c: PathConstraint = { path: raw.path };
  if (typeof raw.op === 'string') c.op = raw.op;
  if (typeof raw.type === 'string') c.type = raw.type;
  if (Array.isArray(raw.values)) c.values = raw.values.map(String);
  else if (Array.isArray(raw.value)) c.values = raw.value.map(String);
  else if (raw.value !== undefined && raw.value !== null) c.value = String(raw.value);
  const extra = raw.extraValue ?? raw.extra;
  if (extra !== undefined && extra !== null && extra !== '') c.extraValue = String(extra);
  if (typeof raw.loopPath === 'string') c.loopPath = raw.loopPath;
  if (Array.isArray(raw.ids)) c.ids = raw.ids.map(Number);
  if (typeof raw.code === 'string') c.code = raw.code;
  if (typeof raw.editable === 'boolean') c.editable = raw.editable;
  if (raw.switchable === false) c.switchable = 'locked';
  else if (raw.switchable === true) c.switchable = switchableOf(raw.switched) === 'off' ? 'off' : 'on';
  else {
    const s = switchableOf(raw.switchable ?? raw.switched);
    if (s !== undefined) c.switchable = s;
  }
  if (typeof raw.description === 'string') c.description = raw.description;
  if (typeof raw.identifier === 'string') c.identifier = raw.identifier;
  return c;
}

function parseSortOrder(text: string): SortOrder[] {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  const out: SortOrder[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const path = tokens[i]!;
    if (SORT_WORD.test(path)) throw new ValidationError({ message: `XML: bad sortOrder "${text}"`, field: 'xml' });
    const next = tokens[i + 1];
    let direction: SortDirection = 'asc';
    if (next !== undefined && SORT_WORD.test(next)) {
      direction = next.toLowerCase() as SortDirection;
      i++;
    }
    out.push({ path, direction });
  }
  return out;
}
