// Known bugs of @bio/molgenis addAll, found by the chaos matrix. Each test FAILS while the bug is
// there; run with `npx vitest run -c vitest.known-bugs.config.ts`. Move a test into test/ once fixed.
import { isBioHttpError } from '@bio/core-http';
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

describe('addAll resolves as if the rows were written when the answer is not a MOLGENIS create response', () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await startStage(fixtures());
  });
  afterAll(() => stage.close());

  // write.ts idsFromResources() never throws, and any 2xx counts as success, so an HTML page (a
  // proxy's 200, or the login page a 302 leads to) resolves addAll with [] — nothing was written.
  it.each([['redirect-html-login'], ['html-200'], ['invalid-json'], ['truncated-json']] as [Step][])('%s: addAll must reject', async (fault) => {
    const m = new Molgenis({ url: stage.chaos.url, token: 'tok', retry: 0, timeout: 2000 });
    stage.chaos.plan([fault]);
    const outcome = await m.addAll('demo_sightings', rows).then(
      (ids) => ({ resolved: ids }),
      (e: unknown) => ({ rejected: e }),
    );
    expect(outcome).not.toHaveProperty('resolved');
    expect(isBioHttpError((outcome as { rejected?: unknown }).rejected)).toBe(true);
  });
});

describe('MolgenisBatchError reports a batch whose answer was lost as "refused"', () => {
  // The server stored batch 2, then the connection broke before the answer. The error says
  // "1 refused" and puts those rows in notWritten; resuming with notWritten writes them twice.
  it('resuming with notWritten writes no row twice', async () => {
    const replica = await startMolgenisReplica();
    try {
      replica.resetAfterCommit.add(2);
      const all = Array.from({ length: 3000 }, (_, i) => ({ id: `r${i}` }));
      const m = new Molgenis({ url: replica.url, retry: 0, timeout: 5000 });
      const error = (await m.addAll('bulk', all).catch((e: unknown) => e)) as MolgenisBatchError<{ id: string }>;
      expect(error.name).toBe('MolgenisBatchError');
      await m.addAll('bulk', error.notWritten).catch(() => undefined);
      const duplicates = [...replica.writes].filter(([, n]) => n > 1).map(([id]) => id);
      expect(duplicates).toEqual([]);
    } finally {
      await replica.close();
    }
  });
});
