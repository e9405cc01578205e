import { describe, expect, it } from 'vitest';
import { runSession } from '../../../../examples/molgenis-session.js';
import { BASE, fixture, useFixtureServer } from '../helpers.js';

const server = useFixtureServer();
const ZIP = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode(' emx demo: entities.tsv attributes.tsv demo_sightings.tsv')]);

describe('examples/molgenis-session.ts', () => {
  it('runs the whole session against the fixtures (token on every call after login)', async () => {
    server.use(fixture('session-example'));
    const urls: string[] = [];
    const logged: typeof fetch = (input, init) => {
      urls.push(input instanceof Request ? input.url : String(input));
      return globalThis.fetch(input, init);
    };
    const summary = await runSession(
      { baseUrl: `${BASE}/api/`, retry: 0, fetch: logged },
      'data-manager',
      'dm-secret',
      { name: 'demo_sightings.zip', data: ZIP },
      0,
    );
    expect(summary).toEqual({
      user: 'data-manager',
      matches: ['celiac_0007', 'celiac_0012', 'celiac_0031'],
      personId: 'aaaac3zw2k5sphpcqtrv6yaaae',
      sightingIds: ['157', '158', '159'],
      importStatus: 'FINISHED',
      importedEntities: 'demo_sightings',
    });
    expect(urls).toHaveLength(10);
    expect(urls.at(-1)).toBe('https://molgenis.example.org/api/v1/logout');
  });
});
