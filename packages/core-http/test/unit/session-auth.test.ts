import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHttpClient, isForbiddenError, sessionAuth } from '@bio/core-http';
import { json, type Loopback, startLoopback } from './client-loopback.js';

// A Django-like server: GET /api/v0/token/ sets the csrftoken cookie and returns {"data": token};
// POST needs X-CSRFToken matching the cookie and a same-origin Referer; login sets sessionid.
let lb: Loopback;
const TOKEN = 'csrf-7f3a9c2e';
function cookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}
beforeAll(async () => {
  lb = await startLoopback({
    'GET /api/v0/token/': (_req, res) => json(res, 200, { data: TOKEN }, { 'set-cookie': `csrftoken=${TOKEN}; Path=/; SameSite=Lax` }),
    'GET /cookie-only/': (_req, res) => json(res, 200, { ok: true }, { 'set-cookie': 'csrftoken=from-cookie-123; Path=/' }),
    'POST /api/v0/login/': (req, res, body) => {
      const jar = cookies(req.headers.cookie);
      if (req.headers['x-csrftoken'] !== jar.csrftoken || !jar.csrftoken) {
        json(res, 403, { message: 'CSRF verification failed. Request aborted. (CSRF token missing or incorrect.)' });
        return;
      }
      if (!String(req.headers.referer ?? '').startsWith(`http://${req.headers.host}/`)) {
        json(res, 403, { message: 'CSRF verification failed. Referer checking failed - no Referer.' });
        return;
      }
      const form = new URLSearchParams(body);
      if (form.get('password') !== 'secret-pw') {
        json(res, 403, { message: 'Login failed' });
        return;
      }
      json(res, 200, { success: true }, { 'set-cookie': ['sessionid=sess-91b2c; HttpOnly; Path=/', `csrftoken=${TOKEN}; Path=/`] });
    },
    'GET /api/v0/m/projects/': (req, res) => {
      const jar = cookies(req.headers.cookie);
      if (jar.sessionid !== 'sess-91b2c') json(res, 403, { message: 'not logged in' });
      else json(res, 200, { data: [{ id: 1 }], cookie: req.headers.cookie, csrf: req.headers['x-csrftoken'] ?? null });
    },
    'POST /logout/': (_req, res) => json(res, 200, { ok: true }, { 'set-cookie': 'sessionid=; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/' }),
  });
});
afterAll(() => lb.close());
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('sessionAuth in Node (loopback)', () => {
  it('fetches the CSRF token, sends X-CSRFToken with a same-origin Referer, and keeps the session cookie', async () => {
    const auth = sessionAuth({ csrfTokenPath: 'api/v0/token/' });
    const c = createHttpClient({ baseUrl: `${lb.origin}/`, auth });
    await expect(c.post('api/v0/login/', { form: { server: 1, username: 'public', password: 'secret-pw' } }).json()).resolves.toEqual({ success: true });
    expect(auth.cookies()).toEqual({ csrftoken: TOKEN, sessionid: 'sess-91b2c' });
    const login = lb.requests.find((r) => r.url === '/api/v0/login/');
    expect(login?.headers['x-csrftoken']).toBe(TOKEN);
    expect(login?.headers.referer).toBe(`${lb.origin}/`);
    const projects = await c.get('api/v0/m/projects/').json<{ data: unknown[]; csrf: string | null }>();
    expect(projects.data).toEqual([{ id: 1 }]);
    expect(projects.csrf).toBeNull(); // safe methods carry no CSRF header
    expect(auth.secrets()).toEqual(expect.arrayContaining([TOKEN, 'sess-91b2c']));
  });
  it('fetches the token only once for concurrent writes', async () => {
    const auth = sessionAuth({ csrfTokenPath: '/api/v0/token/' });
    const c = createHttpClient({ baseUrl: `${lb.origin}/`, auth });
    const before = lb.requests.filter((r) => r.url === '/api/v0/token/').length;
    await Promise.all([1, 2, 3].map(() => c.post('api/v0/login/', { form: { password: 'secret-pw' } }).json()));
    expect(lb.requests.filter((r) => r.url === '/api/v0/token/').length - before).toBe(1);
  });
  it('reads the token from the csrftoken cookie when there is no token endpoint', async () => {
    const auth = sessionAuth();
    const c = createHttpClient({ baseUrl: `${lb.origin}/`, auth });
    await c.get('cookie-only/').json();
    await expect(c.post('api/v0/login/', { form: { password: 'secret-pw' } }).json()).resolves.toEqual({ success: true });
    const login = lb.requests.at(-1);
    expect(login?.headers['x-csrftoken']).toBe('from-cookie-123');
    expect(login?.headers.cookie).toContain('csrftoken=from-cookie-123');
  });
  it('a missing token gives the server’s CSRF reason in a ForbiddenError', async () => {
    const c = createHttpClient({ baseUrl: `${lb.origin}/`, auth: sessionAuth() });
    const e = await c.post('api/v0/login/', { form: { password: 'x' } }).catch((x: unknown) => x);
    expect(isForbiddenError(e)).toBe(true);
    expect((e as { serviceMessage: string }).serviceMessage).toContain('CSRF verification failed');
  });
  it('setCsrfToken overrides the cookie, and a deleted cookie leaves the jar', async () => {
    const auth = sessionAuth({ csrfTokenPath: 'api/v0/token/' });
    const c = createHttpClient({ baseUrl: `${lb.origin}/`, auth });
    await c.post('api/v0/login/', { form: { password: 'secret-pw' } }).json();
    auth.setCsrfToken('explicit-token-1');
    await c.post('logout/').json();
    expect(lb.requests.at(-1)?.headers['x-csrftoken']).toBe('explicit-token-1');
    expect(auth.cookies()).toEqual({ csrftoken: TOKEN });
  });
  it('uses a custom cookie and header name', async () => {
    const auth = sessionAuth({ csrfCookie: 'XSRF-TOKEN', csrfHeader: 'X-XSRF-TOKEN' });
    await auth.onResponse?.(new Response(null, { headers: { 'set-cookie': 'XSRF-TOKEN=xsrf-abc; Path=/' } }), new URL(lb.origin));
    const headers = new Headers();
    await auth.apply({ url: new URL(`${lb.origin}/x`), headers, method: 'DELETE' });
    expect(headers.get('x-xsrf-token')).toBe('xsrf-abc');
    expect(headers.get('cookie')).toBe('XSRF-TOKEN=xsrf-abc');
    expect(headers.get('referer')).toBe(`${lb.origin}/`);
    expect(auth.headerNames).toContain('x-xsrf-token');
  });
});

