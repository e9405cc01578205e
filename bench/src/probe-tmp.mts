import { InterMine } from '@bio/intermine';
const mode = process.argv[2];
const root = 'http://127.0.0.1:39112/replica';
const mu = () => { const m = process.memoryUsage(); return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Math.round(v / 2 ** 20)])); };
console.log('start', mu());
let peak = 0; let at: unknown;
const t = setInterval(() => { const m = process.memoryUsage(); if (m.rss > peak) { peak = m.rss; at = mu(); } }, 10);
if (mode === 'rows') {
  const mine = new InterMine({ root, retry: 0, timeout: 120000 });
  let n = 0;
  for await (const r of mine.query('Gene').select('primaryIdentifier', 'symbol', 'name', 'length', 'score').rows()) n++;
  console.log(n);
} else if (mode === 'read') {
  const res = await fetch(root + '/service/query/results', { method: 'POST', body: 'query=x' });
  let n = 0; for await (const c of res.body as any) n += c.length; console.log(n);
}
clearInterval(t);
console.log('peak', Math.round(peak / 2 ** 20), at, 'maxRSS', Math.round(process.resourceUsage().maxRSS / 1024));
