// Templates: `GET /templates?format=json` and `/template/results` (`name`, `constraintN`,
// `opN`, `valueN`, `extraN`, `codeN`, `format`, `start`, `size`). A run is the template's
// query with the given values, paired by path; an editable constraint left out is dropped when
// optional (switched ON or OFF) and refused when required (LOCKED).
import type { SimulatedRequest } from '@bio/core-http/testing';
import { readQueryJSON, writeQueryXML } from '../../query-codec.js';
import { requireUser } from './auth.js';
import { badRequest, multi, ok, params, Refusal, required } from './envelope.js';
import { listFromQuery, listInputName, queryIds } from './lists.js';
import { fixtureJson } from './model.js';
import { parseQuery, type SimConstraint, type SimQuery } from './pathquery.js';
import { answerQuery, inResultFormat, paging } from './results.js';
import { templatesFromUpload, templatesXml } from './xml-formats.js';
import type { InterMineSimulatorState } from './state.js';

interface TemplateWhere {
  path: string;
  op?: string;
  value?: string;
  values?: string[];
  extraValue?: string;
  code?: string;
  editable?: boolean;
  switched?: string;
  loopPath?: string;
  type?: string;
}

/** The mine's templates: the recorded `Gene_Pathways` and `Gene_Proteins`. */
export function builtInTemplates(): Record<string, Record<string, unknown>> {
  const recorded = fixtureJson<{ templates: Record<string, Record<string, unknown>> }>('templates/all.json').templates;
  return {
    ...recorded,
    Gene_Proteins: {
      name: 'Gene_Proteins',
      title: 'Gene --> Proteins',
      description: 'Show the proteins a gene encodes',
      comment: '',
      model: { name: 'genomic' },
      select: ['Gene.symbol', 'Gene.proteins.primaryIdentifier', 'Gene.proteins.primaryAccession', 'Gene.proteins.length'],
      where: [{ path: 'Gene', op: 'LOOKUP', value: 'eve', extraValue: 'D. melanogaster', code: 'A', editable: true, switchable: false, switched: 'LOCKED' }],
      orderBy: [{ 'Gene.proteins.primaryIdentifier': 'ASC' }],
      joins: [],
      constraintLogic: 'A',
    },
  };
}

/** One `constraintN`/`opN`/`valueN`/`extraN`/`codeN` group of a template run. */
interface ConstraintInput {
  path: string;
  op: string;
  values: string[];
  extra: string | null;
  code: string | null;
}

/** The most constraint groups a run may give (`PathQuery.MAX_CONSTRAINTS`, codes A to Z). */
const MAX_INPUTS = 25;

/** The request's constraint groups by path, checked as `Templates.parseConstraints` does. */
function constraintInputs(all: URLSearchParams): Map<string, ConstraintInput[]> {
  const byPath = new Map<string, ConstraintInput[]>();
  for (let i = 1; i <= MAX_INPUTS; i++) {
    const path = all.get(`constraint${i}`) ?? '';
    const op = all.get(`op${i}`) ?? '';
    const values = all.getAll(`value${i}`);
    const extra = all.get(`extra${i}`);
    const code = all.get(`code${i}`);
    if (!path && !op && values.length === 0 && !extra && !code) continue;
    const intro = `parameters were provided for constraint ${i}`;
    if (!path) badRequest(`${intro} but no path was provided to identify the constraint. Missing parameter: 'constraint${i}'.`);
    if (!op) badRequest(`${intro} but the operation was not specified. Missing parameter 'op${i}'.`);
    if (op !== 'IS NULL' && op !== 'IS NOT NULL' && values.length === 0) {
      badRequest(`${intro} but no values were provided, and ${op} requires at least one value. Missing parameter 'value${i}'.`);
    }
    byPath.set(path, [...(byPath.get(path) ?? []), { path, op, values, extra, code: code || null }]);
  }
  return byPath;
}

/**
 * The input for each editable constraint, as `Templates.getValuesFromInput` pairs them: by path,
 * and by code only where a path has several editable constraints. Inputs on paths with no editable
 * constraint are never read.
 */
