// Property tests (fast-check, thousands of runs each): RSQL round-trip, PathQuery XML round-trip,
// the streaming JSON array reader against JSON.parse on random chunkings, MyGene dotfield
// flattening against an independent reference.
import { jsonArrayItems } from '@bio/core-http';
import { Query } from '@bio/intermine';
import { flatten } from '@bio/mygene';
import { type ComparisonNode, type Node, normalize, parse, serialize } from '@bio/rsql';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('RSQL parse(serialize(tree)) = normalize(tree)', () => {
  const selector = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.]{0,8}$/);
  const value = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 10 }),
    fc.string({ unit: fc.constantFrom(...`"'();,=!~<> \\`, 'and', 'or', '==', '=in=', 'x', 'é', '😀'), maxLength: 8 }),
  );
  const single = fc.constantFrom('==', '!=', '=lt=', '=le=', '=gt=', '=ge=', '<', '>', '<=', '>=');
  const multi = fc.constantFrom('=in=', '=out=');
  const comparison: fc.Arbitrary<ComparisonNode> = fc.oneof(
    fc.tuple(selector, single, value).map(([s, op, v]) => ({ type: 'comparison' as const, selector: s, operator: op, args: [v] })),
    fc
      .tuple(selector, multi, fc.array(value, { minLength: 1, maxLength: 4 }))
      .map(([s, op, vs]) => ({ type: 'comparison' as const, selector: s, operator: op, args: vs })),
  );
  // Nested trees, same-type nesting allowed (normalize flattens it).
  const tree = fc.letrec<{ node: Node }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', maxDepth: 5 },
      comparison,
      fc
        .tuple(fc.constantFrom('and' as const, 'or' as const), fc.array(tie('node'), { minLength: 2, maxLength: 4 }))
        .map(([type, children]) => ({ type, children })),
    ),
  })).node;

  it('round-trips with every serializer style (3000 runs)', () => {
    fc.assert(
      fc.property(tree, fc.constantFrom('"' as const, "'" as const), fc.boolean(), (t, quote, verbose) => {
        const text = serialize(t, { quote, verbose });
        const back = parse(text);
        // Operators come back canonical (`<` → `=lt=`), so compare after one more round.
        expect(parse(serialize(back))).toEqual(back);
        expect(strip(back)).toEqual(strip(normalize(t)));
      }),
      { numRuns: 3000 },
    );
  });

  /** Shape and values, ignoring operator spelling. */
  function strip(n: Node): unknown {
    if (n.type === 'comparison') return [n.selector, n.args];
    return [n.type, n.children.map(strip)];
  }
});

