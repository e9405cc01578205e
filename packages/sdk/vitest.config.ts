import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.js';

export default defineProject({
  resolve: { alias: workspaceAliases() },
  test: { name: '@bio/sdk', include: ['test/**/*.test.ts'], testTimeout: 60_000 },
});
