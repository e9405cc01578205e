// How WebService.authenticate reads the Authorization header: StringUtils.startsWith(authString,
// "Token ") and "Bearer " — the scheme is case-sensitive and followed by exactly one space, and
// removeStart leaves the rest untrimmed. Any other header is read as Basic credentials ("Basic "
// stripped when present, not required), Base64-decoded leniently (commons-codec) and split at the
// first colon. A Bearer value goes to JWTVerifier.verify only, never to the API tokens.
import { isUnmatchedRequestError } from '@bio/core-http/testing';
import { describe, expect, it, vi } from 'vitest';
import { ROOT, useSimulator } from './setup.js';

const WHOAMI = `${ROOT}/service/user/whoami`;

async function whoami(authorization: string, query = ''): Promise<[number, unknown]> {
  const response = await fetch(`${WHOAMI}${query}`, { headers: { authorization } });
  const body = (await response.json()) as { user?: { username: string }; error?: string };
  return [response.status, body.user?.username ?? body.error];
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('simulator: the scheme of the Authorization header', () => {
  const sim = useSimulator();
  const [demo] = sim.users;
  const token = demo!.token;

  it('takes "Token " exactly: another case is read as Basic credentials and refused', async () => {
    expect(await whoami(`Token ${token}`)).toEqual([200, demo!.username]);
    for (const scheme of ['token', 'TOKEN']) {
      const [status, message] = await whoami(`${scheme} ${token}`);
      expect(status).toBe(401);
      expect(message).toMatch(/^Invalid request authentication\. Authorization field contains invalid value\. Decoded authorization value: /);
    }
  });

  it('keeps what follows "Token " as it is: a second space is part of the token', async () => {
    expect(await whoami(`Token  ${token}`)).toEqual([401, `This token is not a valid access key:  ${token}`]);
  });

  it('never looks up an API token sent as Bearer: it is not a JWT', async () => {
    expect(await whoami(`Bearer ${token}`)).toEqual([401, 'Illegal JWT token.']);
    expect(await whoami(`bearer ${token}`)).toEqual([401, expect.stringMatching(/^Invalid request authentication\./)]);
  });

  it('does not make up an answer for a JWT-shaped Bearer value (it verifies no signature)', async () => {
    // msw reports the failed request on console.error (a test tool failing loudly).
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const error = await fetch(WHOAMI, { headers: { authorization: 'Bearer aGVhZA.Ym9keQ.c2ln' } })
      .catch((e: unknown) => e)
      .finally(() => stderr.mockRestore());
    expect(isUnmatchedRequestError(error)).toBe(true);
  });

  it('strips "Basic " but does not need it; "basic " is part of the Base64 text', async () => {
    const credentials = b64(`${demo!.username}:${demo!.password}`);
    expect(await whoami(`Basic ${credentials}`)).toEqual([200, demo!.username]);
    expect(await whoami(credentials)).toEqual([200, demo!.username]);
    expect((await whoami(`basic ${credentials}`))[0]).toBe(401);
    // A token in place of the name, with an empty password, is a token; with a password it is a name.
    expect(await whoami(`Basic ${b64(`${token}:`)}`)).toEqual([200, demo!.username]);
    expect(await whoami(`Basic ${b64(`x:${token}`)}`)).toEqual([401, 'Unknown username: x']);
    // The name is lower-cased before the lookup.
    expect(await whoami(`Basic ${b64(`${demo!.username.toUpperCase()}:${demo!.password}`)}`)).toEqual([200, demo!.username]);
  });

  it('reads no header at all when a token parameter is given', async () => {
    expect(await whoami('Token nope', `?token=${token}`)).toEqual([200, demo!.username]);
  });
});
