#!/usr/bin/env node
// Proves what we publish works, not just what the workspace sees:
//  1. publint and attw (--pack) on every published package;
//  2. `pnpm pack` each package, install the tarballs into a fresh temporary project
//     (internal deps pointed at the tarballs too, so nothing comes from the registry but ky & co);
//  3. import every entry point from Node as ESM and via require(), check that error classes are
//     one copy across packages (instanceof works), and type-check a file that uses every entry;
//  4. run every installed binary (`bio --help` from @bio/cli) from the install;
//  5. run a downstream author's vitest file (scripts/consumer/simulators.test.ts) that uses only
//     `setupServer(...createSimulator().handlers())` from each client's `./testing` entry.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const packagesDir = join(root, 'packages');
const keep = process.argv.includes('--keep');
const onlyArg = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);

const published = readdirSync(packagesDir)
  .map((dir) => ({ dir: join(packagesDir, dir), manifest: JSON.parse(readFileSync(join(packagesDir, dir, 'package.json'), 'utf8')) }))
  .filter((p) => !p.manifest.private);
// `--only=a,b` checks a subset (handy while one package is broken); CI checks all. The subset's
// `@bio/*` dependencies are packed and installed with it (never fetched from the registry).
const only = onlyArg?.split(',').map((name) => name.replace(/^@bio\//, ''));
const packages = published.filter((p) => !only || only.includes(p.manifest.name.replace('@bio/', '')));
const packed = [...packages];
for (let i = 0; i < packed.length; i++) {
  for (const dep of Object.keys(packed[i].manifest.dependencies ?? {})) {
    const found = published.find((p) => p.manifest.name === dep);
    if (found && !packed.includes(found)) packed.push(found);
  }
}

function run(cmd, args, options = {}) {
  try {
    return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options });
  } catch (error) {
    process.stderr.write(`\n✗ ${cmd} ${args.join(' ')} (in ${options.cwd ?? root})\n${error.stdout ?? ''}${error.stderr ?? ''}\n`);
    process.exit(1);
  }
}

