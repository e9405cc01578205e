import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('README "Testing your code"', () => {
  it('is test/simulator/readme.test.ts byte for byte', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Testing your code'));
    const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBe(readFileSync(new URL('./readme.test.ts', import.meta.url), 'utf8'));
  });
});
