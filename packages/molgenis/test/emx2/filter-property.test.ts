// Property test: random RSQL filters over the synthetic table return exactly the rows a direct
// evaluation of the RSQL (with EMX2's rules for empty values) selects from the generated data.
import { comparison, type Node, and as rsqlAnd, or as rsqlOr } from '@bio/rsql';
import { expect, it } from 'vitest';
import { emx2SyntheticRow } from '../../src/testing/index.js';
import { emx2, useEmx2Simulator } from './helpers.js';

const ROWS = 300;
useEmx2Simulator({ syntheticRows: ROWS });
const data = Array.from({ length: ROWS }, (_, i) => emx2SyntheticRow(i));

// a small deterministic PRNG (mulberry32), so a failure repeats
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Column = { name: string; ordinal: boolean; values: (r: () => number) => string };
const COLUMNS: Column[] = [
  { name: 'index', ordinal: true, values: (r) => String(Math.floor(r() * ROWS)) },
  { name: 'value', ordinal: true, values: (r) => String(Math.round(r() * 1e6) / 1e3) },
  { name: 'day', ordinal: true, values: (r) => new Date(Date.UTC(2020, 0, 1) + Math.floor(r() * ROWS) * 86_400_000).toISOString().slice(0, 10) },
  { name: 'flag', ordinal: false, values: (r) => (r() < 0.5 ? 'true' : 'false') },
  { name: 'site', ordinal: false, values: (r) => ['Amsterdam', 'Berlin', 'Cairo', 'Nowhere'][Math.floor(r() * 4)] as string },
  { name: 'note', ordinal: false, values: (r) => `sample ${Math.floor(r() * 40)}` },
];

function randomComparison(r: () => number): Node {
  const column = COLUMNS[Math.floor(r() * COLUMNS.length)] as Column;
  const ops = column.ordinal
    ? ['==', '!=', '=lt=', '=le=', '=gt=', '=ge=', '=in=', '=out=']
    : ['==', '!=', '=in=', '=out=', ...(column.name === 'note' ? ['=like='] : [])];
  const op = ops[Math.floor(r() * ops.length)] as string;
  const many = op === '=in=' || op === '=out=';
  const args = many ? [column.values(r), column.values(r), column.values(r)] : [column.values(r)];
  return comparison(column.name, op, many ? args : (args[0] as string));
}

function randomFilter(r: () => number, depth = 0): Node {
  if (depth >= 2 || r() < 0.5) return randomComparison(r);
  const children = [randomFilter(r, depth + 1), randomFilter(r, depth + 1)];
  return r() < 0.5 ? rsqlAnd(...children) : rsqlOr(...children);
}

function typed(column: string, text: string): unknown {
  if (column === 'index' || column === 'value') return Number(text);
  if (column === 'flag') return text === 'true';
  return text;
}

// RSQL evaluated on the generated rows, with EMX2's rules: != and =out= keep empty values, the
// order comparisons and =like= drop them.
function expected(node: Node, row: Record<string, unknown>): boolean {
  if (node.type !== 'comparison') return node.type === 'and' ? node.children.every((c) => expected(c, row)) : node.children.some((c) => expected(c, row));
  const v = row[node.selector];
  const args = node.args.map((a) => typed(node.selector, a));
  const empty = v === undefined || v === null;
  const a = args[0] as number | string;
  switch (node.operator) {
    case '==':
    case '=in=':
      return !empty && args.includes(v);
    case '!=':
    case '=out=':
      return empty || !args.includes(v);
    case '=lt=':
      return !empty && (v as number | string) < a;
    case '=le=':
      return !empty && (v as number | string) <= a;
    case '=gt=':
      return !empty && (v as number | string) > a;
    case '=ge=':
      return !empty && (v as number | string) >= a;
    case '=like=':
      return !empty && String(v).toLowerCase().includes(String(a).toLowerCase());
    default:
      throw new Error(node.operator);
  }
}

it('returns exactly the rows the RSQL selects, for 60 random filters', async () => {
  const r = prng(20261207);
  const samples = emx2().schema('synthetic').table<{ id: string }>('Sample');
  for (let n = 0; n < 60; n++) {
    const filter = randomFilter(r);
    const got = (await samples.rows({ filter, columns: ['id'] }).toArray()).map((row) => row.id);
    const want = data.filter((row) => expected(filter, row)).map((row) => row.id as string);
    expect(got, JSON.stringify(filter)).toEqual(want);
  }
});
