// Lists: `GET|POST|DELETE /lists`, `/lists/append`, `/lists/rename`, `/list/tags`, the set
// operations (`/lists/union|intersect|diff|subtract`) and `/query/tolist`, `/query/append/tolist`.
// Reading public lists is open; every write needs a logged-in caller.
import type { SimulatedRequest } from '@bio/core-http/testing';
import { requireUser } from './auth.js';
import { badRequest, headerValue, multi, ok, params, Refusal, required } from './envelope.js';
import { evaluate, parseQuery } from './pathquery.js';
import { listAccess } from './results.js';
import { canSee, type InterMineSimulatorState, type SimList, SUPERUSER } from './state.js';
import { splitIdentifiers } from '../../lists.js';

/** A list as `GET /lists` shows it to `user`. */
export function listJson(list: SimList, user: string | undefined): Record<string, unknown> {
  return {
    id: list.id,
    name: list.name,
    title: list.name,
    type: list.type,
    size: list.ids.length,
    description: list.description ?? '',
    status: 'CURRENT',
    authorized: list.owner === user,
    tags: [...list.tags].sort(),
    dateCreated: list.dateCreated,
    timestamp: list.timestamp,
  };
}

/** Make a list owned by `owner` (the name must be free). */
export function makeList(
  state: InterMineSimulatorState,
  init: { name: string; type: string; ids: number[]; owner: string; description?: string | undefined; tags?: string[] | undefined },
): SimList {
  if (state.lists.has(init.name)) badRequest(`Attempt to overwrite an existing bag - name:'${init.name}'`, { listName: init.name });
  const now = new Date();
  const list: SimList = {
    id: 3_000_100 + ++state.counter,
    name: init.name,
    type: init.type,
    description: init.description,
    tags: [...new Set(init.tags ?? [])],
    ids: [...new Set(init.ids)],
    owner: init.owner,
    dateCreated: now.toISOString().slice(0, 19),
    timestamp: now.getTime(),
  };
  state.lists.set(list.name, list);
  return list;
}

/**
 * The name ListInput.produceName gives the new list: the first of `params` that is not blank
 * (`name`, then `listName`; GenomicRegionSearchListInput reads `listName` first), else
 * `new_list`, or `new_list_2`, `new_list_3`… while the user already has a list so called. So the
 * services that read a ListInput never refuse a missing name: validateRequiredParams' "Required
 * parameter name is missing." cannot fire.
 */
export function listInputName(
  all: URLSearchParams,
  state: InterMineSimulatorState,
  user: string | undefined,
  names: readonly string[] = ['name', 'listName'],
): string {
  for (const p of names) {
    const v = all.get(p);
    if (v !== null && v.trim() !== '') return v;
  }
  const taken = new Set([...state.lists.values()].filter((l) => canSee(l, user)).map((l) => l.name));
  let name = 'new_list';
  for (let n = 2; taken.has(name); n++) name = `new_list_${n}`;
  return name;
}

/** A list the caller may change (owner only), or the server's 400. */
function ownList(state: InterMineSimulatorState, name: string, user: string): SimList {
  const list = state.lists.get(name);
  if (!list || list.owner !== user) badRequest(`You do not have access to a list called ${name}`, { listName: name });
  return list;
}

/** A list the caller may read, or the server's 400. */
function visibleList(state: InterMineSimulatorState, name: string, user: string | undefined): SimList {
  const list = state.lists.get(name);
  if (!list || !canSee(list, user)) badRequest(`You do not have access to a list called ${name}`, { listName: null });
  return list;
}

/** The identifiers of an upload: a text body (quoted, whitespace/comma separated) or the multipart field `identifiers`. */
async function uploadedIdentifiers(request: SimulatedRequest, name: string): Promise<string[]> {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  let text: string;
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(request.body.slice(), { headers: { 'content-type': type } }).formData();
    const field = form.get('identifiers');
    text = field === null ? '' : typeof field === 'string' ? field : await field.text();
  } else if (type.startsWith('text/') || type.startsWith('application/octet-stream')) text = request.text();
  else badRequest(`Bad content type - ${type || 'none'}`, { listName: name, unmatchedIdentifiers: [] });
  // The server splits an upload as the client does: on whitespace and commas, "quoted phrases" whole.
  return splitIdentifiers(text);
}

