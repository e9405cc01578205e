// Re-recording round trip: the record/ scenarios, run with recordScenarios against a loopback server
// replaying the committed fixtures (a stand-in for the live service), must write the same exchanges.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  type Fixture,
  type FixtureExchange,
  type LoopbackFixtureServer,
  loadFixtures,
  type RecordScenarioResult,
  recordScenarios,
  startLoopbackFixtureServer,
} from '@bio/core-http/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarios, unrecordable } from '../../record/scenarios.js';

const packageDir = fileURLToPath(new URL('../../', import.meta.url));
const fixturesDir = join(packageDir, 'fixtures');
const run = promisify(execFile);

const committed = new Map(loadFixtures(fixturesDir).map((f) => [f.name, f]));
const recordable = Object.keys(scenarios('http://127.0.0.1/v3'));

/** Query values as data: every value a list, sorted (order-insensitive, as the matcher compares them). */
function queryData(query: Record<string, string | string[]> | undefined): Record<string, string[]> {
  return Object.fromEntries(Object.entries(query ?? {}).map(([k, v]) => [k, (Array.isArray(v) ? [...v] : [v]).sort()]));
}

/** What a re-recording must reproduce of an exchange (headers and timing are not compared). */
function essence({ request, response }: FixtureExchange) {
  return {
    request: { method: request.method.toUpperCase(), path: request.path, query: queryData(request.query), body: request.body },
    response: { status: response.status, body: response.body },
  };
}

describe('fixture coverage', () => {
  it('every committed fixture is either recordable or named unrecordable with a reason, never both', () => {
    const files = readdirSync(fixturesDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -'.json'.length))
      .sort();
    const listed = [...recordable, ...Object.keys(unrecordable)].sort();
    expect(listed).toEqual(files);
    expect(recordable.filter((name) => name in unrecordable)).toEqual([]);
    for (const reason of Object.values(unrecordable)) expect(reason.length).toBeGreaterThan(20);
    for (const name of files) expect(committed.get(name)?.name).toBe(name);
  });
});

describe('re-recording against a loopback replay of the committed fixtures', () => {
  let server: LoopbackFixtureServer;
  let out: string;
  let results: RecordScenarioResult[];

  beforeAll(async () => {
    server = await startLoopbackFixtureServer({ fixtures: [...committed.values()] });
    out = mkdtempSync(join(tmpdir(), 'mygene-record-'));
    // The fixture paths (/v3/…) are served as they are under the server's origin. `origin` is
    // passed explicitly: recordScenarios otherwise sniffs it with `new Request(input)`, which uses
    // up the body of a Request input, and a scenario starting with a POST would fail.
    results = await recordScenarios({ dir: out, scenarios: scenarios(`${server.url}/v3`), origin: server.url });
  });

  afterAll(async () => {
    await server?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('runs every recordable scenario without an error or an unmatched request', () => {
    expect(results.map((r) => [r.name, r.error ?? 'ok'])).toEqual(recordable.map((name) => [name, 'ok']));
    expect(server.unmatchedRequests()).toEqual([]);
    for (const r of results) expect(r.bytes, r.name).toBeGreaterThan(0);
  });

  it.each(recordable)('%s: the re-recorded exchanges equal the committed ones', (name) => {
    const [again] = loadFixtures(out).filter((f: Fixture) => f.name === name);
    const original = committed.get(name);
    expect(again, name).toBeDefined();
    expect(again?.description).toMatch(/^re-recorded \d{4}-\d\d-\d\dT.* from http:\/\/127\.0\.0\.1:\d+$/);
    expect(again?.exchanges.map(essence)).toEqual(original?.exchanges.map(essence));
    expect(results.find((r) => r.name === name)?.exchanges).toBe(original?.exchanges.length);
  });
});

describe('record/run.ts', () => {
  it('refuses to touch the network without BIO_RECORD=1 (exit 2, says why)', async () => {
    const { BIO_RECORD: _ignored, ...env } = process.env;
    const e = await run(process.execPath, ['--import', 'tsx', 'record/run.ts'], { cwd: packageDir, env }).catch((x: unknown) => x);
    expect((e as { code?: number }).code).toBe(2);
    expect((e as { stderr?: string }).stderr).toMatch(/BIO_RECORD=1/);
  });

  it('records the named scenarios into --out from --base-url and prints a summary', async () => {
    const server = await startLoopbackFixtureServer({ fixtures: [...committed.values()] });
    const out = mkdtempSync(join(tmpdir(), 'mygene-record-cli-'));
    try {
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', 'record/run.ts', 'gene-1017', 'gene-404', '--out', out, '--base-url', `${server.url}/v3`],
        {
          cwd: packageDir,
          env: { ...process.env, BIO_RECORD: '1' },
        },
      );
      expect(stdout).toMatch(/gene-1017\s+2\s+\d+\s+ok/);
      expect(stdout).toMatch(/gene-404\s+1\s+\d+\s+ok/);
      expect(readdirSync(out).sort()).toEqual(['gene-1017.json', 'gene-404.json']);
      const unrecordableRun = await run(process.execPath, ['--import', 'tsx', 'record/run.ts', 'querymany-503', '--out', out], {
        cwd: packageDir,
        env: { ...process.env, BIO_RECORD: '1' },
      }).catch((x: unknown) => x);
      expect((unrecordableRun as { code?: number }).code).toBe(2);
      expect((unrecordableRun as { stderr?: string }).stderr).toMatch(/cannot be re-recorded live/);
    } finally {
      await server.close();
      rmSync(out, { recursive: true, force: true });
    }
  });
});
