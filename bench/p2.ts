import { molgenisOperators, parse, serialize } from '@bio/rsql';
import { emit } from '@rsql/emitter';
import { parse as rp } from '@rsql/parser';
const qs = ['celiac_weight>=80;celiac_height<180,celiac_gender==Female', "city=in=(Amsterdam,'Den Haag',Groningen);age=rng=(18,65);*=q=coeliac", 'a==1;(b=like=x,c!="O\'Brien");d=le=5'];
const corpus = Array.from({ length: 300 }, (_, i) => qs[i % 3]!);
const ours = corpus.map((q) => parse(q, { operators: molgenisOperators }));
const theirs = corpus.map((q) => rp(q));
const o = { operators: molgenisOperators };
function bench(fn: () => void) { const t = performance.now(); let n = 0; while (performance.now() - t < 200) { fn(); n++; } return n / (performance.now() - t) * 1000; }
for (let r = 0; r < 5; r++) {
  const a = bench(() => { for (const n of ours) serialize(n, o); });
  const b = bench(() => { for (const n of theirs) emit(n); });
  console.log('ser ratio', (a / b).toFixed(2), Math.round(a * 300), Math.round(b * 300));
}
