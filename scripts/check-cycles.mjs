// Fails when relative imports between our own source files form a cycle (value and type imports
// alike: a type-only cycle still ties two modules' designs together). Scans packages/*/src,
// bench/src, chaos/src and examples. Prints every cycle as a path a → b → … → a.
//
// Usage: node scripts/check-cycles.mjs
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const roots = [
  ...readdirSync(join(root, 'packages')).map((p) => join(root, 'packages', p, 'src')),
  join(root, 'bench/src'),
  join(root, 'chaos/src'),
  join(root, 'examples'),
];

function sourceFiles(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const file = join(dir, name);
    if (statSync(file).isDirectory()) sourceFiles(file, out);
    else if (/\.(m?ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(file);
  }
  return out;
}

// `import … from './x.js'`, `export … from './x.js'`, `import './x.js'`, `import('./x.js')`.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

function resolveImport(from, specifier) {
  const target = resolve(dirname(from), specifier);
  const stem = target.replace(/\.(m?js|tsx?)$/, '');
  for (const candidate of [`${stem}.ts`, `${stem}.mts`, `${stem}.tsx`, join(target, 'index.ts')]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

const files = roots.flatMap((dir) => sourceFiles(dir));
const graph = new Map();
for (const file of files) {
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
  const deps = new Set();
  for (const m of text.matchAll(SPECIFIER)) {
    const dep = resolveImport(file, m[1]);
    if (dep) deps.add(dep);
  }
  graph.set(file, [...deps]);
}

// Tarjan's strongly connected components, iteratively (no recursion limit on deep trees).
let counter = 0;
const index = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const components = [];
for (const start of graph.keys()) {
  if (index.has(start)) continue;
  const work = [[start, 0]];
  while (work.length > 0) {
    const frame = work[work.length - 1];
    const [node, next] = frame;
    if (next === 0) {
      index.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
    }
    const deps = graph.get(node) ?? [];
    if (next < deps.length) {
      frame[1]++;
      const dep = deps[next];
      if (!index.has(dep)) work.push([dep, 0]);
      else if (onStack.has(dep)) low.set(node, Math.min(low.get(node), index.get(dep)));
      continue;
    }
    work.pop();
    if (work.length > 0) {
      const parent = work[work.length - 1][0];
      low.set(parent, Math.min(low.get(parent), low.get(node)));
    }
    if (low.get(node) === index.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) components.push(component);
    }
  }
}

// One concrete cycle inside a component, found by walking edges that stay inside it.
function cycleIn(component) {
  const members = new Set(component);
  const start = component[0];
  const path = [start];
  const seen = new Set([start]);
  let node = start;
  for (;;) {
    const deps = (graph.get(node) ?? []).filter((d) => members.has(d));
    const back = deps.find((d) => d === start);
    if (back) return [...path, start];
    const next = deps.find((d) => !seen.has(d)) ?? deps[0];
    if (seen.has(next)) return [...path.slice(path.indexOf(next)), next];
    path.push(next);
    seen.add(next);
    node = next;
  }
}

for (const component of components) {
  console.error(
    `import cycle: ${cycleIn(component)
      .map((f) => relative(root, f))
      .join(' → ')}`,
  );
}
console.log(`import cycles: ${components.length} (${files.length} source files)`);
process.exit(components.length > 0 ? 1 : 0);