/** Resolve uploaded identifiers to object ids (class keys, then synonyms; `extra` = organism). */
function resolveUpload(state: InterMineSimulatorState, type: string, identifiers: string[], extra: string | undefined): { ids: number[]; unmatched: string[] } {
  const ids: number[] = [];
  const unmatched: string[] = [];
  for (const identifier of identifiers) {
    const found = state.store.lookup(type, identifier, extra).objects;
    if (found.length === 0) unmatched.push(identifier);
    else ids.push(...found.map((o) => o.id));
  }
  return { ids, unmatched };
}

function created(list: SimList, extra: Record<string, unknown> = {}): Response {
  return ok({ listId: list.id, listName: headerValue(list.name), listSize: list.ids.length, ...extra });
}

/**
 * The `GET /lists?name=` filter (`AvailableListsService.getListsMatching`): a `*` at the start,
 * the end or both makes it a suffix, prefix or substring match; otherwise the name is exact.
 */
function nameMatches(filter: string): (list: SimList) => boolean {
  const term = filter.replace(/^\*+|\*+$/g, '');
  const [leading, trailing] = [filter.startsWith('*'), filter.endsWith('*')];
  if (leading && trailing) return (l) => l.name.includes(term);
  if (leading) return (l) => l.name.endsWith(term);
  if (trailing) return (l) => l.name.startsWith(term);
  return (l) => l.name === term;
}

/** The common type of several lists (the nearest shared ancestor; `InterMineObject` when none). */
function commonType(state: InterMineSimulatorState, types: string[]): string {
  const model = state.store.model;
  const ancestors = (t: string): string[] => [t, ...(model.json.classes[t]?.extends ?? []).flatMap(ancestors)];
  const [first = 'InterMineObject', ...rest] = types;
  return ancestors(first).find((a) => rest.every((t) => model.isa(t, a))) ?? 'InterMineObject';
}

