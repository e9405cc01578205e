// Never executed: `tsc --noEmit` checks that the public types select the right document shape.
import type {
  CallOptions,
  DotfieldGene,
  Gene,
  GenesResult,
  Hit,
  MyGene,
  MyGeneOptions,
  NotFound,
  Paged,
  Progress,
  QueryManyResult,
  QueryResponse,
  Species,
} from '@bio/mygene';
import { expectTypeOf } from 'vitest';

declare const mg: MyGene;

export async function types(): Promise<void> {
  expectTypeOf(await mg.gene('1017')).toEqualTypeOf<Gene | null>();
  expectTypeOf(await mg.gene('1017', { fields: ['symbol'] })).toEqualTypeOf<Gene | null>();
  expectTypeOf(await mg.gene('1017', { dotfield: true })).toEqualTypeOf<DotfieldGene | null>();
  expectTypeOf(await mg.genes(['1017'])).toEqualTypeOf<GenesResult<Gene>>();
  expectTypeOf(await mg.genes(['1017'], { dotfield: true })).toEqualTypeOf<GenesResult<DotfieldGene>>();
  expectTypeOf(await mg.query('cdk2')).toEqualTypeOf<QueryResponse<Gene>>();
  expectTypeOf(await mg.query('cdk2', { dotfield: true })).toEqualTypeOf<QueryResponse<DotfieldGene>>();
  expectTypeOf(await mg.queryMany(['cdk2'], { scopes: 'symbol' })).toEqualTypeOf<QueryManyResult<Gene>>();
  expectTypeOf(await mg.queryMany(['cdk2'], { dotfield: true })).toEqualTypeOf<QueryManyResult<DotfieldGene>>();
  expectTypeOf(await mg.mapIds(['cdk2'])).toEqualTypeOf<Map<string, Hit<Gene> | null>>();
  for await (const entry of mg.genesStream(['1017'])) expectTypeOf(entry).toEqualTypeOf<Hit<Gene> | NotFound>();
  for await (const hit of mg.fetchAll('brain', { dotfield: true })) expectTypeOf(hit).toEqualTypeOf<DotfieldGene>();
  expectTypeOf(mg.fetchAll('brain', { max: 10, pageSize: 1000 })).toEqualTypeOf<Paged<Gene>>();
  expectTypeOf(await mg.fetchAll('brain').total()).toEqualTypeOf<number | undefined>();
  expectTypeOf(mg.baseUrl).toEqualTypeOf<string>();
  // Every method takes CallOptions last; optional fields accept undefined.
  const call: CallOptions = { signal: undefined, timeout: undefined };
  await mg.metadata(call);
  await mg.gene('1017', { ...call, fields: undefined });
  const options: MyGeneOptions = { concurrency: undefined, delay: undefined, userAgent: undefined, email: undefined };
  void options;
  await mg.genes(['1017'], { onProgress: (p) => expectTypeOf(p).toEqualTypeOf<Progress>() });
  // @ts-expect-error concurrency is a client option now, not a per-call one
  await mg.genes(['1017'], { concurrency: 2 });
  // @ts-expect-error delayMs was renamed delay
  await mg.genes(['1017'], { delayMs: 100 });

  const doc = await mg.gene('1017');
  expectTypeOf(doc?.entrezgene).toEqualTypeOf<string | number | undefined>();
  const flat = await mg.gene('1017', { dotfield: true });
  expectTypeOf(flat?.['refseq.rna']).toEqualTypeOf<string | string[] | undefined>();

  expectTypeOf<'human'>().toMatchTypeOf<Species>();
  expectTypeOf<9606>().toMatchTypeOf<Species>();
  expectTypeOf<['human', 10116]>().toMatchTypeOf<Species>();
  // @ts-expect-error unknown species name
  const bad: Species = 'yeti';
  void bad;
  // @ts-expect-error size must be a number
  await mg.query('cdk2', { size: '10' });
}
