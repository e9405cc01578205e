// The user's own services, as InterMine's CodeService, JaccardIndexService, ListShare*Service,
// QueryUpload/SavedQueryRetrieval/QueryRemovalService and the preference services answer them
// (read from the server's source): `/query/code`, `/lists/jaccard-index`, `/lists/shares`,
// `/user/queries`, `/user/preferences`.
import type { SimulatedRequest } from '@bio/core-http/testing';
import { readQueryElement, readQueryJSON } from '../../query-codec.js';
import { parseXml } from '../../internal/xml.js';
import { requireUser } from './auth.js';
import { badRequest, ok, params, Refusal, required } from './envelope.js';
import { parseQuery } from './pathquery.js';
import { canSee, type InterMineSimulatorState } from './state.js';

/** The generated program's shape per language: how it names the client and prints rows. */
const LANGUAGES: Record<string, { comment: string; head: string[]; run: string }> = {
  py: { comment: '#', head: ['from intermine.webservice import Service', 'service = Service("ROOT")'], run: 'for row in query.rows():\n    print(row)' },
  pl: { comment: '#', head: ['use Webservice::InterMine 1.0405 "ROOT";'], run: 'my $it = $query->iterator();\nwhile (my $row = <$it>) { print $row, "\\n"; }' },
  java: {
    comment: '//',
    head: ['import org.intermine.webservice.client.core.ServiceFactory;', 'ServiceFactory factory = new ServiceFactory("ROOT");'],
    run: 'System.out.println(factory.getQueryService().getRowListIterator(query));',
  },
  rb: { comment: '#', head: ['require "rubygems"', 'require "intermine/service"', 'service = Service.new("ROOT")'], run: 'query.each_row { |r| puts r }' },
  js: { comment: '//', head: ['var service = new imjs.Service({root: "ROOT"});'], run: 'service.rows(query).then(function(rows) { console.log(rows); });' },
};

const ALIASES: Record<string, string> = { python: 'py', perl: 'pl', ruby: 'rb', javascript: 'js' };

/** A small program that runs the query with the language's client (the real generator writes the query out in builder calls; this one embeds its JSON). */
function code(lang: string, xml: string, state: InterMineSimulatorState, root: string): string {
  const q = readQueryElement(parseXml(xml));
  parseQuery(xml, state.store.model); // the same 400 as /query/results for a bad query
  const spec = LANGUAGES[lang]!;
  const lines = [
    `${spec.comment} This is an automatically generated script to run your query.`,
    ...spec.head.map((h) => h.replace('ROOT', root)),
    `query = ${JSON.stringify(q)}`,
    spec.run,
  ];
  return `${lines.join('\n')}\n`;
}

