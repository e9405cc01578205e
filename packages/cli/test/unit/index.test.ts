// The package entry: one export, `run`, the same command line as the `bio` binary, in-process.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as cli from '../../src/index.js';
import { VERSION } from '../../src/internal/version.js';

describe('@bio/cli entry', () => {
  it('exports run and nothing else at runtime', () => {
    expect(Object.keys(cli).sort()).toEqual(['run']);
  });

  it('run(argv, io) runs a command and returns its exit code', async () => {
    let out = '';
    const io = {
      stdout: { write: (c: string | Uint8Array) => (out += String(c)), isTTY: false },
      stderr: { write: () => true, isTTY: false },
      stdin: (async function* () {})(),
      env: { HOME: '/nonexistent-home' },
    } satisfies cli.CliIO;
    expect(await cli.run(['rsql', 'format', "name=='Jan' and age=gt=30"], io)).toBe(0);
    expect(out).toBe('name==Jan;age=gt=30\n');
  });

  it('--version prints this package’s version', async () => {
    let out = '';
    const io: cli.CliIO = { stdout: { write: (c) => (out += String(c)) }, stderr: { write: () => true }, stdin: (async function* () {})(), env: {} };
    expect(await cli.run(['--version'], io)).toBe(0);
    expect(out).toBe(`${VERSION}\n`);
    expect(VERSION).toBe((JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version);
  });
});
