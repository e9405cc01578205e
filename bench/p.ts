import { molgenisOperators, parse, serialize } from '@bio/rsql';
const words = ['Female', "'Den Haag'", 'x'];
const parts: string[] = [];
let size = 0; let i = 0;
while (size < 1_000_000) { const p = i % 4 === 0 ? `(a${i}==${words[i%3]};b=in=(1,2,3),c>=5)` : `sel_${i}=like=${words[i % 3]}`; parts.push(p); size += p.length + 1; i++; }
const big = parts.join(';');
const options = { operators: molgenisOperators };
for (let r = 0; r < 8; r++) {
  (globalThis as any).gc?.();
  let t = performance.now(); const ast = parse(big, options); const tp = performance.now() - t;
  t = performance.now(); serialize(ast, options); const ts = performance.now() - t;
  console.log(tp.toFixed(1), ts.toFixed(1), (tp * 1e6 / big.length).toFixed(1), 'ns/B');
}
