// What serialize() says about a bad tree: the message names the problem and `path` the offending
// node (child indexes from the root; [] is the root). Added for mutants that survived
// (docs/quality.md): messages and paths were not checked.
import { eq, type Node, RsqlNodeError, serialize } from '@bio/rsql';
import { describe, expect, it } from 'vitest';

function failure(run: () => unknown): RsqlNodeError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(RsqlNodeError);
    return e as RsqlNodeError;
  }
  throw new Error('expected serialize to throw');
}

describe('serialize: errors name the problem and where it is', () => {
  it('refuses a quote other than \' or "', () => {
    const e = failure(() => serialize(eq('a', 1), { quote: '`' as never }));
    expect(e.message).toBe('quote must be \' or ", got `');
    expect(e.path).toEqual([]);
  });

  it('a null or non-object root: [] and what it got', () => {
    expect(failure(() => serialize(null as unknown as Node)).message).toBe('expected a node, got null');
    const e = failure(() => serialize(42 as unknown as Node));
    expect(e.message).toBe('expected a node, got number');
    expect(e.path).toEqual([]);
  });

  it('a bad child: its path from the root', () => {
    // Raw trees (the builders refuse such children themselves).
    const top = failure(() => serialize({ type: 'and', children: [eq('a', 1), 'x'] } as unknown as Node));
    expect(top.message).toMatch(/^expected a node, got string/);
    expect(top.path).toEqual([1]);
    const deep = failure(() => serialize({ type: 'and', children: [eq('a', 1), { type: 'or', children: [eq('b', 2), null] }] } as unknown as Node));
    expect(deep.message).toMatch(/^expected a node, got null/);
    expect(deep.path).toEqual([1, 1]);
  });

  it('an invalid comparison at the root has the empty path', () => {
    const e = failure(() => serialize({ type: 'comparison', selector: 'a', operator: '==', args: [] } as unknown as Node));
    expect(e.path).toEqual([]);
  });
});
