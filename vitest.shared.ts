import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));
const names = ['core-http', 'rsql', 'mygene', 'intermine', 'idr', 'molgenis', 'sdk', 'cli'];

/**
 * Resolve `@bio/*` imports to the sibling packages' sources, so tests see the code as it is
 * in the working tree without a build step. The built output is checked separately by
 * `pnpm check:packages`, which installs the packed tarballs.
 */
export function workspaceAliases(): { find: RegExp; replacement: string }[] {
  const aliases: { find: RegExp; replacement: string }[] = [];
  for (const name of names) {
    const testing = `${packagesDir}${name}/src/testing/index.ts`;
    if (existsSync(testing)) aliases.push({ find: new RegExp(`^@bio/${name}/testing$`), replacement: testing });
    const errorsEntry = `${packagesDir}${name}/src/errors.ts`;
    if (name === 'core-http') aliases.push({ find: new RegExp(`^@bio/${name}/errors$`), replacement: errorsEntry });
    const nodeEntry = `${packagesDir}${name}/src/node.ts`;
    if (existsSync(nodeEntry)) aliases.push({ find: new RegExp(`^@bio/${name}/node$`), replacement: nodeEntry });
    // Other subpath entries (`@bio/molgenis/emx2`): src/<entry>/index.ts.
    for (const entry of ['emx2']) {
      const file = `${packagesDir}${name}/src/${entry}/index.ts`;
      if (existsSync(file)) aliases.push({ find: new RegExp(`^@bio/${name}/${entry}$`), replacement: file });
    }
    aliases.push({ find: new RegExp(`^@bio/${name}$`), replacement: `${packagesDir}${name}/src/index.ts` });
  }
  return aliases;
}

/** The setup file that fails a test when a library prints anything (see the file's header). */
export const silentSetup = fileURLToPath(new URL('./scripts/vitest-silent-setup.ts', import.meta.url));
