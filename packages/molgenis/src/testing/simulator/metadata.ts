// Entity and attribute metadata: v1 (`/api/v1/E/meta?expand=attributes`, `/api/v1/E/meta/attr`),
// v2 (the `meta` of collection answers, `/api/v2/E/meta/attr`) and the Metadata API v3
// (`/api/metadata/E`, problem+json errors).
import { classicError, json, problem, unknownAttribute } from './http.js';
import type { MolgenisSimulatorState, SimAttribute, SimEntity } from './types.js';
import { ORDERED_TYPES } from './values.js';

/** `EntityTypePermission`'s values (molgenis-data-security, EntityTypePermission.java), in declaration order. */
const ENTITY_TYPE_PERMISSIONS = [
  'READ_METADATA',
  'COUNT_DATA',
  'AGGREGATE_DATA',
  'READ_DATA',
  'ADD_DATA',
  'UPDATE_DATA',
  'DELETE_DATA',
  'UPDATE_METADATA',
  'DELETE_METADATA',
] as const;

/**
 * The entity type permissions of the request's user, as EntityTypeResponse (v1) and
 * EntityTypeResponseV2 send them: `UserPermissionEvaluatorImpl.getPermissions(identity,
 * EntityTypePermission.values())`, the values the user holds, written by Gson as their names.
 * The simulator's signed-in users may do everything (as the superuser, for whom
 * `hasPermission` is always true): all nine. Anonymous may read public entity types: the
 * `READ` permission set, which `DataPermissionConfig.registerPermissions` maps to
 * READ_METADATA, COUNT_DATA, AGGREGATE_DATA and READ_DATA. The server collects them in a
 * HashSet, so its order is unspecified; here it is the enum's.
 */
function entityTypePermissions(entity: SimEntity, user: string | undefined): string[] {
  if (user !== undefined) return [...ENTITY_TYPE_PERMISSIONS];
  return entity.anonymousRead ? ['READ_METADATA', 'COUNT_DATA', 'AGGREGATE_DATA', 'READ_DATA'] : [];
}

/** A referenced entity type: v1 links it; v2 describes it (EntityTypeResponseV2: its id and label attributes too). */
function refEntityOf(version: 'v1' | 'v2', attr: SimAttribute, lookup?: (name: string) => SimEntity | undefined): Record<string, unknown> {
  if (attr.refEntity === undefined) return {};
  const ref = encodeURIComponent(attr.refEntity);
  const target = version === 'v2' ? lookup?.(attr.refEntity) : undefined;
  const described =
    target === undefined
      ? {}
      : {
          label: target.meta.label,
          idAttribute: target.meta.idAttribute,
          labelAttribute: target.meta.labelAttribute,
          lookupAttributes: [...new Set([target.meta.idAttribute, target.meta.labelAttribute])],
        };
  return { refEntity: { href: `/api/${version}/${ref}/meta`, hrefCollection: `/api/${version}/${ref}`, name: attr.refEntity, ...described } };
}

function attributeBody(version: 'v1' | 'v2', entity: SimEntity, attr: SimAttribute, lookup?: (name: string) => SimEntity | undefined): Record<string, unknown> {
  const base = `/api/${version}/${encodeURIComponent(entity.meta.name)}/meta/${encodeURIComponent(attr.name)}`;
  const isId = attr.name === entity.meta.idAttribute;
  return {
    href: base,
    fieldType: attr.fieldType,
    name: attr.name,
    label: attr.label,
    ...(attr.description === undefined ? {} : { description: attr.description }),
    attributes: [],
    ...(attr.enumOptions === undefined ? {} : { enumOptions: attr.enumOptions }),
    auto: attr.auto,
    nillable: attr.nillable,
    readOnly: attr.readOnly,
    labelAttribute: attr.name === entity.meta.labelAttribute,
    unique: attr.unique,
    visible: true,
    ...(version === 'v1' ? { lookupAttribute: isId || attr.name === entity.meta.labelAttribute } : { lookupAttributeIndex: isId ? 0 : null }),
    isAggregatable: ORDERED_TYPES.has(attr.fieldType) || attr.fieldType === 'CATEGORICAL' || attr.fieldType === 'BOOL',
    ...(['STRING', 'EMAIL', 'HYPERLINK'].includes(attr.fieldType) ? { maxLength: 255 } : {}),
    ...refEntityOf(version, attr, lookup),
    ...(attr.mappedBy === undefined ? {} : { mappedBy: attr.mappedBy }),
  };
}

