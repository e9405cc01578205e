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
  const child = spawnBio(args, options);
  child.stdin?.end(options.input ?? '');
  return outputOf(child);
}

/** Start `node dist/bin.js ...args` (same environment as {@link bio}) and return the child, stdin open. */
export function spawnBio(args: readonly string[], options: { env?: Record<string, string>; cwd?: string } = {}): ChildProcess {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build @bio/cli first (pnpm build, or npx tsc -p tsconfig.build.json)`);
  const home = scratch();
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (
      value !== undefined &&
      !/^(INTERMINE_TOKEN|MOLGENIS_TOKEN|MOLGENIS_URL|MOLGENIS_EMX2_TOKEN|MOLGENIS_EMX2_URL|MYGENE_URL|INTERMINE_URL|IDR_URL|BIO_CONFIG|NODE_OPTIONS|VITEST.*)$/.test(
        key,
      )
    )
      env[key] = value;
  }
  Object.assign(env, { HOME: home, NO_COLOR: '1' }, options.env);
  return spawn(process.execPath, [BIN, ...args], { env, cwd: options.cwd ?? home, stdio: ['pipe', 'pipe', 'pipe'] });
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

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A zip archive of text files, stored without compression (enough for an EMX upload). */
export function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30 + nameBytes.length + data.length);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    nameBytes.copy(local, 30);
    data.copy(local, 30 + nameBytes.length);
    const central = Buffer.alloc(46 + nameBytes.length);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    nameBytes.copy(central, 46);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length, 8);
  end.writeUInt16LE(centrals.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** An EMX upload for the MOLGENIS simulator: two new rows of its built-in `demo_sightings`. */
export const SIGHTINGS_ZIP = (): Buffer => zip({ 'demo_sightings.tsv': 'id\ttype\tyear\n156\tselkie\t1998\n157\tbanshee\t1999\n' });
