import { defineProject } from 'vitest/config';
import { silentSetup, workspaceAliases } from '../../vitest.shared.js';

// The live suite (test/live/*.live.ts) calls the real IDR and runs only with BIO_LIVE=1.
const live = process.env.BIO_LIVE === '1';

export default defineProject({
  resolve: { alias: workspaceAliases() },
  test: {
    name: '@bio/idr',
    setupFiles: [silentSetup],
    include: live ? ['test/live/**/*.live.ts'] : ['test/**/*.test.ts'],
    testTimeout: live ? 120_000 : 20_000,
  },
});
