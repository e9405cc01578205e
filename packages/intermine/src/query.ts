import { ValidationError } from '@bio/core-http';
import { buildConstraint, type ConstraintValue, normaliseOperator, type Operator, type PathConstraint } from './constraints.js';
import { validateLogic } from './logic.js';
import type { Model, PathInfo } from './model.js';
import type { CheckedPaths, RowOf } from './model-types.js';
import type { Cell } from './cell.js';
import { checkConstraint, checkQueryPaths, promoteConstraint, subclassesOf } from './query-check.js';
import { readQueryJSON, readQueryXML, writeQueryXML } from './query-codec.js';
import type { Join, QueryJSON, SortDirection, SortOrder } from './query-types.js';

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
  model?: Model | undefined;
  /** Model name for the XML when no model is given. Default `genomic`. */
  modelName?: string | undefined;
  /** Summary fields (`/summaryfields`), used to expand `*` right away when the model is known too. */
  summaryFields?: Record<string, string[]> | undefined;
}

/**
 * A PathQuery: a root class, selected columns (the view), constraints with codes A..Z and
 * optional logic, outer joins and a sort order. A query is data: the mine runs it
 * (`mine.rows(q)`, `mine.count(q)`, …). One serializer writes the XML; every attribute and
 * value is escaped.
 *
 * @example
 * ```ts
 * const q = mine.query('Gene')
 *   .select('symbol', 'pathways.*')
 *   .where('Gene', 'IN', 'demo-list')
 *   .where('length', '>', 5000)
 *   .outerJoin('pathways')
 *   .orderBy('symbol', 'asc');
 * for await (const row of mine.rows(q)) console.log(row);
 * ```
 */
