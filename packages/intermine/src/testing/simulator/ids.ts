// Id resolution jobs: `POST /ids` (JSON body) → uid; `GET /ids/{uid}/status` (RUNNING on the
// first check, then SUCCESS); `GET /ids/{uid}/results` (204 "Job not ready" before that);
// `DELETE /ids/{uid}`. Unknown uids are 404.
import type { SimulatedRequest } from '@bio/core-http/testing';
import { badRequest, ok, Refusal } from './envelope.js';
import type { InterMineSimulatorState, SimIdJob } from './state.js';
import type { SimObject } from './store.js';

function summary(o: SimObject, state: InterMineSimulatorState): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of state.store.keys(o.class)) if (o[k] !== null && o[k] !== undefined) out[k] = o[k];
  const organism = state.store.follow(o, 'organism')[0];
  if (organism) out['organism.name'] = organism.name;
  return out;
}

function resolve(job: SimIdJob, state: InterMineSimulatorState): Record<string, unknown> {
  const { identifiers, type, extra, caseSensitive, wildCards } = job.request;
  const MATCH: { id: number; summary: Record<string, unknown>; input: string[] }[] = [];
  const OTHER: unknown[] = [];
  const DUPLICATE: unknown[] = [];
  const WILDCARD: unknown[] = [];
  const unresolved: string[] = [];
  const matchedObjects = new Set<number>();
  const issueObjects = new Set<number>();
  let issues = 0;
  for (const input of identifiers) {
    if (input.includes('*') && !wildCards) {
      unresolved.push(input);
      continue;
    }
    let { objects, via } = state.store.lookup(type, input, extra);
    if (caseSensitive && via === 'key') objects = objects.filter((o) => state.store.keys(o.class).some((k) => o[k] === input || input.includes('*')));
    if (objects.length === 0) {
      unresolved.push(input);
      continue;
    }
    const matches = objects.map((o) => ({ id: o.id, summary: summary(o, state) }));
    if (input.includes('*')) {
      WILDCARD.push({ input, reason: 'wildcard', matches });
      issues++;
      for (const o of objects) issueObjects.add(o.id);
    } else if (objects.length > 1) {
      DUPLICATE.push({ input, reason: 'duplicate', matches });
      issues++;
      for (const o of objects) issueObjects.add(o.id);
    } else if (via === 'synonym') {
      OTHER.push({ input, reason: 'searched synonyms', matches });
      issues++;
      issueObjects.add(objects[0]!.id);
    } else {
      const existing = MATCH.find((m) => m.id === objects[0]!.id);
      if (existing) existing.input.push(input);
      else MATCH.push({ ...matches[0]!, input: [input] });
      matchedObjects.add(objects[0]!.id);
    }
  }
  return {
    type,
    matches: { MATCH, TYPE_CONVERTED: [], OTHER, DUPLICATE, WILDCARD },
    unresolved,
    stats: {
      objects: { matches: matchedObjects.size, all: new Set([...matchedObjects, ...issueObjects]).size, issues: issueObjects.size },
      identifiers: { matches: identifiers.length - unresolved.length - issues, issues, all: identifiers.length, notFound: unresolved.length },
    },
  };
}

/** Answer `/ids…`, or `undefined` for other paths. */
export function handleIds(request: SimulatedRequest, path: string, state: InterMineSimulatorState, user: string | undefined): Response | undefined {
  if (path === 'ids' && request.method === 'POST') {
    let body: Record<string, unknown>;
    try {
      body = request.json() as Record<string, unknown>;
    } catch {
      badRequest('Invalid JSON object', { uid: null });
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) badRequest('Invalid JSON object', { uid: null });
    const identifiers = body.identifiers;
    if (!Array.isArray(identifiers) || identifiers.length === 0 || !identifiers.every((i) => typeof i === 'string')) {
      badRequest('identifiers must be a non-empty list of strings', { uid: null });
    }
    const type = body.type;
    if (typeof type !== 'string' || type === '') badRequest('No type provided', { uid: null });
    if (!state.store.model.has(type)) badRequest(`${type} is not a class in the genomic model`, { uid: null });
    const uid = `sim-${(++state.counter).toString(16).padStart(8, '0')}-3c7d-4e91-9a0b-8f2c1d4e5a6b`;
    state.jobs.set(uid, {
      uid,
      owner: user,
      polls: 0,
      request: {
        identifiers,
        type,
        extra: typeof body.extra === 'string' && body.extra !== '' ? body.extra : undefined,
        caseSensitive: body.caseSensitive === true,
        wildCards: body.wildCards === true,
      },
    });
    return ok({ uid });
  }
  const m = /^ids\/([^/]+)(?:\/(status|results))?$/.exec(path);
  if (!m) return undefined;
  const job = state.jobs.get(m[1]!);
  if (!job || job.owner !== user) throw new Refusal(404, `No job with id ${m[1]}`, { status: null });
  if (m[2] === 'status' && request.method === 'GET') {
    job.polls++;
    return ok({ status: job.polls > 1 ? 'SUCCESS' : 'RUNNING' });
  }
  if (m[2] === 'results' && request.method === 'GET') {
    if (job.polls < 2) return new Response(null, { status: 204, headers: { 'content-type': 'text/plain' } });
    return ok({ results: resolve(job, state) });
  }
  if (m[2] === undefined && request.method === 'DELETE') {
    state.jobs.delete(job.uid);
    return ok({});
  }
  return undefined;
}
