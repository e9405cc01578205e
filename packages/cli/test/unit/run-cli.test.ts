// runCli in-process with a fake CliIO: exit codes, where output goes, stdin, --offline.
import { describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '@bio/core-http';
import type { CliIO } from '../../src/context.js';
import { describeError } from '../../src/errors.js';
import { runCli } from '../../src/program.js';

function fakeIO(options: { stdin?: string[]; env?: Record<string, string>; tty?: boolean } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: { write: (c) => out.push(typeof c === 'string' ? c : Buffer.from(c).toString('utf8')), isTTY: options.tty ?? false },
    stderr: { write: (c) => err.push(c), isTTY: false },
    stdin: (async function* () {
      for (const chunk of options.stdin ?? []) yield chunk;
    })(),
    env: { HOME: '/nonexistent-home', ...options.env },
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

describe('runCli (in-process)', () => {
  it('returns 0 and writes the result to stdout', async () => {
    const t = fakeIO();
    expect(await runCli(['rsql', 'format', "a=='x y';b==2"], t.io)).toBe(0);
    expect(t.stdout()).toBe("a=='x y';b==2\n");
    expect(t.stderr()).toBe('');
  });

  it('prints the tree for rsql parse on a terminal', async () => {
    const t = fakeIO({ tty: true });
    expect(await runCli(['rsql', 'parse', 'a==1,b=in=(2,3)'], t.io)).toBe(0);
    expect(t.stdout()).toBe('OR\n  a == "1"\n  b =in= ("2", "3")\n');
  });

  it('uses a table on a terminal', async () => {
    const t = fakeIO({ tty: true });
    expect(await runCli(['rsql', 'parse', 'a==1', '--format', 'table'], t.io)).toBe(0);
    expect(t.stdout()).toContain('│ depth │ type');
  });

  it('returns 1 and one error line for a syntax error', async () => {
    const t = fakeIO();
    expect(await runCli(['rsql', 'format', 'a=='], t.io)).toBe(1);
    expect(t.stdout()).toBe('');
    expect(t.stderr()).toMatch(/^error: .*position 3/);
  });

  it('help and version go to stdout with exit 0', async () => {
    const help = fakeIO();
    expect(await runCli(['intermine', '--help'], help.io)).toBe(0);
    for (const sub of ['query', 'lists', 'enrich', 'regions']) expect(help.stdout()).toContain(sub);
    const version = fakeIO();
    expect(await runCli(['--version'], version.io, '1.2.3')).toBe(0);
    expect(version.stdout()).toBe('1.2.3\n');
  });

  it('a missing required option exits non-zero', async () => {
    const t = fakeIO();
    expect(await runCli(['idr', 'search', '--key', 'Gene Symbol'], t.io)).not.toBe(0);
    expect(t.stderr()).toBe("error: required option '--value <value>' not specified\n");
  });

  it('--offline reads stdin lazily for mygene map', async () => {
    const t = fakeIO({ stdin: ['10', '17\ntp', '53\ndummy'] });
    expect(await runCli(['mygene', 'map', '--scopes', 'entrezgene,symbol', '--species', 'human,rat', '--offline', '-f', 'ndjson'], t.io)).toBe(0);
    expect(
      t
        .stdout()
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as { query: string; status: string }).status),
    ).toEqual(['found', 'ambiguous', 'missing']);
    expect(t.stderr()).toBe('3 terms: 1 found, 1 missing, 1 ambiguous\n');
  });

  it('--offline restores console.error afterwards', async () => {
    const before = console.error;
    const t = fakeIO();
    expect(await runCli(['idr', 'screens', '--max', '2', '--offline'], t.io)).toBe(0);
    expect(console.error).toBe(before);
  });
});

describe('describeError', () => {
  it('one line for http errors: status, service, message, hint', () => {
    const error = new NotFoundError({ status: 404, service: 'idr', serviceMessage: 'Screen 9 not found' });
    expect(describeError(error, false)).toBe('error: 404 idr: Screen 9 not found (check the identifier or name)\n');
  });

  it('validation errors say "invalid argument"', () => {
    expect(describeError(new ValidationError({ message: 'size must be ≥ 0' }), false)).toBe('error: invalid argument: size must be ≥ 0\n');
  });

  it('plain errors keep their message; --debug adds the stack', () => {
    expect(describeError(new Error('boom'), false)).toBe('error: boom\n');
    expect(describeError('text', false)).toBe('error: text\n');
    const debug = describeError(new Error('boom'), true);
    expect(debug.split('\n')[0]).toBe('error: boom');
    expect(debug).toContain('Error: boom\n    at ');
  });
});

describe('progress on a terminal', () => {
  const tty = (err: string[]) => {
    const stderr = {
      isTTY: true,
      columns: 80,
      write: (c: string) => err.push(c),
      cursorTo: () => true,
      clearLine: () => true,
      clearScreenDown: () => true,
      moveCursor: () => true,
      on: () => stderr,
      removeListener: () => stderr,
    };
    return stderr;
  };
  const io = (stdin: string, err: string[], out: string[], quiet = false): [CliIO, string[]] => [
    {
      stdout: { write: (c) => out.push(String(c)), isTTY: false },
      stderr: tty(err),
      stdin: (async function* () {
        yield stdin;
      })(),
      env: { HOME: '/nonexistent-home' },
    },
    quiet ? ['--quiet'] : [],
  ];

  it('mygene map draws a bar (count, rate) on a TTY once it has made more than 10 requests', async () => {
    const err: string[] = [];
    const out: string[] = [];
    // 11 batches of 1000: the bar appears with the 11th request.
    const [cli] = io(`${Array.from({ length: 11_000 }, (_, i) => (i % 2 ? 'CDK2' : 'nope')).join('\n')}\n`, err, out);
    expect(await runCli(['mygene', 'map', '--scopes', 'symbol', '--species', 'human', '--offline'], cli)).toBe(0);
    const text = err.join('');
    expect(text).toMatch(/mygene map 11000 terms \| [\d.]+ terms\/s/);
    expect(text.trimEnd().endsWith('11000 terms: 5500 found, 5500 missing, 0 ambiguous')).toBe(true);
    expect(out.join('').split('\n')[0]).toBe('query\tstatus\thits\t_id\tsymbol\tname\ttaxid\tentrezgene');
  });

  it('no bar for 10 requests or fewer, and nothing at all with --quiet', async () => {
    const err: string[] = [];
    const [cli] = io('1017\ntp53\ndummy\n', err, []);
    expect(await runCli(['mygene', 'map', '--scopes', 'entrezgene,symbol', '--species', 'human,rat', '--offline'], cli)).toBe(0);
    expect(err.join('')).toBe('3 terms: 1 found, 1 missing, 1 ambiguous\n');
    const quiet: string[] = [];
    const [q] = io(`${Array.from({ length: 11_000 }, () => 'CDK2').join('\n')}\n`, quiet, []);
    expect(await runCli(['mygene', 'map', '--scopes', 'symbol', '--offline', '--quiet'], q)).toBe(0);
    expect(quiet).toEqual([]);
  });
});
