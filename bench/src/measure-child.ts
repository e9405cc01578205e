// Run one measurement in a child process so its peak RSS is its own. The suite file is compiled
// with esbuild to plain ESM first (local modules bundled, packages left as imports), so the
// child runs on bare `node` without the tsx loader, whose ~35 MB would otherwise count as ours.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const outDir = fileURLToPath(new URL('../.tmp/', import.meta.url));
const compiled = new Map<string, Promise<string>>();

function compile(suiteUrl: string): Promise<string> {
  let out = compiled.get(suiteUrl);
  if (!out) {
    const entry = fileURLToPath(suiteUrl);
    const outfile = `${outDir}${basename(entry).replace(/\.m?ts$/, '')}.child.mjs`;
    mkdirSync(outDir, { recursive: true });
    out = build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
    }).then(() => outfile);
    compiled.set(suiteUrl, out);
  }
  return out;
}

/** The median of a list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * Run `suiteUrl` (pass `import.meta.url`) as a child with `args`; the child prints one JSON line
 * with its measurement last on stdout, which is returned.
 */
export async function runMeasuredChild<T>(suiteUrl: string, args: readonly string[]): Promise<T> {
  const file = await compile(suiteUrl);
  const child = spawn(process.execPath, ['--expose-gc', file, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`child ${args.join(' ')} exited with ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').pop() ?? 'null') as T);
    });
  });
}
