import { isUnauthorizedError, UnauthorizedError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { errorDetails, TOKEN_HEADER } from '../../src/index.js';
import { client, fixture, useFixtureServer } from '../helpers.js';

const server = useFixtureServer();
const TOKEN = 'b4f5e0a4c1d94c3f9a7e2d6b8c0f1a35';
const EXPIRED = '0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a';

describe('login / logout', () => {
  it('logs in, sends the token only in x-molgenis-token, logs out and forgets it', async () => {
    server.use(fixture('auth-login-logout'));
    const { m, requests } = client();
    expect(m.authenticated).toBe(false);
    const user = await m.login('admin', 'admin-secret');
    expect(user).toMatchObject({ token: TOKEN, username: 'admin', firstname: 'Ada' });
    expect(m.authenticated).toBe(true);
    // the fixture only answers when the header carries the token
    const rows = await m.get('demo_private').toArray({ max: 100 });
    expect(rows).toEqual([{ _href: '/api/v2/demo_private/p1', id: 'p1' }]);
    await m.logout();
    expect(m.authenticated).toBe(false);
    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual(['POST /api/v1/login', 'GET /api/v2/demo_private', 'POST /api/v1/logout']);
    expect(requests[0]?.headers.get(TOKEN_HEADER)).toBeNull();
    expect(requests[1]?.headers.get(TOKEN_HEADER)).toBe(TOKEN);
    expect(requests[2]?.headers.get(TOKEN_HEADER)).toBe(TOKEN);
    for (const r of requests) expect(r.url).not.toContain(TOKEN);
    for (const r of requests) expect(r.headers.get('cookie')).toBeNull();
  });

  it('logout without a token sends nothing', async () => {
    const { m, requests } = client();
    await m.logout();
    expect(requests).toHaveLength(0);
  });

  it('bad credentials: UnauthorizedError with the server message, password not in the error', async () => {
    server.use(fixture('auth-login-refused'));
    const { m } = client();
    const error = await m.login('admin', 'wrong').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect((error as UnauthorizedError).serviceMessage).toBe('Bad credentials');
    expect((error as UnauthorizedError).message).not.toMatch(/unknown or expired/); // no token was set
    expect(m.authenticated).toBe(false);
  });

  it('2FA enabled: a clear message pointing to tokens', async () => {
    server.use(fixture('auth-login-refused'));
    const { m } = client();
    const error = (await m.login('tfa-user', 'tfa-secret').catch((e: unknown) => e)) as UnauthorizedError;
    expect(isUnauthorizedError(error)).toBe(true);
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/two-factor authentication is enabled/);
    expect(error.message).toMatch(/token/);
    expect(error.serviceMessage).toBe('Login using /api/v1/login is disabled, two factor authentication is enabled');
    expect(JSON.stringify(error)).not.toContain('tfa-secret');
  });

  it('password change required: a clear message', async () => {
    server.use(fixture('auth-login-refused'));
    const { m } = client();
    const error = (await m.login('new-user', 'initial-secret').catch((e: unknown) => e)) as UnauthorizedError;
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error.message).toMatch(/must change their password/);
    expect(error.serviceMessage).toBe('Unable to log in because a password reset is required. Sign in to the website to reset your password.');
    expect(JSON.stringify(error)).not.toContain('initial-secret');
  });

  it('401 with an expired token: UnauthorizedError that says the token was ignored, token kept out of the error', async () => {
    server.use(fixture('auth-expired-token'));
    const { m, requests } = client({ token: EXPIRED });
    expect(m.authenticated).toBe(true);
    const error = (await m
      .get('demo_sightings')
      .toArray({ max: 100 })
      .catch((e: unknown) => e)) as UnauthorizedError;
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error.status).toBe(401);
    expect(error.serviceMessage).toBe("No 'Read data' permission on entity type 'Sightings' with id 'demo_sightings'.");
    expect(error.message).toMatch(/unknown or expired/);
    expect(errorDetails(error)?.code).toBe('DS04');
    expect(error.service).toBe('molgenis');
    expect(requests[0]?.headers.get(TOKEN_HEADER)).toBe(EXPIRED);
    expect(requests).toHaveLength(1); // 401 is not retried
    expect(JSON.stringify(error)).not.toContain(EXPIRED);
    expect(error.message).not.toContain(EXPIRED);
  });

  it("the hint comes from a beforeError hook the client installs; the caller's beforeError hooks run after it and may replace the error", async () => {
    server.use(fixture('auth-expired-token'));
    const seen: string[] = [];
    const { m } = client({
      token: EXPIRED,
      hooks: {
        beforeError: [
          (e) => {
            seen.push(e.message);
            return new UnauthorizedError({ status: e.status, message: 'replaced by the caller', cause: e });
          },
        ],
      },
    });
    const error = (await m
      .get('demo_sightings')
      .toArray({ max: 100 })
      .catch((e: unknown) => e)) as UnauthorizedError;
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/unknown or expired/);
    expect(error.message).toBe('replaced by the caller');
  });
});