/**
 * The entity type as v1 and v2 both describe it, with `attributes` in the version's own form.
 * `writable` and `permissions` are the request user's: EntityTypeResponse's constructor (v1)
 * sets `writable` to (UPDATE_DATA or UPDATE_METADATA) and the repository's WRITABLE capability,
 * EntityTypeResponseV2's to UPDATE_DATA and that capability (every simulated entity type is
 * writable, so both come to UPDATE_DATA here); both set `permissions` from
 * `getPermissions(…, EntityTypePermission.values())` (see {@link entityTypePermissions}).
 */
function entityTypeBody(version: 'v1' | 'v2', entity: SimEntity, attributes: unknown, user: string | undefined): Record<string, unknown> {
  const name = encodeURIComponent(entity.meta.name);
  const permissions = entityTypePermissions(entity, user);
  return {
    href: version === 'v1' ? `/api/v1/${name}/meta` : `/api/v2/${name}`,
    hrefCollection: `/api/${version}/${name}`,
    name: entity.meta.name,
    label: entity.meta.label,
    ...(entity.meta.description === undefined ? {} : { description: entity.meta.description }),
    attributes,
    labelAttribute: entity.meta.labelAttribute,
    idAttribute: entity.meta.idAttribute,
    lookupAttributes: [...new Set([entity.meta.idAttribute, entity.meta.labelAttribute])],
    isAbstract: false,
    writable: permissions.includes('UPDATE_DATA'),
    languageCode: 'en',
    permissions,
  };
}

/** The keys of EntityTypeResponse (v1) that `?attributes=` selects, by the lower-case name it checks. */
const V1_ENTITY_SELECTABLE: Record<string, string> = {
  name: 'name',
  label: 'label',
  description: 'description',
  attributes: 'attributes',
  labelAttribute: 'labelattribute',
  idAttribute: 'idattribute',
  lookupAttributes: 'lookupattributes',
  isAbstract: 'abstract',
};

/**
 * The lower-case name AttributeResponse (v1) checks for a key of its answer; `href` and
 * `mappedBy` are always sent (undefined here).
 */
function v1AttributeSelector(key: string): string | undefined {
  if (key === 'href' || key === 'mappedBy') return undefined;
  return key === 'visible' ? 'isvisible' : key.toLowerCase();
}

/** `body` without the keys `selected` leaves out (Gson omits the fields the constructor left null). */
function pick(body: Record<string, unknown>, selectorOf: (key: string) => string | undefined, selected: ReadonlySet<string>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(body).filter(([key]) => {
      const selector = selectorOf(key);
      return selector === undefined || selected.has(selector);
    }),
  );
}

/**
 * What `GET /api/v1/E/meta` reads from its query, as RestController.retrieveEntityType binds it:
 * `attributes` (toAttributeSet: lower-cased names, none = all) and `expand` (toExpandMap:
 * `attributes` or `attributes[a;b]`, names lower-cased). Spring splits each value at commas.
 */
export interface V1MetaQuery {
  attributes?: ReadonlySet<string> | undefined;
  /** `expand=attributes`: undefined = not expanded, null = expanded in full, else only these fields. */
  expandAttributes?: ReadonlySet<string> | null | undefined;
}

/** Read {@link V1MetaQuery} from the request's parameters. */
export function v1MetaQuery(params: URLSearchParams): V1MetaQuery {
  const list = (name: string): string[] => params.getAll(name).flatMap((v) => (v === '' ? [] : v.split(',')));
  const attributes = list('attributes');
  const query: V1MetaQuery = {};
  if (attributes.length > 0) query.attributes = new Set(attributes.map((a) => a.toLowerCase()));
  for (const expand of list('expand')) {
    const match = /^([^[\]^]+)(?:\[(.+)\])?$/.exec(expand);
    // MolgenisDataException, which RestController's own @ExceptionHandler answers 400 (before any advice)
    if (match === null) throw classicError(400, `invalid expand value: ${expand}`);
    if ((match[1] as string).toLowerCase() !== 'attributes') continue;
    query.expandAttributes = match[2] === undefined ? null : new Set(match[2].split(';').map((a) => a.toLowerCase()));
  }
  return query;
}

/**
 * v1's EntityTypeResponse: attributes in full with `expand=attributes` (only the fields of
 * `attributes[a;b]`), else as `{href}`; `attributes=` keeps only the named fields, but `href`,
 * `hrefCollection`, `languageCode`, `writable` and `permissions` are always set. The `meta` of a
 * v1 collection is this unexpanded (EntityCollectionResponse builds it so).
 */