/** Answer a `lists…` / `list/tags` / `query/…tolist` request, or `undefined` when the path is not one of them. */
export async function handleLists(
  request: SimulatedRequest,
  path: string,
  state: InterMineSimulatorState,
  user: string | undefined,
): Promise<Response | undefined> {
  const all = params(request);
  const method = request.method;
  if (path === 'lists' && method === 'GET') {
    const filter = all.get('name')?.trim();
    const visible = [...state.lists.values()].filter((l) => canSee(l, user));
    if (filter) {
      const found = visible.filter(nameMatches(filter));
      // Refused before the "lists" header is set, so the error body has no "lists" key.
      if (found.length === 0) throw new Refusal(404, `No lists matched ${filter}`);
      return ok({ lists: found.map((l) => listJson(l, user)) });
    }
    return ok({ lists: visible.map((l) => listJson(l, user)) });
  }
  if (path === 'lists' && method === 'POST') {
    const owner = requireUser(user);
    const name = listInputName(all, state, owner);
    const type = all.get('type');
    if (!type) badRequest('No list type provided', { listName: name, unmatchedIdentifiers: [] });
    if (!state.store.model.has(type)) badRequest(`${type} is not a valid class name`, { listName: name, unmatchedIdentifiers: [] });
    const identifiers = await uploadedIdentifiers(request, name);
    const { ids, unmatched } = resolveUpload(state, type, identifiers, all.get('extraValue') ?? undefined);
    const list = makeList(state, { name, type, ids, owner, description: all.get('description') ?? undefined, tags: multi(all, 'tags') });
    return created(list, { unmatchedIdentifiers: unmatched });
  }
  if (path === 'lists' && method === 'DELETE') {
    const owner = requireUser(user);
    // ListDeletionService: a ListInput (so `new_list` when no name is given), its name added to
    // the output before the check, then "<name> doesn't exists" for a list the user does not own.
    const name = listInputName(all, state, owner);
    const list = state.lists.get(name);
    if (!list || list.owner !== owner) badRequest(`${name} doesn't exists`, { listName: name });
    state.lists.delete(name);
    return ok({ listName: name });
  }
  if (path === 'lists/append' && method === 'POST') {
    const owner = requireUser(user);
    // ListAppendService: a ListCreationInput (`new_list` when no name is given), the name in the
    // output's header before makeList refuses a list the user does not have, with a 403.
    const name = listInputName(all, state, owner);
    const list = state.lists.get(name);
    if (!list || list.owner !== owner) throw new Refusal(403, `${name} is not a list you have access to`, { listName: name, unmatchedIdentifiers: [] });
    const { ids, unmatched } = resolveUpload(state, list.type, await uploadedIdentifiers(request, name), all.get('extraValue') ?? undefined);
    list.ids = [...new Set([...list.ids, ...ids])];
    return created(list, { unmatchedIdentifiers: unmatched });
  }
  if (path === 'lists/rename' && (method === 'POST' || method === 'GET')) {
    const owner = requireUser(user);
    const oldName = required(all, 'oldname', { listName: null });
    const newName = required(all, 'newname', { listName: null });
    const list = ownList(state, oldName, owner);
    if (state.lists.has(newName)) badRequest(`Attempt to overwrite an existing bag - name:'${newName}'`, { listName: oldName });
    state.lists.delete(oldName);
    list.name = newName;
    state.lists.set(newName, list);
    return created(list);
  }
  if (path === 'list/tags') {
    const name = required(all, 'name', { tags: [] });
    if (method === 'GET') return ok({ tags: [...visibleList(state, name, user).tags].sort() });
    const owner = requireUser(user);
    const list = ownList(state, name, owner);
    const tags = multi(all, 'tags');
    if (tags.length === 0) badRequest("Required parameter 'tags' is missing", { tags: [] });
    if (method === 'POST') list.tags = [...new Set([...list.tags, ...tags])];
    else if (method === 'DELETE') list.tags = list.tags.filter((t) => !tags.includes(t));
    else return undefined;
    return ok({ tags: [...list.tags].sort() });
  }
  const setOp = /^lists\/(union|intersect|diff|subtract)$/.exec(path)?.[1];
  if (setOp && (method === 'GET' || method === 'POST')) {
    const owner = requireUser(user);
    // CommutativeOperationInput / AsymmetricOperationInput are ListInputs: no name is `new_list`.
    const name = listInputName(all, state, owner);
    let ids: number[];
    let sources: SimList[];
    if (setOp === 'subtract') {
      const references = multi(all, 'references');
      const subtract = multi(all, 'subtract');
      if (references.length === 0 || subtract.length === 0) {
        badRequest("Both 'lists' and 'subtract' are missing, Required parameter 'references' is missing.", { listName: null });
      }
      const keep = references.map((n) => visibleList(state, n, owner));
      const drop = new Set(subtract.flatMap((n) => visibleList(state, n, owner).ids));
      sources = keep;
      ids = keep.flatMap((l) => l.ids).filter((id) => !drop.has(id));
    } else {
      const names = multi(all, 'lists');
      if (names.length < 2) badRequest(`Required parameter 'lists' is missing (at least two lists are needed for ${setOp})`, { listName: null });
      sources = names.map((n) => visibleList(state, n, owner));
      const counts = new Map<number, number>();
      for (const l of sources) for (const id of new Set(l.ids)) counts.set(id, (counts.get(id) ?? 0) + 1);
      ids = [...counts.entries()].filter(([, n]) => (setOp === 'union' ? true : setOp === 'intersect' ? n === sources.length : n % 2 === 1)).map(([id]) => id);
    }
    const type = commonType(
      state,
      sources.map((l) => l.type),
    );
    const list = makeList(state, { name, type, ids, owner, description: all.get('description') ?? undefined, tags: multi(all, 'tags') });
    return ok({ listId: list.id, listName: headerValue(list.name), type: list.type, listSize: list.ids.length });
  }
  if ((path === 'query/tolist' || path === 'query/append/tolist') && (method === 'POST' || method === 'GET')) {
    const owner = requireUser(user);
    // QueryToListService.execute: the ListInput first (`name`, then `listName`, else `new_list`),
    // then getQuery. The service is no JSONService: its output has no header attributes until
    // generateListFromQuery sets them (listName, listId, the listSize intro) after filling the
    // list, so the errors of getQuery carry no list keys.
    const name = listInputName(all, state, owner);
    const xml = all.get('query');
    if (xml === null || xml.trim() === '') badRequest("The 'query' parameter must not be blank");
    const q = parseQuery(xml, state.store.model);
    if (q.views.length !== 1) badRequest('Queries to the query-to-list service can only have one output column');
    if (!q.views[0]!.endsWith('.id')) badRequest('Queries to the query-to-list service must have ids in their view');
    const classPath = q.views[0]!.slice(0, -3);
    const ids = queryIds(state, q, classPath, owner);
    if (path === 'query/append/tolist') {
      // QueryListAppendService.getList: a ServiceForbiddenException.
      const list = state.lists.get(name);
      if (!list || list.owner !== owner) throw new Refusal(403, `${name} is not a list you have access to`);
      list.ids = [...new Set([...list.ids, ...ids])];
      return created(list);
    }
    const type = state.store.model.resolve(classPath, q.subclasses)!.classes.at(-1)!;
    return created(listFromQuery(state, { name, type, ids, owner, description: all.get('description') ?? undefined, tags: multi(all, 'tags') }));
  }
  return undefined;
}

