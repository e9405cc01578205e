// @bio/rsql vs @rsql/parser + @rsql/emitter: parse and serialize throughput on a corpus of
// MOLGENIS-like queries and on one ~1 MB expression, plus linearity (125 KB … 1 MB).
// Pure CPU work, so there is no loopback replica. Run from /work/main after building:
//   (cd packages/rsql && npx tsc -p tsconfig.build.json)
//   node --expose-gc --import tsx bench/src/suites/rsql.ts
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { molgenisOperators, type Node, parse, serialize } from '@bio/rsql';
import { emit } from '@rsql/emitter';
import { parse as rsqlParse } from '@rsql/parser';

type TheirAst = ReturnType<typeof rsqlParse>;

const started = performance.now();
let peakRss = 0;
const sampleRss = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const gc = (globalThis as { gc?: () => void }).gc;

// ---------------------------------------------------------------- corpus (deterministic)
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20261201);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

const NUMERIC = ['celiac_weight', 'celiac_height', 'age', 'bmi', 'ldl', 'onset_year'];
const TEXT = ['celiac_gender', 'city', 'diagnosis', 'biopsy.result', 'patient.name', 'hla_type'];
const WORDS = ['Female', 'Male', 'Amsterdam', 'Den Haag', 'Groningen', 'Marsh 3a', "O'Brien", 'DQ2.5', 'DQ8', 'négatif'];

function word(): string {
  const w = pick(WORDS);
  return /[\s'"]/.test(w) ? (random() < 0.5 ? `'${w.replace(/'/g, "\\'")}'` : `"${w}"`) : w;
}

function comparisonText(): string {
  const r = random();
  if (r < 0.3) return `${pick(NUMERIC)}${pick(['>=', '<', '=gt=', '=le=', '==', '!='])}${int(0, 250)}`;
  if (r < 0.55) return `${pick(TEXT)}${pick(['==', '!=', '=like='])}${word()}`;
  if (r < 0.75) return `${pick(TEXT)}=in=(${Array.from({ length: int(1, 5) }, word).join(',')})`;
  if (r < 0.85) return `${pick(NUMERIC)}=rng=(${int(0, 50)},${int(51, 200)})`;
  return `*=q=${word()}`;
}

function expression(depth: number): string {
  const n = int(1, depth > 2 ? 1 : 4);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(random() < 0.25 && depth < 3 ? `(${expression(depth + 1)})` : comparisonText());
  const verbose = random() < 0.2;
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i++) {
    const isAnd = random() < 0.6;
    out += verbose ? (isAnd ? ' and ' : ' or ') : isAnd ? ';' : ',';
    out += parts[i];
  }
  return out;
}

const corpus = Array.from({ length: 300 }, () => expression(0));

/** One big expression of at least `bytes` characters: many groups joined by ; and , */
function bigExpression(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    const part = random() < 0.3 ? `(${expression(1)})` : comparisonText();
    parts.push(part);
    size += part.length + 1;
  }
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i++) out += (i % 3 === 0 ? ',' : ';') + parts[i];
  return out;
}

// ---------------------------------------------------------------- measurement
// Times are CPU time of this process (user + system), not wall time: the bench machine is shared,
// and CPU time does not count the moments this process waits for a core.
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/**
 * ops/s of `a` and `b`, measured in alternating samples of ≥ `sampleMs` each (median of 5), so a
 * busy machine slows both sides alike and the ratio stays meaningful.
 */
function opsPerSecondPair(a: () => void, b: () => void, sampleMs = 100): [number, number] {
  const one = (fn: () => void) => {
    let n = 0;
    const t0 = cpuMs();
    let t = t0;
    while (t - t0 < sampleMs) {
      fn();
      n++;
      t = cpuMs();
    }
    sampleRss();
    return (n * 1000) / (t - t0);
  };
  for (let i = 0; i < 3; i++) {
    a();
    b();
  }
  const as: number[] = [];
  const bs: number[] = [];
  for (let s = 0; s < 5; s++) {
    as.push(one(a));
    bs.push(one(b));
  }
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[2] as number;
  return [median(as), median(bs)];
}

/** Best-of-`runs` milliseconds (after a GC each; the least disturbed run on a busy machine), or the error when `fn` throws. */
function timeMs(fn: () => void, runs: number): number | string {
  try {
    fn();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      gc?.();
      const t0 = cpuMs();
      fn();
      times.push(cpuMs() - t0);
      sampleRss();
    }
    return Math.min(...times);
  } catch (error) {
    return `fails (${(error as Error).name}: ${(error as Error).message.slice(0, 40)})`;
  }
}

const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(n >= 10 ? 1 : 2));
const ratio = (ours: number | string, theirs: number | string, higherIsBetter: boolean) =>
  typeof ours === 'number' && typeof theirs === 'number'
    ? `${(higherIsBetter ? ours / theirs : theirs / ours).toFixed(2)}×`
    : 'n/a';
const cell = (v: number | string, unit = '') => (typeof v === 'number' ? `${fmt(v)}${unit}` : v);

/** Prefixes of one ~1 MB expression, cut at a top-level `,`/`;` just past 125, 250, 500 and 1000 KB. */
function linearityInputs(): string[] {
  const sizes = [125, 250, 500, 1000].map((kb) => kb * 1024);
  const big = bigExpression(sizes[3] as number);
  const inputs = sizes.map((size) => {
    // cut the 1 MB expression at a top-level ',' near `size` so all four are the same kind of input
    let cut = size;
    let depth = 0;
    let quote = '';
    let end = -1;
    for (let i = 0; i < big.length; i++) {
      const ch = big[i];
      if (quote) {
        if (ch === '\\') i++;
        else if (ch === quote) quote = '';
      } else if (ch === "'" || ch === '"') quote = ch;
      else if (ch === '(') depth++;
      else if (ch === ')') depth--;
      else if (depth === 0 && (ch === ',' || ch === ';') && i >= cut) {
        end = i;
        break;
      }
    }
    cut = end === -1 ? big.length : end;
    return big.slice(0, cut);
  });
  return inputs;
}


const kb = Number(process.env.KB ?? 500);
const inputs = linearityInputs();
const input = inputs[[125,250,500,1000].indexOf(kb)] as string;
const options = { operators: molgenisOperators };
for (let r = 0; r < 12; r++) { gc?.(); const t = cpuMs(); const w = performance.now(); parse(input, options); console.log('run', r, (cpuMs() - t).toFixed(1), 'cpu ms', (performance.now() - w).toFixed(1), 'wall ms'); }
