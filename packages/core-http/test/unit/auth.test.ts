import { describe, expect, it } from 'vitest';
import { basicAuth, headerAuth, tokenAuth } from '@bio/core-http';

async function applied(auth: ReturnType<typeof tokenAuth>): Promise<Headers> {
  const headers = new Headers();
  await auth.apply({ url: new URL('https://x.org/'), headers, method: 'GET' });
  return headers;
}

describe('auth strategies', () => {
  it('tokenAuth defaults to the Token scheme (InterMine) and supports Bearer', async () => {
    expect((await applied(tokenAuth({ token: 'abc123' }))).get('authorization')).toBe('Token abc123');
    expect((await applied(tokenAuth({ token: 'abc123', scheme: 'Bearer' }))).get('authorization')).toBe('Bearer abc123');
    const t = tokenAuth({ token: 'abc123' });
    expect(t.kind).toBe('token');
    expect(t.headerNames).toEqual(['authorization']);
    expect(t.secrets()).toEqual(['abc123', 'Token abc123']);
  });
  it('headerAuth sends a named header and lists it for stripping', async () => {
    const h = headerAuth('X-Molgenis-Token', 'tok-1');
    expect((await applied(h)).get('x-molgenis-token')).toBe('tok-1');
    expect(h.headerNames).toEqual(['x-molgenis-token']);
    expect(h.secrets()).toEqual(['tok-1']);
  });
  it('basicAuth encodes UTF-8 user:password', async () => {
    const b = basicAuth('jürgen', 'pässwörd');
    const value = (await applied(b)).get('authorization');
    expect(value).toBe(`Basic ${Buffer.from('jürgen:pässwörd', 'utf8').toString('base64')}`);
    expect(b.secrets()).toContain('pässwörd');
    expect(b.secrets()).toContain(Buffer.from('jürgen:pässwörd', 'utf8').toString('base64'));
  });
  it('refuses empty values, line breaks and a colon in the basic user', () => {
    expect(() => tokenAuth({ token: '' })).toThrow(TypeError);
    expect(() => tokenAuth({ token: 'a\r\nX-Evil: 1' })).toThrow(TypeError);
    expect(() => headerAuth('', 'v')).toThrow(TypeError);
    expect(() => headerAuth('x-a', 'v\n')).toThrow(TypeError);
    expect(() => basicAuth('a:b', 'c')).toThrow(TypeError);
    expect(() => basicAuth('a', '')).toThrow(TypeError);
  });
});
