import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

it('the README "Testing your code" block is readme-testing.test.ts, byte for byte', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Testing your code'));
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  expect(block).toBe(readFileSync(new URL('./readme-testing.test.ts', import.meta.url), 'utf8'));
});
