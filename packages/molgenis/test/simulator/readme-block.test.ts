// The README's "Testing your code" block must be, byte for byte, test/simulator/readme.test.ts
// (which vitest runs), so the documented code is the tested code.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

it('README "Testing your code" is readme.test.ts', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Testing your code'));
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  expect(block).toBe(readFileSync(new URL('./readme.test.ts', import.meta.url), 'utf8'));
});
