// Documentation coverage of the public API: for every published package, the entries of its
// `exports` map (the built `dist/*.d.ts` files, i.e. what a user's editor and the API site show)
// are read with the TypeScript compiler API, and three things are counted:
//
//   symbols   every exported symbol (class, interface, function, type, constant, enum,
//             namespace) that has a description in its doc comment;
//   members   every public member (constructor, property, method, accessor, enum member,
//             interface/type-literal member) that has a description;
//   examples  every entry point (exported function or class) and public method that has an
//             `@example` block.
//
// A symbol re-exported by several entries (or by `@bio/sdk`) is counted once per package, where
// it is declared. Private, protected and `@internal` members are not public and are not counted.
//
// Usage: node scripts/doc-coverage.mjs [--check] [--only @bio/a,@bio/b] [--missing]
//                                      [--min-symbols 100] [--min-members 95] [--min-examples 0]
//   (after `pnpm build`). `--check` exits 1 when a package (of `--only`, if given) is below a
//   threshold; `--missing` lists what is undocumented.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { publishedPackages } from './lib/published-packages.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1] : fallback;
};
const check = flag('--check');
const listMissing = flag('--missing');
const onlyArg = option('--only', undefined);
const only = onlyArg === undefined ? undefined : new Set(onlyArg.split(',').map((s) => (s.startsWith('@bio/') ? s : `@bio/${s}`)));
const min = {
  symbols: Number(option('--min-symbols', '100')),
  members: Number(option('--min-members', '95')),
  examples: Number(option('--min-examples', '0')),
};

const base = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions;
const { options: compilerOptions } = ts.convertCompilerOptionsFromJson({ ...base, noEmit: true }, root);

function docText(symbol, checker) {
  return ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
}
function hasTag(symbol, checker, tag) {
  if (symbol.getJsDocTags(checker).some((t) => t.name === tag)) return true;
  // Overloads: getJsDocTags reads the first declaration only.
  return (symbol.declarations ?? []).some((d) => ts.getJSDocTags(d).some((t) => t.tagName.text === tag));
}
function isHidden(decl) {
  if (ts.getJSDocTags(decl).some((t) => t.tagName.text === 'internal' || t.tagName.text === 'hidden' || t.tagName.text === 'ignore')) return true;
  const flags = ts.getCombinedModifierFlags(decl);
  if (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) return true;
  return decl.name !== undefined && ts.isPrivateIdentifier(decl.name);
}
function kindOf(symbol) {
  const f = symbol.flags;
  if (f & ts.SymbolFlags.Class) return 'class';
  if (f & ts.SymbolFlags.Interface) return 'interface';
  if (f & ts.SymbolFlags.Enum) return 'enum';
  if (f & ts.SymbolFlags.Function) return 'function';
  if (f & ts.SymbolFlags.TypeAlias) return 'type';
  if (f & ts.SymbolFlags.Variable) return 'variable';
  if (f & ts.SymbolFlags.ValueModule) return 'namespace';
  return 'other';
}

