// Never executed: type-checked by `tsc -p tsconfig.json` (the package's `typecheck`) to pin typed
// queries over the generated declarations of the fixtures' model (test/types/flymine.ts).
import type { Cell, InterMine, Paged, PathValue, Query, Row, RowOf } from '../../src/index.js';
import type { FlyMine, Gene } from './flymine.js';

declare const mine: InterMine;

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assert<T extends true>(): T | undefined {
  return undefined;
}

export async function typedQueries(): Promise<void> {
  // The root is given: paths relative or absolute, through references and collections; rows inferred.
  const q = mine.query<FlyMine, 'Gene'>('Gene').select('symbol', 'Gene.length', 'organism.name', 'pathways.identifier');
  const rows = mine.rows(q);
  assert<Equal<typeof rows, Paged<[string | null, number | null, string | null, string | null]>>>();
  for await (const [symbol, length] of rows) {
    const s: string | null = symbol;
    const n: number | null = length;
    void [s, n];
  }
  const named = mine.namedRows(q);
  assert<Equal<typeof named, Paged<Row<[string | null, number | null, string | null, string | null]>>>>();
  // A typed query still goes wherever a Query goes, and keeps its type through where()/orderBy().
  const constrained = q.where('length', '>', 1000).orderBy('symbol');
  assert<Equal<typeof constrained, typeof q>>();
  await mine.count(q);
  for await (const line of mine.tsv(q)) void line;
  await mine.lists.create(q, { name: 'typed' });

  // typed<M>() infers the root: the one-argument form, checked as exactly.
  const inferred = mine.typed<FlyMine>().query('Gene').select('symbol', 'organism.name');
  assert<Equal<typeof inferred, Query<FlyMine, 'Gene', [string | null, string | null]>>>();
  // @ts-expect-error Protein.primaryAccession is not a path of Gene
  mine.typed<FlyMine>().query('Gene').select('primaryAccession');
  // @ts-expect-error "symbl" is not a path of Gene
  mine.typed<FlyMine>().query('Gene').select('symbl');
  // @ts-expect-error no class Gen in the model
  mine.typed<FlyMine>().query('Gen');

  // Unknown paths, classes and non-attributes do not compile.
  // @ts-expect-error "symbl" is not a path of Gene
  mine.query<FlyMine, 'Gene'>('Gene').select('symbol', 'symbl');
  // @ts-expect-error organism is a reference, not an attribute
  mine.query<FlyMine, 'Gene'>('Gene').select('organism');
  // @ts-expect-error Protein.primaryAccession is not a path of Gene
  mine.query<FlyMine, 'Gene'>('Gene').select('primaryAccession');
  // @ts-expect-error no class Gen in the model
  mine.query<FlyMine, 'Gen'>('Gen');

  // Only the model given: a path must be an attribute path of some class.
  const loose = mine.query<FlyMine>('Gene').select('symbol', 'organism.name');
  assert<Equal<typeof loose, Query<FlyMine, keyof FlyMine, [string | null, string | null]>>>();
  // @ts-expect-error no class has "symbl"
  mine.query<FlyMine>('Gene').select('symbl');

  // Untyped queries work as before.
  const untyped = mine.query('Gene').select('symbol', ['length', 'pathways.*']);
  const asQuery: Query = untyped;
  const check: typeof untyped extends Query<unknown, 'Gene', Cell[]> ? true : false = true;
  void [asQuery, check];
  const explicit = mine.rows<[string, number]>(untyped);
  assert<Equal<typeof explicit, Paged<[string, number]>>>();

  // The path types on their own.
  assert<Equal<PathValue<Gene, 'organism.taxonId'>, number | null>>();
  assert<Equal<PathValue<Gene, 'proteins'>, never>>();
  assert<Equal<RowOf<FlyMine, 'Protein', ['primaryAccession', 'genes.symbol']>, [string | null, string | null]>>();
}