/** Answer the account paths, or `undefined` for other paths. */
export function handleAccount(request: SimulatedRequest, path: string, state: InterMineSimulatorState, user: string | undefined): Response | undefined {
  const all = params(request);
  const method = request.method.toUpperCase();
  if (path === 'query/code') {
    const raw = required(all, 'lang');
    const lang = ALIASES[raw.toLowerCase()] ?? raw.toLowerCase();
    if (!LANGUAGES[lang]) badRequest(`Unknown code generation language: ${raw}`);
    const text = code(lang, required(all, 'query'), state, `${request.url.origin}${request.url.pathname.replace(/\/query\/code$/, '')}`);
    if ((all.get('format') ?? 'text').startsWith('json')) return ok({ code: text });
    return new Response(text, { status: 200, headers: { 'content-type': 'text/plain;charset=UTF-8' } });
  }
  if (path === 'lists/jaccard-index') {
    const name = all.get('list');
    const idsText = all.get('ids');
    if (!name && !idsText) badRequest('Provide either name of a list or set of InterMine IDs');
    const min = Number(all.get('min') ?? 0);
    if (Number.isNaN(min)) badRequest(`Min must be a valid number: '${all.get('min')}'`);
    let ids: number[];
    let type: string;
    if (name) {
      const list = state.lists.get(name);
      if (!list || !canSee(list, user)) badRequest(`User does not have access to list named '${name}'`);
      ids = list.ids;
      type = list.type;
    } else {
      type = all.get('type') ?? badRequest('Type of list is required');
      ids = idsText!.split(/[, ]+/).filter(Boolean).map(Number);
    }
    const mine = new Set(ids);
    const results: [string, number][] = [];
    for (const other of state.lists.values()) {
      if (other.name === name || !canSee(other, user) || other.type.toLowerCase() !== type.toLowerCase()) continue;
      const theirs = new Set(other.ids);
      const shared = [...mine].filter((id) => theirs.has(id)).length;
      const union = mine.size + theirs.size - shared;
      const j = union === 0 || shared === 0 ? 0 : Math.round((shared / union) * 10_000) / 10_000;
      if (j >= min) results.push([other.name, j]);
    }
    results.sort((a, b) => b[1] - a[1]);
    return ok({ input: name ?? `[${idsText}]`, results: results.map(([n, j]) => ({ [n]: j.toFixed(4) })) });
  }
  if (path === 'lists/shares') {
    const me = requireUser(user, 'Users must authenticate.');
    if (method === 'GET') {
      const sharedByUser: Record<string, string[]> = {};
      const sharedWithUser: Record<string, string> = {};
      for (const l of state.lists.values()) {
        if (l.owner === me && (l.sharedWith ?? []).length > 0) sharedByUser[l.name] = [...l.sharedWith!];
        if ((l.sharedWith ?? []).includes(me)) sharedWithUser[l.name] = l.owner;
      }
      return ok({ lists: { sharedByUser, sharedWithUser } });
    }
    const listName = required(all, 'list');
    const list = state.lists.get(listName);
    if (!list || list.owner !== me) throw new Refusal(404, `${listName} is not one of your lists`);
    const withUser = required(all, 'with');
    if (!state.users.has(withUser) || withUser === me) throw new Refusal(404, `Cannot share with ${withUser}`);
    const shared = list.sharedWith ?? [];
    if (method === 'DELETE') {
      list.sharedWith = shared.filter((u) => u !== withUser);
      return ok({});
    }
    if (shared.includes(withUser)) badRequest('This bag is already shared with this user');
    list.sharedWith = [...shared, withUser];
    return ok({ share: { list: listName, with: withUser } });
  }
  const saved = /^user\/queries(?:\/(.+))?$/.exec(path);
  if (saved) {
    const me = requireUser(user, 'Access denied.');
    const mineQueries = state.savedQueries.get(me) ?? new Map<string, { xml: string; dateCreated: string }>();
    state.savedQueries.set(me, mineQueries);
    if (method === 'DELETE') {
      const name = saved[1] === undefined ? required(all, 'name') : decodeURIComponent(saved[1]);
      if (!mineQueries.delete(name)) throw new Refusal(404, `Could not find query named ${name}`);
      return ok({});
    }
    if (method === 'POST' || method === 'PUT') {
      const xml = required(all, 'xml');
      const q = readQueryElement(parseXml(xml));
      parseQuery(xml, state.store.model);
      if (!q.name) badRequest('Could not de-serialize queries: a saved query needs a name');
      mineQueries.set(q.name, { xml, dateCreated: new Date().toISOString() });
      return ok({ queries: { [q.name]: q.name } });
    }
    const filter = all.get('filter');
    const match = filter ? new RegExp(`^${filter.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`) : undefined;
    const queries: Record<string, unknown> = {};
    for (const [name, q] of mineQueries) {
      if (match && !match.test(name)) continue;
      queries[name] = { ...readQueryJSON(readQueryElement(parseXml(q.xml)) as unknown as Record<string, unknown>), dateCreated: q.dateCreated };
    }
    return ok({ queries });
  }
  if (path === 'user/preferences') {
    const me = state.users.get(requireUser(user, 'This service requires authentication'));
    if (!me) throw new Refusal(403, 'Anonymous users have no preferences');
    if (method === 'POST' || method === 'PUT') {
      for (const [k, v] of all) if (k !== 'token' && k !== 'format') me.preferences[k] = v;
    } else if (method === 'DELETE') {
      const key = all.get('key');
      if (key === null) me.preferences = {};
      else if (!(key in me.preferences)) throw new Refusal(404, `${key} is not set`);
      else delete me.preferences[key];
    }
    return ok({ preferences: { ...me.preferences } });
  }
  return undefined;
}
