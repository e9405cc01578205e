// The umbrella's surface is listed by hand (no `export *`), so these tests keep it equal to the
// clients': every name of each client's index — values and types — is in the matching subpath
// entry (`@bio/sdk/mygene`, …) and nothing else is, except the family's errors (`@bio/core-http/errors`,
// which every client re-exports whole): the umbrella lists those once, in `@bio/sdk/core-http`.
// The main entry is the five client classes plus one namespace per entry. A name added to a client and
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
import * as emx2Client from '@bio/molgenis/emx2';
import * as mygeneClient from '@bio/mygene';
import * as rsqlPackage from '@bio/rsql';
import * as sdkCoreHttp from '../../src/core-http.js';
import * as sdkIdr from '../../src/idr.js';
import * as sdk from '../../src/index.js';
import * as sdkIntermine from '../../src/intermine.js';
import * as sdkMolgenis from '../../src/molgenis.js';
import * as sdkEmx2 from '../../src/molgenis-emx2.js';
import * as sdkMygene from '../../src/mygene.js';
import * as sdkRsql from '../../src/rsql.js';

const SDK = fileURLToPath(new URL('../../', import.meta.url));
const PACKAGES = fileURLToPath(new URL('../../../', import.meta.url));

/** Umbrella file (src/<name>.ts) → [the client module, the umbrella's module, its namespace name in the main entry]. */
const SUBPATHS = {
  'core-http': [coreHttp, sdkCoreHttp, 'http'],
  rsql: [rsqlPackage, sdkRsql, 'rsql'],
  mygene: [mygeneClient, sdkMygene, 'mygene'],
  intermine: [intermineClient, sdkIntermine, 'intermine'],
  idr: [idrClient, sdkIdr, 'idr'],
  molgenis: [molgenisClient, sdkMolgenis, 'molgenis'],
  'molgenis-emx2': [emx2Client, sdkEmx2, 'emx2'],
} as const;
/** Where each umbrella file's names come from: the package (`@bio/<x>`) and its source entry. */
const SOURCES: Record<keyof typeof SUBPATHS, { subpath: string; pkg: string; source: string }> = {
  'core-http': { subpath: './core-http', pkg: '@bio/core-http', source: 'core-http/src/index.ts' },
  rsql: { subpath: './rsql', pkg: '@bio/rsql', source: 'rsql/src/index.ts' },
  mygene: { subpath: './mygene', pkg: '@bio/mygene', source: 'mygene/src/index.ts' },
  intermine: { subpath: './intermine', pkg: '@bio/intermine', source: 'intermine/src/index.ts' },
  idr: { subpath: './idr', pkg: '@bio/idr', source: 'idr/src/index.ts' },
  molgenis: { subpath: './molgenis', pkg: '@bio/molgenis', source: 'molgenis/src/index.ts' },
  'molgenis-emx2': { subpath: './molgenis/emx2', pkg: '@bio/molgenis', source: 'molgenis/src/emx2/index.ts' },
};

const ERROR_NAMES = new Set(Object.keys(familyErrors));
const runtimeNames = (mod: object): string[] => Object.keys(mod).sort();
/** A client's names as the umbrella's subpath lists them: the family's errors live in `@bio/sdk/core-http`. */
const ownNames = (client: object, name: string): string[] => runtimeNames(client).filter((n) => name === 'core-http' || !ERROR_NAMES.has(n));

describe('@bio/sdk exports equal the clients’ exports', () => {
  it('every subpath entry of package.json is one of the packages checked here', () => {
    const manifest = JSON.parse(readFileSync(`${SDK}package.json`, 'utf8')) as { exports: Record<string, unknown>; dependencies: Record<string, string> };
    const subpaths = Object.keys(manifest.exports).filter((key) => key !== '.' && key !== './package.json');
    expect(subpaths.sort()).toEqual(
      Object.values(SOURCES)
        .map((s) => s.subpath)
        .sort(),
    );
    expect(Object.keys(manifest.dependencies).sort()).toEqual([...new Set(Object.values(SOURCES).map((s) => s.pkg))].sort());
  });

  it.each(Object.entries(SUBPATHS))('@bio/sdk/%s: the same runtime values as the client, by identity', (name, [client, umbrella]) => {
    expect(runtimeNames(umbrella)).toEqual(ownNames(client, name));
    for (const key of ownNames(client, name)) expect((umbrella as Record<string, unknown>)[key], key).toBe((client as Record<string, unknown>)[key]);
  });

  it('the union of the subpaths is the union of the clients, types included (TypeScript checker)', () => {
    const parsed = ts.getParsedCommandLineOfConfigFile(`${SDK}tsconfig.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    if (!parsed) throw new Error('cannot read packages/sdk/tsconfig.json');
    const pairs = Object.entries(SOURCES).map(([name, { source }]) => ({ name, client: `${PACKAGES}${source}`, umbrella: `${SDK}src/${name}.ts` }));
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

  it('the main entry: the five client classes and one namespace per entry, each the client itself', () => {
    expect(runtimeNames(sdk)).toEqual(['Emx2', 'Idr', 'InterMine', 'Molgenis', 'MyGene', 'emx2', 'http', 'idr', 'intermine', 'molgenis', 'mygene', 'rsql']);
    expect(sdk.Emx2).toBe(emx2Client.Emx2);
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
