// The main entry must bundle for browsers: no node:* import (nor a bare Node builtin) anywhere on its import graph.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { expect, it } from 'vitest';

it('src/index.ts bundles for platform "browser" without any Node built-in', async () => {
  const entry = fileURLToPath(new URL('../../src/index.ts', import.meta.url));
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    metafile: true,
    logLevel: 'silent',
  });
  expect(result.errors).toEqual([]);
  const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
  expect(imports.filter((p) => p.startsWith('node:'))).toEqual([]);
  const output = result.outputFiles[0]?.text ?? '';
  expect(output).not.toMatch(/from\s*["']node:/);
  expect(output).not.toMatch(/require\(\s*["'](node:)?(fs|path|http|https|net|stream|buffer|util|url)["']\s*\)/);
  // Node-only globals may appear only behind runtime checks (typeof …), never as bare use.
  expect(output).not.toMatch(/(?<![\w.])Buffer\.(from|concat|alloc)/);
  expect(output).not.toMatch(/(?<![\w.'"])process\.(env|versions|nextTick)/);
});
