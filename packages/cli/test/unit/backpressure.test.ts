// Listing commands wait for a slow reader: once stdout's write() says "full" (false), no further
// row is written until stdout emits 'drain' — so a command piped into a slow consumer holds the
// producer back instead of buffering the whole result in memory.
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/context.js';
import { runCli } from '../../src/program.js';

/** A stdout that is always "full": each write returns false and the test decides when it drains. */
function slowStdout() {
  const chunks: string[] = [];
  let drain: (() => void) | undefined;
  let writesWhileFull = 0;
  const io: CliIO = {
    stdout: {
      write: (c) => {
        if (drain !== undefined) writesWhileFull++;
        chunks.push(typeof c === 'string' ? c : Buffer.from(c).toString('utf8'));
        return false;
      },
      once: (_event, listener) => {
        drain = listener;
      },
      isTTY: false,
    },
    stderr: { write: () => true, isTTY: false },
    stdin: (async function* () {})(),
    env: { HOME: '/nonexistent-home' },
  };
  return {
    io,
    chunks,
    writesWhileFull: () => writesWhileFull,
    /** Let the command run for a while, then drain once; false when nothing waits for a drain. */
    async drainOnce(): Promise<boolean> {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const listener = drain;
      if (listener === undefined) return false;
      drain = undefined;
      listener();
      return true;
    },
  };
}

async function run(args: string[]) {
  const t = slowStdout();
  let exit: number | undefined;
  const done = runCli([...args, '--offline', '--format', 'ndjson'], t.io).then((code) => {
    exit = code;
  });
  let drains = 0;
  while (exit === undefined) if (await t.drainOnce()) drains++;
  await done;
  return { exit, drains, writesWhileFull: t.writesWhileFull(), rows: t.chunks.join('').split('\n').filter(Boolean).length };
}

describe('backpressure: no row is written while stdout is full', () => {
  it.each([
    ['intermine query', ['intermine', 'query', '--select', 'Gene.symbol,Gene.length']],
    ['intermine template', ['intermine', 'template', 'Gene_Pathways', '--value', 'A=eve']],
    ['idr screens', ['idr', 'screens']],
    ['idr search', ['idr', 'search', '--key', 'Gene Symbol', '--value', 'CDC20']],
    ['mygene fetch-all', ['mygene', 'fetch-all', 'cdk*']],
  ])('%s', async (_name, args) => {
    const r = await run(args);
    expect(r.exit).toBe(0);
    expect(r.rows).toBeGreaterThan(1);
    expect(r.writesWhileFull).toBe(0);
    expect(r.drains).toBeGreaterThanOrEqual(r.rows - 1);
  });

  // The CSV exports copy the server's pieces (ctx.pipe), not rows: a drain per piece, not per row.
  it.each([
    ['molgenis export', ['molgenis', 'export', 'celiacsprue', '--page-size', '5']],
    ['molgenis emx2 export', ['molgenis', 'emx2', 'export', 'Pet', '--schema', 'pet store']],
  ])('%s', async (_name, args) => {
    const r = await run(args);
    expect(r.exit).toBe(0);
    expect(r.rows).toBeGreaterThan(1);
    expect(r.writesWhileFull).toBe(0);
    expect(r.drains).toBeGreaterThan(0);
  });
});
