// The published packages of the repository and the types files of their `exports` entries: one
// listing for the scripts that read every public entry (API reports, doc coverage).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every non-private package under `<root>/packages`, sorted by folder, with its typed entries. */
export function publishedPackages(root) {
  const out = [];
  for (const dir of readdirSync(join(root, 'packages')).sort()) {
    const pkgDir = join(root, 'packages', dir);
    const pkgFile = join(pkgDir, 'package.json');
    if (!existsSync(pkgFile)) continue;
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
    if (pkg.private) continue;
    const entries = [];
    for (const [key, target] of Object.entries(pkg.exports ?? {})) {
      if (typeof target === 'object' && target !== null && typeof target.types === 'string') entries.push({ key, dts: join(pkgDir, target.types) });
    }
    out.push({ name: pkg.name, dir, pkgDir, pkgFile, entries });
  }
  return out;
}