function pairInputs(editable: TemplateWhere[], byPath: Map<string, ConstraintInput[]>): Map<TemplateWhere, ConstraintInput | undefined> {
  const paired = new Map<TemplateWhere, ConstraintInput | undefined>();
  for (const path of new Set(editable.map((w) => w.path))) {
    const onPath = editable.filter((w) => w.path === path);
    const inputs = byPath.get(path) ?? [];
    if (inputs.length > onPath.length) {
      badRequest(`There were more constraints specified  in the request than there are editable constraints for path ${path}.`);
    }
    if (onPath.length === 1) {
      paired.set(onPath[0]!, inputs[0]);
      continue;
    }
    if (inputs.some((i) => i.code === null)) {
      badRequest(
        `There are multiple editable constraintsfor path ${path} but codes weren't set.  If there is more than one constraint on a path you need to specify the corresponding constraint codes.`,
      );
    }
    for (const w of onPath) {
      const matching = inputs.filter((i) => i.code === w.code);
      if (matching.length > 1) {
        badRequest(
          `There was more than one constraint specified with code: ${w.code} in the request for path: ${path}  You should only provide one value per code.`,
        );
      }
      paired.set(w, matching[0]);
    }
  }
  return paired;
}

/**
 * The query of a template run with the request's values. A given value replaces the editable
 * constraint's; an editable constraint without one is dropped when optional (`switched` ON or
 * OFF) and refused when required (LOCKED, the default), as `checkAndAddValue` does.
 */
function templateQuery(template: Record<string, unknown>, inputs: Map<string, ConstraintInput[]>): SimQuery {
  const where = template.where as TemplateWhere[];
  const editable = where.filter((w) => w.editable === true && w.op !== undefined);
  const paired = pairInputs(editable, inputs);
  const constraints: SimConstraint[] = [];
  for (const w of where) {
    if (!paired.has(w)) {
      const { path, op, value, values = [], extraValue, code, loopPath, type } = w;
      constraints.push({ path, op, value, values, extraValue, code, loopPath, type });
      continue;
    }
    const g = paired.get(w);
    if (!g) {
      if (w.switched === 'ON' || w.switched === 'OFF') continue;
      const several = editable.filter((e) => e.path === w.path).length > 1;
      badRequest(
        `There isn't a specified constraint value and operation for path ${w.path}${several ? ` and code ${w.code}` : ''} in the request; this constraint is required.`,
      );
    }
    const multi = g.op === 'ONE OF' || g.op === 'NONE OF' || g.op === 'ISA';
    constraints.push({
      path: w.path,
      op: g.op,
      value: g.values[0],
      values: multi ? g.values : [],
      extraValue: g.extra ?? undefined,
      code: w.code,
      loopPath: w.loopPath,
      type: w.type,
    });
  }
  const select = template.select as string[];
  const orderBy = (template.orderBy as Record<string, string>[] | undefined) ?? [];
  const subclasses: Record<string, string> = {};
  for (const c of constraints) if (c.type !== undefined && c.op === undefined) subclasses[c.path] = c.type;
  const codes = new Set(constraints.map((c) => c.code));
  const logic = template.constraintLogic as string | undefined;
  return {
    root: select[0]!.split('.')[0]!,
    views: select,
    sortOrder: orderBy.flatMap((o) => Object.entries(o).map(([p, d]) => [p, d.toLowerCase() === 'desc' ? 'desc' : 'asc'] as [string, 'asc' | 'desc'])),
    outerJoins: (template.joins as string[] | undefined) ?? [],
    constraints,
    // Codes of switched-off constraints leave the logic.
    logic: logic
      ?.split(/\s+and\s+/i)
      .filter((part) => [...part.matchAll(/\b[A-Z]\b/g)].every((m) => codes.has(m[0])))
      .join(' and '),
    subclasses,
  };
}

