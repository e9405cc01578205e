// Templates: `GET /templates?format=json` and `/template/results` (`name`, `constraintN`,
// `opN`, `valueN`, `extraN`, `codeN`, `format`, `start`, `size`). A run is the template's
// query with the given values; switched-off constraints stay off unless given.
import type { SimulatedRequest } from '@bio/core-http/testing';
import { ok, params, Refusal, required } from './envelope.js';
import { fixtureJson } from './model.js';
import type { SimConstraint, SimQuery } from './pathquery.js';
import { answerQuery } from './results.js';
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
  if (path === 'templates' || path === 'templates/json') return ok({ templates: state.templates });
  const one = /^templates\/(.+)$/.exec(path)?.[1];
  if (one !== undefined) {
    const t = state.templates[decodeURIComponent(one)];
    if (!t) throw new Refusal(404, `There is no template called ${one}`);
    return ok({ template: t });
  }
  if (path === 'template/results') {
    const all = params(request);
    const name = required(all, 'name');
    const template = state.templates[name];
    if (!template) throw new Refusal(404, `There is no template called ${name}`);
    return answerQuery(templateQuery(template, all), all, request.headers.get('accept'), state, user);
  }
  return undefined;
}
