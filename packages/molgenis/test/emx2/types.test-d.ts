// Never executed: type-checked by `tsc -p tsconfig.json` to pin the public types of @bio/molgenis/emx2.
import type {
  CallOptions,
  Emx2,
  Emx2BatchError,
  Emx2Options,
  Emx2Row,
  Emx2Task,
  ExcelImportOptions,
  Paged,
  RowsOptions,
  WriteResult,
} from '../../src/emx2/index.js';
import type { Order, Pet } from './pet-store.generated.js';

declare const emx2: Emx2;

export async function pinned(): Promise<void> {
  const pets = emx2.schema('pet store').table<Pet>('Pet');
  const paged: Paged<Pet> = pets.rows({ filter: 'weight=gt=1', orderby: [{ weight: 'DESC' }], max: 10, pageSize: 100 });
  const first: Pet[] = await paged.toArray({ max: 1 });
  const weight: number | null | undefined = first[0]?.weight;
  const category: { name: string } | null | undefined = first[0]?.category;
  const one: Pet | undefined = await pets.get('pooky');
  const orders = emx2.schema('pet store').table<Order>('Order');
  const quantity: number | bigint | null | undefined = (await orders.get({ orderId: 'ORDER:1' }))?.quantity;
  const written: WriteResult = await pets.save([{ name: 'rex', category: { name: 'dog' }, weight: 1 }], { chunkSize: 500 });
  const untyped: Paged<Emx2Row> = emx2.schema('pet store').table('Pet').rows();
  // optional fields accept undefined (exactOptionalPropertyTypes)
  const maybe: number | undefined = undefined as number | undefined;
  const options: Emx2Options = { baseUrl: 'https://emx2.example.org', token: undefined, timeout: maybe };
  const list: RowsOptions = { max: maybe, pageSize: maybe, filter: undefined, columns: undefined, concurrency: maybe };
  const call: CallOptions = { signal: undefined, timeout: maybe };
  void [weight, category, one, quantity, written, untyped, options, list, call];

  // @ts-expect-error baseUrl is required (there is no public EMX2 server)
  const noBase: Emx2Options = {};
  // @ts-expect-error a Pet has no nickname
  await pets.insert([{ nickname: 'x' }]);
  // @ts-expect-error truncate needs { confirm: true }
  await pets.truncate();
  // @ts-expect-error confirm must be the literal true
  await pets.truncate({ confirm: false });
  // @ts-expect-error orderby directions are ASC or DESC
  pets.rows({ orderby: { weight: 'down' } });
  void noBase;

  // Excel: bytes out, bytes or a Blob in; options accept undefined
  const book: Uint8Array = await emx2.schema('pet store').exportExcel({ includeSystemColumns: undefined, emx1: maybe === undefined ? undefined : true });
  const cats: Uint8Array = await pets.exportExcel({ filter: 'category.name==cat', includeSystemColumns: undefined });
  const importOptions: ExcelImportOptions = { async: undefined, fileName: undefined, interval: maybe, onProgress: undefined };
  const task: Emx2Task | undefined = await emx2.schema('pet store').importExcel(new Blob([]), importOptions);
  // @ts-expect-error a workbook is bytes, not text
  await emx2.schema('pet store').importExcel('name\nrex\n');
  // @ts-expect-error a table export has no emx1 (only the schema's has)
  await pets.exportExcel({ emx1: true });
  void [book, cats, task];

  const e = undefined as unknown as Emx2BatchError<Pet>;
  const resend: Pet[] = [...e.unknown, ...e.notWritten];
  const counts: number = e.written.length + e.refused.length + e.unsent.length;
  void [resend, counts];
}
