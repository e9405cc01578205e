// The vitest config Stryker runs in its sandbox (see stryker.package.config.mjs). It is the
// packages' own vitest.config.ts (the same for every package: workspace aliases, the silent
// setup, test/**/*.test.ts, 20 s), rooted at the package under test — rebuilt here because a
// config can only bundle static imports — plus an alias for `ky`: pnpm links it only under
// packages/core-http/node_modules, a symlink the sandbox does not copy. ky is never mutated, so
// the working tree's copy is loaded.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { silentSetup, workspaceAliases } from './vitest.shared.ts';

const pkg = process.env.BIO_MUTATE_PKG ?? 'rsql';
const here = fileURLToPath(new URL('.', import.meta.url));
const ky = process.env.BIO_KY_DIR ? [{ find: /^ky$/, replacement: `${realpathSync(process.env.BIO_KY_DIR)}/distribution/index.js` }] : [];

export default defineConfig({
  root: `${here}packages/${pkg}`,
  resolve: { alias: [...workspaceAliases(), ...ky] },
  test: { name: `@bio/${pkg}`, setupFiles: [silentSetup], include: ['test/**/*.test.ts'], testTimeout: 20_000 },
});