/** The ids of the objects at `classPath` in the query's rows, as the user may see them. */
export function queryIds(state: InterMineSimulatorState, q: ReturnType<typeof parseQuery>, classPath: string, owner: string): number[] {
  const rows = evaluate({ ...q, views: [`${classPath}.id`] }, state.store, listAccess(state, owner));
  return [...new Set(rows.map((r) => r.objects.get(classPath)?.id).filter((id): id is number => id !== undefined))];
}

/**
 * QueryToListService.generateListFromQuery (and TemplateToListService's): the list is made as
 * `<name>_temp`, the output's header set (listName, listId, the listSize intro), then
 * Profile.renameBag to the name — which fails for a name the user already has, after the header,
 * so that error carries `listName`, `listId` and `listSize: null`.
 */
export function listFromQuery(
  state: InterMineSimulatorState,
  init: { name: string; type: string; ids: number[]; owner: string; description?: string | undefined; tags?: string[] | undefined },
): SimList {
  if ([...state.lists.values()].some((l) => l.name === init.name && l.owner === init.owner)) {
    const tempId = 3_000_100 + ++state.counter;
    badRequest(`Attempting to rename a bag to a new name that already exists: ${init.name}`, { listName: init.name, listId: tempId, listSize: null });
  }
  return makeList(state, init);
}

/** The lists every simulator starts with: the super-user's public `demo-list` and `demo-pathways`. */
export function builtInLists(state: InterMineSimulatorState): void {
  const genes = ['FBgn0000606', 'FBgn0004053', 'FBgn0000166', 'FBgn0001180', 'FBgn0001325'];
  const geneIds = genes.map((g) => state.store.lookup('Gene', g).objects[0]!.id);
  makeList(state, {
    name: 'demo-list',
    type: 'Gene',
    ids: geneIds,
    owner: SUPERUSER,
    description: 'Segmentation genes (demo)',
    tags: ['im:public', 'im:frontpage'],
  });
  const pathways = ['dme04330', 'R-DME-212436'].map((p) => state.store.lookup('Pathway', p).objects[0]!.id);
  makeList(state, { name: 'demo-pathways', type: 'Pathway', ids: pathways, owner: SUPERUSER, description: 'Two pathways (demo)', tags: ['im:public'] });
  for (const list of state.lists.values()) {
    list.dateCreated = '2019-06-28T16:15:34';
    list.timestamp = 1561734934000;
  }
}
