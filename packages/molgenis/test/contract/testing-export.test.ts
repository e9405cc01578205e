import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Molgenis } from '../../src/index.js';
import { DEFAULT_BASE_URL, fixtures, handlers } from '../../src/testing/index.js';

const server = setupServer(...handlers());
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('@bio/molgenis/testing', () => {
  it('lists every fixture', () => {
    const names = fixtures().map((f) => f.name);
    expect(names).toContain('read-paging');
    expect(names).toContain('import-finished');
    expect(names.length).toBeGreaterThanOrEqual(15);
  });

  it('handlers() replay the fixtures on DEFAULT_BASE_URL', async () => {
    const m = new Molgenis({ baseUrl: DEFAULT_BASE_URL, retry: 0 });
    const meta = await m.getEntityMetaData('demo_sightings');
    expect(meta.idAttribute).toBe('id');
  });

  it('handlers({ baseUrl }) serve another origin', async () => {
    const other = setupServer(...handlers({ baseUrl: 'https://molgenis.other.example/' }));
    server.close();
    other.listen({ onUnhandledRequest: 'error' });
    try {
      const m = new Molgenis({ baseUrl: 'https://molgenis.other.example/api/v2/', retry: 0 });
      expect((await m.getAttributeMetaData('demo_sightings', 'year')).fieldType).toBe('INT');
    } finally {
      other.close();
      server.listen({ onUnhandledRequest: 'error' });
    }
  });
});
