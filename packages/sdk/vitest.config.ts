import { defineProject } from 'vitest/config';
import { silentSetup, workspaceAliases } from '../../vitest.shared.js';

export default defineProject({
  resolve: { alias: workspaceAliases() },
  test: { name: '@bio/sdk', setupFiles: [silentSetup], include: ['test/**/*.test.ts'], testTimeout: 60_000 },
});
