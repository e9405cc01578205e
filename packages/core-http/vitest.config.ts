import { defineProject } from 'vitest/config';
import { silentSetup, workspaceAliases } from '../../vitest.shared.js';

export default defineProject({
  resolve: { alias: workspaceAliases() },
  test: { name: '@bio/core-http', setupFiles: [silentSetup], include: ['test/**/*.test.ts'], testTimeout: 20_000 },
});
