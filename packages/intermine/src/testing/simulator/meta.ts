// Metadata and account endpoints: `/version`, `/version/release`, `/version/intermine`,
// `/version/ws`, `/model`, `/summaryfields`, `/classkeys`, `/session`, `/user/whoami`,
// `/path/values`.
import type { SimulatedRequest } from '@bio/core-http/testing';
import { requireUser } from './auth.js';
import { badRequest, ok, params, Refusal, required } from './envelope.js';
import { fixtureJson } from './model.js';
import { modelXml } from './xml-formats.js';
import type { InterMineSimulatorState } from './state.js';
import { CLASS_KEYS } from './store.js';

/** The web-service API version the simulator reports. */
export const API_VERSION = 33;
/** The data release the simulator reports. */
export const RELEASE = 'FlyMine 2024 (release 58.1) — simulated';
/** The InterMine version the simulator reports. */
export const INTERMINE_VERSION = '5.1.0';

function text(value: string): Response {
  return new Response(`${value}\n`, { status: 200, headers: { 'content-type': 'text/plain;charset=UTF-8' } });
}

/** Answer a metadata/account path, or `undefined` for other paths. */
export function handleMeta(request: SimulatedRequest, path: string, state: InterMineSimulatorState, user: string | undefined): Response | undefined {
  const all = params(request);
  const json = (all.get('format') ?? 'json').startsWith('json') || (request.headers.get('accept') ?? '').includes('json');
  switch (path) {
    case 'version':
      return json && all.get('format') !== 'text' ? ok({ version: API_VERSION }) : text(String(API_VERSION));
    case 'version/ws':
      return text(String(API_VERSION));
    case 'version/release':
      return all.get('format') === 'text' ? text(RELEASE) : ok({ version: RELEASE });
    case 'version/intermine':
      return all.get('format') === 'text' ? text(INTERMINE_VERSION) : ok({ version: INTERMINE_VERSION });
    case 'model':
    case 'model/json': {
      const format = all.get('format') ?? 'json';
      if (format === 'xml')
        return new Response(modelXml(state.store.model.json), { status: 200, headers: { 'content-type': 'application/xml;charset=UTF-8' } });
      if (format !== 'json') throw new Refusal(406, 'Cannot serve any format that is acceptable to you');
      return ok({ model: state.store.model.json });
    }
    case 'summaryfields':
      return ok({ classes: fixtureJson<{ classes: Record<string, string[]> }>('summaryfields.json').classes });
    case 'classkeys':
      return ok({ classes: Object.fromEntries(Object.entries(CLASS_KEYS).map(([c, keys]) => [c, keys.map((k) => `${c}.${k}`)])) });
    case 'session': {
      const token = `anon-${(++state.counter).toString(16).padStart(6, '0')}${Math.random().toString(16).slice(2, 10)}`;
      const username = `temp-user-${token.slice(5, 13)}`;
      state.tokens.set(token, username);
      return ok({ token });
    }
    case 'user/whoami': {
      const name = requireUser(user, 'This service requires authentication');
      const u = state.users.get(name);
      return ok({ user: { username: name, id: u?.id ?? String(1_000_900 + name.length), preferences: { ...(u?.preferences ?? {}) } } });
    }
    case 'path/values': {
      const pathString = required(all, 'path', { results: [] });
      const r = state.store.model.resolve(pathString);
      if (!r) badRequest(`Path ${pathString} is not in the model`, { results: [] });
      if (!r.attribute) badRequest(`${pathString} is not an attribute path`, { results: [] });
      const cls = r.classes.at(-1)!;
      const counts = new Map<string, { value: unknown; count: number }>();
      // Values of the attribute over every object of the path's last class.
      for (const o of state.store.all(cls)) {
        const v = r.attribute.name === 'id' ? o.id : (o[r.attribute.name] ?? null);
        const key = JSON.stringify(v);
        const e = counts.get(key) ?? { value: v, count: 0 };
        e.count++;
        counts.set(key, e);
      }
      const results = [...counts.values()].sort((a, b) => String(a.value).localeCompare(String(b.value)));
      if (all.get('format') === 'jsoncount') return ok({ count: results.length });
      return ok({
        path: pathString,
        class: cls,
        field: r.attribute.name,
        type: r.attribute.type.slice(r.attribute.type.lastIndexOf('.') + 1),
        count: results.length,
        results,
      });
    }
    default:
      return undefined;
  }
}
