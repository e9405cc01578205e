// Item 2 of issue 19: `bio mygene map` streams — first rows before the last batch is requested,
// rows in input order, one per term with a status — and item 7's mid-stream failure.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSimulator } from '@bio/mygene/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bio, outputOf, scratch, spawnBio, tsv } from './run-bin.js';

const SYMBOLS = ['CDK2', 'TP53', 'NEFL', 'not-a-gene', 'BRCA1', 'BDNF'];
/** `n` terms cycling through SYMBOLS, so the expected row of every line is known. */
const terms = (n: number): string[] => Array.from({ length: n }, (_, i) => SYMBOLS[i % SYMBOLS.length]!);
const dir = scratch();

async function body(request: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

describe('bio mygene map streams (built binary, loopback simulator)', () => {
  const sim = createSimulator();
  let simUrl = '';
  let closeSim: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const server = await sim.listen();
    simUrl = server.baseUrl;
    closeSim = () => server.close();
  });
  afterAll(() => closeSim());

  it('one row per input term, in input order, with status and hit count', async () => {
    const input = terms(2500);
    const file = join(dir, 'ordered.txt');
    writeFileSync(file, `${input.join('\n')}\n`);
    const r = await bio(['mygene', 'map', file, '--scopes', 'symbol', '--species', 'human', '--fields', 'symbol', '--concurrency', '3', '--base-url', simUrl]);
    expect(r.code).toBe(0);
    const rows = tsv(r.stdout);
    expect(rows[0]).toEqual(['query', 'status', 'hits', '_id', 'symbol']);
    expect(rows.slice(1).map((row) => row[0])).toEqual(input);
    const expected: Record<string, string[]> = {
      CDK2: ['found', '1', '1017', 'CDK2'],
      'not-a-gene': ['missing', '0', '', ''],
      BDNF: ['found', '1', '627', 'BDNF'],
    };
    for (const row of rows.slice(1)) if (expected[row[0]!]) expect(row.slice(1)).toEqual(expected[row[0]!]);
    expect(r.stderr).toBe('2500 terms: 2083 found, 417 missing, 0 ambiguous\n');
  });

  it('prints the first rows before the last batch is requested', async () => {
    // A proxy holds the 3rd batch request until the first data row is on stdout: a CLI that
    // waits for every batch before printing never gets there (the test then times out).
    let seenRow: () => void = () => {};
    const firstRow = new Promise<void>((resolve) => {
      seenRow = resolve;
    });
    let requests = 0;
    let heldUntilRow = false;
    const proxy: Server = createServer(async (request, response) => {
      requests++;
      if (requests === 3) {
        await firstRow;
        heldUntilRow = true;
      }
      const answer = await fetch(`${simUrl}${request.url!.replace(/^\/v3/, '')}`, {
        method: request.method!,
        headers: { 'content-type': request.headers['content-type'] ?? 'application/json' },
        body: request.method === 'POST' ? new Uint8Array(await body(request)) : null,
      });
      response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      response.end(Buffer.from(await answer.arrayBuffer()));
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const port = (proxy.address() as { port: number }).port;
    try {
      const file = join(dir, 'first-row.txt');
      writeFileSync(file, `${terms(5000).join('\n')}\n`);
      const child = spawnBio(['mygene', 'map', file, '--scopes', 'symbol', '--fields', 'symbol', '--base-url', `http://127.0.0.1:${port}/v3`]);
      child.stdin?.end();
      let seen = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString('utf8');
        if (seen.split('\n').length > 2) seenRow();
      });
      const r = await outputOf(child);
      expect(r.code).toBe(0);
      expect(heldUntilRow).toBe(true);
      expect(requests).toBe(5);
      expect(seen.trimEnd().split('\n')).toHaveLength(5001);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('a failure after output began: complete rows so far, then one error line and the count on stderr', async () => {
    sim.faults.set({ every: 3, status: 400 });
    try {
      const file = join(dir, 'fails.txt');
      writeFileSync(file, `${terms(4000).join('\n')}\n`);
      for (const format of ['tsv', 'json'] as const) {
        const r = await bio(['mygene', 'map', file, '--scopes', 'symbol', '--fields', 'symbol', '--base-url', simUrl, '-f', format]);
        expect(r.code).toBe(1);
        const [first, second, ...rest] = r.stderr.split('\n');
        expect(first).toMatch(/^error: 400 mygene/);
        expect(second).toBe('stopped after 2000 rows written to stdout; the output is incomplete');
        expect(rest).toEqual(['']);
        if (format === 'tsv') {
          expect(r.stdout.endsWith('\n')).toBe(true);
          expect(tsv(r.stdout)).toHaveLength(2001);
        } else {
          expect(JSON.parse(r.stdout)).toHaveLength(2000);
        }
        sim.faults.set({ every: 3, status: 400 });
      }
    } finally {
      sim.faults.clear();
    }
  });

  it('a failure before any row prints nothing on stdout (no lone header)', async () => {
    sim.faults.set({ status: 400 });
    try {
      const r = await bio(['mygene', 'map', '--scopes', 'symbol', '--base-url', simUrl], { input: 'CDK2\n' });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n')).toHaveLength(2);
    } finally {
      sim.faults.clear();
    }
  });
});