function entryPoints(manifest) {
  return Object.keys(manifest.exports ?? { '.': null })
    .filter((key) => key !== './package.json')
    .map((key) => (key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`));
}

console.log('# check:packages\n');
for (const { dir, manifest } of packages) {
  run(bin('publint'), ['--strict'], { cwd: dir });
  // ESM-only by design (Node ≥ 20.19 can require() it): the node16-cjs resolution of attw is
  // expected to report "CJS importing ESM", which is fine on the engines we support.
  run(bin('attw'), ['--pack', '.', '--profile', 'esm-only'], { cwd: dir });
  console.log(`✓ publint + attw  ${manifest.name}`);
}

const work = mkdtempSync(join(tmpdir(), 'bio-check-packages-'));
const tarballs = join(work, 'tarballs');
mkdirSync(tarballs);
const specs = {};
for (const { dir, manifest } of packed) {
  // pnpm pack rewrites `workspace:^` to real ranges, which npm pack would not.
  const out = run('pnpm', ['pack', '--pack-destination', tarballs], { cwd: dir }).trim().split('\n').pop();
  specs[manifest.name] = `file:${out}`;
  checkTarball(manifest.name, out);
}
console.log(`✓ packed ${packed.length} tarballs (LICENSE, CHANGELOG and README in each; every source map carries its sources)`);

// What a stranger finds in the tarball: the licence the manifest names, the changelog, and
// source maps whose stack traces resolve. Declaration maps are not built (they would point at
// src/*.ts, which is not shipped); each .js.map embeds its sources (`inlineSources`).
function checkTarball(name, tarball) {
  const unpacked = mkdtempSync(join(work, 'unpacked-'));
  run('tar', ['-xzf', tarball, '-C', unpacked]);
  const pkg = join(unpacked, 'package');
  const problems = [];
  for (const file of ['LICENSE', 'CHANGELOG.md', 'README.md']) {
    if (!existsSync(join(pkg, file))) problems.push(`${file} is missing`);
  }
  if (existsSync(join(pkg, 'LICENSE')) && readFileSync(join(pkg, 'LICENSE'), 'utf8') !== readFileSync(join(root, 'LICENSE'), 'utf8')) {
    problems.push('LICENSE differs from the repository LICENSE');
  }
  const maps = run('find', [pkg, '-name', '*.map']).trim().split('\n').filter(Boolean);
  for (const map of maps) {
    const rel = map.slice(pkg.length + 1);
    if (map.endsWith('.d.ts.map')) {
      problems.push(`${rel}: a declaration map pointing at sources that are not shipped`);
      continue;
    }
    const { sources = [], sourcesContent = [] } = JSON.parse(readFileSync(map, 'utf8'));
    sources.forEach((source, i) => {
      if (typeof sourcesContent[i] !== 'string') problems.push(`${rel}: no content for ${source}`);
    });
  }
  if (maps.length === 0 && existsSync(join(pkg, 'dist'))) problems.push('no source maps at all');
  rmSync(unpacked, { recursive: true, force: true });
  if (problems.length > 0) {
    console.error(`✗ ${name} tarball:\n  ${problems.slice(0, 10).join('\n  ')}${problems.length > 10 ? `\n  … and ${problems.length - 10} more` : ''}`);
    process.exit(1);
  }
}

const project = join(work, 'project');
mkdirSync(project);
// The simulator test needs every client; vitest at the version the repository tests with.
const clients = ['@bio/mygene', '@bio/intermine', '@bio/idr', '@bio/molgenis'];
const withSimulators = clients.every((name) => specs[name]);
const vitestVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'vitest', 'package.json'), 'utf8')).version;
const testDependencies = withSimulators ? { vitest: vitestVersion } : {};
writeFileSync(
  join(project, 'package.json'),
  JSON.stringify(
    { name: 'bio-consumer', private: true, type: 'module', dependencies: { ...specs, msw: '^2.15.0', ...testDependencies }, overrides: specs },
    null,
    2,
  ),
);
run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project });
console.log('✓ installed the tarballs into a fresh project');

// One copy of @bio/core-http in the install, whatever depends on it.
const copies = run('find', [join(project, 'node_modules'), '-path', '*/@bio/core-http/package.json'])
  .trim()
  .split('\n')
  .filter(Boolean);
if (copies.length !== 1) {
  console.error(`✗ expected one installed copy of @bio/core-http, found ${copies.length}:\n${copies.join('\n')}`);
  process.exit(1);
}
console.log('✓ one copy of @bio/core-http in the install');

const entries = packed.flatMap(({ manifest }) => entryPoints(manifest));
const esm = [
  ...entries.map((e, i) => `import * as m${i} from '${e}';`),
  `const all = { ${entries.map((e, i) => `'${e}': m${i}`).join(', ')} };`,
  `for (const [name, mod] of Object.entries(all)) { if (Object.keys(mod).length === 0) throw new Error(name + ' exports nothing'); }`,
  // One copy of the error hierarchy: an error made by a client is an instance of core-http's class.
  // (ValidationError is a BioError, not an HTTP error, since the core-http client contract.)
  `const { BioError, ValidationError } = all['@bio/core-http'];`,
  `const e = new ValidationError({ message: 'x' });`,
  `if (!(e instanceof BioError)) throw new Error('instanceof broken');`,
  // An error raised inside a client package is an instance of the class the user imports.
  `if (all['@bio/mygene']) {`,
  `  const err = await new all['@bio/mygene'].MyGene().query('cdk2', { size: 5000 }).catch((x) => x);`,
  `  if (!(err instanceof ValidationError)) throw new Error('a @bio/mygene ValidationError is not an instance of @bio/core-http ValidationError: ' + err);`,
  `}`,
  `console.log('esm ok: ' + Object.keys(all).length + ' entry points');`,
].join('\n');
writeFileSync(join(project, 'esm.mjs'), esm);
process.stdout.write(`✓ ${run('node', ['esm.mjs'], { cwd: project }).trim()}\n`);

const cjs = [
  `const entries = ${JSON.stringify(entries)};`,
  `for (const e of entries) { const m = require(e); if (Object.keys(m).length === 0) throw new Error(e + ' exports nothing via require'); }`,
  `console.log('require ok: ' + entries.length + ' entry points');`,
].join('\n');
writeFileSync(join(project, 'cjs.cjs'), cjs);
process.stdout.write(`✓ ${run('node', ['cjs.cjs'], { cwd: project }).trim()}\n`);

// Type-check a consumer file that touches every entry point's exports.
writeFileSync(
  join(project, 'consumer.ts'),
  [
    ...entries.map((e, i) => `import * as m${i} from '${e}';`),
    `export const modules = [${entries.map((_, i) => `m${i}`).join(', ')}] as const;`,
    `import { createHttpClient, isBioHttpError, type HttpClient } from '@bio/core-http';`,
    `export const client: HttpClient = createHttpClient({ baseUrl: 'https://example.org/' });`,
    `export const guard: (e: unknown) => boolean = isBioHttpError;`,
  ].join('\n'),
);
writeFileSync(
  join(project, 'tsconfig.json'),
  JSON.stringify({
    compilerOptions: {
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      target: 'ES2022',
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      types: [],
    },
    files: ['consumer.ts'],
  }),
);
run(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: project });
console.log('✓ a consumer file type-checks against the published declarations');

// Every `bin` of a checked package runs from the installed tarball (npm links it into .bin).
for (const { manifest } of packages) {
  for (const name of Object.keys(manifest.bin ?? {})) {
    const help = run(join(project, 'node_modules', '.bin', name), ['--help'], { cwd: project });
    if (!help.includes(`Usage: ${name} `)) {
      console.error(`✗ ${name} --help (from ${manifest.name}) printed no usage line:\n${help}`);
      process.exit(1);
    }
    console.log(`✓ ${name} --help runs from the installed ${manifest.name}`);
  }
}

if (withSimulators) {
  copyFileSync(join(root, 'scripts', 'consumer', 'simulators.test.ts'), join(project, 'simulators.test.ts'));
  const out = run(join(project, 'node_modules', '.bin', 'vitest'), ['run', '--reporter=dot'], { cwd: project, env: { ...process.env, CI: 'true' } });
  const summary = out.split('\n').find((line) => /Tests\s+\d+ passed/.test(line.replace(/\x1b\[[0-9;]*m/g, '')));
  console.log(`✓ a downstream test file runs on the simulators from the tarballs (${summary?.replace(/\x1b\[[0-9;]*m/g, '').trim() ?? 'passed'})`);
}

if (keep) console.log(`(kept ${work})`);
else rmSync(work, { recursive: true, force: true });
console.log('\ncheck:packages passed');
