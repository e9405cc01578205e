import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bio, SIGHTINGS_ZIP, scratch, tsv } from './run-bin.js';

const Q = 'celiac_weight=ge=80;celiac_height=lt=180,celiac_gender==Female';
// An EMX upload the MOLGENIS simulator imports (offline, the command logs in as its admin).
const ZIP = SIGHTINGS_ZIP();

describe.concurrent('bio molgenis (built binary, --offline)', () => {
  it('get with an RSQL --q prints the rows, references by id', async () => {
    const r = await bio(['molgenis', 'get', 'celiacsprue', '--q', Q, '--offline']);
    expect(r.code).toBe(0);
    expect(tsv(r.stdout)).toEqual([
      ['Individual', 'celiac_gender', 'celiac_weight', 'celiac_height'],
      ['celiac_0007', 'Female', '64', '170'],
      ['celiac_0012', 'Male', '91.3', '177.2'],
      ['celiac_0031', 'Female', '58.9', '183.4'],
    ]);
    expect(r.stderr).toBe('3 rows\n');
  });

  it('get --attrs with the token from MOLGENIS_TOKEN keeps the attribute order; json keeps references whole', async () => {
    const r = await bio(
      ['molgenis', 'get', 'celiacsprue', '--q', Q, '--attrs', 'Individual,celiac_weight,celiac_height,celiac_gender', '--offline', '-f', 'json'],
      {
        env: { MOLGENIS_TOKEN: '5c8e2a7d9b1f4e6a8c3d0b2f7e9a1c4d' },
      },
    );
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows.map((row) => row.Individual)).toEqual(['celiac_0007', 'celiac_0012', 'celiac_0031']);
    expect(rows[0]?.celiac_gender).toEqual({ _href: '/api/v2/celiacsprue_gender/Female', id: 'Female', label: 'Female' });
    expect(r.stdout + r.stderr).not.toContain('5c8e2a7d9b1f4e6a8c3d0b2f7e9a1c4d');
  });

  it('get reads at most 100 rows by default (--max), asked for in one request; --page-size sizes the requests', async () => {
    // The recorded exchange is `num=100`: without --max the command still asks for 100 rows, not
    // every row (the client's default), and --page-size 100 keeps that request as it was.
    for (const extra of [[], ['--max', '100'], ['--page-size', '100']]) {
      const r = await bio(['molgenis', 'get', 'celiacsprue', '--q', Q, ...extra, '--offline']);
      expect({ extra, code: r.code, stderr: r.stderr }).toEqual({ extra, code: 0, stderr: '3 rows\n' });
    }
    const help = await bio(['molgenis', 'get', '--help']);
    expect(help.stdout).toMatch(/--max <n>\s+at most this many rows \(default: 100\)/);
    expect(help.stdout).toContain('--page-size <n>');
  });

  it('get --max 0 sends nothing; a bad --page-size and the old --num are refused', async () => {
    const none = await bio(['molgenis', 'get', 'celiacsprue', '--attrs', 'Individual', '--max', '0', '--offline', '-f', 'csv']);
    expect({ code: none.code, stdout: none.stdout, stderr: none.stderr }).toEqual({ code: 0, stdout: 'Individual\n', stderr: '0 rows\n' });
    const bad = await bio(['molgenis', 'get', 'celiacsprue', '--page-size', '0', '--offline']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toBe("error: option '--page-size <n>' argument '0' is invalid. expected a whole number ≥ 1 (1, 2, 3, …)\n");
    const old = await bio(['molgenis', 'get', 'celiacsprue', '--num', '5', '--offline']);
    expect(old.code).not.toBe(0);
    expect(old.stderr).toBe("error: unknown option '--num'\n");
  });

  it('get with an RSQL syntax error prints the message and a caret, before any request', async () => {
    const r = await bio(['molgenis', 'get', 'celiacsprue', '--q', 'celiac_weight=ge=80;', '--offline']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("error: Unexpected end of input at position 20: expected selector or '('.\n  celiac_weight=ge=80;\n                      ^\n");
  });

  it("get: the server's refusal is one line with its message", async () => {
    const r = await bio(['molgenis', 'get', 'demo_sightings', '--q', 'colour==red', '--offline']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("error: 404 molgenis: Unknown attribute 'colour' of entity type 'Sightings'. (check the identifier or name)\n");
  });

  it('import uploads the file and waits for the import run', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'demo_sightings.zip'), ZIP);
    const r = await bio(['molgenis', 'import', 'demo_sightings.zip', '--offline'], { cwd: dir });
    expect(r.code).toBe(0);
    const rows = tsv(r.stdout);
    expect(rows[0]).toEqual(['id', 'status', 'importedEntities', 'message']);
    expect(rows[1]?.slice(0, 3)).toEqual(['aaaac3zv00002hpcqtrv6yaaae', 'FINISHED', 'demo_sightings']);
  });

  it('import --interval and --deadline set the polling of the import run', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'demo_sightings.zip'), ZIP);
    const r = await bio(['molgenis', 'import', 'demo_sightings.zip', '--interval', '0', '--deadline', '60000', '--offline'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(tsv(r.stdout)[1]?.slice(0, 3)).toEqual(['aaaac3zv00002hpcqtrv6yaaae', 'FINISHED', 'demo_sightings']);
    const old = await bio(['molgenis', 'import', 'demo_sightings.zip', '--poll-interval', '0', '--offline'], { cwd: dir });
    expect(old.stderr).toBe("error: unknown option '--poll-interval'\n");
  });

  it('import of a missing file fails with one line', async () => {
    const r = await bio(['molgenis', 'import', 'nope.zip', '--offline']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: ENOENT: no such file or directory, open '.*nope\.zip'\n$/);
  });

  it('without --offline and without a server it says how to name one', async () => {
    const r = await bio(['molgenis', 'get', 'celiacsprue']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: no MOLGENIS server: pass --base-url, set MOLGENIS_URL or molgenis.baseUrl in the config file (or use --offline)\n');
  });
});
