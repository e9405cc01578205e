// Reproductions of client bugs found by the chaos suite, kept out of the green suite until fixed:
// `npx vitest run -c vitest.known-bugs.config.ts` (each test fails while its bug is there).
import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../vitest.shared.js';

export default defineProject({
  resolve: { alias: workspaceAliases() },
  test: { name: '@bio/chaos known bugs', include: ['known-bugs/**/*.test.ts'], testTimeout: 60_000 },
});
