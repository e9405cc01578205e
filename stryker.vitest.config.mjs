// The vitest config Stryker runs in its sandbox (see stryker.package.config.mjs). It is the
// packages' own vitest.config.ts (the same for every package: workspace aliases, the silent
// setup, test/**/*.test.ts, 20 s), rooted at the package under test — rebuilt here because a
// config can only bundle static imports — plus aliases for `ky` and `fflate`: pnpm links them only
// under packages/core-http/node_modules and packages/molgenis/node_modules, symlinks the sandbox
// does not copy. They are never mutated, so the working tree's copies are loaded.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';
import { silentSetup, workspaceAliases } from './vitest.shared.ts';

const pkg = process.env.BIO_MUTATE_PKG ?? 'rsql';
const here = fileURLToPath(new URL('.', import.meta.url));
const ky = process.env.BIO_KY_DIR ? [{ find: /^ky$/, replacement: `${realpathSync(process.env.BIO_KY_DIR)}/distribution/index.js` }] : [];
const fflate = process.env.BIO_FFLATE_DIR ? [{ find: /^fflate$/, replacement: `${realpathSync(process.env.BIO_FFLATE_DIR)}/esm/index.mjs` }] : [];

export default defineConfig({
  root: `${here}packages/${pkg}`,
  resolve: { alias: [...workspaceAliases(), ...ky, ...fflate] },
  test: {
    name: `@bio/${pkg}`,
    setupFiles: [silentSetup],
    // BIO_MUTATE_TESTS=a,b: only these test files (globs under the package), when the whole suite
    // per mutant does not fit the time box; docs/quality.md names the tests each score used.
    include: process.env.BIO_MUTATE_TESTS ? process.env.BIO_MUTATE_TESTS.split(',') : ['test/**/*.test.ts'],
    // The simulators' speed budgets (`answers a 1,000-term batch within 2 s`) measure the machine
    // and the simulator, not the mutated client code: on shared cores they fail the dry run.
    exclude: [...configDefaults.exclude, 'test/simulator/scale.test.ts'],
    testTimeout: 20_000,
  },
});
