// Every `bio … --offline` example in README.md and in `bio --help` runs as written against the
// built binary (through /bin/sh, so quotes, pipes and redirections behave as in a terminal).
// An example followed by `# error: …` comment lines must fail with exactly that output.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, type BinResult, bio, outputOf, SIGHTINGS_ZIP, scratch } from './run-bin.js';

interface Example {
  command: string;
  error?: string;
}

function readmeExamples(): Example[] {
  const text = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
  const examples: Example[] = [];
  for (const block of text.matchAll(/```sh\n([\s\S]*?)```/g)) {
    const lines = (block[1] ?? '').replace(/\\\n\s*/g, '').split('\n');
    lines.forEach((line, i) => {
      if (!/(^|\| )bio /.test(line) || !line.includes('--offline')) return;
      const command = line.replace(/\s+#.*$/, '').trim();
      const errorLines: string[] = [];
      for (let j = i + 1; j < lines.length && lines[j]?.startsWith('# '); j++) errorLines.push((lines[j] ?? '').slice(2));
      examples.push({ command, ...(errorLines[0]?.startsWith('error:') ? { error: `${errorLines.join('\n')}\n` } : {}) });
    });
  }
  return examples;
}

function run(command: string, cwd: string): Promise<BinResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: cwd };
  delete env.INTERMINE_TOKEN;
  delete env.MOLGENIS_TOKEN;
  delete env.NODE_OPTIONS;
  // The MOLGENIS import example uploads an EMX zip with rows of the simulator's demo_sightings.
  writeFileSync(join(cwd, 'demo_sightings.zip'), SIGHTINGS_ZIP());
  const script = `bio() { "${process.execPath}" "${BIN}" "$@"; }\n${command}\n`;
  return outputOf(spawn('/bin/sh', ['-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] }));
}

const examples = readmeExamples();

describe.concurrent('README examples run as written (--offline)', () => {
  it('the README has examples for every service', () => {
    for (const service of ['mygene', 'intermine', 'idr', 'molgenis']) {
      expect(examples.some((e) => e.command.includes(`bio ${service} `))).toBe(true);
    }
    expect(examples.length).toBeGreaterThanOrEqual(15);
  });

  it("the CLI examples of the project's brief are among them, word for word", () => {
    const brief = [
      `bio mygene query 'symbol:cdk2' --species human`,
      `bio intermine query --root https://www.flymine.org/flymine --select Gene.symbol,Gene.length --where 'Gene.length>5000' --format tsv`,
      `bio intermine regions --organism 'D. melanogaster' --type Exon 2L:14614843..14619614 --fasta`,
      `bio idr thumbnail 1884807 -o thumb.jpg`,
    ];
    for (const command of brief) expect(examples.map((e) => e.command)).toContain(`${command} --offline`);
  });

  for (const example of examples) {
    it(example.command, async () => {
      const dir = scratch();
      const r = await run(example.command, dir);
      if (example.error) {
        expect(r.code).toBe(1);
        expect(r.stderr).toBe(example.error);
      } else {
        expect(r.stderr).not.toMatch(/^error:/m);
        expect(r.code).toBe(0);
      }
    });
  }
});

describe('`bio --help` examples run as written', () => {
  it('every example line of the help text succeeds', async () => {
    const help = await bio(['--help']);
    const lines = help.stdout.split('\n').filter((l) => l.startsWith('  bio '));
    expect(lines.length).toBeGreaterThanOrEqual(5);
    const dir = scratch();
    for (const line of lines) {
      const r = await run(line.trim(), dir);
      expect({ line, status: r.code, stderr: r.stderr }).toEqual({ line, status: 0, stderr: expect.not.stringMatching(/^error:/m) });
    }
  });
});
