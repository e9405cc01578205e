// The umbrella's surface is listed by hand (no `export *`), so these tests keep it equal to the
// clients': every name of each client's index — values and types — is in the matching subpath
// entry (`@bio/sdk/mygene`, …) and nothing else is, except the family's errors (`@bio/core-http/errors`,
// which every client re-exports whole): the umbrella lists those once, in `@bio/sdk/core-http`.
// The main entry is the four classes plus one namespace per package. A name added to a client and
// not to the umbrella fails here (`pnpm --filter @bio/sdk exports:write` regenerates the lists).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as coreHttp from '@bio/core-http';
import * as familyErrors from '@bio/core-http/errors';
import * as idrClient from '@bio/idr';
import * as intermineClient from '@bio/intermine';
import * as molgenisClient from '@bio/molgenis';
import * as mygeneClient from '@bio/mygene';
import * as rsqlPackage from '@bio/rsql';
import * as sdkCoreHttp from '../../src/core-http.js';
import * as sdkIdr from '../../src/idr.js';
import * as sdk from '../../src/index.js';
import * as sdkIntermine from '../../src/intermine.js';
import * as sdkMolgenis from '../../src/molgenis.js';
import * as sdkMygene from '../../src/mygene.js';
import * as sdkRsql from '../../src/rsql.js';

const SDK = fileURLToPath(new URL('../../', import.meta.url));
const PACKAGES = fileURLToPath(new URL('../../../', import.meta.url));

/** Subpath → [the client module, the umbrella's subpath module, its namespace name in the main entry]. */
const SUBPATHS = {
  'core-http': [coreHttp, sdkCoreHttp, 'http'],
  rsql: [rsqlPackage, sdkRsql, 'rsql'],
  mygene: [mygeneClient, sdkMygene, 'mygene'],
  intermine: [intermineClient, sdkIntermine, 'intermine'],
  idr: [idrClient, sdkIdr, 'idr'],
  molgenis: [molgenisClient, sdkMolgenis, 'molgenis'],
} as const;

const ERROR_NAMES = new Set(Object.keys(familyErrors));
const runtimeNames = (mod: object): string[] => Object.keys(mod).sort();
/** A client's names as the umbrella's subpath lists them: the family's errors live in `@bio/sdk/core-http`. */
const ownNames = (client: object, name: string): string[] => runtimeNames(client).filter((n) => name === 'core-http' || !ERROR_NAMES.has(n));

describe('@bio/sdk exports equal the clients’ exports', () => {
  it('every subpath entry of package.json is one of the packages checked here', () => {
    const manifest = JSON.parse(readFileSync(`${SDK}package.json`, 'utf8')) as { exports: Record<string, unknown>; dependencies: Record<string, string> };
    const subpaths = Object.keys(manifest.exports).filter((key) => key !== '.' && key !== './package.json');
    expect(subpaths.sort()).toEqual(
      Object.keys(SUBPATHS)
        .map((name) => `./${name}`)
        .sort(),
    );
    expect(Object.keys(manifest.dependencies).sort()).toEqual(
      Object.keys(SUBPATHS)
        .map((name) => `@bio/${name}`)
        .sort(),
    );
  });

  it.each(Object.entries(SUBPATHS))('@bio/sdk/%s: the same runtime values as the client, by identity', (name, [client, umbrella]) => {
    expect(runtimeNames(umbrella)).toEqual(ownNames(client, name));
    for (const key of ownNames(client, name)) expect((umbrella as Record<string, unknown>)[key], key).toBe((client as Record<string, unknown>)[key]);
  });

  it('the union of the subpaths is the union of the clients, types included (TypeScript checker)', () => {
    const parsed = ts.getParsedCommandLineOfConfigFile(`${SDK}tsconfig.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    if (!parsed) throw new Error('cannot read packages/sdk/tsconfig.json');
    const pairs = Object.keys(SUBPATHS).map((name) => ({ name, client: `${PACKAGES}${name}/src/index.ts`, umbrella: `${SDK}src/${name}.ts` }));
    const program = ts.createProgram([...pairs.flatMap((p) => [p.client, p.umbrella]), `${PACKAGES}core-http/src/errors.ts`], parsed.options);
    const checker = program.getTypeChecker();
    const exportsOf = (file: string): string[] => {
      const source = program.getSourceFile(file);
      const symbol = source && checker.getSymbolAtLocation(source);
      if (!symbol) throw new Error(`${file} is not a module`);
      return checker.getExportsOfModule(symbol).map((s) => s.name);
    };
    const clientUnion = new Set<string>();
    const umbrellaUnion = new Set<string>();
    for (const { name, client, umbrella } of pairs) {
      const familyErrorTypes = new Set(exportsOf(`${PACKAGES}core-http/src/errors.ts`));
      const clientNames = exportsOf(client)
        .filter((n) => name === 'core-http' || !familyErrorTypes.has(n))
        .sort();
      expect(clientNames.length, name).toBeGreaterThan(5);
      expect({ name, names: exportsOf(umbrella).sort() }).toEqual({ name, names: clientNames });
      for (const n of clientNames) clientUnion.add(`${name}:${n}`);
      for (const n of exportsOf(umbrella)) umbrellaUnion.add(`${name}:${n}`);
    }
    expect([...umbrellaUnion].sort()).toEqual([...clientUnion].sort());
  });

  it('the main entry: the four client classes and one namespace per package, each the client itself', () => {
    expect(runtimeNames(sdk)).toEqual(['Idr', 'InterMine', 'Molgenis', 'MyGene', 'http', 'idr', 'intermine', 'molgenis', 'mygene', 'rsql']);
    expect(sdk.MyGene).toBe(mygeneClient.MyGene);
    expect(sdk.InterMine).toBe(intermineClient.InterMine);
    expect(sdk.Idr).toBe(idrClient.Idr);
    expect(sdk.Molgenis).toBe(molgenisClient.Molgenis);
    for (const [client, , namespace] of Object.values(SUBPATHS)) {
      const ns = (sdk as Record<string, object>)[namespace];
      if (!ns) throw new Error(`no ${namespace} namespace`);
      expect(runtimeNames(ns), namespace).toEqual(ownNames(client, namespace === 'http' ? 'core-http' : namespace));
    }
  });

  it('the family errors are all in @bio/sdk/core-http and the http namespace, the same objects as every client’s', () => {
    for (const name of ERROR_NAMES) {
      expect((sdkCoreHttp as Record<string, unknown>)[name], name).toBe((familyErrors as Record<string, unknown>)[name]);
      expect((sdk.http as Record<string, unknown>)[name], name).toBe((mygeneClient as Record<string, unknown>)[name]);
    }
    expect(ERROR_NAMES.size).toBeGreaterThan(30);
  });

  it('no `export *` in the umbrella’s sources: every name is written out', () => {
    for (const file of readdirSync(`${SDK}src`)) {
      const text = readFileSync(`${SDK}src/${file}`, 'utf8');
      expect({ file, exportStar: /^\s*export\s*\*/m.test(text) }).toEqual({ file, exportStar: false });
    }
  });
});
