// Behaviour every command shares: exit codes, one-line errors, --debug, tokens never echoed,
// the config file, --offline reporting a request it has no recording for.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bio, scratch } from './run-bin.js';

const CANARY = 'canary-token-5f0c1d9e7b3a';

describe.concurrent('bio (built binary): errors and exit codes', () => {
  it('--version and --help exit 0', async () => {
    const version = await bio(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
    const help = await bio(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['mygene', 'intermine', 'idr', 'molgenis', 'rsql']) expect(help.stdout).toContain(command);
    expect(help.stdout).toContain('--offline');
  });

  it('an unknown command or option exits non-zero with one line', async () => {
    const command = await bio(['nope']);
    expect(command.code).not.toBe(0);
    expect(command.stderr).toBe("error: unknown command 'nope'\n");
    const option = await bio(['mygene', 'gene', '1017', '--bogus']);
    expect(option.code).not.toBe(0);
    expect(option.stderr).toBe("error: unknown option '--bogus'\n");
  });

  it('a 404 prints status, service, message and a hint on one line', async () => {
    const r = await bio(['mygene', 'gene', '0', '--fields', 'all', '--offline']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: 404 mygene: no gene with id 0 (check the identifier or name)\n');
    expect(r.stdout).toBe('');
  });

  it("a 400 carries the service's own message", async () => {
    const r = await bio(['mygene', 'query', 'symbol:(cdk2', '--offline']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr).toMatch(/^error: 400 mygene: .*Failed to parse query \[symbol:\(cdk2\]/);
  });

  it('--debug adds the stack', async () => {
    const r = await bio(['mygene', 'gene', '0', '--fields', 'all', '--offline', '--debug']);
    expect(r.code).toBe(1);
    const [first, ...rest] = r.stderr.trimEnd().split('\n');
    expect(first).toBe('error: 404 mygene: no gene with id 0 (check the identifier or name)');
    expect(rest[0]).toMatch(/^NotFoundError: /);
    expect(rest.some((l) => /^\s+at /.test(l))).toBe(true);
  });

  it('--offline names a request outside the simulators in one line', async () => {
    const r = await bio(['intermine', 'lists', '--root', 'https://www.mousemine.org/mousemine', '--offline']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr).toMatch(/^error: --offline: no simulator answers GET https:\/\/www\.mousemine\.org\/mousemine\/service\//);
    expect(r.stderr).not.toContain('[MSW]');
  });

  it('an invalid --format is refused by the parser', async () => {
    const r = await bio(['rsql', 'format', 'a==1', '--format', 'xml']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("'xml' is invalid");
  });
});

describe.concurrent('bio (built binary): tokens are never echoed', () => {
  it('INTERMINE_TOKEN is sent but appears in no output, on success', async () => {
    // The InterMine simulator's demo user's token (a token it does not know is a 401).
    const token = 'good-token-0123456789';
    const r = await bio(['intermine', 'lists', '--offline', '--format', 'json', '--debug'], { env: { INTERMINE_TOKEN: token } });
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(token);
  });

  it('INTERMINE_TOKEN appears in no output, on failure with --debug', async () => {
    const r = await bio(['intermine', 'query', '--select', 'Gene.symbol,Gene.length', '--where', 'Gene.length>1000', '--offline', '--debug'], {
      env: { INTERMINE_TOKEN: CANARY },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: 401 intermine: This token is not a valid access key: [REDACTED]');
    expect(r.stdout + r.stderr).not.toContain(CANARY);
  });

  it('an expired MOLGENIS_TOKEN: 401 with a hint, token not echoed (even with --debug)', async () => {
    const token = '0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a';
    const r = await bio(['molgenis', 'get', 'demo_private', '--offline', '--debug'], { env: { MOLGENIS_TOKEN: token } });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(
      "error: 401 molgenis: No 'Read data' permission on entity type 'Private' with id 'demo_private'. (check the token (INTERMINE_TOKEN / MOLGENIS_TOKEN or the config file); it may have expired)",
    );
    expect(r.stdout + r.stderr).not.toContain(token);
  });

  it('a token from the --config file is used and never echoed', async () => {
    const dir = scratch();
    const config = join(dir, 'bio.json');
    const token = '0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a';
    writeFileSync(config, JSON.stringify({ molgenis: { url: 'https://molgenis.example.org', token } }), { mode: 0o600 });
    const r = await bio(['--config', config, 'molgenis', 'get', 'demo_private', '--offline', '--debug']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: 401 molgenis');
    expect(r.stdout + r.stderr).not.toContain(token);
  });

  it.skipIf(process.platform === 'win32')('a config file holding a token that others can read is refused, naming the fix', async () => {
    const dir = scratch();
    const config = join(dir, 'bio.json');
    const token = '0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a';
    writeFileSync(config, JSON.stringify({ intermine: { token } }));
    for (const mode of [0o644, 0o640, 0o604]) {
      chmodSync(config, mode);
      const r = await bio(['--config', config, 'rsql', 'format', 'a==1']);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`error: config file ${config} holds a token but others can read it (mode ${mode.toString(8)}); run: chmod 600 ${config}\n`);
      expect(r.stdout + r.stderr).not.toContain(token);
    }
    // Without a token, the same permissions are fine.
    writeFileSync(config, JSON.stringify({ idr: { baseUrl: 'https://idr.openmicroscopy.org' } }));
    chmodSync(config, 0o644);
    expect((await bio(['--config', config, 'rsql', 'format', 'a==1'])).code).toBe(0);
  });

  it('a --config file that is missing or not JSON is one error line', async () => {
    const missing = await bio(['--config', '/nonexistent/bio.json', 'rsql', 'format', 'a==1']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: cannot read config file \/nonexistent\/bio\.json: ENOENT.*\n$/);
    const dir = scratch();
    writeFileSync(join(dir, 'bad.json'), '{ nope');
    const bad = await bio(['--config', join(dir, 'bad.json'), 'rsql', 'format', 'a==1']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(`error: config file ${join(dir, 'bad.json')} is not valid JSON\n`);
  });
});
