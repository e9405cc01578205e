// Supply chain: every runtime dependency of every published package is on an allow-list with a
// reason; the lockfile is committed; releases go through changesets, public, with provenance.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readJson = (file: string) => JSON.parse(readFileSync(`${root}${file}`, 'utf8')) as Record<string, unknown>;

/**
 * The allow-list: package → runtime dependency → why. Keep it in sync with the
 * "Runtime dependencies" section of the root README.md.
 */
const ALLOWED: Record<string, Record<string, string>> = {
  '@bio/core-http': {
    ky: 'the HTTP engine under createHttpClient (fetch wrapper); the only third-party runtime dependency of any client',
  },
  '@bio/rsql': {},
  '@bio/mygene': { '@bio/core-http': 'HTTP client, errors, batching' },
  '@bio/intermine': { '@bio/core-http': 'HTTP client, errors, streaming JSON/lines' },
  '@bio/idr': { '@bio/core-http': 'HTTP client, errors, session auth, paging' },
  '@bio/molgenis': {
    '@bio/core-http': 'HTTP client, errors, chunked writes',
    '@bio/rsql': 'builds and checks the `q` filter (RSQL) of MOLGENIS reads, and compiles RSQL to EMX2 filters',
    fflate: 'writes the EMX zip of importData (maintained, no dependencies, runs in browsers and Node)',
  },
  '@bio/sdk': {
    '@bio/core-http': 're-exported by the umbrella',
    '@bio/rsql': 're-exported by the umbrella',
    '@bio/mygene': 're-exported by the umbrella',
    '@bio/intermine': 're-exported by the umbrella',
    '@bio/idr': 're-exported by the umbrella',
    '@bio/molgenis': 're-exported by the umbrella',
  },
  '@bio/cli': {
    '@bio/core-http': 'the `bio` CLI: error guards and one-line error messages, stdin line reading',
    '@bio/rsql': 'the `bio` CLI: `bio rsql` and the `--q` check of `bio molgenis get`',
    '@bio/mygene': 'the `bio mygene` commands',
    '@bio/intermine': 'the `bio intermine` commands',
    '@bio/idr': 'the `bio idr` commands',
    '@bio/molgenis': 'the `bio molgenis` commands',
    commander: 'the `bio` CLI: argument parsing',
    'cli-progress': 'the `bio` CLI: progress bars for batch commands',
    'csv-stringify': 'the `bio` CLI: CSV/TSV output',
    'cli-table3': 'the `bio` CLI: table output',
    msw: 'the `bio --offline` mode replays the recorded fixtures through msw (loaded lazily, only with --offline)',
  },
};

/** Peer dependencies allowed, all optional: only for the `./testing` entries. */
const OPTIONAL_PEERS = new Set(['msw']);

const published = readdirSync(`${root}packages`)
  .filter((dir) => existsSync(`${root}packages/${dir}/package.json`))
  .map((dir) => ({ dir, pkg: readJson(`packages/${dir}/package.json`) }))
  .filter(({ pkg }) => pkg.private !== true);

describe('runtime dependencies of published packages', () => {
  it('finds every published package', () => {
    expect(published.map((p) => p.pkg.name).sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  it.each(published.map((p) => [p.pkg.name as string, p.pkg] as const))('%s: dependencies equal the allow-list', (name, pkg) => {
    const deps = Object.keys((pkg.dependencies as Record<string, string> | undefined) ?? {}).sort();
    expect(deps).toEqual(Object.keys(ALLOWED[name] ?? {}).sort());
    for (const [dep, range] of Object.entries((pkg.dependencies as Record<string, string> | undefined) ?? {})) {
      if (dep.startsWith('@bio/')) expect(range, `${name} → ${dep}`).toBe('workspace:^');
      else expect(range, `${name} → ${dep}`).toMatch(/^\^\d+\.\d+\.\d+$/);
    }
    // Only core-http reaches ky; clients go through core-http.
    if (name !== '@bio/core-http') expect(deps).not.toContain('ky');
    expect(pkg.optionalDependencies ?? {}).toEqual({});
    const peers = Object.keys((pkg.peerDependencies as Record<string, string> | undefined) ?? {});
    for (const peer of peers) {
      expect(OPTIONAL_PEERS.has(peer), `${name}: unexpected peer ${peer}`).toBe(true);
      expect((pkg.peerDependenciesMeta as Record<string, { optional?: boolean }> | undefined)?.[peer]?.optional, `${name}: peer ${peer} must be optional`).toBe(
        true,
      );
    }
  });

  it('every allowed dependency has a reason', () => {
    for (const deps of Object.values(ALLOWED)) for (const reason of Object.values(deps)) expect(reason.length).toBeGreaterThan(5);
  });

  it('the root README.md lists the same dependencies', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    const section = readme.slice(readme.indexOf('## Runtime dependencies'));
    for (const [name, deps] of Object.entries(ALLOWED)) {
      expect(section).toContain(`\`${name}\``);
      for (const dep of Object.keys(deps)) expect(section, `${name} → ${dep}`).toContain(`\`${dep}\``);
    }
  });
});

describe('lockfile and release', () => {
  it('pnpm-lock.yaml is committed and pins ky', () => {
    expect(existsSync(`${root}pnpm-lock.yaml`)).toBe(true);
    const lock = readFileSync(`${root}pnpm-lock.yaml`, 'utf8');
    expect(lock).toMatch(/^lockfileVersion: /m);
    expect(lock).toMatch(/packages\/core-http:\n\s+dependencies:\n\s+ky:\n\s+specifier: \^1\.14\.\d+\n\s+version: 1\.14\.\d+/);
  });

  it('changesets publishes publicly; private workspaces are ignored', () => {
    const config = readJson('.changeset/config.json');
    expect(config.access).toBe('public');
    expect(config.ignore).toEqual(expect.arrayContaining(['@bio/bench', '@bio/chaos', '@bio/examples']));
    const scripts = (readJson('package.json').scripts ?? {}) as Record<string, string>;
    expect(scripts.release).toMatch(/changeset publish/);
  });

  it.each(published.map((p) => [p.pkg.name as string, p.pkg] as const))(
    '%s publishes with provenance: dist (+ fixtures for ./testing), CHANGELOG and LICENSE only',
    (name, pkg) => {
      expect(pkg.publishConfig).toEqual({ access: 'public', provenance: true });
      // Clients publish their fixtures: the `./testing` entry loads them at run time.
      const hasTesting = existsSync(`${root}packages/${name.replace('@bio/', '')}/src/testing/index.ts`) && name !== '@bio/core-http';
      expect(pkg.files).toEqual([...(hasTesting ? ['dist', 'fixtures'] : ['dist']), 'CHANGELOG.md', 'LICENSE']);
      expect(pkg.type).toBe('module');
    },
  );
});
