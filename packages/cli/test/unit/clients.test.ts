// Which server each client of a command talks to: the flag, the environment, the config file
// (`baseUrl` for every service, as the clients name it; InterMine's `root` and MOLGENIS's `url`
// still read), else the offline fixtures' server. Nothing here sends a request.
import { describe, expect, it } from 'vitest';
import { idrClient, intermineClient, molgenisClient, mygeneClient } from '../../src/clients.js';
import { type CliConfig, CommandContext, type GlobalOptions } from '../../src/context.js';

function context(config: CliConfig, options: GlobalOptions = {}, env: Record<string, string> = {}): CommandContext {
  const sink = { write: () => true };
  return new CommandContext({ stdout: sink, stderr: sink, stdin: (async function* () {})(), env }, options, config);
}

/** The server a client's (normalised) base URL points at: `https://www.flymine.org/flymine/service` → `https://www.flymine.org/flymine`. */
const server = (baseUrl: string): string => baseUrl.replace(/\/(service\/?)?$/, '');

describe('the clients of a command', () => {
  it('InterMine: --root, else the config file (baseUrl, then root), else FlyMine', () => {
    expect(server(intermineClient(context({}), undefined).baseUrl)).toBe('https://www.flymine.org/flymine');
    expect(server(intermineClient(context({ intermine: { root: 'https://www.humanmine.org/humanmine' } }), undefined).baseUrl)).toBe(
      'https://www.humanmine.org/humanmine',
    );
    const both: CliConfig = { intermine: { baseUrl: 'https://www.humanmine.org/humanmine', root: 'https://www.mousemine.org/mousemine' } };
    expect(server(intermineClient(context(both), undefined).baseUrl)).toBe('https://www.humanmine.org/humanmine');
    expect(server(intermineClient(context(both), 'https://www.flymine.org/flymine').baseUrl)).toBe('https://www.flymine.org/flymine');
    expect(server(intermineClient(context(both, { offline: true }), undefined).baseUrl)).toBe('https://www.flymine.org/flymine');
  });

  it('MOLGENIS: --url, else $MOLGENIS_URL, else the config file (baseUrl, then url); required unless offline', () => {
    expect(server(molgenisClient(context({ molgenis: { baseUrl: 'https://a.example.org' } }), undefined).baseUrl)).toBe('https://a.example.org');
    expect(server(molgenisClient(context({ molgenis: { url: 'https://b.example.org' } }), undefined).baseUrl)).toBe('https://b.example.org');
    expect(
      server(molgenisClient(context({ molgenis: { url: 'https://b.example.org' } }, {}, { MOLGENIS_URL: 'https://c.example.org' }), undefined).baseUrl),
    ).toBe('https://c.example.org');
    expect(server(molgenisClient(context({}, {}, { MOLGENIS_URL: 'https://c.example.org' }), 'https://d.example.org').baseUrl)).toBe('https://d.example.org');
    expect(server(molgenisClient(context({ molgenis: { baseUrl: 'https://a.example.org' } }, { offline: true }), undefined).baseUrl)).toBe(
      'https://molgenis.example.org',
    );
    expect(() => molgenisClient(context({}), undefined)).toThrow('no MOLGENIS server: pass --base-url');
  });

  it('MyGene and IDR: the config file’s baseUrl unless offline', () => {
    const config: CliConfig = { mygene: { baseUrl: 'https://mygene.example.org/v3' }, idr: { baseUrl: 'https://idr.example.org' } };
    expect(mygeneClient(context(config)).baseUrl).toMatch(/^https:\/\/mygene\.example\.org\/v3\/?$/);
    expect(idrClient(context(config)).baseUrl).toMatch(/^https:\/\/idr\.example\.org\/?$/);
    expect(mygeneClient(context(config, { offline: true })).baseUrl).not.toContain('example.org');
    expect(idrClient(context(config, { offline: true })).baseUrl).not.toContain('example.org');
  });

  it('MyGene: --concurrency is the client’s, checked by it (1–8)', () => {
    expect(() => mygeneClient(context({}), 4)).not.toThrow();
    expect(() => mygeneClient(context({}), 9)).toThrow(/concurrency/);
  });
});
