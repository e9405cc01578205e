#!/usr/bin/env node
// `pnpm test:runtimes` — the support matrix beyond the Node the repository builds with:
//   node22, node24  every vitest project (packages/*, chaos) on that Node line;
//   bun, deno       examples/runtime-smoke.ts: every client against its simulator on loopback.
// Each runtime comes from the npm registry (node-<os>-<arch>@22/@24, bun, deno; the registry
// is the only network CI has) into .tmp/runtimes/, reused when already there. Run after
// `pnpm build` (the smoke and the CLI tests use the built packages).
//
// Usage: node scripts/runtimes.mjs [node22,node24,bun,deno]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cache = join(root, '.tmp', 'runtimes');
const platform = `${process.platform}-${process.arch}`;

const runtimes = {
  node22: { pkg: `node-${platform}@22`, bin: `node_modules/node-${platform}/bin/node`, run: vitestOn },
  node24: { pkg: `node-${platform}@24`, bin: `node_modules/node-${platform}/bin/node`, run: vitestOn },
  bun: { pkg: 'bun@1', bin: 'node_modules/.bin/bun', run: (bin) => smoke(bin, []) },
  deno: { pkg: 'deno@2', bin: 'node_modules/.bin/deno', run: (bin) => smoke(bin, ['run', '-A']) },
};
const wanted = process.argv[2] ? process.argv[2].split(',') : Object.keys(runtimes);
for (const name of wanted) if (!runtimes[name]) throw new Error(`unknown runtime ${name}; known: ${Object.keys(runtimes).join(', ')}`);

function sh(cmd, args, options = {}) {
  const started = performance.now();
  const result = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
  return { ...result, seconds: (performance.now() - started) / 1000 };
}

function install(name) {
  const { pkg, bin } = runtimes[name];
  const prefix = join(cache, name);
  const path = join(prefix, bin);
  if (!existsSync(path)) {
    mkdirSync(prefix, { recursive: true });
    const r = sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--prefix', prefix, pkg]);
    if (r.status !== 0 || !existsSync(path)) throw new Error(`could not install ${pkg} from the npm registry:\n${r.stderr}`);
  }
  return path;
}

/** Every workspace project with a vitest suite, run on `node`. */
function vitestOn(node) {
  const projects = [...readdirSync(join(root, 'packages')).map((d) => join(root, 'packages', d)), join(root, 'chaos')].filter((dir) => {
    const manifest = join(dir, 'package.json');
    return existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).scripts?.test === 'vitest run';
  });
  let passed = 0;
  let failed = 0;
  const failures = [];
  const env = { ...process.env, PATH: `${join(node, '..')}:${process.env.PATH}` }; // child `node` processes are this one too
  for (const dir of projects) {
    const r = sh(node, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], { cwd: dir, env });
    const out = `${r.stdout}${r.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
    const line = out.match(/^\s*Tests\s+(.*)$/m)?.[1] ?? '';
    passed += Number(line.match(/(\d+) passed/)?.[1] ?? 0);
    failed += Number(line.match(/(\d+) failed/)?.[1] ?? 0);
    if (r.status !== 0) failures.push(`${dir.slice(root.length)}: exit ${r.status}\n${out.split('\n').slice(-40).join('\n')}`);
  }
  return { ok: failures.length === 0, summary: `${passed} passed, ${failed} failed in ${projects.length} projects`, failures };
}

function smoke(bin, args) {
  // A watchdog: a runtime that keeps running after the smoke printed its result fails here.
  const r = sh(bin, [...args, join(root, 'examples', 'runtime-smoke.ts')], { cwd: root, timeout: 120_000, env: { ...process.env, DENO_NO_UPDATE_CHECK: '1' } });
  const out = `${r.stdout}${r.stderr}`;
  const ok = r.status === 0 && /runtime smoke passed/.test(out);
  return {
    ok,
    summary: `${(out.match(/^ok /gm) ?? []).length} checks`,
    failures: ok ? [] : [`${r.error ? `${r.error.message}\n` : ''}${out.split('\n').slice(-30).join('\n')}`],
  };
}

let allOk = true;
console.log('| runtime | version | result | seconds |\n| --- | --- | --- | ---: |');
const details = [];
for (const name of wanted) {
  const started = performance.now();
  const bin = install(name);
  const version = sh(bin, ['--version']).stdout.trim().split('\n')[0];
  const { ok, summary, failures } = runtimes[name].run(bin);
  allOk &&= ok;
  console.log(`| ${name} | ${version} | ${ok ? '✓' : '✗'} ${summary} | ${((performance.now() - started) / 1000).toFixed(0)} |`);
  details.push(...failures.map((f) => `## ${name}\n${f}`));
}
if (details.length > 0) console.error(`\n${details.join('\n\n')}`);
process.exit(allOk ? 0 : 1);
