// generateTypes: the committed pet-store.generated.ts is what it makes of the simulator's pet
// store (regenerate with BIO_UPDATE_TYPES=1), and its types fit what rows() returns.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { generateTypes, ValidationError } from '../../src/emx2/index.js';
import { emx2, useEmx2Simulator } from './helpers.js';
import type { Pet } from './pet-store.generated.js';

useEmx2Simulator({ syntheticRows: 0 });
const FILE = new URL('./pet-store.generated.ts', import.meta.url);

it('generates the committed pet store types', async () => {
  const source = generateTypes(await emx2().schema('pet store').metadata());
  if (process.env.BIO_UPDATE_TYPES === '1' || !existsSync(FILE)) writeFileSync(FILE, source);
  expect(source).toBe(readFileSync(FILE, 'utf8'));
  expect(source).toContain('export interface Pet {');
  expect(source).toContain("  category: Pick<Category, 'name'> | null;");
  expect(source).toContain("  tags: Pick<Tag, 'name'>[];");
  expect(source).toContain('  quantity: number | bigint | null;');
  expect(source).not.toContain('mg_draft');
  expect(source).not.toContain('details'); // a heading
});

it('describes what rows() returns', async () => {
  const pets: Pet[] = await emx2().schema('pet store').table<Pet>('Pet').rows().toArray();
  const keys = ['name', 'category', 'photoUrls', 'status', 'tags', 'weight', 'orders'];
  for (const pet of pets) expect(Object.keys(pet).sort()).toEqual([...keys].sort());
});

it('refuses what is not metadata', () => {
  expect(() => generateTypes({} as never)).toThrow(ValidationError);
});
