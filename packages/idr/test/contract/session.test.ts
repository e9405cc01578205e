import { isForbiddenError, isResponseFormatError, isValidationError } from '@bio/core-http';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_URL, newIdr, useFixtureServer } from './server.js';

useFixtureServer();

describe('OMERO.web login (servers other than IDR)', () => {
  it('gets the CSRF token, logs in with X-CSRFToken and a same-origin Referer, keeps the cookie', async () => {
    const omero = newIdr({ baseUrl: EXAMPLE_URL });
    const ctx = await omero.login({ username: 'alice', password: 'wonderland' });
    expect(ctx).toMatchObject({ userName: 'alice', userId: 52, groupName: 'lab', isAdmin: false });
    expect(omero.sessionCookies()).toMatchObject({ sessionid: '8c0f0e3b9c7d4f2a', csrftoken: 'Zm9vYmFyY3NyZnRva2VuMTIzNDU2Nzg5MDEyMzQ1Ng' });
    expect(await omero.servers()).toEqual([{ id: 1, host: 'localhost', port: 4064, server: 'omero' }]);
  });

  it("surfaces the server's refusal reason", async () => {
    const error = await newIdr({ baseUrl: EXAMPLE_URL })
      .login({ username: 'alice', password: 'wrong', server: 1 })
      .catch((e: unknown) => e);
    expect(isForbiddenError(error)).toBe(true);
    expect(error).toMatchObject({ status: 403, serviceMessage: 'Login failed. Reason: Incorrect username or password.' });
    expect(JSON.stringify(error)).not.toContain('wrong');
  });

  it("names the CSRF failure reason from OMERO.web's JSON 403 (feedback.views.csrf_failure)", async () => {
    const error = await newIdr({ baseUrl: EXAMPLE_URL })
      .login({ username: 'mallory', password: 'x', server: 1 })
      .catch((e: unknown) => e);
    expect(isForbiddenError(error)).toBe(true);
    expect((error as { serviceMessage?: string }).serviceMessage).toBe("CSRF Failed: CSRF token from the 'X-Csrftoken' HTTP header incorrect.");
  });

  it('validates credentials before any request', async () => {
    await expect(newIdr({ baseUrl: EXAMPLE_URL }).login({ username: '', password: 'x' })).rejects.toSatisfy(isValidationError);
  });

  it('reports a redirect to the HTML login page as ResponseFormatError', async () => {
    const error = await newIdr({ baseUrl: EXAMPLE_URL })
      .mapAnnotations({ screen: 1 })
      .toArray()
      .catch((e: unknown) => e);
    expect(isResponseFormatError(error)).toBe(true);
    expect((error as Error).message).toMatch(/after a redirect to https:\/\/omero\.example\.org\/webclient\/login\//);
  });

  it('has no session by default', () => {
    expect(newIdr().sessionCookies()).toEqual({});
  });
});
