// The newer Data API (`GET /api/data/E`, `GET /api/data/E/<id>`), an ApiController: its
// refusals are RFC 7807 problem+json, unlike the classic v1/v2 controllers.
import { json, problem } from './http.js';
import { unknownEntityProblem } from './metadata.js';
import type { MolgenisSimulatorState, SimEntity, SimRow } from './types.js';
import { REFERENCE_TYPES, referencedIds } from './values.js';

function dataOf(state: MolgenisSimulatorState, entity: SimEntity, row: SimRow): SimRow {
  const data: SimRow = {};
  for (const attr of entity.meta.attributes) {
    if (REFERENCE_TYPES.has(attr.fieldType)) {
      const ids = referencedIds(state, entity, attr, row);
      data[attr.name] = ['MREF', 'CATEGORICAL_MREF', 'ONE_TO_MANY'].includes(attr.fieldType) ? ids : (ids[0] ?? null);
    } else data[attr.name] = row[attr.name] ?? null;
  }
  return data;
}

/** `GET /api/data/E[/<id>]`. */
export function dataApi(state: MolgenisSimulatorState, name: string, id: string | undefined, url: URL): Response {
  const entity = state.entities.get(name);
  const base = `${url.origin}/api/data/${encodeURIComponent(name)}`;
  if (entity === undefined) unknownEntityProblem(name, url.pathname);
  if (id !== undefined) {
    const row = entity.rows.get(id);
    if (row === undefined) {
      throw problem(404, {
        type: 'http://molgenis.org/problems/unknown-entity',
        title: 'Unknown entity',
        detail: `Unknown entity with '${entity.meta.idAttribute}' '${id}' of type '${entity.meta.label}'.`,
        instance: url.pathname,
        errorCode: 'D02',
      });
    }
    return json({ links: { self: `${base}/${encodeURIComponent(id)}` }, data: dataOf(state, entity, row) });
  }
  const size = Math.min(Number(url.searchParams.get('size') ?? 100) || 100, 10_000);
  const page = Math.max(0, Number(url.searchParams.get('page') ?? 0) || 0);
  const rows = [...entity.rows.entries()];
  return json({
    links: { self: `${base}${url.search}` },
    items: rows
      .slice(page * size, page * size + size)
      .map(([key, row]) => ({ links: { self: `${base}/${encodeURIComponent(key)}` }, data: dataOf(state, entity, row) })),
    page: { size, totalElements: rows.length, totalPages: Math.ceil(rows.length / size), number: page },
  });
}
