import { describe, expect, it } from 'vitest';
import { bio, tsv } from './run-bin.js';

describe.concurrent('bio rsql (built binary)', () => {
  it('format prints the canonical form', async () => {
    const r = await bio(['rsql', 'format', "name=='Jan' and age=gt=30"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('name==Jan;age=gt=30\n');
  });

  it('format --verbose uses words', async () => {
    const r = await bio(['rsql', 'format', 'a==1;b==2,c==3', '--verbose']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('a==1 and b==2 or c==3\n');
  });

  it('parse prints the tree as rows when piped, and as JSON with --format json', async () => {
    const r = await bio(['rsql', 'parse', 'name==Jan;age=gt=30']);
    expect(tsv(r.stdout)).toEqual([
      ['depth', 'type', 'selector', 'operator', 'args', 'children'],
      ['0', 'and', '', '', '', '2'],
      ['1', 'comparison', 'name', '==', 'Jan', ''],
      ['1', 'comparison', 'age', '=gt=', '30', ''],
    ]);
    const json = await bio(['rsql', 'parse', 'name==Jan', '--format', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ type: 'comparison', selector: 'name', operator: '==', args: ['Jan'] });
  });

  it('parse reports a syntax error with a caret under the position, exit 1', async () => {
    const r = await bio(['rsql', 'parse', 'a==1;(b==2']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const [message, excerpt, caret] = r.stderr.split('\n');
    expect(message).toMatch(/^error: Unexpected end of input .*at position 10/);
    expect(excerpt).toBe('  a==1;(b==2');
    expect(caret).toBe(`${' '.repeat(12)}^`);
  });
});
