// Runs the REAL built `bio` binary (dist/bin.js) in a child process, the way a user would.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built binary; the package's `test` task runs after its own build (turbo.json). */
export const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

/** A scratch directory per test file (config files, thumbnails, zips). */
export function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'bio-cli-'));
}

/** What a run printed and how it ended. */
export interface BinResult {
  code: number | null;
  stdout: string;
  stderr: string;
  bytes: Buffer;
}

/**
 * Run `node dist/bin.js ...args`. The environment is the test's minus any real tokens or
 * config (HOME points at an empty directory), plus `env`.
 */
export function bio(args: readonly string[], options: { input?: string; env?: Record<string, string>; cwd?: string } = {}): Promise<BinResult> {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build @bio/cli first (pnpm build, or npx tsc -p tsconfig.build.json)`);
  const home = scratch();
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(INTERMINE_TOKEN|MOLGENIS_TOKEN|MOLGENIS_URL|BIO_CONFIG|NODE_OPTIONS|VITEST.*)$/.test(key)) env[key] = value;
  }
  Object.assign(env, { HOME: home, NO_COLOR: '1' }, options.env);
  const child = spawn(process.execPath, [BIN, ...args], { env, cwd: options.cwd ?? home, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin?.end(options.input ?? '');
  return outputOf(child);
}

/** Everything a child process prints, and its exit code, once it closes. */
export function outputOf(child: ChildProcess): Promise<BinResult> {
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (c: Buffer) => out.push(c));
    child.stderr?.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      const bytes = Buffer.concat(out);
      resolve({ code, stdout: bytes.toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), bytes });
    });
  });
}

/** Split TSV output into rows of cells (header first). */
export function tsv(text: string): string[][] {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => line.split('\t'));
}
