// Seed data → simulator state, checked field by field: anything that does not fit MOLGENIS's
// shapes is a ValidationError naming the field (`seed.entities.people.rows[2].age`).
import { ValidationError } from '@bio/core-http';
import { MULTI_TYPES, REFERENCE_TYPES, storedValue } from './values.js';
import type { MolgenisSeed, SeedEntity, SimAttribute, SimEntity, SimFieldType, SimRow, SimulatedUser } from './types.js';

const FIELD_TYPES: ReadonlySet<string> = new Set<SimFieldType>([
  'STRING',
  'TEXT',
  'HTML',
  'HYPERLINK',
  'EMAIL',
  'SCRIPT',
  'INT',
  'LONG',
  'DECIMAL',
  'BOOL',
  'DATE',
  'DATE_TIME',
  'ENUM',
  'XREF',
  'CATEGORICAL',
  'MREF',
  'CATEGORICAL_MREF',
  'ONE_TO_MANY',
  'FILE',
]);
const NAME = /^[A-Za-z_][A-Za-z0-9_#-]*$/;

function fail(field: string, message: string): never {
  throw new ValidationError({ message: `${field}: ${message}`, field });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') fail(field, 'must be a string');
  return value;
}

function optionalBoolean(value: unknown, field: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') fail(field, 'must be a boolean');
  return value;
}

function attributeOf(name: string, raw: unknown, isId: boolean, field: string): SimAttribute {
  if (!isObject(raw)) fail(field, 'must be an object such as { fieldType: "STRING" }');
  const fieldType = raw.fieldType;
  if (typeof fieldType !== 'string' || !FIELD_TYPES.has(fieldType)) fail(`${field}.fieldType`, `must be one of ${[...FIELD_TYPES].join(', ')}`);
  const refEntity = optionalString(raw.refEntity, `${field}.refEntity`);
  if ((REFERENCE_TYPES.has(fieldType) && fieldType !== 'FILE') !== (refEntity !== undefined)) {
    fail(`${field}.refEntity`, REFERENCE_TYPES.has(fieldType) ? `is required for ${fieldType}` : `is only for reference types, not ${fieldType}`);
  }
  const mappedBy = optionalString(raw.mappedBy, `${field}.mappedBy`);
  if ((fieldType === 'ONE_TO_MANY') !== (mappedBy !== undefined))
    fail(`${field}.mappedBy`, fieldType === 'ONE_TO_MANY' ? 'is required for ONE_TO_MANY' : 'is only for ONE_TO_MANY');
  const enumOptions = raw.enumOptions;
  if (fieldType === 'ENUM' && (!Array.isArray(enumOptions) || enumOptions.length === 0 || !enumOptions.every((o) => typeof o === 'string'))) {
    fail(`${field}.enumOptions`, 'ENUM needs a non-empty list of strings');
  }
  const auto = optionalBoolean(raw.auto, `${field}.auto`) ?? false;
  if (auto && !isId) fail(`${field}.auto`, 'only the id attribute can be auto');
  if (isId && (REFERENCE_TYPES.has(fieldType) || fieldType === 'BOOL' || fieldType === 'DECIMAL' || fieldType === 'DATE' || fieldType === 'DATE_TIME')) {
    fail(`${field}.fieldType`, `${fieldType} cannot be an id attribute (STRING, INT, LONG, EMAIL, HYPERLINK)`);
  }
  const nillable = optionalBoolean(raw.nillable, `${field}.nillable`) ?? !isId;
  if (isId && nillable) fail(`${field}.nillable`, 'the id attribute cannot be nillable');
  return {
    name,
    fieldType: fieldType as SimFieldType,
    label: optionalString(raw.label, `${field}.label`) ?? name,
    description: optionalString(raw.description, `${field}.description`),
    nillable,
    auto,
    readOnly: optionalBoolean(raw.readOnly, `${field}.readOnly`) ?? isId,
    unique: optionalBoolean(raw.unique, `${field}.unique`) ?? isId,
    refEntity,
    mappedBy,
    enumOptions: fieldType === 'ENUM' ? [...(enumOptions as string[])] : undefined,
  };
}

function entityOf(name: string, raw: unknown, anonymousRead: boolean, field: string): { entity: SimEntity; rows: unknown } {
  if (!NAME.test(name)) fail(field, 'an entity type id has letters, digits, _ and # only, and does not start with a digit');
  if (!isObject(raw)) fail(field, 'must be { meta, rows }');
  const meta = raw.meta;
  if (!isObject(meta)) fail(`${field}.meta`, 'must be an object with idAttribute and attributes');
  const idAttribute = meta.idAttribute;
  if (typeof idAttribute !== 'string' || idAttribute === '') fail(`${field}.meta.idAttribute`, 'must name one of the attributes');
  if (!isObject(meta.attributes) || Object.keys(meta.attributes).length === 0) fail(`${field}.meta.attributes`, 'must map attribute names to { fieldType, … }');
  if (!(idAttribute in meta.attributes)) fail(`${field}.meta.idAttribute`, `"${idAttribute}" is not one of the attributes`);
  const attributes = Object.entries(meta.attributes).map(([attr, def]) => {
    if (!NAME.test(attr)) fail(`${field}.meta.attributes.${attr}`, 'not a valid attribute name');
    return attributeOf(attr, def, attr === idAttribute, `${field}.meta.attributes.${attr}`);
  });
  const labelAttribute = optionalString(meta.labelAttribute, `${field}.meta.labelAttribute`) ?? idAttribute;
  if (!attributes.some((a) => a.name === labelAttribute)) fail(`${field}.meta.labelAttribute`, `"${labelAttribute}" is not one of the attributes`);
  const isPrivate = optionalBoolean(raw.private, `${field}.private`);
  if (raw.rows !== undefined && !Array.isArray(raw.rows)) fail(`${field}.rows`, 'must be an array of rows');
  return {
    entity: {
      meta: {
        name,
        label: optionalString(meta.label, `${field}.meta.label`) ?? name,
        description: optionalString(meta.description, `${field}.meta.description`),
        package: optionalString(meta.package, `${field}.meta.package`) ?? 'base',
        idAttribute,
        labelAttribute,
        attributes,
      },
      rows: new Map(),
      anonymousRead: isPrivate === undefined ? anonymousRead : !isPrivate,
    },
    rows: raw.rows ?? [],
  };
}

/**
 * Turn seed entity types into simulator entities, checking every attribute, reference and row.
 * `existing` are entity types already there (the built-in ones), which the seed may reference.
 */
export function seedEntities(
  entities: Record<string, SeedEntity> | undefined,
  existing: Map<string, SimEntity>,
  anonymousRead: boolean,
  prefix = 'seed.entities',
): Map<string, SimEntity> {
  const result = new Map(existing);
  if (entities === undefined) return result;
  if (!isObject(entities)) fail(prefix, 'must map entity type ids to { meta, rows }');
  const pending: [SimEntity, unknown, string][] = [];
  for (const [name, raw] of Object.entries(entities)) {
    const field = `${prefix}.${name}`;
    const { entity, rows } = entityOf(name, raw, anonymousRead, field);
    result.set(name, entity);
    pending.push([entity, rows, field]);
  }
  for (const [entity, , field] of pending) {
    for (const attr of entity.meta.attributes) {
      if (attr.refEntity === undefined) continue;
      const ref = result.get(attr.refEntity);
      if (ref === undefined) fail(`${field}.meta.attributes.${attr.name}.refEntity`, `unknown entity type "${attr.refEntity}"`);
      if (attr.mappedBy !== undefined && ref.meta.attributes.find((a) => a.name === attr.mappedBy)?.fieldType !== 'XREF') {
        fail(`${field}.meta.attributes.${attr.name}.mappedBy`, `"${attr.mappedBy}" is not an XREF attribute of ${attr.refEntity}`);
      }
    }
  }
  for (const [entity, rows, field] of pending) {
    (rows as unknown[]).forEach((raw, i) => {
      const rowField = `${field}.rows[${i}]`;
      if (!isObject(raw)) fail(rowField, 'must be an object of attribute values');
      const row: SimRow = {};
      for (const key of Object.keys(raw))
        if (!entity.meta.attributes.some((a) => a.name === key)) fail(`${rowField}.${key}`, `unknown attribute of ${entity.meta.name}`);
      for (const attr of entity.meta.attributes) {
        if (attr.fieldType === 'ONE_TO_MANY') continue;
        const stored = storedValue(attr, raw[attr.name]);
        if ('problem' in stored) fail(`${rowField}.${attr.name}`, stored.problem);
        if (stored.value === null && !attr.nillable) fail(`${rowField}.${attr.name}`, `${attr.name} of ${entity.meta.name} cannot be empty`);
        row[attr.name] = stored.value;
      }
      const id = String(row[entity.meta.idAttribute]);
      if (entity.rows.has(id)) fail(`${rowField}.${entity.meta.idAttribute}`, `duplicate id "${id}"`);
      entity.rows.set(id, row);
    });
  }
  for (const [entity, , field] of pending) {
    let i = 0;
    for (const row of entity.rows.values()) {
      for (const attr of entity.meta.attributes) {
        if (attr.refEntity === undefined || attr.fieldType === 'ONE_TO_MANY') continue;
        const value = row[attr.name];
        const ids = value === null ? [] : MULTI_TYPES.has(attr.fieldType) ? (value as string[]) : [value as string];
        const ref = result.get(attr.refEntity) as SimEntity;
        for (const id of ids) if (!ref.rows.has(id)) fail(`${field}.rows[${i}].${attr.name}`, `no ${attr.refEntity} row with id "${id}"`);
      }
      i++;
    }
  }
  return result;
}

/** Check the seed's users (`seed.users.<name>`). */
export function seedUsers(users: MolgenisSeed['users']): [string, SimulatedUser][] {
  if (users === undefined) return [];
  if (!isObject(users)) fail('seed.users', 'must map usernames to { password, … }');
  return Object.entries(users).map(([name, user]) => {
    const field = `seed.users.${name}`;
    if (!isObject(user) || typeof user.password !== 'string' || user.password === '') fail(`${field}.password`, 'must be a non-empty string');
    optionalString(user.firstname, `${field}.firstname`);
    optionalString(user.lastname, `${field}.lastname`);
    optionalBoolean(user.twoFactor, `${field}.twoFactor`);
    optionalBoolean(user.passwordReset, `${field}.passwordReset`);
    return [name, { ...(user as unknown as SimulatedUser) }];
  });
}

/** Check a whole seed object (its top-level fields). */
export function checkSeed(seed: unknown): MolgenisSeed {
  if (seed === undefined) return {};
  if (!isObject(seed)) fail('seed', 'must be { entities?, users? }');
  for (const key of Object.keys(seed)) if (key !== 'entities' && key !== 'users') fail(`seed.${key}`, 'unknown field (expected entities or users)');
  return seed as MolgenisSeed;
}
