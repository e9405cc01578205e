import { describe, expect, it } from 'vitest';
import { fold, isComparisonNode, isLogicNode, type Node, normalize, parse, RsqlNodeError, walk } from '../../src/index.js';
import { AND, c, OR } from './helpers.js';

const tree = parse('name==Jan;(age>30,city=in=(A,B))');

describe('walk', () => {
  it('visits depth-first, left to right, with context', () => {
    const seen: string[] = [];
    walk(tree, (node, { depth, index, parent }) => {
      seen.push(`${depth}:${index}:${parent?.type ?? '-'}:${node.type === 'comparison' ? node.selector : node.type}`);
    });
    expect(seen).toEqual(['0:-1:-:and', '1:0:and:name', '1:1:and:or', '2:0:or:age', '2:1:or:city']);
  });

  it('supports enter/leave and skipping children', () => {
    const events: string[] = [];
    walk(tree, {
      enter: (node) => {
        events.push(`enter ${node.type}`);
        return node.type !== 'or';
      },
      leave: (node) => events.push(`leave ${node.type}`),
    });
    expect(events).toEqual(['enter and', 'enter comparison', 'leave comparison', 'enter or', 'leave or', 'leave and']);
  });

  it('walks 100,000 levels without recursion and rejects cycles', () => {
    let deep: Node = c('x', '==', '0');
    for (let i = 0; i < 100_000; i++) deep = i % 2 ? AND(c('a', '==', '1'), deep) : OR(c('a', '==', '1'), deep);
    let count = 0;
    walk(deep, () => {
      count++;
    });
    expect(count).toBe(200_001);
    const cyclic = { type: 'or', children: [c('a', '==', '1')] } as { type: 'or'; children: Node[] };
    cyclic.children.push(cyclic);
    expect(() => walk(cyclic, () => undefined)).toThrow(RsqlNodeError);
    expect(() => walk({ type: 'nope' } as never, () => undefined)).toThrow(/unknown node type/);
  });
});

describe('fold', () => {
  it('reduces bottom-up', () => {
    const sql = fold(tree, {
      comparison: (n) => `${n.selector} ${n.operator} ${n.args.join('|')}`,
      and: (parts) => parts.join(' AND '),
      or: (parts) => `(${parts.join(' OR ')})`,
    });
    expect(sql).toBe('name == Jan AND (age =gt= 30 OR city =in= A|B)');
  });

  it('passes the node to and/or and folds deep trees iteratively', () => {
    let deep: Node = c('x', '==', '0');
    for (let i = 0; i < 100_000; i++) deep = i % 2 ? AND(c('a', '==', '1'), deep) : OR(c('a', '==', '1'), deep);
    const depth = fold(deep, {
      comparison: () => 0,
      and: (d, node) => Math.max(...d) + (node.type === 'and' ? 1 : 0),
      or: (d) => Math.max(...d) + 1,
    });
    expect(depth).toBe(100_000);
  });

  it('handles empty logic nodes and rejects cycles', () => {
    expect(fold(AND(), { comparison: () => 1, and: (r) => r.length, or: (r) => r.length })).toBe(0);
    const cyclic = { type: 'and', children: [] } as { type: 'and'; children: Node[] };
    cyclic.children.push(cyclic);
    expect(() => fold(cyclic, { comparison: () => 1, and: () => 0, or: () => 0 })).toThrow(/cyclic/);
  });
});

describe('normalize and guards', () => {
  it('flattens same-type nesting and unwraps single children', () => {
    const a = c('a', '==', '1');
    const b = c('b', '==', '2');
    const d = c('d', '==', '3');
    expect(normalize(AND(AND(a, b), d))).toEqual(AND(a, b, d));
    expect(normalize(AND(a))).toBe(a);
    expect(normalize(OR(AND(OR(a, b)), d))).toEqual(OR(a, b, d));
    expect(normalize(AND(a, OR(b, OR(d, a))))).toEqual(AND(a, OR(b, d, a)));
    expect(() => normalize(AND())).toThrow(RsqlNodeError);
    expect(() => normalize(AND(a, null as never))).toThrow(/not a valid node/);
  });

  it('type guards', () => {
    expect(isComparisonNode(c('a', '=in=', 'x'), '=in=')).toBe(true);
    expect(isComparisonNode(c('a', '==', 'x'), '=in=')).toBe(false);
    expect(isLogicNode(tree)).toBe(true);
    expect(isLogicNode(tree, 'or')).toBe(false);
  });
});
