// `pnpm demo` runs examples/demo.ts: here it is run the same way (tsx, from the repository root),
// offline, and its output is checked section by section.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

function runDemo(args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, ['--import', 'tsx', 'examples/demo.ts', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('pnpm demo (examples/demo.ts, offline)', () => {
  it('runs every walkthrough against the fixtures and ends with the summary line', { timeout: 30_000 }, async () => {
    const { code, stdout, stderr } = await runDemo();
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const headings = stdout.split('\n').filter((_line, i, all) => /^═+$/.test(all[i + 1] ?? ''));
    expect(headings).toEqual([
      'InterMine — FlyMine enrichment workflow and a region query',
      'IDR — the IDR API walkthrough (screen 102)',
      'MOLGENIS — a data-manager session',
      'MyGene.info — gene, query with facets, batch, scroll',
    ]);
    // InterMine: lists from files (with the unmatched identifier), enrichment, pathway list, FASTA.
    expect(stdout).toMatch(/gap-genes\.txt\s+gap-genes\s+6\s+not-a-gene/);
    expect(stdout).toMatch(/pair-rule-genes\s+dme04330\s+3\.25e-2\s+Notch signaling/);
    expect(stdout).toContain('list enriched-pathways: 2 Pathway objects');
    expect(stdout).toContain('>FBgn0031930:1 Exon 2L:14615003..14615271');
    // IDR: study, grid, thumbnails, gene search.
    expect(stdout).toMatch(/Organism\s+Homo sapiens/);
    expect(stdout).toMatch(/plate grid\s+16×24, 383 imaged wells/);
    expect(stdout).toMatch(/102 idr0002-heriche-condensation\/screenA\s+4554\s+440/);
    // MOLGENIS: the whole session, import included.
    expect(stdout).toMatch(/import demo_sightings\.zip\s+FINISHED \(demo_sightings\)/);
    expect(stdout).toMatch(/addAll demo_sightings\s+157, 158, 159/);
    // MyGene: gene, facets, batch with missing/duplicates, scroll.
    expect(stdout).toMatch(/1017\s+CDK2\s+cyclin dependent kinase 2/);
    expect(stdout).toMatch(/type_of_gene\s+protein-coding\s+20/);
    expect(stdout).toContain('missing: dummy; several hits: tp53 (2)');
    expect(stdout).toMatch(/56917\s+MIER1/);
    // No failure and no stack trace anywhere; the last line is the summary.
    expect(stdout).not.toContain('✗');
    expect(stdout).not.toMatch(/^\s+at /m);
    const last = stdout.trimEnd().split('\n').at(-1);
    expect(last).toMatch(/^demo: 4 services, \d+ requests, all offline, 0 errors \(\d+\.\d s\)$/);
  });
});
