#!/usr/bin/env node
// `pnpm pack:all [--out <dir>]`: the packages as tarballs you can install before they are on the
// registry. A lone tarball cannot be installed: its `@bio/core-http@^0.0.0` dependency would be
// looked up on the registry, where it does not exist yet. So this packs every published package
// (pnpm pack turns `workspace:^` into real ranges), and prints what to put in your project's
// package.json: the clients you want as dependencies, and `overrides` that point every `@bio/*`
// package at its tarball, so npm resolves the internal dependencies from the same folder.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = resolve(values.out ?? join(root, '.tmp', 'packs'));
mkdirSync(out, { recursive: true });

const tarballs = {};
for (const dir of readdirSync(join(root, 'packages')).sort()) {
  const manifest = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
  if (manifest.private) continue;
  const printed = execFileSync('pnpm', ['pack', '--pack-destination', out], { cwd: join(root, 'packages', dir), encoding: 'utf8' });
  tarballs[manifest.name] = `file:${printed.trim().split('\n').pop()}`;
}
console.error(`packed ${Object.keys(tarballs).length} packages into ${out}`);
// stdout: the package.json fragment, so `node scripts/pack.mjs > fragment.json` works.
console.log(JSON.stringify({ dependencies: tarballs, overrides: tarballs }, null, 2));
console.error('Add the "overrides" block and the dependencies you want (e.g. "@bio/mygene") to your package.json, then run npm install.');