describe('browser runtime', () => {
  it('sessionAuth uses credentials: include, reads the CSRF cookie from document.cookie and sets no forbidden headers', async () => {
    vi.stubGlobal('window', {});
    vi.stubGlobal('document', { cookie: 'other=1; csrftoken=browser-token-9' });
    const auth = sessionAuth();
    expect(auth.credentials).toBe('include');
    const headers = new Headers();
    await auth.apply({ url: new URL('https://idr.openmicroscopy.org/api/v0/login/'), headers, method: 'POST' });
    expect(headers.get('x-csrftoken')).toBe('browser-token-9');
    expect(headers.has('referer')).toBe(false);
    expect(headers.has('cookie')).toBe(false);
    expect(auth.cookies()).toEqual({});
  });
  it('the client sends no User-Agent, passes credentials and lets the browser follow redirects', async () => {
    vi.stubGlobal('window', {});
    vi.stubGlobal('document', { cookie: '' });
    const seen: Request[] = [];
    const c = createHttpClient({
      baseUrl: 'https://idr.openmicroscopy.org/',
      userAgent: 'bio/1.0',
      auth: sessionAuth(),
      fetch: async (input) => {
        seen.push(input as Request);
        return Response.json({ ok: true });
      },
    });
    await c.get('api/v0/').json();
    expect(seen[0]?.headers.has('user-agent')).toBe(false);
    expect(seen[0]?.credentials).toBe('include');
    expect(seen[0]?.redirect).toBe('follow');
  });
});
