// Two former data-loss bugs of @bio/molgenis addAll, found by the chaos matrix (fixed): an answer
// that is not a MOLGENIS create response counted as "written", and a batch whose answer was lost
// counted as "refused" (so resuming with notWritten wrote it twice).
import { isBioHttpError, isResponseFormatError } from '@bio/core-http';
import { Molgenis, type MolgenisBatchError } from '@bio/molgenis';
import { createSimulator, fixtures } from '@bio/molgenis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Step } from '../src/chaos-server.js';
import { type Stage, startSimulatorStage, startStage } from '../src/harness.js';

const rows = [
  { id: '157', type: 'gnome', year: '1998' },
  { id: '158', type: 'fairy', year: '1998' },
  { id: '159', type: 'unicorn', year: '1998' },
];

describe('addAll rejects when the answer is not a MOLGENIS create response', () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await startStage(fixtures());
  });
  afterAll(() => stage.close());

  // An HTML page (a proxy's 200, or the login page a 302 leads to), invalid or truncated JSON:
  // nothing (or something unknown) was written, so addAll must not resolve.
  it.each([['redirect-html-login'], ['html-200'], ['invalid-json'], ['truncated-json']] as [Step][])('%s: addAll must reject', async (fault) => {
    const m = new Molgenis({ baseUrl: stage.chaos.url, token: 'tok', retry: 0, timeout: 2000 });
    stage.chaos.plan([fault]);
    const outcome = await m.addAll('demo_sightings', rows).then(
      (ids) => ({ resolved: ids }),
      (e: unknown) => ({ rejected: e }),
    );
    expect(outcome).not.toHaveProperty('resolved');
    const error = (outcome as { rejected?: unknown }).rejected as MolgenisBatchError;
    expect(isBioHttpError(error)).toBe(true);
    expect(error.name).toBe('MolgenisBatchError');
    expect(isResponseFormatError(error.errors[0]?.error)).toBe(true);
    // The answer was lost: the rows are "unknown", not "not written".
    expect(error.unknown).toEqual(rows);
    expect(error.notWritten).toEqual([]);
  });
});

describe('MolgenisBatchError reports a batch whose answer was lost as "unknown"', () => {
  // The server stored batch 2, then the connection broke before the answer (the simulator's
  // `reset` fault: it applies the request, then drops the connection). Those rows are `unknown`
  // (not in notWritten); resuming with notWritten writes no row twice.
  it('resuming with notWritten writes no row twice', async () => {
    const sim = createSimulator({ seed: { entities: { bulk: { meta: { idAttribute: 'id', attributes: { id: { fieldType: 'STRING' } } } } } } });
    const stage = await startSimulatorStage(sim);
    try {
      const all = Array.from({ length: 3000 }, (_, i) => ({ id: `r${i}` }));
      const m = new Molgenis({ baseUrl: stage.baseUrl, retry: 0, timeout: 5000 });
      await m.login('admin', sim.users.admin?.password ?? '');
      sim.faults.set({ every: 2, reset: true }); // the 2nd batch POST: stored, then no answer
      const error = (await m.addAll('bulk', all).catch((e: unknown) => e)) as MolgenisBatchError<{ id: string }>;
      sim.faults.clear();
      expect(error.name).toBe('MolgenisBatchError');
      expect(error.processed).toEqual(all.slice(0, 1000));
      expect(error.unknown).toEqual(all.slice(1000, 2000));
      expect(error.failed).toEqual(all.slice(1000, 2000));
      expect(error.notWritten).toEqual(all.slice(2000));
      await m.addAll('bulk', error.notWritten);
      // Every batch POST the service received, with its rows: each id exactly once (no duplicate;
      // the simulator would also refuse one, all or nothing).
      const sent = sim.requests
        .filter((r) => r.method === 'POST' && r.url.pathname === '/api/v2/bulk')
        .flatMap((r) => (r.json() as { entities: { id: string }[] }).entities.map((row) => row.id));
      const duplicates = sent.filter((id, i) => sent.indexOf(id) !== i);
      expect(duplicates).toEqual([]);
      const stored = sim.state.entities.get('bulk')?.rows ?? new Map();
      // The documented resume: re-read the unknown ids, resend only the missing ones (none here).
      expect(error.unknown.filter((r) => !stored.has(r.id))).toEqual([]);
      expect(stored.size).toBe(3000);
    } finally {
      await stage.close();
    }
  });
});
