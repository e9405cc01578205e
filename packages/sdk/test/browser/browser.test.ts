// Browser proof: the BUILT @bio/sdk ESM, bundled for the browser (esbuild, platform browser: a
// Node-only import would fail the build), loaded by a page served on loopback in headless
// Chromium, runs a MyGene query and an IDR screen listing against a loopback fixture server
// with CORS. Chromium comes from the system (/usr/bin/chromium; .ci/run installs it via apt).
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type LoopbackFixtureServer, startLoopbackFixtureServer } from '@bio/core-http/testing';
import { fixtures as idrFixtures } from '@bio/idr/testing';
import { fixtures as mygeneFixtures } from '@bio/mygene/testing';
import { build } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.log(`browser test skipped: no Chromium at ${CHROMIUM} (install Debian's chromium, or set CHROMIUM_PATH)`);

/** `examples` depends on every package, so `@bio/sdk` resolves to its built dist/ from there. */
const RESOLVE_DIR = fileURLToPath(new URL('../../../../examples/', import.meta.url));

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>@bio/sdk in the browser</title></head>
<body><script type="module">
import * as bio from './sdk.js';
window.bio = bio;
document.title = 'ready';
</script></body></html>`;

interface PageResults {
  exports: string[];
  mygene: { total: number; symbols: string[] };
  screens: { id: number; name: string | undefined }[];
  userAgentIsBrowser: boolean;
}

describe.skipIf(!hasChromium)('@bio/sdk in headless Chromium', () => {
  let browser: Browser;
  let pageServer: Server;
  let pageUrl: string;
  let fixtureServer: LoopbackFixtureServer;
  let bundleText: string;

  beforeAll(async () => {
    const bundle = await build({
      stdin: { contents: `export * from '@bio/sdk';`, resolveDir: RESOLVE_DIR, loader: 'js' },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
    });
    bundleText = bundle.outputFiles[0]?.text ?? '';
    pageServer = createServer((request, response) => {
      if (request.url === '/sdk.js') {
        response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
        response.end(bundleText);
      } else if (request.url === '/' || request.url === '/index.html') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(PAGE);
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
    pageUrl = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}/`;
    fixtureServer = await startLoopbackFixtureServer({ fixtures: [...mygeneFixtures(), ...idrFixtures()], cors: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await fixtureServer?.close();
    await new Promise((resolve) => pageServer?.close(resolve));
  });

  it('the browser bundle of the built package has no Node built-ins', () => {
    expect(bundleText.length).toBeGreaterThan(10_000);
    expect(bundleText).not.toMatch(/from ['"]node:/);
    expect(bundleText).not.toContain('setupServer');
  });

  it('runs a MyGene query and an IDR screen listing from a page', { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pageUrl);
    await page.waitForFunction(() => document.title === 'ready');
    const results = await page.evaluate(async (fixtureUrl: string): Promise<PageResults> => {
      // biome-ignore lint/suspicious/noExplicitAny: the bundle's exports, seen from the page
      const bio = (window as any).bio;
      const mg = new bio.MyGene({ baseUrl: `${fixtureUrl}/v3` });
      const res = await mg.query('symbol:cdk2');
      const idr = new bio.Idr({ baseUrl: fixtureUrl });
      const screens = await idr.screens({}, { max: 2 }).toArray();
      return {
        exports: Object.keys(bio).sort(),
        mygene: { total: res.total, symbols: res.hits.map((h: { symbol: string }) => h.symbol) },
        screens: screens.map((s: { '@id': number; Name?: string }) => ({ id: s['@id'], name: s.Name })),
        userAgentIsBrowser: /Chrome/.test(navigator.userAgent),
      };
    }, fixtureServer.url);
    await page.close();
    expect(errors).toEqual([]);
    expect(results.exports).toEqual(expect.arrayContaining(['Idr', 'InterMine', 'Molgenis', 'MyGene', 'http', 'rsql']));
    expect(results.mygene).toEqual({ total: 3, symbols: ['CDK2', 'Cdk2', 'Cdk2'] });
    expect(results.screens).toEqual([
      { id: 3, name: 'idr0001-graml-sysgro/screenA' },
      { id: 102, name: 'idr0002-heriche-condensation/screenA' },
    ]);
    expect(results.userAgentIsBrowser).toBe(true);
    expect(fixtureServer.unmatchedRequests()).toEqual([]);
  });
});
