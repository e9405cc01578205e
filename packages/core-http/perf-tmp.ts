import { jsonArrayItems } from './dist/index.js';
import { JsonArrayScanner } from './dist/internal/json-array-scanner.js';
const N = 1_000_000;
const rows: string[] = [];
for (let i = 0; i < N; i++) { const id = String(i).padStart(7, '0'); rows.push(`["FBgn${id}","CG${id}",${(i * 7919) % 100000},"D. melanogaster",${i % 3 === 0}]`); }
const big = '{"rootClass":"Gene","results":[\n' + rows.join(',\n') + '\n],"wasSuccessful":true}';
rows.length = 0;
const bytes = new TextEncoder().encode(big);
const chunks: Uint8Array[] = []; for (let i = 0; i < bytes.length; i += 65536) chunks.push(bytes.subarray(i, i + 65536));
async function* src() { for (const c of chunks) yield c; }
for (let rep = 0; rep < 3; rep++) {
  let t = performance.now(); let n = 0;
  for await (const r of jsonArrayItems<any[]>(src(), 'results')) n += r[2] > -1 ? 1 : 0;
  const tFull = performance.now() - t;
  t = performance.now();
  const dec = new TextDecoder(); const sc = new JsonArrayScanner(['results']); let m = 0;
  for (const c of chunks) m += sc.push(dec.decode(c)).length;
  const tScan = performance.now() - t;
  t = performance.now();
  const p = JSON.parse(new TextDecoder().decode(bytes)); let k = 0; for (const r of p.results) k += r[2] > -1 ? 1 : 0;
  const tParse = performance.now() - t;
  console.log({ tFull: tFull.toFixed(0), tScan: tScan.toFixed(0), tParse: tParse.toFixed(0), n, m, k });
}
