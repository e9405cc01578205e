import { isNotFoundError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { Registry } from '../../src/index.js';
import { useFixtureServer } from './setup.js';

useFixtureServer();

describe('registry', () => {
  it('lists mines, filters by organism, finds one and connects', async () => {
    const registry = new Registry({ retry: 0 });
    expect((await registry.mines()).map((m) => m.name)).toEqual(['FlyMine', 'HumanMine']);
    expect((await registry.mines({ organism: 'h. sapiens' })).map((m) => m.name)).toEqual(['HumanMine']);
    const info = await registry.mine('flymine');
    expect(info.url).toBe('https://www.flymine.org/flymine');
    const flymine = await registry.connect('flymine', { retry: 0 });
    expect(flymine.baseUrl).toBe('https://www.flymine.org/flymine/service');
    expect(await flymine.version()).toBe(33);
  });
  it('404 for an unknown mine', async () => {
    const error = await new Registry({ retry: 0 }).mine('nomine').catch((e: unknown) => e);
    expect(isNotFoundError(error)).toBe(true);
  });
});
