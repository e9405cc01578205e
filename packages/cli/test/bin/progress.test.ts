// Item 3 of issue 19: a real bar on stderr when it is a terminal (done/total, rate, ETA) for
// more than 10 requests; one summary line otherwise; --quiet; --verbose lists the requests.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, bio, outputOf, scratch } from './run-bin.js';

const dir = scratch();
const FILE = join(dir, 'terms.txt');
// 15 requests of 1000 terms; half of them match a human gene.
writeFileSync(FILE, `${Array.from({ length: 15_000 }, (_, i) => (i % 2 ? 'CDK2' : 'nope')).join('\n')}\n`);
const MAP = ['mygene', 'map', FILE, '--scopes', 'symbol', '--species', 'human', '--fields', 'symbol', '--offline'];
const SUMMARY = '15000 terms: 7500 found, 7500 missing, 0 ambiguous';

/** Run the binary with stderr on a pseudo-terminal (util-linux `script`), stdout to a file. */
async function onTerminal(args: readonly string[]): Promise<{ terminal: string; stdout: string }> {
  const out = join(dir, `out-${Math.random().toString(36).slice(2)}.tsv`);
  const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
  const command = `${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')} > ${quote(out)}`;
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: dir, NO_COLOR: '1' };
  delete env.NODE_OPTIONS;
  const r = await outputOf(spawn('script', ['-qec', command, '/dev/null'], { env, stdio: ['ignore', 'pipe', 'pipe'] }));
  const { readFileSync } = await import('node:fs');
  return { terminal: r.stdout, stdout: readFileSync(out, 'utf8') };
}

describe('progress and request logging (built binary, --offline)', () => {
  it('on a terminal: a bar with done/total, rate and ETA, then the summary; stdout untouched', async () => {
    const { terminal, stdout } = await onTerminal(MAP);
    expect(terminal).toMatch(/mygene map \[[=-]+\] \d+\/15000 terms \| [\d.]+ terms\/s \| ETA \d+s/);
    expect(terminal).toContain('15000/15000 terms');
    expect(terminal).toContain(SUMMARY);
    expect(stdout.split('\n')).toHaveLength(15_002);
  });

  it('on a terminal, 10 requests or fewer: no bar', async () => {
    const small = join(dir, 'small.txt');
    writeFileSync(small, 'CDK2\nnope\n');
    const { terminal } = await onTerminal(['mygene', 'map', small, '--scopes', 'symbol', '--offline']);
    expect(terminal).not.toContain('terms/s');
    expect(terminal).toContain('2 terms: 0 found, 1 missing, 1 ambiguous');
  });

  it('stderr not a terminal: only the summary line; --quiet: nothing', async () => {
    const piped = await bio(MAP);
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe(`${SUMMARY}\n`);
    const quiet = await bio([...MAP, '--quiet']);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toBe(piped.stdout);
    const { terminal } = await onTerminal([...MAP, '-q']);
    expect(terminal).toBe('');
  });

  it('--verbose: one line per request with method, URL, status and time', async () => {
    const r = await bio([...MAP, '--verbose']);
    expect(r.code).toBe(0);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.slice(0, -1)).toHaveLength(15);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^> POST https:\/\/mygene\.info\/v3\/query → 200 in \d+ ms$/);
    expect(lines.at(-1)).toBe(SUMMARY);
  });

  it('--verbose never shows a token', async () => {
    const token = 'good-token-0123456789';
    const r = await bio(['intermine', 'lists', '--offline', '--verbose'], { env: { INTERMINE_TOKEN: token } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^> GET https:\/\/www\.flymine\.org\/flymine\/service\/lists\S* → 200 in \d+ ms$/m);
    expect(r.stdout + r.stderr).not.toContain(token);
  });

  it('--quiet and --verbose together are refused', async () => {
    const r = await bio([...MAP, '--quiet', '--verbose']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toBe("error: option '-v, --verbose' cannot be used with option '-q, --quiet'\n");
  });
});