function measure(pkg) {
  const files = pkg.entries.map((e) => e.dts).filter((f) => existsSync(f));
  const missingFiles = pkg.entries.filter((e) => !existsSync(e.dts)).map((e) => e.key);
  const program = ts.createProgram(files, compilerOptions);
  const checker = program.getTypeChecker();
  const seen = new Set();
  const r = {
    name: pkg.name,
    missingFiles,
    symbols: { total: 0, done: 0, missing: [] },
    members: { total: 0, done: 0, missing: [] },
    examples: { total: 0, done: 0, missing: [] },
  };
  const count = (bucket, ok, label) => {
    r[bucket].total++;
    if (ok) r[bucket].done++;
    else r[bucket].missing.push(label);
  };
  const where = (decl) => {
    const sf = decl.getSourceFile();
    const { line } = sf.getLineAndCharacterOfPosition(decl.getStart());
    return `${relative(root, sf.fileName)}:${line + 1}`;
  };

  const countMember = (owner, member, decls, isMethod) => {
    if (decls.length === 0 || decls.every(isHidden)) return;
    const name = member.name === '__constructor' ? 'constructor' : member.name;
    const label = `${owner}.${name} (${where(decls[0])})`;
    count('members', docText(member, checker) !== '', label);
    if (isMethod) count('examples', hasTag(member, checker, 'example'), label);
  };

  const countTypeLiteralMembers = (owner, typeNode) => {
    if (ts.isIntersectionTypeNode(typeNode) || ts.isUnionTypeNode(typeNode)) {
      for (const t of typeNode.types) countTypeLiteralMembers(owner, t);
      return;
    }
    if (!ts.isTypeLiteralNode(typeNode)) return;
    for (const m of typeNode.members) {
      if (!m.name) continue;
      const sym = checker.getSymbolAtLocation(m.name);
      if (sym) countMember(owner, sym, [m], ts.isMethodSignature(m));
    }
  };

  for (const entry of pkg.entries) {
    const sf = program.getSourceFile(entry.dts);
    if (!sf) continue;
    const moduleSymbol = checker.getSymbolAtLocation(sf);
    if (!moduleSymbol) continue;
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const decls = target.declarations ?? [];
      if (decls.length === 0) continue;
      const key = `${decls[0].getSourceFile().fileName}:${decls[0].pos}:${exported.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const kind = kindOf(target);
      const label = `${exported.name} [${kind}] (${where(decls[0])})`;
      let described = docText(target, checker) !== '' || docText(exported, checker) !== '';
      if (kind === 'namespace' && !described) {
        // `export * as x` / `import * as x; export { x }`: the namespace is described by the
        // `@packageDocumentation` / `@module` comment of the module it names.
        const text = decls[0].getSourceFile().getFullText();
        described = /@(packageDocumentation|module)\b/.test(text);
      }
      count('symbols', described, label);
      if (kind === 'namespace') continue; // its names are counted through the package's own entries
      if (kind === 'function' || kind === 'class') count('examples', hasTag(target, checker, 'example') || hasTag(exported, checker, 'example'), label);

      if (kind === 'class' || kind === 'interface') {
        const ctorOrMembers = [...(target.members?.values() ?? []), ...(target.exports?.values() ?? [])];
        for (const member of ctorOrMembers) {
          if (member.name === '__index' || member.name === '__call' || member.name === 'prototype') continue;
          if (member.flags & ts.SymbolFlags.TypeParameter) continue;
          const mDecls = (member.declarations ?? []).filter((d) => d.parent && decls.includes(d.parent));
          if (mDecls.length === 0) continue;
          const isMethod = mDecls.some((d) => ts.isMethodDeclaration(d) || ts.isMethodSignature(d));
          countMember(exported.name, member, mDecls, isMethod);
        }
      } else if (kind === 'enum') {
        for (const member of target.exports?.values() ?? []) countMember(exported.name, member, member.declarations ?? [], false);
      } else if (kind === 'type') {
        for (const d of decls) if (ts.isTypeAliasDeclaration(d)) countTypeLiteralMembers(exported.name, d.type);
      }
    }
  }
  return r;
}

const pct = (b) => (b.total === 0 ? 100 : (100 * b.done) / b.total);
const fmt = (b) => `${b.done}/${b.total} ${pct(b).toFixed(1).padStart(5)} %`;

const results = [];
for (const pkg of publishedPackages(root)) {
  if (only && !only.has(pkg.name)) continue;
  results.push(measure(pkg));
}

const rows = [['package', 'symbols described', 'members described', 'with @example']];
for (const r of results) rows.push([r.name, fmt(r.symbols), fmt(r.members), fmt(r.examples)]);
const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
for (const [i, row] of rows.entries()) {
  console.log(row.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join('  '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}

let failed = 0;
for (const r of results) {
  if (r.missingFiles.length > 0) {
    console.error(`${r.name}: entries ${r.missingFiles.join(', ')} are not built; run pnpm build first`);
    failed++;
  }
  if (listMissing) {
    for (const bucket of ['symbols', 'members', 'examples']) {
      if (r[bucket].missing.length === 0) continue;
      console.log(`\n${r.name}: ${bucket} without ${bucket === 'examples' ? '@example' : 'a description'} (${r[bucket].missing.length})`);
      for (const m of r[bucket].missing) console.log(`  ${m}`);
    }
  }
  const below = ['symbols', 'members', 'examples'].filter((b) => pct(r[b]) < min[b]);
  if (below.length > 0) {
    failed++;
    if (check) console.error(`${r.name}: below the threshold for ${below.map((b) => `${b} (${pct(r[b]).toFixed(1)} % < ${min[b]} %)`).join(', ')}`);
  }
}
if (check) {
  console.log(
    `doc coverage: ${results.length} packages, ${failed} below the thresholds (symbols ${min.symbols} %, members ${min.members} %, examples ${min.examples} %)`,
  );
  process.exit(failed > 0 ? 1 : 0);
}
