import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { bio } from './run-bin.js';

/** Type errors of `source` compiled on its own (strict, no lib needed beyond the defaults). */
function typeErrors(source: string, extra = ''): string[] {
  const file = 'model.ts';
  const text = `${source}\n${extra}`;
  const host = ts.createCompilerHost({});
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) => (name === file ? ts.createSourceFile(file, text, version) : read(name, version));
  const program = ts.createProgram([file], { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, types: [] }, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe.concurrent('bio intermine types (built binary, --offline)', () => {
  it("prints declarations of the mine's model that type-check and name its classes", async () => {
    const r = await bio(['intermine', 'types', '--offline']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/interface Gene\b/);
    expect(r.stdout).toMatch(/interface Protein\b/);
    expect(r.stdout).toMatch(/interface FlyMine\b/);
    expect(r.stdout).toContain('https://www.flymine.org/flymine');
    expect(typeErrors(r.stdout)).toEqual([]);
    // The declarations are usable, not just parseable: a Gene's symbol is a nullable string.
    expect(typeErrors(r.stdout, 'declare const g: Gene; const s: string | null = g.symbol; const n: number = g.symbol;')).toHaveLength(1);
  });

  it('--mine flymine and --name pick the interface name; an unknown --mine is refused before any request', async () => {
    const named = await bio(['intermine', 'types', '--mine', 'FlyMine', '--name', 'Fly', '--offline']);
    expect(named.code).toBe(0);
    expect(named.stdout).toMatch(/interface Fly\b/);
    expect(typeErrors(named.stdout)).toEqual([]);
    const unknown = await bio(['intermine', 'types', '--mine', 'nomine', '--offline']);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/--mine "nomine" is not a mine this command knows \(flymine, humanmine\)/);
    const badName = await bio(['intermine', 'types', '--name', '1x', '--offline']);
    expect({ code: badName.code, stdout: badName.stdout }).toEqual({ code: 1, stdout: '' });
    expect(badName.stderr).toContain('--name "1x" is not a TypeScript identifier');
  });

  it('--mine humanmine offline: the HumanMine simulator answers, the interface is named HumanMine', async () => {
    const r = await bio(['intermine', 'types', '--mine', 'humanmine', '--offline']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/interface HumanMine\b/);
    expect(r.stdout).toContain('https://www.humanmine.org/humanmine');
    expect(typeErrors(r.stdout)).toEqual([]);
  });

  it('a mine no simulator answers fails in one line, with nothing on stdout', async () => {
    const r = await bio(['intermine', 'types', '--mine', 'www.mousemine.org/mousemine', '--offline']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: --offline: no simulator answers GET https:\/\/www\.mousemine\.org\/mousemine\/service\/model\S*; [^\n]*\n$/);
  });
});
