// Two former data-loss bugs of @bio/molgenis addAll, found by the chaos matrix (fixed): an answer
// that is not a MOLGENIS create response counted as "written", and a batch whose answer was lost
// counted as "refused" (so resuming with notWritten wrote it twice).
import { isBioHttpError, isResponseFormatError } from '@bio/core-http';
import { Molgenis, type MolgenisBatchError } from '@bio/molgenis';
import { fixtures } from '@bio/molgenis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Step } from '../src/chaos-server.js';
import { type Stage, startStage } from '../src/harness.js';
import { startMolgenisReplica } from '../src/replicas.js';

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
  // The server stored batch 2, then the connection broke before the answer. Those rows are
  // `unknown` (not in notWritten); resuming with notWritten writes no row twice.
  it('resuming with notWritten writes no row twice', async () => {
    const replica = await startMolgenisReplica();
    try {
      replica.resetAfterCommit.add(2);
      const all = Array.from({ length: 3000 }, (_, i) => ({ id: `r${i}` }));
      const m = new Molgenis({ baseUrl: replica.url, retry: 0, timeout: 5000 });
      const error = (await m.addAll('bulk', all).catch((e: unknown) => e)) as MolgenisBatchError<{ id: string }>;
      expect(error.name).toBe('MolgenisBatchError');
      expect(error.processed).toEqual(all.slice(0, 1000));
      expect(error.unknown).toEqual(all.slice(1000, 2000));
      expect(error.failed).toEqual(all.slice(1000, 2000));
      expect(error.notWritten).toEqual(all.slice(2000));
      await m.addAll('bulk', error.notWritten);
      const duplicates = [...replica.writes].filter(([, n]) => n > 1).map(([id]) => id);
      expect(duplicates).toEqual([]);
      // The documented resume: re-read the unknown ids, resend only the missing ones (none here).
      expect(error.unknown.filter((r) => !replica.writes.has(r.id))).toEqual([]);
      expect(replica.writes.size).toBe(3000);
    } finally {
      await replica.close();
    }
  });
});
