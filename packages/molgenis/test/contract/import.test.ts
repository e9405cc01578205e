import { AbortError, TimeoutError, ValidationError } from '@bio/core-http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isMolgenisImportError, MolgenisImportError } from '../../src/index.js';
import { client, fixture, useFixtureServer } from '../helpers.js';

const server = useFixtureServer();
const ZIP = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode(' emx demo: entities.tsv attributes.tsv demo_sightings.tsv')]);
const RUN = 'aaaac3zvtxlbhhpcqtrv6yaaae';

describe('uploadZip', () => {
  it('uploads multipart "file", then polls sys_ImportRun RUNNING → RUNNING → FINISHED', async () => {
    server.use(fixture('import-finished'));
    const { m, requests } = client();
    const job = await m.uploadZip(new File([ZIP], 'demo_sightings.zip', { type: 'application/zip' }), {
      action: 'add_update_existing',
      metadataAction: 'upsert',
      interval: 0,
    });
    expect(job).toMatchObject({ id: RUN, href: `/api/v2/sys_ImportRun/${RUN}`, status: 'FINISHED' });
    expect(job.run?.importedEntities).toBe('demo_sightings');
    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'POST /plugin/importwizard/importFile',
      `GET /api/v2/sys_ImportRun/${RUN}`,
      `GET /api/v2/sys_ImportRun/${RUN}`,
      `GET /api/v2/sys_ImportRun/${RUN}`,
    ]);
  });

  it('the import file may be named bytes (the server picks the importer by extension)', async () => {
    server.use(fixture('import-finished'));
    const { m } = client();
    const job = await m.uploadZip(
      { name: 'ignored.bin', data: ZIP },
      { filename: 'demo_sightings.zip', action: 'add_update_existing', metadataAction: 'upsert', interval: 0 },
    );
    expect(job.status).toBe('FINISHED');
  });

  it('wait: false returns the run at once; importRuns() yields every state', async () => {
    server.use(fixture('import-finished'));
    const { m, requests } = client();
    const job = await m.uploadZip(new File([ZIP], 'demo_sightings.zip'), { action: 'add_update_existing', metadataAction: 'upsert', wait: false });
    expect(job).toEqual({ id: RUN, href: `/api/v2/sys_ImportRun/${RUN}`, status: 'RUNNING' });
    expect(requests).toHaveLength(1);
    const states: string[] = [];
    for await (const run of m.importRuns(job.href, { interval: 0 })) states.push(run.status);
    expect(states).toEqual(['RUNNING', 'RUNNING', 'FINISHED']);
  });

  it('FAILED → MolgenisImportError with the server message', async () => {
    server.use(fixture('import-failed'));
    const { m } = client();
    const error = (await m.uploadZip(new File(['PK not really a zip'], 'broken.zip'), { interval: 0 }).catch((e: unknown) => e)) as MolgenisImportError;
    expect(error).toBeInstanceOf(MolgenisImportError);
    expect(isMolgenisImportError(error)).toBe(true);
    expect(error.serviceMessage).toBe("Unknown entity type 'demo_sightings' referenced in sheet 'attributes'");
    expect(error.message).toContain("Unknown entity type 'demo_sightings'");
    expect(error.run.status).toBe('FAILED');
    expect(error.code).toBe('IMPORT_FAILED');
  });

  // core-http's poll waits with setTimeout and reads Date.now(); msw answers in this process.
  const fakeClock = (): void => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  };
  afterEach(() => vi.useRealTimers());

  it('leaving importRuns() early stops the polling', async () => {
    fakeClock();
    server.use(fixture('import-finished'));
    const { m, requests } = client();
    for await (const run of m.importRuns(RUN, { interval: 10 })) {
      expect(run.status).toBe('RUNNING');
      break;
    }
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(0); // no next check is waiting
    await vi.advanceTimersByTimeAsync(1_000); // a hundred intervals
    expect(requests).toHaveLength(1);
  });

  it('gives up after deadline with a TimeoutError (the import goes on on the server)', async () => {
    server.use(fixture('import-finished'));
    const { m } = client();
    const job = await m.uploadZip(new File([ZIP], 'demo_sightings.zip'), { action: 'add_update_existing', metadataAction: 'upsert', wait: false });
    await expect(m.waitForImport(job.id, { interval: 50, deadline: 10 })).rejects.toThrow(TimeoutError);
  });

  it('stops polling when the signal aborts', async () => {
    server.use(fixture('import-finished'));
    const { m } = client();
    fakeClock();
    const controller = new AbortController();
    let stopped = false;
    const waiting = m
      .waitForImport(RUN, { interval: 60_000, signal: controller.signal })
      .catch((e: unknown) => e)
      .finally(() => {
        stopped = true;
      });
    await vi.advanceTimersByTimeAsync(20); // the first check is done; the 60 s wait has begun
    expect(stopped).toBe(false);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(true); // at 20 ms, not at the end of the wait
    expect(await waiting).toBeInstanceOf(AbortError);
  });

  it('validates options before uploading', async () => {
    const { m, requests } = client();
    await expect(m.uploadZip(new File([ZIP], 'x.zip'), { interval: -1 })).rejects.toThrow(ValidationError);
    await expect(m.uploadZip(new File([ZIP], 'x.zip'), { deadline: Number.NaN })).rejects.toThrow(/deadline/);
    await expect(m.uploadZip('not a file' as never)).rejects.toThrow(ValidationError);
    await expect(m.waitForImport('/api/v2/demo_sightings/1')).rejects.toThrow(/sys_ImportRun/);
    expect(requests).toHaveLength(0);
  });
});