/** Answer `/templates` and `/template/results`, or `undefined` for other paths. */
export function handleTemplates(request: SimulatedRequest, path: string, state: InterMineSimulatorState, user: string | undefined): Response | undefined {
  const all = params(request);
  if (path === 'templates' || path === 'templates/json' || path === 'templates/xml') {
    const visible = visibleTemplates(state, user);
    if (path === 'templates/xml' || all.get('format') === 'xml') {
      return new Response(templatesXml(visible), { status: 200, headers: { 'content-type': 'application/xml;charset=UTF-8' } });
    }
    return ok({ templates: visible });
  }
  const one = /^templates\/(.+)$/.exec(path)?.[1];
  if (one !== undefined) {
    const t = visibleTemplates(state, user)[decodeURIComponent(one)];
    if (!t) throw new Refusal(404, `There is no template called ${one}`);
    return ok({ template: t });
  }
  if (path === 'template/upload') {
    if (user === undefined) throw new Refusal(403, 'This request is not authenticated.');
    const xml = (request.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded') ? required(all, 'query') : request.text();
    for (const t of templatesFromUpload(xml)) {
      const name = String(t.name);
      const existing = state.templates[name];
      if (existing && existing[OWNER] !== user) badRequest(`A template called ${name} already exists`);
      verifyTemplate(t, state);
      state.templates[name] = { ...t, [OWNER]: user };
    }
    return ok({});
  }
  // As TemplateResultRequestParser reads a run: the name and the constraint groups, then the template.
  const run = (): SimQuery => {
    const name = all.get('name');
    if (!name) badRequest('Missing required parameter: name');
    const inputs = constraintInputs(all);
    const t = visibleTemplates(state, user)[name];
    if (!t) throw new Refusal(404, `You do not have access to a template called '${name}' in this mine.`);
    return templateQuery(t, inputs);
  };
  if (path === 'template/results') {
    return inResultFormat(all, request.headers.get('accept'), (format) => {
      paging(all);
      return answerQuery(run(), format, all, state, user);
    });
  }
  if (path === 'template/tolist') {
    const owner = requireUser(user);
    // ListInput.produceName reads `name` first, and here `name` is the template's: the mine names
    // the list after the template whatever `listName` says (the client uses /query/tolist instead).
    const listName = listInputName(all, state, owner, ['name', 'listName']);
    // TemplateToListService.getQuery: the new view (`path`) first, then the template run. The
    // service has no header attributes before the list is made, so its errors carry no list keys.
    const viewString = all.get('path') ?? '';
    if (viewString === '') badRequest('new view string is blank');
    const name = all.get('name');
    if (!name) badRequest('Missing required parameter: name');
    const inputs = constraintInputs(all);
    // TemplateManager.getUserOrGlobalTemplate answers null for a name it does not know, and
    // getQuery calls template.makePath on it: a NullPointerException, which WebService.sendError
    // answers as a 500 whose message outside dev mode is "Service failed. Please contact support."
    // (a JSON trailer alone: the list's header attributes are only set on success).
    const t = visibleTemplates(state, user)[name];
    if (!t) throw new Refusal(500, `NullPointerException: no template called ${name}`);
    const q = templateQuery(t, inputs);
    const r = state.store.model.resolve(viewString, q.subclasses);
    if (!r) badRequest('The new view string is not a valid path');
    // An attribute is only taken when it is the id (the view as given); a class gets `.id` appended.
    if (r.attribute && !viewString.endsWith('.id')) badRequest('The new view string refers to an attribute which is not the object id');
    const classPath = r.attribute ? viewString.slice(0, -3) : viewString;
    const ids = queryIds(state, q, classPath, owner);
    const type = state.store.model.resolve(classPath, q.subclasses)!.classes.at(-1)!;
    const list = listFromQuery(state, { name: listName, type, ids, owner, description: all.get('description') ?? undefined, tags: multi(all, 'tags') });
    // QueryToListService.setHeaderAttributes: listName and listId, then the size (no type).
    return ok({ listId: list.id, listName: list.name, listSize: list.ids.length });
  }
  return undefined;
}

/** Who uploaded a template (absent on the mine's own); never sent out. */
const OWNER = '__owner';

/** The mine's templates and the caller's own, as `/templates` lists them. */
function visibleTemplates(state: InterMineSimulatorState, user: string | undefined): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, t] of Object.entries(state.templates)) {
    if (t[OWNER] !== undefined && t[OWNER] !== user) continue;
    const { [OWNER]: _owner, ...rest } = t;
    out[name] = rest;
  }
  return out;
}

/** The server's check of an uploaded template: its query must be valid against the model. */
function verifyTemplate(t: Record<string, unknown>, state: InterMineSimulatorState): void {
  try {
    parseQuery(writeQueryXML(readQueryJSON(t)), state.store.model);
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/^XML is well formatted but query contains errors:\n/, '') : String(error);
    badRequest(`Template ${String(t.name)} contains errors: ${message.trim()}`);
  }
}
