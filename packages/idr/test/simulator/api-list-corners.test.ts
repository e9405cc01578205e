import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/testing/index.js';
import { IDR, serve } from './helpers.js';

// Corners of the `/api/v0/m/` lists, as omeroweb/api/views.py (ObjectsView and its subclasses)
// and api_query.py (validate_opts) answer them.
const sim = createSimulator({ maxLimit: 3 });
serve([sim]);

async function get(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await fetch(`${IDR}/api/v0/m/${path}`);
  return { status: r.status, body: await r.json() };
}

describe('simulator: /api/v0 list corners', () => {
  it('reads a negative limit as the default (then clamped) and a negative offset as 0', async () => {
    const { status, body } = await get('screens/?limit=-1&offset=-5');
    expect(status).toBe(200);
    expect(body.meta).toEqual({ offset: 0, limit: 3, maxLimit: 3, totalCount: 4 });
    expect(body.data).toHaveLength(3);
  });

  it('reads numbers as int() does: spaces around, a sign and digit-group underscores pass', async () => {
    const { status, body } = await get('screens/?limit=%202%20&offset=%2B0_1');
    expect(status).toBe(200);
    expect(body.meta).toEqual({ offset: 1, limit: 2, maxLimit: 3, totalCount: 4 });
  });

  it('answers limit=0 with an empty page and the true total', async () => {
    const { body } = await get('screens/?limit=0');
    expect([body.data, body.meta]).toEqual([[], { offset: 0, limit: 0, maxLimit: 3, totalCount: 4 }]);
  });

  it('reads an empty or malformed offset/limit/owner as int() does: a JSON 400', async () => {
    for (const query of ['limit=', 'offset=x1', 'owner=me']) {
      const { status, body } = await get(`screens/?${query}`);
      const raw = query.split('=')[1];
      expect([status, body]).toEqual([400, { message: `invalid literal for int() with base 10: '${raw}'` }]);
    }
    expect((await get('screens/?limit=+2')).body.meta).toMatchObject({ limit: 2 }); // '+' reads as a space, and int(' 2') is 2
  });

  it('fails a malformed filter or group with a 500 and a traceback (read outside the view’s try)', async () => {
    for (const path of ['images/?dataset=abc', 'plates/?screen=', 'screens/?group=all']) {
      const { status, body } = await get(path);
      const raw = path.split('=')[1];
      expect(status).toBe(500);
      expect(body.message).toBe(`invalid literal for int() with base 10: '${raw}'`);
      expect(body.stacktrace).toMatch(/^Traceback \(most recent call last\):\n[\s\S]*\nValueError: invalid literal/);
    }
  });

  it('answers a sub-list of an unknown parent with an empty page, not a 404', async () => {
    for (const path of ['screens/999999/plates/', 'datasets/999999/images/', 'plates/999999/wells/', 'plates/999999/wellsampleindex/0/wells/']) {
      const { status, body } = await get(path);
      expect([path, status, body]).toEqual([path, 200, { data: [], meta: { offset: 0, limit: 3, maxLimit: 3, totalCount: 0 } }]);
    }
  });

  it('moves owners and groups to the top level with normalize=true (api_marshal.normalize_objects)', async () => {
    const { body } = await get('screens/?normalize=true');
    expect(Object.keys(body)).toEqual(['experimenters', 'experimenterGroups', 'data', 'meta']);
    expect(body.experimenters).toEqual([expect.objectContaining({ '@id': 2, UserName: 'public' })]);
    expect(body.experimenterGroups).toEqual([expect.objectContaining({ '@id': 3, Name: 'public' })]);
    const [first] = body.data as { 'omero:details': Record<string, unknown> }[];
    expect(first?.['omero:details']).toMatchObject({ owner: { '@id': 2 }, group: { '@id': 3 } });
    expect(first?.['omero:details'].owner).toEqual({ '@id': 2 });
  });
});
