// Deletes: `DELETE /api/v1/E/<id>` and `/api/v2/E/<id>` (one row), `DELETE /api/v1/E` (every
// row), `DELETE /api/v1/E/meta` (rows and entity type), `DELETE /api/v2/E` with
// `{"entityIds":[…]}` (≤ 1000, all or nothing). All answer 204.
import type { SimulatedRequest } from '@bio/core-http/testing';
import { classicError, empty } from './http.js';
import { rowOf } from './read.js';
import type { MolgenisSimulatorState, SimEntity } from './types.js';
import { MAX_ENTITIES, v2Body } from './write.js';

/**
 * Refuse deleting a row another row still references (MOLGENIS keeps references intact):
 * PostgreSqlExceptionTranslator's ValueReferencedException, code D22, a
 * DataConstraintViolationException that GlobalControllerExceptionHandler answers 400.
 */
function assertUnreferenced(state: MolgenisSimulatorState, entity: SimEntity, ids: ReadonlySet<string>): void {
  for (const other of state.entities.values()) {
    for (const attr of other.meta.attributes) {
      if (attr.refEntity !== entity.meta.name || attr.fieldType === 'ONE_TO_MANY') continue;
      for (const row of other.rows.values()) {
        const value = row[attr.name];
        const refs = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
        const hit = refs.find((r) => ids.has(String(r)));
        if (hit !== undefined && !(other === entity && ids.has(String(row[other.meta.idAttribute])))) {
          throw classicError(400, `Value '${String(hit)}' for attribute '${entity.meta.idAttribute}' is referenced by entity '${other.meta.name}'.`, 'D22');
        }
      }
    }
  }
}

/** `DELETE /api/v{1,2}/E/<id>`. */
export function deleteRow(state: MolgenisSimulatorState, entity: SimEntity, id: string): Response {
  rowOf(entity, id);
  assertUnreferenced(state, entity, new Set([id]));
  entity.rows.delete(id);
  return empty(204);
}

/** `DELETE /api/v1/E`: every row. */
export function deleteAllRows(state: MolgenisSimulatorState, entity: SimEntity): Response {
  assertUnreferenced(state, entity, new Set(entity.rows.keys()));
  entity.rows.clear();
  return empty(204);
}

/** `DELETE /api/v1/E/meta`: the rows and the entity type. */
export function deleteEntityType(state: MolgenisSimulatorState, entity: SimEntity): Response {
  for (const other of state.entities.values()) {
    if (other !== entity && other.meta.attributes.some((a) => a.refEntity === entity.meta.name)) {
      throw classicError(400, `Entity type '${entity.meta.name}' is referenced by entity type '${other.meta.name}'.`);
    }
  }
  state.entities.delete(entity.meta.name);
  return empty(204);
}

/** `DELETE /api/v2/E` with `{"entityIds":[…]}`. */
export function deleteList(state: MolgenisSimulatorState, entity: SimEntity, request: SimulatedRequest): Response {
  const ids = v2Body(request).entityIds;
  if (!Array.isArray(ids) || ids.length === 0) throw classicError(400, 'Please provide at least one entity in the entityIds property.');
  if (ids.length > MAX_ENTITIES) throw classicError(400, `Number of entity identifiers cannot be more than ${MAX_ENTITIES}.`);
  const keys = new Set(ids.map(String));
  for (const id of keys) rowOf(entity, id);
  assertUnreferenced(state, entity, keys);
  for (const id of keys) entity.rows.delete(id);
  return empty(204);
}
