#!/usr/bin/env node
// `pnpm check:fixtures`: every fixture a package ships says where it came from — `provenance`
// `recorded` (date, origin, service version) or `written` (from which reference) — and is a valid
// fixture (the same validation `loadFixtures` applies). Run after `pnpm build`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateFixture } from '../packages/core-http/dist/testing/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const counts = { recorded: 0, written: 0 };
const problems = [];
for (const pkg of readdirSync(join(root, 'packages')).sort()) {
  let files;
  try {
    // Recursive, as loadFixtures reads them (InterMine keeps its fixtures in folders).
    files = readdirSync(join(root, 'packages', pkg, 'fixtures'), { recursive: true }).filter((f) => f.endsWith('.json'));
  } catch {
    continue;
  }
  for (const file of files) {
    const path = `packages/${pkg}/fixtures/${file}`;
    try {
      const fixture = validateFixture(JSON.parse(readFileSync(join(root, path), 'utf8')), path);
      if (!fixture.provenance) problems.push(`${path}: no "provenance" (recorded or written?)`);
      else counts[fixture.provenance.kind]++;
    } catch (error) {
      problems.push(error.message);
    }
  }
}
if (problems.length > 0) {
  console.error(`✗ fixtures:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`✓ fixtures: ${counts.recorded + counts.written} with provenance (${counts.recorded} recorded, ${counts.written} written)`);