export class Query<M = unknown, R extends string = string, Row extends Cell[] = Cell[]> {
  /**
   * Compile time only (never set): the row type of a typed query (`mine.query<FlyMine, 'Gene'>('Gene')`),
   * which `mine.rows()` gives its rows.
   */
  declare readonly rowType?: Row;
  /** Compile time only (never set): the model types and root of a typed query. */
  declare readonly modelTypes?: { model: M; root: R };
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
  /** Display names of paths (`<pathDescription>`), by path; kept on every round trip. */
  pathDescriptions: Record<string, string> = {};
  #views: string[] = [];
  #constraints: PathConstraint[] = [];
  #joins: Join[] = [];
  #sort: SortOrder[] = [];
  #logic: string | undefined;
  #model: Model | undefined;
  #summaryFields: Record<string, string[]> | undefined;

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
    return subclassesOf(this.#constraints);
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
  select<const P extends readonly (string | readonly string[])[]>(
    ...paths: unknown extends M ? P : CheckedPaths<M, R, P>
  ): unknown extends M ? this : Query<M, R, RowOf<M, R, P>> {
    this.#views = [];
    this.addToSelect(...(paths as readonly (string | readonly string[])[]));
    return this as unknown as unknown extends M ? this : Query<M, R, RowOf<M, R, P>>;
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
            throw new ValidationError({
              message: `cannot select ${view}: it is a class, not an attribute (select ${view}.* or one of its fields)`,
              field: 'select',
            });
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
   * - `where(path, '=', { loopPath: 'Gene' })` (or `where(path, 'IS', 'Gene')`) for a loop constraint
   *
   * A string after `=`/`!=` is always a value, never read as a path: a loop is written with
   * `{ loopPath }` or `IS`/`IS NOT`. Range operators (`OVERLAPS`, `WITHIN`, …) are sent for any
   * path; the mine decides which types take them and answers with its own error otherwise.
   *
   * @example
   * ```ts
   * q.where('symbol', 'ONE OF', ['eve', 'zen'])
   *  .where('Gene', 'LOOKUP', 'eve', 'D. melanogaster')
   *  .where('chromosomeLocation', 'OVERLAPS', ['2L:100..200'])
   *  .where('organism.shortName', '=', 'D. melanogaster')
   *  .where('homologues.homologue', '!=', { loopPath: 'Gene' })
   *  .where('proteins', { type: 'Protein' });
   * ```
   */
  where(path: string, op: Operator | Lowercase<Operator>, value?: ConstraintValue, extraValue?: string): this;
  /** A subclass constraint: the objects at `path` are taken as the subclass `type` (no code letter is assigned). */
  where(path: string, subclass: { type: string }): this;
  /** Add a constraint given in its data form (as read from {@link QueryJSON} `where`). */
  where(constraint: PathConstraint): this;
  where(pathOrConstraint: string | PathConstraint, op?: string | { type: string }, value?: ConstraintValue, extraValue?: string): this {
    if (typeof pathOrConstraint === 'object') return this.#addConstraint({ ...pathOrConstraint });
    const path = this.#abs(pathOrConstraint);
    if (typeof op === 'object' && op !== null) {
      if (typeof op.type !== 'string' || op.type.length === 0)
        throw new ValidationError({ message: `subclass constraint on ${path} needs a type`, field: 'type' });
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
      // PathQueryHandler reads any <constraint> with a type as a subclass constraint and drops its op.
      if (c.type !== undefined)
        throw new ValidationError({ message: `constraint on ${c.path} has both an op and a type: give one (a type is a subclass constraint)`, field: 'type' });
      c.op = normaliseOperator(c.op);
      if (c.op === 'IS' || c.op === 'IS NOT') c.op = c.op === 'IS' ? '=' : '!=';
      if (c.code === undefined) c.code = this.#nextCode();
      else {
        if (!/^[A-Z]$/.test(c.code)) throw new ValidationError({ message: `constraint codes are single letters A..Z, got "${c.code}"`, field: 'code' });
        if (this.#codes().includes(c.code)) throw new ValidationError({ message: `constraint code ${c.code} is already used`, field: 'code' });
      }
    }
    if (c.loopPath !== undefined) c.loopPath = this.#abs(c.loopPath);
    if (this.#model) checkConstraint(this.#model, c, [...this.#constraints, c]);
    this.#constraints.push(c);
    return this;
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
    if (dir !== 'asc' && dir !== 'desc')
      throw new ValidationError({ message: `sort direction must be asc or desc, got ${String(direction)}`, field: 'orderBy' });
    const info = this.#resolve(abs);
    if (info && !info.isAttribute) throw new ValidationError({ message: `cannot sort on ${abs}: it is a class, not an attribute`, field: 'orderBy' });
    this.#sort = this.#sort.filter((s) => s.path !== abs);
    this.#sort.push({ path: abs, direction: dir });
    return this;
  }

  /**
   * Set the constraint logic, e.g. `A and (B or C)`. Only existing codes may appear
   * (subclass constraints have none), each as often as needed (`(A and B) or (A and C)`);
   * codes left out are ANDed on.
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
   * A deep copy.
   *
   * @example
   * ```ts
   * const sorted = q.clone().orderBy('length');
   * ```
   */
  clone(): Query {
    const q = new Query(this.root, {
      modelName: this.modelName,
      model: this.#model,
      summaryFields: this.#summaryFields,
    });
    q.#views = [...this.#views];
    q.#constraints = [...this.constraints];
    q.#joins = this.joins.map((j) => ({ ...j }));
    q.#sort = this.sortOrder.map((s) => ({ ...s }));
    q.#logic = this.#logic;
    q.name = this.name;
    q.title = this.title;
    q.description = this.description;
    q.pathDescriptions = { ...this.pathDescriptions };
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
      promoteConstraint(model, c, subclasses);
      checkConstraint(model, c, this.#constraints);
    }
    checkQueryPaths(model, { views: this.#views, joins: this.#joins, sort: this.#sort }, subclasses);
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
      throw new ValidationError({
        message: `cannot write ${stars.join(', ')} as XML before expansion: run the query through a mine or call expandStars(model, summaryFields)`,
        field: 'select',
      });
    }
    return writeQueryXML(this.toJSON());
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
    if (Object.keys(this.pathDescriptions).length > 0) json.pathDescriptions = { ...this.pathDescriptions };
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
    return Query.#build(readQueryXML(xml), options);
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
    return Query.#build(readQueryJSON(json), options);
  }

  static #build(json: QueryJSON, options: QueryOptions): Query {
    const q = new Query(json.from, { ...options, ...(options.model ? {} : { modelName: json.model.name }) });
    q.name = json.name;
    q.title = json.title;
    q.description = json.description;
    q.pathDescriptions = { ...json.pathDescriptions };
    const constraints = json.where;
    // Subclass constraints first so later paths resolve through the cast; then the coded ones, so
    // the uncoded take the codes left; then back to document order.
    for (const c of constraints.filter((x) => x.op === undefined)) q.#addConstraint(c);
    for (const c of constraints.filter((x) => x.op !== undefined && x.code !== undefined)) q.#addConstraint(c);
    for (const c of constraints.filter((x) => x.op !== undefined && x.code === undefined)) q.#addConstraint(c);
    q.#constraints.sort((x, y) => constraints.indexOf(x) - constraints.indexOf(y));
    q.addToSelect(json.select);
    q.outerJoin(...json.joins);
    for (const s of json.orderBy) q.orderBy(s.path, s.direction);
    if (json.constraintLogic !== undefined && q.#codes().length > 0) q.logic(json.constraintLogic);
    return q;
  }
}
