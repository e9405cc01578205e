// The repository's documented way to run the CLI: `pnpm bio …` from the root (README, "Other
// tasks"). Runs that exact command line through a shell from the repository root: the root
// script builds @bio/cli with turbo (a cache hit after the test task's own build) and passes the
// arguments through to the binary.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type BinResult, outputOf, tsv } from './run-bin.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

function sh(command: string): Promise<BinResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', TURBO_TELEMETRY_DISABLED: '1' };
  delete env.NODE_OPTIONS;
  delete env.INTERMINE_TOKEN;
  delete env.MOLGENIS_TOKEN;
  return outputOf(spawn('/bin/sh', ['-c', command], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }));
}

describe('pnpm bio (root script, as documented in README.md)', () => {
  const readme = readFileSync(`${ROOT}README.md`, 'utf8');
  const otherTasks = readme.slice(readme.indexOf('Other tasks:'));

  it('the README documents it under "Other tasks" and the root package.json has the script', () => {
    expect(otherTasks.replace(/\s+/g, ' ')).toContain('`pnpm bio mygene gene 1017`');
    expect(otherTasks.replace(/\s+/g, ' ')).toContain('`pnpm bio --offline mygene gene 1017`');
    const scripts = (JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.bio).toMatch(/node packages\/cli\/dist\/bin\.js$/);
  });

  it('`pnpm bio --offline mygene gene 1017` prints the gene, arguments passed through', { timeout: 120_000 }, async () => {
    const r = await sh('pnpm bio --offline mygene gene 1017');
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: expect.not.stringMatching(/^error:/m) });
    // pnpm echoes the script (`> bio-clients@ bio …`) before the binary's own output.
    const rows = tsv(r.stdout.slice(r.stdout.indexOf('symbol\tname')));
    expect(rows).toEqual([
      ['symbol', 'name'],
      ['CDK2', 'cyclin dependent kinase 2'],
    ]);
  });

  it('`pnpm bio --help` lists every service', { timeout: 120_000 }, async () => {
    const r = await sh('pnpm bio --help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: bio [options] [command]');
    for (const service of ['mygene', 'intermine', 'idr', 'molgenis', 'rsql']) expect(r.stdout).toContain(service);
  });
});
