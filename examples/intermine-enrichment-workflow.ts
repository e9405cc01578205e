// The InterMine tutorial's "simple workflow", with @bio/intermine:
//   1. read every file in a directory of identifier files,
//   2. create a list for each one, named after the file (reporting unmatched identifiers),
//   3. run pathway enrichment on each list,
//   4. keep the pathways with a p-value under a threshold,
//   5. create a list of those pathways.
//
//   pnpm tsx examples/intermine-enrichment-workflow.ts                 # against the recorded fixtures (no network)
//   pnpm tsx examples/intermine-enrichment-workflow.ts --live          # against https://www.flymine.org/flymine
//   pnpm tsx examples/intermine-enrichment-workflow.ts --live --dir my/ids --threshold 0.01
//
// Live runs use FLYMINE_TOKEN when set, otherwise an anonymous 24-hour token from /session.
import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Correction, InterMine, type InterMineList } from '@bio/intermine';

/** The identifier files shipped with the example. */
export const DEFAULT_DIR = fileURLToPath(new URL('./data/intermine/', import.meta.url));

/** Options of {@link runEnrichmentWorkflow}. */
export interface WorkflowOptions {
  /** Directory of identifier files (one list per file; hidden files are skipped). */
  dir?: string;
  /** Class of the identifiers. Default `Gene`. */
  type?: string;
  /** Organism used to resolve ambiguous identifiers. Default `D. melanogaster`. */
  organism?: string;
  /** Enrichment widget. Default `pathway_enrichment`. */
  widget?: string;
  /** Keep pathways with a p-value strictly under this. Default 0.05. */
  threshold?: number;
  /** Default `Holm-Bonferroni`. */
  correction?: Correction;
  /** Name of the list of enriched pathways. Default `enriched-pathways`. */
  pathwayListName?: string;
  log?: (line: string) => void;
}

/** One enriched pathway, with the list it came from. */
export interface EnrichedPathway {
  list: string;
  identifier: string;
  description: string;
  pValue: number;
}

/** What the workflow did. */
export interface WorkflowResult {
  lists: { file: string; name: string; size: number; unmatched: string[] }[];
  pathways: EnrichedPathway[];
  pathwayList: InterMineList | undefined;
}

/** Run the tutorial workflow against `mine`. */
export async function runEnrichmentWorkflow(mine: InterMine, options: WorkflowOptions = {}): Promise<WorkflowResult> {
  const dir = options.dir ?? DEFAULT_DIR;
  const type = options.type ?? 'Gene';
  const organism = options.organism ?? 'D. melanogaster';
  const widget = options.widget ?? 'pathway_enrichment';
  const threshold = options.threshold ?? 0.05;
  const correction = options.correction ?? 'Holm-Bonferroni';
  const log = options.log ?? ((line: string) => console.log(line));

  // 1. Every (non-hidden) file of the directory, in name order.
  const entries = await readdir(dir, { withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();

  // 2. One list per file, named after it.
  const lists: WorkflowResult['lists'] = [];
  const created: InterMineList[] = [];
  for (const file of files) {
    const name = basename(file, extname(file));
    const text = await readFile(join(dir, file), 'utf8');
    const list = await mine.lists.create(text, { name, type, organism, description: `identifiers from ${file}` });
    created.push(list);
    lists.push({ file, name: list.name, size: list.size, unmatched: list.unmatchedIdentifiers });
    log(
      `list ${list.name}: ${list.size} ${type} objects` + (list.unmatchedIdentifiers.length > 0 ? `; unmatched: ${list.unmatchedIdentifiers.join(', ')}` : ''),
    );
  }

  // 3 + 4. Enrichment per list, keeping p < threshold.
  const pathways: EnrichedPathway[] = [];
  for (const list of created) {
    const result = await list.enrichment({ widget, maxp: threshold, correction });
    const kept = result.rows.filter((row) => row.pValue < threshold);
    log(`${list.name}: ${kept.length} pathways with p < ${threshold} (${result.notAnalysed} not analysed)`);
    for (const row of kept) {
      log(`  ${row.identifier}\t${row.pValue.toExponential(2)}\t${row.description}`);
      pathways.push({ list: list.name, identifier: row.identifier, description: row.description, pValue: row.pValue });
    }
  }

  // 5. A list of the enriched pathways (each once).
  const identifiers = [...new Set(pathways.map((p) => p.identifier))];
  let pathwayList: InterMineList | undefined;
  if (identifiers.length > 0) {
    pathwayList = await mine.lists.create(identifiers, {
      name: options.pathwayListName ?? 'enriched-pathways',
      type: 'Pathway',
      description: `pathways enriched with p < ${threshold} in ${created.map((l) => l.name).join(', ')}`,
    });
    log(`list ${pathwayList.name}: ${pathwayList.size} pathways`);
  } else {
    log('no pathway passed the threshold; no pathway list created');
  }
  return { lists, pathways, pathwayList };
}

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const options: WorkflowOptions = {};
  const dir = argument('--dir');
  if (dir) options.dir = dir;
  const threshold = argument('--threshold');
  if (threshold) options.threshold = Number(threshold);
  if (process.argv.includes('--live')) {
    const baseUrl = argument('--base-url') ?? argument('--root') ?? 'https://www.flymine.org/flymine';
    const token = process.env.FLYMINE_TOKEN;
    const mine = token ? new InterMine({ baseUrl, token }) : await InterMine.withAnonymousToken({ baseUrl });
    await runEnrichmentWorkflow(mine, options);
    return;
  }
  // Offline: replay the package's recorded fixtures with msw.
  const { setupServer } = await import('msw/node');
  const { handlers } = await import('@bio/intermine/testing');
  const server = setupServer(...handlers());
  server.listen({ onUnhandledRequest: 'error' });
  try {
    await runEnrichmentWorkflow(new InterMine({ baseUrl: 'https://www.flymine.org/flymine', token: 'demo-token-for-fixtures' }), options);
  } finally {
    server.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
