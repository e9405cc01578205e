import { molgenisOperators, parse } from '@bio/rsql';
const words = ['Female', "'Den Haag'", 'x'];
const parts: string[] = [];
let size = 0; let i = 0;
while (size < 1_050_000) { const p = i % 4 === 0 ? `(a${i}==${words[i%3]};b=in=(1,2,3),c>=5)` : `sel_${i}=like=${words[i % 3]}`; parts.push(p); size += p.length + 1; i++; }
const options = { operators: molgenisOperators };
const gc = (globalThis as any).gc;
for (const kb of [125, 250, 500, 1000, 125, 250, 500, 1000]) {
  let n = 0, len = 0; while (len < kb * 1024) { len += parts[n]!.length + 1; n++; }
  const input = parts.slice(0, n).join(';');
  const times = [];
  for (let r = 0; r < 5; r++) { gc(); const t = performance.now(); parse(input, options); times.push(performance.now() - t); }
  const m = Math.min(...times);
  console.log(kb, m.toFixed(1), (m * 1e6 / input.length).toFixed(0), 'ns/B');
}
