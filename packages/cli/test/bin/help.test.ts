// Item 6 of issue 19: every command's help has examples, marks its required options and shows
// the global options; `bio completion bash|zsh|fish` completes commands, options and choices.
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, bio, outputOf, SIGHTINGS_ZIP, scratch, zip } from './run-bin.js';

/** The command paths the bash script knows, leaves (no subcommands) only. */
async function leaves(): Promise<string[]> {
  const script = (await bio(['completion', 'bash'])).stdout;
  return [...script.matchAll(/^ {2}\['bio ([^']+)'\]='([^']*)'$/gm)].filter((m) => m[2] === '').map((m) => m[1]!);
}

describe('help and completion (built binary)', () => {
  it('every command has examples, the global options and (where it has any) required options marked', async () => {
    const paths = (await leaves()).filter((p, i, all) => all.indexOf(p) === i);
    expect(paths).toEqual(
      expect.arrayContaining([
        'mygene map',
        'mygene fetch-all',
        'idr thumbnails',
        'intermine summarise',
        'intermine list create',
        'molgenis export',
        'gene-context',
        'completion',
      ]),
    );
    expect(paths).toHaveLength(44);
    const helps = await Promise.all(paths.map(async (p) => [p, (await bio([...p.split(' '), '--help'])).stdout] as const));
    for (const [path, help] of helps) {
      expect(help, path).toMatch(/\nExamples:\n {2}\$ (bio|source|printf|INTERMINE_TOKEN)/);
      expect(help, path).toContain('Global Options:');
      expect(help, path).toContain('--offline');
      expect(help, path).toContain('--verbose');
      for (const example of help
        .split('Examples:\n')[1]!
        .split('\n')
        .filter((l) => l.startsWith('  $ ')))
        expect(example, path).toContain('bio ');
    }
    const byPath = Object.fromEntries(helps);
    expect(byPath['idr plates']).toMatch(/--screen <id>\s+\(required\) the screen id/);
    expect(byPath['idr thumbnails']).toMatch(/-d, --dir <directory>\s+\(required\)/);
    expect(byPath['intermine query']).toMatch(/--select <paths>\s+\(required\)/);
    expect(byPath['molgenis emx2 get']).toMatch(/--schema <name>\s+\(required\)/);
    expect(byPath['molgenis emx2 schemas']).not.toContain('(required)');
    expect(byPath['intermine types']).toMatch(/--mine <name or URL>/);
    expect(byPath['mygene map']).not.toContain('(required)');
    expect(byPath['mygene map']).toMatch(/--base-url <url>\s+the service's base URL \(default: \$MYGENE_URL/);
  });

  it("every --offline example in a command's help runs as written", { timeout: 240_000 }, async () => {
    const paths = await leaves();
    const lines = new Set<string>();
    for (const path of paths) {
      const help = (await bio([...path.split(' '), '--help'])).stdout;
      for (const line of help.split('\n')) if (line.startsWith('  $ ') && line.includes('--offline')) lines.add(line.slice(4));
    }
    expect(lines.size).toBeGreaterThanOrEqual(30);
    const dir = scratch();
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: dir };
    delete env.INTERMINE_TOKEN;
    delete env.MOLGENIS_TOKEN;
    delete env.NODE_OPTIONS;
    writeFileSync(join(dir, 'demo_sightings.zip'), SIGHTINGS_ZIP());
    // For `bio molgenis emx2 import Pet.csv|petstore.zip`.
    writeFileSync(join(dir, 'Pet.csv'), 'name,category,weight\nrex,dog,12.5\n');
    writeFileSync(join(dir, 'petstore.zip'), zip({ 'Pet.csv': 'name,category,weight\nrex,dog,12.5\n' }));
    const all = [...lines];
    // Two at a time: the machine is shared.
    for (let i = 0; i < all.length; i += 2) {
      await Promise.all(
        all.slice(i, i + 2).map(async (line) => {
          const script = `bio() { "${process.execPath}" "${BIN}" "$@"; }\n${line}\n`;
          const r = await outputOf(spawn('/bin/sh', ['-c', script], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] }));
          expect({ line, code: r.code, error: r.stderr.match(/^error:.*$/m)?.[0] }).toEqual({ line, code: 0, error: undefined });
        }),
      );
    }
  });

  it('bash: commands, nested commands, options of the command and above, choices', async () => {
    const file = join(scratch(), 'bio.bash');
    writeFileSync(file, (await bio(['completion', 'bash'])).stdout);
    const complete = (...words: string[]): string => {
      const array = words.map((w) => `'${w}'`).join(' ');
      const r = spawnSync('bash', ['-c', `source '${file}'; COMP_WORDS=(${array}); COMP_CWORD=${words.length - 1}; _bio; echo "\${COMPREPLY[*]}"`], {
        encoding: 'utf8',
      });
      expect(r.stderr).toBe('');
      return r.stdout.trim();
    };
    expect(complete('bio', 'my')).toBe('mygene');
    expect(complete('bio', 'mygene', 'ma')).toBe('map');
    expect(complete('bio', '--offline', 'intermine', 'list', 'c')).toBe('create');
    expect(complete('bio', 'mygene', 'map', '--co').split(' ').sort()).toEqual(['--column', '--concurrency', '--config']);
    expect(complete('bio', 'idr', 'thumbnails', '--f').split(' ').sort()).toEqual(['--force', '--format']);
    expect(complete('bio', 'idr', 'screens', '--format', 'n')).toBe('ndjson');
    expect(complete('bio', 'completion', '')).toBe('');
  });

  it('zsh loads the bash functions through bashcompinit; fish names every command with its conditions', async () => {
    const zsh = await bio(['completion', 'zsh']);
    expect(zsh.stdout.startsWith('#compdef bio\n')).toBe(true);
    expect(zsh.stdout).toContain('autoload -U +X bashcompinit && bashcompinit');
    expect(zsh.stdout).toContain('complete -o default -F _bio bio');
    const fish = (await bio(['completion', 'fish'])).stdout;
    expect(fish).toContain("complete -c bio -n '__fish_use_subcommand' -a gene-context");
    expect(fish).toContain(
      "complete -c bio -n '__fish_seen_subcommand_from intermine; and __fish_seen_subcommand_from list; and not __fish_seen_subcommand_from show create append rename delete' -a create",
    );
    expect(fish).toContain("complete -c bio -n '__fish_seen_subcommand_from mygene; and __fish_seen_subcommand_from map' -l column -r");
    expect(fish).toContain("complete -c bio -l format -s f -x -a 'json ndjson tsv csv table'");
  });

  it('an unknown shell names the accepted ones', async () => {
    const r = await bio(['completion', 'powershell']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toBe("error: command-argument value 'powershell' is invalid for argument 'shell'. Allowed choices are bash, zsh, fish.\n");
  });
});
