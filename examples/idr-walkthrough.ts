// The IDR API tutorial (IDR_API_example_script.ipynb), step by step, with @bio/idr.
//
//   pnpm tsx examples/idr-walkthrough.ts          # against the recorded fixtures (no network)
//   pnpm tsx examples/idr-walkthrough.ts --live   # against https://idr.openmicroscopy.org
//
// The tutorial's mapr steps (gene → screens → plates → images) use the search engine on IDR,
// where the mapr JSON API has been switched off.
import { fileURLToPath } from 'node:url';
import { Idr, isJpeg, type PlateId, type ScreenId, toMap, type WellId } from '@bio/idr';

/** What the walkthrough found, for tests and for printing. */
export interface WalkthroughSummary {
  studyInfo: Record<string, string[]>;
  plateIds: number[];
  gridSize: { rows: number; columns: number; imaged: number };
  image: { id: number; name: string; size?: { width: number; height: number; c: number } };
  imageAnnotations: Record<string, string[]>;
  thumbnailBytes: number;
  batchThumbnails: { fetched: number; missing: number };
  bulkRow: Record<string, unknown> | undefined;
  downloads: { id: number; name: string; url: string }[];
  gene: { screens: { id: number; name: string; plates: { id: number; images: number }[] }[] };
}

/** Options of {@link runWalkthrough}. */
export interface WalkthroughOptions {
  screenId?: number;
  bulkWell?: number;
  fileScreen?: number;
  gene?: string;
  log?: (line: string) => void;
}

/** Run every step of the tutorial with `idr`; returns what was found. */
export async function runWalkthrough(idr: Idr, options: WalkthroughOptions = {}): Promise<WalkthroughSummary> {
  const log = options.log ?? ((line: string) => console.log(line));
  const screenId = (options.screenId ?? 102) as ScreenId;

  log(`# Study map annotation of screen ${screenId}`);
  const study = await idr.mapAnnotations({ screen: screenId }).toArray();
  for (const ann of study) for (const [key, value] of ann.values) log(`${ann.ns}  ${key}: ${value}`);

  log(`\n# Plates in screen ${screenId}`);
  const plates = await idr.webclient.plates({ screen: screenId }).toArray();
  for (const p of plates) log(`${p.id} ${p.name} ${p.childCount ?? ''}`);
  const plateId = plates.at(-1)?.id as PlateId;

  log(`\n# Plate grid of plate ${plateId}, field 0`);
  const grid = await idr.plateGrid(plateId, { field: 0 });
  const cells = grid.grid.flat().filter((c) => c !== null);
  for (const cell of cells.slice(0, 3)) log(`well ${cell.wellId} image ${cell.imageId} ${cell.thumbUrl} field ${cell.field}`);
  log(`… ${cells.length} imaged wells in ${grid.rowlabels.length}×${grid.collabels.length}`);
  const first = cells[0];
  if (!first) throw new Error(`plate ${plateId} has no images`);

  log(`\n# Image ${first.imageId}`);
  const data = await idr.imageData(first.imageId);
  if (data.status === 'ok')
    log(`${data.meta.imageName}: ${data.size.width}×${data.size.height}, ${data.size.c} channels (${data.channels.map((c) => c.label).join(', ')})`);
  else log(`pixels unavailable: ${data.exception} — dimensions from /api/v0: ${(await idr.image(first.imageId)).Pixels?.SizeX ?? '?'}`);

  log(`\n# Image map annotations`);
  const imageAnns = toMap(await idr.mapAnnotations({ image: first.imageId }).toArray());
  for (const [key, values] of imageAnns) log(`${key}: ${values.join('; ')}`);

  log(`\n# Thumbnails`);
  const thumb = await idr.thumbnail(first.imageId);
  log(`${idr.thumbnailUrl(first.imageId)} → ${thumb.length} bytes, JPEG: ${isJpeg(thumb)}`);
  const batch = await idr.thumbnails(cells.slice(0, 3).map((c) => c.imageId));
  const missing = [...batch.values()].filter((b) => b === null).length;
  log(`get_thumbnails: ${batch.size - missing} fetched, ${missing} without a thumbnail`);

  const bulkWell = (options.bulkWell ?? 45217) as WellId;
  log(`\n# Bulk annotation of well ${bulkWell}`);
  const bulk = await idr.bulkAnnotations({ well: bulkWell });
  const row = bulk.rows[0];
  if (row) for (const column of bulk.columns) log(`${column.name} (${column.type}): ${String(row[column.name])}`);

  const fileScreen = (options.fileScreen ?? 206) as ScreenId;
  log(`\n# File annotations of screen ${fileScreen}`);
  const files = await idr.fileAnnotations({ screen: fileScreen }).toArray();
  for (const f of files) log(`${f.file.name} (${f.ns}) Download URL: ${f.downloadUrl}`);

  const gene = options.gene ?? 'CDC20';
  log(`\n# Gene ${gene} → screens → plates → images`);
  const found = await idr.findByAttribute({ key: 'Gene Symbol', value: gene });
  const geneSummary: WalkthroughSummary['gene'] = { screens: [] };
  for (const container of found.containers) {
    if (container.kind !== 'screen') continue;
    log(`screen ${container.id} ${container.name} (${container.imageCount ?? '?'} images)`);
    const entry = { id: container.id as number, name: container.name, plates: [] as { id: number; images: number }[] };
    geneSummary.screens.push(entry);
    for (const plate of await container.plates()) {
      const images = await plate.images();
      entry.plates.push({ id: plate.id, images: images.length });
      log(`  plate ${plate.id} ${plate.name ?? ''}: ${images.length} images`);
      for (const image of images.slice(0, 2)) {
        log(`    Image link: ${idr.baseUrl}/webclient/?show=image-${image.id}`);
        log(`    Image viewer link: ${idr.baseUrl}/webclient/img_detail/${image.id}/`);
        log(`    Thumbnail URL: ${idr.thumbnailUrl(image.id)}`);
      }
    }
  }

  return {
    studyInfo: Object.fromEntries(toMap(study)),
    plateIds: plates.map((p) => p.id),
    gridSize: { rows: grid.rowlabels.length, columns: grid.collabels.length, imaged: cells.length },
    image: {
      id: first.imageId,
      name: data.meta?.imageName ?? first.name,
      ...(data.status === 'ok' ? { size: { width: data.size.width, height: data.size.height, c: data.size.c } } : {}),
    },
    imageAnnotations: Object.fromEntries(imageAnns),
    thumbnailBytes: thumb.length,
    batchThumbnails: { fetched: batch.size - missing, missing },
    bulkRow: row,
    downloads: files.map((f) => ({ id: f.id, name: f.file.name, url: f.downloadUrl })),
    gene: geneSummary,
  };
}

async function main(): Promise<void> {
  const live = process.argv.includes('--live');
  if (live) {
    await runWalkthrough(new Idr());
    return;
  }
  // Offline: replay the package's recorded fixtures with msw.
  const { setupServer } = await import('msw/node');
  const { handlers } = await import('@bio/idr/testing');
  const server = setupServer(...handlers());
  server.listen({ onUnhandledRequest: 'error' });
  try {
    await runWalkthrough(new Idr());
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
