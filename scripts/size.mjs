#!/usr/bin/env node
// `pnpm size`: min+gzip size of each package's main entry, bundled for the browser with esbuild
// (dependencies such as ky included, as an application would ship them), and of the umbrella
// import `import { MyGene } from '@bio/sdk'` next to `import { MyGene } from '@bio/mygene'`.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

async function bundleSize(contents) {
  const result = await build({
    stdin: { contents, resolveDir: new URL('../examples/', import.meta.url).pathname, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    treeShaking: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { min: code.length, gzip: gzipSync(code).length };
}

const rows = [];
for (const name of ['core-http', 'rsql', 'mygene', 'intermine', 'idr', 'molgenis', 'sdk']) {
  rows.push([`@bio/${name} (everything)`, await bundleSize(`export * from '@bio/${name}';`)]);
}
const direct = await bundleSize(`export { MyGene } from '@bio/mygene';`);
const umbrella = await bundleSize(`export { MyGene } from '@bio/sdk';`);
rows.push([`{ MyGene } from '@bio/mygene'`, direct], [`{ MyGene } from '@bio/sdk'`, umbrella]);

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log('| bundle | min | min+gzip |\n| --- | ---: | ---: |');
for (const [label, size] of rows) console.log(`| ${label} | ${kb(size.min)} | ${kb(size.gzip)} |`);
console.log(`\numbrella / direct (min+gzip): ${(umbrella.gzip / direct.gzip).toFixed(3)} (goal ≤ 1.05)`);
