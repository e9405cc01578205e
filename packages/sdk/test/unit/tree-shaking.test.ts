// Tree-shaking is real: bundling `{ MyGene }` through the umbrella costs (almost) nothing over
// importing the client directly. Bundles the built packages, as an application would.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const resolveDir = fileURLToPath(new URL('../../../../examples/', import.meta.url));

async function gzipSize(contents: string): Promise<{ size: number; code: string }> {
  const result = await build({
    stdin: { contents, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text ?? '';
  return { size: gzipSync(code).length, code };
}

describe('tree-shaking through @bio/sdk', () => {
  it('{ MyGene } from the umbrella is within 5% of { MyGene } from @bio/mygene', async () => {
    const direct = await gzipSize(`export { MyGene } from '@bio/mygene';`);
    const umbrella = await gzipSize(`export { MyGene } from '@bio/sdk';`);
    expect(direct.size).toBeGreaterThan(1000);
    expect(umbrella.size / direct.size).toBeLessThanOrEqual(1.05);
  });

  it('leaves the other clients out of a MyGene-only bundle', async () => {
    const { code } = await gzipSize(`import { MyGene } from '@bio/sdk'; export default MyGene;`);
    const everything = await gzipSize(`import * as all from '@bio/sdk'; export default all;`);
    const direct = await gzipSize(`import { MyGene } from '@bio/mygene'; export default MyGene;`);
    // Strings only the other clients contain (checked: present in the full bundle, absent from the
    // direct @bio/mygene bundle), per client: InterMine, IDR, MOLGENIS, RSQL.
    const markers = ['wasSuccessful', 'jsonobjects', 'webgateway', 'searchengine', 'sys_ImportRun', 'importwizard', 'Unknown operator'];
    for (const marker of markers) {
      expect(everything.code).toContain(marker);
      expect(direct.code).not.toContain(marker);
      expect(code).not.toContain(marker);
    }
    // …while MyGene itself is there.
    expect(code).toContain('mygene.info');
  });

  it('has no command line and no fixtures in it (the `bio` CLI is @bio/cli)', async () => {
    const { code } = await gzipSize(`import * as all from '@bio/sdk'; export default all;`);
    expect(code).not.toContain('commander');
    expect(code).not.toContain('setupServer');
    const manifest = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as Record<string, unknown>;
    expect(manifest.bin).toBeUndefined();
  });
});
