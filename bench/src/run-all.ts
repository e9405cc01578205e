// Runs every benchmark suite in sequence (one at a time: 2 cores, and each measures RSS).
// Each suite is a separate module under src/suites/ exporting `run(): Promise<void>`.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const only = process.argv.slice(2);
const dir = fileURLToPath(new URL('./suites/', import.meta.url));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .sort();
for (const file of files) {
  const name = file.replace(/\.ts$/, '');
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n## ${name}\n`);
  // Each suite runs in its own child process so peak RSS is its own.
  const { spawnSync } = await import('node:child_process');
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', `${dir}${file}`], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`suite ${name} failed with exit code ${result.status}`);
    process.exitCode = 1;
  }
}
