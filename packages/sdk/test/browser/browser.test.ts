// Browser proof: the BUILT @bio/sdk ESM, bundled for the browser (esbuild, platform browser: a
// Node-only import would fail the build), loaded by a page served on loopback in headless
// Chromium, runs a MyGene query and an IDR screen listing against a loopback fixture server
// with CORS, then every client against its simulator (CORS on): InterMine rows streamed,
// a MOLGENIS login, write and read-back, an OMERO.web session login (CSRF token and session
// cookie, as a browser keeps them). Chromium comes from the system (/usr/bin/chromium; .ci/run
// installs it via apt). In CI (CI=true) or with BIO_BROWSER=1 a missing Chromium fails the
// suite; elsewhere the browser suite is skipped.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type LoopbackFixtureServer, startLoopbackFixtureServer } from '@bio/core-http/testing';
import type { ListeningSimulator } from '@bio/core-http/testing';
import { createSimulator as idrSimulator, fixtures as idrFixtures } from '@bio/idr/testing';
import { createSimulator as intermineSimulator } from '@bio/intermine/testing';
import { createSimulator as molgenisSimulator } from '@bio/molgenis/testing';
import { fixtures as mygeneFixtures } from '@bio/mygene/testing';
import { build } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const required = process.env.CI === 'true' || process.env.BIO_BROWSER === '1';

describe.runIf(required)('the browser proof in CI', () => {
  it('has Chromium (a CI run never skips the browser proof)', () => {
    expect(hasChromium, `no Chromium at ${CHROMIUM}: install Debian's chromium, or set CHROMIUM_PATH`).toBe(true);
  });
});

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
  let simulators: { intermine: ListeningSimulator; molgenis: ListeningSimulator; omero: ListeningSimulator };
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
    simulators = {
      intermine: await intermineSimulator().listen({ cors: true }),
      molgenis: await molgenisSimulator().listen({ cors: true }),
      omero: await idrSimulator({ baseUrl: 'https://omero.example.org', mapr: 'available', searchEngine: false }).listen({ cors: true }),
    };
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
    await Promise.all(Object.values(simulators ?? {}).map((sim) => sim.close()));
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

  it('streams InterMine rows, writes to MOLGENIS and logs in to OMERO.web from a page', { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pageUrl);
    await page.waitForFunction(() => document.title === 'ready');
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`); // a CORS refusal shows only here
    });
    const urls = { intermine: simulators.intermine.baseUrl, molgenis: simulators.molgenis.baseUrl, omero: simulators.omero.baseUrl };
    const results = await page.evaluate(async (at: typeof urls) => {
      // biome-ignore lint/suspicious/noExplicitAny: the bundle's exports, seen from the page
      const bio = (window as any).bio;
      const mine = new bio.InterMine({ baseUrl: at.intermine });
      const rows: unknown[] = [];
      for await (const row of mine.rows(mine.query('Gene').select('symbol', 'length').where('symbol', 'ONE OF', ['eve', 'zen']).orderBy('symbol')))
        rows.push(row);

      const molgenis = new bio.Molgenis({ baseUrl: at.molgenis });
      await molgenis.login('admin', 'admin');
      const id = await molgenis.add('demo_sightings', { id: 'from-a-browser', type: 'sprite', year: 2026 });
      const back = await molgenis.getById('demo_sightings', id, { attributes: ['id', 'type', 'year'] });

      const omero = new bio.Idr({ baseUrl: at.omero, auth: bio.http.sessionAuth() });
      const session = await omero.login({ username: 'alice', password: 'wonderland' });
      return { rows, written: { id, type: back?.type, year: back?.year }, session: { user: session.userName } };
    }, urls);
    await page.close();
    expect(errors).toEqual([]);
    expect(results.rows.map((r) => (r as unknown[])[0])).toEqual(['eve', 'zen']);
    expect(results.written).toEqual({ id: 'from-a-browser', type: 'sprite', year: 2026 });
    expect(results.session).toEqual({ user: 'alice' });
  });
});
