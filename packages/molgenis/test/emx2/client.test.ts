// The client: construction, sign-in/out, tokens, schemas, version, schema name encoding.
import { describe, expect, it } from 'vitest';
import { Emx2, isUnauthorizedError, isValidationError, UnauthorizedError, ValidationError } from '../../src/emx2/index.js';
import { BASE, emx2, sentQueries, useEmx2Simulator } from './helpers.js';

const sim = useEmx2Simulator();

describe('construction', () => {
  it('needs an absolute http(s) baseUrl and refuses token together with auth', () => {
    expect(() => new Emx2({} as never)).toThrow(ValidationError);
    expect(() => new Emx2({ baseUrl: 'emx2.example.org' })).toThrow(/absolute URL/);
    expect(() => new Emx2({ baseUrl: BASE, token: 'a.b.c', auth: { kind: 'header', headerNames: [], apply() {}, secrets: () => [] } })).toThrow(
      /either token or auth/,
    );
    expect(new Emx2({ baseUrl: `${BASE}/sub?x=1` }).baseUrl).toBe(`${BASE}/sub/`);
  });

  it('sends the token as x-molgenis-token on every request', async () => {
    const token = await emx2()
      .signin('admin', 'admin')
      .then(() => 'unused');
    expect(token).toBe('unused');
    const signedIn = emx2();
    await signedIn.signin('editor', 'editor-secret');
    const named = await signedIn.createToken('ci');
    const from = sim.requests.length;
    await emx2({ token: named }).schemas().toArray();
    expect(sim.requests[from]?.headers.get('x-molgenis-token')).toBe(named);
  });
});

describe('family options', () => {
  it('sends the family User-Agent with the caller prefix, and the caller headers', async () => {
    const from = sim.requests.length;
    await emx2({ userAgent: 'my-pipeline/1.0', headers: { 'x-trace': 't1' } }).version();
    const headers = sim.requests[from]?.headers;
    expect(headers?.get('user-agent')).toMatch(/^my-pipeline\/1\.0 @bio\/molgenis\/\S+$/);
    expect(headers?.get('x-trace')).toBe('t1');
  });

  it('lets a beforeError hook see the typed error', async () => {
    const seen: string[] = [];
    const client = emx2({
      token: 'bad.token.here',
      hooks: {
        beforeError: [
          (e) => {
            seen.push(e.name);
            return e;
          },
        ],
      },
    });
    await expect(client.version()).rejects.toThrow(UnauthorizedError);
    expect(seen).toEqual(['UnauthorizedError']);
  });
});

describe('sign-in', () => {
  it('signs in, acts as the user, signs out and is anonymous again', async () => {
    const client = emx2();
    await client.signin('admin', 'admin');
    expect(client.authenticated).toBe(true);
    expect((await client.schemas().toArray()).map((s) => s.name)).toEqual(['pet store', 'synthetic']);
    await client.graphql('{ _session { email } }').then((d) => expect(d).toEqual({ _session: { email: 'admin' } }));
    await client.signout();
    expect(client.authenticated).toBe(false);
    await client.graphql('{ _session { email } }').then((d) => expect(d).toEqual({ _session: { email: 'anonymous' } }));
  });

  it('turns a refused sign-in (HTTP 200, status FAILED) into an UnauthorizedError without the password', async () => {
    const error = await emx2()
      .signin('admin', 'hunter2')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect((error as Error).message).toBe("signin as 'admin' failed: Sign in as 'admin' failed: user or password unknown");
    expect(JSON.stringify(error)).not.toContain('hunter2');
    await expect(emx2().signin('retired', 'retired-secret')).rejects.toThrow(/disabled/);
  });

  it('refuses a bad token with an UnauthorizedError (EMX2 does not fall back to anonymous)', async () => {
    const error = await emx2({ token: 'forged.token.value' })
      .schema('pet store')
      .table('Pet')
      .count()
      .catch((e: unknown) => e);
    expect(isUnauthorizedError(error)).toBe(true);
    expect((error as UnauthorizedError).serviceMessage).toBe('Invalid token or token expired');
    expect(JSON.stringify(error)).not.toContain('forged.token.value');
  });

  it('lets an admin create a token for another user, and refuses that to others', async () => {
    const admin = emx2();
    await admin.signin('admin', 'admin');
    const token = await admin.createToken('for-editor', { user: 'editor' });
    expect(await emx2({ token }).graphql('{ _session { email } }')).toEqual({ _session: { email: 'editor' } });
    const editor = emx2();
    await editor.signin('editor', 'editor-secret');
    await expect(editor.createToken('sneaky', { user: 'admin' })).rejects.toThrow('Create token failed: Only admins can create tokens for other users');
  });

  it('needs a signed-in user for createToken, and validates before any request', async () => {
    const from = sim.requests.length;
    await expect(emx2().createToken('x')).rejects.toSatisfy(isValidationError);
    await expect(emx2().signin('', 'x')).rejects.toThrow(ValidationError);
    expect(sim.requests.length).toBe(from);
  });
});

describe('database API', () => {
  it('lists schemas as a Paged and reads the version', async () => {
    const schemas = emx2().schemas();
    expect(await schemas.total()).toBe(2);
    expect(await schemas.toArray()).toEqual([
      { name: 'pet store', label: 'pet store', description: 'the EMX2 pet store demo' },
      { name: 'synthetic', label: 'synthetic', description: 'a large generated table' },
    ]);
    expect(await emx2().version()).toEqual({ implementationVersion: '13.165.0-sim', specificationVersion: '13.165.0', databaseVersion: '30' });
  });

  it('leaves out the manifest values GraphQL answers as null (a build without a manifest)', async () => {
    const manifest = { ImplementationVersion: '13.165.0-SNAPSHOT', SpecificationVersion: null, DatabaseVersion: null };
    const fetch = async (): Promise<Response> => Response.json({ data: { _manifest: manifest } });
    const version = await emx2({ fetch }).version();
    expect(version).toEqual({ implementationVersion: '13.165.0-SNAPSHOT' });
    expect('specificationVersion' in version).toBe(false);
  });

  it('percent-encodes schema names with spaces and odd characters', async () => {
    const from = sim.requests.length;
    await emx2().schema('pet store').metadata();
    expect(sim.requests[from]?.url.pathname).toBe('/pet%20store/graphql');
    const odd = await emx2()
      .schema('a/b?c#d')
      .metadata()
      .catch((e: unknown) => e);
    expect(sim.requests.at(-1)?.url.pathname).toBe('/a%2Fb%3Fc%23d/graphql');
    expect((odd as { status: number }).status).toBe(404);
    expect(sentQueries(sim, from)[0]?.path).toBe('/pet store/graphql');
  });
});
