// `pnpm demo`: the seed walkthroughs end to end, one short section per service.
//
//   pnpm demo            # offline: every request is answered from the packages' recorded fixtures
//   pnpm demo --live     # against FlyMine, IDR and MyGene.info (MOLGENIS too when MOLGENIS_URL,
//                        # MOLGENIS_USER, MOLGENIS_PASSWORD and MOLGENIS_ZIP are set)
//   pnpm demo --verbose  # also print each walkthrough's own log lines
//
// It reuses the example files' exported functions (intermine-enrichment-workflow.ts,
// idr-walkthrough.ts, molgenis-session.ts) and adds the steps they do not cover (a region query
// to FASTA, MyGene). Every client gets the same `hooks` so the summary can count requests.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { HttpHooks } from '@bio/core-http';
import { Idr } from '@bio/idr';
import { InterMine } from '@bio/intermine';
import type { MolgenisOptions } from '@bio/molgenis';
import { MyGene } from '@bio/mygene';
import { runWalkthrough } from './idr-walkthrough.js';
import { runEnrichmentWorkflow } from './intermine-enrichment-workflow.js';
import { runSession } from './molgenis-session.js';

const live = process.argv.includes('--live');
const verbose = process.argv.includes('--verbose');

let requests = 0;
const hooks: HttpHooks = {
  onRequest: () => {
    requests++;
  },
};
const log = (line: string): void => {
  if (verbose) console.log(`    ${line}`);
};

type Cell = string | number | boolean | null | undefined;