export function v1EntityTypeBody(entity: SimEntity, query: V1MetaQuery | boolean, user: string | undefined): Record<string, unknown> {
  const { attributes: selected, expandAttributes }: V1MetaQuery = typeof query === 'boolean' ? (query ? { expandAttributes: null } : {}) : query;
  const name = encodeURIComponent(entity.meta.name);
  const attributes: Record<string, unknown> = {};
  for (const attr of entity.meta.attributes) {
    if (expandAttributes === undefined) attributes[attr.name] = { href: `/api/v1/${name}/meta/${encodeURIComponent(attr.name)}` };
    else {
      const body = attributeBody('v1', entity, attr);
      attributes[attr.name] = expandAttributes === null ? body : pick(body, v1AttributeSelector, expandAttributes);
    }
  }
  const body = entityTypeBody('v1', entity, attributes, user);
  return selected === undefined ? body : pick(body, (key) => V1_ENTITY_SELECTABLE[key], selected);
}

/** `GET /api/v1/E/meta`. */
export function v1EntityMeta(entity: SimEntity, query: V1MetaQuery, user: string | undefined): Response {
  return json(v1EntityTypeBody(entity, query, user));
}

/**
 * `GET /api/v1/E/meta/attr` or `/api/v2/E/meta/attr`. An unknown attribute is v2's
 * UnknownAttributeException (404 D04), but v1 (RestController.getAttributePostInternal) throws
 * UnknownEntityTypeException for it: 404 D01 naming the entity type.
 */
export function attributeMeta(version: 'v1' | 'v2', entity: SimEntity, name: string): Response {
  const attr = entity.meta.attributes.find((a) => a.name === name);
  if (attr !== undefined) return json(attributeBody(version, entity, attr));
  if (version === 'v2') throw unknownAttribute(entity.meta.label, name);
  throw classicError(404, `Unknown entity type '${entity.meta.name}'.`, 'D01');
}

/** The `meta` of a v2 answer (`_meta` of a single row); only the selected attributes when `attrs` was given. */
export function v2EntityMeta(
  state: MolgenisSimulatorState,
  entity: SimEntity,
  user: string | undefined,
  selected?: (name: string) => boolean,
): Record<string, unknown> {
  const lookup = (name: string): SimEntity | undefined => state.entities.get(name);
  const attributes = entity.meta.attributes.filter((attr) => selected?.(attr.name) ?? true).map((attr) => attributeBody('v2', entity, attr, lookup));
  return entityTypeBody('v2', entity, attributes, user);
}

/** The problem+json 404 of the Metadata API for an unknown entity type. */
export function unknownEntityProblem(name: string, instance: string): never {
  throw problem(404, {
    type: 'http://molgenis.org/problems/unknown-entity-type',
    title: 'Unknown entity type',
    detail: `Unknown entity type '${name}'.`,
    instance,
    errorCode: 'D01',
  });
}

/** `GET /api/metadata/E?flattenAttributes=…` (Metadata API v3), the answer under `data`. */
export function v3Meta(entity: SimEntity | undefined, name: string, url: URL): Response {
  const instance = `/api/metadata/${encodeURIComponent(name)}`;
  if (entity === undefined) unknownEntityProblem(name, instance);
  const self = `${url.origin}${instance}`;
  return new Response(
    JSON.stringify({
      links: { self: `${self}${url.search}` },
      data: {
        id: entity.meta.name,
        package: { id: entity.meta.package, label: entity.meta.package.charAt(0).toUpperCase() + entity.meta.package.slice(1) },
        label: entity.meta.label,
        ...(entity.meta.description === undefined ? {} : { description: entity.meta.description }),
        abstract: false,
        attributes: {
          links: { self: `${self}/attributes` },
          items: entity.meta.attributes.map((attr, i) => ({
            data: {
              id: `${entity.meta.name}_${attr.name}`,
              name: attr.name,
              type: attr.fieldType.toLowerCase(),
              idAttribute: attr.name === entity.meta.idAttribute,
              labelAttribute: attr.name === entity.meta.labelAttribute,
              nullable: attr.nillable,
              auto: attr.auto,
              visible: true,
              unique: attr.unique,
              readOnly: attr.readOnly,
              sequenceNr: i,
              ...(attr.refEntity === undefined
                ? {}
                : // AttributeResponseData.refEntityType is a LinksResponse: `{ "self": … }`.
                  { refEntityType: { self: `${url.origin}/api/metadata/${encodeURIComponent(attr.refEntity)}` } }),
              ...(attr.mappedBy === undefined ? {} : { mappedByAttribute: attr.mappedBy }),
            },
          })),
        },
        idAttribute: entity.meta.idAttribute,
        labelAttribute: entity.meta.labelAttribute,
      },
    }),
    { status: 200, headers: { 'content-type': 'application/json' } },
  );
}
