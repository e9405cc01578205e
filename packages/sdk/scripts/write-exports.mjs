// Writes src/<package>.ts of the umbrella from each package's src/index.ts: every name listed by
// hand (values in `export {}`, types in `export type {}`, sorted), never `export *`. The family's
// error classes and guards (`@bio/core-http/errors`, which every client re-exports whole) are
// listed once, in src/core-http.ts, not again in every client's subpath.
// Run after a client's index changes: `pnpm --filter @bio/sdk exports:write` (test/unit/exports.test.ts fails until then).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const sdk = fileURLToPath(new URL('../', import.meta.url));
const packages = fileURLToPath(new URL('../../', import.meta.url));
const names = ['core-http', 'rsql', 'mygene', 'intermine', 'idr', 'molgenis'];
const parsed = ts.getParsedCommandLineOfConfigFile(`${sdk}tsconfig.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
const errorsEntry = `${packages}core-http/src/errors.ts`;
const program = ts.createProgram([...names.map((n) => `${packages}${n}/src/index.ts`), errorsEntry], parsed.options);
const checker = program.getTypeChecker();
const byName = (a, b) => a.toLowerCase().localeCompare(b.toLowerCase()) || (a < b ? -1 : a > b ? 1 : 0);
const familyErrors = new Set(checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(errorsEntry))).map((s) => s.name));

for (const name of names) {
  const values = [];
  const types = [];
  for (const symbol of checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(`${packages}${name}/src/index.ts`)))) {
    if (name !== 'core-http' && familyErrors.has(symbol.name)) continue;
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const declaration = symbol.declarations?.[0];
    const typeOnly = declaration && ts.isExportSpecifier(declaration) && (declaration.isTypeOnly || declaration.parent.parent.isTypeOnly);
    (!typeOnly && target.flags & ts.SymbolFlags.Value ? values : types).push(symbol.name);
  }
  values.sort(byName);
  types.sort(byName);
  const file = `${sdk}src/${name}.ts`;
  const header = readFileSync(file, 'utf8')
    .split('\n')
    .filter((_line, i, all) => all.slice(0, i + 1).every((l) => l.startsWith('//')))
    .join('\n');
  const block = (keyword, list) => (list.length ? `${keyword} {\n${list.map((n) => `  ${n},\n`).join('')}} from '@bio/${name}';\n` : '');
  writeFileSync(file, `${header}\n${block('export', values)}${block('export type', types)}`);
  console.log(`src/${name}.ts: ${values.length} values, ${types.length} types`);
}