/** Aligned plain-text table (no dependency: the demo prints a handful of rows). */
function table(rows: readonly Record<string, Cell>[], columns: readonly string[], indent = '  '): void {
  const text = (v: Cell): string => (v === null || v === undefined ? '' : String(v));
  const clip = (s: string): string => (s.length > 60 ? `${s.slice(0, 59)}…` : s);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => clip(text(r[c])).length)));
  const line = (cells: string[]): string => `${indent}${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd();
  console.log(line([...columns]));
  console.log(line(widths.map((w) => '─'.repeat(w))));
  for (const row of rows) console.log(line(columns.map((c) => clip(text(row[c])))));
}

function heading(title: string): void {
  console.log(`\n${title}\n${'═'.repeat(title.length)}`);
}

function step(text: string): void {
  console.log(`\n  ${text}`);
}

const sections: { name: string; ok: boolean; skipped?: string }[] = [];

async function section(name: string, title: string, body: () => Promise<string | undefined>): Promise<void> {
  heading(title);
  try {
    const skipped = await body();
    sections.push({ name, ok: true, ...(skipped ? { skipped } : {}) });
    if (skipped) console.log(`  skipped: ${skipped}`);
  } catch (error) {
    sections.push({ name, ok: false });
    // One line, no stack: the demo is read by people, not debuggers.
    console.log(`  ✗ failed: ${error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error)}`);
  }
}

async function intermine(): Promise<undefined> {
  const baseUrl = 'https://www.flymine.org/flymine';
  // Offline, the recorded exchanges carry this token; live, an anonymous 24-hour one (or FLYMINE_TOKEN).
  const token = live ? process.env.FLYMINE_TOKEN : 'demo-token-for-fixtures';
  const mine = token ? new InterMine({ baseUrl, token, hooks }) : await InterMine.withAnonymousToken({ baseUrl, hooks });

  step('Lists from identifier files (examples/data/intermine), pathway enrichment, a list of the pathways');
  const result = await runEnrichmentWorkflow(mine, { log });
  table(
    result.lists.map((l) => ({ file: l.file, list: l.name, size: l.size, unmatched: l.unmatched.join(', ') })),
    ['file', 'list', 'size', 'unmatched'],
  );
  step(`Pathways with p < 0.05 (${result.pathways.length})`);
  table(
    result.pathways.map((p) => ({ list: p.list, pathway: p.identifier, 'p-value': p.pValue.toExponential(2), description: p.description })),
    ['list', 'pathway', 'p-value', 'description'],
  );
  if (result.pathwayList) console.log(`\n  list ${result.pathwayList.name}: ${result.pathwayList.size} ${result.pathwayList.type} objects`);

  step('Region query → FASTA (D. melanogaster exons and introns in 2L:14614843..14619614, 2R:5866646..5868384)');
  const regions = mine.regions({ organism: 'D. melanogaster', featureTypes: ['Exon', 'Intron'], regions: ['2L:14614843..14619614', '2R:5866646..5868384'] });
  let records = 0;
  for await (const line of regions.fasta()) {
    if (line.startsWith('>')) records++;
    console.log(`  ${line.length > 76 ? `${line.slice(0, 75)}…` : line}`);
  }
  console.log(`  (${records} FASTA records)`);
  return undefined;
}

async function idr(): Promise<undefined> {
  step('Screen 102 study annotations, plates, plate grid, image, thumbnails, bulk annotation, gene search');
  const summary = await runWalkthrough(new Idr({ hooks }), { log });
  const study = summary.studyInfo;
  table(
    ['Study Type', 'Organism', 'Release Date', 'License'].map((key) => ({ key, value: study[key]?.join('; ') })),
    ['key', 'value'],
  );
  step('What the walkthrough found');
  table(
    [
      { step: 'plates in screen 102', result: `${summary.plateIds.length} (${summary.plateIds.slice(0, 4).join(', ')}, …)` },
      { step: 'plate grid', result: `${summary.gridSize.rows}×${summary.gridSize.columns}, ${summary.gridSize.imaged} imaged wells` },
      {
        step: 'image',
        result: `${summary.image.id} ${summary.image.name}${summary.image.size ? ` (${summary.image.size.width}×${summary.image.size.height}, ${summary.image.size.c} ch)` : ''}`,
      },
      { step: 'thumbnail', result: `${summary.thumbnailBytes} bytes (JPEG)` },
      { step: 'batch thumbnails', result: `${summary.batchThumbnails.fetched} fetched, ${summary.batchThumbnails.missing} missing` },
      {
        step: 'bulk annotation',
        result: summary.bulkRow
          ? Object.entries(summary.bulkRow)
              .slice(0, 3)
              .map(([k, v]) => `${k}=${String(v)}`)
              .join(', ')
          : 'none',
      },
      { step: 'file annotations', result: summary.downloads.map((d) => d.name).join(', ') },
    ],
    ['step', 'result'],
  );
  step('Gene CDC20 → screens → plates → images');
  table(
    summary.gene.screens.flatMap((s) => s.plates.map((p) => ({ screen: `${s.id} ${s.name}`, plate: p.id, images: p.images }))),
    ['screen', 'plate', 'images'],
  );
  return undefined;
}

/** The EMX upload: offline, the exact bytes recorded in the MOLGENIS fixtures. */
async function recordedZip(): Promise<{ name: string; data: Uint8Array }> {
  const { fixtures } = await import('@bio/molgenis/testing');
  for (const fixture of fixtures()) {
    for (const exchange of fixture.exchanges) {
      const body = exchange.request.body;
      if (body && 'multipart' in body) {
        const file = body.multipart.file;
        if (typeof file === 'object' && file.base64 && file.filename.endsWith('.zip') && fixture.name.startsWith('session')) {
          return { name: file.filename, data: new Uint8Array(Buffer.from(file.base64, 'base64')) };
        }
      }
    }
  }
  throw new Error('no recorded EMX upload in the MOLGENIS fixtures');
}

async function molgenis(): Promise<string | undefined> {
  let options: MolgenisOptions;
  let user: string;
  let password: string;
  let zip: { name: string; data: Uint8Array };
  if (live) {
    const { MOLGENIS_URL, MOLGENIS_USER, MOLGENIS_PASSWORD, MOLGENIS_ZIP } = process.env;
    if (!MOLGENIS_URL || !MOLGENIS_USER || !MOLGENIS_PASSWORD || !MOLGENIS_ZIP) {
      return 'there is no public MOLGENIS to write to; set MOLGENIS_URL, MOLGENIS_USER, MOLGENIS_PASSWORD and MOLGENIS_ZIP';
    }
    options = { baseUrl: MOLGENIS_URL, hooks };
    user = MOLGENIS_USER;
    password = MOLGENIS_PASSWORD;
    zip = { name: basename(MOLGENIS_ZIP), data: new Uint8Array(await readFile(MOLGENIS_ZIP)) };
  } else {
    options = { baseUrl: 'https://molgenis.example.org', hooks };
    user = 'data-manager';
    password = 'dm-secret';
    zip = await recordedZip();
  }
  step('Login, RSQL query, add, addAll, update, delete, EMX upload, logout');
  const s = await runSession(options, user, password, zip, live ? 2000 : 0);
  table(
    [
      { step: 'login', result: s.user },
      { step: 'get celiacsprue (weight ≥ 80 and height < 180, or Female)', result: s.matches.join(', ') },
      { step: 'add Person', result: `id ${s.personId}` },
      { step: 'addAll demo_sightings', result: s.sightingIds.join(', ') },
      { step: 'update 157 type → unicorn; delete 159', result: 'done' },
      { step: `import ${zip.name}`, result: `${s.importStatus}${s.importedEntities ? ` (${s.importedEntities})` : ''}` },
    ],
    ['step', 'result'],
  );
  return undefined;
}

async function mygene(): Promise<undefined> {
  const mg = new MyGene({ hooks });

  step('Gene 1017');
  const gene = await mg.gene('1017', { fields: ['symbol', 'name'] });
  table([{ id: '1017', symbol: gene?.symbol, name: gene?.name }], ['id', 'symbol', 'name']);

  step("Query 'cdk2' with facets (taxid, type_of_gene), hits filtered to human");
  const res = await mg.query('cdk2', { size: 1, facets: ['taxid', 'type_of_gene'], speciesFacetFilter: 'human' });
  table(
    (res.hits ?? []).map((h) => ({ _id: h._id, symbol: h.symbol, name: h.name, taxid: h.taxid })),
    ['_id', 'symbol', 'name', 'taxid'],
  );
  console.log(`  ${res.total} hits in all; facets:`);
  table(
    Object.entries(res.facets ?? {}).flatMap(([facet, f]) => f.terms.map((t) => ({ facet, term: t.term, count: t.count }))),
    ['facet', 'term', 'count'],
    '    ',
  );

  step('A batch of ids with a missing one and a duplicate: 1017, tp53, dummy (human and rat)');
  const many = await mg.queryMany(['1017', 'tp53', 'dummy'], { scopes: ['entrezgene', 'symbol'], species: ['human', 'rat'] });
  table(
    many.hits.map((h) => ({ query: h.query, _id: h._id, symbol: h.symbol, taxid: h.taxid })),
    ['query', '_id', 'symbol', 'taxid'],
  );
  console.log(`  missing: ${many.missing.join(', ') || 'none'}; several hits: ${many.duplicates.map((d) => `${d.query} (${d.count})`).join(', ') || 'none'}`);

  step("Scroll through every hit of 'brain' (fetch_all)");
  const scrolled: { _id: string; symbol: string | undefined; name: string | undefined }[] = [];
  for await (const hit of mg.fetchAll('brain')) scrolled.push({ _id: String(hit._id), symbol: hit.symbol, name: hit.name });
  table(scrolled, ['_id', 'symbol', 'name']);
  return undefined;
}

async function main(): Promise<void> {
  const started = performance.now();
  console.log(`@bio demo — ${live ? 'live services' : 'offline, answered from the recorded fixtures (pnpm demo --live for the real services)'}`);

  let close = (): void => {};
  if (!live) {
    const [{ setupServer }, mg, im, omero, mo] = await Promise.all([
      import('msw/node'),
      import('@bio/mygene/testing'),
      import('@bio/intermine/testing'),
      import('@bio/idr/testing'),
      import('@bio/molgenis/testing'),
    ]);
    const server = setupServer(...mg.handlers(), ...im.handlers(), ...omero.handlers(), ...mo.handlers());
    server.listen({ onUnhandledRequest: 'error' });
    close = () => server.close();
  }
  try {
    await section('intermine', 'InterMine — FlyMine enrichment workflow and a region query', intermine);
    await section('idr', 'IDR — the IDR API walkthrough (screen 102)', idr);
    await section('molgenis', 'MOLGENIS — a data-manager session', molgenis);
    await section('mygene', 'MyGene.info — gene, query with facets, batch, scroll', mygene);
  } finally {
    close();
  }

  const failed = sections.filter((s) => !s.ok).length;
  const skipped = sections.filter((s) => s.skipped).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `\ndemo: ${sections.length} services, ${requests} requests, ${live ? 'live' : 'all offline'}, ${failed} errors${skipped ? `, ${skipped} skipped` : ''} (${seconds} s)`,
  );
  process.exitCode = failed > 0 ? 1 : 0;
}

await main();
