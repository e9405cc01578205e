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
  typeof ours === 'number' && typeof theirs === 'number' ? `${(higherIsBetter ? ours / theirs : theirs / ours).toFixed(2)}×` : 'n/a';
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

export async function run(): Promise<void> {
  const options = { operators: molgenisOperators };

  // ---- corpus: which inputs does @rsql/parser accept?
  const theirsOk: string[] = [];
  const theirsFailed: string[] = [];
  for (const q of corpus) {
    parse(q, options); // ours must accept all of them
    try {
      rsqlParse(q);
      theirsOk.push(q);
    } catch {
      theirsFailed.push(q);
    }
  }
  const corpusBytes = corpus.reduce((n, q) => n + q.length, 0);
  const theirAsts: TheirAst[] = theirsOk.map((q) => rsqlParse(q));
  const ourAstsOnCommon: Node[] = theirsOk.map((q) => parse(q, options));

  const rows: string[] = [];
  const row = (...cells: string[]) => rows.push(`| ${cells.join(' | ')} |`);

  // Throughput: one op = the whole corpus (the subset both accept).
  const [ourParseCommon, theirParseCommon] = opsPerSecondPair(
    () => {
      for (const q of theirsOk) parse(q, options);
    },
    () => {
      for (const q of theirsOk) rsqlParse(q);
    },
  );
  const [ourSerCommon, theirEmitCommon] = opsPerSecondPair(
    () => {
      for (const n of ourAstsOnCommon) serialize(n, options);
    },
    () => {
      for (const n of theirAsts) emit(n);
    },
  );

  const perQuery = (ops: number, n: number) => ops * n;
  row(
    'corpus parse (queries/s)',
    fmt(perQuery(ourParseCommon, theirsOk.length)),
    fmt(perQuery(theirParseCommon, theirsOk.length)),
    ratio(ourParseCommon, theirParseCommon, true),
  );
  row(
    'corpus serialize (queries/s)',
    fmt(perQuery(ourSerCommon, theirsOk.length)),
    fmt(perQuery(theirEmitCommon, theirsOk.length)),
    ratio(ourSerCommon, theirEmitCommon, true),
  );

  // ---- one ~1 MB expression and linearity
  const inputs = linearityInputs();
  const linear: string[] = [];
  const base: Record<string, number> = {};
  const nsPerByte = (v: number | string, bytes: number) => (typeof v === 'number' ? `${fmt(v)} ms (${((v * 1e6) / bytes).toFixed(0)} ns/B` : v);
  const growth = (key: string, v: number | string, bytes: number) => {
    if (typeof v !== 'number') return '';
    base[key] ??= v / bytes;
    return `, ×${(v / bytes / (base[key] as number)).toFixed(2)})`;
  };
  for (const input of inputs) {
    const bytes = input.length;
    const ours = timeMs(() => parse(input, options), 9);
    const theirs = timeMs(() => rsqlParse(input), 2);
    const ourAst = parse(input, options);
    const oursSer = timeMs(() => serialize(ourAst, options), 9);
    let theirAst: TheirAst | undefined;
    try {
      theirAst = rsqlParse(input);
    } catch {
      theirAst = undefined;
    }
    const theirsEmit = theirAst === undefined ? 'n/a' : timeMs(() => emit(theirAst as TheirAst), 2);
    if (input === inputs[inputs.length - 1]) {
      const kb = (bytes / 1024).toFixed(0);
      row(`${kb} KB expression: parse (ms)`, cell(ours, ' ms'), cell(theirs, ' ms'), ratio(ours, theirs, false));
      row(`${kb} KB expression: serialize (ms)`, cell(oursSer, ' ms'), cell(theirsEmit, ' ms'), ratio(oursSer, theirsEmit, false));
    }
    linear.push(
      `| ${(bytes / 1024).toFixed(0)} KB | ${nsPerByte(ours, bytes)}${growth('p', ours, bytes)} | ${nsPerByte(theirs, bytes)}${growth('tp', theirs, bytes)} | ${nsPerByte(oursSer, bytes)}${growth('s', oursSer, bytes)} | ${nsPerByte(theirsEmit, bytes)}${growth('te', theirsEmit, bytes)} |`,
    );
  }

  console.log(
    `Corpus: ${corpus.length} generated MOLGENIS-like queries (${(corpusBytes / 1024).toFixed(1)} KB, avg ${Math.round(corpusBytes / corpus.length)} chars, operators incl. =q= =like= =rng=, ~20% verbose and/or).`,
  );
  console.log(
    `@rsql/parser rejects ${theirsFailed.length} of them${theirsFailed.length > 0 ? ` (e.g. ${JSON.stringify(theirsFailed[0])})` : ''}; throughput rows use the ${theirsOk.length} both accept; ratios come from alternating samples of both libraries; all times are process CPU time.\n`,
  );
  console.log('| benchmark | @bio/rsql | @rsql/parser / @rsql/emitter | ratio (higher = @bio/rsql faster) |');
  console.log('|---|---:|---:|---:|');
  for (const r of rows) console.log(r);
  console.log('\nLinearity (best-of-n CPU ms; ns per byte; ×n = ns/B relative to the 125 KB input, 1.00 = linear):\n');
  console.log('| input | parse @bio/rsql | parse @rsql/parser | serialize @bio/rsql | emit @rsql/emitter |');
  console.log('|---|---:|---:|---:|---:|');
  for (const l of linear) console.log(l);
  // The step in @bio/rsql's ns/B past ~250 KB is V8's scavenger promoting the growing tree (the
  // default young generation is 16 MB), not the parser: with a 64 MB young generation it is gone.
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--min-semi-space-size=64', '--max-semi-space-size=64', '--import', 'tsx', fileURLToPath(import.meta.url)],
    { env: { ...process.env, BIO_RSQL_BENCH_CHILD: '1' }, encoding: 'utf8', timeout: 60_000 },
  );
  console.log('\n@bio/rsql alone with `--min-semi-space-size=64 --max-semi-space-size=64` (a fixed 64 MB young generation; separate process):\n');
  console.log('| input | parse | serialize |');
  console.log('|---|---:|---:|');
  console.log(child.status === 0 ? child.stdout.trimEnd() : `| failed | ${child.stderr.slice(0, 80)} | |`);
  sampleRss();
  const maxRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
  console.log(`\nPeak RSS: ${(maxRss / 1024 / 1024).toFixed(0)} MB; wall time ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

/** Child mode: @bio/rsql's linearity rows only (run with a bigger young generation). */
function linearityRowsOnly(): void {
  const options = { operators: molgenisOperators };
  for (const input of linearityInputs()) {
    const bytes = input.length;
    const ours = timeMs(() => parse(input, options), 9);
    const ast = parse(input, options);
    const ser = timeMs(() => serialize(ast, options), 9);
    const show = (v: number | string) => (typeof v === 'number' ? `${fmt(v)} ms (${((v * 1e6) / bytes).toFixed(0)} ns/B)` : v);
    console.log(`| ${(bytes / 1024).toFixed(0)} KB | ${show(ours)} | ${show(ser)} |`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.env.BIO_RSQL_BENCH_CHILD === '1') linearityRowsOnly();
  else await run();
}
