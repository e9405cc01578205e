// Never executed: type-checked by `tsc -p tsconfig.json` (the package's `typecheck`; `test/` is in
// tsconfig's `include`) to pin the public types of @bio/rsql. vitest does not run it.
import { expectTypeOf } from 'vitest';
import { type ComparisonNode, type FieldValue, type LogicNode, type Node, and, eq, parse, rsql, type Selector } from '../src/index.js';

interface Patient {
  name: string;
  age: number;
  born: Date;
  city: string | null;
  tags: string[];
  status: 'active' | 'deleted';
  nested: { x: number };
}

export function pinned(): void {
  // rsql<Row>() restricts selectors to keys and values to field types
  {
    const q = rsql<Patient>();
    expectTypeOf(q.eq('name', 'Jan')).toEqualTypeOf<ComparisonNode>();
    expectTypeOf(q.gt).parameter(0).toEqualTypeOf<Selector<Patient>>();
    expectTypeOf(q.eq<'age'>)
      .parameter(1)
      .toEqualTypeOf<number>();
    expectTypeOf(q.le<'born'>)
      .parameter(1)
      .toEqualTypeOf<Date>();
    expectTypeOf(q.eq<'city'>)
      .parameter(1)
      .toEqualTypeOf<string>();
    expectTypeOf(q.inList<'tags'>)
      .parameter(1)
      .toEqualTypeOf<readonly string[]>();
    expectTypeOf(q.eq<'status'>)
      .parameter(1)
      .toEqualTypeOf<'active' | 'deleted'>();
    expectTypeOf<FieldValue<Patient['nested']>>().toBeNever();
    // @ts-expect-error unknown selector
    q.eq('nmae', 'Jan');
    // @ts-expect-error wrong value type
    q.eq('age', 'thirty');
    // @ts-expect-error literal union
    q.eq('status', 'gone');
    // @ts-expect-error list of the wrong type
    q.inList('age', ['a']);
  }

  // and/or return a LogicNode for two or more nodes, Node otherwise
  {
    expectTypeOf(and(eq('a', 1), eq('b', 2))).toEqualTypeOf<LogicNode>();
    const list: Node[] = [eq('a', 1)];
    expectTypeOf(and(...list)).toEqualTypeOf<Node>();
    expectTypeOf(parse('a==1')).toEqualTypeOf<Node>();
  }
  expectTypeOf<Extract<Node, { type: 'comparison' }>>().toEqualTypeOf<ComparisonNode>();
  expectTypeOf<ComparisonNode['args']>().toEqualTypeOf<string[]>();
  expectTypeOf<LogicNode['children']>().toEqualTypeOf<Node[]>();
  expectTypeOf<LogicNode['type']>().toEqualTypeOf<'and' | 'or'>();
}
