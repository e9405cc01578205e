// The simulator example of README.md ("Testing your code") is test/simulator/readme-example.test.ts
// byte for byte, so the README's code runs as written: that file is an ordinary test of this suite.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

it('the README simulator example is readme-example.test.ts, byte for byte', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Testing your code'));
  const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)]
    .map((m) => m[1])
    .filter((b) => b?.includes("from '@bio/mygene/testing'") && b.includes('createSimulator('));
  expect(blocks).toHaveLength(1);
  expect(blocks[0]).toBe(readFileSync(new URL('./readme-example.test.ts', import.meta.url), 'utf8'));
});
