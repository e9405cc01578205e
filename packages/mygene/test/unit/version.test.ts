import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/internal/version.js';

describe('VERSION', () => {
  it('matches package.json (run `pnpm build` or `node scripts/write-version.mjs` after a version bump)', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });
});