describe('PathQuery XML round-trip: Query.fromXML(q.toXML())', () => {
  const attrs = ['symbol', 'primaryIdentifier', 'name', 'length', 'organism.name', 'chromosome.primaryIdentifier', 'pathways.identifier'];
  const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((s) => s.trim() === s && s.length > 0);
  const constraint = fc.oneof(
    fc
      .tuple(fc.constantFrom(...attrs), fc.constantFrom('=', '!=', '<', '>=', 'CONTAINS', 'LIKE', 'NOT LIKE'), text)
      .map(([p, op, v]) => ({ p, op, v: v as string | string[] | undefined })),
    fc
      .tuple(fc.constantFrom(...attrs), fc.constantFrom('ONE OF', 'NONE OF'), fc.array(text, { minLength: 1, maxLength: 4 }))
      .map(([p, op, v]) => ({ p, op, v: v as string | string[] | undefined })),
    fc.tuple(fc.constantFrom(...attrs), fc.constantFrom('IS NULL', 'IS NOT NULL')).map(([p, op]) => ({ p, op, v: undefined as string | string[] | undefined })),
  );
  const query = fc.record({
    views: fc.uniqueArray(fc.constantFrom(...attrs), { minLength: 1, maxLength: 5 }),
    constraints: fc.array(constraint, { maxLength: 5 }),
    sort: fc.option(fc.tuple(fc.constantFrom(...attrs), fc.constantFrom('asc' as const, 'desc' as const)), { nil: undefined }),
    or: fc.boolean(),
  });

  it('keeps views, constraints, values, sort and logic (2000 runs)', () => {
    fc.assert(
      fc.property(query, ({ views, constraints, sort, or }) => {
        const q = new Query('Gene').select(...views);
        for (const c of constraints) q.where(c.p, c.op as never, c.v as never);
        if (sort) q.orderBy(sort[0], sort[1]);
        if (or && constraints.length >= 2) q.logic(constraints.map((_, i) => String.fromCharCode(65 + i)).join(' or '));
        const xml = q.toXML();
        const back = Query.fromXML(xml);
        expect(back.toXML()).toBe(xml);
        expect(back.toJSON()).toEqual(q.toJSON());
        expect(back.constraints.map((c) => ('value' in c ? c.value : 'values' in c ? c.values : undefined))).toEqual(constraints.map((c) => c.v));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('jsonArrayItems = JSON.parse, whatever the chunk boundaries', () => {
  const key = fc.string({ unit: 'grapheme', maxLength: 6 }).filter((k) => k !== 'results');
  const doc = fc.record({
    before: fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    items: fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 12 }),
    after: fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    indent: fc.constantFrom(0, 1, 2, '\t'),
  });

  async function* chunks(bytes: Uint8Array, cuts: number[]): AsyncGenerator<Uint8Array> {
    let at = 0;
    for (const cut of [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)) {
      if (cut > at) yield bytes.slice(at, cut);
      at = Math.max(at, cut);
    }
    if (at < bytes.length) yield bytes.slice(at);
  }

  it('items and trailer match (2000 runs, byte-level splits inside UTF-8 sequences included)', async () => {
    await fc.assert(
      fc.asyncProperty(doc, fc.array(fc.nat(), { maxLength: 20 }), fc.boolean(), async ({ before, items, after, indent }, cuts, nested) => {
        const inner = { ...before, results: items, ...after };
        const whole = nested ? { meta: { page: 1 }, data: inner } : inner;
        const text = JSON.stringify(whole, null, indent);
        const expected = JSON.parse(text) as Record<string, unknown>;
        const expectedInner = (nested ? expected.data : expected) as Record<string, unknown>;
        const bytes = new TextEncoder().encode(text);
        const stream = jsonArrayItems(chunks(bytes, cuts), nested ? ['data', 'results'] : 'results');
        const got: unknown[] = [];
        for await (const item of stream) got.push(item);
        expect(got).toEqual(expectedInner.results);
        const trailer = await stream.trailer();
        const { results: _r, ...rest } = expectedInner;
        expect(nested ? ((trailer.data as Record<string, unknown> | undefined) ?? trailer) : trailer).toMatchObject(nested ? {} : rest);
        if (!nested) expect(trailer).toEqual(rest);
      }),
      { numRuns: 2000 },
    );
  });

  it('a document cut short never ends quietly (1000 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 1, maxLength: 8 }), fc.nat(), async (items, cutAt) => {
        const text = JSON.stringify({ results: items, wasSuccessful: true });
        const cut = 1 + (cutAt % (text.length - 1)); // strictly shorter than the document
        const bytes = new TextEncoder().encode(text.slice(0, cut));
        const stream = jsonArrayItems(chunks(bytes, [cutAt]), 'results');
        const error = await (async () => {
          for await (const _ of stream) {
            // drain
          }
          await stream.trailer();
        })().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeDefined();
      }),
      { numRuns: 1000 },
    );
  });
});

describe('MyGene dotfield flattening = reference implementation', () => {
  type Scalar = string | number | boolean | null;
  /** Independent reference: list every leaf (path, value, reached-through-a-list), then group by path. */
  function reference(doc: object): Record<string, Scalar | Scalar[]> {
    const leaves: { path: string; value: Scalar | undefined; list: boolean }[] = [];
    const walk = (v: unknown, path: string, list: boolean): void => {
      if (Array.isArray(v)) {
        if (v.length === 0 && path !== '') leaves.push({ path, value: undefined, list: true });
        for (const x of v) walk(x, path, true);
      } else if (v !== null && typeof v === 'object') {
        for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k], path === '' ? k : `${path}.${k}`, list);
      } else leaves.push({ path, value: v as Scalar, list });
    };
    walk(doc, '', false);
    const out: Record<string, Scalar | Scalar[]> = {};
    const order: string[] = [];
    const groups = new Map<string, typeof leaves>();
    for (const leaf of leaves) {
      if (!groups.has(leaf.path)) {
        groups.set(leaf.path, []);
        order.push(leaf.path);
      }
      groups.get(leaf.path)?.push(leaf);
    }
    for (const path of order) {
      const g = groups.get(path) ?? [];
      const values = g.filter((l) => l.value !== undefined).map((l) => l.value as Scalar);
      const asList = g.length > 1 || g.some((l) => l.list);
      out[path] = asList ? values : (values[0] ?? null);
    }
    return out;
  }

  const key = fc.oneof(fc.constantFrom('symbol', 'chr', 'start', 'rna', 'ensembl', 'gene', 'go', 'BP', 'id'), fc.stringMatching(/^[a-z_][a-z0-9_]{0,5}$/));
  const scalar = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
  const gene = fc.letrec<{ value: unknown; obj: Record<string, unknown> }>((tie) => ({
    value: fc.oneof({ depthSize: 'small', maxDepth: 4 }, scalar, tie('obj'), fc.array(tie('value'), { maxLength: 3 })),
    obj: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  })).obj;

  it('matches on random gene documents (5000 runs)', () => {
    fc.assert(
      fc.property(gene, (doc) => {
        expect(flatten(doc)).toEqual(reference(doc));
        expect(Object.keys(flatten(doc))).toEqual(Object.keys(reference(doc)));
      }),
      { numRuns: 5000 },
    );
  });

  it('matches on a real MyGene document shape', () => {
    const doc = {
      _id: '1017',
      symbol: 'CDK2',
      genomic_pos: [
        { chr: '12', start: 55966769, strand: 1 },
        { chr: 'HSCHR12_1_CTG2', start: 55968000, strand: 1 },
      ],
      refseq: { rna: ['NM_001290230.2', 'NM_001798.5'], genomic: [] },
      go: { BP: { id: 'GO:0000082', term: 'G1/S transition' } },
    };
    expect(flatten(doc)).toEqual(reference(doc));
    expect(flatten(doc)['genomic_pos.chr']).toEqual(['12', 'HSCHR12_1_CTG2']);
    expect(flatten(doc)['go.BP.id']).toBe('GO:0000082');
  });
});
