import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/testing/index.js';
import { IDR, serve } from './helpers.js';

// The webclient tree lists (omeroweb/webclient/views.py api_plate_list & co., tree.py): page and
// limit go through int() inside a try (a failure, an empty value included, is the 400 text), and
// tree.py pages only when page > 0.
const sim = createSimulator();
serve([sim]);

async function plates(query: string): Promise<{ status: number; text: string }> {
  const r = await fetch(`${IDR}/webclient/api/plates/?id=102&${query}`);
  return { status: r.status, text: await r.text() };
}

describe('simulator: webclient/api list paging corners', () => {
  it('does not page when page is 0 or negative', async () => {
    for (const page of ['0', '-1']) {
      const { status, text } = await plates(`page=${page}&limit=5`);
      expect([page, status, JSON.parse(text).plates.length]).toEqual([page, 200, 12]);
    }
  });

  it('answers an empty or malformed page, limit or group with the 400 text', async () => {
    for (const query of ['page=', 'limit=', 'group=public', 'page=two']) {
      expect([query, await plates(query)]).toEqual([query, { status: 400, text: 'Invalid parameter value' }]);
    }
  });
});
