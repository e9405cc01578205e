// Templates: `GET /templates?format=json` and `/template/results` (`name`, `constraintN`,
// `opN`, `valueN`, `extraN`, `codeN`, `format`, `start`, `size`). A run is the template's
// query with the given values; switched-off constraints stay off unless given.
import type { SimulatedRequest } from '@bio/core-http/testing';
import { readQueryJSON, writeQueryXML } from '../../query-codec.js';
import { requireUser } from './auth.js';
import { badRequest, multi, ok, params, Refusal, required } from './envelope.js';
import { makeList } from './lists.js';
import { fixtureJson } from './model.js';
import { evaluate, parseQuery, type SimConstraint, type SimQuery } from './pathquery.js';
import { answerQuery, listAccess } from './results.js';
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

/** The query of a template run with the request's values. */
function templateQuery(template: Record<string, unknown>, all: URLSearchParams): SimQuery {
  const given = new Map<string, { op: string | null; values: string[]; extra: string | null; path: string | null }>();
  for (let i = 1; all.has(`constraint${i}`) || all.has(`op${i}`) || all.has(`code${i}`); i++) {
    const key = all.get(`code${i}`) ?? all.get(`constraint${i}`) ?? '';
    given.set(key, { op: all.get(`op${i}`), values: all.getAll(`value${i}`), extra: all.get(`extra${i}`), path: all.get(`constraint${i}`) });
  }
  const constraints: SimConstraint[] = [];
  const used = new Set<string>();
  const select = template.select as string[];
  for (const w of template.where as TemplateWhere[]) {
    const g = (w.code !== undefined ? given.get(w.code) : undefined) ?? given.get(w.path);
    if (g) used.add(w.code ?? w.path);
    if (!g && w.switched === 'OFF') continue;
    if (g && w.editable === false) throw new Refusal(400, `Constraint ${w.code} (${w.path}) of template ${String(template.name)} is not editable`);
    const op = g?.op ?? w.op;
    const values = g ? g.values : (w.values ?? []);
    constraints.push({
      path: w.path,
      op,
      value: g ? g.values[0] : w.value,
      values: op === 'ONE OF' || op === 'NONE OF' || op === 'ISA' ? values : [],
      extraValue: g ? (g.extra ?? undefined) : w.extraValue,
      code: w.code,
      loopPath: w.loopPath,
      type: w.type,
    });
  }
  for (const key of given.keys()) if (!used.has(key)) throw new Refusal(400, `Template ${String(template.name)} has no editable constraint ${key}`);
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
  const template = (): Record<string, unknown> => {
    const name = required(all, 'name');
    const t = visibleTemplates(state, user)[name];
    if (!t) throw new Refusal(404, `There is no template called ${name}`);
    return t;
  };
  if (path === 'template/results') return answerQuery(templateQuery(template(), all), all, request.headers.get('accept'), state, user);
  if (path === 'template/tolist') {
    const owner = requireUser(user);
    const listName = required(all, 'listName', { listName: null });
    const q = templateQuery(template(), all);
    const classPath = required(all, 'path', { listName });
    const r = state.store.model.resolve(classPath, q.subclasses);
    if (!r || r.attribute) badRequest('The new view string is not a valid path', { listName });
    const rows = evaluate({ ...q, views: [`${classPath}.id`] }, state.store, listAccess(state, owner));
    const ids = [...new Set(rows.map((row) => row.objects.get(classPath)?.id).filter((id): id is number => id !== undefined))];
    const list = makeList(state, {
      name: listName,
      type: r.classes.at(-1)!,
      ids,
      owner,
      description: all.get('description') ?? undefined,
      tags: multi(all, 'tags'),
    });
    return ok({ listId: list.id, listName: list.name, type: list.type, listSize: list.ids.length });
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
