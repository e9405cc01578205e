// Anything but GET on /api/v0/m/ (omero-web api/views.py ApiView + api/decorators.py, Django's
// CsrfViewMiddleware with omero-web's `csrf_failure` view), and a negative `limit` on the webclient
// lists where tree.py never reads it (page ≤ 0, or no ids to annotate).
import { isForbiddenError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { sessionAuth } from '../../src/index.js';
import { createSimulator, IDR_SIMULATOR_USERS } from '../../src/testing/index.js';
import { failure, IDR, newIdr, serve } from './helpers.js';

const sim = createSimulator();
serve([sim]);

/** A CSRF token and its cookie, as `/api/v0/token/` hands them out. */
async function token(): Promise<{ token: string; cookie: string }> {
  const r = await fetch(`${IDR}/api/v0/token/`);
  const token = ((await r.json()) as { data: string }).data;
  return { token, cookie: `csrftoken=${token}` };
}

async function send(method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown; version: string | null }> {
  const r = await fetch(`${IDR}${path}`, { method, headers });
  const text = await r.text();
  return { status: r.status, body: text.startsWith('{') ? JSON.parse(text) : text, version: r.headers.get('x-omero-apiversion') };
}

describe('simulator: POST/DELETE on /api/v0/m/', () => {
  it('checks CSRF first: omero-web’s csrf_failure answers JSON 403 with the reason', async () => {
    for (const method of ['POST', 'DELETE', 'PUT']) {
      const { status, body } = await send(method, '/api/v0/m/screens/', { referer: `${IDR}/` });
      expect([method, status, body]).toEqual([method, 403, { message: 'CSRF Failed: CSRF cookie not set.' }]);
    }
    expect((await send('POST', '/api/v0/m/images/1229801/')).body).toEqual({ message: 'CSRF Failed: Referer checking failed - no Referer.' });
  });

  it('then refuses the public user anything but GET: {"message": "Not logged in"} (403)', async () => {
    const t = await token();
    const headers = { referer: `${IDR}/`, cookie: t.cookie, 'x-csrftoken': t.token };
    expect(await send('POST', '/api/v0/m/screens/', headers)).toEqual({ status: 403, body: { message: 'Not logged in' }, version: null });
    expect((await send('DELETE', '/api/v0/m/screens/102/', headers)).status).toBe(403);
    expect((await send('HEAD', '/api/v0/m/screens/')).status).toBe(403);
    expect((await send('POST', '/api/v0/m/nothing/', headers)).status).toBe(404);
  });

  it('logged in: a list’s missing handler fails JSON-encoding (500); DELETE of one object as ObjectView.delete', async () => {
    const idr = newIdr({ auth: sessionAuth() });
    await idr.login({ username: 'alice', password: IDR_SIMULATOR_USERS[0]!.password });
    const t = await token();
    const headers = { referer: `${IDR}/`, cookie: `sessionid_idr=${idr.sessionCookies().sessionid_idr}; ${t.cookie}`, 'x-csrftoken': t.token };
    const post = await send('POST', '/api/v0/m/screens/', headers);
    expect([post.status, (post.body as { message: string }).message, post.version]).toEqual([
      500,
      'In order to allow non-dict objects to be serialized set the safe parameter to False.',
      '0.2',
    ]);
    expect(post.body).toHaveProperty('stacktrace');
    expect((await send('DELETE', '/api/v0/m/screens/102/plates/', headers)).status).toBe(500);
    const image = await send('DELETE', '/api/v0/m/images/1229801/', headers);
    expect([image.status, (image.body as { message: string }).message]).toEqual([405, 'Delete of Image not supported']);
    const missing = await send('DELETE', '/api/v0/m/rois/999/', headers);
    expect([missing.status, (missing.body as { message: string }).message]).toEqual([404, 'Roi 999 not found']);
  });

  it('a CSRF refusal reaches the user as ForbiddenError with the reason', async () => {
    const error = await failure(newIdr({ auth: sessionAuth() }).logout());
    expect([isForbiddenError(error), error.serviceMessage]).toEqual([true, expect.stringMatching(/^CSRF Failed: /)]);
  });
});

describe('simulator: negative limit on webclient lists', () => {
  it('lists everything when page ≤ 0 (tree.py pages only when page > 0)', async () => {
    const r = await fetch(`${IDR}/webclient/api/plates/?id=102&page=0&limit=-5`);
    expect([r.status, ((await r.json()) as { plates: unknown[] }).plates.length]).toEqual([200, 12]);
    const a = await fetch(`${IDR}/webclient/api/annotations/?screen=102&page=0&limit=-5`);
    expect([a.status, ((await a.json()) as { annotations: unknown[] }).annotations.length]).toEqual([200, 1]);
  });

  it('annotations with no ids never query, so a negative limit changes nothing', async () => {
    const r = await fetch(`${IDR}/webclient/api/annotations/?limit=-5`);
    expect([r.status, await r.json()]).toEqual([200, { annotations: [], experimenters: [] }]);
  });
});
